-- doel: de declaratieregels achter UPC04 (producttarief boven het contracttarief)
-- grain: één rij per declaratieregel
-- sleutel: declaratieregel_id
-- bronnen: int_upc_boven_contracttarief (dezelfde regels als het signaal)
with regels as (
    select * from intermediate.int_upc_boven_contracttarief
),

final as (
    select
        'declaratie' as bron,
        declaratieregel_id,
        boven_contracttarief_eur as onrechtmatig_eur,
        '0611: producttarief € ' || replace(format('{:.2f}', producttarief_eur), '.', ',')
            || ' boven het contracttarief € '
            || replace(format('{:.2f}', contracttarief_eur), '.', ',') as toelichting
    from regels
)

select * from final
