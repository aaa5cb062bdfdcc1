-- doel: alle versies van elke toewijzing (iWmo 301) op volgorde, met de RedenWijziging, of een
--   versie de toewijzing inkortte of introk, en welke versie wanneer gold
-- grain: één rij per geladen toewijzingsregel (elke versie van elke toewijzing)
-- sleutel: gemeentecode, toewijzingnummer, versienummer
-- bronnen: stg_toewijzingen
-- toelichting: een 301 draagt alle actuele toewijzingen van één cliënt bij één aanbieder; een
--   gewijzigde toewijzing komt opnieuw mee met hetzelfde ToewijzingNummer. De volgorde van de
--   versies is die van int_toewijzingen_actueel: de toewijzingsdatum (leeg = eerst), daarna het
--   geladen bestand en de regel; de laatste versie is de geldende (is_actueel, dezelfde rij als
--   in int_toewijzingen_actueel).
--   geldig_vanaf / geldig_tot: van de toewijzingsdatum van deze versie tot de dag vóór die van
--   de volgende versie (leeg = tot nu); zo is te zien welke versie gold toen een declaratie of
--   verzoek binnenkwam.
--   is_ingekort: de einddatum ligt eerder dan in de vorige versie (of de vorige was open);
--   is_intrekking: ingekort met een einddatum vóór de toewijzingsdatum van deze versie (de zorg
--   is met terugwerkende kracht beëindigd), of RedenWijziging 13 (verwijderd); is_verlengd: een
--   latere einddatum. is_gewijzigd_volume: volume, eenheid of frequentie verschilt van de
--   vorige versie. De codes van RedenWijziging (LDT_RedenWijziging, iWmo 3.2) staan in
--   reden_wijziging zoals aangeleverd.
with versies as (
    select
        *,
        coalesce(einddatum, date '9999-12-31') as einddatum_of_open,
        row_number() over (
            partition by gemeentecode, toewijzingnummer
            order by toewijzingsdatum nulls first, bestand_id, regelnummer
        ) as versienummer,
        count(*) over (partition by gemeentecode, toewijzingnummer) as aantal_versies
    from stg.stg_toewijzingen
),

met_vorige as (
    select
        *,
        lag(einddatum_of_open) over versie as vorige_einddatum_of_open,
        lag(volume) over versie as vorig_volume,
        lag(eenheid) over versie as vorige_eenheid,
        lag(frequentie) over versie as vorige_frequentie,
        lead(toewijzingsdatum) over versie as volgende_toewijzingsdatum
    from versies
    window versie as (partition by gemeentecode, toewijzingnummer order by versienummer)
),

final as (
    select
        gemeentecode,
        toewijzingnummer,
        versienummer,
        aantal_versies,
        versienummer = aantal_versies as is_actueel,
        client_id,
        aanbieder_agb,
        productcategorie,
        productcode,
        ingangsdatum,
        einddatum,
        volume,
        eenheid,
        frequentie,
        budget_eur,
        toewijzingsdatum,
        reden_wijziging,
        toewijzingsdatum as geldig_vanaf,
        volgende_toewijzingsdatum - 1 as geldig_tot,
        coalesce(einddatum_of_open < vorige_einddatum_of_open, false) as is_ingekort,
        coalesce(
            (einddatum_of_open < vorige_einddatum_of_open and einddatum < toewijzingsdatum)
            or reden_wijziging = '13',
            false
        ) as is_intrekking,
        coalesce(einddatum_of_open > vorige_einddatum_of_open, false) as is_verlengd,
        versienummer > 1 and (
            volume is distinct from vorig_volume
            or eenheid is distinct from vorige_eenheid
            or frequentie is distinct from vorige_frequentie
        ) as is_gewijzigd_volume,
        bestand_id,
        regelnummer
    from met_vorige
)

select * from final
