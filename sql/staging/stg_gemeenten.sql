-- doel: gemeenten met naam, regio en (optioneel) inwoners (eigen bron, anders de CBS-standaard)
-- grain: één rij per gemeentecode
-- sleutel: gemeentecode
-- bronnen: referentie.gemeenten
-- toelichting: inwoners is leeg waar de bron het niet levert; de kaart toont dan geen cliënten
--   per 1.000 inwoners voor die gemeente
select
    gemeentecode,
    any_value(naam) as naam,
    any_value(regio) as regio,
    max(inwoners) as inwoners
from referentie.gemeenten
group by gemeentecode
