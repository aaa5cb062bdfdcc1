-- doel: de declaratieregels met een zwaarder product dan toegewezen (zelfde perceel, hogere
--   intensiteit), met het tarief van het toegewezen product en de meerprijs
-- grain: één rij per staande declaratieregel met zo'n afwijking
-- sleutel: declaratieregel_id
-- bronnen: int_declaratieregels_status, stg_tarieven, stg_producten
-- toelichting: precies de regels die SPK01 uitsluit (ander_product binnen hetzelfde perceel met
--   een hogere intensiteit); de meerprijs vergelijkt per basiseenheid (minuten voor tijd), zodat
--   een toewijzing in uren en een declaratie in minuten te vergelijken zijn.
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where status = 'ander_product'
        and perceel = toewijzing_perceel
        and intensiteit > toewijzing_intensiteit
),

tarieven as (
    select * from stg.stg_tarieven
),

met_tarief as (
    select
        r.*,
        coalesce(r.toewijzing_eenheid, p.eenheid) as toegewezen_eenheid,
        -- The provider's own contract tariff first, else the regional one (as the backbone does).
        coalesce(
            (select any_value(t.tarief_eur) from tarieven as t
             where t.productcode = r.toewijzing_productcode
                and t.aanbieder_agb = r.aanbieder_agb
                and r.begindatum between t.geldig_vanaf and t.geldig_tot),
            (select any_value(t.tarief_eur) from tarieven as t
             where t.productcode = r.toewijzing_productcode
                and t.aanbieder_agb is null
                and r.begindatum between t.geldig_vanaf and t.geldig_tot)
        ) as toegewezen_tarief_eur
    from regels as r
    left join stg.stg_producten as p on p.productcode = r.toewijzing_productcode
),

final as (
    select
        *,
        bedrag_op_centen(case
            -- Same dimension (e.g. both time): tariff difference per basis unit × volume.
            when toegewezen_tarief_eur is not null
                and eenheid_dimensie(eenheid) = eenheid_dimensie(toegewezen_eenheid)
                then greatest(
                    0,
                    volume_basis * (
                        prijs_per_eenheid_eur / eenheid_factor(eenheid)
                        - toegewezen_tarief_eur / eenheid_factor(toegewezen_eenheid)
                    )
                )
            -- No comparable tariff: the whole line was not allocated.
            else bedrag_eur
        end) as meerprijs_eur
    from met_tarief
)

select * from final
