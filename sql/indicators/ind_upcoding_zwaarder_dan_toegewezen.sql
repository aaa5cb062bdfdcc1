-- code: UPC03
-- naam: Zwaarder product gedeclareerd dan toegewezen
-- categorie: upcoding
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: Staande declaratieregels voor een product uit hetzelfde perceel als het toegewezen
--   product, maar met een hogere intensiteit (volgens de productcatalogus) dan toegewezen. Het
--   financieel belang is het tariefverschil: (producttarief − contracttarief van het
--   toegewezen product) × volume, omgerekend naar dezelfde eenheid; is dat niet te berekenen,
--   dan het hele bedrag. Een toewijzing op categorieniveau (zonder productcode) raakt dit niet.
-- waarom: Een zwaarder product declareren dan de gemeente toekende levert per uur of dag meer
--   op zonder dat de cliënt die zorg nodig had: upcoding.
-- drempels: gemarkeerd bij een tariefverschil van minstens materieel_min_eur én
--   materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven
--   materieel_altijd_eur.
--   Ook gemarkeerd als voortzetting: het jaar ervoor of erna is materieel (int_regelsignalen).
-- bron: iWmo TR340 (retourcode 9340: productcode ≠ toewijzing); indicatorcatalogus A4/C6.
-- bronnen: int_regelsignalen (de regels uit int_upc_zwaarder_dan_toegewezen, bedrag en
--   materialiteit gedeeld met alle regelsignalen)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        aantal_tekst(aantal_regels, 'declaratieregel', 'declaratieregels') || ' ('
            || euro_tekst(bedrag_eur) || ') voor '
            || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten')
            || case when aantal_regels = 1 then ' is' else ' zijn' end
            || ' gedeclareerd als een zwaarder product dan '
            || 'toegewezen (vooral ' || meest_gedeclareerd || ' waar ' || meest_toegewezen
            || ' is toegewezen; retourcode 9340): ' || euro_tekst(financieel_belang)
            || ' meer dan het tarief van het toegewezen product ('
            || procent_tekst(waarde)
            || ' van de declaraties).'
            || voortzetting_tekst(voortzetting_jaren) as toelichting
    from intermediate.int_regelsignalen
    where indicator = 'UPC03'
)

select * from final
