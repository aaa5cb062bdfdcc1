-- doel: de waarneming achter KWA08 voor de gedeelde peerstatistiek: per aanbieder en jaar het
--   aandeel van zijn ingediende debetregels dat later gecrediteerd werd (correctiecycli), tegen
--   het gepoolde aandeel van de andere aanbieders met hetzelfde hoofdperceel (funnelplot op de
--   hoekschaal; overdispersie per peergroep)
-- grain: één rij per aanbieder × jaar met minstens min_clienten cliënten en minstens één peer
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_spk_declaratiegedrag, int_aanbieder_hoofdperceel
-- parameters: min_clienten, min_peers
-- toelichting: de regels zijn de debetregels van int_spk_declaratiegedrag (staand, gecrediteerd
--   of afgewezen; jaar van de prestatie). Een gecrediteerde regel is een debetregel die een
--   creditregel (TR323) later vernietigde. creditratio = gecrediteerde euro's / ingediende
--   euro's (catalogus H5); de toets gebruikt de regels, want een aandeel in euro's heeft geen
--   binomiale ruis. Peers zoals bij SPK06: de andere aanbieders (elk minstens min_clienten
--   cliënten) met hetzelfde hoofdperceel, minder dan min_peers: de hele regio; het peeraandeel
--   telt de eigen regels niet mee. financieel_belang: de gecrediteerde euro's boven wat bij het
--   peeraandeel verwacht wordt (gecrediteerd geld is teruggeboekt, dus alleen voor de
--   materialiteit en de rangorde binnen het signaal; soort_belang van KWA08 is geen).
with regels as (
    select * from intermediate.int_spk_declaratiegedrag
),

per_aanbieder as (
    select
        r.aanbieder_agb,
        r.jaar,
        coalesce(any_value(h.hoofdperceel), 'onbekend') as hoofdperceel,
        count(*) as aantal_regels,
        count(*) filter (where r.rol = 'gecrediteerd') as aantal_gecrediteerd,
        count(distinct r.client_id) as aantal_clienten,
        cast(sum(r.bedrag_eur) as decimal(18, 2)) as ingediend_eur,
        cast(coalesce(sum(r.bedrag_eur) filter (where r.rol = 'gecrediteerd'), 0)
            as decimal(18, 2)) as gecrediteerd_eur
    from regels as r
    left join intermediate.int_aanbieder_hoofdperceel as h
        on h.aanbieder_agb = r.aanbieder_agb and h.jaar = r.jaar
    group by r.aanbieder_agb, r.jaar
),

beoordeelbaar as (
    select * from per_aanbieder where aantal_clienten >= getvariable('min_clienten')
),

-- Read by the table macro peers_zonder_zelf (query_table), which sqlfluff cannot see.
peer_invoer as (  -- noqa: ST03
    select
        *,
        hoofdperceel as peer_groep,
        aantal_gecrediteerd as peer_teller,
        aantal_regels as peer_noemer
    from beoordeelbaar
),

-- Leave-one-out peer share per hoofdperceel, else the region (macro peers_zonder_zelf).
met_peers as (
    select * from peers_zonder_zelf('peer_invoer')
),

final as (
    select
        'KWA08' as indicator,
        aanbieder_agb,
        jaar,
        'aandeel_hoek' as methode,
        aantal_gecrediteerd as teller,
        aantal_regels as noemer,
        aantal_gecrediteerd / aantal_regels as waarde,
        peer_aandeel as referentiewaarde,
        case when eigen_perceel then hoofdperceel else 'regio' end as spreidingsgroep,
        aantal_clienten,
        greatest(0, aantal_gecrediteerd - peer_aandeel * aantal_regels) as extra_gecrediteerd,
        bedrag_op_centen(
            coalesce(extra_gecrediteerd * gecrediteerd_eur / nullif(aantal_gecrediteerd, 0), 0)
        ) as financieel_belang,
        case
            when eigen_perceel
                then aantal_peers || ' andere aanbieders met hoofdperceel ' || hoofdperceel
            else aantal_peers || ' andere aanbieders in de regio (teruggevallen: minder dan '
                || getvariable('min_peers') || ' met hoofdperceel ' || hoofdperceel || ')'
        end as peergroep,
        aantal_peers,
        aantal_regels,
        aantal_gecrediteerd,
        ingediend_eur,
        gecrediteerd_eur,
        gecrediteerd_eur / nullif(ingediend_eur, 0) as creditratio
    from met_peers
)

select * from final
