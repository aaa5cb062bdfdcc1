-- doel: declaratieregels (iWmo 323/303) zoals geladen, met afgeleide periode- en bedragvelden
-- grain: één rij per geladen declaratieregel (debet én credit)
-- sleutel: declaratieregel_id
-- bronnen: staging.declaraties (ingest)
-- incrementeel: bestand_id — elke rij volgt uit één geladen regel, dus een run voegt alleen de
--   regels van nieuwe bestanden toe en haalt die van ingetrokken bestanden weg (sql_runner);
--   `run --volledig` bouwt de tabel opnieuw op.
-- toelichting: bedragen zijn DECIMAL(18,2), het producttarief DECIMAL(18,4) (zie macros.sql).
--   Alleen het Wmo-domein: iJw-regels (domein 'jeugd') blijven in staging staan maar tellen in
--   de signalen niet mee (de indicatoren zijn voor de Wmo).
--   producttarief_eur is leeg als het 323-bericht geen ProductTarief had (eenheid 83 euro of 82
--   stuks output: WMO323 ProductTarief minOccurs 0). prijs_per_eenheid_eur is dan het bedrag per
--   eenheid (bedrag / volume; bij eenheid 83 is het volume het bedrag, dus 1): daarmee rekenen
--   de modellen een volume om in euro's; een tariefvergelijking (UPC04) gebruikt alleen een
--   echt producttarief.
with bron as (
    select * from staging.declaraties
    where domein = 'wmo'
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
        cast(coalesce(
            producttarief,
            cast(ingediend_bedrag as double) / nullif(cast(geleverd_volume as double), 0)
        ) as decimal(18, 4)) as prijs_per_eenheid_eur,
        cast(ingediend_bedrag as decimal(18, 2)) as ingediend_bedrag_eur,
        debet_credit,
        declaratiedatum,
        year(begindatum) as jaar,
        date_trunc('month', begindatum)::date as maand,
        datediff('day', begindatum, einddatum) + 1 as aantal_dagen
    from bron
)

select * from final
