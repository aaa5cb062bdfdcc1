-- doel: de cijfers en signalen van elke aanbieder opgeteld naar zijn groep: de hoofdaannemer met
--   zijn onderaannemers, en de organisatie (AGB-codes met hetzelfde KvK-nummer); één rij per lid,
--   met zijn akkoordstatus, voor de sectie "Organisatie en onderaannemers"
-- grain: één rij per groep × lid × jaar (de jaren waarin een lid van de groep declareerde)
-- sleutel: groep_soort, groep_id, aanbieder_agb, jaar
-- bronnen: int_onderaanneming, stg_organisaties, int_aanbieders, int_aanbieder_jaar, mart_signalen
-- toelichting: groep_soort 'hoofdaannemer': groep_id is de AGB-code van de hoofdaannemer; leden
--   zijn hij zelf (rol 'hoofdaannemer') en elke onderaannemer uit int_onderaanneming (rol
--   'onderaannemer', met akkoord_status en de periode van het akkoord; bij meer perioden de
--   laatste). groep_soort 'organisatie': groep_id is het KvK-nummer, leden de AGB-codes uit
--   organisaties (alleen organisaties met meer dan één AGB-code: één code is geen groep).
--   Geld: onrechtmatig_eur (hard) en geschat_belang_eur (schatting) van de gemarkeerde signalen
--   staan apart en worden nooit opgeteld.
with hoofd_leden as (
    select
        'hoofdaannemer' as groep_soort,
        hoofdaannemer_agb as groep_id,
        hoofdaannemer_agb as aanbieder_agb,
        'hoofdaannemer' as rol_in_groep,
        cast(null as varchar) as akkoord_status,
        cast(null as date) as akkoord_vanaf,
        cast(null as date) as akkoord_tot
    from intermediate.int_onderaanneming
    group by hoofdaannemer_agb
    union all
    select
        'hoofdaannemer' as groep_soort,
        hoofdaannemer_agb as groep_id,
        onderaannemer_agb as aanbieder_agb,
        'onderaannemer' as rol_in_groep,
        arg_max(akkoord_status, coalesce(geldig_vanaf, date '1900-01-01')) as akkoord_status,
        arg_max(akkoord_vanaf, coalesce(geldig_vanaf, date '1900-01-01')) as akkoord_vanaf,
        arg_max(akkoord_tot, coalesce(geldig_vanaf, date '1900-01-01')) as akkoord_tot
    from intermediate.int_onderaanneming
    where onderaannemer_agb <> hoofdaannemer_agb
    group by hoofdaannemer_agb, onderaannemer_agb
),

organisatie_leden as (
    select
        'organisatie' as groep_soort,
        kvk_nummer as groep_id,
        aanbieder_agb,
        'lid' as rol_in_groep,
        cast(null as varchar) as akkoord_status,
        cast(null as date) as akkoord_vanaf,
        cast(null as date) as akkoord_tot
    from stg.stg_organisaties
    where kvk_nummer in (
        select d.kvk_nummer from stg.stg_organisaties as d
        group by d.kvk_nummer
        having count(*) > 1
    )
),

leden as (
    select * from hoofd_leden
    union all
    select * from organisatie_leden
),

groepsnamen as (
    select
        'hoofdaannemer' as groep_soort,
        aanbieder_agb as groep_id,
        naam as groep_naam
    from intermediate.int_aanbieders
    union all
    select distinct
        'organisatie' as groep_soort,
        kvk_nummer as groep_id,
        organisatienaam as groep_naam
    from stg.stg_organisaties
),

jaren as (
    select distinct
        l.groep_soort,
        l.groep_id,
        j.jaar
    from leden as l
    inner join intermediate.int_aanbieder_jaar as j on j.aanbieder_agb = l.aanbieder_agb
),

signalen as (
    select
        aanbieder_agb,
        jaar,
        count(*) filter (where gemarkeerd) as aantal_signalen,
        cast(coalesce(sum(onrechtmatig_eur) filter (where gemarkeerd), 0) as decimal(18, 2))
            as onrechtmatig_eur,
        cast(coalesce(sum(geschat_belang_eur) filter (where gemarkeerd), 0) as decimal(18, 2))
            as geschat_belang_eur
    from marts.mart_signalen
    group by aanbieder_agb, jaar
),

final as (
    select
        l.groep_soort,
        l.groep_id,
        coalesce(g.groep_naam, l.groep_id) as groep_naam,
        l.aanbieder_agb,
        coalesce(a.naam, 'AGB ' || l.aanbieder_agb) as naam,
        l.rol_in_groep,
        l.akkoord_status,
        l.akkoord_vanaf,
        l.akkoord_tot,
        j.jaar,
        cast(coalesce(o.gedeclareerd_eur, 0) as decimal(18, 2)) as gedeclareerd_eur,
        coalesce(o.aantal_clienten, 0) as aantal_clienten,
        coalesce(s.aantal_signalen, 0) as aantal_signalen,
        coalesce(s.onrechtmatig_eur, 0) as onrechtmatig_eur,
        coalesce(s.geschat_belang_eur, 0) as geschat_belang_eur
    from leden as l
    inner join jaren as j on j.groep_soort = l.groep_soort and j.groep_id = l.groep_id
    left join groepsnamen as g on g.groep_soort = l.groep_soort and g.groep_id = l.groep_id
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = l.aanbieder_agb
    left join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = l.aanbieder_agb and o.jaar = j.jaar
    left join signalen as s on s.aanbieder_agb = l.aanbieder_agb and s.jaar = j.jaar
)

select * from final
