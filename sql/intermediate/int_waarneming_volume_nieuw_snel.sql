-- doel: de waarneming achter VOL02 voor de gedeelde peerstatistiek: hoe snel een nieuwe
--   aanbieder cliënten instroomt sinds zijn start (eigen cliënten per maand, zonder overgenomen
--   cliënten), tegen de mediaan en MAD van de andere nieuwe aanbieders; te weinig nieuwe peers:
--   tegen de instroom per maand van de gevestigde aanbieders met hetzelfde hoofdperceel (of de
--   hele regio). Robuuste z op de logaritme, met krimp naar de referentie voor een korte start.
-- grain: één rij per nieuwe aanbieder × jaar met minstens min_clienten eigen cliënten
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status, int_vol_groei, int_aanbieder_start,
--   int_aanbieder_hoofdperceel
-- parameters: nieuw_max_maanden, nieuw_aanloop_maanden, nieuw_min_peers, nieuw_krimp_maanden,
--   min_clienten, min_peers
-- toelichting:
--   - start: de eerste maand met een declaratie, of contract_vanaf uit het aanbiedersbestand als
--     dat eerder ligt (een oud contract maakt een aanbieder niet nieuw). Nieuw in een jaar: de
--     start ligt minder dan nieuw_max_maanden voor het einde van dat jaar, en minstens
--     nieuw_aanloop_maanden na het begin van de geladen gegevens (wie er vanaf het begin is, kan
--     ouder zijn dan de data).
--   - eigen cliënten: cliënten van de aanbieder behalve de overgenomen cliënten van VOL01
--     (int_vol_groei: binnen twee maanden overgegaan van een aanbieder die in het perceel
--     ophield). Een eerlijke overname is dus geen snelle groei.
--   - instroom per maand = eigen cliënten sinds de start t/m het einde van het jaar / maanden
--     sinds de start (t/m de laatste geladen maand). Gevestigde aanbieders: eigen cliënten die in
--     dat jaar (na de aanloop) voor het eerst bij hen kwamen, per maand; bij gelijke omvang
--     stroomt een nieuwe aanbieder even snel in als een gevestigde.
--   - waarde en referentiewaarde zijn de natuurlijke logaritme van die instroom (de omvang van
--     aanbieders is scheef verdeeld); noemer = maanden sinds de start, krimp =
--     nieuw_krimp_maanden: een start van enkele maanden schuift naar de referentie.
--   - financieel_belang (geschat): de eigen euro's van dit jaar boven wat de instroom van de
--     referentie zou geven: eigen € × (1 − referentie / instroom), minstens 0.
with regels as (
    select
        aanbieder_agb,
        client_id,
        perceel,
        jaar,
        maand,
        bedrag_eur - onrechtmatig_eur as rechtmatig_eur
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

peil as (
    select
        min(maand) as eerste_maand,
        max(maand) as laatste_maand
    from regels
),

-- The takeover clients as VOL01 found them (any perceel, any year).
overname as (
    select distinct
        aanbieder_agb,
        perceel,
        unnest(overname_client_ids) as client_id
    from intermediate.int_vol_groei
    where overname_client_ids is not null
),

client_start as (
    select
        r.aanbieder_agb,
        r.client_id,
        min(r.maand) as eerste_maand,
        bool_or(o.client_id is not null) as is_overname
    from regels as r
    left join overname as o
        on o.aanbieder_agb = r.aanbieder_agb
        and o.perceel = r.perceel
        and o.client_id = r.client_id
    group by r.aanbieder_agb, r.client_id
),

jaar_euro as (
    select
        r.aanbieder_agb,
        r.jaar,
        sum(r.rechtmatig_eur) filter (where not c.is_overname) as eigen_eur,
        count(distinct r.client_id) filter (where c.is_overname) as aantal_overname_clienten
    from regels as r
    inner join client_start as c
        on c.aanbieder_agb = r.aanbieder_agb and c.client_id = r.client_id
    group by r.aanbieder_agb, r.jaar
),

aanbieder_jaar as (
    select
        j.aanbieder_agb,
        j.jaar,
        j.eigen_eur,
        j.aantal_overname_clienten,
        s.start_maand,
        s.eerste_declaratie_maand,
        is_nieuw_in_jaar(s.start_maand, s.start_na_aanloop, j.jaar) as is_nieuw,
        -- The window in which an established provider's inflow is counted this year.
        greatest(
            make_date(j.jaar, 1, 1),
            p.eerste_maand + to_months(cast(getvariable('nieuw_aanloop_maanden') as integer))
        ) as instroom_vanaf,
        least(make_date(j.jaar, 12, 1), p.laatste_maand) as instroom_tot
    from jaar_euro as j
    inner join intermediate.int_aanbieder_start as s on s.aanbieder_agb = j.aanbieder_agb
    cross join peil as p
),

instroom_telling as (
    select
        a.aanbieder_agb,
        a.jaar,
        count(c.client_id) filter (where not c.is_overname and c.eerste_maand <= a.instroom_tot)
            as sinds_start,
        count(c.client_id) filter (
            where not c.is_overname and c.eerste_maand between a.instroom_vanaf and a.instroom_tot
        ) as in_dit_jaar
    from aanbieder_jaar as a
    inner join client_start as c on c.aanbieder_agb = a.aanbieder_agb
    group by a.aanbieder_agb, a.jaar
),

instroom as (
    select
        a.*,
        case when a.is_nieuw then t.sinds_start else t.in_dit_jaar end as aantal_eigen_clienten,
        case
            when a.is_nieuw then datediff('month', a.start_maand, a.instroom_tot) + 1
            else datediff('month', a.instroom_vanaf, a.instroom_tot) + 1
        end as aantal_maanden
    from aanbieder_jaar as a
    inner join instroom_telling as t on t.aanbieder_agb = a.aanbieder_agb and t.jaar = a.jaar
),

met_perceel as (
    select
        i.*,
        coalesce(h.hoofdperceel, 'onbekend') as hoofdperceel,
        ln(i.aantal_eigen_clienten / i.aantal_maanden) as log_instroom
    from instroom as i
    left join intermediate.int_aanbieder_hoofdperceel as h
        on h.aanbieder_agb = i.aanbieder_agb and h.jaar = i.jaar
    where i.aantal_eigen_clienten >= 1 and i.aantal_maanden >= 1
),

nieuw as (
    select * from met_perceel
    where is_nieuw and aantal_eigen_clienten >= getvariable('min_clienten')
),

-- Other new providers in the same year (never the provider itself).
nieuwe_peers as (
    select
        n.aanbieder_agb,
        n.jaar,
        count(p.aanbieder_agb) as aantal_peers,
        median(p.log_instroom) as mediaan,
        mad(p.log_instroom) as mad
    from nieuw as n
    inner join nieuw as p on p.jaar = n.jaar and p.aanbieder_agb <> n.aanbieder_agb
    group by n.aanbieder_agb, n.jaar
),

gevestigd as (
    select * from met_perceel where not is_nieuw
),

gevestigd_perceel as (
    select
        jaar,
        hoofdperceel,
        count(*) as aantal_peers,
        median(log_instroom) as mediaan,
        mad(log_instroom) as mad
    from gevestigd
    group by jaar, hoofdperceel
),

gevestigd_regio as (
    select
        jaar,
        count(*) as aantal_peers,
        median(log_instroom) as mediaan,
        mad(log_instroom) as mad
    from gevestigd
    group by jaar
),

met_referentie as (
    select
        n.*,
        case
            when coalesce(np.aantal_peers, 0) >= getvariable('nieuw_min_peers') then 'nieuw'
            when coalesce(gp.aantal_peers, 0) >= getvariable('min_peers') then 'perceel'
            else 'regio'
        end as referentie,
        case referentie
            when 'nieuw' then np.mediaan when 'perceel' then gp.mediaan else gr.mediaan
        end as mediaan,
        case referentie when 'nieuw' then np.mad when 'perceel' then gp.mad else gr.mad end as mad,
        case referentie
            when 'nieuw' then np.aantal_peers
            when 'perceel' then gp.aantal_peers
            else gr.aantal_peers
        end as aantal_peers,
        coalesce(np.aantal_peers, 0) as aantal_nieuwe_peers
    from nieuw as n
    left join nieuwe_peers as np on np.aanbieder_agb = n.aanbieder_agb and np.jaar = n.jaar
    left join gevestigd_perceel as gp on gp.jaar = n.jaar and gp.hoofdperceel = n.hoofdperceel
    inner join gevestigd_regio as gr on gr.jaar = n.jaar
),

final as (
    select
        'VOL02' as indicator,
        aanbieder_agb,
        jaar,
        'robuust' as methode,
        log_instroom as waarde,
        aantal_maanden as noemer,
        cast(getvariable('nieuw_krimp_maanden') as double) as krimp,
        mediaan as referentiewaarde,
        mad,
        aantal_eigen_clienten as teller,
        aantal_eigen_clienten + aantal_overname_clienten as aantal_clienten,
        aantal_eigen_clienten,
        aantal_overname_clienten,
        aantal_maanden,
        start_maand,
        eerste_declaratie_maand,
        aantal_eigen_clienten / aantal_maanden as instroom_per_maand,
        exp(mediaan) as referentie_per_maand,
        cast(coalesce(eigen_eur, 0) as decimal(18, 2)) as eigen_eur,
        bedrag_op_centen(
            greatest(0, coalesce(eigen_eur, 0) * (1 - exp(mediaan - log_instroom)))
        ) as financieel_belang,
        referentie,
        case referentie
            when 'nieuw' then aantal_peers || ' andere nieuwe aanbieders (start minder dan '
                || getvariable('nieuw_max_maanden') || ' maanden voor het einde van het jaar)'
            when 'perceel' then 'instroom van ' || aantal_peers || ' gevestigde aanbieders met '
                || 'hoofdperceel ' || hoofdperceel || ' (teruggevallen: ' || aantal_nieuwe_peers
                || ' andere nieuwe aanbieders, minder dan ' || getvariable('nieuw_min_peers')
                || ')'
            else 'instroom van ' || aantal_peers || ' gevestigde aanbieders in de regio '
                || '(teruggevallen: ' || aantal_nieuwe_peers || ' andere nieuwe aanbieders, minder '
                || 'dan ' || getvariable('nieuw_min_peers') || ', en te weinig met hoofdperceel '
                || hoofdperceel || ')'
        end as peergroep
    from met_referentie
)

select * from final
