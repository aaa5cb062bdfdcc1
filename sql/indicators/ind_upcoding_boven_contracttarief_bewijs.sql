-- doel: de declaratieregels achter UPC04 (producttarief boven het contracttarief)
-- grain: één rij per declaratieregel
-- sleutel: declaratieregel_id
-- bronnen: int_regelsignaal_regels (dezelfde regels en bedragen als het signaal)
with regels as (
    select * from intermediate.int_regelsignaal_regels where indicator = 'UPC04'
),

final as (
    select
        'declaratie' as bron,
        declaratieregel_id,
        -- What is left of the line after an earlier rule signal took its part (one euro once).
        onrechtmatig_eur,
        -- The iWmo check this line fails (TR611: tariff above the agreed one).
        '0611' as retourcode,
        '0611: producttarief € ' || replace(format('{:.2f}', producttarief_eur), '.', ',')
            || ' boven het contracttarief € '
            || replace(format('{:.2f}', contracttarief_eur), '.', ',') as toelichting
    from regels
)

select * from final
