-- doel: de waarneming achter KWA05 voor de gedeelde peerstatistiek: het aantal signalen van de
--   toegang (wijkteam, Wmo-consulent) over een aanbieder tegen het gepoolde peercijfer per cliënt
--   (Poisson-funnel met krimp; overdispersie over de aanbieders met minstens min_clienten
--   cliënten)
-- grain: één rij per aanbieder × jaar met declaraties, in jaren waarin signalen van de toegang
--   zijn aangeleverd
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_meldingen_toegang, int_aanbieder_jaar
-- parameters: min_clienten
with signalen as (
    select
        aanbieder_agb,
        jaar,
        count(*) as aantal_signalen,
        count(distinct soort) as aantal_soorten
    from intermediate.int_meldingen_toegang
    group by aanbieder_agb, jaar
),

-- Only years in which such signals were supplied at all: a region that does not pass on the
-- signals of its toegang has no signals, not zero.
jaren_met_signalen as (
    select distinct jaar from intermediate.int_meldingen_toegang
),

per_aanbieder as (
    select
        o.aanbieder_agb,
        o.jaar,
        o.aantal_clienten,
        coalesce(s.aantal_signalen, 0) as aantal_signalen,
        coalesce(s.aantal_soorten, 0) as aantal_soorten
    from intermediate.int_aanbieder_jaar as o
    inner join jaren_met_signalen as j on j.jaar = o.jaar
    left join signalen as s on s.aanbieder_agb = o.aanbieder_agb and s.jaar = o.jaar
),

peer_cijfer as (
    select
        jaar,
        sum(aantal_signalen) / sum(aantal_clienten) as p0
    from per_aanbieder
    where aantal_clienten >= getvariable('min_clienten')
    group by jaar
),

final as (
    select
        'KWA05' as indicator,
        a.aanbieder_agb,
        a.jaar,
        'telling' as methode,
        a.aantal_signalen as teller,
        a.aantal_clienten as noemer,
        p.p0 as referentiewaarde,
        -- Krimp: min_clienten extra cliënten met het peercijfer erbij, zodat een paar signalen
        -- bij een kleine aanbieder niet doorslaan.
        getvariable('min_clienten') as krimp,
        -- Small providers are judged, but do not set the spread of the peers.
        a.aantal_clienten >= getvariable('min_clienten') as telt_voor_spreiding,
        'alle aanbieders met minstens ' || getvariable('min_clienten')
        || ' cliënten (gepoold cijfer per 100 cliënten)' as peergroep,
        a.aantal_clienten,
        a.aantal_signalen,
        a.aantal_soorten
    from per_aanbieder as a
    inner join peer_cijfer as p on p.jaar = a.jaar
    where p.p0 > 0
)

select * from final
