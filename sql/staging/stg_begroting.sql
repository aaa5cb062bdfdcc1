-- doel: de begroting van elke gemeente per perceel en jaar (optionele contracttabel), voor de
--   uitputting en het verwachte resultaat van de prognose
-- grain: één rij per gemeentecode × perceel × jaar (een tweede rij voor dezelfde sleutel telt
--   op: een begrotingswijziging die als aparte regel is aangeleverd)
-- sleutel: gemeentecode, perceel, jaar
-- bronnen: staging.begroting
select
    gemeentecode,
    perceel,
    jaar,
    cast(sum(bedrag) as decimal(18, 2)) as begroting_eur
from staging.begroting
group by gemeentecode, perceel, jaar
