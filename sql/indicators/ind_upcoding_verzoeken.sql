-- code: UPC05
-- naam: Veel verzoeken om een zwaardere of grotere toewijzing
-- categorie: upcoding
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per aanbieder, jaar en perceel het aandeel van zijn verzoeken om toewijzing (WMO315)
--   en om wijziging (WMO317) dat vraagt om een zwaarder product (hogere intensiteit in de
--   productcatalogus, binnen het perceel) of om meer volume (in de basiseenheid, per dag
--   omgerekend) dan de toewijzing die de cliënt bij die aanbieder op dat moment had. Alleen
--   verzoeken met zo'n huidige toewijzing tellen (een eerste aanvraag heeft niets om mee te
--   vergelijken). Vergeleken met het gepoolde aandeel van de andere aanbieders met verzoeken in
--   hetzelfde perceel (minder dan min_peers: alle andere aanbieders in de regio); funnelplot op
--   de hoekschaal met overdispersiecorrectie. De toelichting noemt hoe vaak de gemeente het
--   opwaartse verzoek volgde (319 toegekend, of een passende 301 binnen 60 dagen,
--   verzoek_gevolgd_dagen). Financieel belang (geschat): de opwaartse verzoeken boven de
--   peerverwachting maal de gemiddelde meerkosten per jaar (contracttarieven) van de opwaartse
--   verzoeken die de gemeente volgde.
-- waarom: Een hogere indicatie aanvragen dan de zorgvraag rechtvaardigt is hoe regionaal
--   toezicht upcoding omschrijft; het begint bij het verzoek, nog voor er iets gedeclareerd is.
--   Wie veel vaker dan vergelijkbare aanbieders om zwaarder of meer vraagt, en dat vaak krijgt,
--   verhoogt de omzet per cliënt.
-- drempels: gemarkeerd bij minstens 10 vergelijkbare verzoeken (min_verzoeken: een aanbieder met
--   3 verzoeken wordt niet beoordeeld), een gecorrigeerde z boven z_drempel en een geschat
--   belang van minstens € 1.000 (materieel_min_eur).
-- bron: iWmo WMO315/WMO317 (verzoek om toewijzing / wijziging) en WMO319 (antwoord);
--   Spiegelhalter (2005) funnelplots met overdispersie.
-- bronnen: int_waarneming_upcoding_verzoeken, int_peer_statistiek
-- grain: één rij per aanbieder × jaar × perceel met minstens min_verzoeken vergelijkbare
--   verzoeken
-- sleutel: aanbieder_agb, jaar, reikwijdte
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel as gemarkeerd,
        procent_tekst(waarde) || ' van de ' || aantal_verzoeken || ' verzoeken voor ' || perceel
            || ' vraagt meer dan de huidige toewijzing (' || aantal_zwaarder
            || ' een zwaarder product, ' || aantal_meer_volume || ' meer volume), tegen '
            || procent_tekst(referentiewaarde) || ' bij ' || peergroep
            || ' (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '); de gemeente volgde '
            || aantal_opwaarts_gevolgd || ' van de ' || teller || ' opwaartse verzoeken ('
            || aantal_opwaarts_beslist || ' met een bekende uitkomst); geschat belang '
            || euro_tekst(financieel_belang) || ' per jaar.' as toelichting
    from intermediate.int_waarneming_upcoding_verzoeken
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
)

select * from final
