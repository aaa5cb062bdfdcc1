-- Het CM-gesprek (#13): één rij per aanbieder en periode; de euro's per gemeente en per perceel
-- tellen op tot de euro's van de aanbieder in die periode; het jaar is de som van zijn halfjaren.
select aanbieder_agb, periode
from marts.mart_cm_periode
group by aanbieder_agb, periode
having count(*) > 1
union all
select p.aanbieder_agb, p.periode
from marts.mart_cm_periode as p
inner join (
    select aanbieder_agb, periode, indeling, sum(gedeclareerd_eur) as eur
    from marts.mart_cm_productie
    group by aanbieder_agb, periode, indeling
) as d on d.aanbieder_agb = p.aanbieder_agb and d.periode = p.periode
where d.eur <> p.gedeclareerd_eur
union all
select j.aanbieder_agb, j.periode
from marts.mart_cm_periode as j
inner join (
    select aanbieder_agb, jaar, sum(gedeclareerd_eur) as eur
    from marts.mart_cm_periode
    where periode like '%-H_'
    group by aanbieder_agb, jaar
) as h on h.aanbieder_agb = j.aanbieder_agb and h.jaar = j.jaar
where j.periode = cast(j.jaar as varchar) and h.eur <> j.gedeclareerd_eur
