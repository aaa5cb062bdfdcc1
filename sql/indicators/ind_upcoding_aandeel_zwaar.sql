-- code: UPC01
-- naam: Hoog aandeel cliënten in de zwaarste intensiteit
-- categorie: upcoding
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per perceel het aandeel van de cliënten van de aanbieder in de zwaarste intensiteit
--   die hij aanbiedt (intensiteit uit de productcatalogus; een cliënt telt op zijn zwaarste
--   gedeclareerde niveau), vergeleken met aanbieders met hetzelfde aanbod van intensiteiten in
--   dat perceel (een niveau hoort bij het aanbod vanaf 10% van de cliënten). Zijn dat er minder
--   dan min_peers, dan alle aanbieders van het perceel die minstens dezelfde intensiteiten
--   aanbieden, geteld op de niveaus van de aanbieder (vastgelegd in peergroep). Aanbieders met
--   maar één intensiteit in een perceel (bijvoorbeeld alleen specialistisch) worden niet
--   beoordeeld: hun aandeel zwaar is hun contract, geen keuze. Funnelplot (z op de
--   arcsinus-wortelschaal, die ook bij kleine aantallen en kleine peeraandelen klopt) met
--   overdispersiecorrectie over de aanbieders van het perceel. Financieel belang: (cliënten
--   zwaar − verwacht bij het peeraandeel) × (gemiddeld bedrag per zware cliënt − gemiddeld
--   bedrag per lichtere cliënt).
-- waarom: Cliënten zwaarder indiceren of declareren dan nodig (upcoding) verhoogt de omzet per
--   cliënt; bij een vergelijkbaar aanbod hoort een vergelijkbare mix van zwaarte.
-- drempels: gemarkeerd bij minstens min_clienten cliënten, een gecorrigeerde z boven z_drempel
--   en een financieel belang van minstens materieel_min_eur.
-- bron: indicatorcatalogus C1/C3 (tiermix tegen peers); Spiegelhalter (2005) funnelplots met
--   overdispersie; WMO021-productcodes en hun zwaarte.
-- bronnen: int_waarneming_upcoding_aandeel_zwaar, int_peer_statistiek
-- grain: één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten en
--   minstens min_clienten cliënten
-- sleutel: aanbieder_agb, jaar, perceel
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel as gemarkeerd,
        procent_tekst(waarde) || ' van de ' || aantal_clienten || ' cliënten ' || perceel
            || ' zit in de zwaarste aangeboden intensiteit (' || zwaarste || '), tegen '
            || procent_tekst(referentiewaarde) || ' bij ' || aantal_peers
            || ' vergelijkbare aanbieders (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '); '
            || cast(round(extra_zwaar) as integer)
            || ' cliënten meer dan verwacht, elk gemiddeld '
            || euro_tekst(meerprijs_per_client_eur)
            || ' duurder dan een lichtere cliënt: ' || euro_tekst(financieel_belang) || '.'
            as toelichting
    from intermediate.int_waarneming_upcoding_aandeel_zwaar
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
)

select * from final
