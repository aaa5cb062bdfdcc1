-- doel: de regelsignalen (SPK01–SPK04, UPC03, UPC04) per aanbieder en jaar: de onrechtmatige
--   euro's (financieel_belang), hun aandeel in de declaraties (waarde en afwijking), aantallen per
--   status en of het materieel is. Eén materialiteitsregel voor alle regelsignalen; elk
--   regelsignaal leest hier zijn rij en schrijft alleen zijn toelichting.
-- grain: één rij per indicator × aanbieder_agb × jaar met minstens één regel
-- sleutel: indicator, aanbieder_agb, jaar
-- bronnen: int_regelsignaal_regels, int_aanbieder_jaar
-- parameters: materieel_min_eur, materieel_min_aandeel, materieel_altijd_eur (via is_materieel)
-- toelichting: het onrechtmatige bedrag van een regel komt uit int_regelsignaal_regels (elke
--   gedeclareerde euro één keer over alle regelsignalen). De overige kolommen beschrijven de
--   regels voor de toelichtingen: aantallen per status (SPK), volume_factor (SPK03), bedrag_eur
--   en de meest gedeclareerde en toegewezen productcode (UPC03), productcodes en opslag boven het
--   contracttarief (UPC04).
--   Voortzetting: een jaar dat zelf niet materieel is, is toch gemarkeerd als hetzelfde
--   regelsignaal de aanbieder in het jaar ervoor of erna om materiële euro's markeert. Een
--   patroon dat in november begint of in februari stopt, laat in het randjaar een restje na dat
--   onder de lat blijft; de jaargrens is een boekhoudgrens, geen grens van het gedrag. Elke regel
--   van een regelsignaal is een zekere overtreding, dus het restje is geen ruis (voortzetting_jaren
--   noemt de jaren voor de toelichting).
with regels as (
    select * from intermediate.int_regelsignaal_regels
),

per_aanbieder as (
    select
        indicator,
        aanbieder_agb,
        jaar,
        cast(sum(onrechtmatig_eur) as decimal(18, 2)) as financieel_belang,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        count(distinct gemeentecode || '|' || toewijzingnummer) as aantal_toewijzingen,
        count(*) filter (where status = 'geen_toewijzing') as regels_geen_toewijzing,
        count(*) filter (where status = 'andere_aanbieder') as regels_andere_aanbieder,
        count(*) filter (where status = 'ander_product') as regels_ander_product,
        count(*) filter (where status = 'buiten_periode') as regels_buiten_periode,
        count(*) filter (where status = 'na_einde_zorg') as regels_na_einde_zorg,
        count(*) filter (where reden like '8021:%') as regels_zelfde_referentie,
        -- Declared volume relative to the allowed volume, on the lines with a period cap.
        sum(volume_basis) filter (where toegestaan_volume_basis > 0)
            / nullif(sum(toegestaan_volume_basis) filter (where toegestaan_volume_basis > 0), 0)
            as volume_factor,
        cast(sum(bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        string_agg(distinct productcode, ', ' order by productcode) as productcodes,
        -- The most common declared and allocated product, for the explanation.
        mode(productcode) as meest_gedeclareerd,
        mode(toewijzing_productcode) as meest_toegewezen,
        -- Average markup above the contract tariff, weighted by what the lines would have cost
        -- at that tariff.
        sum(boven_contracttarief_eur) / nullif(sum(contracttarief_eur * geleverd_volume), 0)
            as opslag
    from regels
    group by indicator, aanbieder_agb, jaar
),

met_materialiteit as (
    select
        p.*,
        o.gedeclareerd_eur,
        p.financieel_belang / nullif(o.gedeclareerd_eur, 0) as waarde,
        -- A rule signal has no reference: the share itself is the deviation.
        p.financieel_belang / nullif(o.gedeclareerd_eur, 0) as afwijking,
        is_materieel(p.financieel_belang, o.gedeclareerd_eur) as is_materieel_dit_jaar
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
),

-- A pattern that crosses a year boundary counts as one (see the toelichting above).
met_voortzetting as (
    select
        *,
        voortzetting_jaren(
            is_materieel_dit_jaar, jaar, struct_pack(indicator, aanbieder_agb)
        ) as voortzetting_jaren
    from met_materialiteit
),

final as (
    select
        * exclude (is_materieel_dit_jaar),
        is_materieel_dit_jaar or voortzetting_jaren is not null as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep
    from met_voortzetting
)

select * from final
