-- doel: AGB-codes die bij één organisatie horen (hetzelfde KvK-nummer), met de naam van de
--   organisatie
-- grain: één rij per aanbieder_agb
-- sleutel: aanbieder_agb
-- bronnen: staging.organisaties
-- toelichting: staat een AGB-code er twee keer in met een ander KvK-nummer, dan telt het kleinste
--   (een AGB-code hoort bij één organisatie); de naam is de eerste niet-lege naam bij dat
--   KvK-nummer, zodat alle leden van een organisatie dezelfde naam dragen.
with per_agb as (
    select
        aanbieder_agb,
        min(kvk_nummer) as kvk_nummer
    from staging.organisaties
    group by aanbieder_agb
),

namen as (
    select
        kvk_nummer,
        min(organisatienaam) as organisatienaam
    from staging.organisaties
    where nullif(trim(organisatienaam), '') is not null
    group by kvk_nummer
),

final as (
    select
        p.aanbieder_agb,
        p.kvk_nummer,
        coalesce(n.organisatienaam, 'KvK ' || p.kvk_nummer) as organisatienaam
    from per_agb as p
    left join namen as n on n.kvk_nummer = p.kvk_nummer
)

select * from final
