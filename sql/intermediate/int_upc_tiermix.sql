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
    select aanbieder_agb, jaar, perceel, aanbod_lijst
    from met_mix
    where clienten_perceel >= getvariable('min_clienten') and aanbieder_agb is not null
),

-- Peers are gathered per distinct offer in a perceel (a handful), not per pair of providers:
-- pairs grow with the square of the number of providers, offers do not. Each candidate peer
-- lands under every offer it covers; the provider itself is taken out again below.
aanbiedingen as (
    select distinct jaar, perceel, aanbod_lijst from met_mix
),

peer_per_aanbod as (
    select
        a.jaar,
        a.perceel,
        a.aanbod_lijst,
        p.aanbieder_agb as peer_agb,
        p.aanbod_lijst = a.aanbod_lijst as zelfde_aanbod
    from aanbiedingen as a
    inner join kandidaat_peers as p
        on p.jaar = a.jaar
        and p.perceel = a.perceel
        -- A peer must offer at least the same levels: one without the heaviest level would pull
        -- the expected share down, one without a lighter level would push it up.
        and list_has_all(p.aanbod_lijst, a.aanbod_lijst)
),

aantallen_per_aanbod as (
    select
        jaar,
        perceel,
        aanbod_lijst,
        count(*) filter (where zelfde_aanbod) as zelfde_aanbod,
        count(*) as minstens_aanbod
    from peer_per_aanbod
    group by jaar, perceel, aanbod_lijst
),

-- The peers' clients per offer, per level, for this and last year; split by exact offer, so
-- both peer groups (same offer, or the whole perceel) add up from the same rows.
niveaus_per_aanbod as (
    select
        g.jaar,
        g.perceel,
        g.aanbod_lijst,
        g.zelfde_aanbod,
        n.jaar as niveau_jaar,
        n.intensiteit,
        sum(n.clienten) as clienten
    from peer_per_aanbod as g
    inner join per_niveau as n
        on n.aanbieder_agb = g.peer_agb
        and n.perceel = g.perceel
        and n.jaar in (g.jaar, g.jaar - 1)
    group by g.jaar, g.perceel, g.aanbod_lijst, g.zelfde_aanbod, n.jaar, n.intensiteit
),

-- The provider is a candidate peer of its own offer when it has enough clients itself; then
-- it is in both groups and is left out of the counts ("leave one out").
zelf_als_peer as (
    select
        m.aanbieder_agb,
        m.jaar,
        m.perceel,
        m.aanbod_lijst,
        m.zwaarste,
        t.niveaus_twee_jaar,
        cast(m.clienten_perceel >= getvariable('min_clienten') as integer) as telt_zelf_mee,
        coalesce(a.zelfde_aanbod, 0) as zelfde_aanbod_met_zelf,
        coalesce(a.minstens_aanbod, 0) as minstens_aanbod_met_zelf
    from met_mix as m
    inner join twee_jaar as t
        on t.aanbieder_agb = m.aanbieder_agb and t.jaar = m.jaar and t.perceel = m.perceel
    left join aantallen_per_aanbod as a
        on a.jaar = m.jaar and a.perceel = m.perceel and a.aanbod_lijst = m.aanbod_lijst
),

-- Exactly the same offer when there are at least min_peers such others (min_peers is at least
-- 1, drempels_schema.py), otherwise every provider of the perceel offering at least as much.
groepen as (
    select
        *,
        zelfde_aanbod_met_zelf - telt_zelf_mee >= getvariable('min_peers') as op_aanbod,
        case
            when zelfde_aanbod_met_zelf - telt_zelf_mee >= getvariable('min_peers')
                then zelfde_aanbod_met_zelf - telt_zelf_mee
            else minstens_aanbod_met_zelf - telt_zelf_mee
        end as aantal_peers
    from zelf_als_peer
),

peer_sommen as (
    select
        g.aanbieder_agb,
        g.jaar,
        g.perceel,
        -- UPC01: this year, on the provider's offer.
        coalesce(sum(n.clienten) filter (
            where n.niveau_jaar = g.jaar and list_contains(g.aanbod_lijst, n.intensiteit)
        ), 0) as clienten,
        coalesce(
            sum(n.clienten) filter (where n.niveau_jaar = g.jaar and n.intensiteit = g.zwaarste), 0
        ) as clienten_zwaar,
        -- UPC02: both years, on the levels of either year's offer.
        coalesce(sum(n.clienten) filter (where n.niveau_jaar = g.jaar), 0) as nu,
        coalesce(sum(n.clienten) filter (where n.niveau_jaar = g.jaar - 1), 0) as vorig,
        coalesce(sum(n.clienten) filter (
            where n.niveau_jaar = g.jaar - 1 and n.intensiteit = g.zwaarste
        ), 0) as zwaar_vorig
    from groepen as g
    inner join niveaus_per_aanbod as n
        on n.jaar = g.jaar
        and n.perceel = g.perceel
        and n.aanbod_lijst = g.aanbod_lijst
        and (n.zelfde_aanbod or not g.op_aanbod)
        and list_contains(g.niveaus_twee_jaar, n.intensiteit)
    group by g.aanbieder_agb, g.jaar, g.perceel
),

-- The provider's own clients on the same levels are exactly its figures in eigen and
-- eigen_twee_jaar; they come off the sums when it counted itself as a peer.
peers as (
    select
        g.aanbieder_agb,
        g.jaar,
        g.perceel,
        g.op_aanbod,
        g.aantal_peers,
        cast(coalesce(s.clienten, 0) - g.telt_zelf_mee * e.clienten as hugeint) as peer_clienten,
        cast(coalesce(s.clienten_zwaar, 0) - g.telt_zelf_mee * e.clienten_zwaar as hugeint)
            as peer_clienten_zwaar,
        cast(coalesce(s.nu, 0) - g.telt_zelf_mee * coalesce(v.clienten_nu, 0) as hugeint)
            as peer_nu,
        cast(coalesce(s.vorig, 0) - g.telt_zelf_mee * coalesce(v.clienten_vorig, 0) as hugeint)
            as peer_vorig,
        cast(coalesce(s.zwaar_vorig, 0) - g.telt_zelf_mee * coalesce(v.zwaar_vorig, 0) as hugeint)
            as peer_zwaar_vorig
    from groepen as g
    inner join eigen as e
        on e.aanbieder_agb = g.aanbieder_agb and e.jaar = g.jaar and e.perceel = g.perceel
    left join eigen_twee_jaar as v
        on v.aanbieder_agb = g.aanbieder_agb and v.jaar = g.jaar and v.perceel = g.perceel
    left join peer_sommen as s
        on s.aanbieder_agb = g.aanbieder_agb and s.jaar = g.jaar and s.perceel = g.perceel
    -- Without any peer the original had no row here: 'perceel' and zeros below.
    where g.aantal_peers > 0
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
