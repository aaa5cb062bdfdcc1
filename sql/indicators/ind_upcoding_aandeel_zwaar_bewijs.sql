-- doel: de declaratieregels achter UPC01: de regels op de zwaarste aangeboden intensiteit van
--   de beoordeelde aanbieders
-- grain: één rij per declaratieregel
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: int_declaratieregels_status, ind_upcoding_aandeel_zwaar (met de zwaarste intensiteit)
with signalen as (
    select aanbieder_agb, jaar, reikwijdte, perceel, zwaarste as intensiteit
    from indicators.ind_upcoding_aandeel_zwaar
),

final as (
    select
        reikwijdte,
        'declaratie' as bron,
        declaratieregel_id,
        -- A peer signal: no single line is unlawful by itself (onrechtmatig_eur stays empty).
        'zwaarste aangeboden intensiteit (' || intensiteit || ') in ' || perceel as toelichting
    -- The lines at the heaviest level of the judged perceel and year.
    from intermediate.int_declaratieregels_status
    inner join signalen using (aanbieder_agb, jaar, perceel, intensiteit)
    where status not in ('dubbel', 'afgewezen_door_gemeente')
)

select * from final
