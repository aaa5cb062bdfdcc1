-- doel: de waarneming achter VOL03 voor de gedeelde peerstatistiek: per aanbieder en jaar het
--   aandeel van de herindicaties van lopende cliënten dat opwaarts is (meer volume of een
--   zwaarder product), tegen wat de peers per perceel laten zien (indirecte standaardisatie:
--   de verwachting is per perceel het mediane aandeel van de andere aanbieders, gewogen naar de
--   herindicaties van de aanbieder in dat perceel); funnelplot op de hoekschaal, overdispersie
--   over alle aanbieders van het jaar
-- grain: twee rijen (de twee delen) per aanbieder × jaar met minstens toewijzingen_min_aantal
--   herindicaties in percelen met een peergroep
-- sleutel: aanbieder_agb, jaar, reikwijdte (alle herindicaties | op initiatief van de aanbieder)
-- bronnen: int_vol_opschaling, int_upc_verzoeken
-- parameters: toewijzingen_min_aantal, min_peers
-- toelichting: de mediaan van de peers en niet hun gepoolde aandeel: één grote aanbieder die
--   opschaalt, tilt anders de verwachting van iedereen op. Peers per perceel: de andere
--   aanbieders met minstens toewijzingen_min_aantal herindicaties in dat perceel en jaar; een
--   perceel met minder dan min_peers zulke aanbieders telt niet mee (hoe vaak een herindicatie
--   meer volume geeft, hangt van het perceel af). Over de percelen samen, zodat een aanbieder
--   die in begeleiding én dagbesteding opschaalt, niet per perceel onder de drempel blijft.
--   deel: twee waarnemingen per aanbieder en jaar, elk tegen de eigen verwachting en met de
--   eigen overdispersie: het aandeel opwaartse herindicaties (alle herindicaties), en het aandeel
--   opwaartse herindicaties waar de aanbieder zelf om vroeg (RedenWijziging 12, of een 315/317 in
--   de 120 dagen ervoor); catalogus C2 noemt beide.
--   financieel_belang: de meerkosten van de opwaartse herindicaties, voor het deel boven de
--   verwachting (1 − verwacht / waargenomen). verzoeken_*: de verzoeken (315/317) van de
--   aanbieder in dat jaar of het jaar ervoor die om meer volume of een zwaarder product vroegen,
--   waar geladen.
with per_perceel as (
    select
        aanbieder_agb,
        perceel,
        jaar,
        count(*) as aantal_herindicaties,
        count(*) filter (where is_opwaarts) as aantal_opwaarts,
        count(*) filter (where is_meer_volume) as aantal_meer_volume,
        count(*) filter (where is_zwaarder) as aantal_zwaarder,
        count(*) filter (where is_opwaarts and is_op_initiatief_aanbieder)
            as aantal_opwaarts_op_initiatief_aanbieder,
        count(distinct client_id) as aantal_clienten,
        coalesce(sum(meerkosten_eur), 0) as meerkosten_eur,
        coalesce(sum(meerkosten_eur) filter (where is_op_initiatief_aanbieder), 0)
            as meerkosten_op_initiatief_eur
    from intermediate.int_vol_opschaling
    group by aanbieder_agb, perceel, jaar
),

met_peers as (
    select
        *,
        count(*) filter (where aantal_herindicaties >= getvariable('toewijzingen_min_aantal'))
            over peers as aantal_peers,
        greatest(
            median(aantal_opwaarts / aantal_herindicaties)
                filter (where aantal_herindicaties >= getvariable('toewijzingen_min_aantal'))
                over peers,
            0.5 / (coalesce(sum(aantal_herindicaties) over peers, 0) + 1)
        ) as peer_aandeel,
        greatest(
            median(aantal_opwaarts_op_initiatief_aanbieder / aantal_herindicaties)
                filter (where aantal_herindicaties >= getvariable('toewijzingen_min_aantal'))
                over peers,
            0.5 / (coalesce(sum(aantal_herindicaties) over peers, 0) + 1)
        ) as peer_aandeel_op_initiatief
    from per_perceel
    window peers as (
        partition by perceel, jaar
        rows between unbounded preceding and unbounded following exclude current row
    )
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(aantal_herindicaties) as aantal_herindicaties,
        sum(aantal_opwaarts) as aantal_opwaarts,
        sum(aantal_meer_volume) as aantal_meer_volume,
        sum(aantal_zwaarder) as aantal_zwaarder,
        sum(aantal_opwaarts_op_initiatief_aanbieder) as aantal_opwaarts_op_initiatief_aanbieder,
        sum(aantal_clienten) as aantal_clienten,
        sum(meerkosten_eur) as meerkosten_eur,
        sum(meerkosten_op_initiatief_eur) as meerkosten_op_initiatief_eur,
        sum(aantal_herindicaties * peer_aandeel) as verwacht_opwaarts,
        sum(aantal_herindicaties * peer_aandeel_op_initiatief) as verwacht_op_initiatief,
        min(aantal_peers) as aantal_peers,
        string_agg(
            perceel || ' ' || aantal_opwaarts || ' van ' || aantal_herindicaties || ' (peers '
            || procent_tekst(peer_aandeel) || ')',
            ', ' order by perceel
        ) as per_perceel_tekst
    from met_peers
    where aantal_peers >= getvariable('min_peers')
    group by aanbieder_agb, jaar
),

verzoeken as (
    select
        m.aanbieder_agb,
        m.jaar,
        count(*) filter (where v.is_opwaarts) as verzoeken_opwaarts,
        count(*) filter (where v.is_opwaarts and v.is_gevolgd) as verzoeken_opwaarts_gevolgd
    from per_aanbieder as m
    inner join intermediate.int_upc_verzoeken as v
        on v.aanbieder_agb = m.aanbieder_agb and v.jaar between m.jaar - 1 and m.jaar
    group by m.aanbieder_agb, m.jaar
),

-- Two shares, each against its own expectation and each its own observation (reikwijdte): all
-- upward re-indications, and those the provider itself asked for (RedenWijziging 12 or a
-- 315/317); catalogus C2 names both. Each has its own overdispersion (spreidingsgroep).
gekozen as (
    select
        * exclude (d),
        d.deel,
        d.reikwijdte,
        d.teller,
        d.verwacht / aantal_herindicaties as verwacht_aandeel
    from (
        select
            m.*,
            unnest([
                {
                    'deel': 'opwaarts',
                    'reikwijdte': 'alle herindicaties',
                    'teller': m.aantal_opwaarts,
                    'verwacht': m.verwacht_opwaarts
                },
                {
                    'deel': 'op_initiatief_aanbieder',
                    'reikwijdte': 'op initiatief van de aanbieder',
                    'teller': m.aantal_opwaarts_op_initiatief_aanbieder,
                    'verwacht': m.verwacht_op_initiatief
                }
            ]) as d
        from per_aanbieder as m
        where m.aantal_herindicaties >= getvariable('toewijzingen_min_aantal')
    ) as delen
),

final as (
    select
        'VOL03' as indicator,
        m.aanbieder_agb,
        m.jaar,
        m.reikwijdte,
        'aandeel_hoek' as methode,
        m.teller,
        m.aantal_herindicaties as noemer,
        m.teller / m.aantal_herindicaties as waarde,
        m.verwacht_aandeel as referentiewaarde,
        m.deel as spreidingsgroep,
        -- The extra cost of the re-indications of this part beyond what the peers' rate gives
        -- (the requested ones: their own extra cost).
        bedrag_op_centen(
            case
                when m.deel = 'opwaarts' then m.meerkosten_eur
                else m.meerkosten_op_initiatief_eur
            end * greatest(
                0,
                coalesce(
                    1 - m.verwacht_aandeel / nullif(m.teller / m.aantal_herindicaties, 0), 0
                )
            )
        ) as financieel_belang,
        'per perceel de andere aanbieders met minstens '
            || getvariable('toewijzingen_min_aantal') || ' herindicaties in ' || m.jaar
            || ' (minstens ' || m.aantal_peers || ' per perceel)' as peergroep,
        m.deel,
        m.aantal_clienten,
        m.aantal_peers,
        m.aantal_herindicaties,
        m.aantal_opwaarts,
        m.aantal_meer_volume,
        m.aantal_zwaarder,
        m.aantal_opwaarts_op_initiatief_aanbieder,
        m.verwacht_opwaarts,
        m.verwacht_op_initiatief,
        m.per_perceel_tekst,
        cast(m.meerkosten_eur as decimal(18, 2)) as meerkosten_eur,
        v.verzoeken_opwaarts,
        v.verzoeken_opwaarts_gevolgd
    from gekozen as m
    left join verzoeken as v using (aanbieder_agb, jaar)
)

select * from final
