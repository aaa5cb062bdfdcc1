-- code: KWA08
-- naam: Veel gecrediteerde declaraties (creditratio)
-- categorie: kwaliteit
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: geen
-- baan: risico
-- definitie: Per aanbieder en jaar het aandeel van zijn ingediende debetregels dat hij later zelf
--   crediteerde (iWmo TR323: een creditregel vernietigt de prestatie), en de creditratio in
--   euro's (gecrediteerd / ingediend, catalogus H5). Vergeleken met het gepoolde aandeel van de
--   andere aanbieders met hetzelfde hoofdperceel (minder dan min_peers: alle andere aanbieders
--   van de regio); funnelplot op de hoekschaal met overdispersiecorrectie per peergroep, zodat
--   de gewone correcties (een paar procent van de regels) niemand laten opvallen. Late
--   declaraties (catalogus H4) en herhaald crediteren en opnieuw declareren telt SPK06 al, met
--   een geschat belang; dit signaal gaat over de correcties zelf en telt geen geld (gecrediteerd
--   geld is teruggeboekt).
-- waarom: Veel correctiecycli wijzen op een administratie die de levering niet goed vastlegt, of
--   op uitproberen wat door de controle komt. Eén correctie is gewoon; pas een aandeel ver boven
--   dat van vergelijkbare aanbieders vraagt om een gesprek over de declaratieprocessen.
-- drempels: gemarkeerd bij minstens 10 cliënten (min_clienten), een gecorrigeerde z boven
--   z_drempel, een aandeel gecrediteerde regels van minstens 3 keer het peeraandeel
--   (peer_min_factor: bij honderden aanbieders × jaren geven gewone correcties af en toe
--   een z rond 3) en gecrediteerde euro's boven de peerverwachting van minstens € 1.000
--   (materieel_min_eur).
-- bron: iWmo TR323 (credit en herdeclaratie) en WMO303 (declaratie); catalogus H5
--   (creditratio); Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_kwaliteit_creditratio, int_peer_statistiek
-- grain: één rij per aanbieder × jaar met minstens min_clienten cliënten
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator, financieel_belang),
        -- soort_belang geen: the money above expectation only decides materiality.
        cast(0 as decimal(18, 2)) as financieel_belang,
        financieel_belang as gecrediteerd_boven_verwachting_eur,
        is_boven_drempel and is_materieel
        and waarde >= getvariable('peer_min_factor') * referentiewaarde as gemarkeerd,
        procent_tekst(waarde) || ' van de ' || aantal_regels || ' ingediende declaratieregels werd '
            || 'later gecrediteerd (' || aantal_gecrediteerd || ' regels, '
            || euro_tekst(gecrediteerd_eur) || ' van ' || euro_tekst(ingediend_eur)
            || ', creditratio ' || procent_tekst(creditratio) || '), tegen '
            || procent_tekst(referentiewaarde) || ' bij ' || peergroep
            || ' (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '); '
            || euro_tekst(gecrediteerd_boven_verwachting_eur)
            || ' meer gecrediteerd dan bij de peers verwacht '
            || '(teruggeboekt, geen schade).' as toelichting
    from intermediate.int_waarneming_kwaliteit_creditratio
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
)

select * from final
