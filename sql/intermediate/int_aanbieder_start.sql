-- doel: de start van elke aanbieder, één keer voor VOL01 en VOL02: de eerste maand met een
--   (niet afgewezen) declaratie, of contract_vanaf uit het aanbiedersbestand als dat eerder ligt
--   (een oud contract maakt een aanbieder niet nieuw), en of die start ver genoeg na het begin van
--   de geladen gegevens ligt om iets te zeggen (wie er vanaf het begin is, kan ouder zijn dan de
--   data)
-- grain: één rij per aanbieder met een declaratie
-- sleutel: aanbieder_agb
-- bronnen: int_declaratieregels_status, stg_aanbieders
-- parameters: nieuw_aanloop_maanden
-- toelichting: nieuw in een jaar (macro is_nieuw_in_jaar) = start_na_aanloop en de start ligt
--   minder dan nieuw_max_maanden voor het einde van dat jaar.
with regels as (
    select aanbieder_agb, maand
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

peil as (
    select min(maand) as eerste_maand from regels
),

per_aanbieder as (
    select
        r.aanbieder_agb,
        min(r.maand) as eerste_declaratie_maand,
        least(
            min(r.maand),
            coalesce(date_trunc('month', any_value(a.contract_vanaf)), min(r.maand))
        ) as start_maand
    from regels as r
    left join stg.stg_aanbieders as a on a.aanbieder_agb = r.aanbieder_agb
    group by r.aanbieder_agb
),

final as (
    select
        s.aanbieder_agb,
        s.eerste_declaratie_maand,
        cast(s.start_maand as date) as start_maand,
        s.start_maand >= p.eerste_maand
        + to_months(cast(getvariable('nieuw_aanloop_maanden') as integer)) as start_na_aanloop
    from per_aanbieder as s
    cross join peil as p
)

select * from final
