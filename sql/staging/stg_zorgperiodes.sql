-- doel: start- en stopmeldingen (iWmo 305/307) zoals geladen
-- grain: één rij per geladen start- of stopregel
-- sleutel: bestand_id, regelnummer
-- bronnen: staging.zorgperiodes (ingest)
select
    bestand_id,
    regelnummer,
    toewijzingnummer,
    gemeentecode,
    aanbieder_agb,
    client_id,
    productcategorie,
    productcode,
    begindatum,
    einddatum,
    reden_beeindiging
from staging.zorgperiodes
