-- doel: de bewijsregels achter STP02: per cliëntmaand boven 40 uur zorg per week de lopende
--   toewijzingen (alle aanbieders) en de declaratieregels van de aanbieder in die maand
-- grain: één rij per toewijzing of declaratieregel per signaal
-- bronnen: int_toewijzingen_actueel, int_declaratieregels_status
-- toelichting: dezelfde berekening als STP02 (zie daar), met dezelfde grens van 40 uur per week.
with peil as (
    select max(einddatum) as peildatum, min(begindatum) as eerste_dag
    from intermediate.int_declaratieregels_status
),

-- Toegewezen uren per week per toewijzing (volume_basis is in minuten; dagdelen tellen als 4 uur).
-- Toegewezen, niet gedeclareerd: meer declareren dan toegewezen is een spookzorgsignaal, geen
-- stapeling.
toewijzingen as (
    select
        t.gemeentecode,
        t.toewijzingnummer,
        t.client_id,
        t.aanbieder_agb,
        t.frequentie,
        t.volume_basis,
        greatest(t.ingangsdatum, p.eerste_dag) as van,
        least(t.einddatum_of_open, p.peildatum) as tot,
        datediff('day', t.ingangsdatum, t.einddatum_of_open) + 1 as looptijd_dagen
    from intermediate.int_toewijzingen_actueel as t
    cross join peil as p
    where t.eenheid_dimensie = 'tijd'
        and t.volume_basis > 0
        and coalesce(t.reden_wijziging, '') <> '13'
        and greatest(t.ingangsdatum, p.eerste_dag) <= least(t.einddatum_of_open, p.peildatum)
),

-- Eén rij per toewijzing en maand, gewogen naar de dagen dat de toewijzing in die maand liep.
toewijzing_maanden as (
    select
        t.*,
        m.maand,
        (datediff('day', greatest(t.van, m.maand), least(t.tot, last_day(m.maand))) + 1)
        / day(last_day(m.maand)) as deel_van_maand
    from toewijzingen as t
    cross join lateral (
        select unnest(generate_series(
            date_trunc('month', t.van), date_trunc('month', t.tot), interval 1 month
        ))::date as maand
    ) as m
),

per_client_aanbieder as (
    select
        client_id,
        aanbieder_agb,
        year(maand) as jaar,
        maand,
        sum(
            deel_van_maand * volume_basis / 60.0 * case frequentie
                when '1' then 7.0
                when '2' then 1.0
                when '4' then 7.0 / day(last_day(maand))
                when '6' then 7.0 / looptijd_dagen
            end
        ) as uur_per_week
    from toewijzing_maanden
    group by client_id, aanbieder_agb, maand
),

per_client as (
    select
        *,
        sum(uur_per_week) over (partition by client_id, maand) as totaal_uur_per_week,
        count(*) over (partition by client_id, maand) as aantal_aanbieders
    from per_client_aanbieder
),

boven_grens as (
    select * from per_client where totaal_uur_per_week > 40.0
),

-- Alle lopende toewijzingen van de cliënt in die maanden, bij het signaal van elke betrokken
-- aanbieder.
toewijzing_bewijs as (
    select distinct
        signaal_sleutel('STP02', b.aanbieder_agb, b.jaar, null) as signaal_id,
        'toewijzing' as bron,
        null as declaratieregel_id,
        t.client_id,
        t.toewijzingnummer,
        null as referentienummer,
        a.productcode,
        a.ingangsdatum as begindatum,
        a.einddatum,
        a.volume,
        cast(null as double) as bedrag_eur,
        cast(null as double) as onrechtmatig_eur,
        'toewijzing bij ' || case
            when t.aanbieder_agb = b.aanbieder_agb then 'deze aanbieder'
            else 'aanbieder ' || t.aanbieder_agb
        end || ' (' || a.perceel || '), loopt in een maand met in totaal meer dan 40 uur per week'
            as toelichting
    from boven_grens as b
    inner join toewijzing_maanden as t on t.client_id = b.client_id and t.maand = b.maand
    inner join intermediate.int_toewijzingen_actueel as a
        on a.gemeentecode = t.gemeentecode and a.toewijzingnummer = t.toewijzingnummer
),

declaratie_bewijs as (
    select
        signaal_sleutel('STP02', r.aanbieder_agb, r.jaar, null) as signaal_id,
        'declaratie' as bron,
        r.declaratieregel_id,
        r.client_id,
        r.toewijzingnummer,
        r.referentienummer,
        r.productcode,
        r.begindatum,
        r.einddatum,
        r.geleverd_volume as volume,
        r.bedrag_eur,
        -- Above the load limit is not unlawful in itself: the share is in the explanation.
        0.0 as onrechtmatig_eur,
        'in ' || strftime(r.maand, '%m-%Y') || ' had de cliënt '
        || replace(cast(round(b.totaal_uur_per_week, 1) as varchar), '.', ',')
        || ' uur zorg per week toegewezen bij ' || b.aantal_aanbieders || ' aanbieder(s); '
        || euro_tekst(r.bedrag_eur * (b.totaal_uur_per_week - 40.0) / b.totaal_uur_per_week)
        || ' van deze regel valt naar rato boven de grens' as toelichting
    from boven_grens as b
    inner join intermediate.int_declaratieregels_status as r
        on r.client_id = b.client_id
        and r.aanbieder_agb = b.aanbieder_agb
        and r.maand = b.maand
),

final as (
    select * from toewijzing_bewijs
    union all
    select * from declaratie_bewijs
)

select * from final
