-- doel: de declaratieregels achter UPC04 (producttarief boven het contracttarief)
-- grain: één rij per declaratieregel
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_declaratieregels_status
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where boven_contracttarief_eur > 0
        and status not in ('geen_toewijzing', 'andere_aanbieder', 'ander_product')
),

final as (
    select
        signaal_sleutel('UPC04', aanbieder_agb, jaar, null) as signaal_id,
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
        boven_contracttarief_eur as onrechtmatig_eur,
        '0611: producttarief € ' || replace(format('{:.2f}', producttarief_eur), '.', ',')
            || ' boven het contracttarief € '
            || replace(format('{:.2f}', contracttarief_eur), '.', ',') as toelichting
    from regels
)

select * from final
