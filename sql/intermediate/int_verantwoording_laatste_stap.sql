-- doel: per aanbieder en jaar de verste stap van de productieverantwoording die binnen is
--   (definitief, anders concept, anders voorlopig): de cijfers waar de omzetvergelijking en KWA03
--   op rekenen, zodat drie stappen niet drie keer meetellen
-- grain: één rij per aanbieder × jaar × gemeente × productcode van die stap
-- bronnen: stg_verantwoording
-- toelichting: een bestand zonder kolom stap is definitief (stg_verantwoording); dan verandert
--   er niets ten opzichte van vóór de stappen.
with regels as (
    select
        *,
        case stap when 'definitief' then 3 when 'concept' then 2 else 1 end as stap_volgorde
    from stg.stg_verantwoording
),

verste as (
    select aanbieder_agb, jaar, max(stap_volgorde) as stap_volgorde
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select r.aanbieder_agb, r.jaar, r.gemeentecode, r.productcode, r.bedrag_eur, r.stap
    from regels as r
    inner join verste as v
        on v.aanbieder_agb = r.aanbieder_agb and v.jaar = r.jaar
        and v.stap_volgorde = r.stap_volgorde
)

select * from final
