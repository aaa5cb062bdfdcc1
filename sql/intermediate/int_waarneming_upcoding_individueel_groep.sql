-- doel: de waarneming achter UPC06 voor de gedeelde peerstatistiek: per aanbieder, perceel en
--   jaar het aandeel individuele producten in zijn declaraties op toewijzingen op
--   categorieniveau (productcode leeg: de aanbieder kiest het product), tegen het gepoolde
--   aandeel van de andere aanbieders die in dat perceel ook groepsproducten leveren (funnelplot
--   op de hoekschaal; overdispersie per perceel)
-- grain: één rij per aanbieder × perceel × jaar met minstens min_clienten cliënten op
--   toewijzingen op categorieniveau, in een perceel met individuele en groepsproducten
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_declaratieregels_status, stg_producten
-- parameters: min_clienten, min_peers
-- toelichting:
--   - vorm van een product: de productentabel van het contract heeft geen kolom voor individueel
--     of groep. Een product is een groepsproduct als zijn omschrijving het woord 'groep' bevat
--     (zoals 02A17 Begeleiding groep, 02A20 Begeleiding specialistisch groep), anders
--     individueel. Alleen percelen met beide vormen in de productentabel doen mee.
--   - alleen regels op een gevonden toewijzing (ingangsdatum bekend) zonder productcode: noemt
--     de toewijzing het product en declareert de aanbieder een ander, dan is dat al onrechtmatig
--     geld in een regelsignaal (TR340: UPC03 bij een zwaarder product in het perceel, anders
--     SPK01); hier telt het dus niet nog eens.
--   - alleen aanbieders die in dat perceel en jaar ook groepsproducten declareerden (op welke
--     toewijzing ook): wie geen groep aanbiedt, heeft een ander profiel, geen keuze.
--   - peers: de andere aanbieders met groepsaanbod en regels op categorieniveau in het perceel;
--     minder dan min_peers: het aandeel individueel op toewijzingen mét productcode in dat
--     perceel (de keuze van de toegang zelf), wat peergroep zegt.
--   - financieel_belang (geschat): de individuele regels boven de referentie maal het verschil
--     tussen het gemiddelde bedrag van een individuele en een groepsregel in het perceel (de hele
--     regio, dat jaar), minstens 0.
with producten as (
    select
        productcode,
        perceel,
        case when lower(omschrijving) like '%groep%' then 'groep' else 'individueel' end as vorm
    from stg.stg_producten
),

percelen_met_beide as (
    select perceel
    from producten
    group by perceel
    having count(distinct vorm) = 2
),

regels as (
    select
        r.declaratieregel_id,
        r.aanbieder_agb,
        r.client_id,
        r.perceel,
        r.jaar,
        r.bedrag_eur,
        p.vorm,
        r.toewijzing_ingangsdatum is not null and r.toewijzing_productcode is null
            as is_categorieniveau
    from intermediate.int_declaratieregels_status as r
    inner join producten as p on p.productcode = r.productcode
    inner join percelen_met_beide as b on b.perceel = r.perceel
    where r.status <> 'afgewezen_door_gemeente'
),

-- Regional € per line by form, per perceel and year: the price of the choice.
prijs as (
    select
        perceel,
        jaar,
        avg(bedrag_eur) filter (where vorm = 'individueel') as individueel_per_regel_eur,
        avg(bedrag_eur) filter (where vorm = 'groep') as groep_per_regel_eur,
        count(*) filter (where not is_categorieniveau and vorm = 'individueel')
            as toegang_individueel,
        count(*) filter (where not is_categorieniveau) as toegang_regels
    from regels
    group by perceel, jaar
),

per_aanbieder as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) filter (where is_categorieniveau) as aantal_regels,
        count(*) filter (where is_categorieniveau and vorm = 'individueel')
            as aantal_individueel,
        count(distinct client_id) filter (where is_categorieniveau) as aantal_clienten,
        count(*) filter (where vorm = 'groep') as aantal_groep_alle_toewijzingen
    from regels
    group by aanbieder_agb, perceel, jaar
),

beoordeelbaar as (
    select *
    from per_aanbieder
    where aantal_clienten >= getvariable('min_clienten') and aantal_groep_alle_toewijzingen > 0
),

groepen as (
    select
        *,
        count(*) over (partition by jaar, perceel) - 1 as aantal_peers,
        sum(aantal_individueel) over (partition by jaar, perceel) as perceel_individueel,
        sum(aantal_regels) over (partition by jaar, perceel) as perceel_regels
    from beoordeelbaar
),

met_peers as (
    select
        g.*,
        g.aantal_peers >= getvariable('min_peers') as eigen_peers,
        case
            when eigen_peers
                then (g.perceel_individueel - g.aantal_individueel + 0.5)
                / (g.perceel_regels - g.aantal_regels + 1)
            else (p.toegang_individueel + 0.5) / (p.toegang_regels + 1)
        end as peer_aandeel,
        greatest(0, p.individueel_per_regel_eur - p.groep_per_regel_eur) as meerprijs_per_regel_eur
    from groepen as g
    inner join prijs as p on p.perceel = g.perceel and p.jaar = g.jaar
    where g.aantal_peers >= getvariable('min_peers') or p.toegang_regels > 0
),

final as (
    select
        'UPC06' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        perceel,
        'aandeel_hoek' as methode,
        aantal_individueel as teller,
        aantal_regels as noemer,
        aantal_individueel / aantal_regels as waarde,
        peer_aandeel as referentiewaarde,
        perceel as spreidingsgroep,
        aantal_clienten,
        aantal_regels,
        aantal_individueel,
        greatest(0, aantal_individueel - peer_aandeel * aantal_regels) as extra_individueel,
        cast(meerprijs_per_regel_eur as decimal(18, 2)) as meerprijs_per_regel_eur,
        bedrag_op_centen(
            coalesce(extra_individueel * meerprijs_per_regel_eur, 0)
        ) as financieel_belang,
        case
            when eigen_peers
                then aantal_peers || ' andere aanbieders met groepsaanbod in ' || perceel
                || ', op toewijzingen op categorieniveau'
            else 'de keuze van de toegang op toewijzingen met productcode in ' || perceel
                || ' (teruggevallen: ' || aantal_peers || ' andere aanbieders met '
                || 'groepsaanbod op categorieniveau, minder dan ' || getvariable('min_peers')
                || ')'
        end as peergroep
    from met_peers
)

select * from final
