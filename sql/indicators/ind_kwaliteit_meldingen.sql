-- code: KWA02
-- naam: Veel klachten en calamiteiten per cliënt
-- categorie: kwaliteit
-- eenheid: per_100_clienten
-- eenheid_afwijking: z
-- soort_belang: geen
-- baan: zorg
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
-- bronnen: int_waarneming_kwaliteit_meldingen, int_peer_statistiek
-- grain: één rij per aanbieder × jaar met meer meldingen dan verwacht (z > 1)
-- sleutel: aanbieder_agb, jaar
with beoordeeld as (
    select
        * exclude (indicator),
        -- Shown per 100 clients, after shrinkage.
        100 * teller_gekrompen / (aantal_clienten + krimp) as waarde
    -- One signal per provider and year: no reikwijdte.
    from intermediate.int_waarneming_kwaliteit_meldingen
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
),

final as (
    select
        * replace (100 * referentiewaarde as referentiewaarde),
        -- A quality signal: there is no amount that was paid without care.
        0.0 as financieel_belang,
        is_boven_drempel and aantal_clienten >= getvariable('min_clienten') as gemarkeerd,
        aantal_tekst(aantal_klachten, 'klacht', 'klachten') || ' en '
        || aantal_tekst(aantal_calamiteiten, 'calamiteit', 'calamiteiten') || ' bij '
        || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten') || ': '
        || getal_tekst(100.0 * aantal_meldingen / aantal_clienten, 1)
        || ' per 100 cliënten (na krimp '
        || getal_tekst(waarde, 1) || ') tegen '
        || getal_tekst(100 * referentiewaarde, 1)
        || ' bij de peers (funnel-z ' || getal_tekst(afwijking, 1) || ')'
        || case
            when clientervaring is not null
                then ', cliëntervaring '
                || getal_tekst(clientervaring, 1) || ' tegen '
                || getal_tekst(clientervaring_peers, 1)
            else ''
        end
        || '; financieel belang ' || euro_tekst(0) || ' (kwaliteitssignaal).' as toelichting
    from beoordeeld
    where afwijking > 1
)

select * from final
