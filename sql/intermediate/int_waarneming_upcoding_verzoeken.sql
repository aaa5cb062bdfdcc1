-- doel: de waarneming achter UPC05 voor de gedeelde peerstatistiek: per aanbieder, jaar en
--   perceel het aandeel van zijn vergelijkbare verzoeken (315/317) dat om een zwaarder product
--   of meer volume vraagt dan de huidige toewijzing, tegen het gepoolde aandeel van de andere
--   aanbieders met verzoeken in hetzelfde perceel (funnelplot op de hoekschaal)
-- grain: één rij per aanbieder × jaar × perceel met minstens min_verzoeken vergelijkbare
--   verzoeken en minstens één peer
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_upc_verzoeken
-- parameters: min_verzoeken, min_peers
-- toelichting: peers zijn de andere aanbieders met minstens min_verzoeken vergelijkbare
--   verzoeken in hetzelfde perceel en jaar; zijn dat er minder dan min_peers, dan alle andere
--   aanbieders met zoveel verzoeken in de regio (vastgelegd in peergroep). Het peeraandeel telt
--   de eigen verzoeken niet mee. financieel_belang (geschat): de opwaartse verzoeken boven de
--   peerverwachting maal de gemiddelde meerkosten per jaar van de gevolgde opwaartse verzoeken
--   van de aanbieder (0 als de gemeente er geen volgde of er geen tarieven zijn).
with verzoeken as (
    select * from intermediate.int_upc_verzoeken
    where is_vergelijkbaar and perceel is not null
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        perceel,
        count(*) as aantal_verzoeken,
        count(*) filter (where is_opwaarts) as aantal_opwaarts,
        count(*) filter (where is_zwaarder) as aantal_zwaarder,
        count(*) filter (where is_meer_volume and not is_zwaarder) as aantal_meer_volume,
        count(*) filter (where is_opwaarts and is_gevolgd) as aantal_opwaarts_gevolgd,
        count(*) filter (where is_opwaarts and uitkomst_gemeente is not null)
            as aantal_opwaarts_beslist,
        count(distinct client_id) as aantal_clienten,
        -- Shown in cents; the financieel belang multiplies the exact average.
        avg(greatest(0, meerkosten_per_jaar_eur)) filter (where is_opwaarts and is_gevolgd)
            as meerkosten_gemiddeld
    from verzoeken
    group by aanbieder_agb, jaar, perceel
),

beoordeelbaar as (
    select * from per_aanbieder where aantal_verzoeken >= getvariable('min_verzoeken')
),

-- Read by the table macro peers_zonder_zelf (query_table), which sqlfluff cannot see.
peer_invoer as (  -- noqa: ST03
    select
        *,
        perceel as peer_groep,
        aantal_opwaarts as peer_teller,
        aantal_verzoeken as peer_noemer
    from beoordeelbaar
),

-- Leave-one-out peer share per perceel, else the region (macro peers_zonder_zelf).
met_peers as (
    select * from peers_zonder_zelf('peer_invoer')
),

final as (
    select
        'UPC05' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        'aandeel_hoek' as methode,
        aantal_opwaarts as teller,
        aantal_verzoeken as noemer,
        aantal_opwaarts / aantal_verzoeken as waarde,
        peer_aandeel as referentiewaarde,
        case when eigen_perceel then perceel else 'regio' end as spreidingsgroep,
        aantal_clienten,
        greatest(0, aantal_opwaarts - peer_aandeel * aantal_verzoeken) as extra_opwaarts,
        bedrag_op_centen(coalesce(extra_opwaarts * meerkosten_gemiddeld, 0))
            as financieel_belang,
        case
            when eigen_perceel
                then aantal_peers || ' andere aanbieders met verzoeken voor ' || perceel
            else aantal_peers || ' andere aanbieders met verzoeken in de regio (teruggevallen: '
                || 'minder dan ' || getvariable('min_peers') || ' met verzoeken voor ' || perceel
                || ')'
        end as peergroep,
        perceel,
        aantal_peers,
        aantal_verzoeken,
        aantal_zwaarder,
        aantal_meer_volume,
        aantal_opwaarts_gevolgd,
        aantal_opwaarts_beslist,
        bedrag_op_centen(meerkosten_gemiddeld) as meerkosten_per_verzoek_eur
    from met_peers
)

select * from final
