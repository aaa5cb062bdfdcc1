-- doel: de product- en intensiteitsmix van een aanbieder naast die van zijn peers: welk deel van
--   de euro's binnen een perceel op elke intensiteit valt
-- grain: één rij per aanbieder × jaar × perceel × intensiteit (alle intensiteiten die iemand in dat
--   perceel en jaar declareerde, ook als de aanbieder zelf er niets op declareerde)
-- sleutel: aanbieder_agb, jaar, perceel, intensiteit
-- bronnen: int_declaratieregels_status
-- toelichting: peers zijn alle andere aanbieders die in hetzelfde jaar in hetzelfde perceel
--   declareerden; peer_aandeel_eur is hun gezamenlijke aandeel, gewogen naar euro's.
--   Intensiteit 0 = product dat niet in de productcatalogus staat.
with regels as (
    -- Rejected by the gemeente (WMO325): never paid, not counted.
    select * from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

per_aanbieder as (
    select
        aanbieder_agb,
        cast(jaar as integer) as jaar,
        perceel,
        coalesce(intensiteit, 0) as intensiteit,
        sum(bedrag_eur) as gedeclareerd_eur,
        count(distinct client_id) as aantal_clienten,
        string_agg(distinct productcode, ', ' order by productcode) as productcodes
    from regels
    group by aanbieder_agb, jaar, perceel, coalesce(intensiteit, 0)
),

aanbieder_perceel as (
    select aanbieder_agb, jaar, perceel, sum(gedeclareerd_eur) as eigen_perceel_eur
    from per_aanbieder
    group by aanbieder_agb, jaar, perceel
),

intensiteit_totaal as (
    select jaar, perceel, intensiteit, sum(gedeclareerd_eur) as alle_intensiteit_eur
    from per_aanbieder
    group by jaar, perceel, intensiteit
),

perceel_totaal as (
    select
        jaar,
        perceel,
        sum(eigen_perceel_eur) as alle_perceel_eur,
        count(*) as aanbieders_in_perceel
    from aanbieder_perceel
    group by jaar, perceel
),

final as (
    select
        ap.aanbieder_agb,
        ap.jaar,
        ap.perceel,
        it.intensiteit,
        pa.productcodes,
        cast(coalesce(pa.gedeclareerd_eur, 0) as decimal(18, 2)) as gedeclareerd_eur,
        coalesce(pa.aantal_clienten, 0) as aantal_clienten,
        coalesce(pa.gedeclareerd_eur, 0) / nullif(ap.eigen_perceel_eur, 0) as aandeel_eur,
        (it.alle_intensiteit_eur - coalesce(pa.gedeclareerd_eur, 0))
        / nullif(pt.alle_perceel_eur - ap.eigen_perceel_eur, 0) as peer_aandeel_eur,
        pt.aanbieders_in_perceel - 1 as aantal_peers
    from aanbieder_perceel as ap
    inner join intensiteit_totaal as it on it.jaar = ap.jaar and it.perceel = ap.perceel
    inner join perceel_totaal as pt on pt.jaar = ap.jaar and pt.perceel = ap.perceel
    left join per_aanbieder as pa
        on pa.aanbieder_agb = ap.aanbieder_agb and pa.jaar = ap.jaar
        and pa.perceel = ap.perceel and pa.intensiteit = it.intensiteit
)

select * from final
