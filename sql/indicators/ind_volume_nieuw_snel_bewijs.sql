-- doel: de bewijsregels achter VOL02: per beoordeelde nieuwe aanbieder en jaar de eerste
--   declaratieregel van elke cliënt sinds de start t/m dat jaar, met of hij met een overname
--   meekwam
-- grain: één rij per signaal (aanbieder × jaar) × eerste declaratieregel van een cliënt
-- sleutel: aanbieder_agb, jaar, declaratieregel_id
-- bronnen: int_declaratieregels_status, int_vol_groei, ind_volume_nieuw_snel
with signalen as (
    select aanbieder_agb, jaar from indicators.ind_volume_nieuw_snel
),

overname as (
    select distinct
        aanbieder_agb,
        perceel,
        unnest(overname_client_ids) as client_id
    from intermediate.int_vol_groei
    where overname_client_ids is not null
),

eerste_regel as (
    select
        r.aanbieder_agb,
        r.client_id,
        arg_min(r.declaratieregel_id, r.maand) as declaratieregel_id,
        min(r.maand) as eerste_maand,
        bool_or(o.client_id is not null) as is_overname
    from intermediate.int_declaratieregels_status as r
    left join overname as o
        on o.aanbieder_agb = r.aanbieder_agb
        and o.perceel = r.perceel
        and o.client_id = r.client_id
    where r.status <> 'afgewezen_door_gemeente'
    group by r.aanbieder_agb, r.client_id
),

final as (
    select
        'declaratie' as bron,
        -- The signal's year, which may differ from the year of the client's first line.
        s.aanbieder_agb,
        s.jaar,
        e.declaratieregel_id,
        0.0 as onrechtmatig_eur,
        case
            when e.is_overname
                then 'eerste declaratie voor deze cliënt (' || strftime(e.eerste_maand, '%m-%Y')
                || '); kwam met een overname en telt niet mee als eigen instroom'
            else 'eerste declaratie voor deze cliënt (' || strftime(e.eerste_maand, '%m-%Y')
                || '): eigen instroom'
        end as toelichting
    from signalen as s
    inner join eerste_regel as e
        on e.aanbieder_agb = s.aanbieder_agb and e.eerste_maand <= make_date(s.jaar, 12, 31)
)

select * from final
