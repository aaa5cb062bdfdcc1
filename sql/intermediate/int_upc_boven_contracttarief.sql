-- doel: de declaratieregels met een producttarief boven het contracttarief (UPC04), met het bedrag
--   erboven
-- grain: één rij per staande declaratieregel met boven_contracttarief_eur > 0
-- sleutel: declaratieregel_id
-- bronnen: int_declaratieregels_status
-- toelichting: regels waarvan het hele bedrag al onrechtmatig is (zonder passende toewijzing,
--   SPK01, of een zwaarder product dan toegewezen, UPC03) tellen niet, zodat dezelfde euro niet
--   twee keer meetelt.
with final as (
    select *
    from intermediate.int_declaratieregels_status
    where boven_contracttarief_eur > 0
        and status not in ('geen_toewijzing', 'andere_aanbieder', 'ander_product')
)

select * from final
