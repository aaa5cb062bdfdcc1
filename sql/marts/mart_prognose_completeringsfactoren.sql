-- doel: de completeringsfactoren van de prognose: welk deel van de uiteindelijk gedeclareerde
--   euro's van een zorgmaand binnen k maanden na die maand gedeclareerd was, geschat uit de
--   declaratiedatums van maanden die al uitgedeclareerd zijn; zo corrigeert de prognose de
--   recente maanden voor zorg die geleverd maar nog niet gedeclareerd is
-- grain: één rij per perceel × maanden_na_zorgmaand (0–11), plus dezelfde reeks voor de hele
--   regio (perceel 'alle percelen', is_regio)
-- sleutel: perceel, maanden_na_zorgmaand
-- bronnen: int_declaratieregels_status
-- toelichting: maanden_na_zorgmaand k = de declaratie kwam in de zorgmaand zelf (0) of k maanden
--   later. Een zorgmaand telt als uitgedeclareerd (en dus als historie) als de peildatum (de
--   laatste declaratiedatum in de gegevens) minstens 12 maanden later valt; wat na 12 maanden
--   nog komt, telt als uitgedeclareerd bedrag. aandeel_gedeclareerd = euro's van die maanden die
--   binnen k maanden gedeclareerd waren / alle euro's van die maanden. Alleen betaalde regels
--   (de gemeente wees ze niet af) met een declaratiedatum. Zonder historie van een perceel geldt
--   de regio, zonder enige historie geen correctie (mart_prognose_gemeente_perceel).
with regels as (
    select
        perceel,
        maand,
        client_id,
        bedrag_eur,
        greatest(
            0, datediff('month', maand, date_trunc('month', declaratiedatum))
        ) as vertraging_maanden
    from intermediate.int_declaratieregels_status
    where not is_afgewezen_door_gemeente and declaratiedatum is not null
),

peil as (
    select max(declaratiedatum) as peildatum from intermediate.int_declaratieregels_status
),

historie as (
    select r.*
    from regels as r, peil as p
    where r.maand + interval 12 month <= date_trunc('month', p.peildatum)
),

termijnen as (
    select unnest(range(0, 12)) as maanden_na_zorgmaand
),

-- Euro's per perceel and delay first (a few rows per perceel), then per termijn the sum of the
-- delays within it: the lines are not multiplied by the twelve termijnen. Amounts are DECIMAL,
-- so summing in two steps gives the same euro's.
per_vertraging as (
    select
        perceel,
        vertraging_maanden,
        sum(bedrag_eur) as bedrag_eur
    from historie
    group by perceel, vertraging_maanden
),

-- The distinct months and clients do not depend on the termijn: counted once.
aantallen_per_perceel as (
    select
        perceel,
        count(distinct maand) as aantal_zorgmaanden,
        count(distinct client_id) as aantal_clienten
    from historie
    group by perceel
),

aantallen_regio as (
    select
        count(distinct maand) as aantal_zorgmaanden,
        count(distinct client_id) as aantal_clienten
    from historie
),

per_perceel_termijn as (
    select
        v.perceel,
        t.maanden_na_zorgmaand,
        sum(v.bedrag_eur) filter (where v.vertraging_maanden <= t.maanden_na_zorgmaand)
            as binnen_termijn_eur,
        sum(v.bedrag_eur) as uitgedeclareerd_eur
    from per_vertraging as v
    cross join termijnen as t
    group by v.perceel, t.maanden_na_zorgmaand
),

per_perceel as (
    select
        p.perceel,
        p.maanden_na_zorgmaand,
        false as is_regio,
        p.binnen_termijn_eur,
        p.uitgedeclareerd_eur,
        a.aantal_zorgmaanden,
        a.aantal_clienten
    from per_perceel_termijn as p
    inner join aantallen_per_perceel as a on a.perceel is not distinct from p.perceel
),

regio as (
    select
        'alle percelen' as perceel,
        t.maanden_na_zorgmaand,
        true as is_regio,
        sum(v.bedrag_eur) filter (where v.vertraging_maanden <= t.maanden_na_zorgmaand)
            as binnen_termijn_eur,
        sum(v.bedrag_eur) as uitgedeclareerd_eur,
        any_value(a.aantal_zorgmaanden) as aantal_zorgmaanden,
        any_value(a.aantal_clienten) as aantal_clienten
    from per_vertraging as v
    cross join termijnen as t
    cross join aantallen_regio as a
    group by t.maanden_na_zorgmaand
),

samen as (
    select * from per_perceel
    union all
    select * from regio
),

final as (
    select
        s.perceel,
        s.is_regio,
        s.maanden_na_zorgmaand,
        cast(coalesce(s.binnen_termijn_eur, 0) as decimal(18, 2)) as binnen_termijn_eur,
        cast(s.uitgedeclareerd_eur as decimal(18, 2)) as uitgedeclareerd_eur,
        coalesce(s.binnen_termijn_eur, 0) / s.uitgedeclareerd_eur as aandeel_gedeclareerd,
        s.aantal_zorgmaanden,
        s.aantal_clienten,
        p.peildatum
    from samen as s, peil as p
    where s.uitgedeclareerd_eur > 0
)

select * from final
