-- code: SPK05
-- naam: Altijd precies het toegewezen volume
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Het aandeel cliëntmaanden (declaratieregels met een inspanningsgerichte eenheid en
--   een toegewezen volume per periode) waarin de aanbieder precies het toegestane volume
--   declareert (realisatiegraad 1 ± 0,005), vergeleken met de andere aanbieders van hetzelfde
--   perceel in hetzelfde jaar. Funnelplot: verwacht aandeel = gepoold aandeel van de peers;
--   z op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de aanbieders van het
--   perceel. Financieel belang: de euro's van de maanden op het maximum maal het gebruikelijke
--   tekort van de peers (1 − de mediane realisatiegraad van de peers), dus wat er bij
--   peerrealisatie minder was betaald.
-- waarom: Echte zorg kent afwezigheid, vakantie en ziekte; maand na maand precies het
--   geïndiceerde volume declareren wijst op declareren op basis van de indicatie in plaats van
--   de geleverde zorg (kopieergedrag).
-- drempels: gemarkeerd als de aanbieder minstens min_clientmaanden cliëntmaanden heeft, het
--   aandeel op het maximum minstens altijd_vol_min_aandeel is, de gecorrigeerde z boven
--   z_drempel ligt en het financieel belang minstens materieel_min_eur is.
-- bron: indicatorcatalogus H1/F5 (100% van geïndiceerd volume); Spiegelhalter (2005) funnelplots
--   met overdispersie.
-- bronnen: int_waarneming_spookzorg_altijd_vol, int_peer_statistiek
-- grain: één rij per aanbieder × jaar × perceel met minstens min_clientmaanden cliëntmaanden
-- sleutel: aanbieder_agb, jaar, perceel
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel
        and waarde >= getvariable('altijd_vol_min_aandeel') as gemarkeerd,
        'In ' || procent_tekst(waarde) || ' van ' || noemer || ' cliëntmaanden '
            || perceel || ' declareerde de aanbieder precies het toegewezen volume, tegen '
            || procent_tekst(referentiewaarde) || ' bij ' || aantal_peers
            || ' andere aanbieders (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend')
            || '); bij de gebruikelijke realisatie van de peers ('
            || coalesce(procent_tekst(peer_realisatie), 'onbekend') || ') was '
            || euro_tekst(financieel_belang) || ' minder betaald.' as toelichting
    from intermediate.int_waarneming_spookzorg_altijd_vol
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
)

select * from final
