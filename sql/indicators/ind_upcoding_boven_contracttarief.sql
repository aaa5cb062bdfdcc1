-- code: UPC04
-- naam: Producttarief boven het contracttarief
-- categorie: upcoding
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
-- bron: iWmo TR418 (retourcode 0611, nieuw in iWmo 3.2: producttarief ≠ contracttarief);
--   indicatorcatalogus A5/C6.
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where boven_contracttarief_eur > 0
        and status not in ('geen_toewijzing', 'andere_aanbieder', 'ander_product')
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(boven_contracttarief_eur) as boven_eur,
        -- Average markup, weighted by what the lines would have cost at the contract tariff.
        sum(boven_contracttarief_eur) / nullif(sum(contracttarief_eur * geleverd_volume), 0)
            as opslag,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        string_agg(distinct productcode, ', ' order by productcode) as productcodes
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select
        signaal_sleutel('UPC04', p.aanbieder_agb, p.jaar, null) as signaal_id,
        'UPC04' as indicator,
        'upcoding' as categorie,
        p.aanbieder_agb,
        p.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        p.boven_eur / nullif(o.gedeclareerd_eur, 0) as waarde,
        null as referentiewaarde,
        p.boven_eur / nullif(o.gedeclareerd_eur, 0) as afwijking,
        p.boven_eur as financieel_belang,
        p.aantal_clienten,
        is_materieel(p.boven_eur, o.gedeclareerd_eur) as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        p.aantal_regels || ' declaratieregels voor ' || p.aantal_clienten
            || ' cliënten hebben een producttarief gemiddeld ' || procent_tekst(p.opslag)
            || ' boven het contracttarief (retourcode 0611; productcodes ' || p.productcodes
            || '): '
            || euro_tekst(p.boven_eur) || ' te veel ('
            || procent_tekst(p.boven_eur / nullif(o.gedeclareerd_eur, 0))
            || ' van de declaraties).' as toelichting
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
