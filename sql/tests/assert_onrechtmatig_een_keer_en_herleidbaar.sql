-- Hard geld houdt stand (#10): het onrechtmatige bedrag van elk regelsignaal is de som van zijn
-- bewijsregels; per aanbieder en jaar is het nooit meer dan wat de aanbieder declareerde; een
-- signaal heeft nooit tegelijk onrechtmatig en geschat geld.
with per_signaal as (
    select
        s.signaal_id,
        s.onrechtmatig_eur,
        coalesce(sum(b.onrechtmatig_eur), 0) as uit_bewijs
    from marts.mart_signalen as s
    left join marts.mart_signaal_bewijsregels as b on b.signaal_id = s.signaal_id
    where s.soort_belang = 'onrechtmatig'
    group by s.signaal_id, s.onrechtmatig_eur
),

niet_herleidbaar as (
    select 'signaal ' || signaal_id || ' wijkt af van zijn bewijs' as fout
    from per_signaal
    where abs(onrechtmatig_eur - uit_bewijs) > 0.005
),

boven_gedeclareerd as (
    select 'aanbieder ' || aanbieder_agb || ' ' || jaar || ' meer onrechtmatig dan gedeclareerd'
        as fout
    from marts.mart_aanbieder_risico
    where onrechtmatig_eur > gedeclareerd_eur + 0.005
),

gemengd as (
    select 'signaal ' || signaal_id || ' heeft onrechtmatig én geschat geld' as fout
    from marts.mart_signalen
    where onrechtmatig_eur <> 0 and geschat_belang_eur <> 0
)

select * from niet_herleidbaar
union all
select * from boven_gedeclareerd
union all
select * from gemengd

union all

select
    'aanbieder ' || r.aanbieder_agb || ' ' || r.jaar
    || ': de gemeenten samen geven niet het bedrag van de regio' as fout
from marts.mart_aanbieder_risico as r
left join (
    select aanbieder_agb, jaar, sum(onrechtmatig_eur) as som
    from marts.mart_onrechtmatig_per_gemeente
    group by aanbieder_agb, jaar
) as g on g.aanbieder_agb = r.aanbieder_agb and g.jaar = r.jaar
where abs(r.onrechtmatig_eur - coalesce(g.som, 0)) > 0.005

union all

select 'signaal ' || s.signaal_id || ': de gemeenten samen geven niet het bedrag van het signaal'
    as fout
from marts.mart_signalen as s
left join (
    select signaal_id, sum(onrechtmatig_eur) as som
    from marts.mart_signaal_per_gemeente
    group by signaal_id
) as g on g.signaal_id = s.signaal_id
where s.gemarkeerd and s.soort_belang = 'onrechtmatig'
    and abs(s.onrechtmatig_eur - coalesce(g.som, 0)) > 0.005
