-- code: KWA02
-- naam: Veel klachten en calamiteiten per cliënt
-- categorie: kwaliteit
-- definitie: Aantal klachten plus calamiteiten per 100 cliënten van een aanbieder in een jaar,
--   vergeleken met het gepoolde peercijfer (aanbieders met minstens min_clienten cliënten).
--   Poisson-funnel op de wortelschaal (Anscombe: z = 2·(√(O+3/8) − √(E+3/8)), betrouwbaar ook bij
--   kleine aantallen), met krimp: elke aanbieder krijgt er min_clienten cliënten met het
--   peercijfer bij, zodat een paar meldingen bij een kleine aanbieder niet doorslaat; daarna
--   correctie voor overdispersie (φ uit de gewinsoriseerde z² van de peers). Alleen voor jaren
--   waarin meldingen zijn aangeleverd. Financieel belang: € 0 (een kwaliteitssignaal).
-- waarom: Veel klachten en calamiteiten in verhouding tot het aantal cliënten wijzen op slechte of
--   onveilige zorg; samen met onderlevering (KWA01) het patroon van zorgverwaarlozing.
-- drempels: gemarkeerd als z na overdispersiecorrectie boven z_drempel ligt en de aanbieder
--   minstens min_clienten cliënten heeft.
-- bron: indicatorcatalogus F (zorgverwaarlozing); Spiegelhalter (2005) funnelplots;
--   meldingen van toegang en toezicht (referentie).
-- grain: één rij per aanbieder × jaar met meer meldingen dan verwacht (z > 1)
-- sleutel: aanbieder_agb, jaar
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

-- Krimp: min_clienten extra cliënten met het peercijfer erbij (verwachting en waarneming).
funnel as (
    select
        a.*,
        p.p0,
        p.clientervaring_peers,
        a.aantal_meldingen + getvariable('min_clienten') * p.p0 as meldingen_gekrompen,
        (a.aantal_clienten + getvariable('min_clienten')) * p.p0 as verwacht,
        2 * (sqrt(meldingen_gekrompen + 0.375) - sqrt(verwacht + 0.375)) as z
    from per_aanbieder as a
    inner join peer_cijfer as p on p.jaar = a.jaar
    where p.p0 > 0
),

-- Overdispersie (Spiegelhalter): φ = gemiddelde gewinsoriseerde z² (10%–90%) over de peers.
grenzen as (
    select jaar, quantile_cont(z, 0.1) as z_laag, quantile_cont(z, 0.9) as z_hoog
    from funnel
    where aantal_clienten >= getvariable('min_clienten')
    group by jaar
),

phi as (
    select
        f.jaar,
        greatest(1.0, avg(power(least(greatest(f.z, g.z_laag), g.z_hoog), 2))) as phi
    from funnel as f
    inner join grenzen as g on g.jaar = f.jaar
    where f.aantal_clienten >= getvariable('min_clienten')
    group by f.jaar
),

beoordeeld as (
    select
        f.*,
        f.z / sqrt(coalesce(p.phi, 1.0)) as z_adj,
        100 * f.meldingen_gekrompen / (f.aantal_clienten + getvariable('min_clienten'))
            as per_100_gekrompen
    from funnel as f
    left join phi as p on p.jaar = f.jaar
),

final as (
    select
        signaal_sleutel('KWA02', aanbieder_agb, jaar, null) as signaal_id,
        'KWA02' as indicator,
        'kwaliteit' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        per_100_gekrompen as waarde,
        100 * p0 as referentiewaarde,
        z_adj as afwijking,
        -- A quality signal: there is no amount that was paid without care.
        0.0 as financieel_belang,
        aantal_clienten,
        z_adj > getvariable('z_drempel')
        and aantal_clienten >= getvariable('min_clienten') as gemarkeerd,
        sterkte_uit_z(z_adj, getvariable('z_drempel')) as sterkte,
        'alle aanbieders met minstens ' || getvariable('min_clienten')
        || ' cliënten (gepoold cijfer per 100 cliënten)' as peergroep,
        aantal_klachten || ' klachten en ' || aantal_calamiteiten || ' calamiteiten bij '
        || aantal_clienten || ' cliënten: '
        || getal_tekst(100.0 * aantal_meldingen / aantal_clienten, 1)
        || ' per 100 cliënten (na krimp '
        || getal_tekst(per_100_gekrompen, 1) || ') tegen '
        || getal_tekst(100 * p0, 1)
        || ' bij de peers (funnel-z ' || getal_tekst(z_adj, 1) || ')'
        || case
            when clientervaring is not null
                then ', cliëntervaring '
                || getal_tekst(clientervaring, 1) || ' tegen '
                || getal_tekst(clientervaring_peers, 1)
            else ''
        end
        || '; financieel belang ' || euro_tekst(0) || ' (kwaliteitssignaal).' as toelichting
    from beoordeeld
    where z_adj > 1
)

select * from final
