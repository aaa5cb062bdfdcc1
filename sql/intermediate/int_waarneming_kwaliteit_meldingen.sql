-- doel: de waarneming achter KWA02 voor de gedeelde peerstatistiek: het aantal klachten plus
--   calamiteiten van een aanbieder tegen het gepoolde peercijfer per cliënt (Poisson-funnel met
--   krimp; overdispersie over de aanbieders met minstens min_clienten cliënten)
-- grain: één rij per aanbieder × jaar met declaraties, in jaren waarin meldingen zijn aangeleverd
-- sleutel: aanbieder_agb, jaar
-- bronnen: stg_meldingen, int_aanbieder_jaar
-- parameters: min_clienten
with meldingen as (
    select
        aanbieder_agb,
        jaar,
        count(*) filter (where soort like 'klacht%') as aantal_klachten,
        count(*) filter (where soort like 'calamit%') as aantal_calamiteiten,
        avg(waarde) filter (where soort like 'cli_ntervaring%') as clientervaring
    from stg.stg_meldingen
    group by aanbieder_agb, jaar
),

-- Only years for which meldingen were supplied at all: no data is not zero complaints.
jaren_met_meldingen as (
    select distinct jaar from stg.stg_meldingen
),

per_aanbieder as (
    select
        o.aanbieder_agb,
        o.jaar,
        o.aantal_clienten,
        coalesce(m.aantal_klachten, 0) as aantal_klachten,
        coalesce(m.aantal_calamiteiten, 0) as aantal_calamiteiten,
        coalesce(m.aantal_klachten, 0) + coalesce(m.aantal_calamiteiten, 0) as aantal_meldingen,
        m.clientervaring
    from intermediate.int_aanbieder_jaar as o
    inner join jaren_met_meldingen as j on j.jaar = o.jaar
    left join meldingen as m on m.aanbieder_agb = o.aanbieder_agb and m.jaar = o.jaar
),

peer_cijfer as (
    select
        jaar,
        sum(aantal_meldingen) / sum(aantal_clienten) as p0,
        avg(clientervaring) as clientervaring_peers
    from per_aanbieder
    where aantal_clienten >= getvariable('min_clienten')
    group by jaar
),

final as (
    select
        'KWA02' as indicator,
        a.aanbieder_agb,
        a.jaar,
        'telling' as methode,
        a.aantal_meldingen as teller,
        a.aantal_clienten as noemer,
        p.p0 as referentiewaarde,
        -- Krimp: min_clienten extra cliënten met het peercijfer erbij, zodat een paar meldingen
        -- bij een kleine aanbieder niet doorslaat.
        getvariable('min_clienten') as krimp,
        -- Small providers are judged, but do not set the spread of the peers.
        a.aantal_clienten >= getvariable('min_clienten') as telt_voor_spreiding,
        'alle aanbieders met minstens ' || getvariable('min_clienten')
        || ' cliënten (gepoold cijfer per 100 cliënten)' as peergroep,
        a.aantal_clienten,
        a.aantal_klachten,
        a.aantal_calamiteiten,
        a.aantal_meldingen,
        a.clientervaring,
        p.clientervaring_peers
    from per_aanbieder as a
    inner join peer_cijfer as p on p.jaar = a.jaar
    where p.p0 > 0
)

select * from final
