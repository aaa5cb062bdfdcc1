-- code: SPK01
-- naam: Declaratie zonder passende toewijzing
-- categorie: spookzorg
-- definitie: Euro's op staande declaratieregels die niet bij een toegewezen product van deze
--   cliënt en aanbieder horen: geen of een onbekend toewijzingnummer, de toewijzing van een andere
--   cliënt of aanbieder, of een andere productcategorie, productcode of eenheid dan toegewezen.
--   Een zwaarder product binnen hetzelfde perceel telt niet hier maar bij upcoding (UPC03).
-- waarom: Zonder toewijzing heeft de gemeente de zorg niet toegekend; zulke prestaties zijn niet
--   rechtmatig en zijn het klassieke patroon van spookzorg (zorg declareren die niet geleverd is).
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
-- bron: iWmo TR338 (retourcode 9338), TR339–TR341 (9339/9340/9341); indicatorcatalogus A1/A4.
-- bronnen: int_spk_regelsignalen (regels en materialiteit gedeeld met SPK01–SPK04)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with signalen as (
    select * from intermediate.int_spk_regelsignalen where indicator = 'SPK01'
),

final as (
    select
        s.signaal_id,
        s.indicator,
        'spookzorg' as categorie,
        s.aanbieder_agb,
        s.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        s.aandeel_onrechtmatig as waarde,
        null as referentiewaarde,
        s.aandeel_onrechtmatig as afwijking,
        s.onrechtmatig_eur as financieel_belang,
        s.aantal_clienten,
        s.gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        s.aantal_regels || ' declaratieregels (' || euro_tekst(s.onrechtmatig_eur) || ', '
            || procent_tekst(s.aandeel_onrechtmatig)
            || ' van de declaraties) voor ' || s.aantal_clienten
            || ' cliënten zonder passende toewijzing: ' || s.regels_geen_toewijzing
            || ' zonder (geldige) toewijzing, ' || s.regels_andere_aanbieder
            || ' op de toewijzing van een andere aanbieder, ' || s.regels_ander_product
            || ' voor een ander product (retourcodes 9338–9341).' as toelichting
    from signalen as s
)

select * from final
