-- code: UPC04
-- naam: Producttarief boven het contracttarief
-- categorie: upcoding
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: Het bedrag dat staande declaratieregels boven het contracttarief liggen:
--   (producttarief − contracttarief) × geleverd volume, als het producttarief meer dan
--   tarief_tolerantie_eur boven het contracttarief van de aanbieder (of anders het regionale
--   tarief) voor die productcode en datum ligt. Regels waarvan het hele bedrag al onrechtmatig
--   is (zonder passende toewijzing, SPK01, of een zwaarder product dan toegewezen, UPC03) tellen
--   hier niet, zodat dezelfde euro niet twee keer meetelt.
-- waarom: Een hoger tarief declareren dan afgesproken is overfacturering; het valt alleen op bij
--   vergelijking met de contracttarieven, want het ingediende bedrag klopt met het eigen tarief.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
--   Ook gemarkeerd als voortzetting: het jaar ervoor of erna is materieel (int_regelsignalen).
-- bron: iWmo TR418 (retourcode 0611, nieuw in iWmo 3.2: producttarief ≠ contracttarief);
--   indicatorcatalogus A5/C6.
-- bronnen: int_regelsignalen (de regels uit int_upc_boven_contracttarief, bedrag en
--   materialiteit gedeeld met alle regelsignalen)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        aantal_tekst(aantal_regels, 'declaratieregel', 'declaratieregels') || ' voor '
            || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten')
            || case when aantal_regels = 1 then ' heeft' else ' hebben' end
            || ' een producttarief gemiddeld ' || procent_tekst(opslag)
            || ' boven het contracttarief (retourcode 0611; productcodes ' || productcodes
            || '): '
            || euro_tekst(financieel_belang) || ' te veel ('
            || procent_tekst(waarde)
            || ' van de declaraties).'
            || voortzetting_tekst(voortzetting_jaren) as toelichting
    from intermediate.int_regelsignalen
    where indicator = 'UPC04'
)

select * from final
