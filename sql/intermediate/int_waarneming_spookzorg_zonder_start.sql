-- doel: de waarneming achter SPK07 voor de gedeelde peerstatistiek: per aanbieder en jaar het
--   aandeel van zijn gedeclareerde toewijzingen zonder startbericht (305), tegen het gepoolde
--   aandeel van de andere aanbieders met hetzelfde hoofdperceel (funnelplot op de hoekschaal)
-- grain: één rij per aanbieder × jaar met minstens min_clienten cliënten op beoordeelbare
--   toewijzingen en minstens één peer
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_spk_zonder_start, int_aanbieder_hoofdperceel
-- parameters: min_clienten, min_peers
-- toelichting: teller = toewijzingen waarop de aanbieder in het jaar declareerde zonder dat een
--   start de zorg dekte (int_spk_zonder_start), noemer = alle beoordeelbare toewijzingen
--   waarop hij in het jaar declareerde. Peers zijn de andere aanbieders (elk met minstens
--   min_clienten cliënten) met hetzelfde hoofdperceel; minder dan min_peers: alle andere
--   aanbieders van de regio. financieel_belang (geschat): de toewijzingen zonder start boven de
--   peerverwachting maal het gemiddelde bedrag zonder start per zo'n toewijzing. Het is geen
--   onrechtmatig bedrag: een ontbrekende 305 is geen reden om af te wijzen (OP364).
with per_toewijzing as (
    select
        aanbieder_agb,
        jaar,
        gemeentecode,
        toewijzingnummer,
        any_value(client_id) as client_id,
        bool_or(is_zonder_start) as is_zonder_start,
        bool_or(zorg_begindatum is null) as is_nooit_gestart,
        sum(bedrag_eur) as bedrag_eur,
        sum(zonder_start_eur) as zonder_start_eur
    from intermediate.int_spk_zonder_start
    group by aanbieder_agb, jaar, gemeentecode, toewijzingnummer
),

per_aanbieder as (
    select
        t.aanbieder_agb,
        t.jaar,
        coalesce(any_value(h.hoofdperceel), 'onbekend') as hoofdperceel,
        count(*) as aantal_toewijzingen,
        count(*) filter (where t.is_zonder_start) as aantal_zonder_start,
        count(*) filter (where t.is_nooit_gestart) as aantal_nooit_gestart,
        count(distinct t.client_id) as aantal_clienten,
        cast(sum(t.bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        cast(sum(t.zonder_start_eur) as decimal(18, 2)) as zonder_start_eur
    from per_toewijzing as t
    left join intermediate.int_aanbieder_hoofdperceel as h
        on h.aanbieder_agb = t.aanbieder_agb and h.jaar = t.jaar
    group by t.aanbieder_agb, t.jaar
),

beoordeelbaar as (
    select * from per_aanbieder where aantal_clienten >= getvariable('min_clienten')
),

-- Read by the table macro peers_zonder_zelf (query_table), which sqlfluff cannot see.
peer_invoer as (  -- noqa: ST03
    select
        *,
        hoofdperceel as peer_groep,
        aantal_zonder_start as peer_teller,
        aantal_toewijzingen as peer_noemer
    from beoordeelbaar
),

-- Leave-one-out peer share per hoofdperceel, else the region (macro peers_zonder_zelf).
met_peers as (
    select * from peers_zonder_zelf('peer_invoer')
),

final as (
    select
        'SPK07' as indicator,
        aanbieder_agb,
        jaar,
        'aandeel_hoek' as methode,
        aantal_zonder_start as teller,
        aantal_toewijzingen as noemer,
        aantal_zonder_start / aantal_toewijzingen as waarde,
        peer_aandeel as referentiewaarde,
        case when eigen_perceel then hoofdperceel else 'regio' end as spreidingsgroep,
        aantal_clienten,
        greatest(0, aantal_zonder_start - peer_aandeel * aantal_toewijzingen)
            as extra_zonder_start,
        bedrag_op_centen(
            coalesce(extra_zonder_start * zonder_start_eur / nullif(aantal_zonder_start, 0), 0)
        ) as financieel_belang,
        case
            when eigen_perceel
                then aantal_peers || ' andere aanbieders met hoofdperceel ' || hoofdperceel
            else aantal_peers || ' andere aanbieders in de regio (teruggevallen: minder dan '
                || getvariable('min_peers') || ' met hoofdperceel ' || hoofdperceel || ')'
        end as peergroep,
        aantal_peers,
        aantal_toewijzingen,
        aantal_zonder_start,
        aantal_nooit_gestart,
        bedrag_eur,
        zonder_start_eur
    from met_peers
)

select * from final
