-- doel: de bewijsregels achter STP02: per cliëntmaand boven intensiteit_max_uur_week de lopende
--   toewijzingen (alle aanbieders) en de declaratieregels van de aanbieder in die maand
-- grain: één rij per toewijzing of declaratieregel per signaal
-- sleutel: signaal_id, bron, declaratieregel_id (leeg bij een toewijzing), client_id,
--   toewijzingnummer (leeg bij een declaratie zonder toewijzing), begindatum
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
        end || ' (' || a.perceel || '), loopt in een maand boven de grens van uren zorg per week'
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
        || getal_tekst(b.totaal_uur_per_week, 1)
        || ' uur zorg per week toegewezen bij ' || b.aantal_aanbieders || ' aanbieder(s); '
        || euro_tekst(r.bedrag_eur * (b.totaal_uur_per_week - getvariable('intensiteit_max_uur_week')) / b.totaal_uur_per_week)
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
