-- doel: de waarneming achter STP01 voor de gedeelde peerstatistiek: per aanbieder, jaar en soort
--   samenloopregel het aandeel cliënten met zorg bovenop een toewijzing waarmee de combinatie
--   niet mag of opvalt, tegen het gepoolde aandeel van de aanbieders met hetzelfde hoofdperceel
--   (minder dan min_peers: alle aanbieders); overdispersie over alle aanbieders per soort regel
-- grain: één rij per aanbieder × jaar × soort regel (uitgesloten | signaal), ook zonder
--   betrokken cliënten: zij zijn de peers
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_stp_samenloop, int_declaratieregels_status, int_aanbieder_hoofdperceel
-- parameters: min_peers
with paren as (
    select * from intermediate.int_stp_samenloop
),

-- De noemer: alle cliënten die de aanbieder dat jaar declareerde, plus betrokken cliënten op wie
-- (nog) niet gedeclareerd is.
clienten as (
    select aanbieder_agb, jaar, client_id from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
    union
    select aanbieder_agb, jaar, client_id from paren
),

noemer as (
    select aanbieder_agb, jaar, count(*) as aantal_clienten
    from clienten
    group by aanbieder_agb, jaar
),

betrokken as (
    select
        aanbieder_agb,
        jaar,
        regel,
        count(distinct client_id) as aantal_betrokken,
        count(distinct client_id) filter (where not is_zelfde_aanbieder) as aantal_andere_aanbieder,
        cast(sum(gedeclareerd_in_overlap_eur) as decimal(18, 2)) as overlap_eur,
        case when count(distinct perceel) = 1 then any_value(perceel) end as perceel
    from paren
    group by aanbieder_agb, jaar, regel
),

-- Elke aanbieder × jaar × soort regel, ook zonder betrokken cliënten: de peers voor de funnel.
raster as (
    select
        n.aanbieder_agb,
        n.jaar,
        s.regel,
        n.aantal_clienten,
        coalesce(b.aantal_betrokken, 0) as aantal_betrokken,
        b.aantal_andere_aanbieder,
        b.overlap_eur,
        b.perceel,
        coalesce(h.hoofdperceel, 'onbekend') as hoofdperceel
    from noemer as n
    cross join (select distinct regel from paren) as s
    left join betrokken as b
        on b.aanbieder_agb = n.aanbieder_agb and b.jaar = n.jaar and b.regel = s.regel
    left join intermediate.int_aanbieder_hoofdperceel as h
        on h.aanbieder_agb = n.aanbieder_agb and h.jaar = n.jaar
),

-- Peergroep = aanbieders met hetzelfde hoofdperceel; minder dan min_peers: de hele regio.
peergroep as (
    select
        *,
        count(*) over (partition by jaar, regel, hoofdperceel) >= getvariable('min_peers')
            as eigen_perceel
    from raster
),

peer_p0 as (
    select
        *,
        case
            when eigen_perceel then sum(aantal_betrokken) over (
                partition by jaar, regel, hoofdperceel
            ) / sum(aantal_clienten) over (partition by jaar, regel, hoofdperceel)
            else sum(aantal_betrokken) over (partition by jaar, regel)
                / sum(aantal_clienten) over (partition by jaar, regel)
        end as p0
    from peergroep
),

final as (
    select
        'STP01' as indicator,
        aanbieder_agb,
        jaar,
        regel as reikwijdte,
        'aandeel' as methode,
        aantal_betrokken as teller,
        aantal_clienten as noemer,
        aantal_betrokken / aantal_clienten as waarde,
        p0 as referentiewaarde,
        regel as spreidingsgroep,
        overlap_eur as financieel_belang,
        case
            when regel = 'uitgesloten' then 'regelsignaal (geen peervergelijking)'
            when eigen_perceel then 'aanbieders met hoofdperceel ' || hoofdperceel
            else 'alle aanbieders (te weinig peers met hoofdperceel ' || hoofdperceel || ')'
        end as peergroep,
        regel,
        perceel,
        -- The signal counts the clients involved; noemer holds all the provider's clients.
        aantal_betrokken as aantal_clienten,
        aantal_andere_aanbieder
    from peer_p0
)

select * from final
