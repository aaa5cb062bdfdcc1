-- doel: de bewijsregels achter VOL01, passend bij het onderdeel dat het verst van de peers lag:
--   bij de cliëntstroom en het totaal de declaratieregels van de cliënten die dit jaar nieuw waren
--   bij de aanbieder in het perceel (zonder overnames); bij volume per cliënt, prijs en mix de
--   regels van de cliënten die er beide jaren waren en dit jaar meer volume of euro's per maand
--   kregen dan vorig jaar (volume alleen in dezelfde eenheid als vorig jaar; wie van eenheid
--   wisselde, wordt op euro's vergeleken)
-- grain: één rij per declaratieregel, alleen voor signalen in VOL01
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: ind_volume_groei (met de overgenomen cliënten uit int_vol_groei),
--   int_declaratieregels_status
with signalen as (
    select
        aanbieder_agb,
        jaar,
        reikwijdte,
        perceel,
        onderdeel,
        coalesce(overname_client_ids, []) as overname_client_ids
    from indicators.ind_volume_groei
),

regels as (
    select *
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

-- Per client, provider, perceel and year: volume and euros per declared month.
-- Only the aanbieders and percelen with a signal are compared with their year before: the
-- clients of every other aanbieder are not grouped at all.
per_client_jaar as (
    select
        r.aanbieder_agb,
        r.perceel,
        r.jaar,
        r.client_id,
        sum(r.volume_basis) / count(distinct r.maand) as volume_per_maand,
        sum(r.bedrag_eur) / count(distinct r.maand) as bedrag_per_maand,
        -- Volumes compare only in one unit: a client who went from sessions to hours is
        -- compared on euros (int_vol_groei counts such a switch as mix, not as volume).
        case when min(r.eenheid) = max(r.eenheid) then min(r.eenheid) end as eenheid
    from regels as r
    semi join signalen as s on s.aanbieder_agb = r.aanbieder_agb and s.perceel = r.perceel
    group by r.aanbieder_agb, r.perceel, r.jaar, r.client_id
),

nieuw as (
    select
        s.reikwijdte,
        r.declaratieregel_id,
        'nieuwe cliënt in ' || r.jaar || ' (vorig jaar niet bij deze aanbieder in '
        || r.perceel || ')' as toelichting
    from regels as r
    inner join signalen as s using (aanbieder_agb, jaar, perceel)
    anti join per_client_jaar as v
        on v.aanbieder_agb = r.aanbieder_agb
        and v.perceel = r.perceel
        and v.jaar = r.jaar - 1
        and v.client_id = r.client_id
    -- Clients that came with a takeover are not the provider's own growth.
    where s.onderdeel in ('totaal', 'clienten')
        and not list_contains(s.overname_client_ids, r.client_id)
),

meer_per_client as (
    select
        s.reikwijdte,
        r.declaratieregel_id,
        'cliënt die ook vorig jaar zorg kreeg: per maand ' || case
            when s.onderdeel = 'volume_per_client' and n.eenheid = v.eenheid
                then getal_tekst(n.volume_per_maand / nullif(v.volume_per_maand, 0), 2)
                    || ' keer het volume van vorig jaar'
            else getal_tekst(n.bedrag_per_maand / nullif(v.bedrag_per_maand, 0), 2)
                || ' keer de euro''s van vorig jaar'
        end as toelichting
    from regels as r
    inner join signalen as s using (aanbieder_agb, jaar, perceel)
    inner join per_client_jaar as n
        on n.aanbieder_agb = r.aanbieder_agb
        and n.perceel = r.perceel
        and n.jaar = r.jaar
        and n.client_id = r.client_id
    inner join per_client_jaar as v
        on v.aanbieder_agb = r.aanbieder_agb
        and v.perceel = r.perceel
        and v.jaar = r.jaar - 1
        and v.client_id = r.client_id
    where s.onderdeel in ('volume_per_client', 'prijs', 'mix')
        and case
            when s.onderdeel = 'volume_per_client' and n.eenheid = v.eenheid
                then n.volume_per_maand
                > v.volume_per_maand * (1 + getvariable('volume_tolerantie'))
            else n.bedrag_per_maand > v.bedrag_per_maand * (1 + getvariable('volume_tolerantie'))
        end
        and not list_contains(s.overname_client_ids, r.client_id)
),

final as (
    select
        reikwijdte,
        'declaratie' as bron,
        declaratieregel_id,
        0.0 as onrechtmatig_eur,
        toelichting
    from nieuw
    union all
    select
        reikwijdte,
        'declaratie' as bron,
        declaratieregel_id,
        0.0 as onrechtmatig_eur,
        toelichting
    from meer_per_client
)

select * from final
