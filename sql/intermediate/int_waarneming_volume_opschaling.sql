-- doel: de waarneming achter VOL03 voor de gedeelde peerstatistiek: per aanbieder, perceel en
--   jaar het aandeel van de herindicaties van lopende cliënten dat opwaarts is (meer volume of
--   een zwaarder product), tegen het mediane aandeel van de andere aanbieders in hetzelfde
--   perceel (funnelplot op de hoekschaal, overdispersie over de aanbieders van het perceel)
-- grain: één rij per aanbieder × perceel × jaar met minstens toewijzingen_min_aantal
--   herindicaties, in een perceel met minstens min_peers andere zulke aanbieders
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_vol_opschaling, int_upc_verzoeken
-- parameters: toewijzingen_min_aantal, min_peers
-- toelichting: de mediaan van de peers en niet hun gepoolde aandeel: één grote aanbieder die
--   opschaalt, tilt anders de verwachting van iedereen op. Geen terugval op de regio: hoe vaak
--   een herindicatie meer volume geeft, hangt van het perceel af. financieel_belang: de
--   meerkosten van de opwaartse herindicaties, voor het deel boven de peerverwachting
--   (1 − p0 / p). verzoeken_*: de verzoeken (315/317) van de aanbieder in dat perceel in dat
--   jaar of het jaar ervoor die om meer volume of een zwaarder product vroegen, waar geladen.
with per_aanbieder as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) as aantal_herindicaties,
        count(*) filter (where is_opwaarts) as aantal_opwaarts,
        count(*) filter (where is_meer_volume) as aantal_meer_volume,
        count(*) filter (where is_zwaarder) as aantal_zwaarder,
        count(*) filter (where is_opwaarts and vorig_reden_wijziging = '12')
            as aantal_opwaarts_op_initiatief_aanbieder,
        count(distinct client_id) as aantal_clienten,
        coalesce(sum(meerkosten_eur), 0) as meerkosten_eur
    from intermediate.int_vol_opschaling
    group by aanbieder_agb, perceel, jaar
),

beoordeelbaar as (
    select * from per_aanbieder
    where aantal_herindicaties >= getvariable('toewijzingen_min_aantal')
),

met_peers as (
    select
        *,
        count(*) over peers as aantal_peers,
        greatest(
            median(aantal_opwaarts / aantal_herindicaties) over peers,
            0.5 / (coalesce(sum(aantal_herindicaties) over peers, 0) + 1)
        ) as peer_aandeel
    from beoordeelbaar
    window peers as (
        partition by perceel, jaar
        rows between unbounded preceding and unbounded following exclude current row
    )
),

verzoeken as (
    select
        m.aanbieder_agb,
        m.perceel,
        m.jaar,
        count(*) filter (where v.is_opwaarts) as verzoeken_opwaarts,
        count(*) filter (where v.is_opwaarts and v.is_gevolgd) as verzoeken_opwaarts_gevolgd
    from met_peers as m
    inner join intermediate.int_upc_verzoeken as v
        on v.aanbieder_agb = m.aanbieder_agb
        and v.perceel = m.perceel
        and v.jaar between m.jaar - 1 and m.jaar
    group by m.aanbieder_agb, m.perceel, m.jaar
),

final as (
    select
        'VOL03' as indicator,
        m.aanbieder_agb,
        m.jaar,
        m.perceel as reikwijdte,
        'aandeel_hoek' as methode,
        m.aantal_opwaarts as teller,
        m.aantal_herindicaties as noemer,
        m.aantal_opwaarts / m.aantal_herindicaties as waarde,
        m.peer_aandeel as referentiewaarde,
        m.perceel as spreidingsgroep,
        bedrag_op_centen(
            m.meerkosten_eur * greatest(
                0,
                coalesce(
                    1 - m.peer_aandeel / nullif(m.aantal_opwaarts / m.aantal_herindicaties, 0), 0
                )
            )
        ) as financieel_belang,
        m.aantal_peers || ' andere aanbieders van ' || m.perceel || ' in ' || m.jaar
            || ' met minstens ' || getvariable('toewijzingen_min_aantal') || ' herindicaties'
            as peergroep,
        m.perceel,
        m.aantal_clienten,
        m.aantal_peers,
        m.aantal_herindicaties,
        m.aantal_opwaarts,
        m.aantal_meer_volume,
        m.aantal_zwaarder,
        m.aantal_opwaarts_op_initiatief_aanbieder,
        cast(m.meerkosten_eur as decimal(18, 2)) as meerkosten_eur,
        v.verzoeken_opwaarts,
        v.verzoeken_opwaarts_gevolgd
    from met_peers as m
    left join verzoeken as v using (aanbieder_agb, perceel, jaar)
    where m.aantal_peers >= getvariable('min_peers')
)

select * from final
