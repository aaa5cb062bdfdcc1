-- code: SPK05
-- naam: Altijd precies het toegewezen volume
-- categorie: spookzorg
-- definitie: Het aandeel cliëntmaanden (declaratieregels met een inspanningsgerichte eenheid en
--   een toegewezen volume per periode) waarin de aanbieder precies het toegestane volume
--   declareert (realisatiegraad 1 ± 0,005), vergeleken met de andere aanbieders van hetzelfde
--   perceel in hetzelfde jaar. Funnelplot: verwacht aandeel = gepoold aandeel van de peers;
--   z op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de aanbieders van het
--   perceel. Financieel belang: de euro's van de maanden op het maximum maal het gebruikelijke
--   tekort van de peers (1 − de mediane realisatiegraad van de peers), dus wat er bij
--   peerrealisatie minder was betaald.
-- waarom: Echte zorg kent afwezigheid, vakantie en ziekte; maand na maand precies het
--   geïndiceerde volume declareren wijst op declareren op basis van de indicatie in plaats van
--   de geleverde zorg (kopieergedrag).
-- drempels: gemarkeerd als de aanbieder minstens min_clientmaanden cliëntmaanden heeft, het
--   aandeel op het maximum minstens altijd_vol_min_aandeel is, de gecorrigeerde z boven
--   z_drempel ligt en het financieel belang minstens materieel_min_eur is.
-- bron: indicatorcatalogus H1/F5 (100% van geïndiceerd volume); Spiegelhalter (2005) funnelplots
--   met overdispersie.
-- grain: één rij per aanbieder × jaar × perceel met minstens min_clientmaanden cliëntmaanden
-- sleutel: aanbieder_agb, jaar, perceel
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
        op_maximum / clientmaanden as aandeel,
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

-- Funnel z on the arcsine-square-root scale (variance 1/4n whatever the share; Spiegelhalter
-- 2005), which stays honest when the peer share is close to 0 or 1.
beoordeeld as (
    select
        *,
        funnel_z_hoek(aandeel, peer_aandeel, clientmaanden) as z
    from met_peers
    where genoeg_clientmaanden and aantal_peers >= 1
),

-- Overdispersion (Spiegelhalter): the mean of the winsorised (10%–90%) z² over the providers
-- of the perceel; z is only divided by it when the spread is wider than binomial.
grenzen as (
    select
        perceel,
        jaar,
        quantile_cont(z, 0.1) as z_laag,
        quantile_cont(z, 0.9) as z_hoog
    from beoordeeld
    group by perceel, jaar
),

spreiding as (
    select
        b.perceel,
        b.jaar,
        avg(power(least(greatest(b.z, g.z_laag), g.z_hoog), 2)) as phi
    from beoordeeld as b
    inner join grenzen as g on g.perceel = b.perceel and g.jaar = b.jaar
    group by b.perceel, b.jaar
),

gescoord as (
    select
        b.*,
        s.phi,
        b.z / sqrt(greatest(1, s.phi)) as z_adj,
        coalesce(b.bedrag_op_maximum_eur, 0) * greatest(0, 1 - coalesce(b.peer_realisatie, 1))
            as financieel_belang
    from beoordeeld as b
    inner join spreiding as s on s.perceel = b.perceel and s.jaar = b.jaar
),

final as (
    select
        signaal_sleutel('SPK05', aanbieder_agb, jaar, perceel) as signaal_id,
        'SPK05' as indicator,
        'spookzorg' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        perceel,
        null as productcode,
        aandeel as waarde,
        peer_aandeel as referentiewaarde,
        z_adj as afwijking,
        financieel_belang,
        aantal_clienten,
        coalesce(
            z_adj > getvariable('z_drempel')
            and aandeel >= getvariable('altijd_vol_min_aandeel')
            and financieel_belang >= getvariable('materieel_min_eur'),
            false
        ) as gemarkeerd,
        coalesce(sterkte_uit_z(z_adj, getvariable('z_drempel')), 0) as sterkte,
        aantal_peers || ' andere aanbieders van ' || perceel || ' in ' || jaar
            || ' (alle aanbieders van het perceel met minstens '
            || getvariable('min_clientmaanden') || ' cliëntmaanden)' as peergroep,
        'In ' || procent_tekst(aandeel) || ' van ' || clientmaanden || ' cliëntmaanden '
            || perceel || ' declareerde de aanbieder precies het toegewezen volume, tegen '
            || procent_tekst(peer_aandeel) || ' bij ' || aantal_peers
            || ' andere aanbieders (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(z_adj, 1), 'onbekend')
            || '); bij de gebruikelijke realisatie van de peers ('
            || coalesce(procent_tekst(peer_realisatie), 'onbekend') || ') was '
            || euro_tekst(financieel_belang) || ' minder betaald.' as toelichting
    from gescoord
)

select * from final
