-- doel: het hoofdperceel van elke aanbieder per jaar: het perceel met de meeste gedeclareerde
--   euro's; de peergroep van de stapelingssignalen (STP01, STP02)
-- grain: één rij per aanbieder_agb × jaar met declaraties
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status
with perceel_euro as (
    select aanbieder_agb, jaar, perceel, sum(bedrag_eur) as bedrag_eur
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
    group by aanbieder_agb, jaar, perceel
),

final as (
    select aanbieder_agb, jaar, arg_max(perceel, bedrag_eur) as hoofdperceel
    from perceel_euro
    group by aanbieder_agb, jaar
)

select * from final
