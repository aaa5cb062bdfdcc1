-- doel: elk signaal uitgesplitst naar de gemeenten waar het over gaat: wat de aanbieder in die
--   gemeente declareerde (in het perceel van het signaal, als het er een heeft), voor hoeveel
--   cliënten, en het harde onrechtmatige geld van een regelsignaal in die gemeente; een regionaal
--   signaal (gemeentecode leeg) krijgt zo toch per gemeente zijn aandeel
-- grain: één rij per signaal × gemeente waar de aanbieder in dat jaar declareerde
-- sleutel: signaal_id, gemeentecode
-- bronnen: mart_signalen, int_declaratieregels_status, mart_onrechtmatig_per_gemeente
with signalen as (
    select signaal_id, aanbieder_agb, jaar, perceel, gemeentecode
    from marts.mart_signalen
),

-- Rejected by the gemeente (WMO325): never paid, not part of what a gemeente bought.
regels as (
    select aanbieder_agb, jaar, gemeentecode, perceel, client_id, bedrag_eur
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

hard_geld as (
    select signaal_id, gemeentecode, sum(onrechtmatig_eur) as onrechtmatig_eur
    from marts.mart_onrechtmatig_per_gemeente
    group by signaal_id, gemeentecode
),

final as (
    select
        s.signaal_id,
        r.gemeentecode,
        cast(sum(r.bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        count(distinct r.client_id) as aantal_clienten,
        cast(coalesce(any_value(h.onrechtmatig_eur), 0) as decimal(18, 2)) as onrechtmatig_eur
    from signalen as s
    inner join regels as r
        on r.aanbieder_agb = s.aanbieder_agb
        and r.jaar = s.jaar
        and (s.perceel is null or r.perceel = s.perceel)
        and (s.gemeentecode is null or r.gemeentecode = s.gemeentecode)
    left join hard_geld as h on h.signaal_id = s.signaal_id and h.gemeentecode = r.gemeentecode
    group by s.signaal_id, r.gemeentecode
)

select * from final
