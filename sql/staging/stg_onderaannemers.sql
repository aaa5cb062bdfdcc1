-- doel: hoofd- en onderaannemers zoals de contractadministratie ze aanlevert: wie wie inschakelt,
--   sinds wanneer de gemeente akkoord gaf en de looptijd van de inzet
-- grain: één rij per aangeleverde relatie (dubbele rijen één keer)
-- bronnen: staging.onderaannemers
-- toelichting: een lege akkoord_datum betekent dat er (nog) geen akkoord is; een lege
--   geldig_vanaf of geldig_tot een open begin of einde.
with final as (
    select distinct
        hoofdaannemer_agb,
        onderaannemer_agb,
        akkoord_datum,
        geldig_vanaf,
        geldig_tot
    from staging.onderaannemers
)

select * from final
