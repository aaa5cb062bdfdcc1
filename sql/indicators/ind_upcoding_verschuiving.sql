-- code: UPC02
-- naam: Verschuiving naar de zwaarste intensiteit
-- categorie: upcoding
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per perceel de stijging van het aandeel cliënten in de zwaarste aangeboden
--   intensiteit ten opzichte van vorig jaar, voorbij de verandering bij de peers. Beide jaren
--   worden geteld op de intensiteiten die de aanbieder in een van beide jaren aanbood (zie
--   UPC01; aanbieders met één intensiteit doen niet mee), eigen en van dezelfde peers.
--   Verwacht aandeel = aandeel vorig jaar + verandering van het gepoolde peeraandeel; z voor
--   het verschil op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de
--   aanbieders van het perceel. Alleen als de aanbieder de zwaarste
--   intensiteit vorig jaar ook al aanbood (een nieuw contract is geen verschuiving). Financieel
--   belang: (cliënten zwaar − verwacht) × (gemiddeld bedrag per zware − per lichtere cliënt).
-- waarom: Een aanbieder die zijn cliënten in korte tijd zwaarder laat indiceren of declareren
--   terwijl vergelijkbare aanbieders dat niet doen, verschuift waarschijnlijk naar duurdere
--   producten zonder dat de zorgvraag veranderde (upcoding in de tijd).
-- drempels: gemarkeerd alleen bij een duidelijke en materiële stijging: beide jaren minstens
--   min_clienten cliënten, gecorrigeerde z boven z_drempel, een stijging van minstens 10
--   procentpunt boven de verwachting en een financieel belang van minstens materieel_min_eur.
-- bron: indicatorcatalogus C1/C6 (tiermix, verschuiving naar duurdere codes jaar op jaar);
--   Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_upcoding_verschuiving, int_peer_statistiek
-- grain: één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten,
--   in beide jaren minstens min_clienten cliënten
-- sleutel: aanbieder_agb, jaar, perceel
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel
        and waarde - referentiewaarde >= getvariable('verschuiving_min_punten') as gemarkeerd,
        'Het aandeel cliënten ' || perceel || ' in de zwaarste aangeboden intensiteit ('
            || zwaarste || ') ging van ' || procent_tekst(aandeel_vorig) || ' in ' || (jaar - 1)
            || ' naar ' || procent_tekst(waarde) || ' (' || aantal_clienten
            || ' cliënten, geteld op intensiteiten ' || niveaus_twee_jaar
            || '), terwijl het bij ' || aantal_peers || ' vergelijkbare aanbieders '
            || getal_tekst(100 * peer_verandering, 1)
            || ' procentpunt veranderde; verwacht ' || procent_tekst(referentiewaarde)
            || ' (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend')
            || '), ' || euro_tekst(financieel_belang) || ' meer dan bij de verwachte mix.'
            as toelichting
    from intermediate.int_waarneming_upcoding_verschuiving
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
)

select * from final
