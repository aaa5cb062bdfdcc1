-- doel: de antwoorden van gemeenten op ingediende prestaties (iWmo 325): toegekend of afgewezen,
--   met de retourcodes
-- grain: één rij per geladen antwoordregel (een prestatie kan meer antwoorden krijgen)
-- sleutel: bestand_id, regelnummer
-- bronnen: staging.declaratie_antwoorden (ingest)
-- toelichting: alleen het Wmo-domein; iJw-antwoorden (domein 'jeugd') blijven in staging staan
--   maar tellen in de signalen niet mee. is_toegekend: toegekend = 'ja'. In de praktijk noemt
--   een 325 alleen de afgewezen prestaties; een prestatie zonder antwoord is 'niet beantwoord'
--   en telt als betaald.
with bron as (
    select * from staging.declaratie_antwoorden
    where domein = 'wmo'
),

final as (
    select
        bestand_id,
        regelnummer,
        referentienummer,
        aanbieder_agb,
        gemeentecode,
        toegekend,
        toegekend = 'ja' as is_toegekend,
        retourcode,
        antwoorddatum,
        declaratienummer
    from bron
)

select * from final
