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
-- bronnen: int_spk_regelsignalen (regels en materialiteit gedeeld met SPK01–SPK04)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with signalen as (
    select * from intermediate.int_spk_regelsignalen where indicator = 'SPK04'
),

final as (
    select
        s.signaal_id,
        s.indicator,
        'spookzorg' as categorie,
        s.aanbieder_agb,
        s.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        s.aandeel_onrechtmatig as waarde,
        null as referentiewaarde,
        s.aandeel_onrechtmatig as afwijking,
        s.onrechtmatig_eur as financieel_belang,
        s.aantal_clienten,
        s.gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        s.aantal_regels || ' prestaties voor ' || s.aantal_clienten
            || ' cliënten zijn een tweede keer gedeclareerd zonder credit ('
            || euro_tekst(s.onrechtmatig_eur) || ', '
            || procent_tekst(s.aandeel_onrechtmatig)
            || ' van de declaraties): ' || s.regels_zelfde_referentie
            || ' met een al ingediend referentienummer (8021), '
            || (s.aantal_regels - s.regels_zelfde_referentie)
            || ' met een nieuw referentienummer voor een al gedeclareerde periode.'
            as toelichting
    from signalen as s
)

select * from final
