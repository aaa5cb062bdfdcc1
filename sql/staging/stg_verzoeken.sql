-- doel: verzoeken om toewijzing (iWmo 315) en om wijziging (317) van aanbieders, met de uitkomst
--   die de gemeente gaf (319), en het gevraagde volume in een basiseenheid
-- grain: één rij per geladen verzoekregel (315/317 met een product, of een 319-antwoord)
-- sleutel: bestand_id, regelnummer
-- bronnen: staging.verzoeken (ingest)
-- toelichting: alleen het Wmo-domein; iJw-verzoeken (domein 'jeugd') blijven in staging staan
--   maar tellen in de signalen niet mee. Een 319-rij (antwoord op een verzoek) draagt alleen
--   verzoeknummer, aanbieder, gemeente, cliënt en uitkomst (soort '317'): is_antwoord.
--   volume_basis: het gevraagde volume in de basiseenheid van zijn dimensie (tijd in minuten).
with bron as (
    select * from staging.verzoeken
    where domein = 'wmo'
),

final as (
    select
        bestand_id,
        regelnummer,
        verzoeknummer,
        soort,
        aanbieder_agb,
        gemeentecode,
        client_id,
        toewijzingnummer,
        productcategorie,
        productcode,
        cast(volume as double) as volume,
        eenheid,
        frequentie,
        cast(volume as double) * eenheid_factor(eenheid) as volume_basis,
        eenheid_dimensie(eenheid) as eenheid_dimensie,
        ingangsdatum,
        einddatum,
        reden,
        verzoekdatum,
        uitkomst,
        productcategorie is null and productcode is null and uitkomst is not null as is_antwoord
    from bron
)

select * from final
