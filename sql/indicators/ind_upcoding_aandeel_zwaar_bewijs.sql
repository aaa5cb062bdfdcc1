-- doel: de declaratieregels achter UPC01: de regels op de zwaarste aangeboden intensiteit van
--   de beoordeelde aanbieders
-- grain: één rij per declaratieregel
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_declaratieregels_status, int_upc_tiermix, ind_upcoding_aandeel_zwaar
with signalen as (
    select s.signaal_id, s.aanbieder_agb, s.jaar, s.perceel, m.zwaarste
    from indicators.ind_upcoding_aandeel_zwaar as s
    inner join intermediate.int_upc_tiermix as m
        on m.aanbieder_agb = s.aanbieder_agb and m.jaar = s.jaar and m.perceel = s.perceel
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
            as toelichting
    from intermediate.int_declaratieregels_status as r
    inner join signalen as s
        on s.aanbieder_agb = r.aanbieder_agb
        and s.jaar = r.jaar
        and s.perceel = r.perceel
        and s.zwaarste = r.intensiteit
    where r.status <> 'dubbel'
)

select * from final
