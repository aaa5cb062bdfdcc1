-- doel: de productieverantwoording als cyclus (Lekstroom): per aanbieder, jaar, gemeente en
--   product de drie stappen (voorlopige inschatting, concept, definitief met verklaring) met
--   hun uiterste datum, ontvangstdatum en status, het vereiste soort verklaring (€ 50.000-regel)
--   en het verschil tussen wat wij gedeclareerd kregen en wat de aanbieder verantwoordt
-- grain: één rij per aanbieder_agb × jaar × gemeentecode × productcode (productcode 'alle
--   producten' als de aanbieder dat jaar per gemeente verantwoordt, niet per product;
--   gemeentecode 'regio' voor een verantwoording zonder gemeente)
-- sleutel: aanbieder_agb, jaar, gemeentecode, productcode
-- bronnen: stg_verantwoording, int_declaratieregels_status, int_verantwoording_omzet,
--   int_aanbieders, stg_gemeenten
-- parameters: verantwoording_voorlopig_voor_maand, verantwoording_concept_voor_maand,
--   verantwoording_definitief_voor_maand (uiterste datum = de 1e van die maand in het jaar na het
--   verantwoordingsjaar, niet meer op tijd), verantwoording_drempel_eur (via
--   int_verantwoording_omzet)
-- toelichting: status per stap: 'ontvangen' (op tijd, of zonder ontvangstdatum), 'te laat'
--   (ontvangen op of na de uiterste datum), 'ontbreekt' (niet ontvangen en de uiterste datum is
--   voorbij), 'nog niet' (niet ontvangen, de uiterste datum komt nog). Levert niemand in een jaar
--   een stap aan (oude bestanden zonder kolom stap), dan geldt alleen de definitieve stap en zijn
--   voorlopig en concept 'n.v.t.'. Gedeclareerd = betaalde regels (niet afgewezen door de
--   gemeente); verantwoord_eur = de verste stap die binnen is; verschil = gedeclareerd −
--   verantwoord (null zolang er niets verantwoord is).
with stappen as (
    select * from stg.stg_verantwoording
),

per_product as (
    select aanbieder_agb, jaar, bool_or(productcode is not null) as is_per_product
    from stappen
    group by aanbieder_agb, jaar
),

cyclus_jaren as (
    select jaar, bool_or(is_stap_aangeleverd) as heeft_stappen
    from stappen
    group by jaar
),

gedeclareerd as (
    select
        r.aanbieder_agb,
        r.jaar,
        r.gemeentecode,
        case when coalesce(p.is_per_product, false) then r.productcode end as productcode,
        sum(r.bedrag_eur) as gedeclareerd_eur,
        count(distinct r.client_id) as aantal_clienten
    from intermediate.int_declaratieregels_status as r
    left join per_product as p on p.aanbieder_agb = r.aanbieder_agb and p.jaar = r.jaar
    where not r.is_afgewezen_door_gemeente
    group by all
),

verantwoord as (
    select
        aanbieder_agb,
        jaar,
        gemeentecode,
        productcode,
        sum(bedrag_eur) filter (where stap = 'voorlopig') as voorlopig_eur,
        sum(bedrag_eur) filter (where stap = 'concept') as concept_eur,
        sum(bedrag_eur) filter (where stap = 'definitief') as definitief_eur,
        bool_or(stap = 'voorlopig') as heeft_voorlopig,
        bool_or(stap = 'concept') as heeft_concept,
        bool_or(stap = 'definitief') as heeft_definitief,
        max(ontvangen_datum) filter (where stap = 'voorlopig') as voorlopig_ontvangen_datum,
        max(ontvangen_datum) filter (where stap = 'concept') as concept_ontvangen_datum,
        max(ontvangen_datum) filter (where stap = 'definitief') as definitief_ontvangen_datum
    from stappen
    group by aanbieder_agb, jaar, gemeentecode, productcode
),

sleutels as (
    select aanbieder_agb, jaar, gemeentecode, productcode from gedeclareerd
    union
    select aanbieder_agb, jaar, gemeentecode, productcode from verantwoord
),

samen as (
    select
        s.*,
        g.gedeclareerd_eur,
        coalesce(g.aantal_clienten, 0) as aantal_clienten,
        v.* exclude (aanbieder_agb, jaar, gemeentecode, productcode),
        coalesce(c.heeft_stappen, false) as heeft_stappen,
        make_date(s.jaar + 1, getvariable('verantwoording_voorlopig_voor_maand'), 1)
            as voorlopig_uiterste_datum,
        make_date(s.jaar + 1, getvariable('verantwoording_concept_voor_maand'), 1)
            as concept_uiterste_datum,
        make_date(s.jaar + 1, getvariable('verantwoording_definitief_voor_maand'), 1)
            as definitief_uiterste_datum
    from sleutels as s
    left join gedeclareerd as g
        on g.aanbieder_agb = s.aanbieder_agb and g.jaar = s.jaar
        and g.gemeentecode is not distinct from s.gemeentecode
        and g.productcode is not distinct from s.productcode
    left join verantwoord as v
        on v.aanbieder_agb = s.aanbieder_agb and v.jaar = s.jaar
        and v.gemeentecode is not distinct from s.gemeentecode
        and v.productcode is not distinct from s.productcode
    left join cyclus_jaren as c on c.jaar = s.jaar
),

gemeenten as (
    select gemeentecode, any_value(naam) as naam
    from stg.stg_gemeenten
    group by gemeentecode
),

final as (
    select
        s.aanbieder_agb,
        coalesce(a.naam, 'AGB ' || s.aanbieder_agb) as naam,
        s.jaar,
        coalesce(s.gemeentecode, 'regio') as gemeentecode,
        case
            when s.gemeentecode is null then 'hele regio'
            else coalesce(gm.naam, 'Gemeente ' || s.gemeentecode)
        end as gemeente,
        coalesce(s.productcode, 'alle producten') as productcode,
        s.voorlopig_uiterste_datum,
        s.voorlopig_ontvangen_datum,
        verantwoordingsstap_status(
            s.heeft_voorlopig,
            s.voorlopig_ontvangen_datum,
            s.voorlopig_uiterste_datum,
            s.heeft_stappen
        ) as voorlopig_status,
        s.concept_uiterste_datum,
        s.concept_ontvangen_datum,
        verantwoordingsstap_status(
            s.heeft_concept,
            s.concept_ontvangen_datum,
            s.concept_uiterste_datum,
            s.heeft_stappen
        ) as concept_status,
        s.definitief_uiterste_datum,
        s.definitief_ontvangen_datum,
        -- the definitive step is always expected, also without the three-step columns
        verantwoordingsstap_status(
            s.heeft_definitief,
            s.definitief_ontvangen_datum,
            s.definitief_uiterste_datum,
            true
        ) as definitief_status,
        o.vereiste_verantwoording,
        cast(s.gedeclareerd_eur as decimal(18, 2)) as gedeclareerd_eur,
        cast(s.voorlopig_eur as decimal(18, 2)) as voorlopig_eur,
        cast(s.concept_eur as decimal(18, 2)) as concept_eur,
        cast(s.definitief_eur as decimal(18, 2)) as definitief_eur,
        cast(coalesce(s.definitief_eur, s.concept_eur, s.voorlopig_eur) as decimal(18, 2))
            as verantwoord_eur,
        cast(
            coalesce(s.gedeclareerd_eur, 0)
            - coalesce(s.definitief_eur, s.concept_eur, s.voorlopig_eur) as decimal(18, 2)
        ) as verschil_eur,
        s.aantal_clienten
    from samen as s
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
    left join gemeenten as gm on gm.gemeentecode = s.gemeentecode
    left join intermediate.int_verantwoording_omzet as o
        on o.aanbieder_agb = s.aanbieder_agb and o.jaar = s.jaar
)

select * from final
