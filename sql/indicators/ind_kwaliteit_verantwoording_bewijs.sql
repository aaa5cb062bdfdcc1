-- doel: de bewijsregels achter KWA03: per gemeente het gedeclareerde en het verantwoorde bedrag
-- grain: één rij per signaal × gemeente (gedeclareerd of verantwoord)
-- sleutel: aanbieder_agb, jaar, toelichting (begint met de gemeente)
-- bronnen: ind_kwaliteit_verantwoording, int_declaratieregels_status,
--   int_verantwoording_laatste_stap
with gedeclareerd as (
    select aanbieder_agb, jaar, gemeentecode, sum(bedrag_eur) as omzet_eur
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
    group by aanbieder_agb, jaar, gemeentecode
),

verantwoord as (
    select aanbieder_agb, jaar, gemeentecode, sum(bedrag_eur) as verantwoord_eur
    from intermediate.int_verantwoording_laatste_stap
    group by aanbieder_agb, jaar, gemeentecode
),

gemeenten as (
    select aanbieder_agb, jaar, gemeentecode from gedeclareerd
    union
    select aanbieder_agb, jaar, gemeentecode from verantwoord
),

per_gemeente as (
    select
        s.aanbieder_agb,
        s.jaar,
        k.gemeentecode,
        coalesce(g.omzet_eur, 0) as omzet_eur,
        v.verantwoord_eur
    from indicators.ind_kwaliteit_verantwoording as s
    inner join gemeenten as k on k.aanbieder_agb = s.aanbieder_agb and k.jaar = s.jaar
    left join gedeclareerd as g
        on g.aanbieder_agb = k.aanbieder_agb
        and g.jaar = k.jaar
        and g.gemeentecode is not distinct from k.gemeentecode
    left join verantwoord as v
        on v.aanbieder_agb = k.aanbieder_agb
        and v.jaar = k.jaar
        and v.gemeentecode is not distinct from k.gemeentecode
),

final as (
    select
        aanbieder_agb,
        jaar,
        'verantwoording' as bron,
        make_date(jaar, 1, 1) as begindatum,
        make_date(jaar, 12, 31) as einddatum,
        omzet_eur as bedrag_eur,
        -- Declared above what the provider's own books account for, per gemeente.
        greatest(0, omzet_eur - coalesce(verantwoord_eur, 0)) as onrechtmatig_eur,
        'gemeente ' || coalesce(gemeentecode, 'onbekend') || ': gedeclareerd '
        || euro_tekst(omzet_eur) || ', verantwoord '
        || coalesce(euro_tekst(verantwoord_eur), 'niets') as toelichting
    from per_gemeente
)

select * from final
