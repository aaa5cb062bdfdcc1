-- code: SPK04
-- naam: Dubbel gedeclareerde prestatie
-- categorie: spookzorg
-- definitie: Euro's op staande declaratieregels die een tweede keer dezelfde prestatie
--   declareren: een referentienummer dat al eerder is ingediend, of een tweede staande
--   prestatie voor dezelfde cliënt, aanbieder en productcode in een periode die een eerdere
--   overlapt. Een gecrediteerde regel met herdeclaratie is géén dubbel (de credit saldeert de
--   eerste). Bij overlap telt alleen het overlappende deel als onrechtmatig bedrag.
-- waarom: Dezelfde zorg twee keer laten betalen, met een nieuw referentienummer en zonder
--   credit, is een eenvoudig en moeilijk zichtbaar spookzorgpatroon.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
-- bron: iWmo TR314 (retourcode 8021), FAQ iWmo 3.2 (twee prestaties voor dezelfde toewijzing
--   en productperiode); indicatorcatalogus A6.
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where status = 'dubbel'
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(onrechtmatig_eur) as onrechtmatig_eur,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        count(*) filter (where reden like '8021:%') as regels_zelfde_referentie
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select
        signaal_sleutel('SPK04', p.aanbieder_agb, p.jaar, null) as signaal_id,
        'SPK04' as indicator,
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
        p.aantal_regels || ' prestaties voor ' || p.aantal_clienten
            || ' cliënten zijn een tweede keer gedeclareerd zonder credit ('
            || euro_tekst(p.onrechtmatig_eur) || ', '
            || procent_tekst(p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0))
            || ' van de declaraties): ' || p.regels_zelfde_referentie
            || ' met een al ingediend referentienummer (8021), '
            || (p.aantal_regels - p.regels_zelfde_referentie)
            || ' met een nieuw referentienummer voor een al gedeclareerde periode.'
            as toelichting
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
