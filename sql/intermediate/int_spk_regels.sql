-- doel: de staande declaratieregels achter de regelsignalen SPK01–SPK04, elk bij precies één
--   indicator; signaal en bewijs lezen allebei hier, zodat ze dezelfde regels tellen
-- grain: één rij per declaratieregel met een status die een regelsignaal geeft
-- sleutel: declaratieregel_id
-- bronnen: int_declaratieregels_status
-- toelichting: SPK01 geen_toewijzing, andere_aanbieder, ander_product — behalve een zwaarder
--   product binnen het toegewezen perceel: dat is upcoding (UPC03); SPK02 buiten_periode,
--   na_einde_zorg; SPK03 boven_volume; SPK04 dubbel.
with regels as (
    select * from intermediate.int_declaratieregels_status
),

ingedeeld as (
    select
        *,
        case
            when status = 'ander_product'
                and perceel = toewijzing_perceel
                and intensiteit > toewijzing_intensiteit
                then null
            when status in ('geen_toewijzing', 'andere_aanbieder', 'ander_product') then 'SPK01'
            when status in ('buiten_periode', 'na_einde_zorg') then 'SPK02'
            when status = 'boven_volume' then 'SPK03'
            when status = 'dubbel' then 'SPK04'
        end as indicator
    from regels
),

final as (
    select * from ingedeeld where indicator is not null
)

select * from final
