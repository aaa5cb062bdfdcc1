-- doel: de waarneming achter VOL01 voor de gedeelde peerstatistiek: de eigen groeivoet van een
--   aanbieder in een perceel (na overname en overloop) tegen de mediaan en MAD van de groei van de
--   peers in hetzelfde perceel (minder dan min_peers: alle percelen); robuuste z na krimp naar de
--   peermediaan
-- grain: één rij per aanbieder × perceel × jaar met een volledig vorig jaar en een eigen basis
--   boven € 0
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_vol_groei (alle kolommen gaan mee, voor de toelichting van VOL01)
-- parameters: groei_min_basis_eur, min_peers, min_clienten
with groei as (
    select * from intermediate.int_vol_groei where heeft_volledig_vorig_jaar
),

-- Peers: een basis die groot genoeg is om een groeivoet te betekenen.
peers as (
    select *
    from groei
    where basis_gecorrigeerd_eur >= getvariable('groei_min_basis_eur')
        and groei_gecorrigeerd is not null
),

peer_perceel as (
    select
        jaar,
        perceel,
        count(*) as aantal_peers,
        median(groei_gecorrigeerd) as mediaan,
        mad(groei_gecorrigeerd) as mad
    from peers
    group by jaar, perceel
),

peer_regio as (
    select
        jaar,
        count(*) as aantal_peers,
        median(groei_gecorrigeerd) as mediaan,
        mad(groei_gecorrigeerd) as mad
    from peers
    group by jaar
),

-- Peergroep: het perceel, of de hele regio bij minder dan min_peers aanbieders in het perceel.
met_peers as (
    select
        g.*,
        coalesce(pp.aantal_peers, 0) >= getvariable('min_peers') as eigen_perceel,
        case when eigen_perceel then pp.mediaan else pr.mediaan end as mediaan,
        case when eigen_perceel then pp.mad else pr.mad end as mad,
        case when eigen_perceel then pp.aantal_peers else pr.aantal_peers end as aantal_peers
    from groei as g
    left join peer_perceel as pp on pp.jaar = g.jaar and pp.perceel = g.perceel
    inner join peer_regio as pr on pr.jaar = g.jaar
    where g.basis_gecorrigeerd_eur > 0
),

final as (
    select
        'VOL01' as indicator,
        perceel as reikwijdte,
        'robuust' as methode,
        groei_gecorrigeerd as waarde,
        -- Empirical-Bayes shrinkage: a growth rate on few clients (n = clients last year) weighs
        -- less and moves toward the peer median.
        aantal_clienten_vorig_jaar as noemer,
        getvariable('min_clienten') as krimp,
        mediaan as referentiewaarde,
        -- The own growth above what the peer median would give on the own base.
        bedrag_op_centen(greatest(0, delta_gecorrigeerd_eur - basis_gecorrigeerd_eur * mediaan))
            as financieel_belang,
        case
            when eigen_perceel then 'aanbieders in ' || perceel || ' met een basis vanaf '
                || euro_tekst(getvariable('groei_min_basis_eur')) || ' (' || aantal_peers || ')'
            else 'alle aanbieders met een basis vanaf '
                || euro_tekst(getvariable('groei_min_basis_eur')) || ' (te weinig peers in '
                || perceel || '; ' || aantal_peers || ')'
        end as peergroep,
        -- The decomposition of int_vol_groei (and mad), for the explanation.
        * exclude (mediaan, eigen_perceel, aantal_peers)
    from met_peers
)

select * from final
