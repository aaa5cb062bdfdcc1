-- doel: de bewijsregels achter KWA01: de declaratieregels met een realisatiegraad onder
--   onderlevering_max_realisatie, alleen voor signalen in KWA01
-- grain: één rij per declaratieregel
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: ind_kwaliteit_onderlevering, int_declaratieregels_status
-- parameters: onderlevering_max_realisatie
with final as (
    select
        s.reikwijdte,
        'declaratie' as bron,
        r.declaratieregel_id,
        -- Under-delivery costs care, not money: nothing here was paid without delivery.
        0.0 as onrechtmatig_eur,
        procent_tekst(r.realisatiegraad) || ' van het toegewezen volume geleverd in deze periode'
        || case
            when r.zorg_einddatum is null then ' (geen stopbericht)'
            else ''
        end as toelichting
    from indicators.ind_kwaliteit_onderlevering as s
    inner join intermediate.int_declaratieregels_status as r
        on r.aanbieder_agb = s.aanbieder_agb
        and r.perceel = s.perceel
        and r.jaar = s.jaar
    where r.realisatiegraad < getvariable('onderlevering_max_realisatie')
        and r.status <> 'dubbel'
)

select * from final
