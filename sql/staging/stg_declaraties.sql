-- doel: declaratieregels (iWmo 323/303) zoals geladen, met afgeleide periode- en bedragvelden
-- grain: één rij per geladen declaratieregel (debet én credit)
-- sleutel: declaratieregel_id
-- bronnen: staging.declaraties (ingest)
-- toelichting: bedragen zijn DECIMAL(18,2), het producttarief DECIMAL(18,4) (zie macros.sql).
with bron as (
    select * from staging.declaraties
),

final as (
    select
        bestand_id || '-' || regelnummer as declaratieregel_id,
        bestand_id,
        regelnummer,
        declaratienummer,
        referentienummer,
        vorig_referentienummer,
        aanbieder_agb,
        gemeentecode,
        client_id,
        toewijzingnummer,
        productcategorie,
        productcode,
        begindatum,
        einddatum,
        cast(geleverd_volume as double) as geleverd_volume,
        eenheid,
        -- A tariff per unit may carry more than cents (a per-minute tariff): 4 decimals.
        cast(producttarief as decimal(18, 4)) as producttarief_eur,
        cast(ingediend_bedrag as decimal(18, 2)) as ingediend_bedrag_eur,
        debet_credit,
        declaratiedatum,
        year(begindatum) as jaar,
        date_trunc('month', begindatum)::date as maand,
        datediff('day', begindatum, einddatum) + 1 as aantal_dagen
    from bron
)

select * from final
