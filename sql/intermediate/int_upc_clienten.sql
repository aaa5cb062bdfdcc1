-- doel: per cliënt de zwaarste gedeclareerde intensiteit binnen een perceel bij een aanbieder,
--   met de euro's; de basis van de tiermix (UPC01, UPC02)
-- grain: één rij per aanbieder_agb × jaar × perceel × client_id
-- sleutel: aanbieder_agb, jaar, perceel, client_id
-- bronnen: int_declaratieregels_status
-- toelichting: intensiteit komt uit de productcatalogus (stg_producten), niet uit productcodes,
--   zodat elke regio met eigen codes werkt. De mix gaat over de cliënten die de aanbieder
--   toegewezen kreeg: regels zonder (eigen) toewijzing horen bij SPK01 en dubbele regels bij
--   SPK04 (een kopie verandert de mix niet). Een zwaarder product dan toegewezen telt wel mee:
--   dat is juist upcoding. Producten zonder intensiteit doen niet mee.
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where intensiteit is not null
        and status not in (
            'dubbel', 'geen_toewijzing', 'andere_aanbieder', 'afgewezen_door_gemeente'
        )
),

final as (
    select
        aanbieder_agb,
        jaar,
        perceel,
        client_id,
        max(intensiteit) as intensiteit,
        cast(sum(bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        count(*) as aantal_regels
    from regels
    group by aanbieder_agb, jaar, perceel, client_id
)

select * from final
