-- De risicorangorde heeft één rij per aanbieder en jaar, een score van 0–100 en unieke rangen.
select aanbieder_agb, jaar
from marts.mart_aanbieder_risico
group by aanbieder_agb, jaar
having count(*) > 1
union all
select aanbieder_agb, jaar
from marts.mart_aanbieder_risico
where risicoscore < 0 or risicoscore > 100
union all
select null as aanbieder_agb, jaar
from marts.mart_aanbieder_risico
group by jaar
having count(distinct rang) <> count(*)
