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
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where status = 'boven_volume'
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(onrechtmatig_eur) as onrechtmatig_eur,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        count(distinct gemeentecode || '|' || toewijzingnummer) as aantal_toewijzingen,
        -- Declared volume relative to the allowed volume, on the lines with a period cap.
        sum(volume_basis) filter (where toegestaan_volume_basis > 0)
            / nullif(sum(toegestaan_volume_basis) filter (where toegestaan_volume_basis > 0), 0)
            as volume_factor
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select
        signaal_sleutel('SPK03', p.aanbieder_agb, p.jaar, null) as signaal_id,
        'SPK03' as indicator,
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
        p.aantal_regels || ' declaratieregels op ' || p.aantal_toewijzingen
            || ' toewijzingen van ' || p.aantal_clienten
            || ' cliënten hebben meer volume dan toegewezen'
            || coalesce(' (gemiddeld ' || procent_tekst(p.volume_factor)
                || ' van het toegestane volume)', '')
            || ': ' || euro_tekst(p.onrechtmatig_eur) || ' boven de toewijzing ('
            || procent_tekst(p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0))
            || ' van de declaraties; retourcodes 9321/9322/9369).' as toelichting
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
