-- code: VOL03
-- naam: Lopende cliënten opgeschaald naar meer volume of een zwaarder product
-- categorie: volume
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per aanbieder en jaar het aandeel van de herindicaties van lopende cliënten (een
--   toewijzing die direct aansluit op een eerdere van dezelfde cliënt bij dezelfde aanbieder in
--   hetzelfde perceel) dat opwaarts is: minstens opschaling_min_aandeel meer volume per dag, of een
--   zwaarder product; en apart het aandeel opwaartse herindicaties waar de aanbieder zelf om vroeg
--   (RedenWijziging 12 of een 315/317 in de 120 dagen ervoor). De verwachting komt per perceel van
--   het mediane aandeel van de andere aanbieders met genoeg herindicaties in dat perceel, gewogen
--   naar de herindicaties van de aanbieder (indirecte standaardisatie); funnelplot op de
--   hoekschaal, gecorrigeerd voor overdispersie. Financieel belang (schatting): de euro's die de
--   opgeschaalde toewijzingen meer kostten dan bij het oude volume, voor het deel boven de
--   verwachting. De toelichting noemt hoeveel herindicaties op initiatief van de aanbieder waren
--   (RedenWijziging 12) en de verzoeken om meer (315/317) waar die geladen zijn.
-- waarom: Groei in intensiteit in plaats van in cliënten: lopende cliënten die bij herindicatie
--   veel meer uren of een zwaarder product krijgen, terwijl dat bij de peers zelden gebeurt, is
--   een upcodingpatroon (catalogus C2 escalatie). In de totale groei valt het weg als de groei
--   van de peers wijd uiteenloopt; de herindicaties zelf laten het direct zien.
-- drempels: gemarkeerd als de gecorrigeerde z boven z_drempel ligt, het aandeel minstens
--   opschaling_min_verschil boven de verwachting ligt (een grote aanbieder valt niet op door zijn
--   omvang alleen), er minstens toewijzingen_min_aantal opwaartse herindicaties zijn en het
--   geschatte belang minstens materieel_min_eur is. Alleen aanbieders met minstens
--   toewijzingen_min_aantal herindicaties in het jaar, in percelen met minstens min_peers andere
--   aanbieders met genoeg herindicaties.
-- bron: indicatorcatalogus C2 (escalatie na start), C4 (verzoek van de aanbieder); iWmo
--   RedenWijziging 12 (geïnitieerd door de aanbieder), WMO315/WMO317; Spiegelhalter (2005).
-- bronnen: int_waarneming_volume_opschaling, int_peer_statistiek
-- parameters: toewijzingen_min_aantal, opschaling_min_aandeel, opschaling_min_verschil
-- grain: één rij per aanbieder × jaar × deel (alle herindicaties, op initiatief van de
--   aanbieder) met genoeg herindicaties
-- sleutel: aanbieder_agb, jaar, reikwijdte
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel
        and teller >= getvariable('toewijzingen_min_aantal')
        and waarde - referentiewaarde >= getvariable('opschaling_min_verschil') as gemarkeerd,
        'Van ' || aantal_herindicaties || ' herindicaties van lopende cliënten begonnen in '
            || jaar || ' waren er ' || aantal_opwaarts || ' opwaarts ('
            || procent_tekst(aantal_opwaarts / aantal_herindicaties) || ', tegen '
            || procent_tekst(verwacht_opwaarts / aantal_herindicaties)
            || ' verwacht naar de peers per perceel: ' || per_perceel_tekst || ')'
            || case
                when deel = 'op_initiatief_aanbieder'
                    then '; ' || aantal_opwaarts_op_initiatief_aanbieder
                    || ' daarvan op initiatief of verzoek van de aanbieder zelf (RedenWijziging '
                    || '12 of een 315/317): ' || procent_tekst(waarde) || ' tegen '
                    || procent_tekst(referentiewaarde) || ' verwacht'
                else ''
            end
            || ' (z na overdispersiecorrectie '
            || coalesce(getal_tekst(afwijking, 1), 'onbekend') || '): ' || aantal_meer_volume
            || ' met minstens ' || procent_tekst(getvariable('opschaling_min_aandeel'))
            || ' meer volume per dag, ' || aantal_zwaarder || ' naar een zwaarder product'
            || case
                when deel = 'opwaarts' and aantal_opwaarts_op_initiatief_aanbieder > 0
                    then '; ' || aantal_opwaarts_op_initiatief_aanbieder
                    || ' op initiatief of verzoek van de aanbieder (RedenWijziging 12 of een '
                    || '315/317)'
                else ''
            end
            || case
                when coalesce(verzoeken_opwaarts, 0) > 0
                    then '; in ' || (jaar - 1) || '–' || jaar || ' vroeg de aanbieder '
                    || verzoeken_opwaarts || ' keer om meer volume of een zwaarder product '
                    || '(315/317), waarvan ' || coalesce(verzoeken_opwaarts_gevolgd, 0)
                    || ' toegekend'
                else ''
            end
            || '. Die toewijzingen kostten ' || euro_tekst(meerkosten_eur)
            || ' meer dan bij het oude volume; boven de peerverwachting naar schatting '
            || euro_tekst(financieel_belang) || '.' as toelichting
    from intermediate.int_waarneming_volume_opschaling
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
)

select * from final
