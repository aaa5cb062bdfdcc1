-- doel: de declaratieregels achter UPC03 (zwaarder product gedeclareerd dan toegewezen)
-- grain: één rij per declaratieregel
-- sleutel: declaratieregel_id
-- bronnen: int_regelsignaal_regels (dezelfde regels en bedragen als het signaal)
with regels as (
    select * from intermediate.int_regelsignaal_regels where indicator = 'UPC03'
),

final as (
    select
        'declaratie' as bron,
        declaratieregel_id,
        -- What is left of the line after an earlier rule signal took its part (one euro once).
        onrechtmatig_eur,
        -- The iWmo check this line fails (TR340: product code other than allocated).
        '9340' as retourcode,
        reden || ' (intensiteit ' || intensiteit || ' gedeclareerd, ' || toewijzing_intensiteit
            || ' toegewezen); tarief € ' || replace(format('{:.2f}', producttarief_eur), '.', ',')
            || ' tegen ' || coalesce(
                '€ ' || replace(format('{:.2f}', toegewezen_tarief_eur), '.', ','), 'onbekend'
            )
            || ' voor het toegewezen product' as toelichting
    from regels
)

select * from final
