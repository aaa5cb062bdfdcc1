-- code: SPK03
-- naam: Geleverd volume boven het toegewezen volume
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: Euro's op staande declaratieregels met meer volume dan toegewezen: boven het
--   toegewezen volume voor de periode (per dag, week of maand, naar rato van de dagen binnen de
--   toewijzing, na volume_tolerantie voor afronding), cumulatief boven het totaalvolume van de
--   toewijzing (frequentie totaal), of cumulatief boven het budget. Alleen het volume boven de
--   toewijzing maal het tarief telt als onrechtmatig bedrag.
-- waarom: Meer uren of dagdelen declareren dan de gemeente toekende wijst op niet-geleverde of
--   niet-geïndiceerde zorg; structureel boven de toewijzing declareren is een spookzorgpatroon.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
--   Ook gemarkeerd als voortzetting: het jaar ervoor of erna is materieel (int_regelsignalen).
-- bron: iWmo TR321/TR322/TR369 (retourcodes 9321/9322/9369), IV076 (volume per periode);
--   indicatorcatalogus A3.
-- bronnen: int_regelsignalen (bedragen en materialiteit gedeeld met alle regelsignalen)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        aantal_tekst(aantal_regels, 'declaratieregel', 'declaratieregels') || ' op '
            || aantal_tekst(aantal_toewijzingen, 'toewijzing', 'toewijzingen') || ' van '
            || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten')
            || case when aantal_regels = 1 then ' heeft' else ' hebben' end
            || ' meer volume dan toegewezen'
            || coalesce(' (gemiddeld ' || procent_tekst(volume_factor)
                || ' van het toegestane volume)', '')
            || ': ' || euro_tekst(financieel_belang) || ' boven de toewijzing ('
            || procent_tekst(waarde)
            || ' van de declaraties; retourcodes 9321/9322/9369).'
            || voortzetting_tekst(voortzetting_jaren) as toelichting
    from intermediate.int_regelsignalen
    where indicator = 'SPK03'
)

select * from final
