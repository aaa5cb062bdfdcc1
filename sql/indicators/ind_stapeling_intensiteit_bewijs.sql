-- doel: de bewijsregels achter STP02: per cliëntmaand boven intensiteit_max_uur_week de lopende
--   toewijzingen (alle aanbieders) en de declaratieregels van de aanbieder in die maand
-- grain: één rij per toewijzing of declaratieregel per signaal
-- sleutel: aanbieder_agb (leeg bij een declaratie: die van de regel), jaar (leeg bij een
--   declaratie), bron, declaratieregel_id (leeg bij een toewijzing), client_id (leeg bij een
--   declaratie), toewijzingnummer (leeg bij een declaratie), begindatum (leeg bij een declaratie)
-- bronnen: int_stp_toewijzing_maanden, int_stp_weekbelasting, int_toewijzingen_actueel,
--   int_declaratieregels_status
-- toelichting: dezelfde weekbelasting als STP02 (int_stp_weekbelasting) en dezelfde grens.
with toewijzing_maanden as (
    select * from intermediate.int_stp_toewijzing_maanden
),

per_client as (
    select * from intermediate.int_stp_weekbelasting
),

boven_grens as (
    select * from per_client
    where totaal_uur_per_week > getvariable('intensiteit_max_uur_week')
),

-- Alle lopende toewijzingen van de cliënt in die maanden, bij het signaal van elke betrokken
-- aanbieder.
toewijzing_bewijs as (
    select distinct
        b.aanbieder_agb,
        b.jaar,
        'toewijzing' as bron,
        t.client_id,
        t.toewijzingnummer,
        a.productcode,
        a.ingangsdatum as begindatum,
        a.einddatum,
        a.volume,
        'toewijzing bij ' || case
            when t.aanbieder_agb = b.aanbieder_agb then 'deze aanbieder'
            else 'aanbieder ' || t.aanbieder_agb
        end || ' (' || a.perceel || '), loopt in een maand boven de grens van uren zorg per week'
            as toelichting
    from boven_grens as b
    inner join toewijzing_maanden as t on t.client_id = b.client_id and t.maand = b.maand
    inner join intermediate.int_toewijzingen_actueel as a
        on a.gemeentecode = t.gemeentecode and a.toewijzingnummer = t.toewijzingnummer
),

declaratie_bewijs as (
    select
        'declaratie' as bron,
        r.declaratieregel_id,
        -- Above the load limit is not unlawful in itself: the share is in the explanation.
        0.0 as onrechtmatig_eur,
        'in ' || strftime(r.maand, '%m-%Y') || ' had de cliënt '
        || getal_tekst(b.totaal_uur_per_week, 1)
        || ' uur zorg per week toegewezen bij ' || b.aantal_aanbieders || ' aanbieder(s); '
        || euro_tekst(
            r.bedrag_eur
            * (b.totaal_uur_per_week - getvariable('intensiteit_max_uur_week'))
            / b.totaal_uur_per_week
        )
        || ' van deze regel valt naar rato boven de grens' as toelichting
    from boven_grens as b
    inner join intermediate.int_declaratieregels_status as r
        on r.client_id = b.client_id
        and r.aanbieder_agb = b.aanbieder_agb
        and r.maand = b.maand
    where r.status <> 'afgewezen_door_gemeente'
),

final as (
    select * from toewijzing_bewijs
    union all by name
    select * from declaratie_bewijs
)

select * from final
