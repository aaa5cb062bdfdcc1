-- doel: de declaratieregels achter SPK01 (declaratie zonder passende toewijzing)
-- grain: één rij per declaratieregel
-- bronnen: int_declaratieregels_status
select
    signaal_sleutel('SPK01', aanbieder_agb, jaar, null) as signaal_id,
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
    onrechtmatig_eur,
    reden as toelichting
from intermediate.int_declaratieregels_status
where status in ('geen_toewijzing', 'andere_aanbieder', 'ander_product')
    and not (
        status = 'ander_product'
        and perceel = toewijzing_perceel
        and intensiteit > toewijzing_intensiteit
    )
