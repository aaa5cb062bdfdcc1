-- doel: de geldende productcatalogus (eigen bron, anders de meegeleverde standaard)
-- grain: één rij per productcode
-- sleutel: productcode
-- bronnen: referentie.producten
with bron as (
    select * from referentie.producten
),

final as (
    -- A source may list a code twice (two files); keep one row per code.
    select
        productcode,
        any_value(productcategorie) as productcategorie,
        any_value(omschrijving) as omschrijving,
        any_value(perceel) as perceel,
        max(intensiteit) as intensiteit,
        any_value(eenheid) as eenheid,
        any_value(herkomst) as herkomst
    from bron
    group by productcode
)

select * from final
