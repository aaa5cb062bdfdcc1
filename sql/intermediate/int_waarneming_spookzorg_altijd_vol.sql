-- doel: de waarneming achter SPK05 voor de gedeelde peerstatistiek: het aandeel cliëntmaanden op
--   (of boven) het volledige toegewezen volume tegen het mediane aandeel van de andere aanbieders
--   van het perceel (funnelplot op de hoekschaal, overdispersie over de aanbieders van het
--   perceel), met de realisatie in de overige maanden om een piek op het maximum te onderscheiden
--   van een aanbieder die gewoon veel levert
-- grain: één rij per aanbieder × jaar × perceel met minstens min_clientmaanden cliëntmaanden en
--   minstens één peer
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_spk_realisatie
-- parameters: min_clientmaanden
-- toelichting:
--   financieel_belang  een schatting: wat de maanden op het maximum méér kostten dan bij de
--                      gebruikelijke realisatie van de peers (bedrag − peerrealisatie × bedrag bij
--                      100%), zonder wat al als onrechtmatig telt (boven het volume), en alleen
--                      voor het deel van die maanden boven de peerverwachting (1 − p0 / p).
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
        count(distinct client_id) filter (where op_maximum) as clienten_op_maximum,
        sum(bedrag_eur) filter (where op_maximum) as bedrag_op_maximum_eur,
        sum(bedrag_eur / realisatiegraad) filter (where op_maximum) as bedrag_bij_volledig_eur,
        sum(onrechtmatig_eur) filter (where op_maximum) as onrechtmatig_op_maximum_eur,
        median(realisatiegraad) as mediaan_realisatie,
        median(realisatie_afgerond) filter (where not op_maximum) as realisatie_onder_maximum,
        count(*) >= getvariable('min_clientmaanden') as genoeg_clientmaanden
    from regels
    group by aanbieder_agb, jaar, perceel
),

-- Peers: every other provider of the perceel in that year with enough client-months
-- (leave-one-out, so an outlier does not set its own reference). The expectation is the median
-- of the peers' shares, not the pooled share: one large provider at the maximum would otherwise
-- lift every peer's expectation and, through the overdispersion of the honest peers' negative
-- z-scores, hide itself and others. 0,5 / (client-months + 1) keeps it off exactly 0.
met_peers as (
    select
        *,
        greatest(
            median(op_maximum / clientmaanden) filter (where genoeg_clientmaanden) over peers,
            0.5 / (coalesce(sum(clientmaanden) filter (where genoeg_clientmaanden) over peers, 0)
                + 1)
        ) as peer_aandeel,
        count(*) filter (where genoeg_clientmaanden) over peers as aantal_peers,
        median(mediaan_realisatie) filter (where genoeg_clientmaanden) over peers
            as peer_realisatie,
        median(realisatie_onder_maximum) filter (where genoeg_clientmaanden) over peers
            as peer_realisatie_onder_maximum
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
        bedrag_op_centen(
            greatest(
                0,
                coalesce(bedrag_op_maximum_eur, 0)
                - coalesce(peer_realisatie, 1) * coalesce(bedrag_bij_volledig_eur, 0)
                - coalesce(onrechtmatig_op_maximum_eur, 0)
            ) * greatest(0, coalesce(1 - peer_aandeel / nullif(op_maximum / clientmaanden, 0), 0))
        ) as financieel_belang,
        aantal_peers || ' andere aanbieders van ' || perceel || ' in ' || jaar
            || ' (alle aanbieders van het perceel met minstens '
            || getvariable('min_clientmaanden') || ' cliëntmaanden)' as peergroep,
        perceel,
        aantal_clienten,
        clienten_op_maximum,
        aantal_peers,
        peer_realisatie,
        realisatie_onder_maximum,
        peer_realisatie_onder_maximum
    from met_peers
    where genoeg_clientmaanden and aantal_peers >= 1
)

select * from final
