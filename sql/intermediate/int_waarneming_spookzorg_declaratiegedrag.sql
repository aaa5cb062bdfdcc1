-- doel: de waarneming achter SPK06 voor de gedeelde peerstatistiek: per aanbieder en jaar het
--   aandeel opvallende debetregels (afgewezen door de gemeente, herdeclaratie, laat) tegen het
--   gepoolde aandeel van de andere aanbieders met hetzelfde hoofdperceel (funnelplot op de
--   hoekschaal; overdispersie per peergroep)
-- grain: één rij per aanbieder × jaar met minstens min_clienten cliënten en minstens één peer
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_spk_declaratiegedrag, int_aanbieder_hoofdperceel
-- parameters: min_clienten, min_peers
-- toelichting: peers zijn de andere aanbieders (elk met minstens min_clienten cliënten) met
--   hetzelfde hoofdperceel; zijn dat er minder dan min_peers, dan alle andere aanbieders van de
--   regio (vastgelegd in peergroep). Het peeraandeel telt de eigen regels niet mee.
--   financieel_belang (geschat): de opvallende regels boven wat bij het peeraandeel verwacht
--   wordt, maal het gemiddelde bedrag van een opvallende regel van de aanbieder.
with regels as (
    select * from intermediate.int_spk_declaratiegedrag
),

per_aanbieder as (
    select
        r.aanbieder_agb,
        r.jaar,
        coalesce(any_value(h.hoofdperceel), 'onbekend') as hoofdperceel,
        count(*) as aantal_regels,
        count(*) filter (where r.is_opvallend) as aantal_opvallend,
        count(*) filter (where r.is_afgewezen) as aantal_afgewezen,
        count(*) filter (where r.is_herdeclaratie) as aantal_herdeclaratie,
        count(*) filter (where r.is_laat) as aantal_laat,
        count(distinct r.client_id) as aantal_clienten,
        cast(sum(r.bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        cast(coalesce(sum(r.bedrag_eur) filter (where r.is_opvallend), 0) as decimal(18, 2))
            as opvallend_eur,
        cast(coalesce(sum(r.bedrag_eur) filter (where r.is_afgewezen), 0) as decimal(18, 2))
            as afgewezen_eur
    from regels as r
    left join intermediate.int_aanbieder_hoofdperceel as h
        on h.aanbieder_agb = r.aanbieder_agb and h.jaar = r.jaar
    group by r.aanbieder_agb, r.jaar
),

beoordeelbaar as (
    select * from per_aanbieder where aantal_clienten >= getvariable('min_clienten')
),

-- Read by the table macro peers_zonder_zelf (query_table), which sqlfluff cannot see.
peer_invoer as (  -- noqa: ST03
    select
        *,
        hoofdperceel as peer_groep,
        aantal_opvallend as peer_teller,
        aantal_regels as peer_noemer
    from beoordeelbaar
),

-- Leave-one-out peer share per hoofdperceel, else the region (macro peers_zonder_zelf).
met_peers as (
    select * from peers_zonder_zelf('peer_invoer')
),

final as (
    select
        'SPK06' as indicator,
        aanbieder_agb,
        jaar,
        'aandeel_hoek' as methode,
        aantal_opvallend as teller,
        aantal_regels as noemer,
        aantal_opvallend / aantal_regels as waarde,
        peer_aandeel as referentiewaarde,
        case when eigen_perceel then hoofdperceel else 'regio' end as spreidingsgroep,
        aantal_clienten,
        greatest(0, aantal_opvallend - peer_aandeel * aantal_regels) as extra_opvallend,
        bedrag_op_centen(
            coalesce(extra_opvallend * opvallend_eur / nullif(aantal_opvallend, 0), 0)
        ) as financieel_belang,
        case
            when eigen_perceel
                then aantal_peers || ' andere aanbieders met hoofdperceel ' || hoofdperceel
            else aantal_peers || ' andere aanbieders in de regio (teruggevallen: minder dan '
                || getvariable('min_peers') || ' met hoofdperceel ' || hoofdperceel || ')'
        end as peergroep,
        aantal_peers,
        aantal_regels,
        aantal_afgewezen,
        aantal_herdeclaratie,
        aantal_laat,
        opvallend_eur,
        afgewezen_eur
    from met_peers
)

select * from final
