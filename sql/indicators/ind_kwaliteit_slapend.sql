-- code: KWA07
-- naam: Slapende toewijzingen: plek vastgehouden zonder zorg te declareren
-- categorie: kwaliteit
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: geen
-- baan: zorg
-- definitie: Per aanbieder, perceel en jaar het aandeel van zijn lopende toewijzingen dat slaapt:
--   drie of meer hele maanden achter elkaar (slapend_min_maanden) waarin de toewijzing liep, geen
--   stop (WMO307) de zorg beëindigde en de aanbieder er niets op declareerde, gestart of niet.
--   Alleen maanden die te beoordelen zijn: de gemeente leverde start- en stopberichten (305/307)
--   aan (anders is een stop niet te zien), de maand valt na de eerste geladen declaratie van de
--   gemeente en uiterlijk in de laatste maand waarin de aanbieder daar declareerde (latere
--   declaraties kunnen nog onderweg zijn). Vergeleken met het gepoolde aandeel van de andere
--   aanbieders in hetzelfde perceel; een perceel met minder dan min_peers aanbieders wordt niet
--   beoordeeld (hoe vaak zorg een paar maanden stilligt, hangt van het perceel af: logeeropvang
--   wordt per keer gebruikt). Funnelplot op de hoekschaal met overdispersiecorrectie per perceel.
--   De eenheid is de toewijzing, niet de maand (de maanden van één toewijzing hangen samen); de
--   toelichting noemt ook de slapende maanden. Financieel belang € 0: er is niets gedeclareerd.
-- waarom: Een aanbieder die toewijzingen aanhoudt zonder zorg te leveren of te stoppen, houdt de
--   plek van de cliënt bezet: de cliënt krijgt geen zorg en kan niet naar een andere aanbieder, en
--   de gemeente denkt dat de zorg loopt. Gebeurt het bij één aanbieder veel vaker dan bij zijn
--   peers, dan is het beleid en geen toeval (ook: een stop die structureel niet gemeld wordt).
--   Voorloper van het slapend contract (contractstandaard art. 3.19).
-- drempels: gemarkeerd bij minstens 10 cliënten op lopende toewijzingen (min_clienten), minstens
--   5 slapende toewijzingen (toewijzingen_min_aantal) en een gecorrigeerde z boven z_drempel.
-- bron: indicatorcatalogus G3 (slapend contract, contractstandaard art. 3.19) en F2/F3 (zorg
--   zonder levering); iWmo WMO305/WMO307; Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_kwaliteit_slapend, int_peer_statistiek
-- grain: één rij per aanbieder × perceel × jaar met meer slapende toewijzingen dan verwacht (z >
--   1)
-- sleutel: aanbieder_agb, jaar, reikwijdte
with final as (
    select
        * exclude (indicator),
        is_boven_drempel
        and aantal_slapend >= getvariable('toewijzingen_min_aantal') as gemarkeerd,
        'In ' || perceel || ' '
        || van_de_tekst(
            aantal_slapend, aantal_toewijzingen, 'lopende toewijzing', 'lopende toewijzingen'
        )
        || ' sliep minstens ' || cast(getvariable('slapend_min_maanden') as integer)
        || ' maanden achter elkaar zonder declaratie en zonder stop (307) ('
        || procent_tekst(waarde) || '; ' || aantal_slapend_zonder_start
        || ' daarvan nooit gestart; ' || aantal_slapende_maanden || ' van de ' || aantal_maanden
        || ' lopende maanden), tegen ' || procent_tekst(referentiewaarde) || ' bij ' || peergroep
        || ' (funnel-z na overdispersiecorrectie ' || getal_tekst(afwijking, 1)
        || '); financieel belang ' || euro_tekst(0) || ' (kwaliteitssignaal: de cliënt houdt '
        || 'een plek zonder zorg).' as toelichting
    from intermediate.int_waarneming_kwaliteit_slapend
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
    where afwijking > 1
)

select * from final
