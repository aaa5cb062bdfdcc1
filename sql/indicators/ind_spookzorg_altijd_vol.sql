-- code: SPK05
-- naam: Piek op het volledige toegewezen volume
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Het aandeel cliëntmaanden (declaratieregels met een inspanningsgerichte eenheid en
--   een toegewezen volume per periode) waarin de aanbieder het volledige toegewezen volume
--   declareert: minstens altijd_vol_grens (98%) van het maximum in de eenheid die hij werkelijk
--   declareert, afgerond op hele eenheden (2 dagdelen per week over 30 dagen is 8,57: wie 8 of 9
--   dagdelen declareert, declareert alles), of meer. Vergeleken met de andere aanbieders van
--   hetzelfde perceel in hetzelfde jaar: funnelplot met als verwachting het mediane aandeel van
--   de peers, z op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de aanbieders
--   van het perceel. Geen vaste grens (zoals 80% van de maanden): ook een aanbieder die het voor
--   een deel van zijn cliënten doet, valt op als hij ver boven de peers ligt. Financieel belang
--   (schatting): wat die maanden meer kostten dan bij de gebruikelijke realisatie van de peers,
--   voor het deel boven de peerverwachting en zonder wat SPK03 al als onrechtmatig telt.
-- waarom: Echte zorg kent afwezigheid, vakantie en ziekte; maand na maand het volledige
--   geïndiceerde volume declareren wijst op declareren op basis van de indicatie in plaats van de
--   geleverde zorg (kopieergedrag). Een aanbieder die werkelijk veel levert, laat dat ook zien in
--   de maanden onder het maximum (95% in plaats van 85%); bij kopieergedrag staat er een piek op
--   het maximum terwijl de overige maanden gewoon zijn.
-- drempels: gemarkeerd als de aanbieder minstens min_clientmaanden cliëntmaanden heeft, de
--   gecorrigeerde z boven z_drempel ligt, het aandeel minstens altijd_vol_min_verschil boven dat
--   van de peers ligt, de realisatie in de maanden onder het maximum niet meer dan
--   altijd_vol_piek_marge boven die van de peers ligt (anders levert de aanbieder gewoon veel;
--   alleen als minstens een kwart van de maanden onder het maximum ligt, anders zeggen die paar
--   maanden niets) en
--   het geschatte belang minstens materieel_min_eur is.
-- bron: indicatorcatalogus H1/F5 (100% van geïndiceerd volume); iWmo: GeleverdVolume is een
--   geheel getal (LDT_Volume); Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_spookzorg_altijd_vol, int_peer_statistiek
-- parameters: altijd_vol_min_verschil, altijd_vol_piek_marge
-- grain: één rij per aanbieder × jaar × perceel met minstens min_clientmaanden cliëntmaanden
-- sleutel: aanbieder_agb, jaar, perceel
with beoordeeld as (
    select
        * exclude (indicator),
        waarde - referentiewaarde >= getvariable('altijd_vol_min_verschil') as ver_boven_peers,
        -- No months below the maximum at all is the clearest peak; with fewer than a quarter
        -- of the months below it, those few say nothing about how much the provider delivers.
        coalesce(
            realisatie_onder_maximum
            <= peer_realisatie_onder_maximum + getvariable('altijd_vol_piek_marge'),
            true
        ) or 1 - waarde < 0.25 as is_piek
    from intermediate.int_waarneming_spookzorg_altijd_vol
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
),

final as (
    select
        * exclude (ver_boven_peers, is_piek),
        is_boven_drempel and is_materieel and ver_boven_peers and is_piek as gemarkeerd,
        'In ' || procent_tekst(waarde) || ' van ' || noemer || ' cliëntmaanden '
            || perceel || ' (' || clienten_op_maximum || ' van ' || aantal_clienten
            || ' cliënten) declareerde de aanbieder het volledige toegewezen volume, tegen '
            || procent_tekst(referentiewaarde) || ' bij ' || aantal_peers
            || ' andere aanbieders (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '). '
            || case
                when realisatie_onder_maximum is null
                    then 'Er is geen enkele maand onder het maximum. '
                when is_piek then 'In de overige maanden levert de aanbieder gewoon ('
                    || procent_tekst(realisatie_onder_maximum) || ' tegen '
                    || coalesce(procent_tekst(peer_realisatie_onder_maximum), 'onbekend')
                    || ' bij de peers): een piek op het maximum. '
                else 'Ook in de overige maanden levert de aanbieder veel ('
                    || procent_tekst(realisatie_onder_maximum) || ' tegen '
                    || coalesce(procent_tekst(peer_realisatie_onder_maximum), 'onbekend')
                    || ' bij de peers): dat wijst op werkelijk hoge levering, niet gemarkeerd. '
            end
            || 'Bij de gebruikelijke realisatie van de peers ('
            || coalesce(procent_tekst(peer_realisatie), 'onbekend') || ') was naar schatting '
            || euro_tekst(financieel_belang) || ' minder betaald.' as toelichting
    from beoordeeld
)

select * from final
