-- doel: de waarneming achter KWA07 voor de gedeelde peerstatistiek: per aanbieder en jaar het
--   aandeel van zijn lopende toewijzingen dat slaapt (slapend_min_maanden of meer hele maanden
--   achter elkaar zonder declaratie en zonder stop) per perceel, tegen het gepoolde aandeel van
--   de andere aanbieders in hetzelfde perceel (funnelplot op de hoekschaal)
-- grain: één rij per aanbieder × perceel × jaar met minstens min_clienten cliënten op lopende
--   toewijzingen, in een perceel met minstens min_peers andere aanbieders
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_kwa_slapende_maanden
-- parameters: min_clienten, min_peers
-- toelichting: de eenheid is de toewijzing, niet de maand: de maanden van één toewijzing hangen
--   samen (een slapende toewijzing slaapt maanden achter elkaar), de funnel vraagt onafhankelijke
--   waarnemingen. teller = toewijzingen met minstens één slapende maand in het jaar, noemer =
--   toewijzingen met minstens één lopende maand; de maanden staan erbij voor de toelichting.
--   Peers: de andere aanbieders in hetzelfde perceel met minstens min_clienten cliënten; een
--   perceel met minder dan min_peers zulke aanbieders wordt niet beoordeeld en valt niet terug
--   op de regio: hoe vaak zorg een paar maanden stilligt, hangt van het perceel af (logeeropvang
--   wordt per keer gebruikt, huishoudelijke hulp loopt door). Financieel belang € 0 (er is niets
--   gedeclareerd).
with per_toewijzing as (
    select
        aanbieder_agb,
        jaar,
        gemeentecode,
        toewijzingnummer,
        any_value(perceel) as perceel,
        any_value(client_id) as client_id,
        count(*) as aantal_maanden,
        count(*) filter (where is_slapend) as aantal_slapende_maanden,
        bool_or(is_slapend) as is_slapend,
        bool_or(is_slapend and zorg_begindatum is null) as is_slapend_zonder_start
    from intermediate.int_kwa_slapende_maanden
    group by aanbieder_agb, jaar, gemeentecode, toewijzingnummer
),

per_aanbieder as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) as aantal_toewijzingen,
        count(*) filter (where is_slapend) as aantal_slapend,
        count(*) filter (where is_slapend_zonder_start) as aantal_slapend_zonder_start,
        count(distinct client_id) as aantal_clienten,
        sum(aantal_maanden) as aantal_maanden,
        sum(aantal_slapende_maanden) as aantal_slapende_maanden
    from per_toewijzing
    group by aanbieder_agb, perceel, jaar
),

beoordeelbaar as (
    select * from per_aanbieder where aantal_clienten >= getvariable('min_clienten')
),

groepen as (
    select
        *,
        count(*) over (partition by jaar, perceel) - 1 as aantal_peers,
        sum(aantal_slapend) over (partition by jaar, perceel) as perceel_teller,
        sum(aantal_toewijzingen) over (partition by jaar, perceel) as perceel_noemer
    from beoordeelbaar
),

-- Only within the perceel: no fallback to the region (see toelichting).
met_peers as (
    select
        *,
        peer_aandeel_zonder_zelf(
            aantal_slapend, aantal_toewijzingen,
            perceel_teller, perceel_noemer,
            perceel_teller, perceel_noemer,
            aantal_peers
        ) as peer_aandeel
    from groepen
    where aantal_peers >= getvariable('min_peers')
),

final as (
    select
        'KWA07' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        'aandeel_hoek' as methode,
        aantal_slapend as teller,
        aantal_toewijzingen as noemer,
        aantal_slapend / aantal_toewijzingen as waarde,
        peer_aandeel as referentiewaarde,
        perceel as spreidingsgroep,
        cast(0 as decimal(18, 2)) as financieel_belang,
        aantal_peers || ' andere aanbieders in ' || perceel as peergroep,
        perceel,
        aantal_peers,
        aantal_clienten,
        aantal_toewijzingen,
        aantal_slapend,
        aantal_slapend_zonder_start,
        aantal_maanden,
        aantal_slapende_maanden
    from met_peers
)

select * from final
