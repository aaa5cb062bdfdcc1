-- doel: de risicorangorde voor de toezichthouder: per aanbieder en jaar een score van 0 tot 100
--   uit de gemarkeerde signalen, gewogen naar ernst, zekerheid en euro's, en de volgorde binnen
--   elk van de drie banen (zorg, rechtmatigheid, risico)
-- grain: één rij per aanbieder × jaar met declaraties
-- sleutel: aanbieder_agb, jaar
-- bronnen: mart_signalen, int_aanbieder_jaar
-- toelichting: punten per gemarkeerd signaal = ernst van de categorie × (0,5 + 0,5 × sterkte) ×
--   (1 + ln(1 + financieel belang / € 10.000)), dus minstens 0,3; het profielmodel (PRF01, nooit
--   gemarkeerd; een profiel per perceel, alleen het sterkste telt) telt mee met hooguit 0,25
--   punt, zodat een aanbieder met een gemarkeerd signaal altijd boven een aanbieder zonder
--   staat. Score = 100 × (1 − e^(−punten / 3)): één hard signaal van enkele tienduizenden
--   euro's geeft ~50, meerdere sterke signalen naderen 100.
--   Rang 1 = hoogste score; bij gelijke score beslist het onrechtmatige bedrag, dan de AGB-code
--   (reproduceerbaar).
--   Twee soorten geld, nooit opgeteld: onrechtmatig_eur is de som van de onrechtmatige euro's
--   van de gemarkeerde regelsignalen (elke gedeclareerde euro één keer: int_regelsignaal_regels),
--   dus nooit meer dan wat de aanbieder declareerde; geschat_belang_eur is de grootste schatting
--   van één gemarkeerd statistisch signaal (schattingen van verschillende modellen overlappen,
--   dus optellen zou dubbel tellen). financieel_belang = onrechtmatig_eur.
--   Banen (de kop van elke indicator zegt in welke): rang_zorg ordent op ernst en sterkte van de
--   gemarkeerde zorg- en kwaliteitssignalen (aantal signalen, dan de som van hun sterkte), niet op
--   euro's; rang_rechtmatigheid op onrechtmatig_eur; rang_risico op de sterkste statistische
--   afwijking, dan het geschatte belang. Leeg waar de aanbieder in die baan niets gemarkeerd heeft.
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
        s.baan,
        s.sterkte,
        greatest(s.onrechtmatig_eur, 0) as onrechtmatig_eur,
        greatest(s.geschat_belang_eur, 0) as geschat_belang_eur,
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
        coalesce(sum(onrechtmatig_eur) filter (where gemarkeerd), 0) as onrechtmatig_eur,
        coalesce(max(geschat_belang_eur) filter (where gemarkeerd), 0) as geschat_belang_eur,
        count(*) filter (where gemarkeerd and baan = 'zorg') as signalen_zorg,
        sum(sterkte) filter (where gemarkeerd and baan = 'zorg') as sterkte_zorg,
        count(*) filter (where gemarkeerd and baan = 'rechtmatigheid') as signalen_rechtmatigheid,
        max(sterkte) filter (where gemarkeerd and baan = 'risico') as sterkte_risico,
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
            order by coalesce(p.punten, 0) desc, coalesce(p.onrechtmatig_eur, 0) desc,
                a.aanbieder_agb
        ) as rang,
        case when p.signalen_zorg > 0 then row_number() over (
            partition by a.jaar, p.signalen_zorg > 0
            order by p.signalen_zorg desc, p.sterkte_zorg desc, a.aanbieder_agb
        ) end as rang_zorg,
        case when p.signalen_rechtmatigheid > 0 then row_number() over (
            partition by a.jaar, p.signalen_rechtmatigheid > 0
            order by p.onrechtmatig_eur desc, a.aanbieder_agb
        ) end as rang_rechtmatigheid,
        case when p.sterkte_risico is not null then row_number() over (
            partition by a.jaar, p.sterkte_risico is not null
            order by p.sterkte_risico desc, p.geschat_belang_eur desc, a.aanbieder_agb
        ) end as rang_risico,
        coalesce(p.aantal_signalen, 0) as aantal_signalen,
        cast(coalesce(p.onrechtmatig_eur, 0) as decimal(18, 2)) as onrechtmatig_eur,
        cast(coalesce(p.geschat_belang_eur, 0) as decimal(18, 2)) as geschat_belang_eur,
        cast(coalesce(p.onrechtmatig_eur, 0) as decimal(18, 2)) as financieel_belang,
        p.belangrijkste_indicator,
        p.categorieen,
        a.gedeclareerd_eur,
        a.aantal_clienten
    from intermediate.int_aanbieder_jaar as a
    left join per_aanbieder as p on p.aanbieder_agb = a.aanbieder_agb and p.jaar = a.jaar
)

select * from final
