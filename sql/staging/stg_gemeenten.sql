-- doel: gemeenten met naam en regio (eigen bron, anders de CBS-standaard)
-- grain: één rij per gemeentecode
-- sleutel: gemeentecode
-- bronnen: referentie.gemeenten
select
    gemeentecode,
    any_value(naam) as naam,
    any_value(regio) as regio
from referentie.gemeenten
group by gemeentecode
