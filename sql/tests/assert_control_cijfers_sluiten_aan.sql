-- De cijfers van control (#13) sluiten aan: per jaar tellen hard onrechtmatig, te controleren en
-- rechtmatig exact op tot het gedeclareerde bedrag, en dat is het betaalde bedrag van de
-- volumetrends; de prognose per gemeente × perceel realiseert precies hetzelfde bedrag; een
-- completeringsfactor ligt tussen 0 en 1.
with rechtmatigheid as (
    select
        jaar,
        sum(gedeclareerd_eur) as gedeclareerd_eur,
        sum(onrechtmatig_eur + te_controleren_eur + rechtmatig_eur) as som_statussen_eur
    from marts.mart_rechtmatigheid_gemeente_perceel
    group by jaar
),

trends as (
    select jaar, sum(gedeclareerd_eur) as gedeclareerd_eur
    from marts.mart_controller_trends
    group by jaar
),

prognose as (
    select jaar, sum(gerealiseerd_eur) as gerealiseerd_eur
    from marts.mart_prognose_gemeente_perceel
    group by jaar
),

factoren as (
    select count(*) as fout
    from marts.mart_prognose_completeringsfactoren
    where aandeel_gedeclareerd < 0 or aandeel_gedeclareerd > 1 + 1e-9
)

select r.jaar, r.gedeclareerd_eur, r.som_statussen_eur, t.gedeclareerd_eur as trends_eur,
    p.gerealiseerd_eur as prognose_eur, f.fout
from rechtmatigheid as r
left join trends as t on t.jaar = r.jaar
left join prognose as p on p.jaar = r.jaar
cross join factoren as f
where r.gedeclareerd_eur <> r.som_statussen_eur
    or r.gedeclareerd_eur <> coalesce(t.gedeclareerd_eur, 0)
    or r.gedeclareerd_eur <> coalesce(p.gerealiseerd_eur, 0)
    or f.fout > 0
