-- doel: voor de controller per aanbieder en jaar de gedeclareerde omzet in de regio (per gemeente
--   en samen), de vereiste soort verantwoording en het verschil met de aangeleverde
--   productieverantwoording
-- grain: één rij per aanbieder_agb × jaar met declaraties of verantwoording
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status, int_aanbieders, stg_verantwoording
-- parameters: verantwoording_drempel_eur, verantwoording_verschil_min_eur,
--   verantwoording_verschil_min_aandeel
-- toelichting: omzet = staande debetregels na creditering, naar jaar van de prestatie. Tot en met
--   verantwoording_drempel_eur regionale omzet volstaat een bestuurdersverklaring, daarboven een
--   controleverklaring. verantwoord_eur is null als de aanbieder voor dat jaar niets aanleverde.
with omzet_per_gemeente as (
    select aanbieder_agb, jaar, gemeentecode, sum(bedrag_eur) as omzet_eur
    from intermediate.int_declaratieregels_status
    group by aanbieder_agb, jaar, gemeentecode
),

omzet as (
    select
        aanbieder_agb,
        jaar,
        sum(omzet_eur) as omzet_regio_eur,
        count(*) as aantal_gemeenten,
        max(omzet_eur) as hoogste_omzet_gemeente_eur,
        string_agg(
            gemeentecode || ': ' || euro_tekst(omzet_eur), '; ' order by omzet_eur desc
        ) as omzet_per_gemeente
    from omzet_per_gemeente
    group by aanbieder_agb, jaar
),

verantwoord as (
    select
        aanbieder_agb,
        jaar,
        sum(bedrag_eur) as verantwoord_eur,
        count(distinct gemeentecode) as aantal_gemeenten_verantwoord
    from stg.stg_verantwoording
    group by aanbieder_agb, jaar
),

samen as (
    select
        coalesce(o.aanbieder_agb, v.aanbieder_agb) as aanbieder_agb,
        coalesce(o.jaar, v.jaar) as jaar,
        coalesce(o.omzet_regio_eur, 0) as omzet_regio_eur,
        coalesce(o.aantal_gemeenten, 0) as aantal_gemeenten,
        o.hoogste_omzet_gemeente_eur,
        o.omzet_per_gemeente,
        v.verantwoord_eur,
        v.aantal_gemeenten_verantwoord
    from omzet as o
    full outer join verantwoord as v on v.aanbieder_agb = o.aanbieder_agb and v.jaar = o.jaar
),

final as (
    select
        s.aanbieder_agb,
        coalesce(a.naam, 'AGB ' || s.aanbieder_agb) as naam,
        s.jaar,
        s.aantal_gemeenten,
        s.omzet_per_gemeente,
        s.hoogste_omzet_gemeente_eur,
        s.omzet_regio_eur,
        case
            when s.omzet_regio_eur <= getvariable('verantwoording_drempel_eur')
                then 'bestuurdersverklaring'
            else 'controleverklaring'
        end as vereiste_verantwoording,
        s.verantwoord_eur is not null as heeft_verantwoording,
        s.verantwoord_eur,
        s.aantal_gemeenten_verantwoord,
        s.omzet_regio_eur - s.verantwoord_eur as verschil_eur,
        (s.omzet_regio_eur - s.verantwoord_eur) / nullif(s.omzet_regio_eur, 0) as verschil_aandeel,
        coalesce(
            abs(s.omzet_regio_eur - s.verantwoord_eur)
            >= getvariable('verantwoording_verschil_min_eur')
            and abs(s.omzet_regio_eur - s.verantwoord_eur)
            >= getvariable('verantwoording_verschil_min_aandeel') * s.omzet_regio_eur,
            false
        ) as is_verschil_boven_drempel
    from samen as s
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
)

select * from final
