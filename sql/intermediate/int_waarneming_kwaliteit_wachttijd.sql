-- doel: de waarneming achter KWA06 voor de gedeelde peerstatistiek: per aanbieder, perceel en
--   jaar het aandeel nieuwe toewijzingen waarop de zorg niet binnen wachttijd_norm_dagen
--   startte (305), tegen het gepoolde aandeel van de andere aanbieders in hetzelfde perceel
--   (funnelplot op de hoekschaal)
-- grain: één rij per aanbieder × perceel × jaar met minstens min_clienten beoordeelbare nieuwe
--   toewijzingen en minstens één peer
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_toewijzing_start_levering
-- parameters: wachttijd_norm_dagen, tegenspraak_aanloop_dagen, min_clienten, min_peers
-- toelichting: een nieuwe toewijzing is geen herindicatie (is_vervolg: de zorg loopt dan door).
--   Beoordeelbaar als de gemeente meldingen aanleverde, toegewezen_vanaf (ingangsdatum, of de
--   latere eerste toewijzingsdatum) minstens tegenspraak_aanloop_dagen na de eerste geladen
--   melding ligt en minstens wachttijd_norm_dagen vóór de laatste (anders is nog niet te zien
--   of de zorg op tijd startte), en de toewijzing niet zonder start afliep binnen die termijn
--   (dan wachtte er niemand meer). wacht_dagen = begindatum van de eerste start − toegewezen_vanaf
--   (minstens 0). jaar = het jaar van toegewezen_vanaf, alleen vanaf de eerste geladen
--   declaratie van de gemeente (de jaren van de andere signalen). Peers: de andere aanbieders in
--   hetzelfde perceel met minstens min_clienten beoordeelbare toewijzingen; minder dan min_peers:
--   de hele regio (vastgelegd in peergroep en spreidingsgroep).
with nieuw as (
    select
        *,
        year(toegewezen_vanaf) as jaar,
        greatest(0, datediff('day', toegewezen_vanaf, zorg_begindatum)) as wacht_dagen,
        zorg_begindatum is null
        or zorg_begindatum
        > toegewezen_vanaf + cast(getvariable('wachttijd_norm_dagen') as integer)
            as is_lang_gewacht
    from intermediate.int_toewijzing_start_levering
    where not is_vervolg
        and meldingen_vanaf is not null
        and toegewezen_vanaf
        >= meldingen_vanaf + cast(getvariable('tegenspraak_aanloop_dagen') as integer)
        and toegewezen_vanaf
        <= meldingen_tot - cast(getvariable('wachttijd_norm_dagen') as integer)
        -- Signals belong to the years of the loaded declarations, as every other indicator.
        and toegewezen_vanaf >= declaraties_vanaf
        and not (
            zorg_begindatum is null
            and einddatum_of_open
            < toegewezen_vanaf + cast(getvariable('wachttijd_norm_dagen') as integer)
        )
),

per_aanbieder as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) as aantal_toewijzingen,
        count(distinct client_id) as aantal_clienten,
        count(*) filter (where is_lang_gewacht) as aantal_lang_gewacht,
        count(*) filter (where zorg_begindatum is null) as aantal_niet_gestart,
        count(*) filter (
            where zorg_begindatum is null or zorg_begindatum > toegewezen_vanaf + 91
        ) as aantal_niet_binnen_3_maanden,
        median(wacht_dagen) as mediaan_wacht_dagen,
        avg(wacht_dagen) as gemiddeld_wacht_dagen
    from nieuw
    group by aanbieder_agb, perceel, jaar
),

beoordeelbaar as (
    select * from per_aanbieder where aantal_toewijzingen >= getvariable('min_clienten')
),

-- Read by the table macro peers_zonder_zelf (query_table), which sqlfluff cannot see.
peer_invoer as (  -- noqa: ST03
    select
        *,
        perceel as peer_groep,
        aantal_lang_gewacht as peer_teller,
        aantal_toewijzingen as peer_noemer,
        median(mediaan_wacht_dagen) over (partition by jaar, perceel)
            as perceel_mediaan_wacht_dagen
    from beoordeelbaar
),

-- Leave-one-out peer share per perceel, else the region (macro peers_zonder_zelf).
met_peers as (
    select * from peers_zonder_zelf('peer_invoer')
),

final as (
    select
        'KWA06' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        'aandeel_hoek' as methode,
        aantal_lang_gewacht as teller,
        aantal_toewijzingen as noemer,
        aantal_lang_gewacht / aantal_toewijzingen as waarde,
        peer_aandeel as referentiewaarde,
        case when eigen_perceel then perceel else 'regio' end as spreidingsgroep,
        -- A quality signal: nothing was paid for the waiting.
        cast(0 as decimal(18, 2)) as financieel_belang,
        case
            when eigen_perceel then aantal_peers || ' andere aanbieders in ' || perceel
            else aantal_peers || ' andere aanbieders in de regio (teruggevallen: minder dan '
                || getvariable('min_peers') || ' in ' || perceel || ')'
        end as peergroep,
        perceel,
        aantal_peers,
        aantal_toewijzingen,
        aantal_clienten,
        aantal_lang_gewacht,
        aantal_niet_gestart,
        aantal_niet_binnen_3_maanden,
        mediaan_wacht_dagen,
        gemiddeld_wacht_dagen,
        perceel_mediaan_wacht_dagen
    from met_peers
)

select * from final
