-- code: SPK04
-- naam: Dubbel gedeclareerde prestatie
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: Euro's op staande declaratieregels die een tweede keer dezelfde prestatie
--   declareren: een referentienummer dat al eerder is ingediend, of een tweede staande
--   prestatie voor dezelfde cliënt, aanbieder en productcode in een periode die een eerdere
--   overlapt. Een gecrediteerde regel met herdeclaratie is géén dubbel (de credit saldeert de
--   eerste). Bij overlap telt alleen het overlappende deel als onrechtmatig bedrag.
-- waarom: Dezelfde zorg twee keer laten betalen, met een nieuw referentienummer en zonder
--   credit, is een eenvoudig en moeilijk zichtbaar spookzorgpatroon.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
--   Ook gemarkeerd als voortzetting: het jaar ervoor of erna is materieel (int_regelsignalen).
-- bron: iWmo TR314 (retourcode 8021), FAQ iWmo 3.2 (twee prestaties voor dezelfde toewijzing
--   en productperiode); indicatorcatalogus A6.
-- bronnen: int_regelsignalen (bedragen en materialiteit gedeeld met alle regelsignalen)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        aantal_tekst(aantal_regels, 'prestatie', 'prestaties') || ' voor '
            || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten')
            || case when aantal_regels = 1 then ' is' else ' zijn' end
            || ' een tweede keer gedeclareerd zonder credit ('
            || euro_tekst(financieel_belang) || ', '
            || procent_tekst(waarde)
            || ' van de declaraties): ' || regels_zelfde_referentie
            || ' met een al ingediend referentienummer (8021), '
            || (aantal_regels - regels_zelfde_referentie)
            || ' met een nieuw referentienummer voor een al gedeclareerde periode.'
            || voortzetting_tekst(voortzetting_jaren)
            as toelichting
    from intermediate.int_regelsignalen
    where indicator = 'SPK04'
)

select * from final
