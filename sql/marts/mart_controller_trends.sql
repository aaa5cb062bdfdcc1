-- doel: de volumetrends voor control: gedeclareerde euro's, cliënten en volume per gemeente,
--   perceel, product en maand; de bron van de jaarvergelijking, de specificatie per zorgsoort
--   en de prognose in het dashboard
-- grain: één rij per gemeente × perceel × productcode × maand (maand van de begindatum van de
--   prestatie)
-- sleutel: gemeentecode, perceel, productcode, maand
-- bronnen: int_declaratieregels_status, stg_gemeenten, stg_producten
-- toelichting: alleen staande regels (credits zijn al gesaldeerd). gedeclareerd_eur, cliënten,
--   regels en volume tellen alleen wat de gemeente niet afwees; afgewezen_eur is het bedrag dat
--   zij afwees (WMO325, niet betaald). aantal_clienten telt unieke
--   cliënten binnen één rij en mag niet over rijen worden opgeteld; unieke aantallen op hoger
--   niveau staan in mart_dash_clienten. uren is het volume in tijdseenheden (minuut, uur,
--   dagdeel) omgerekend naar uren; volume is het geleverde volume in de eenheid van de regels.
with regels as (
    select *, not is_afgewezen_door_gemeente as betaald
    from intermediate.int_declaratieregels_status
),

gemeenten as (
    select gemeentecode, any_value(naam) as naam
    from stg.stg_gemeenten
    group by gemeentecode
),

producten as (
    select * from stg.stg_producten
),

per_maand as (
    select
        gemeentecode,
        perceel,
        productcode,
        maand,
        any_value(jaar) as jaar,
        coalesce(sum(bedrag_eur) filter (where betaald), 0) as gedeclareerd_eur,
        sum(onrechtmatig_eur) as onrechtmatig_eur,
        coalesce(sum(bedrag_eur) filter (where not betaald), 0) as afgewezen_eur,
        count(distinct client_id) filter (where betaald) as aantal_clienten,
        count(distinct aanbieder_agb) filter (where betaald) as aantal_aanbieders,
        count(*) filter (where betaald) as aantal_regels,
        sum(geleverd_volume) filter (where betaald) as volume,
        mode(eenheid) as eenheid,
        sum(case when eenheid_dimensie(eenheid) = 'tijd' then volume_basis / 60.0 end)
            filter (where betaald) as uren
    from regels
    group by gemeentecode, perceel, productcode, maand
),

final as (
    select
        m.jaar,
        m.maand,
        m.gemeentecode,
        coalesce(g.naam, 'Gemeente ' || m.gemeentecode) as gemeente,
        m.perceel,
        m.productcode,
        coalesce(p.omschrijving, m.productcode) as productomschrijving,
        p.intensiteit,
        m.eenheid,
        cast(m.gedeclareerd_eur as decimal(18, 2)) as gedeclareerd_eur,
        cast(m.onrechtmatig_eur as decimal(18, 2)) as onrechtmatig_eur,
        cast(m.afgewezen_eur as decimal(18, 2)) as afgewezen_eur,
        m.aantal_clienten,
        m.aantal_aanbieders,
        m.aantal_regels,
        m.volume,
        m.uren
    from per_maand as m
    left join gemeenten as g on g.gemeentecode = m.gemeentecode
    left join producten as p on p.productcode = m.productcode
)

select * from final
