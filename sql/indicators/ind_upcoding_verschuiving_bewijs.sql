-- doel: de declaratieregels achter UPC02: de regels op de zwaarste aangeboden intensiteit in
--   het beoordeelde jaar, van cliënten die vorig jaar bij deze aanbieder lichter zaten of nieuw
--   waren
-- grain: één rij per declaratieregel
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: int_declaratieregels_status, int_upc_clienten, ind_upcoding_verschuiving (met de
--   zwaarste intensiteit)
with signalen as (
    select aanbieder_agb, jaar, reikwijdte, perceel, zwaarste as intensiteit
    from indicators.ind_upcoding_verschuiving
),

-- Clients already at the heaviest level last year did not shift; leave them out.
al_zwaar as (
    select c.aanbieder_agb, c.jaar + 1 as jaar, c.perceel, c.client_id
    from intermediate.int_upc_clienten as c
    inner join signalen as s
        on s.aanbieder_agb = c.aanbieder_agb and s.jaar = c.jaar + 1 and s.perceel = c.perceel
    where c.intensiteit >= s.intensiteit
),

final as (
    select
        reikwijdte,
        'declaratie' as bron,
        declaratieregel_id,
        -- A peer signal: no single line is unlawful by itself (onrechtmatig_eur stays empty).
        'zwaarste aangeboden intensiteit (' || intensiteit || ') in ' || perceel
            || '; vorig jaar niet op dit niveau bij deze aanbieder' as toelichting
    -- The lines at the heaviest level of the judged perceel and year.
    from intermediate.int_declaratieregels_status
    inner join signalen using (aanbieder_agb, jaar, perceel, intensiteit)
    anti join al_zwaar using (aanbieder_agb, jaar, perceel, client_id)
    where status not in ('dubbel', 'afgewezen_door_gemeente')
)

select * from final
