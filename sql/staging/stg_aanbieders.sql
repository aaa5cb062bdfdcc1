-- doel: zorgaanbieders met naam, hoofdaannemer en contractperiode zoals aangeleverd
-- grain: één rij per aanbieder_agb
-- sleutel: aanbieder_agb
-- bronnen: staging.aanbieders
select
    aanbieder_agb,
    any_value(naam) as naam,
    any_value(hoofdaannemer_agb) as hoofdaannemer_agb,
    min(contract_vanaf) as contract_vanaf,
    max(contract_tot) as contract_tot
from staging.aanbieders
group by aanbieder_agb
