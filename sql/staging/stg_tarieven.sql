-- doel: de geldende tarieven per product (regionaal of per aanbieder) met geldigheidsperiode
-- grain: één rij per productcode × aanbieder (leeg = regionaal) × geldig_vanaf
-- bronnen: referentie.tarieven
select distinct
    productcode,
    geldig_vanaf,
    coalesce(geldig_tot, date '9999-12-31') as geldig_tot,
    -- Per unit, and a per-minute tariff may carry more than cents: 4 decimals.
    cast(tarief as decimal(18, 4)) as tarief_eur,
    aanbieder_agb
from referentie.tarieven
