-- code: SPK06
-- naam: Veel afgewezen, herhaald gedeclareerde of late declaraties
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per aanbieder en jaar het aandeel van zijn debetregels dat opvalt in het
--   berichtenverkeer: door de gemeente afgewezen (WMO325, toegekend = nee), opnieuw gedeclareerd
--   na een afwijzing of na twee of meer gecrediteerde pogingen voor dezelfde prestatie (zelfde
--   cliënt, product en periode), of meer dan 90 dagen (laat_declareren_dagen) na het einde van de
--   prestatieperiode gedeclareerd. Vergeleken met het gepoolde aandeel van de andere aanbieders
--   met hetzelfde hoofdperceel (minder dan min_peers: alle andere aanbieders van de regio);
--   funnelplot op de hoekschaal met overdispersiecorrectie per peergroep. Financieel belang
--   (geschat, geen onrechtmatig bedrag): de opvallende regels boven de peerverwachting maal het
--   gemiddelde bedrag van een opvallende regel. Afgewezen regels zijn niet betaald; ze tellen
--   hier als gedrag, nooit als betaald of onrechtmatig geld.
-- waarom: Categorie spookzorg, niet kwaliteit: het gaat om geld en rechtmatigheid, niet om de
--   veiligheid van cliënten. Wie vaak declaraties afgewezen krijgt en dezelfde prestatie steeds
--   opnieuw indient, probeert uit wat door de controle komt; late declaraties zijn lastiger te
--   toetsen aan levering en toewijzing. Dat patroon gaat vaak vooraf aan gedeclareerde zorg die
--   niet (zo) geleverd is. Eén correctie of een enkele afwijzing is gewoon; de vergelijking met
--   peers laat alleen het structurele patroon over.
-- drempels: gemarkeerd bij minstens 10 cliënten (min_clienten), een gecorrigeerde z boven
--   z_drempel, een aandeel opvallende regels van minstens 3 keer het peeraandeel
--   (peer_min_factor: bij honderden aanbieders × jaren geven een paar late regels af en toe een
--   z rond 3) en een geschat belang van minstens € 1.000 (materieel_min_eur); laat is meer dan
--   90 dagen na de einddatum (laat_declareren_dagen).
-- bron: iWmo WMO325 (declaratie-antwoord met retourcodes, WJ001); iWmo TR323 (credit en
--   herdeclaratie); Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_spookzorg_declaratiegedrag, int_peer_statistiek
-- grain: één rij per aanbieder × jaar met minstens min_clienten cliënten
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel
        and waarde >= getvariable('peer_min_factor') * referentiewaarde as gemarkeerd,
        procent_tekst(waarde) || ' van de ' || aantal_regels || ' declaratieregels valt op ('
            || aantal_afgewezen || ' afgewezen door de gemeente, ' || aantal_herdeclaratie
            || ' opnieuw gedeclareerd na afwijzing of herhaald crediteren, ' || aantal_laat
            || ' meer dan ' || cast(getvariable('laat_declareren_dagen') as integer)
            || ' dagen na de periode gedeclareerd), tegen ' || procent_tekst(referentiewaarde)
            || ' bij ' || peergroep || ' (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '); '
            || euro_tekst(afgewezen_eur) || ' werd afgewezen en niet betaald; geschat belang '
            || 'van de opvallende regels boven de peers: ' || euro_tekst(financieel_belang) || '.'
            as toelichting
    from intermediate.int_waarneming_spookzorg_declaratiegedrag
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
)

select * from final
