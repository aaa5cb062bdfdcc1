-- doel: de bewijsregels achter VOL01: de declaratieregels van de cliënten die dit jaar nieuw
--   waren bij de aanbieder in het perceel (de instroom die de groei draagt), zonder overnames
-- grain: één rij per declaratieregel van een nieuwe cliënt, alleen voor signalen in VOL01
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: ind_volume_groei (met de overgenomen cliënten uit int_vol_groei),
--   int_declaratieregels_status
with signalen as (
    select
        aanbieder_agb,
        jaar,
        reikwijdte,
        perceel,
        coalesce(overname_client_ids, []) as overname_client_ids
    from indicators.ind_volume_groei
),

-- The clients each provider had in each perceel, as seen from the year after.
clienten_vorig_jaar as (
    select distinct aanbieder_agb, perceel, jaar + 1 as jaar, client_id
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

final as (
    select
        reikwijdte,
        'declaratie' as bron,
        declaratieregel_id,
        0.0 as onrechtmatig_eur,
        'nieuwe cliënt in ' || jaar || ' (vorig jaar niet bij deze aanbieder in '
        || perceel || ')' as toelichting
    from intermediate.int_declaratieregels_status
    inner join signalen using (aanbieder_agb, jaar, perceel)
    anti join clienten_vorig_jaar using (aanbieder_agb, perceel, jaar, client_id)
    -- Clients that came with a takeover are not the provider's own growth.
    where not list_contains(overname_client_ids, client_id)
        and status <> 'afgewezen_door_gemeente'
)

select * from final
