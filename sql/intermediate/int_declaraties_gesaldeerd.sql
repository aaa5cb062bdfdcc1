-- doel: debet- en creditregels gesaldeerd: welke prestaties staan, welke zijn gecrediteerd
-- grain: één rij per geladen declaratieregel, met zijn rol
-- sleutel: declaratieregel_id
-- materialisatie: view, saldering is goedkoop en de drie lezers (statussen, declaratiegedrag,
--   PRF01) en twee asserties lezen elk een deel; alle regels wegschrijven kostte meer
-- bronnen: stg_declaraties
-- incrementeel: nee, een credit in een nieuwe levering vernietigt een debet uit een oude, dus
--   de rol van een oude regel kan met elke levering veranderen
-- toelichting: een creditregel (C) vernietigt de prestatie in vorig_referentienummer van dezelfde
--   aanbieder (of, als dat leeg is, de prestatie met hetzelfde referentienummer). Zijn er twee
--   debetregels met hetzelfde referentienummer, dan vernietigt de k-de credit de k-de debet.
--   Rollen: staand, gecrediteerd, credit, credit_zonder_debet (iWmo TR323 / retourcode 8017).
with regels as not materialized (
    -- Read by three parts below: scanned each time rather than copied once into a
    -- materialised CTE.
    select * from stg.stg_declaraties
),

credits as (
    select
        declaratieregel_id,
        aanbieder_agb,
        coalesce(vorig_referentienummer, referentienummer) as gecrediteerd_referentienummer,
        row_number() over (
            partition by aanbieder_agb, coalesce(vorig_referentienummer, referentienummer)
            order by declaratiedatum nulls last, bestand_id, regelnummer
        ) as volgnummer
    from regels
    where debet_credit = 'C'
),

-- Only a debet whose referentienummer some credit names can be paired, so only those get a
-- volgnummer: a window over a few credited numbers instead of over every debet line (a whole
-- partition stays or goes, so the numbering within it is the same).
debets as (
    select
        d.declaratieregel_id,
        d.aanbieder_agb,
        d.referentienummer,
        row_number() over (
            partition by d.aanbieder_agb, d.referentienummer
            order by d.declaratiedatum nulls last, d.bestand_id, d.regelnummer
        ) as volgnummer
    from regels as d
    where d.debet_credit = 'D'
        and exists (
            select 1
            from credits as c
            where c.aanbieder_agb = d.aanbieder_agb
                and c.gecrediteerd_referentienummer = d.referentienummer
        )
),

paren as (
    select
        d.declaratieregel_id as debet_id,
        c.declaratieregel_id as credit_id
    from debets as d
    inner join credits as c
        on c.aanbieder_agb = d.aanbieder_agb
        and c.gecrediteerd_referentienummer = d.referentienummer
        and c.volgnummer = d.volgnummer
),

final as (
    select
        r.*,
        case
            when r.debet_credit = 'D' and p_d.credit_id is null then 'staand'
            when r.debet_credit = 'D' then 'gecrediteerd'
            when p_c.debet_id is not null then 'credit'
            else 'credit_zonder_debet'
        end as rol,
        coalesce(p_d.credit_id, p_c.debet_id) as gekoppelde_regel_id
    from regels as r
    left join paren as p_d on p_d.debet_id = r.declaratieregel_id
    left join paren as p_c on p_c.credit_id = r.declaratieregel_id
)

select * from final
