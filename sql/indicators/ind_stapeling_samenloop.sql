-- code: STP01
-- naam: Stapeling: toewijzing bovenop een uitgesloten combinatie
-- categorie: stapeling
-- definitie: Aandeel van de cliënten van de aanbieder met een toewijzing die langer dan de
--   overstapmarge samenvalt met een toewijzing (bij deze of een andere aanbieder) waarmee de
--   combinatie volgens de samenloopregels niet mag ('uitgesloten') of opvalt ('signaal'). Telt bij
--   de aanbieder wiens zorg er later bovenop kwam; het financieel belang is wat die aanbieder in
--   de overlap op die toewijzing declareerde. Eén rij per aanbieder, jaar en soort regel.
-- waarom: Een uitgesloten combinatie wordt dubbel bekostigd (beschermd wonen omvat begeleiding;
--   een product inclusief dagbesteding sluit losse dagbesteding uit). Wie structureel zorg
--   bovenop zulke toewijzingen levert, declareert zorg die al betaald is.
-- drempels: 'uitgesloten' gemarkeerd vanaf stapeling_min_clienten betrokken cliënten én
--   stapeling_min_aandeel van de cliënten én materieel_min_eur in de overlap; 'signaal' alleen als
--   het aandeel daarnaast ver boven de peers ligt (funnel-z na overdispersiecorrectie >
--   z_drempel). Een overlap tot overlap_dagen_overstap dagen is een overstap en telt niet.
-- bron: Begrippenlijst iWmo (stapeling, samenloop); indicatorcatalogus D1–D5, D7;
--   samenloopregels.csv (referentie).
-- grain: één rij per aanbieder × jaar × soort regel (uitgesloten | signaal) met minstens één
--   betrokken cliënt
-- sleutel: signaal_id (uit aanbieder, jaar en soort regel)
with paren as (
    select * from intermediate.int_stp_samenloop
),

-- De noemer: alle cliënten die de aanbieder dat jaar declareerde, plus betrokken cliënten op wie
-- (nog) niet gedeclareerd is.
clienten as (
    select aanbieder_agb, jaar, client_id from intermediate.int_declaratieregels_status
    union
    select aanbieder_agb, jaar, client_id from paren
),

noemer as (
    select aanbieder_agb, jaar, count(*) as aantal_clienten
    from clienten
    group by aanbieder_agb, jaar
),

-- Hoofdperceel (meeste euro's) per aanbieder en jaar: de peergroep voor 'signaal'-regels.
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

per_regel as (
    select
        aanbieder_agb,
        jaar,
        regel,
        regel_a || ' + ' || regel_b as combinatie,
        count(distinct client_id) as aantal
    from paren
    group by aanbieder_agb, jaar, regel, regel_a, regel_b
),

combinaties as (
    select
        aanbieder_agb,
        jaar,
        regel,
        string_agg(combinatie || ': ' || aantal, '; ' order by aantal desc, combinatie)
            as combinaties
    from per_regel
    group by aanbieder_agb, jaar, regel
),

betrokken as (
    select
        aanbieder_agb,
        jaar,
        regel,
        count(distinct client_id) as aantal_betrokken,
        count(distinct client_id) filter (where not is_zelfde_aanbieder) as aantal_andere_aanbieder,
        sum(gedeclareerd_in_overlap_eur) as overlap_eur,
        sum(aantal_regels_in_overlap) as aantal_regels,
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
        coalesce(h.hoofdperceel, 'onbekend') as hoofdperceel
    from noemer as n
    cross join (select distinct regel from paren) as s
    left join betrokken as b
        on b.aanbieder_agb = n.aanbieder_agb and b.jaar = n.jaar and b.regel = s.regel
    left join hoofdperceel as h on h.aanbieder_agb = n.aanbieder_agb and h.jaar = n.jaar
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

funnel as (
    select
        *,
        coalesce(funnel_z(aantal_betrokken / aantal_clienten, p0, aantal_clienten), 0) as z
    from peer_p0
),

-- Overdispersie (Spiegelhalter): φ = gemiddelde gewinsoriseerde z² (10%–90%) over de peers.
grenzen as (
    select
        jaar,
        regel,
        quantile_cont(z, 0.1) as z_laag,
        quantile_cont(z, 0.9) as z_hoog
    from funnel
    group by jaar, regel
),

phi as (
    select
        f.jaar,
        f.regel,
        greatest(1.0, avg(power(least(greatest(f.z, g.z_laag), g.z_hoog), 2))) as phi
    from funnel as f
    inner join grenzen as g on g.jaar = f.jaar and g.regel = f.regel
    group by f.jaar, f.regel
),

beoordeeld as (
    select
        b.*,
        f.aantal_clienten,
        f.p0,
        f.eigen_perceel,
        f.hoofdperceel,
        f.z / sqrt(p.phi) as z_adj,
        b.aantal_betrokken / f.aantal_clienten as aandeel,
        c.combinaties,
        b.aantal_betrokken >= getvariable('stapeling_min_clienten')
        and b.aantal_betrokken / f.aantal_clienten >= getvariable('stapeling_min_aandeel')
        and b.overlap_eur >= getvariable('materieel_min_eur') as boven_minimum
    from betrokken as b
    inner join funnel as f
        on f.aanbieder_agb = b.aanbieder_agb and f.jaar = b.jaar and f.regel = b.regel
    inner join phi as p on p.jaar = b.jaar and p.regel = b.regel
    inner join combinaties as c
        on c.aanbieder_agb = b.aanbieder_agb and c.jaar = b.jaar and c.regel = b.regel
),

final as (
    select
        signaal_sleutel('STP01', aanbieder_agb, jaar, regel) as signaal_id,
        'STP01' as indicator,
        'stapeling' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        perceel,
        null as productcode,
        aandeel as waarde,
        case when regel = 'signaal' then p0 end as referentiewaarde,
        case when regel = 'signaal' then z_adj else aandeel end as afwijking,
        overlap_eur as financieel_belang,
        aantal_betrokken as aantal_clienten,
        case
            when regel = 'uitgesloten' then boven_minimum
            else boven_minimum and z_adj > getvariable('z_drempel')
        end as gemarkeerd,
        case
            when regel = 'uitgesloten' then 1.0
            else sterkte_uit_z(z_adj, getvariable('z_drempel'))
        end as sterkte,
        case
            when regel = 'uitgesloten' then 'regelsignaal (geen peervergelijking)'
            when eigen_perceel then 'aanbieders met hoofdperceel ' || hoofdperceel
            else 'alle aanbieders (te weinig peers met hoofdperceel ' || hoofdperceel || ')'
        end as peergroep,
        aantal_betrokken || ' van de ' || aantal_clienten || ' cliënten (' || procent_tekst(aandeel)
        || ') hebben hier zorg die langer dan ' || getvariable('overlap_dagen_overstap')
        || ' dagen bovenop een '
        || case
            when regel = 'uitgesloten' then 'uitgesloten combinatie'
            else 'opvallende combinatie'
        end
        || ' kwam (' || combinaties || '; ' || aantal_andere_aanbieder
        || ' met een andere aanbieder), met ' || euro_tekst(overlap_eur)
        || ' gedeclareerd in de overlap'
        || case
            when regel = 'signaal'
                then ' tegen ' || procent_tekst(p0) || ' bij de peers (funnel-z '
                || getal_tekst(z_adj, 1) || ')'
            else ''
        end
        || '.' as toelichting
    from beoordeeld
)

select * from final
