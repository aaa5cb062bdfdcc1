-- doel: de bewijsregels achter KWA07: de slapende toewijzingen met hun maanden zonder
--   declaratie en of de zorg ooit startte
-- grain: één rij per slapende toewijzing × jaar van een aanbieder × perceel met een signaal in
--   KWA07
-- sleutel: jaar, gemeentecode, toewijzingnummer
-- bronnen: int_kwa_slapende_maanden, ind_kwaliteit_slapend
-- toelichting: een toewijzing is geen declaratie, dus aanbieder, jaar en cliënt staan erbij.
with signalen as (
    select aanbieder_agb, jaar, reikwijdte from indicators.ind_kwaliteit_slapend
),

final as (
    select
        'toewijzing' as bron,
        m.aanbieder_agb,
        m.jaar,
        s.reikwijdte,
        m.gemeentecode,
        m.toewijzingnummer,
        any_value(m.client_id) as client_id,
        min(m.ingangsdatum) as begindatum,
        min(m.einddatum) as einddatum,
        0.0 as onrechtmatig_eur,
        count(*) filter (where m.is_slapend) || ' maanden zonder declaratie ('
        || strftime(min(m.maand) filter (where m.is_slapend), '%Y-%m') || ' t/m '
        || strftime(max(m.maand) filter (where m.is_slapend), '%Y-%m') || ') terwijl de '
        || 'toewijzing liep en geen stop (307) kwam; '
        || case
            when any_value(m.zorg_begindatum) is null then 'de zorg startte nooit (geen 305)'
            else 'start (305) op ' || any_value(m.zorg_begindatum)
        end as toelichting
    from intermediate.int_kwa_slapende_maanden as m
    inner join signalen as s
        on s.aanbieder_agb = m.aanbieder_agb and s.jaar = m.jaar and s.reikwijdte = m.perceel
    group by m.aanbieder_agb, m.jaar, s.reikwijdte, m.gemeentecode, m.toewijzingnummer
    having bool_or(m.is_slapend)
)

select * from final
