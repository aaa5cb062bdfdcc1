-- code: UPC06
-- naam: Individueel gedeclareerd waar peers groep leveren
-- categorie: upcoding
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per aanbieder, perceel en jaar het aandeel individuele producten in zijn
--   declaraties op toewijzingen op categorieniveau (de toewijzing noemt geen productcode, de
--   aanbieder kiest), tegen het gepoolde aandeel van de andere aanbieders die in dat perceel ook
--   groepsproducten leveren; minder dan min_peers: tegen het aandeel individueel dat de toegang
--   zelf toewijst (toewijzingen met productcode). Funnelplot op de hoekschaal met
--   overdispersiecorrectie per perceel. Een product is een groepsproduct als zijn omschrijving
--   in de productentabel het woord 'groep' bevat (het contract kent geen kolom voor de vorm);
--   alleen percelen met beide vormen doen mee. Noemt de toewijzing het product en declareert de
--   aanbieder een ander, dan telt UPC03 (zwaarder) of SPK01 dat al (TR340); hier niet nog eens.
--   Financieel belang (geschat): de individuele regels boven de referentie maal het verschil in
--   gemiddeld bedrag per regel tussen individueel en groep in het perceel.
-- waarom: Een individueel uur kost een veelvoud van een uur in een groep. Waar de gemeente op
--   categorieniveau toewijst, kiest de aanbieder het product; wie dan veel vaker individueel
--   declareert dan aanbieders met hetzelfde groepsaanbod, declareert mogelijk groepszorg als
--   individuele zorg (VNG/KCHN-patroon "groep in plaats van individueel"). Het omgekeerde
--   (groep waar individueel nodig is) kost geen geld maar is een kwaliteitsvraag; dat meet dit
--   signaal niet.
-- drempels: gemarkeerd bij minstens 10 cliënten op toewijzingen op categorieniveau
--   (min_clienten), een gecorrigeerde z boven z_drempel en een geschat belang van minstens
--   € 1.000 (materieel_min_eur).
-- bron: catalogus C5 (individueel naast groep); VNG/KCHN-signalen "groep i.p.v. individueel";
--   iWmo TR340 (product ≠ toewijzing: SPK01, UPC03); Spiegelhalter (2005) funnelplots.
-- bronnen: int_waarneming_upcoding_individueel_groep, int_peer_statistiek
-- grain: één rij per aanbieder × perceel × jaar met genoeg cliënten op categorieniveau
-- sleutel: aanbieder_agb, jaar, reikwijdte
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel as gemarkeerd,
        procent_tekst(waarde) || ' van de ' || aantal_regels || ' declaratieregels in '
            || perceel || ' op toewijzingen zonder productcode is een individueel product ('
            || aantal_individueel || ' regels), tegen ' || procent_tekst(referentiewaarde)
            || ' bij ' || peergroep || ' (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '); geschat belang: '
            || getal_tekst(extra_individueel, 0) || ' individuele regels boven de referentie × '
            || euro_tekst(meerprijs_per_regel_eur) || ' meer dan een groepsregel = '
            || euro_tekst(financieel_belang) || '.' as toelichting
    from intermediate.int_waarneming_upcoding_individueel_groep
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
)

select * from final
