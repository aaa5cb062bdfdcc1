-- doel: voor de controller per aanbieder en jaar de gedeclareerde omzet in de regio (per gemeente
--   en samen), de vereiste soort verantwoording en het verschil met de aangeleverde
--   productieverantwoording
-- grain: één rij per aanbieder_agb × jaar met declaraties of verantwoording
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_verantwoording_omzet, int_aanbieders
-- toelichting: de regels (omzet, €50.000-grens, drempels op het verschil) staan in
--   int_verantwoording_omzet, zodat deze mart en het signaal KWA03 dezelfde uitkomst geven.
--   Zonder aangeleverde verantwoording zijn verantwoord_eur, verschil_eur en verschil_aandeel
--   null en ligt het verschil niet boven de drempel.
with verantwoording as (
    select * from intermediate.int_verantwoording_omzet
),

final as (
    select
        v.aanbieder_agb,
        coalesce(a.naam, 'AGB ' || v.aanbieder_agb) as naam,
        v.jaar,
        v.aantal_gemeenten,
        v.omzet_per_gemeente,
        v.hoogste_omzet_gemeente_eur,
        v.omzet_regio_eur,
        v.vereiste_verantwoording,
        v.heeft_verantwoording,
        v.verantwoord_eur,
        v.aantal_gemeenten_verantwoord,
        case when v.heeft_verantwoording then v.verschil_eur end as verschil_eur,
        case when v.heeft_verantwoording then v.verschil_aandeel end as verschil_aandeel,
        v.heeft_verantwoording and v.is_verschil_boven_drempel as is_verschil_boven_drempel
    from verantwoording as v
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = v.aanbieder_agb
)

select * from final
