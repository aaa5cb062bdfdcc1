-- doel: de risicorangorde voor de toezichthouder: per aanbieder en jaar een score van 0 tot 100
--   uit de gemarkeerde signalen, gewogen naar ernst, zekerheid en euro's
-- grain: één rij per aanbieder × jaar met declaraties
-- sleutel: aanbieder_agb, jaar
-- bronnen: mart_signalen, int_aanbieder_jaar
-- toelichting: punten per gemarkeerd signaal = ernst van de categorie × (0,5 + 0,5 × sterkte) ×
--   (1 + ln(1 + financieel belang / € 10.000)), dus minstens 0,3; het profielmodel (PRF01, nooit
--   gemarkeerd; een profiel per perceel, alleen het sterkste telt) telt mee met hooguit 0,25
--   punt, zodat een aanbieder met een gemarkeerd signaal altijd boven een aanbieder zonder
--   staat. Score = 100 × (1 − e^(−punten / 3)): één hard signaal van enkele tienduizenden
--   euro's geeft ~50, meerdere sterke signalen naderen 100.
--   Rang 1 = hoogste score; bij gelijke score beslist het financieel belang, dan de AGB-code
--   (reproduceerbaar).
--   financieel_belang is de exacte som van de bedragen (DECIMAL(18,2)) van de gemarkeerde signalen.
with signalen as (
    -- PRF01 has a profile per perceel; only a provider's strongest counts, so the model adds at
    -- most 0,25 point however many percelen it delivers.
    select * from marts.mart_signalen
    qualify indicator <> 'PRF01' or row_number() over (
        partition by indicator, aanbieder_agb, jaar order by sterkte desc, reikwijdte
    ) = 1
),

ernst (categorie, ernst) as (
    values ('spookzorg', 1.0), ('upcoding', 0.9), ('stapeling', 0.8), ('kwaliteit', 0.7),
        ('volume', 0.6)
),

punten as (
    select
        s.aanbieder_agb,
        s.jaar,
        s.indicator,
        s.categorie,
        s.gemarkeerd,
        greatest(bedrag_op_centen(s.financieel_belang), 0) as financieel_belang,
        case
            when s.gemarkeerd
                then e.ernst * (0.5 + 0.5 * s.sterkte)
                    * (1 + ln(1 + greatest(s.financieel_belang, 0) / 10000))
            when s.indicator = 'PRF01' then 0.25 * s.sterkte
            else 0
        end as punten
    from signalen as s
    left join ernst as e on e.categorie = s.categorie
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(punten) as punten,
        count(*) filter (where gemarkeerd) as aantal_signalen,
        coalesce(sum(financieel_belang) filter (where gemarkeerd), 0) as financieel_belang,
        arg_max(indicator, punten) filter (where gemarkeerd) as belangrijkste_indicator,
        string_agg(distinct categorie, ', ' order by categorie) filter (where gemarkeerd)
            as categorieen
    from punten
    group by aanbieder_agb, jaar
),

final as (
    select
        a.aanbieder_agb,
        a.naam,
        a.jaar,
        round(100 * (1 - exp(-coalesce(p.punten, 0) / 3)), 1) as risicoscore,
        row_number() over (
            partition by a.jaar
            order by coalesce(p.punten, 0) desc, coalesce(p.financieel_belang, 0) desc,
                a.aanbieder_agb
        ) as rang,
        coalesce(p.aantal_signalen, 0) as aantal_signalen,
        cast(coalesce(p.financieel_belang, 0) as decimal(18, 2)) as financieel_belang,
        p.belangrijkste_indicator,
        p.categorieen,
        a.gedeclareerd_eur,
        a.aantal_clienten
    from intermediate.int_aanbieder_jaar as a
    left join per_aanbieder as p on p.aanbieder_agb = a.aanbieder_agb and p.jaar = a.jaar
)

select * from final
