-- code: SPK01
-- naam: Declaratie zonder passende toewijzing
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: Euro's op staande declaratieregels die niet bij een toegewezen product van deze
--   cliënt en aanbieder horen: geen of een onbekend toewijzingnummer, de toewijzing van een andere
--   cliënt of aanbieder, of een andere productcategorie, productcode of eenheid dan toegewezen.
--   Een zwaarder product binnen hetzelfde perceel telt niet hier maar bij upcoding (UPC03).
-- waarom: Zonder toewijzing heeft de gemeente de zorg niet toegekend; zulke prestaties zijn niet
--   rechtmatig en zijn het klassieke patroon van spookzorg (zorg declareren die niet geleverd is).
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
--   Ook gemarkeerd als voortzetting: het jaar ervoor of erna is materieel (int_regelsignalen).
-- bron: iWmo TR338 (retourcode 9338), TR339–TR341 (9339/9340/9341); indicatorcatalogus A1/A4.
-- bronnen: int_regelsignalen (bedragen en materialiteit gedeeld met alle regelsignalen)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        aantal_tekst(aantal_regels, 'declaratieregel', 'declaratieregels') || ' ('
            || euro_tekst(financieel_belang) || ', ' || procent_tekst(waarde)
            || ' van de declaraties) voor '
            || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten')
            || ' zonder passende toewijzing: ' || regels_geen_toewijzing
            || ' zonder (geldige) toewijzing, ' || regels_andere_aanbieder
            || ' op de toewijzing van een andere aanbieder, ' || regels_ander_product
            || ' voor een ander product (retourcodes 9338–9341).'
            || voortzetting_tekst(voortzetting_jaren) as toelichting
    from intermediate.int_regelsignalen
    where indicator = 'SPK01'
)

select * from final
