-- code: STP02
-- naam: Stapeling: zeer hoge zorgbelasting per week over alle aanbieders
-- categorie: stapeling
-- definitie: Per cliënt en maand het totaal aan toegewezen uren per week over alle lopende
--   toewijzingen bij alle aanbieders samen (tijdseenheden: minuten, uren, dagdelen van 4 uur;
--   etmaalproducten tellen niet mee, die vallen onder STP01). Per aanbieder het aandeel van zijn
--   cliënten met minstens één maand boven intensiteit_max_uur_week (standaard 40 uur per week), vergeleken met aanbieders
--   met hetzelfde hoofdperceel. Financieel belang: het deel van wat deze aanbieder in die maanden
--   voor die cliënten declareerde dat naar rato boven de grens uitkomt.
-- waarom: Meer dan een volle werkweek aan ambulante zorg en dagbesteding, verdeeld over
--   aanbieders, is voor één cliënt zelden nodig: het wijst op stapeling die per aanbieder niet
--   zichtbaar is. Informatief: alleen bij een duidelijk afwijkend aandeel gemarkeerd.
-- drempels: gemarkeerd als de funnel-z (na overdispersiecorrectie) boven z_drempel ligt, met
--   minstens stapeling_min_clienten betrokken cliënten, minstens stapeling_min_aandeel van de
--   cliënten en minstens materieel_min_eur boven de grens van intensiteit_max_uur_week.
-- bron: indicatorcatalogus D4/D7 (samenloop over aanbieders); de grens (standaard 40 uur per week)
--   is een voorstel [P].
-- grain: één rij per aanbieder × jaar met minstens één cliëntmaand boven de grens
-- sleutel: aanbieder_agb, jaar
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
        count(*) as aantal_clientmaanden,
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

perceel_euro as (
    select aanbieder_agb, jaar, perceel, sum(bedrag_eur) as bedrag_eur
    from intermediate.int_declaratieregels_status
    group by aanbieder_agb, jaar, perceel
),

hoofdperceel as (
    select aanbieder_agb, jaar, arg_max(perceel, bedrag_eur) as hoofdperceel
    from perceel_euro
    group by aanbieder_agb, jaar
),

-- Elke aanbieder met tijdproducten is een peer, ook zonder cliënten boven de grens.
raster as (
    select
        n.aanbieder_agb,
        n.jaar,
        n.aantal_clienten,
        coalesce(a.aantal_betrokken, 0) as aantal_betrokken,
        coalesce(h.hoofdperceel, 'onbekend') as hoofdperceel,
        count(*) over (partition by n.jaar, h.hoofdperceel) >= getvariable('min_peers')
            as eigen_perceel
    from noemer as n
    left join hoofdperceel as h on h.aanbieder_agb = n.aanbieder_agb and h.jaar = n.jaar
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

funnel as (
    select
        *,
        coalesce(funnel_z(aantal_betrokken / aantal_clienten, p0, aantal_clienten), 0) as z
    from peer_p0
),

-- Overdispersie (Spiegelhalter): φ = gemiddelde gewinsoriseerde z² (10%–90%) over alle peers.
grenzen as (
    select jaar, quantile_cont(z, 0.1) as z_laag, quantile_cont(z, 0.9) as z_hoog
    from funnel
    group by jaar
),

phi as (
    select
        f.jaar,
        greatest(1.0, avg(power(least(greatest(f.z, g.z_laag), g.z_hoog), 2))) as phi
    from funnel as f
    inner join grenzen as g on g.jaar = f.jaar
    group by f.jaar
),

beoordeeld as (
    select
        a.*,
        f.aantal_clienten,
        f.p0,
        f.hoofdperceel,
        f.eigen_perceel,
        a.aantal_betrokken / f.aantal_clienten as aandeel,
        f.z / sqrt(p.phi) as z_adj
    from per_aanbieder as a
    inner join funnel as f on f.aanbieder_agb = a.aanbieder_agb and f.jaar = a.jaar
    inner join phi as p on p.jaar = a.jaar
),

final as (
    select
        signaal_sleutel('STP02', aanbieder_agb, jaar, null) as signaal_id,
        'STP02' as indicator,
        'stapeling' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        aandeel as waarde,
        p0 as referentiewaarde,
        z_adj as afwijking,
        boven_grens_eur as financieel_belang,
        aantal_betrokken as aantal_clienten,
        z_adj > getvariable('z_drempel')
        and aantal_betrokken >= getvariable('stapeling_min_clienten')
        and aandeel >= getvariable('stapeling_min_aandeel')
        and boven_grens_eur >= getvariable('materieel_min_eur') as gemarkeerd,
        sterkte_uit_z(z_adj, getvariable('z_drempel')) as sterkte,
        case
            when eigen_perceel then 'aanbieders met hoofdperceel ' || hoofdperceel
            else 'alle aanbieders met tijdproducten (te weinig peers met hoofdperceel '
                || hoofdperceel || ')'
        end as peergroep,
        aantal_betrokken || ' van de ' || aantal_clienten || ' cliënten (' || procent_tekst(aandeel)
        || ') hadden in minstens één maand meer dan '
            || regexp_replace(cast(getvariable('intensiteit_max_uur_week') as varchar), '\.0$', '')
            || ' uur zorg per week toegewezen over alle '
        || 'aanbieders samen ('
        || aantal_meerdere_aanbieders || ' bij meerdere aanbieders, hoogste '
        || cast(round(hoogste_uur_per_week) as integer) || ' uur), tegen '
        || procent_tekst(p0) || ' bij de peers (funnel-z '
        || getal_tekst(z_adj, 1) || '); '
        || euro_tekst(boven_grens_eur) || ' van deze aanbieder valt boven de grens.'
            as toelichting
    from beoordeeld
)

select * from final
