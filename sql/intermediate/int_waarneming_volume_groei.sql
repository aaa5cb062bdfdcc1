-- doel: de waarneming achter VOL01 voor de gedeelde peerstatistiek: de eigen groei van een
--   aanbieder in een perceel (na overname en overloop), ontleed in cliëntstroom, volume per cliënt,
--   prijs en mix, en per onderdeel getoetst tegen de peers in hetzelfde perceel (minder dan
--   min_peers: alle percelen); de waarneming is het onderdeel dat het verst van de peers ligt
-- grain: één rij per aanbieder × perceel × jaar met een volledig vorig jaar en een eigen basis
--   boven € 0
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_vol_groei (alle kolommen gaan mee, voor de toelichting van VOL01),
--   int_upc_verzoeken, int_aanbieder_start
-- parameters: groei_min_basis_eur, min_peers, min_clienten, robuuste_z_min_mad,
--   groei_z_drempel, nieuw_max_maanden (macro is_nieuw_in_jaar)
-- toelichting:
--   onderdelen (elk als groeivoet op de eigen basis, samen precies de eigen groei):
--     totaal             de eigen groei na overname en overloop
--     clienten           de eigen cliëntstroom: (groei in cliëntmaanden − die van de overgenomen
--                        cliënten) × euro's per cliëntmaand vorig jaar, min de overloop
--     volume_per_client  meer (of minder) volume per cliëntmaand, tegen de prijs van vorig jaar,
--                        zonder
--                        wat de overgenomen cliënten daarin afwijken (een half jaar zorg na een
--                        overname is geen lager volume per cliënt)
--     prijs              de prijs per eenheid van dezelfde productcodes
--     mix                verschuiving naar andere (duurdere) producten
--   Per onderdeel: mediaan en MAD van de peers (basis vanaf groei_min_basis_eur) en een robuuste z
--   na krimp naar de peermediaan (gewicht n / (n + min_clienten), n = cliënten vorig jaar). Een
--   onderdeel dat bij de peers nauwelijks varieert (volume per cliënt) valt zo op, ook als de
--   totale groei van de peers wijd uiteenloopt. De waarneming is het onderdeel met de hoogste z
--   boven groei_z_drempel (het onderdeel dat bewoog); ligt geen onderdeel daarboven, dan het
--   hoogste van alle vijf, ook het totaal (kleine groei in alles tegelijk). Vier onderdelen naast
--   het totaal toetsen en het hoogste kiezen is vijf keer toetsen: de drempel is daarom niet de
--   robuuste drempel van één toets (3,5) maar die drempel gecorrigeerd voor vijf toetsen
--   (groei_z_drempel, Bonferroni: 3,91), en de groei in het onderdeel moet materieel zijn
--   (groei_min_eur). Zonder die correctie gingen in de tien benchregio's twee eerlijke
--   aanbieder-jaren over de drempel op een z van 3,5–3,7: een kleine aanbieder van beschermd
--   wonen met een paar nieuwe cliënten (27 → 31 cliënten, € 445.000 groei).
--   verzoeken_*: de verzoeken om toewijzing of wijziging (315/317) van de aanbieder in dat perceel,
--   in dat jaar of het jaar ervoor, die om meer volume of een zwaarder product vroegen: groei in
--   intensiteit na herindicatie op verzoek van de aanbieder is ook een upcodingpatroon.
with groei as (
    select
        g.*,
        -- What the takeover clients add to the client-months since last year (a takeover in
        -- July counts six months then and twelve now), at last year's euros a month.
        bedrag_op_centen(
            (g.overname_clientmaanden - g.overname_clientmaanden_vorig_jaar)
            * g.bedrag_vorig_jaar_eur / g.clientmaanden_vorig_jaar
        ) as overname_aantal_effect_eur
    from intermediate.int_vol_groei as g
    left join intermediate.int_aanbieder_start as s on s.aanbieder_agb = g.aanbieder_agb
    -- A provider that was still new last year grows by building up: VOL02 judges it.
    where g.heeft_volledig_vorig_jaar and g.basis_gecorrigeerd_eur > 0
        and not coalesce(is_nieuw_in_jaar(s.start_maand, s.start_na_aanloop, g.jaar - 1), false)
),

onderdelen as (
    select
        *,
        unnest([
            { 'onderdeel': 'totaal', 'eur': delta_gecorrigeerd_eur },
            {
                'onderdeel': 'clienten',
                'eur': cast(
                    effect_clienten_eur - overname_aantal_effect_eur - overloop_eur
                    as decimal(18, 2)
                )
            },
            {
                'onderdeel': 'volume_per_client',
                'eur': cast(
                    effect_volume_per_client_eur - (overname_eur - overname_aantal_effect_eur)
                    as decimal(18, 2)
                )
            },
            { 'onderdeel': 'prijs', 'eur': effect_prijs_eur },
            { 'onderdeel': 'mix', 'eur': effect_mix_eur }
        ]) as o
    from groei
),

per_onderdeel as (
    select
        * exclude (o),
        o.onderdeel,
        o.eur as onderdeel_eur,
        o.eur / basis_gecorrigeerd_eur as onderdeel_groei
    from onderdelen
),

-- Peers: een basis die groot genoeg is om een groeivoet te betekenen.
peers as (
    select *
    from per_onderdeel
    where basis_gecorrigeerd_eur >= getvariable('groei_min_basis_eur')
        and onderdeel_groei is not null
),

peer_perceel as (
    select
        jaar,
        perceel,
        onderdeel,
        count(*) as aantal_peers,
        median(onderdeel_groei) as mediaan,
        mad(onderdeel_groei) as mad
    from peers
    group by jaar, perceel, onderdeel
),

peer_regio as (
    select
        jaar,
        onderdeel,
        count(*) as aantal_peers,
        median(onderdeel_groei) as mediaan,
        mad(onderdeel_groei) as mad
    from peers
    group by jaar, onderdeel
),

-- Peergroep: het perceel, of de hele regio bij minder dan min_peers aanbieders in het perceel.
met_peers as (
    select
        g.*,
        coalesce(pp.aantal_peers, 0) >= getvariable('min_peers') as eigen_perceel,
        case when eigen_perceel then pp.mediaan else pr.mediaan end as mediaan,
        case when eigen_perceel then pp.mad else pr.mad end as mad,
        case when eigen_perceel then pp.aantal_peers else pr.aantal_peers end as aantal_peers
    from per_onderdeel as g
    left join peer_perceel as pp
        on pp.jaar = g.jaar and pp.perceel = g.perceel and pp.onderdeel = g.onderdeel
    inner join peer_regio as pr on pr.jaar = g.jaar and pr.onderdeel = g.onderdeel
),

-- The same z as int_peer_statistiek computes for the chosen row (methode robuust).
met_z as (
    select
        *,
        robuuste_z(
            aantal_clienten_vorig_jaar / (aantal_clienten_vorig_jaar + getvariable('min_clienten'))
            * onderdeel_groei
            + getvariable('min_clienten')
            / (aantal_clienten_vorig_jaar + getvariable('min_clienten')) * mediaan,
            mediaan,
            mad,
            getvariable('robuuste_z_min_mad')
        ) as onderdeel_z
    from met_peers
),

-- Every component's z, for the explanation: "volume per cliënt z 6,1; cliënten z 0,4".
alle_z as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        map_from_entries(list((onderdeel, onderdeel_z))) as z_per_onderdeel,
        map_from_entries(list((onderdeel, mediaan))) as peermediaan_per_onderdeel
    from met_z
    group by aanbieder_agb, perceel, jaar
),

gekozen as (
    select *
    from met_z
    qualify row_number() over (
        partition by aanbieder_agb, perceel, jaar
        order by
            onderdeel <> 'totaal' and onderdeel_z > getvariable('groei_z_drempel') desc,
            onderdeel_z desc nulls last,
            onderdeel = 'totaal' desc,
            onderdeel
    ) = 1
),

-- Requests of this year and the year before: a re-indication that raises this year's volume is
-- usually asked for in the months before it starts.
verzoeken as (
    select
        g.aanbieder_agb,
        g.perceel,
        g.jaar,
        count(*) filter (where v.is_vergelijkbaar) as verzoeken_vergelijkbaar,
        count(*) filter (where v.is_opwaarts) as verzoeken_opwaarts,
        count(*) filter (where v.is_opwaarts and v.is_gevolgd) as verzoeken_opwaarts_gevolgd
    from gekozen as g
    inner join intermediate.int_upc_verzoeken as v
        on v.aanbieder_agb = g.aanbieder_agb
        and v.perceel = g.perceel
        and v.jaar between g.jaar - 1 and g.jaar
    group by g.aanbieder_agb, g.perceel, g.jaar
),

final as (
    select
        'VOL01' as indicator,
        g.perceel as reikwijdte,
        'robuust' as methode,
        g.onderdeel_groei as waarde,
        -- Empirical-Bayes shrinkage: a growth rate on few clients (n = clients last year) weighs
        -- less and moves toward the peer median.
        g.aantal_clienten_vorig_jaar as noemer,
        getvariable('min_clienten') as krimp,
        g.mediaan as referentiewaarde,
        -- The strongest of five components: a threshold corrected for five tests.
        getvariable('groei_z_drempel') as eigen_drempel,
        -- The component's own growth above what the peer median would give on the own base,
        -- never more than the own growth itself: a component can move more than the total
        -- when another moves back (more hours, cheaper products), but the gemeente paid only
        -- the total more.
        bedrag_op_centen(least(
            greatest(0, g.onderdeel_eur - g.basis_gecorrigeerd_eur * g.mediaan),
            greatest(0, g.delta_gecorrigeerd_eur)
        )) as financieel_belang,
        case
            when g.eigen_perceel then 'aanbieders in ' || g.perceel || ' met een basis vanaf '
                || euro_tekst(getvariable('groei_min_basis_eur')) || ' (' || g.aantal_peers || ')'
            else 'alle aanbieders met een basis vanaf '
                || euro_tekst(getvariable('groei_min_basis_eur')) || ' (te weinig peers in '
                || g.perceel || '; ' || g.aantal_peers || ')'
        end as peergroep,
        a.z_per_onderdeel,
        a.peermediaan_per_onderdeel,
        v.verzoeken_vergelijkbaar,
        v.verzoeken_opwaarts,
        v.verzoeken_opwaarts_gevolgd,
        -- The decomposition of int_vol_groei, the chosen component and its mad.
        g.* exclude (mediaan, eigen_perceel, aantal_peers, onderdeel_z)
    from gekozen as g
    inner join alle_z as a using (aanbieder_agb, perceel, jaar)
    left join verzoeken as v using (aanbieder_agb, perceel, jaar)
)

select * from final
