-- doel: de waarneming achter KWA01 voor de gedeelde peerstatistiek: de realisatiegraad van een
--   aanbieder per perceel tegen de mediaan en MAD van de aanbieders in hetzelfde perceel
--   (robuuste z na krimp naar de peermediaan; te laag is het risico)
-- grain: één rij per aanbieder × perceel × jaar in een perceel met minstens min_peers aanbieders
--   met genoeg cliëntmaanden (realisatie is alleen binnen een perceel vergelijkbaar)
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_declaratieregels_status
-- parameters: onderlevering_max_realisatie, min_clientmaanden, min_peers
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
        count(distinct row(client_id, maand)) as aantal_clientmaanden,
        count(distinct client_id) as aantal_clienten
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
    ) as per_client
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

final as (
    select
        'KWA01' as indicator,
        a.aanbieder_agb,
        a.jaar,
        a.perceel as reikwijdte,
        'robuust' as methode,
        a.realisatie as waarde,
        -- Empirical-Bayes shrinkage: few client-months pull the rate toward the peer median.
        a.aantal_clientmaanden as noemer,
        getvariable('min_clientmaanden') as krimp,
        p.mediaan as referentiewaarde,
        p.mad,
        -1 as richting,
        'aanbieders in ' || a.perceel || ' met minstens ' || getvariable('min_clientmaanden')
        || ' cliëntmaanden (' || p.aantal_peers || ')' as peergroep,
        a.perceel,
        a.aantal_clientmaanden,
        a.aantal_clienten,
        c.aantal_clienten_onder_grens
    from per_aanbieder as a
    inner join per_client as c
        on c.aanbieder_agb = a.aanbieder_agb and c.perceel = a.perceel and c.jaar = a.jaar
    inner join peers as p on p.perceel = a.perceel and p.jaar = a.jaar
    where p.aantal_peers >= getvariable('min_peers')
)

select * from final
