-- code: KWA06
-- naam: Cliënten wachten lang op de start van de zorg
-- categorie: kwaliteit
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: geen
-- baan: zorg
-- definitie: Per aanbieder, perceel en jaar het aandeel nieuwe toewijzingen (geen herindicatie)
--   waarop de zorg niet binnen zes weken (wachttijd_norm_dagen, 42 dagen) startte: de begindatum
--   van de eerste start (WMO305) ligt later dan de ingangsdatum (of de latere eerste
--   toewijzingsdatum) plus zes weken, of er kwam geen start. Alleen toewijzingen waarvan de start
--   in de geladen start- en stopberichten hoort te staan: de gemeente leverde start- en
--   stopberichten (305/307) aan, de toewijzing begon minstens 90 dagen (tegenspraak_aanloop_dagen)
--   na het eerste geladen start- of stopbericht en minstens zes weken vóór de laatste; een
--   toewijzing die zonder start binnen zes weken afliep, telt niet. Vergeleken met het gepoolde
--   aandeel van de andere aanbieders in hetzelfde perceel (minder dan min_peers: de hele regio);
--   funnelplot op de hoekschaal met overdispersiecorrectie per perceel. De toelichting noemt de
--   mediane en gemiddelde wachttijd in dagen en hoeveel cliënten niet binnen drie maanden startten.
--   Financieel belang € 0.
-- waarom: Een toewijzing zegt dat de cliënt zorg nodig heeft. Start die bij één aanbieder veel
--   vaker dan bij zijn peers pas na weken of nooit, dan wachten cliënten zonder zorg: een
--   wachtlijst, een aanbieder die meer cliënten aanneemt dan hij kan helpen, of toewijzingen die
--   alleen worden vastgehouden. Een kwaliteitssignaal voor contractmanagement, geen geld.
-- drempels: gemarkeerd bij minstens 10 beoordeelbare nieuwe toewijzingen (min_clienten),
--   minstens 5 lang wachtende (toewijzingen_min_aantal) en een gecorrigeerde z boven
--   z_drempel.
-- bron: indicatorcatalogus F3 (wachttijd: S.Begindatum − T.Ingangsdatum; zes weken);
--   iWmo WMO305; Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_kwaliteit_wachttijd, int_peer_statistiek
-- grain: één rij per aanbieder × perceel × jaar met meer lang wachtende cliënten dan verwacht
--   (z > 1)
-- sleutel: aanbieder_agb, jaar, reikwijdte
with final as (
    select
        * exclude (indicator),
        is_boven_drempel
        and aantal_lang_gewacht >= getvariable('toewijzingen_min_aantal') as gemarkeerd,
        'In ' || perceel || ' startte de zorg op '
        || van_de_tekst(aantal_lang_gewacht, aantal_toewijzingen, 'nieuwe toewijzing',
            'nieuwe toewijzingen')
        || ' niet binnen ' || cast(getvariable('wachttijd_norm_dagen') as integer) || ' dagen ('
        || procent_tekst(waarde) || '; ' || aantal_niet_binnen_3_maanden
        || ' niet binnen drie maanden, waarvan ' || aantal_niet_gestart
        || ' nog helemaal niet), tegen ' || procent_tekst(referentiewaarde) || ' bij '
        || peergroep || ' (funnel-z na overdispersiecorrectie ' || getal_tekst(afwijking, 1)
        || '); mediane wachttijd ' || getal_tekst(mediaan_wacht_dagen, 0)
        || ' dagen (gemiddeld ' || getal_tekst(gemiddeld_wacht_dagen, 0)
        || '), bij de aanbieders in het perceel ' || getal_tekst(perceel_mediaan_wacht_dagen, 0)
        || ' dagen; financieel belang ' || euro_tekst(0) || ' (kwaliteitssignaal).'
            as toelichting
    from intermediate.int_waarneming_kwaliteit_wachttijd
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
    where afwijking > 1
)

select * from final
