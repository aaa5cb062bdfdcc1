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

per_perceel as (
    select
        h.perceel,
        t.maanden_na_zorgmaand,
        false as is_regio,
        sum(h.bedrag_eur) filter (where h.vertraging_maanden <= t.maanden_na_zorgmaand)
            as binnen_termijn_eur,
        sum(h.bedrag_eur) as uitgedeclareerd_eur,
        count(distinct h.maand) as aantal_zorgmaanden,
        count(distinct h.client_id) as aantal_clienten
    from historie as h
    cross join termijnen as t
    group by h.perceel, t.maanden_na_zorgmaand
),

regio as (
    select
        'alle percelen' as perceel,
        t.maanden_na_zorgmaand,
        true as is_regio,
        sum(h.bedrag_eur) filter (where h.vertraging_maanden <= t.maanden_na_zorgmaand)
            as binnen_termijn_eur,
        sum(h.bedrag_eur) as uitgedeclareerd_eur,
        count(distinct h.maand) as aantal_zorgmaanden,
        count(distinct h.client_id) as aantal_clienten
    from historie as h
    cross join termijnen as t
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
