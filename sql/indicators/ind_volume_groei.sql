-- code: VOL01
-- naam: Groei van de omzet ver boven die van de peers (na aftrek van overnames)
-- categorie: volume
-- definitie: Groei van de rechtmatig gedeclareerde euro's van een aanbieder in een perceel t.o.v.
--   het vorige jaar, na aftrek van de euro's van cliënten die overkwamen van een aanbieder die
--   ophield (overname) en van de overloop (cliënten die eind vorig jaar al zorg kregen en nu een
--   heel jaar meetellen; zie int_vol_groei). De groeivoet wordt gekrompen naar de peermediaan
--   (gewicht n / (n + min_clienten), n = cliënten vorig jaar) en vergeleken met de groei van de
--   peers in hetzelfde perceel (minder dan min_peers: alle percelen): robuuste z op mediaan en MAD
--   van aanbieders met een basis van minstens groei_min_basis_eur. Financieel belang: de eigen
--   groei boven wat de peermediaan op de eigen basis zou geven.
-- waarom: Een sprong in omzet zonder overname of nieuw contract (veel nieuwe cliënten, meer uren
--   per cliënt of duurdere producten) is het patroon van zorgcowboys die snel opschalen; de
--   ontleding in cliënten, volume, prijs en mix laat zien waar de groei vandaan komt.
-- drempels: gemarkeerd als de robuuste z boven robuuste_z_drempel ligt én de eigen groei (na
--   overname en overloop) minstens groei_min_eur is. Een jaar zonder volledig vorig jaar
--   (nieuwe aanbieder of nieuw perceel) geeft geen signaal.
-- bron: indicatorcatalogus E1/E5 (YoY-groei, instroom) en G1; drempels [P].
-- grain: één rij per aanbieder × perceel × jaar met een volledig vorig jaar en een groei duidelijk
--   boven de peers (z > 1)
-- sleutel: aanbieder_agb, perceel, jaar
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
        case
            when coalesce(pp.aantal_peers, 0) >= getvariable('min_peers') then pp.mediaan
            else pr.mediaan
        end as mediaan,
        case
            when coalesce(pp.aantal_peers, 0) >= getvariable('min_peers') then pp.mad
            else pr.mad
        end as mad,
        case
            when coalesce(pp.aantal_peers, 0) >= getvariable('min_peers') then pp.aantal_peers
            else pr.aantal_peers
        end as aantal_peers
    from groei as g
    left join peer_perceel as pp on pp.jaar = g.jaar and pp.perceel = g.perceel
    inner join peer_regio as pr on pr.jaar = g.jaar
    where g.basis_gecorrigeerd_eur > 0
),

-- Empirical-Bayes-krimp: een groeivoet op weinig cliënten weegt minder zwaar en schuift naar de
-- peermediaan (gewicht n / (n + min_clienten), n = cliënten vorig jaar).
gekrompen as (
    select
        *,
        aantal_clienten_vorig_jaar
        / (aantal_clienten_vorig_jaar + getvariable('min_clienten')) as gewicht,
        gewicht * groei_gecorrigeerd + (1 - gewicht) * mediaan as groei_gekrompen
    from met_peers
),

beoordeeld as (
    select
        *,
        -- Minimum MAD of 2 percentage points: peers that grew almost equally must not turn a
        -- small difference into a huge z.
        robuuste_z(groei_gekrompen, mediaan, mad, getvariable('robuuste_z_min_mad')) as z,
        greatest(0, delta_gecorrigeerd_eur - basis_gecorrigeerd_eur * mediaan)
            as boven_verwachting_eur
    from gekrompen
),

final as (
    select
        signaal_sleutel('VOL01', aanbieder_agb, jaar, perceel) as signaal_id,
        'VOL01' as indicator,
        'volume' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        perceel,
        null as productcode,
        groei_gecorrigeerd as waarde,
        mediaan as referentiewaarde,
        z as afwijking,
        boven_verwachting_eur as financieel_belang,
        aantal_clienten,
        z > getvariable('robuuste_z_drempel')
        and delta_gecorrigeerd_eur >= getvariable('groei_min_eur') as gemarkeerd,
        sterkte_uit_z(z, getvariable('robuuste_z_drempel')) as sterkte,
        case
            when eigen_perceel then 'aanbieders in ' || perceel || ' met een basis vanaf '
                || euro_tekst(getvariable('groei_min_basis_eur')) || ' (' || aantal_peers || ')'
            else 'alle aanbieders met een basis vanaf '
                || euro_tekst(getvariable('groei_min_basis_eur')) || ' (te weinig peers in '
                || perceel || '; ' || aantal_peers || ')'
        end as peergroep,
        'De rechtmatige omzet in ' || perceel || ' groeide van '
        || euro_tekst(bedrag_vorig_jaar_eur) || ' naar ' || euro_tekst(bedrag_eur)
        || ', na aftrek van overname (' || euro_tekst(overname_eur) || ', '
        || aantal_overname_clienten || ' cliënten) en overloop (' || euro_tekst(overloop_eur)
        || ') een eigen groei van '
        || euro_tekst(delta_gecorrigeerd_eur) || ' (' || procent_tekst(groei_gecorrigeerd)
        || ' tegen ' || procent_tekst(mediaan) || ' bij de peers, robuuste z '
        || getal_tekst(z, 1) || '); ontleed: cliënten '
        || aantal_clienten_vorig_jaar || ' → ' || aantal_clienten || ' ('
        || aantal_clienten_in || ' nieuw, ' || euro_tekst(effect_clienten_eur)
        || '), volume per cliënt ' || euro_tekst(effect_volume_per_client_eur) || ', prijs '
        || euro_tekst(effect_prijs_eur) || ', mix ' || euro_tekst(effect_mix_eur) || '.'
            as toelichting
    from beoordeeld
    where z > 1
)

select * from final
