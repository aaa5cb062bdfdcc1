-- code: SPK01
-- naam: Declaratie zonder passende toewijzing
-- categorie: spookzorg
-- definitie: Euro's op staande declaratieregels die niet bij een toegewezen product van deze
--   cliënt en aanbieder horen: geen of een onbekend toewijzingnummer, de toewijzing van een andere
--   cliënt of aanbieder, of een andere productcategorie, productcode of eenheid dan toegewezen.
--   Een zwaarder product binnen hetzelfde perceel telt niet hier maar bij upcoding (UPC03).
-- waarom: Zonder toewijzing heeft de gemeente de zorg niet toegekend; zulke prestaties zijn niet
--   rechtmatig en zijn het klassieke patroon van spookzorg (zorg declareren die niet geleverd is).
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
-- bron: iWmo TR338 (retourcode 9338), TR339–TR341 (9339/9340/9341); indicatorcatalogus A1/A4.
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where status in ('geen_toewijzing', 'andere_aanbieder', 'ander_product')
        and not (
            status = 'ander_product'
            and perceel = toewijzing_perceel
            and intensiteit > toewijzing_intensiteit
        )
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(onrechtmatig_eur) as onrechtmatig_eur,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        count(*) filter (where status = 'geen_toewijzing') as regels_geen,
        count(*) filter (where status = 'andere_aanbieder') as regels_andere_aanbieder,
        count(*) filter (where status = 'ander_product') as regels_ander_product
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select
        signaal_sleutel('SPK01', p.aanbieder_agb, p.jaar, null) as signaal_id,
        'SPK01' as indicator,
        'spookzorg' as categorie,
        p.aanbieder_agb,
        p.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0) as waarde,
        null as referentiewaarde,
        p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0) as afwijking,
        p.onrechtmatig_eur as financieel_belang,
        p.aantal_clienten,
        is_materieel(p.onrechtmatig_eur, o.gedeclareerd_eur) as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        p.aantal_regels || ' declaratieregels (' || euro_tekst(p.onrechtmatig_eur) || ', '
            || procent_tekst(p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0))
            || ' van de declaraties) voor ' || p.aantal_clienten
            || ' cliënten zonder passende toewijzing: ' || p.regels_geen
            || ' zonder (geldige) toewijzing, ' || p.regels_andere_aanbieder
            || ' op de toewijzing van een andere aanbieder, ' || p.regels_ander_product
            || ' voor een ander product (retourcodes 9338–9341).' as toelichting
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
