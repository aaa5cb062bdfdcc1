-- code: UPC03
-- naam: Zwaarder product gedeclareerd dan toegewezen
-- categorie: upcoding
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
-- bron: iWmo TR340 (retourcode 9340: productcode ≠ toewijzing); indicatorcatalogus A4/C6.
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with regels as (
    select *
    from intermediate.int_upc_zwaarder_dan_toegewezen
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(meerprijs_eur) as meerprijs_eur,
        sum(bedrag_eur) as bedrag_eur,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        -- The most common pair, for the explanation.
        mode(productcode) as meest_gedeclareerd,
        mode(toewijzing_productcode) as meest_toegewezen
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select
        signaal_sleutel('UPC03', p.aanbieder_agb, p.jaar, null) as signaal_id,
        'UPC03' as indicator,
        'upcoding' as categorie,
        p.aanbieder_agb,
        p.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        p.meerprijs_eur / nullif(o.gedeclareerd_eur, 0) as waarde,
        null as referentiewaarde,
        p.meerprijs_eur / nullif(o.gedeclareerd_eur, 0) as afwijking,
        p.meerprijs_eur as financieel_belang,
        p.aantal_clienten,
        is_materieel(p.meerprijs_eur, o.gedeclareerd_eur) as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        p.aantal_regels || ' declaratieregels (' || euro_tekst(p.bedrag_eur) || ') voor '
            || p.aantal_clienten || ' cliënten zijn gedeclareerd als een zwaarder product dan '
            || 'toegewezen (vooral ' || p.meest_gedeclareerd || ' waar ' || p.meest_toegewezen
            || ' is toegewezen; retourcode 9340): ' || euro_tekst(p.meerprijs_eur)
            || ' meer dan het tarief van het toegewezen product ('
            || procent_tekst(p.meerprijs_eur / nullif(o.gedeclareerd_eur, 0))
            || ' van de declaraties).' as toelichting
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
