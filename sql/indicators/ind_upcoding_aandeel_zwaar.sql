-- code: UPC01
-- naam: Hoog aandeel cliënten in de zwaarste intensiteit
-- categorie: upcoding
-- definitie: Per perceel het aandeel van de cliënten van de aanbieder in de zwaarste intensiteit
--   die hij aanbiedt (intensiteit uit de productcatalogus; een cliënt telt op zijn zwaarste
--   gedeclareerde niveau), vergeleken met aanbieders met hetzelfde aanbod van intensiteiten in
--   dat perceel (een niveau hoort bij het aanbod vanaf 10% van de cliënten). Zijn dat er minder
--   dan min_peers, dan alle aanbieders van het perceel die minstens dezelfde intensiteiten
--   aanbieden, geteld op de niveaus van de aanbieder (vastgelegd in peergroep). Aanbieders met
--   maar één intensiteit in een perceel (bijvoorbeeld alleen specialistisch) worden niet
--   beoordeeld: hun aandeel zwaar is hun contract, geen keuze. Funnelplot (z op de
--   arcsinus-wortelschaal, die ook bij kleine aantallen en kleine peeraandelen klopt) met
--   overdispersiecorrectie over de aanbieders van het perceel. Financieel belang: (cliënten
--   zwaar − verwacht bij het peeraandeel) × (gemiddeld bedrag per zware cliënt − gemiddeld
--   bedrag per lichtere cliënt).
-- waarom: Cliënten zwaarder indiceren of declareren dan nodig (upcoding) verhoogt de omzet per
--   cliënt; bij een vergelijkbaar aanbod hoort een vergelijkbare mix van zwaarte.
-- drempels: gemarkeerd bij minstens min_clienten cliënten, een gecorrigeerde z boven z_drempel
--   en een financieel belang van minstens materieel_min_eur.
-- bron: indicatorcatalogus C1/C3 (tiermix tegen peers); Spiegelhalter (2005) funnelplots met
--   overdispersie; WMO021-productcodes en hun zwaarte.
-- grain: één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten en
--   minstens min_clienten cliënten
-- sleutel: aanbieder_agb, jaar, perceel
with mix as (
    select *
    from intermediate.int_upc_tiermix
    where clienten >= getvariable('min_clienten')
        and aantal_peers >= 1
),

-- The +0.5/+1 keeps the expected share off exactly 0 or 1, where a funnel has no width.
met_verwachting as (
    select
        *,
        clienten_zwaar / clienten as aandeel,
        (peer_clienten_zwaar + 0.5) / (peer_clienten + 1) as peer_aandeel
    from mix
),

-- Funnel z on the arcsine-square-root scale (variance 1/4n whatever the share; Spiegelhalter
-- 2005): the plain normal z over-flags small providers when the peer share is small, because
-- the binomial tail is then much longer than the normal one (11 of 26 clients against 17%
-- gives z 3,5 on the plain scale, while the exact binomial tail corresponds to 2,9).
beoordeeld as (
    select
        *,
        funnel_z_hoek(aandeel, peer_aandeel, clienten) as z
    from met_verwachting
),

-- Overdispersion (Spiegelhalter): the mean of the winsorised (10%–90%) z² over the judged
-- providers of the perceel; z is only divided by it when the spread is wider than binomial.
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
        b.z / sqrt(greatest(1, s.phi)) as z_adj,
        greatest(0, b.clienten_zwaar - b.peer_aandeel * b.clienten) as extra_zwaar,
        greatest(0, coalesce(
            b.bedrag_zwaar_eur / nullif(b.clienten_zwaar, 0)
            - b.bedrag_licht_eur / nullif(b.clienten - b.clienten_zwaar, 0),
            0
        )) as meerprijs_per_client
    from beoordeeld as b
    inner join spreiding as s on s.perceel = b.perceel and s.jaar = b.jaar
),

met_belang as (
    select *, extra_zwaar * meerprijs_per_client as belang
    from gescoord
),

final as (
    select
        signaal_sleutel('UPC01', aanbieder_agb, jaar, perceel) as signaal_id,
        'UPC01' as indicator,
        'upcoding' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        perceel,
        null as productcode,
        aandeel as waarde,
        peer_aandeel as referentiewaarde,
        z_adj as afwijking,
        belang as financieel_belang,
        clienten as aantal_clienten,
        coalesce(
            z_adj > getvariable('z_drempel') and belang >= getvariable('materieel_min_eur'),
            false
        ) as gemarkeerd,
        coalesce(sterkte_uit_z(z_adj, getvariable('z_drempel')), 0) as sterkte,
        case peergroep_soort
            when 'zelfde aanbod' then aantal_peers || ' aanbieders van ' || perceel
                || ' met hetzelfde aanbod (intensiteiten ' || aanbod || ')'
            else aantal_peers || ' aanbieders van ' || perceel
                || ' die minstens intensiteiten ' || aanbod || ' aanbieden, geteld op die'
                || ' intensiteiten (teruggevallen op het hele perceel: minder dan '
                || getvariable('min_peers') || ' met precies dit aanbod)'
        end as peergroep,
        procent_tekst(aandeel) || ' van de ' || clienten || ' cliënten ' || perceel
            || ' zit in de zwaarste aangeboden intensiteit (' || zwaarste || '), tegen '
            || procent_tekst(peer_aandeel) || ' bij ' || aantal_peers
            || ' vergelijkbare aanbieders (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(z_adj, 1), 'onbekend') || '); '
            || cast(round(extra_zwaar) as integer)
            || ' cliënten meer dan verwacht, elk gemiddeld ' || euro_tekst(meerprijs_per_client)
            || ' duurder dan een lichtere cliënt: ' || euro_tekst(belang) || '.' as toelichting
    from met_belang
)

select * from final
