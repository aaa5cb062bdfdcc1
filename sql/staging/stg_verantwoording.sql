-- doel: de productieverantwoording van aanbieders
-- grain: één rij per aanbieder × jaar × gemeente × productcode zoals aangeleverd
-- bronnen: staging.verantwoording
select
    aanbieder_agb,
    jaar,
    gemeentecode,
    productcode,
    cast(bedrag as decimal(18, 2)) as bedrag_eur
from staging.verantwoording
