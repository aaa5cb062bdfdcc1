-- doel: de productie van een aanbieder per gemeente en per perceel in een periode (halfjaar en
--   jaar), met dezelfde periode een jaar eerder (de trend), voor het CM-gesprek
-- grain: één rij per aanbieder × periode × indeling ('gemeente' of 'perceel') × sleutel
-- sleutel: aanbieder_agb, periode, indeling, sleutel
-- bronnen: int_declaratieregels_status, stg_gemeenten
-- toelichting: sleutel is de gemeentecode of het perceel, omschrijving de naam van de gemeente
--   (of het perceel). vorig_jaar_clienten staat erbij zodat de rolweergave ook het vorige jaar
--   van een kleine cel kan afschermen.
with regels as (
    select
        aanbieder_agb,
        gemeentecode,
        perceel,
        client_id,
        bedrag_eur,
        cast(year(maand) as integer) as jaar,
        if(month(maand) <= 6, '1', '2') as halfjaar
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

-- One row per client cell and half year before the year and half-year periods are laid side
-- by side: the lines are not doubled. Euros are DECIMAL, so a sum of sums is the same sum, and a
-- distinct count of clients does not change.
per_halfjaar as (
    select
        aanbieder_agb,
        gemeentecode,
        perceel,
        client_id,
        jaar,
        halfjaar,
        sum(bedrag_eur) as bedrag_eur
    from regels
    group by aanbieder_agb, gemeentecode, perceel, client_id, jaar, halfjaar
),

per_periode as (
    select *, cast(jaar as varchar) as periode from per_halfjaar
    union all
    select *, cast(jaar as varchar) || '-H' || halfjaar as periode from per_halfjaar
),

cellen as (
    select
        aanbieder_agb, periode, any_value(jaar) as jaar, 'gemeente' as indeling,
        gemeentecode as sleutel,
        cast(sum(bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        count(distinct client_id) as aantal_clienten
    from per_periode
    group by aanbieder_agb, periode, gemeentecode
    union all
    select
        aanbieder_agb, periode, any_value(jaar) as jaar, 'perceel' as indeling,
        perceel as sleutel,
        cast(sum(bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        count(distinct client_id) as aantal_clienten
    from per_periode
    group by aanbieder_agb, periode, perceel
),

final as (
    select
        c.aanbieder_agb,
        c.periode,
        c.jaar,
        c.indeling,
        c.sleutel,
        coalesce(g.naam, c.sleutel) as omschrijving,
        c.gedeclareerd_eur,
        c.aantal_clienten,
        v.gedeclareerd_eur as vorig_jaar_eur,
        v.aantal_clienten as vorig_jaar_clienten,
        case when v.gedeclareerd_eur > 0 then c.gedeclareerd_eur / v.gedeclareerd_eur - 1 end
            as groei
    from cellen as c
    left join cellen as v
        on v.aanbieder_agb = c.aanbieder_agb and v.indeling = c.indeling
        and v.sleutel = c.sleutel
        and v.periode = cast(c.jaar - 1 as varchar) || substr(c.periode, 5)
    left join stg.stg_gemeenten as g
        on c.indeling = 'gemeente' and g.gemeentecode = c.sleutel
)

select * from final
