-- doel: de intensiteitsmix (tiermix) van elke aanbieder per perceel en jaar, met zijn
--   peergroep en de peeraantallen voor dit en vorig jaar; de basis van UPC01 en UPC02
-- grain: één rij per aanbieder_agb × jaar × perceel waarin de aanbieder minstens twee
--   intensiteiten aanbiedt
-- sleutel: aanbieder_agb, jaar, perceel
-- bronnen: int_upc_clienten
-- parameters: min_peers, min_clienten
-- toelichting:
--   aanbod      de intensiteiten die de aanbieder in dat perceel en jaar echt aanbiedt: minstens
--               10% van zijn cliënten in het perceel. Een handvol cliënten op een ander niveau
--               maakt een specialist (alleen het zwaarste product) nog geen aanbieder met een mix.
--   zwaarste    de hoogste intensiteit in dat aanbod; aandeel zwaar = cliënten op dat niveau
--               gedeeld door cliënten op een niveau binnen het aanbod.
--   peergroep   de andere aanbieders met precies hetzelfde aanbod (minstens min_peers, elk met
--               minstens min_clienten cliënten in het perceel); zijn het er minder, dan alle
--               aanbieders van het perceel die minstens dezelfde intensiteiten aanbieden. De
--               peeraantallen tellen alleen hun cliënten op de niveaus uit het aanbod van de
--               beoordeelde aanbieder, zodat beide aandelen hetzelfde meten.
--   peergroep   die keuze in woorden, zoals UPC01 en UPC02 haar tonen.
--   meerprijs_per_client_eur  gemiddeld bedrag per cliënt op het zwaarste niveau min dat per
--               lichtere cliënt (minstens 0).
--   *_nu/*_vorig  voor UPC02: dit en vorig jaar, eigen en van dezelfde peers, geteld op de
--               niveaus die de aanbieder in een van beide jaren aanbood (niveaus_twee_jaar).
with clienten as (
    select * from intermediate.int_upc_clienten
),

per_niveau as (
    select
        aanbieder_agb,
        jaar,
        perceel,
        intensiteit,
        count(*) as clienten,
        sum(count(*)) over (partition by aanbieder_agb, jaar, perceel) as clienten_perceel
    from clienten
    group by aanbieder_agb, jaar, perceel, intensiteit
),

aanbod as (
    select
        aanbieder_agb,
        jaar,
        perceel,
        any_value(clienten_perceel) as clienten_perceel,
        -- A level is part of the offer once it serves a real share of the clients, so a
        -- specialist with a few stray lighter clients still counts as single-level.
        list_sort(list(intensiteit) filter (
            where clienten >= getvariable('aanbod_min_aandeel') * clienten_perceel
        ))
            as aanbod_lijst
    from per_niveau
    group by aanbieder_agb, jaar, perceel
),

-- Only providers offering at least two levels have a mix to judge.
met_mix as (
    select
        *,
        list_max(aanbod_lijst) as zwaarste,
        array_to_string(aanbod_lijst, ', ') as aanbod
    from aanbod
    where len(aanbod_lijst) >= 2
),

eigen as (
    select
        m.aanbieder_agb,
        m.jaar,
        m.perceel,
        count(*) filter (where list_contains(m.aanbod_lijst, c.intensiteit)) as clienten,
        count(*) filter (where c.intensiteit = m.zwaarste) as clienten_zwaar,
        cast(coalesce(sum(c.bedrag_eur) filter (where c.intensiteit = m.zwaarste), 0)
            as decimal(18, 2)) as bedrag_zwaar_eur,
        cast(coalesce(sum(c.bedrag_eur) filter (
            where list_contains(m.aanbod_lijst, c.intensiteit) and c.intensiteit <> m.zwaarste
        ), 0) as decimal(18, 2)) as bedrag_licht_eur
    from met_mix as m
    inner join clienten as c
        on c.aanbieder_agb = m.aanbieder_agb and c.jaar = m.jaar and c.perceel = m.perceel
    group by m.aanbieder_agb, m.jaar, m.perceel
),

-- For UPC02 both years are counted on the levels offered in either year: an upcoder that moves
-- everyone from the middle to the top level drops the middle level from this year's offer, and
-- counting on this year's offer alone would hide the shift.
twee_jaar as (
    select
        m.aanbieder_agb,
        m.jaar,
        m.perceel,
        list_sort(list_distinct(list_concat(m.aanbod_lijst, coalesce(v.aanbod_lijst, []))))
            as niveaus_twee_jaar,
        coalesce(list_contains(v.aanbod_lijst, m.zwaarste), false) as zwaarste_vorig_aangeboden
    from met_mix as m
    left join aanbod as v
        on v.aanbieder_agb = m.aanbieder_agb and v.jaar = m.jaar - 1 and v.perceel = m.perceel
),

eigen_twee_jaar as (
    select
        t.aanbieder_agb,
        t.jaar,
        t.perceel,
        coalesce(sum(n.clienten) filter (where n.jaar = t.jaar), 0) as clienten_nu,
        coalesce(sum(n.clienten) filter (where n.jaar = t.jaar and n.intensiteit = m.zwaarste), 0)
            as zwaar_nu,
        coalesce(sum(n.clienten) filter (where n.jaar = t.jaar - 1), 0) as clienten_vorig,
        coalesce(
            sum(n.clienten) filter (where n.jaar = t.jaar - 1 and n.intensiteit = m.zwaarste), 0
        ) as zwaar_vorig
    from twee_jaar as t
    inner join met_mix as m
        on m.aanbieder_agb = t.aanbieder_agb and m.jaar = t.jaar and m.perceel = t.perceel
    inner join per_niveau as n
        on n.aanbieder_agb = t.aanbieder_agb
        and n.perceel = t.perceel
        and n.jaar in (t.jaar, t.jaar - 1)
        and list_contains(t.niveaus_twee_jaar, n.intensiteit)
    group by t.aanbieder_agb, t.jaar, t.perceel
),

kandidaat_peers as (
    select * from met_mix where clienten_perceel >= getvariable('min_clienten')
),

paren as (
    select
        m.aanbieder_agb,
        m.jaar,
        m.perceel,
        m.aanbod_lijst,
        m.zwaarste,
        t.niveaus_twee_jaar,
        p.aanbieder_agb as peer_agb,
        p.aanbod_lijst = m.aanbod_lijst as zelfde_aanbod
    from met_mix as m
    inner join twee_jaar as t
        on t.aanbieder_agb = m.aanbieder_agb and t.jaar = m.jaar and t.perceel = m.perceel
    inner join kandidaat_peers as p
        on p.jaar = m.jaar
        and p.perceel = m.perceel
        and p.aanbieder_agb <> m.aanbieder_agb
        -- A peer must offer at least the same levels: one without the heaviest level would pull
        -- the expected share down, one without a lighter level would push it up.
        and list_has_all(p.aanbod_lijst, m.aanbod_lijst)
),

groepen as (
    select
        aanbieder_agb,
        jaar,
        perceel,
        count(*) filter (where zelfde_aanbod) >= getvariable('min_peers') as op_aanbod
    from paren
    group by aanbieder_agb, jaar, perceel
),

gekozen as (
    select p.*, g.op_aanbod
    from paren as p
    inner join groepen as g
        on g.aanbieder_agb = p.aanbieder_agb and g.jaar = p.jaar and g.perceel = p.perceel
    where p.zelfde_aanbod or not g.op_aanbod
),

peers as (
    select
        g.aanbieder_agb,
        g.jaar,
        g.perceel,
        any_value(g.op_aanbod) as op_aanbod,
        count(distinct g.peer_agb) as aantal_peers,
        -- UPC01: this year, on the provider's offer.
        coalesce(sum(n.clienten) filter (
            where n.jaar = g.jaar and list_contains(g.aanbod_lijst, n.intensiteit)
        ), 0) as peer_clienten,
        coalesce(sum(n.clienten) filter (where n.jaar = g.jaar and n.intensiteit = g.zwaarste), 0)
            as peer_clienten_zwaar,
        -- UPC02: both years, on the levels of either year's offer.
        coalesce(sum(n.clienten) filter (where n.jaar = g.jaar), 0) as peer_nu,
        coalesce(sum(n.clienten) filter (where n.jaar = g.jaar - 1), 0) as peer_vorig,
        coalesce(
            sum(n.clienten) filter (where n.jaar = g.jaar - 1 and n.intensiteit = g.zwaarste), 0
        ) as peer_zwaar_vorig
    from gekozen as g
    left join per_niveau as n
        on n.aanbieder_agb = g.peer_agb
        and n.perceel = g.perceel
        and n.jaar in (g.jaar, g.jaar - 1)
        and list_contains(g.niveaus_twee_jaar, n.intensiteit)
    group by g.aanbieder_agb, g.jaar, g.perceel
),

final as (
    select
        m.aanbieder_agb,
        m.jaar,
        m.perceel,
        m.aanbod,
        m.aanbod_lijst,
        m.zwaarste,
        m.clienten_perceel,
        e.clienten,
        e.clienten_zwaar,
        e.bedrag_zwaar_eur,
        e.bedrag_licht_eur,
        case when p.op_aanbod then 'zelfde aanbod' else 'perceel' end as peergroep_soort,
        coalesce(p.aantal_peers, 0) as aantal_peers,
        case
            when p.op_aanbod then coalesce(p.aantal_peers, 0) || ' aanbieders van ' || m.perceel
                || ' met hetzelfde aanbod (intensiteiten ' || m.aanbod || ')'
            else coalesce(p.aantal_peers, 0) || ' aanbieders van ' || m.perceel
                || ' die minstens intensiteiten ' || m.aanbod || ' aanbieden, geteld op die'
                || ' intensiteiten (teruggevallen op het hele perceel: minder dan '
                || getvariable('min_peers') || ' met precies dit aanbod)'
        end as peergroep,
        -- What a client at the heaviest level costs more than a lighter one, on average: the
        -- euros per extra heavy client in UPC01 and UPC02 (shown in cents; their financieel
        -- belang multiplies the exact amount, macros.sql).
        bedrag_op_centen(meerprijs_per_zware_client(
            e.bedrag_zwaar_eur, e.clienten_zwaar, e.bedrag_licht_eur, e.clienten - e.clienten_zwaar
        )) as meerprijs_per_client_eur,
        coalesce(p.peer_clienten, 0) as peer_clienten,
        coalesce(p.peer_clienten_zwaar, 0) as peer_clienten_zwaar,
        array_to_string(t.niveaus_twee_jaar, ', ') as niveaus_twee_jaar,
        t.zwaarste_vorig_aangeboden,
        coalesce(v.clienten_nu, 0) as clienten_nu,
        coalesce(v.zwaar_nu, 0) as zwaar_nu,
        coalesce(v.clienten_vorig, 0) as clienten_vorig,
        coalesce(v.zwaar_vorig, 0) as zwaar_vorig,
        coalesce(p.peer_nu, 0) as peer_nu,
        coalesce(p.peer_clienten_zwaar, 0) as peer_zwaar_nu,
        coalesce(p.peer_vorig, 0) as peer_vorig,
        coalesce(p.peer_zwaar_vorig, 0) as peer_zwaar_vorig
    from met_mix as m
    inner join eigen as e
        on e.aanbieder_agb = m.aanbieder_agb and e.jaar = m.jaar and e.perceel = m.perceel
    inner join twee_jaar as t
        on t.aanbieder_agb = m.aanbieder_agb and t.jaar = m.jaar and t.perceel = m.perceel
    left join eigen_twee_jaar as v
        on v.aanbieder_agb = m.aanbieder_agb and v.jaar = m.jaar and v.perceel = m.perceel
    left join peers as p
        on p.aanbieder_agb = m.aanbieder_agb and p.jaar = m.jaar and p.perceel = m.perceel
)

select * from final
