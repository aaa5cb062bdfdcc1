-- doel: de declaratieregels achter SPK01 (declaratie zonder passende toewijzing)
-- grain: één rij per declaratieregel
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_spk_regels (dezelfde indeling als het signaal)
select
    signaal_id,
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
from intermediate.int_spk_regels
where indicator = 'SPK01'
