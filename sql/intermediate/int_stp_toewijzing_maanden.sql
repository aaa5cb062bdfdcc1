-- doel: elke toewijzing in tijdseenheden per maand waarin hij liep, met het deel van de maand;
--   de basis voor de weekbelasting van een cliënt over alle aanbieders (STP02)
-- grain: één rij per toewijzing × maand (alleen tijdseenheden: minuten, uren, dagdelen)
-- sleutel: gemeentecode, toewijzingnummer, maand
-- bronnen: int_toewijzingen_actueel, int_declaratieregels_status (voor de periode van de data)
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
final as (
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
)

select * from final
