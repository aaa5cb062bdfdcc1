-- doel: de signalen van de toegang per aanbieder geteld per kwartaal en soort, zonder
--   omschrijving; de telling die contractmanagement ziet, met kleine aantallen afgeschermd
-- grain: één rij per aanbieder × jaar × kwartaal × soort met minstens één signaal
-- sleutel: aanbieder_agb, jaar, kwartaal, soort
-- bronnen: mart_toegangssignalen
-- parameters: min_celgrootte
-- toelichting: aantal is de echte telling (alleen voor toezicht); aantal_getoond is leeg als de
--   telling onder min_celgrootte ligt. Is er in een aanbieder × jaar precies één zo'n kleine
--   cel, dan wordt ook de kleinste andere cel afgeschermd, zodat het jaartotaal van KWA05 min
--   de getoonde cellen de kleine cel niet verraadt.
with tellingen as (
    select
        aanbieder_agb,
        jaar,
        kwartaal,
        soort,
        count(*) as aantal
    from marts.mart_toegangssignalen
    group by aanbieder_agb, jaar, kwartaal, soort
),

primair as (
    select
        *,
        aantal < getvariable('min_celgrootte') as is_klein
    from tellingen
),

met_rang as (
    select
        *,
        count(*) filter (where is_klein) over (partition by aanbieder_agb, jaar) as aantal_klein,
        row_number() over (
            partition by aanbieder_agb, jaar, is_klein order by aantal, kwartaal, soort
        ) as rang_naar_grootte
    from primair
),

final as (
    select
        aanbieder_agb,
        jaar,
        kwartaal,
        soort,
        cast(aantal as integer) as aantal,
        is_klein
        or (aantal_klein = 1 and not is_klein and rang_naar_grootte = 1) as is_afgeschermd,
        case
            when not (
                is_klein
                or (aantal_klein = 1 and not is_klein and rang_naar_grootte = 1)
            )
                then cast(aantal as integer)
        end as aantal_getoond
    from met_rang
)

select * from final
