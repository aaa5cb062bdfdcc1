-- doel: toewijzingen (iWmo 301) zoals geladen, met volume omgerekend naar een basiseenheid
-- grain: één rij per geladen toewijzingsregel (ook oudere versies van dezelfde toewijzing)
-- sleutel: bestand_id, regelnummer
-- bronnen: staging.toewijzingen_versies (ingest: elke geleverde versie; staging.toewijzingen
--   houdt alleen de geldende)
-- toelichting: alleen het Wmo-domein; iJw-toewijzingen (domein 'jeugd') blijven in staging
--   staan maar tellen in de signalen niet mee.
with bron as (
    select * from staging.toewijzingen_versies
    where domein = 'wmo'
),

final as (
    select
        bestand_id,
        regelnummer,
        toewijzingnummer,
        client_id,
        gemeentecode,
        aanbieder_agb,
        productcategorie,
        productcode,
        ingangsdatum,
        einddatum,
        cast(volume as double) as volume,
        eenheid,
        frequentie,
        cast(budget as decimal(18, 2)) as budget_eur,
        toewijzingsdatum,
        reden_wijziging
    from bron
)

select * from final
