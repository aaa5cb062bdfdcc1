-- doel: de productieverantwoording van aanbieders
-- grain: één rij per aanbieder × jaar × gemeente × productcode × stap zoals aangeleverd
-- bronnen: staging.verantwoording
-- toelichting: stap (voorlopig, concept, definitief) en ontvangen_datum zijn optioneel; een rij
--   zonder stap is een definitief totaal (zo leverden oude bestanden aan);
--   is_stap_aangeleverd zegt of de stap in het bestand stond.
select
    aanbieder_agb,
    jaar,
    gemeentecode,
    productcode,
    cast(bedrag as decimal(18, 2)) as bedrag_eur,
    coalesce(lower(stap), 'definitief') as stap,
    stap is not null as is_stap_aangeleverd,
    ontvangen_datum
from staging.verantwoording
