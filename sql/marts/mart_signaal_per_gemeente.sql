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

-- The lines are summed once per provider, year and gemeente (and perceel), not once per signal:
-- a provider has many signals, and a national region tens of millions of lines. Clients are
-- counted distinct at both levels (a client can have care in two percelen).
per_perceel as (
    select
        aanbieder_agb, jaar, gemeentecode, perceel,
        sum(bedrag_eur) as gedeclareerd_eur,
        count(distinct client_id) as aantal_clienten
    from regels
    group by aanbieder_agb, jaar, gemeentecode, perceel
),

alle_percelen as (
    select
        aanbieder_agb, jaar, gemeentecode, null::varchar as perceel,
        sum(bedrag_eur) as gedeclareerd_eur,
        count(distinct client_id) as aantal_clienten
    from regels
    group by aanbieder_agb, jaar, gemeentecode
),

per_gemeente as (
    select * from per_perceel
    union all
    select * from alle_percelen
),

hard_geld as (
    select signaal_id, gemeentecode, sum(onrechtmatig_eur) as onrechtmatig_eur
    from marts.mart_onrechtmatig_per_gemeente
    group by signaal_id, gemeentecode
),

final as (
    select
        s.signaal_id,
        g.gemeentecode,
        cast(g.gedeclareerd_eur as decimal(18, 2)) as gedeclareerd_eur,
        g.aantal_clienten,
        cast(coalesce(h.onrechtmatig_eur, 0) as decimal(18, 2)) as onrechtmatig_eur
    from signalen as s
    inner join per_gemeente as g
        on g.aanbieder_agb = s.aanbieder_agb
        and g.jaar = s.jaar
        and g.perceel is not distinct from s.perceel
        and (s.gemeentecode is null or g.gemeentecode = s.gemeentecode)
    left join hard_geld as h on h.signaal_id = s.signaal_id and h.gemeentecode = g.gemeentecode
)

select * from final
