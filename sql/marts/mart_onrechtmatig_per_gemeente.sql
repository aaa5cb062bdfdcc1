-- doel: het onrechtmatige bedrag van de gemarkeerde regelsignalen per gemeente: waar een gemeente
--   haar eigen terugvordering op voorbereidt; de gemeenten samen geven precies het bedrag van de
--   regio (elke gedeclareerde euro één keer, int_regelsignaal_regels)
-- grain: één rij per aanbieder × jaar × gemeente × perceel × regelsignaal met onrechtmatig geld
-- sleutel: aanbieder_agb, jaar, gemeentecode, perceel, indicator
-- bronnen: mart_vorderingsoverzicht (dezelfde regels, opgeteld)
with regels as (
    select * from marts.mart_vorderingsoverzicht
),

final as (
    select
        aanbieder_agb,
        jaar,
        gemeentecode,
        perceel,
        indicator,
        signaal_id,
        count(*) as aantal_regels,
        cast(sum(bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        cast(sum(onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur
    from regels
    group by aanbieder_agb, jaar, gemeentecode, perceel, indicator, signaal_id
)

select * from final
