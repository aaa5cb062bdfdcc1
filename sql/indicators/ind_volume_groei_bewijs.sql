-- doel: de bewijsregels achter VOL01: de declaratieregels van de cliënten die dit jaar nieuw
--   waren bij de aanbieder in het perceel (de instroom die de groei draagt), zonder overnames
-- grain: één rij per declaratieregel van een nieuwe cliënt, alleen voor signalen in VOL01
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: ind_volume_groei, int_vol_groei, int_declaratieregels_status
with signalen as (
    select
        i.signaal_id,
        i.aanbieder_agb,
        i.jaar,
        i.perceel,
        coalesce(g.overname_client_ids, []) as overname_client_ids
    from indicators.ind_volume_groei as i
    inner join intermediate.int_vol_groei as g
        on g.aanbieder_agb = i.aanbieder_agb and g.perceel = i.perceel and g.jaar = i.jaar
),

regels as (
    select * from intermediate.int_declaratieregels_status
),

-- Cliënten die vorig jaar niet bij deze aanbieder in dit perceel zaten.
vorig_jaar as (
    select distinct aanbieder_agb, perceel, jaar, client_id from regels
),

final as (
    select
        s.signaal_id,
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
        0.0 as onrechtmatig_eur,
        'nieuwe cliënt in ' || r.jaar || ' (vorig jaar niet bij deze aanbieder in '
        || r.perceel || ')' as toelichting
    from signalen as s
    inner join regels as r
        on r.aanbieder_agb = s.aanbieder_agb
        and r.perceel = s.perceel
        and r.jaar = s.jaar
    left join vorig_jaar as v
        on v.aanbieder_agb = r.aanbieder_agb
        and v.perceel = r.perceel
        and v.client_id = r.client_id
        and v.jaar = r.jaar - 1
    -- Clients that came with a takeover are not the provider's own growth.
    where v.client_id is null and not list_contains(s.overname_client_ids, r.client_id)
)

select * from final
