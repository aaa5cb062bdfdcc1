-- code: UPC02
-- naam: Verschuiving naar de zwaarste intensiteit
-- categorie: upcoding
-- definitie: Per perceel de stijging van het aandeel cliënten in de zwaarste aangeboden
--   intensiteit ten opzichte van vorig jaar, voorbij de verandering bij de peers. Beide jaren
--   worden geteld op de intensiteiten die de aanbieder in een van beide jaren aanbood (zie
--   UPC01; aanbieders met één intensiteit doen niet mee), eigen en van dezelfde peers.
--   Verwacht aandeel = aandeel vorig jaar + verandering van het gepoolde peeraandeel; z voor
--   het verschil op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de
--   aanbieders van het perceel. Alleen als de aanbieder de zwaarste
--   intensiteit vorig jaar ook al aanbood (een nieuw contract is geen verschuiving). Financieel
--   belang: (cliënten zwaar − verwacht) × (gemiddeld bedrag per zware − per lichtere cliënt).
-- waarom: Een aanbieder die zijn cliënten in korte tijd zwaarder laat indiceren of declareren
--   terwijl vergelijkbare aanbieders dat niet doen, verschuift waarschijnlijk naar duurdere
--   producten zonder dat de zorgvraag veranderde (upcoding in de tijd).
-- drempels: gemarkeerd alleen bij een duidelijke en materiële stijging: beide jaren minstens
--   min_clienten cliënten, gecorrigeerde z boven z_drempel, een stijging van minstens 10
--   procentpunt boven de verwachting en een financieel belang van minstens materieel_min_eur.
-- bron: indicatorcatalogus C1/C6 (tiermix, verschuiving naar duurdere codes jaar op jaar);
--   Spiegelhalter (2005) funnelplots met overdispersie.
-- grain: één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten,
--   in beide jaren minstens min_clienten cliënten
-- sleutel: aanbieder_agb, jaar, perceel
with mix as (
    select *
    from intermediate.int_upc_tiermix
    where clienten_nu >= getvariable('min_clienten')
        and clienten_vorig >= getvariable('min_clienten')
        and zwaarste_vorig_aangeboden
        and aantal_peers >= 1
        and peer_vorig > 0
),

-- Expected share this year: last year's own share plus the peers' change. The +0.5/+1 keeps
-- the peer shares off exactly 0 or 1.
verwacht as (
    select
        *,
        zwaar_nu / clienten_nu as aandeel,
        zwaar_vorig / clienten_vorig as aandeel_vorig,
        (peer_zwaar_nu + 0.5) / (peer_nu + 1) - (peer_zwaar_vorig + 0.5) / (peer_vorig + 1)
            as peer_verandering
    from mix
),

-- z for the difference between this year's share and the expected one, on the
-- arcsine-square-root scale (variance 1/4n per share, whatever the share): the expectation
-- carries last year's sampling noise too, hence 1/n_nu + 1/n_vorig.
beoordeeld as (
    select
        *,
        least(1, greatest(0, aandeel_vorig + peer_verandering)) as verwacht_aandeel,
        2 * (
            asin(sqrt(aandeel))
            - asin(sqrt(least(1, greatest(0, aandeel_vorig + peer_verandering))))
        ) / sqrt(1 / clienten_nu + 1 / clienten_vorig) as z
    from verwacht
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
        greatest(0, b.zwaar_nu - b.verwacht_aandeel * b.clienten_nu) * greatest(0, coalesce(
            b.bedrag_zwaar_eur / nullif(b.clienten_zwaar, 0)
            - b.bedrag_licht_eur / nullif(b.clienten - b.clienten_zwaar, 0),
            0
        )) as belang
    from beoordeeld as b
    inner join spreiding as s on s.perceel = b.perceel and s.jaar = b.jaar
),

final as (
    select
        signaal_sleutel('UPC02', aanbieder_agb, jaar, perceel) as signaal_id,
        'UPC02' as indicator,
        'upcoding' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        perceel,
        null as productcode,
        aandeel as waarde,
        verwacht_aandeel as referentiewaarde,
        z_adj as afwijking,
        belang as financieel_belang,
        clienten_nu as aantal_clienten,
        coalesce(
            z_adj > getvariable('z_drempel')
            and aandeel - verwacht_aandeel >= getvariable('verschuiving_min_punten')
            and belang >= getvariable('materieel_min_eur'),
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
        'Het aandeel cliënten ' || perceel || ' in de zwaarste aangeboden intensiteit ('
            || zwaarste || ') ging van ' || procent_tekst(aandeel_vorig) || ' in ' || (jaar - 1)
            || ' naar ' || procent_tekst(aandeel) || ' (' || clienten_nu
            || ' cliënten, geteld op intensiteiten ' || niveaus_twee_jaar
            || '), terwijl het bij ' || aantal_peers || ' vergelijkbare aanbieders '
            || getal_tekst(100 * peer_verandering, 1)
            || ' procentpunt veranderde; verwacht ' || procent_tekst(verwacht_aandeel)
            || ' (afwijking als z-score na overdispersiecorrectie: '
            || coalesce(getal_tekst(z_adj, 1), 'onbekend')
            || '), ' || euro_tekst(belang) || ' meer dan bij de verwachte mix.' as toelichting
    from gescoord
)

select * from final
