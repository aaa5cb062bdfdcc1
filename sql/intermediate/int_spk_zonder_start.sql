-- doel: de declaratieregels van SPK07: per regel op een beoordeelbare toewijzing of er een
--   startbericht (305) was dat de zorg dekt, en zo niet welk bedrag vóór de gemelde start valt
-- grain: één rij per staande debetregel van de aanbieder en cliënt van een beoordeelbare
--   toewijzing (niet afgewezen door de gemeente)
-- sleutel: declaratieregel_id
-- materialisatie: view, de twee lezers (SPK07 en zijn bewijs) filteren; de regels wegschrijven
--   kostte meer dan ze twee keer berekenen
-- bronnen: int_declaratieregels_status, int_toewijzing_start_levering
-- parameters: startbericht_uiterlijk_dagen, tegenspraak_aanloop_dagen
-- toelichting: een toewijzing is beoordeelbaar als (1) de gemeente meldingen (305/307)
--   aanleverde, (2) de ingangsdatum minstens tegenspraak_aanloop_dagen na de eerste geladen
--   melding van de gemeente ligt (de start kan anders van vóór de geladen gegevens zijn; een
--   aanbieder die nooit een start stuurt, heeft geen eigen eerste melding), en (3) de eerste
--   prestatie minstens startbericht_uiterlijk_dagen vóór de laatste geladen melding van de
--   gemeente begon (de 305 mocht nog onderweg zijn: 5 werkdagen plus coulance).
--   is_zonder_start: er is geen start, of de gemelde start ligt meer dan
--   startbericht_uiterlijk_dagen na de eerste prestatie; zonder_start_eur is dan het bedrag van
--   de regel (zonder start) of het deel vóór de gemelde start (naar rato van de dagen).
with toewijzingen as (
    select
        *,
        zorg_begindatum is null
        or zorg_begindatum
        > eerste_prestatie_datum + cast(getvariable('startbericht_uiterlijk_dagen') as integer)
            as is_zonder_start
    from intermediate.int_toewijzing_start_levering
    where meldingen_vanaf is not null
        and eerste_prestatie_datum is not null
        and ingangsdatum
        >= meldingen_vanaf + cast(getvariable('tegenspraak_aanloop_dagen') as integer)
        and eerste_prestatie_datum
        <= meldingen_tot - cast(getvariable('startbericht_uiterlijk_dagen') as integer)
),

final as (
    select
        r.declaratieregel_id,
        r.aanbieder_agb,
        r.jaar,
        r.gemeentecode,
        r.toewijzingnummer,
        r.client_id,
        r.begindatum,
        r.einddatum,
        r.bedrag_eur,
        t.perceel,
        t.ingangsdatum,
        t.eerste_prestatie_datum,
        t.zorg_begindatum,
        t.is_zonder_start,
        case
            when not t.is_zonder_start then cast(0 as decimal(18, 2))
            when t.zorg_begindatum is null then r.bedrag_eur
            when r.begindatum >= t.zorg_begindatum then cast(0 as decimal(18, 2))
            else bedrag_naar_rato(
                r.bedrag_eur, r.begindatum, r.einddatum, r.aantal_dagen,
                date '0001-01-01', t.zorg_begindatum - 1
            )
        end as zonder_start_eur
    from intermediate.int_declaratieregels_status as r
    inner join toewijzingen as t
        on t.gemeentecode = r.gemeentecode
        and t.toewijzingnummer = r.toewijzingnummer
        and t.aanbieder_agb = r.aanbieder_agb
        and t.client_id = r.client_id
    where r.status <> 'afgewezen_door_gemeente'
)

select * from final
