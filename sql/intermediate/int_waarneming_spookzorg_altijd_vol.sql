-- doel: de waarneming achter SPK05 voor de gedeelde peerstatistiek: het aandeel cliëntmaanden
--   precies op het toegewezen volume tegen het gepoolde aandeel van de andere aanbieders van het
--   perceel (funnelplot op de hoekschaal, overdispersie over de aanbieders van het perceel)
-- grain: één rij per aanbieder × jaar × perceel met minstens min_clientmaanden cliëntmaanden en
--   minstens één peer
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_spk_realisatie
-- parameters: min_clientmaanden
with regels as (
    select * from intermediate.int_spk_realisatie
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        perceel,
        count(*) as clientmaanden,
        count(*) filter (where op_maximum) as op_maximum,
        count(distinct client_id) as aantal_clienten,
        sum(bedrag_eur) filter (where op_maximum) as bedrag_op_maximum_eur,
        median(realisatiegraad) as mediaan_realisatie,
        count(*) >= getvariable('min_clientmaanden') as genoeg_clientmaanden
    from regels
    group by aanbieder_agb, jaar, perceel
),

-- Peers: every other provider of the perceel in that year with enough client-months
-- (leave-one-out, so an outlier does not set its own reference). The +0.5/+1 keeps the
-- expected share off exactly 0 or 1, where a funnel has no width.
met_peers as (
    select
        *,
        (coalesce(sum(op_maximum) filter (where genoeg_clientmaanden) over peers, 0) + 0.5)
            / (coalesce(sum(clientmaanden) filter (where genoeg_clientmaanden) over peers, 0) + 1)
            as peer_aandeel,
        count(*) filter (where genoeg_clientmaanden) over peers as aantal_peers,
        median(mediaan_realisatie) filter (where genoeg_clientmaanden) over peers
            as peer_realisatie
    from per_aanbieder
    window peers as (
        partition by perceel, jaar
        rows between unbounded preceding and unbounded following exclude current row
    )
),

final as (
    select
        'SPK05' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        'aandeel_hoek' as methode,
        op_maximum as teller,
        clientmaanden as noemer,
        op_maximum / clientmaanden as waarde,
        peer_aandeel as referentiewaarde,
        perceel as spreidingsgroep,
        -- What the months at the maximum would have cost at the peers' usual realisation.
        bedrag_op_centen(
            coalesce(bedrag_op_maximum_eur, 0) * greatest(0, 1 - coalesce(peer_realisatie, 1))
        ) as financieel_belang,
        aantal_peers || ' andere aanbieders van ' || perceel || ' in ' || jaar
            || ' (alle aanbieders van het perceel met minstens '
            || getvariable('min_clientmaanden') || ' cliëntmaanden)' as peergroep,
        perceel,
        aantal_clienten,
        aantal_peers,
        peer_realisatie
    from met_peers
    where genoeg_clientmaanden and aantal_peers >= 1
)

select * from final
