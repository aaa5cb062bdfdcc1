-- doel: het profiel van een aanbieder per jaar naast zijn peers, voor het gesprek van
--   contractmanagement: omvang, euro's per cliënt, realisatiegraad, groei en onderaanneming
-- grain: één rij per aanbieder × jaar met declaraties
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status, int_aanbieder_jaar, int_aanbieders
-- toelichting: peers zijn de andere aanbieders met hetzelfde hoofdperceel (het perceel met de
--   meeste euro's) in hetzelfde jaar; de peerwaarden zijn medianen zonder de aanbieder zelf.
--   realisatiegraad = geleverd / toegestaan volume over de inspanningsgerichte regels met een
--   toegewezen volume. groei = euro's t.o.v. het vorige jaar − 1; leeg als de aanbieder dat
--   jaar niets declareerde of de regio geen vorig jaar heeft (heeft_vorig_jaar_regio).
with regels as (
    -- Rejected by the gemeente (WMO325): never paid, not counted.
    select * from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

aanbieder_jaar as (
    select * from intermediate.int_aanbieder_jaar
),

aanbieders as (
    select * from intermediate.int_aanbieders
),

per_perceel as (
    select aanbieder_agb, cast(jaar as integer) as jaar, perceel, sum(bedrag_eur) as eur
    from regels
    group by aanbieder_agb, jaar, perceel
),

hoofdperceel as (
    select
        aanbieder_agb,
        jaar,
        arg_max(perceel, eur) as hoofdperceel,
        string_agg(perceel, ', ' order by eur desc) as percelen
    from per_perceel
    group by aanbieder_agb, jaar
),

extra as (
    select
        aanbieder_agb,
        cast(jaar as integer) as jaar,
        sum(case when eenheid_dimensie(eenheid) = 'tijd' then volume_basis / 60.0 end) as uren,
        sum(volume_basis) filter (where realisatiegraad is not null)
        / nullif(sum(toegestaan_volume_basis) filter (where realisatiegraad is not null), 0)
            as realisatiegraad
    from regels
    group by aanbieder_agb, jaar
),

basis as (
    select
        a.aanbieder_agb,
        cast(a.jaar as integer) as jaar,
        a.naam,
        h.hoofdperceel,
        h.percelen,
        a.gedeclareerd_eur,
        a.onrechtmatig_eur,
        a.aantal_clienten,
        a.aantal_regels,
        a.aantal_gemeenten,
        e.uren,
        e.realisatiegraad,
        bedrag_op_centen(a.gedeclareerd_eur / nullif(a.aantal_clienten, 0)) as euro_per_client,
        v.gedeclareerd_eur as vorig_jaar_eur,
        cast(a.jaar as integer) - 1 >= (select min(jaar) from aanbieder_jaar)
            as heeft_vorig_jaar_regio
    from aanbieder_jaar as a
    left join hoofdperceel as h on h.aanbieder_agb = a.aanbieder_agb and h.jaar = a.jaar
    left join extra as e on e.aanbieder_agb = a.aanbieder_agb and e.jaar = a.jaar
    left join aanbieder_jaar as v on v.aanbieder_agb = a.aanbieder_agb and v.jaar = a.jaar - 1
),

met_groei as (
    select
        *,
        case
            when vorig_jaar_eur > 0 then gedeclareerd_eur / vorig_jaar_eur - 1
        end as groei
    from basis
),

-- The peer medians without the provider itself, from one sorted list per jaar and hoofdperceel
-- (mediaan_zonder_zelf) instead of joining every provider to every other one (#14).
peergroepen as (
    select
        jaar,
        hoofdperceel,
        count(*) as aantal,
        list_sort(list(cast(euro_per_client as double)) filter (
            where euro_per_client is not null
        )) as euro_per_client,
        list_sort(list(realisatiegraad) filter (where realisatiegraad is not null))
            as realisatiegraad,
        list_sort(list(groei) filter (where groei is not null)) as groei,
        list_sort(list(cast(aantal_clienten as double)) filter (
            where aantal_clienten is not null
        )) as aantal_clienten,
        list_sort(list(cast(gedeclareerd_eur as double)) filter (
            where gedeclareerd_eur is not null
        )) as gedeclareerd_eur
    from met_groei
    where hoofdperceel is not null
    group by jaar, hoofdperceel
),

peers as (
    select
        z.aanbieder_agb,
        z.jaar,
        coalesce(g.aantal - 1, 0) as aantal_peers,
        -- A median of an even count is an average: computed, so rounded like any amount.
        bedrag_op_centen(
            mediaan_zonder_zelf(g.euro_per_client, cast(z.euro_per_client as double))
        ) as peer_euro_per_client,
        mediaan_zonder_zelf(g.realisatiegraad, z.realisatiegraad) as peer_realisatiegraad,
        mediaan_zonder_zelf(g.groei, z.groei) as peer_groei,
        mediaan_zonder_zelf(g.aantal_clienten, cast(z.aantal_clienten as double))
            as peer_aantal_clienten,
        bedrag_op_centen(
            mediaan_zonder_zelf(g.gedeclareerd_eur, cast(z.gedeclareerd_eur as double))
        ) as peer_gedeclareerd_eur
    from met_groei as z
    left join peergroepen as g on g.jaar = z.jaar and g.hoofdperceel = z.hoofdperceel
),

onderaanneming as (
    select
        hoofdaannemer_agb as aanbieder_agb,
        count(*) as aantal_onderaannemers
    from aanbieders
    where hoofdaannemer_agb is not null
    group by hoofdaannemer_agb
),

final as (
    select
        g.aanbieder_agb,
        g.naam,
        g.jaar,
        g.hoofdperceel,
        g.percelen,
        g.gedeclareerd_eur,
        g.onrechtmatig_eur,
        g.aantal_clienten,
        g.aantal_regels,
        g.aantal_gemeenten,
        g.uren,
        g.euro_per_client,
        g.realisatiegraad,
        g.vorig_jaar_eur,
        g.groei,
        g.heeft_vorig_jaar_regio,
        p.aantal_peers,
        p.peer_euro_per_client,
        p.peer_realisatiegraad,
        p.peer_groei,
        p.peer_aantal_clienten,
        p.peer_gedeclareerd_eur,
        a.hoofdaannemer_agb,
        h.naam as hoofdaannemer_naam,
        coalesce(o.aantal_onderaannemers, 0) as aantal_onderaannemers
    from met_groei as g
    left join peers as p on p.aanbieder_agb = g.aanbieder_agb and p.jaar = g.jaar
    left join aanbieders as a on a.aanbieder_agb = g.aanbieder_agb
    left join aanbieders as h on h.aanbieder_agb = a.hoofdaannemer_agb
    left join onderaanneming as o on o.aanbieder_agb = g.aanbieder_agb
)

select * from final
