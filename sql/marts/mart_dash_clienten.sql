-- doel: unieke aantallen cliënten en euro's voor elk filter van het dashboard (jaar of maand,
--   één gemeente of alle, één perceel of alle), zodat geen pagina cliënten optelt over rijen
-- grain: één rij per periode (jaar, of jaar × maand) × gemeente (of alle) × perceel (of alle)
-- sleutel: jaar, maand (leeg = het hele jaar), gemeentecode (leeg = alle),
--   perceel (leeg = alle)
-- bronnen: int_declaratieregels_status
-- toelichting: gemeentecode of perceel null betekent 'alle'; maand null betekent het hele jaar.
--   Alleen aantallen, nooit cliëntnummers: deze tabel mag naar elke rol.
with regels as (
    -- Rejected by the gemeente (WMO325): never paid, not counted.
    select * from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

sets as (
    select
        jaar,
        maand,
        gemeentecode,
        perceel,
        count(distinct client_id) as aantal_clienten,
        count(distinct aanbieder_agb) as aantal_aanbieders,
        sum(bedrag_eur) as gedeclareerd_eur
    from regels
    group by grouping sets (
        (jaar, gemeentecode, perceel), (jaar, gemeentecode), (jaar, perceel), (jaar),
        (jaar, maand, gemeentecode, perceel), (jaar, maand, gemeentecode), (jaar, maand, perceel),
        (jaar, maand)
    )
),

final as (
    select
        cast(jaar as integer) as jaar,
        maand,
        gemeentecode,
        perceel,
        aantal_clienten,
        aantal_aanbieders,
        cast(gedeclareerd_eur as decimal(18, 2)) as gedeclareerd_eur
    from sets
)

select * from final
