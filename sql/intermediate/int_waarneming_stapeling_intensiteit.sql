-- doel: de waarneming achter STP02 voor de gedeelde peerstatistiek: het aandeel cliënten van de
--   aanbieder met minstens één maand boven intensiteit_max_uur_week (over alle aanbieders samen),
--   tegen het gepoolde aandeel van de aanbieders met hetzelfde hoofdperceel (minder dan
--   min_peers: alle aanbieders met tijdproducten); overdispersie over alle aanbieders per jaar
-- grain: één rij per aanbieder × jaar met tijdproducten, ook zonder cliënten boven de grens: zij
--   zijn de peers
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_stp_weekbelasting, int_aanbieder_hoofdperceel
-- parameters: intensiteit_max_uur_week, min_peers
with per_client as (
    select * from intermediate.int_stp_weekbelasting
),

boven_grens as (
    select
        *,
        bedrag_eur * (totaal_uur_per_week - getvariable('intensiteit_max_uur_week'))
            / totaal_uur_per_week as boven_grens_eur
    from per_client
    where totaal_uur_per_week > getvariable('intensiteit_max_uur_week')
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        count(distinct client_id) as aantal_betrokken,
        count(distinct client_id) filter (where aantal_aanbieders > 1)
            as aantal_meerdere_aanbieders,
        max(totaal_uur_per_week) as hoogste_uur_per_week,
        sum(boven_grens_eur) as boven_grens_eur
    from boven_grens
    group by aanbieder_agb, jaar
),

noemer as (
    select aanbieder_agb, jaar, count(distinct client_id) as aantal_clienten
    from per_client
    group by aanbieder_agb, jaar
),

-- Elke aanbieder met tijdproducten is een peer, ook zonder cliënten boven de grens.
raster as (
    select
        n.aanbieder_agb,
        n.jaar,
        n.aantal_clienten,
        coalesce(a.aantal_betrokken, 0) as aantal_betrokken,
        a.aantal_meerdere_aanbieders,
        a.hoogste_uur_per_week,
        a.boven_grens_eur,
        coalesce(h.hoofdperceel, 'onbekend') as hoofdperceel,
        count(*) over (partition by n.jaar, h.hoofdperceel) >= getvariable('min_peers')
            as eigen_perceel
    from noemer as n
    left join intermediate.int_aanbieder_hoofdperceel as h
        on h.aanbieder_agb = n.aanbieder_agb and h.jaar = n.jaar
    left join per_aanbieder as a on a.aanbieder_agb = n.aanbieder_agb and a.jaar = n.jaar
),

peer_p0 as (
    select
        *,
        case
            when eigen_perceel then sum(aantal_betrokken) over (partition by jaar, hoofdperceel)
                / sum(aantal_clienten) over (partition by jaar, hoofdperceel)
            else sum(aantal_betrokken) over (partition by jaar)
                / sum(aantal_clienten) over (partition by jaar)
        end as p0
    from raster
),

final as (
    select
        'STP02' as indicator,
        aanbieder_agb,
        jaar,
        'aandeel' as methode,
        aantal_betrokken as teller,
        aantal_clienten as noemer,
        aantal_betrokken / aantal_clienten as waarde,
        p0 as referentiewaarde,
        -- The exact sum of the shares above the limit, to the cent once.
        bedrag_op_centen(boven_grens_eur) as financieel_belang,
        case
            when eigen_perceel then 'aanbieders met hoofdperceel ' || hoofdperceel
            else 'alle aanbieders met tijdproducten (te weinig peers met hoofdperceel '
                || hoofdperceel || ')'
        end as peergroep,
        -- The signal counts the clients involved; noemer holds all the provider's clients.
        aantal_betrokken as aantal_clienten,
        aantal_meerdere_aanbieders,
        hoogste_uur_per_week
    from peer_p0
)

select * from final
