-- doel: start- en stopmeldingen (iWmo 305/307) zoals geladen, met hun StatusAanlevering
-- grain: één rij per geladen start- of stopregel
-- sleutel: bestand_id, regelnummer
-- bronnen: staging.zorgperiode_meldingen (ingest: elke geleverde start en stop;
--   staging.zorgperiodes houdt per zorgperiode de geldende stand)
-- toelichting: alleen het Wmo-domein; iJw-regels (domein 'jeugd') blijven in staging staan maar
--   tellen in de signalen niet mee. status_aanlevering: 1 eerste aanlevering (ook als een
--   tabelbestand hem leeg laat), 2 gewijzigde aanlevering, 3 verwijderen aanlevering; welke
--   regels daarna gelden, bepaalt int_zorgperiodes_geldig. soort: 'stop' als de regel een
--   einddatum heeft (307, of een tabelrij met begin en eind), anders 'start' (305).
with bron as (
    select * from staging.zorgperiode_meldingen
    where domein = 'wmo'
),

final as (
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
        reden_beeindiging,
        coalesce(status_aanlevering, '1') as status_aanlevering,
        case when einddatum is null then 'start' else 'stop' end as soort
    from bron
)

select * from final
