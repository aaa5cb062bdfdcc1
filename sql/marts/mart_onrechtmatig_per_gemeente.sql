-- doel: het onrechtmatige bedrag van de gemarkeerde regelsignalen per gemeente: waar een gemeente
--   haar eigen terugvordering op voorbereidt; de gemeenten samen geven precies het bedrag van de
--   regio (elke gedeclareerde euro één keer, int_regelsignaal_regels)
-- grain: één rij per aanbieder × jaar × gemeente × perceel × regelsignaal met onrechtmatig geld
-- sleutel: aanbieder_agb, jaar, gemeentecode, perceel, indicator
-- bronnen: int_regelsignaal_regels, mart_signalen
with regels as (
    select * from intermediate.int_regelsignaal_regels
),

signalen as (
    select indicator, aanbieder_agb, jaar, signaal_id
    from marts.mart_signalen
    where soort_belang = 'onrechtmatig' and gemarkeerd
),

final as (
    select
        r.aanbieder_agb,
        r.jaar,
        r.gemeentecode,
        r.perceel,
        r.indicator,
        s.signaal_id,
        count(*) as aantal_regels,
        cast(sum(r.bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        cast(sum(r.onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur
    from regels as r
    inner join signalen as s
        on s.indicator = r.indicator and s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar
    group by r.aanbieder_agb, r.jaar, r.gemeentecode, r.perceel, r.indicator, s.signaal_id
    having sum(r.onrechtmatig_eur) > 0
)

select * from final
