-- doel: kwaliteitsmeldingen (klachten, calamiteiten, signalen) per aanbieder
-- grain: één rij per melding
-- bronnen: staging.meldingen
select
    aanbieder_agb,
    datum,
    year(datum) as jaar,
    lower(soort) as soort,
    cast(waarde as double) as waarde,
    omschrijving
from staging.meldingen
