-- doel: de declaratieregels achter SPK07: de regels op toewijzingen zonder startbericht (305)
--   van de beoordeelde aanbieders, met de ontbrekende of late start in de toelichting
-- grain: één rij per declaratieregel met een bedrag zonder start
-- sleutel: declaratieregel_id
-- bronnen: int_spk_zonder_start, ind_spookzorg_zonder_start
with signalen as (
    select aanbieder_agb, jaar from indicators.ind_spookzorg_zonder_start
),

final as (
    select
        'declaratie' as bron,
        r.declaratieregel_id,
        -- A signal, not a rejection (OP364): nothing unlawful per line.
        0.0 as onrechtmatig_eur,
        case
            when r.zorg_begindatum is null
                then 'geen startbericht (305) voor toewijzing ' || r.toewijzingnummer
                || '; eerste prestatie ' || r.eerste_prestatie_datum
            else 'startbericht (305) pas met begindatum ' || r.zorg_begindatum || ', '
                || datediff('day', r.eerste_prestatie_datum, r.zorg_begindatum)
                || ' dagen na de eerste prestatie ' || r.eerste_prestatie_datum
                || '; ' || euro_tekst(r.zonder_start_eur) || ' van deze regel valt vóór de start'
        end as toelichting
    from intermediate.int_spk_zonder_start as r
    inner join signalen as s on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar
    where r.is_zonder_start and r.zonder_start_eur > 0
)

select * from final
