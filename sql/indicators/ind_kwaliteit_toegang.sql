-- code: KWA05
-- naam: Veel signalen van de toegang per cliënt
-- categorie: kwaliteit
-- eenheid: per_100_clienten
-- eenheid_afwijking: z
-- soort_belang: geen
-- baan: zorg
-- definitie: Aantal signalen die toegangsmedewerkers (wijkteam, Wmo-consulent) over een
--   aanbieder afgaven in een jaar, per 100 cliënten van die aanbieder, vergeleken met het
--   gepoolde peercijfer (aanbieders met minstens min_clienten cliënten). Telt de meldingen van
--   soort 'signaal toegang' en elke andere soort die geen andere indicator gebruikt (klachten en
--   calamiteiten tellen in KWA02, het cijfer van het cliëntervaringsonderzoek is een score).
--   Poisson-funnel op de wortelschaal (Anscombe) met krimp: elke aanbieder krijgt er min_clienten
--   cliënten met het peercijfer bij, zodat een paar signalen bij een kleine aanbieder niet
--   doorslaan; daarna correctie voor overdispersie (φ uit de gewinsoriseerde z² van de peers).
--   Alleen voor jaren waarin signalen van de toegang zijn aangeleverd. Financieel belang € 0 (een
--   kwaliteitssignaal).
-- waarom: Wat een regionaal meldpunt doet: de losse signalen van toegangsmedewerkers bundelen per
--   aanbieder. Eén signaal zegt weinig, veel signalen in verhouding tot het aantal cliënten wijzen
--   op zorg die niet geleverd wordt zoals afgesproken (minder uren, geen ondersteuningsplan,
--   ontevreden cliënten), vaak eerder dan klachten of calamiteiten het laten zien.
-- drempels: gemarkeerd als z na overdispersiecorrectie boven z_drempel ligt, de aanbieder
--   minstens min_clienten cliënten heeft en er minstens toegang_min_signalen signalen in het jaar
--   zijn (twee signalen zijn geen patroon, ook niet bij een kleine aanbieder).
-- bron: indicatorcatalogus F (zorgverwaarlozing, signalen van de toegang); Spiegelhalter (2005)
--   funnelplots; meldingen van de toegang (contracttabel meldingen).
-- bronnen: int_waarneming_kwaliteit_toegang, int_peer_statistiek
-- grain: één rij per aanbieder × jaar met meer signalen van de toegang dan verwacht (z > 1)
-- sleutel: aanbieder_agb, jaar
with beoordeeld as (
    select
        * exclude (indicator),
        -- Shown per 100 clients, after shrinkage.
        100 * teller_gekrompen / (aantal_clienten + krimp) as waarde
    -- One signal per provider and year: no reikwijdte.
    from intermediate.int_waarneming_kwaliteit_toegang
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
),

final as (
    select
        * replace (100 * referentiewaarde as referentiewaarde),
        -- A quality signal: there is no amount that was paid without care.
        0.0 as financieel_belang,
        is_boven_drempel
        and aantal_clienten >= getvariable('min_clienten')
        and aantal_signalen >= getvariable('toegang_min_signalen') as gemarkeerd,
        aantal_signalen
        || case when aantal_signalen = 1 then ' signaal' else ' signalen' end
        || ' van de toegang bij ' || aantal_clienten
        || case when aantal_clienten = 1 then ' cliënt: ' else ' cliënten: ' end
        || getal_tekst(100.0 * aantal_signalen / aantal_clienten, 1)
        || ' per 100 cliënten (na krimp '
        || getal_tekst(waarde, 1) || ') tegen '
        || getal_tekst(100 * referentiewaarde, 1)
        || ' bij de peers (funnel-z ' || getal_tekst(afwijking, 1) || ')'
        || case
            when aantal_signalen < getvariable('toegang_min_signalen')
                then '; minder dan ' || getvariable('toegang_min_signalen')
                || ' signalen in het jaar, dus niet gemarkeerd'
            else ''
        end
        || '; financieel belang ' || euro_tekst(0) || ' (kwaliteitssignaal).' as toelichting
    from beoordeeld
    where afwijking > 1
)

select * from final
