-- doel: waar een aanbieder actief is: euro's en cliënten per gemeente en perceel, zodat de
--   risicorangorde en de aanbiederlijst het gemeente- en perceelfilter kunnen volgen
-- grain: één rij per aanbieder × jaar × gemeente × perceel
-- sleutel: aanbieder_agb, jaar, gemeentecode, perceel
-- bronnen: int_declaratieregels_status
with regels as (
    -- Rejected by the gemeente (WMO325): never paid, not counted.
    select * from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

final as (
    select
        aanbieder_agb,
        cast(jaar as integer) as jaar,
        gemeentecode,
        perceel,
        cast(sum(bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        count(distinct client_id) as aantal_clienten
    from regels
    group by aanbieder_agb, jaar, gemeentecode, perceel
)

select * from final
