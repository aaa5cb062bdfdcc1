-- doel: of en wanneer de zorg op een toewijzing startte (305) en stopte (307)
-- grain: één rij per gemeentecode × toewijzingnummer met minstens één start- of stopbericht
-- sleutel: gemeentecode, toewijzingnummer
-- bronnen: int_zorgperiodes_geldig (de meldingen na correcties en verwijderingen, 305/307
--   StatusAanlevering)
-- toelichting: een 305 (alleen begindatum) en de bijbehorende 307 (begin- én einddatum) vormen
--   samen één zorgperiode. De zorg loopt nog zolang één periode geen einddatum heeft.
with periodes as (
    select
        gemeentecode,
        toewijzingnummer,
        begindatum,
        max(einddatum) as einddatum,
        arg_max(reden_beeindiging, einddatum) as reden_beeindiging
    from intermediate.int_zorgperiodes_geldig
    group by gemeentecode, toewijzingnummer, begindatum
),

final as (
    select
        gemeentecode,
        toewijzingnummer,
        min(begindatum) as eerste_begindatum,
        case when bool_or(einddatum is null) then null else max(einddatum) end as zorg_einddatum,
        arg_max(reden_beeindiging, einddatum) as reden_beeindiging,
        count(*) as aantal_periodes
    from periodes
    group by gemeentecode, toewijzingnummer
)

select * from final
