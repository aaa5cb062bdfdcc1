-- doel: de declaratieregels achter UPC03 (zwaarder product gedeclareerd dan toegewezen)
-- grain: één rij per declaratieregel
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_upc_zwaarder_dan_toegewezen
with regels as (
    select * from intermediate.int_upc_zwaarder_dan_toegewezen
),

final as (
    select
        signaal_sleutel('UPC03', aanbieder_agb, jaar, null) as signaal_id,
        'declaratie' as bron,
        declaratieregel_id,
        client_id,
        toewijzingnummer,
        referentienummer,
        productcode,
        begindatum,
        einddatum,
        geleverd_volume as volume,
        bedrag_eur,
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
