-- doel: de declaratieregels achter UPC02: de regels op de zwaarste aangeboden intensiteit in
--   het beoordeelde jaar, van cliënten die vorig jaar bij deze aanbieder lichter zaten of nieuw
--   waren
-- grain: één rij per declaratieregel
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_declaratieregels_status, int_upc_clienten, int_upc_tiermix,
--   ind_upcoding_verschuiving
with signalen as (
    select s.signaal_id, s.aanbieder_agb, s.jaar, s.perceel, m.zwaarste
    from indicators.ind_upcoding_verschuiving as s
    inner join intermediate.int_upc_tiermix as m
        on m.aanbieder_agb = s.aanbieder_agb and m.jaar = s.jaar and m.perceel = s.perceel
),

-- Clients already at the heaviest level last year did not shift; leave them out.
al_zwaar as (
    select c.aanbieder_agb, c.jaar + 1 as jaar, c.perceel, c.client_id
    from intermediate.int_upc_clienten as c
    inner join signalen as s
        on s.aanbieder_agb = c.aanbieder_agb and s.jaar = c.jaar + 1 and s.perceel = c.perceel
    where c.intensiteit >= s.zwaarste
),

final as (
    select
        s.signaal_id,
        'declaratie' as bron,
        r.declaratieregel_id,
        r.client_id,
        r.toewijzingnummer,
        r.referentienummer,
        r.productcode,
        r.begindatum,
        r.einddatum,
        r.geleverd_volume as volume,
        r.bedrag_eur,
        -- A peer signal: no single line is unlawful by itself.
        null as onrechtmatig_eur,
        'zwaarste aangeboden intensiteit (' || r.intensiteit || ') in ' || r.perceel
            || '; vorig jaar niet op dit niveau bij deze aanbieder' as toelichting
    from intermediate.int_declaratieregels_status as r
    inner join signalen as s
        on s.aanbieder_agb = r.aanbieder_agb
        and s.jaar = r.jaar
        and s.perceel = r.perceel
        and s.zwaarste = r.intensiteit
    anti join al_zwaar as a
        on a.aanbieder_agb = r.aanbieder_agb
        and a.jaar = r.jaar
        and a.perceel = r.perceel
        and a.client_id = r.client_id
    where r.status <> 'dubbel'
)

select * from final
