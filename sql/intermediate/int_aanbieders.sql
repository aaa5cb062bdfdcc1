-- doel: alle aanbieders die ergens voorkomen, met naam (ook als aanbieders.csv ontbreekt)
-- grain: één rij per aanbieder_agb
-- sleutel: aanbieder_agb
-- bronnen: stg_aanbieders, stg_declaraties, stg_toewijzingen, stg_zorgperiodes
-- toelichting: ook een aanbieder die alleen start- of stopmeldingen (305/307) stuurde: KWA04
--   signaleert een melding zonder toewijzing.
with gezien as (
    select aanbieder_agb from stg.stg_declaraties
    union
    select aanbieder_agb from stg.stg_toewijzingen
    union
    select aanbieder_agb from stg.stg_zorgperiodes
    union
    select aanbieder_agb from stg.stg_aanbieders
),

final as (
    select
        z.aanbieder_agb,
        coalesce(a.naam, 'AGB ' || z.aanbieder_agb) as naam,
        a.hoofdaannemer_agb,
        a.contract_vanaf,
        a.contract_tot
    from gezien as z
    left join stg.stg_aanbieders as a on a.aanbieder_agb = z.aanbieder_agb
)

select * from final
