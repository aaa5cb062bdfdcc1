-- code: KWA01
-- naam: Onderlevering: veel minder zorg geleverd dan toegewezen
-- categorie: kwaliteit
-- definitie: Realisatiegraad van een aanbieder per perceel en jaar: het gedeclareerde volume
--   gedeeld door het toegewezen volume voor dezelfde periodes (IV076/TR321), alleen voor
--   inspanningsgerichte eenheden (uren, minuten, dagdelen, etmalen, stuks inspanning). Na krimp
--   naar de peermediaan (gewicht cliëntmaanden / (cliëntmaanden + min_clientmaanden)) vergeleken
--   met aanbieders in hetzelfde perceel: robuuste z op mediaan en MAD. Financieel belang: € 0, want
--   er is niet te veel betaald (alleen het geleverde is gedeclareerd); het risico is dat cliënten
--   de toegewezen zorg niet krijgen.
-- waarom: Wie maand na maand veel minder levert dan toegewezen, zonder de zorg te stoppen of een
--   lagere toewijzing te vragen, laat cliënten zonder de zorg die zij nodig hebben
--   (zorgverwaarlozing) en houdt plekken bezet.
-- drempels: gemarkeerd bij een realisatiegraad onder onderlevering_max_realisatie, een robuuste z
--   onder −robuuste_z_drempel en minstens min_clientmaanden cliëntmaanden. Percelen met minder dan
--   min_peers aanbieders worden niet beoordeeld: realisatie is alleen binnen een perceel
--   vergelijkbaar.
-- bron: indicatorcatalogus E3/F1 (verzilvering, lage verzilvering); iWmo IV076/TR321.
-- grain: één rij per aanbieder × perceel × jaar in een perceel met genoeg peers en met een
--   realisatiegraad onder onderlevering_max_realisatie of duidelijk onder de peers (z < −2)
-- sleutel: aanbieder_agb, perceel, jaar
with regels as (
    -- A second copy of a prestatie (dubbel) is not delivered care.
    select *
    from intermediate.int_declaratieregels_status
    where realisatiegraad is not null and status <> 'dubbel'
),

per_aanbieder as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        sum(volume_basis) / sum(toegestaan_volume_basis) as realisatie,
        count(distinct (client_id, maand)) as aantal_clientmaanden,
        count(distinct client_id) as aantal_clienten,
        sum(bedrag_eur) as bedrag_eur
    from regels
    group by aanbieder_agb, perceel, jaar
),

-- Per cliënt over het jaar: wie kreeg minder dan de grens van wat hem toegewezen was.
per_client as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) filter (
            where realisatie < getvariable('onderlevering_max_realisatie')
        ) as aantal_clienten_onder_grens
    from (
        select
            aanbieder_agb,
            perceel,
            jaar,
            client_id,
            sum(volume_basis) / sum(toegestaan_volume_basis) as realisatie
        from regels
        group by aanbieder_agb, perceel, jaar, client_id
    )
    group by aanbieder_agb, perceel, jaar
),

-- Peers: aanbieders in hetzelfde perceel met genoeg cliëntmaanden.
peers as (
    select
        perceel,
        jaar,
        count(*) as aantal_peers,
        median(realisatie) as mediaan,
        mad(realisatie) as mad
    from per_aanbieder
    where aantal_clientmaanden >= getvariable('min_clientmaanden')
    group by perceel, jaar
),

beoordeeld as (
    select
        a.*,
        c.aantal_clienten_onder_grens,
        p.mediaan,
        p.aantal_peers,
        coalesce(p.aantal_peers, 0) >= getvariable('min_peers') as genoeg_peers,
        -- Empirical-Bayes shrinkage: few client-months pull the rate toward the peer median.
        a.aantal_clientmaanden / (a.aantal_clientmaanden + getvariable('min_clientmaanden'))
            as gewicht,
        -- Minimum MAD of 2 percentage points (peers that all deliver alike).
        robuuste_z(
            gewicht * a.realisatie + (1 - gewicht) * p.mediaan, p.mediaan, p.mad, getvariable('robuuste_z_min_mad')
        ) as z
    from per_aanbieder as a
    inner join per_client as c
        on c.aanbieder_agb = a.aanbieder_agb and c.perceel = a.perceel and c.jaar = a.jaar
    left join peers as p on p.perceel = a.perceel and p.jaar = a.jaar
),

final as (
    select
        signaal_sleutel('KWA01', aanbieder_agb, jaar, perceel) as signaal_id,
        'KWA01' as indicator,
        'kwaliteit' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        perceel,
        null as productcode,
        realisatie as waarde,
        mediaan as referentiewaarde,
        z as afwijking,
        -- Nothing was paid for care that was not declared: no euros at stake, only care.
        0.0 as financieel_belang,
        aantal_clienten,
        genoeg_peers
        and realisatie < getvariable('onderlevering_max_realisatie')
        and z < -getvariable('robuuste_z_drempel')
        and aantal_clientmaanden >= getvariable('min_clientmaanden') as gemarkeerd,
        case
            when genoeg_peers then sterkte_uit_z(-z, getvariable('robuuste_z_drempel'))
            else 0.0
        end as sterkte,
        case
            when genoeg_peers then 'aanbieders in ' || perceel || ' met minstens '
                || getvariable('min_clientmaanden') || ' cliëntmaanden (' || aantal_peers || ')'
            else 'geen vergelijking: te weinig aanbieders in ' || perceel || ' ('
                || coalesce(aantal_peers, 0) || ')'
        end as peergroep,
        'De aanbieder declareerde in ' || perceel || ' ' || procent_tekst(realisatie)
        || ' van het toegewezen volume over ' || aantal_clientmaanden || ' cliëntmaanden ('
        || aantal_clienten_onder_grens || ' van de ' || aantal_clienten || ' cliënten onder '
        || procent_tekst(getvariable('onderlevering_max_realisatie')) || ')'
        || case
            when genoeg_peers
                then ', tegen ' || procent_tekst(mediaan) || ' bij de peers (robuuste z '
                || getal_tekst(z, 1) || ')'
            else ', zonder genoeg peers om mee te vergelijken'
        end
        || '; er is niet te veel betaald, het risico is dat cliënten hun zorg niet krijgen.'
            as toelichting
    from beoordeeld
    -- Without enough peers there is no judgement, so no row; otherwise the clear cases.
    where genoeg_peers
        and (realisatie < getvariable('onderlevering_max_realisatie') or z < -2)
)

select * from final
