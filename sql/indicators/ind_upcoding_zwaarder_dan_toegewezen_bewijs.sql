-- doel: de declaratieregels achter UPC03 (zwaarder product gedeclareerd dan toegewezen)
-- grain: één rij per declaratieregel
-- sleutel: declaratieregel_id
-- bronnen: int_upc_zwaarder_dan_toegewezen
with regels as (
    select * from intermediate.int_upc_zwaarder_dan_toegewezen
),

final as (
    select
        'declaratie' as bron,
        declaratieregel_id,
        meerprijs_eur as onrechtmatig_eur,
        reden || ' (intensiteit ' || intensiteit || ' gedeclareerd, ' || toewijzing_intensiteit
            || ' toegewezen); tarief € ' || replace(format('{:.2f}', producttarief_eur), '.', ',')
            || ' tegen ' || coalesce(
                '€ ' || replace(format('{:.2f}', toegewezen_tarief_eur), '.', ','), 'onbekend'
            )
            || ' voor het toegewezen product' as toelichting
    from regels
)

select * from final
