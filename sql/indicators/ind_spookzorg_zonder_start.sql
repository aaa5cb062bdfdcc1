-- code: SPK07
-- naam: Declaraties zonder startbericht (305)
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per aanbieder en jaar het aandeel van de toewijzingen waarop hij declareerde zonder
--   dat een startbericht (WMO305) de zorg dekt: er kwam geen start, of de gemelde start ligt meer
--   dan 37 dagen (startbericht_uiterlijk_dagen: 5 werkdagen plus 30 dagen coulance) na de eerste
--   gedeclareerde prestatie. Alleen toewijzingen waarvan de start in de geladen start- en
--   stopberichten hoort te staan: de gemeente leverde start- en stopberichten (305/307) aan, de
--   toewijzing begon minstens 90 dagen (tegenspraak_aanloop_dagen) na het eerste geladen start- of
--   stopbericht van de gemeente, en de eerste prestatie ligt minstens 37 dagen vóór het laatste
--   geladen start- of stopbericht. Vergeleken met het gepoolde aandeel van de andere aanbieders met
--   hetzelfde hoofdperceel (minder dan min_peers: de hele regio); funnelplot op de hoekschaal met
--   overdispersiecorrectie. Financieel belang (geschat, geen onrechtmatig bedrag): de toewijzingen
--   zonder start boven de peerverwachting maal het gemiddelde bedrag dat per zo'n toewijzing zonder
--   start gedeclareerd is.
-- waarom: Een aanbieder meldt binnen 5 werkdagen dat de zorg begonnen is. Wie declareert op
--   toewijzingen waar de zorg nooit gestart is gemeld, declareert mogelijk zorg die niet geleverd
--   wordt; bij één aanbieder veel vaker dan bij zijn peers is het een patroon, geen vergissing. Het
--   ontbreken van een 305 is geen reden om een declaratie af te wijzen (OP364): daarom een
--   schatting van het belang en geen onrechtmatig bedrag, en een signaal om uit te zoeken, niet om
--   terug te vorderen.
-- drempels: gemarkeerd bij minstens 10 cliënten (min_clienten) op beoordeelbare toewijzingen,
--   minstens 5 toewijzingen zonder start (toewijzingen_min_aantal), een gecorrigeerde z boven
--   z_drempel en een geschat belang van minstens € 1.000 (materieel_min_eur).
-- bron: indicatorcatalogus B1; iWmo-berichtenverkeer (startbericht binnen 5 werkdagen); OP364
--   (regieberichten zijn niet voorwaardelijk voor declaratie); Spiegelhalter (2005) funnelplots met
--   overdispersie.
-- bronnen: int_waarneming_spookzorg_zonder_start, int_peer_statistiek
-- grain: één rij per aanbieder × jaar met minstens min_clienten cliënten op beoordeelbare
--   toewijzingen
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        is_boven_drempel
        and is_materieel
        and aantal_zonder_start >= getvariable('toewijzingen_min_aantal') as gemarkeerd,
        'Op '
        || van_de_tekst(aantal_zonder_start, aantal_toewijzingen, 'toewijzing', 'toewijzingen')
        || ' waarop de aanbieder declareerde, dekte geen startbericht (305) de zorg ('
        || procent_tekst(waarde) || '; ' || aantal_nooit_gestart || ' zonder enige start), tegen '
        || procent_tekst(referentiewaarde) || ' bij ' || peergroep
        || ' (afwijking als z-score na overdispersiecorrectie: '
        || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '); ' || euro_tekst(zonder_start_eur)
        || ' gedeclareerd zonder start, geschat belang boven de peers '
        || euro_tekst(financieel_belang)
        || '. Geen onrechtmatig bedrag: een ontbrekende 305 is geen reden om af te wijzen (OP364).'
            as toelichting
    from intermediate.int_waarneming_spookzorg_zonder_start
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
)

select * from final
