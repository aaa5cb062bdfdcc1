-- doel: per toewijzing de hele maanden waarin zij liep, de zorg niet gestopt was (geen 307) en
--   de aanbieder kon declareren, met of hij erop declareerde en of de maand in een slapende
--   reeks valt (slapend_min_maanden of meer maanden achter elkaar zonder declaratie); de basis
--   van KWA07
-- grain: één rij per toewijzing × maand
-- sleutel: gemeentecode, toewijzingnummer, maand
-- bronnen: int_toewijzing_start_levering, int_declaratieregels_status
-- parameters: slapend_min_maanden
-- toelichting: een maand telt als de toewijzing de hele maand liep (ingangsdatum op of vóór de
--   eerste dag, einddatum op of na de laatste), er geen stop (307) vóór het einde van de maand
--   lag, de gemeente meldingen aanleverde (anders is een stop niet te zien) en de maand binnen
--   de geladen declaraties valt: vanaf de eerste geladen prestatie van de gemeente en tot en met
--   de laatste maand waarin de aanbieder bij die gemeente declareerde (wat daarna komt, kan nog
--   onderweg zijn). Gestart of niet: ook een toewijzing zonder start houdt een plek vast.
--   is_gedeclareerd: een declaratieregel van de aanbieder en cliënt van de toewijzing (ook een
--   afgewezen regel: de aanbieder was actief) raakt de maand.
with toewijzingen as (
    select *
    from intermediate.int_toewijzing_start_levering
    where meldingen_vanaf is not null and aanbieder_laatste_declaratiemaand is not null
),

-- The months each toewijzing ran in full, filtered on the toewijzing's own columns right away
-- (gemeentecode × toewijzingnummer is its key, so no join back is needed).
lopend as (
    select
        t.gemeentecode,
        t.toewijzingnummer,
        t.aanbieder_agb,
        t.client_id,
        t.perceel,
        t.ingangsdatum,
        t.einddatum,
        t.zorg_begindatum,
        cast(m.maand as date) as maand
    from toewijzingen as t,
        lateral unnest(generate_series(
            cast(
                date_trunc(
                    'month', greatest(t.ingangsdatum, t.declaraties_vanaf, t.meldingen_vanaf)
                ) as timestamp
            ),
            cast(least(
                t.aanbieder_laatste_declaratiemaand,
                date_trunc('month', least(t.einddatum_of_open, date '9999-01-01'))
            ) as timestamp),
            interval 1 month
        )) as m (maand)
    where cast(m.maand as date) >= t.ingangsdatum
        and last_day(cast(m.maand as date)) <= t.einddatum_of_open
        and cast(m.maand as date) >= t.declaraties_vanaf
        and cast(m.maand as date) >= t.meldingen_vanaf
        and (t.zorg_einddatum is null or t.zorg_einddatum >= last_day(cast(m.maand as date)))
),

gedeclareerde_maanden as (
    select distinct
        t.gemeentecode,
        t.toewijzingnummer,
        cast(m.maand as date) as maand
    from toewijzingen as t
    inner join intermediate.int_declaratieregels_status as r
        on r.gemeentecode = t.gemeentecode
        and r.toewijzingnummer = t.toewijzingnummer
        and r.aanbieder_agb = t.aanbieder_agb
        and r.client_id = t.client_id,
        lateral unnest(generate_series(
            cast(date_trunc('month', r.begindatum) as timestamp),
            cast(date_trunc('month', r.einddatum) as timestamp),
            interval 1 month
        )) as m (maand)
),

met_declaratie as (
    select
        l.*,
        g.maand is not null as is_gedeclareerd
    from lopend as l
    left join gedeclareerde_maanden as g
        on g.gemeentecode = l.gemeentecode
        and g.toewijzingnummer = l.toewijzingnummer
        and g.maand = l.maand
),

-- Gaps and islands: months without a declaration share a reeks with the months since the last
-- declared month (the months of a toewijzing are consecutive by construction).
-- Undeclared months in a row. The lopend months of a toewijzing are consecutive (every bound
-- above cuts off a beginning or an end), so two undeclared months belong to one run exactly
-- when no declared month lies between them: when their month number minus their rank among the
-- undeclared months is the same. Numbered over the undeclared months alone, instead of a
-- running count over every month.
reeksen as (
    select
        gemeentecode,
        toewijzingnummer,
        maand,
        year(maand) * 12 + month(maand) - row_number() over (
            partition by gemeentecode, toewijzingnummer order by maand
        ) as reeks
    from met_declaratie
    where not is_gedeclareerd
),

reekslengtes as (
    select
        gemeentecode,
        toewijzingnummer,
        maand,
        count(*) over (partition by gemeentecode, toewijzingnummer, reeks) as reeks_maanden
    from reeksen
),

final as (
    select
        r.gemeentecode,
        r.toewijzingnummer,
        r.maand,
        r.aanbieder_agb,
        r.client_id,
        r.perceel,
        r.ingangsdatum,
        r.einddatum,
        r.zorg_begindatum,
        year(r.maand) as jaar,
        r.is_gedeclareerd,
        case when r.is_gedeclareerd then 0 else coalesce(l.reeks_maanden, 0) end
            as reeks_maanden,
        not r.is_gedeclareerd
        and coalesce(l.reeks_maanden, 0) >= getvariable('slapend_min_maanden') as is_slapend
    from met_declaratie as r
    left join reekslengtes as l
        on l.gemeentecode is not distinct from r.gemeentecode
        and l.toewijzingnummer is not distinct from r.toewijzingnummer
        and l.maand = r.maand
        and not r.is_gedeclareerd
)

select * from final
