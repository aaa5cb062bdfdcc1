-- code: SPK03
-- naam: Geleverd volume boven het toegewezen volume
-- categorie: spookzorg
-- definitie: Euro's op staande declaratieregels met meer volume dan toegewezen: boven het
--   toegewezen volume voor de periode (per dag, week of maand, naar rato van de dagen binnen de
--   toewijzing, na volume_tolerantie voor afronding), cumulatief boven het totaalvolume van de
--   toewijzing (frequentie totaal), of cumulatief boven het budget. Alleen het volume boven de
--   toewijzing maal het tarief telt als onrechtmatig bedrag.
-- waarom: Meer uren of dagdelen declareren dan de gemeente toekende wijst op niet-geleverde of
--   niet-geïndiceerde zorg; structureel boven de toewijzing declareren is een spookzorgpatroon.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
-- bron: iWmo TR321/TR322/TR369 (retourcodes 9321/9322/9369), IV076 (volume per periode);
--   indicatorcatalogus A3.
-- bronnen: int_spk_regelsignalen (regels en materialiteit gedeeld met SPK01–SPK04)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with signalen as (
    select * from intermediate.int_spk_regelsignalen where indicator = 'SPK03'
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
        s.aantal_regels || ' declaratieregels op ' || s.aantal_toewijzingen
            || ' toewijzingen van ' || s.aantal_clienten
            || ' cliënten hebben meer volume dan toegewezen'
            || coalesce(' (gemiddeld ' || procent_tekst(s.volume_factor)
                || ' van het toegestane volume)', '')
            || ': ' || euro_tekst(s.onrechtmatig_eur) || ' boven de toewijzing ('
            || procent_tekst(s.aandeel_onrechtmatig)
            || ' van de declaraties; retourcodes 9321/9322/9369).' as toelichting
    from signalen as s
)

select * from final
