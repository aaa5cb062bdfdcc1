-- doel: de omzetontwikkeling van elke aanbieder per perceel t.o.v. het vorige jaar, ontleed in
--   cliëntstroom, volume per cliënt, prijs en mix, met de euro's die uit een overname komen en de
--   overloop van vorig jaar
-- grain: één rij per aanbieder_agb × perceel × jaar (jaar van de begindatum van de prestatie)
-- sleutel: aanbieder_agb, perceel, jaar
-- bronnen: int_declaratieregels_status, int_regelsignaal_regels
-- toelichting:
--   - alle bedragen zijn rechtmatige euro's (bedrag − wat de regelsignalen samen onrechtmatig
--     noemen, int_regelsignaal_regels) en het volume het rechtmatige deel daarvan: wat al als
--     spookzorg of upcoding telt (boven de toewijzing, boven het contracttarief), telt hier niet
--     nog eens als groei of prijsstijging. bruto_* zijn de gedeclareerde bedragen.
--   - ontleding (sluit exact): Δ€ = cliënten + volume per cliënt + prijs + mix, met
--     E = N × (V/N) × (E/V), N = cliëntmaanden (maanden in zorg, zodat een cliënt die in oktober
--     instroomt drie maanden telt): cliënten = (N1 − N0) × E0/N0; volume per cliënt(maand) =
--     N1 × (V1/N1 − V0/N0) × E0/V0, per dimensie van de eenheid (tijd, etmaal, stuks, euro;
--     WJ756) opgeteld over de dimensies die in beide jaren voorkomen; prijs = Σ per productcode
--     (en dimensie) V1 × (prijs1 − prijs0) over codes in beide jaren; mix = de rest
--     (verschuiving tussen producten, nieuwe producten, een wissel naar een andere eenheid). V
--     is het volume in de basiseenheid van zijn dimensie (minuten, etmalen, stuks): uren en
--     stuks tellen nooit bij elkaar op, anders wordt een overstap van 85 sessies naar 78 uur
--     (4.680 minuten) een groei van het volume per cliënt van 5.400%.
--   - cliëntstroom: instroom = euro's van cliënten die vorig jaar niet bij deze aanbieder in dit
--     perceel zaten, uitstroom = euro's van vorig jaar van cliënten die er nu niet meer zijn.
--   - overname: een cliënt die binnen twee maanden overging van een aanbieder die in dit perceel
--     ophield (zijn laatste declaratie in het perceel ligt minstens drie maanden voor het einde van
--     de data, en de cliënt vertrok in de laatste drie maanden daarvoor). De overname-euro's zijn
--     de euro's van die cliënten bij de nieuwe aanbieder dit jaar minus vorig jaar; de groei na
--     aftrek daarvan is de eigen groei.
--   - overloop: cliënten die eind vorig jaar al zorg kregen, tellen dit jaar het hele jaar mee.
--     Lag het jaarniveau aan het eind van vorig jaar (vier keer het vierde kwartaal, zonder
--     overgenomen cliënten) boven de eigen omzet van vorig jaar, dan is dat verschil groei die al
--     vastlag bij de start van het jaar; het telt niet als nieuwe groei.
--   - groei_gecorrigeerd = (Δ€ − overname − overloop) / (eigen basis vorig jaar + overloop).
--   - bedragen zijn DECIMAL(18,2); een berekend deel (een effect, een gemiddelde per cliënt) wordt
--     op centen afgerond waar het ontstaat (bedrag_op_centen), de mix is de exacte rest, zodat de
--     ontleding op de cent sluit. Prijzen per eenheid zijn DECIMAL(18,4), zoals tarieven.
--   - heeft_volledig_vorig_jaar: de aanbieder declareerde in dit perceel al in januari van het
--     vorige jaar. Anders is het vorige jaar een opbouwjaar (nieuwe aanbieder of nieuw perceel) en
--     zegt de groei niets.
with onrechtmatig_per_regel as (
    -- Per line the euros every rule signal together calls onrechtmatig (SPK01–SPK04, and
    -- UPC03/UPC04: a heavier product than allocated, a tariff above contract), each euro once.
    select
        declaratieregel_id,
        sum(onrechtmatig_eur) as onrechtmatig_eur
    from intermediate.int_regelsignaal_regels
    group by declaratieregel_id
),

regels as (
    select
        r.* replace (coalesce(o.onrechtmatig_eur, 0) as onrechtmatig_eur),
        r.bedrag_eur as bruto_eur,
        r.bedrag_eur - coalesce(o.onrechtmatig_eur, 0) as rechtmatig_eur,
        case
            when r.bedrag_eur > 0
                then r.volume_basis * (r.bedrag_eur - coalesce(o.onrechtmatig_eur, 0))
                / r.bedrag_eur
            else r.volume_basis
        end as rechtmatig_volume_basis
    from intermediate.int_declaratieregels_status as r
    left join onrechtmatig_per_regel as o on o.declaratieregel_id = r.declaratieregel_id
    -- Rejected by the gemeente (WMO325): never paid, no volume.
    where r.status <> 'afgewezen_door_gemeente'
),

peil as (
    select max(maand) as laatste_maand from regels
),

per_client as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        client_id,
        min(maand) as eerste_maand,
        max(maand) as laatste_maand,
        sum(bruto_eur) as bruto_eur,
        sum(rechtmatig_eur) as bedrag_eur,
        sum(rechtmatig_eur) filter (where month(maand) >= 10) as bedrag_q4_eur,
        count(distinct maand) as maanden,
        sum(rechtmatig_volume_basis) as volume_basis
    from regels
    group by aanbieder_agb, perceel, jaar, client_id
),

-- Per cliënt over alle jaren: wanneer zat hij bij welke aanbieder in welk perceel.
client_lijn as (
    select
        aanbieder_agb,
        perceel,
        client_id,
        min(eerste_maand) as eerste_maand,
        max(laatste_maand) as laatste_maand
    from per_client
    group by aanbieder_agb, perceel, client_id
),

aanbieder_perceel as (
    select
        aanbieder_agb,
        perceel,
        min(eerste_maand) as eerste_maand,
        max(laatste_maand) as laatste_maand
    from client_lijn
    group by aanbieder_agb, perceel
),

-- Aanbieders die in een perceel ophielden: drie maanden of meer voor het einde van de data
-- niets meer gedeclareerd.
gestopt as (
    select a.*
    from aanbieder_perceel as a
    cross join peil as p
    where a.laatste_maand <= p.laatste_maand - interval 3 month
),

-- Overgenomen cliënten: vertrokken bij een stoppende aanbieder in zijn laatste drie maanden en
-- binnen twee maanden (ervoor of erna) begonnen bij de nieuwe aanbieder in hetzelfde perceel.
overname_clienten as (
    select distinct
        nieuw.aanbieder_agb,
        nieuw.perceel,
        nieuw.client_id,
        oud.aanbieder_agb as van_aanbieder_agb
    from gestopt as g
    inner join client_lijn as oud
        on oud.aanbieder_agb = g.aanbieder_agb and oud.perceel = g.perceel
    inner join client_lijn as nieuw
        on nieuw.client_id = oud.client_id
        and nieuw.perceel = oud.perceel
        and nieuw.aanbieder_agb <> oud.aanbieder_agb
    where oud.laatste_maand >= g.laatste_maand - interval 3 month
        and nieuw.eerste_maand between oud.laatste_maand - interval 1 month
        and oud.laatste_maand + interval 2 month
        and nieuw.eerste_maand > oud.eerste_maand
),

-- Eén overnemer per cliënt (de eerste AGB als het er meer zijn), zodat niets dubbel telt.
overname as (
    select
        aanbieder_agb,
        perceel,
        client_id,
        min(van_aanbieder_agb) as van_aanbieder_agb
    from overname_clienten
    group by aanbieder_agb, perceel, client_id
),

client_jaar as (
    select
        c.*,
        o.client_id is not null as is_overname,
        o.van_aanbieder_agb,
        v.client_id is not null as was_er_vorig_jaar,
        coalesce(v.bedrag_eur, 0) as bedrag_vorig_jaar_eur
    from per_client as c
    left join overname as o
        on o.aanbieder_agb = c.aanbieder_agb
        and o.perceel = c.perceel
        and o.client_id = c.client_id
    left join per_client as v
        on v.aanbieder_agb = c.aanbieder_agb
        and v.perceel = c.perceel
        and v.client_id = c.client_id
        and v.jaar = c.jaar - 1
),

-- Cliënten van vorig jaar die dit jaar weg zijn (alleen voor jaren waarin de aanbieder nog
-- in het perceel declareerde; anders is er geen rij om ze aan te hangen).
uitstroom as (
    select
        v.aanbieder_agb,
        v.perceel,
        v.jaar + 1 as jaar,
        count(*) as aantal_clienten_uit,
        sum(v.bedrag_eur) as uitstroom_eur,
        sum(v.bedrag_eur) filter (where o.client_id is not null) as overname_uit_eur
    from per_client as v
    left join per_client as c
        on c.aanbieder_agb = v.aanbieder_agb
        and c.perceel = v.perceel
        and c.client_id = v.client_id
        and c.jaar = v.jaar + 1
    left join overname as o
        on o.aanbieder_agb = v.aanbieder_agb
        and o.perceel = v.perceel
        and o.client_id = v.client_id
    where c.client_id is null
    group by v.aanbieder_agb, v.perceel, v.jaar
),

jaar_totaal as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) as aantal_clienten,
        sum(maanden) as clientmaanden,
        coalesce(sum(maanden) filter (where is_overname), 0) as overname_clientmaanden,
        sum(bruto_eur) as bruto_eur,
        sum(bedrag_eur) as bedrag_eur,
        -- Year level at the end of the year, own clients only (takeovers apart).
        4 * coalesce(sum(bedrag_q4_eur) filter (where not is_overname), 0) as jaarniveau_eind_eur,
        sum(volume_basis) as volume_basis,
        count(*) filter (where not was_er_vorig_jaar) as aantal_clienten_in,
        coalesce(sum(bedrag_eur) filter (where not was_er_vorig_jaar), 0) as instroom_eur,
        count(*) filter (where is_overname) as aantal_overname_clienten,
        coalesce(sum(bedrag_eur) filter (where is_overname), 0) as overname_bedrag_eur,
        coalesce(sum(bedrag_vorig_jaar_eur) filter (where is_overname), 0)
            as overname_bedrag_vorig_jaar_eur,
        string_agg(distinct van_aanbieder_agb, ', ' order by van_aanbieder_agb) as overname_van,
        -- For the evidence: which clients came with the takeover.
        list(client_id order by client_id) filter (where is_overname) as overname_client_ids
    from client_jaar
    group by aanbieder_agb, perceel, jaar
),

per_product_eenheid as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        productcode,
        eenheid,
        sum(rechtmatig_eur) as bedrag_eur,
        sum(rechtmatig_volume_basis) as volume_basis
    from regels
    group by aanbieder_agb, perceel, jaar, productcode, eenheid
),

-- Volumes only add up within one dimension of units (time in minutes, etmalen, stuks, euro):
-- a product declared in stuks one year and in hours the next has no price per unit to compare.
per_product as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        productcode,
        coalesce(eenheid_dimensie(eenheid), eenheid, '') as dimensie,
        sum(bedrag_eur) as bedrag_eur,
        sum(volume_basis) as volume_basis
    from per_product_eenheid
    group by all
),

-- Prijseffect per productcode die in beide jaren voorkomt: huidig volume × prijsverschil.
prijs as (
    select
        n.aanbieder_agb,
        n.perceel,
        n.jaar,
        sum(bedrag_op_centen(
            n.volume_basis
            * (n.bedrag_eur / n.volume_basis - v.bedrag_eur / v.volume_basis)
        )) as effect_prijs_eur
    from per_product as n
    inner join per_product as v
        on v.aanbieder_agb = n.aanbieder_agb
        and v.perceel = n.perceel
        and v.productcode = n.productcode
        and v.dimensie = n.dimensie
        and v.jaar = n.jaar - 1
    where n.volume_basis > 0 and v.volume_basis > 0
    group by n.aanbieder_agb, n.perceel, n.jaar
),

per_dimensie as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        dimensie,
        sum(bedrag_eur) as bedrag_eur,
        sum(volume_basis) as volume_basis
    from per_product
    group by aanbieder_agb, perceel, jaar, dimensie
),

-- Volume per client-month per dimension of units present in both years, at last year's euros
-- per unit of that dimension; with one dimension (the usual case) this is
-- N1 × (V1/N1 − V0/N0) × E0/V0 over the whole perceel.
volume_effect as (
    select
        n.aanbieder_agb,
        n.perceel,
        n.jaar,
        cast(sum(bedrag_op_centen(
            tn.clientmaanden * (
                n.volume_basis / tn.clientmaanden - v.volume_basis / tv.clientmaanden
            ) * v.bedrag_eur / v.volume_basis
        )) as decimal(18, 2)) as effect_volume_per_client_eur
    from per_dimensie as n
    inner join per_dimensie as v
        on v.aanbieder_agb = n.aanbieder_agb
        and v.perceel = n.perceel
        and v.dimensie = n.dimensie
        and v.jaar = n.jaar - 1
    inner join jaar_totaal as tn
        on tn.aanbieder_agb = n.aanbieder_agb and tn.perceel = n.perceel and tn.jaar = n.jaar
    inner join jaar_totaal as tv
        on tv.aanbieder_agb = v.aanbieder_agb and tv.perceel = v.perceel and tv.jaar = v.jaar
    where v.volume_basis > 0
    group by n.aanbieder_agb, n.perceel, n.jaar
),

gekoppeld as (
    select
        n.aanbieder_agb,
        n.perceel,
        n.jaar,
        n.bruto_eur,
        v.bruto_eur as bruto_vorig_jaar_eur,
        n.bedrag_eur,
        n.aantal_clienten,
        n.clientmaanden,
        n.overname_clientmaanden,
        v.clientmaanden as clientmaanden_vorig_jaar,
        v.overname_clientmaanden as overname_clientmaanden_vorig_jaar,
        n.volume_basis,
        v.bedrag_eur as bedrag_vorig_jaar_eur,
        v.aantal_clienten as aantal_clienten_vorig_jaar,
        v.volume_basis as volume_basis_vorig_jaar,
        v.overname_bedrag_eur as overname_bedrag_in_vorig_jaar_eur,
        v.jaarniveau_eind_eur as jaarniveau_eind_vorig_jaar_eur,
        n.aantal_clienten_in,
        n.instroom_eur,
        coalesce(u.aantal_clienten_uit, 0) as aantal_clienten_uit,
        coalesce(u.uitstroom_eur, 0) as uitstroom_eur,
        n.aantal_overname_clienten,
        n.overname_bedrag_eur,
        -- Overname clients who already left again count as negative overname.
        n.overname_bedrag_eur - n.overname_bedrag_vorig_jaar_eur
        - coalesce(u.overname_uit_eur, 0) as overname_eur,
        n.overname_van,
        n.overname_client_ids,
        coalesce(p.effect_prijs_eur, 0) as effect_prijs_eur,
        coalesce(ve.effect_volume_per_client_eur, 0) as effect_volume_per_client_eur,
        a.eerste_maand <= make_date(n.jaar - 1, 1, 1) and v.bedrag_eur is not null
            as heeft_volledig_vorig_jaar
    from jaar_totaal as n
    inner join aanbieder_perceel as a
        on a.aanbieder_agb = n.aanbieder_agb and a.perceel = n.perceel
    left join jaar_totaal as v
        on v.aanbieder_agb = n.aanbieder_agb
        and v.perceel = n.perceel
        and v.jaar = n.jaar - 1
    left join uitstroom as u
        on u.aanbieder_agb = n.aanbieder_agb
        and u.perceel = n.perceel
        and u.jaar = n.jaar
    left join prijs as p
        on p.aanbieder_agb = n.aanbieder_agb
        and p.perceel = n.perceel
        and p.jaar = n.jaar
    left join volume_effect as ve
        on ve.aanbieder_agb = n.aanbieder_agb
        and ve.perceel = n.perceel
        and ve.jaar = n.jaar
),

ontleed as (
    select
        *,
        bedrag_eur - bedrag_vorig_jaar_eur as delta_eur,
        -- Per client-month, not per client: a client who joins in October adds 3 months,
        -- not a whole client of last year's euros, and would otherwise pull volume per client
        -- down; intensity is volume per month in care.
        bedrag_op_centen(
            (clientmaanden - clientmaanden_vorig_jaar)
            * bedrag_vorig_jaar_eur / clientmaanden_vorig_jaar
        ) as effect_clienten_eur,
        -- Own base: last year's euros without the clients that came with the takeover.
        bedrag_vorig_jaar_eur - coalesce(overname_bedrag_in_vorig_jaar_eur, 0) as eigen_basis_eur
    from gekoppeld
),

final as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        heeft_volledig_vorig_jaar,
        cast(bruto_eur as decimal(18, 2)) as bruto_eur,
        cast(bruto_vorig_jaar_eur as decimal(18, 2)) as bruto_vorig_jaar_eur,
        cast(bedrag_eur as decimal(18, 2)) as bedrag_eur,
        cast(bedrag_vorig_jaar_eur as decimal(18, 2)) as bedrag_vorig_jaar_eur,
        aantal_clienten,
        aantal_clienten_vorig_jaar,
        clientmaanden,
        clientmaanden_vorig_jaar,
        overname_clientmaanden,
        coalesce(overname_clientmaanden_vorig_jaar, 0) as overname_clientmaanden_vorig_jaar,
        volume_basis,
        volume_basis_vorig_jaar,
        bedrag_op_centen(bedrag_eur / nullif(aantal_clienten, 0)) as bedrag_per_client_eur,
        bedrag_op_centen(bedrag_vorig_jaar_eur / nullif(aantal_clienten_vorig_jaar, 0))
            as bedrag_per_client_vorig_jaar_eur,
        volume_basis / nullif(aantal_clienten, 0) as volume_per_client,
        volume_basis_vorig_jaar / nullif(aantal_clienten_vorig_jaar, 0)
            as volume_per_client_vorig_jaar,
        -- A price per unit, like a tariff: 4 decimals (per minute, whole cents are too coarse).
        cast(round(cast(bedrag_eur / nullif(volume_basis, 0) as decimal(38, 8)), 4)
            as decimal(18, 4)) as prijs_per_eenheid_eur,
        cast(round(
            cast(bedrag_vorig_jaar_eur / nullif(volume_basis_vorig_jaar, 0) as decimal(38, 8)), 4
        ) as decimal(18, 4)) as prijs_per_eenheid_vorig_jaar_eur,
        cast(delta_eur as decimal(18, 2)) as delta_eur,
        effect_clienten_eur,
        effect_volume_per_client_eur,
        cast(effect_prijs_eur as decimal(18, 2)) as effect_prijs_eur,
        -- The exact rest, so the four effects add up to Δ€ to the cent.
        cast(
            delta_eur - effect_clienten_eur - effect_volume_per_client_eur - effect_prijs_eur
            as decimal(18, 2)
        ) as effect_mix_eur,
        aantal_clienten_in,
        cast(instroom_eur as decimal(18, 2)) as instroom_eur,
        aantal_clienten_uit,
        cast(uitstroom_eur as decimal(18, 2)) as uitstroom_eur,
        aantal_overname_clienten,
        overname_van,
        overname_client_ids,
        cast(overname_bedrag_eur as decimal(18, 2)) as overname_bedrag_eur,
        cast(coalesce(overname_eur, 0) as decimal(18, 2)) as overname_eur,
        cast(jaarniveau_eind_vorig_jaar_eur as decimal(18, 2)) as jaarniveau_eind_vorig_jaar_eur,
        cast(greatest(0, jaarniveau_eind_vorig_jaar_eur - eigen_basis_eur) as decimal(18, 2))
            as overloop_eur,
        cast(
            delta_eur - coalesce(overname_eur, 0)
            - greatest(0, jaarniveau_eind_vorig_jaar_eur - eigen_basis_eur)
            as decimal(18, 2)
        ) as delta_gecorrigeerd_eur,
        cast(eigen_basis_eur as decimal(18, 2)) as eigen_basis_eur,
        -- The base to grow from: own euros last year, raised to last year's closing level.
        cast(greatest(eigen_basis_eur, jaarniveau_eind_vorig_jaar_eur) as decimal(18, 2))
            as basis_gecorrigeerd_eur,
        (
            delta_eur - coalesce(overname_eur, 0)
            - greatest(0, jaarniveau_eind_vorig_jaar_eur - eigen_basis_eur)
        ) / nullif(greatest(eigen_basis_eur, jaarniveau_eind_vorig_jaar_eur), 0)
            as groei_gecorrigeerd
    from ontleed
)

select * from final
