-- doel: de declaratieregels achter UPC06: de individuele producten die een gemarkeerde
--   aanbieder declareerde op toewijzingen op categorieniveau in het perceel van het signaal
-- grain: één rij per declaratieregel
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: int_declaratieregels_status, stg_producten, ind_upcoding_individueel_groep
with signalen as (
    select aanbieder_agb, jaar, reikwijdte
    from indicators.ind_upcoding_individueel_groep
    where gemarkeerd
),

final as (
    select
        'declaratie' as bron,
        s.reikwijdte,
        r.declaratieregel_id,
        -- A peer signal: no line is unlawful by itself.
        0.0 as onrechtmatig_eur,
        'individueel product ' || r.productcode || ' (' || p.omschrijving || ') op een '
            || 'toewijzing zonder productcode; de aanbieder koos de vorm' as toelichting
    from signalen as s
    inner join intermediate.int_declaratieregels_status as r
        on r.aanbieder_agb = s.aanbieder_agb and r.jaar = s.jaar and r.perceel = s.reikwijdte
    inner join stg.stg_producten as p on p.productcode = r.productcode
    where r.status <> 'afgewezen_door_gemeente'
        and r.toewijzing_ingangsdatum is not null
        and r.toewijzing_productcode is null
        and lower(p.omschrijving) not like '%groep%'
)

select * from final
