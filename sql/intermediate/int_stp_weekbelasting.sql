-- doel: de toegewezen uren zorg per week per cliënt, aanbieder en maand, met het totaal over
--   alle aanbieders en wat de aanbieder die maand voor de cliënt declareerde (STP02)
-- grain: één rij per client_id × aanbieder_agb × maand
-- sleutel: client_id, aanbieder_agb, maand
-- bronnen: int_stp_toewijzing_maanden, int_declaratieregels_status
-- toelichting: toegewezen, niet gedeclareerd: meer declareren dan toegewezen is een
--   spookzorgsignaal, geen stapeling. Frequentie 6 (totaal) wordt over de looptijd verdeeld.
with toewijzing_maanden as (
    select * from intermediate.int_stp_toewijzing_maanden
),

per_client_aanbieder as (
    select
        client_id,
        aanbieder_agb,
        year(maand) as jaar,
        maand,
        sum(
            deel_van_maand * volume_basis / 60.0 * case frequentie
                when '1' then 7.0
                when '2' then 1.0
                when '4' then 7.0 / day(last_day(maand))
                when '6' then 7.0 / looptijd_dagen
            end
        ) as uur_per_week
    from toewijzing_maanden
    group by client_id, aanbieder_agb, maand
),

-- De euro's die de aanbieder voor deze cliënt in die maand declareerde.
gedeclareerd as (
    select client_id, aanbieder_agb, maand, cast(sum(bedrag_eur) as decimal(18, 2)) as bedrag_eur
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
    group by client_id, aanbieder_agb, maand
),

-- The total over all aanbieders per cliënt and maand as a GROUP BY joined back, instead of a
-- window over every row.
per_client as (
    select
        client_id,
        maand,
        sum(uur_per_week) as totaal_uur_per_week,
        count(*) as aantal_aanbieders
    from per_client_aanbieder
    group by client_id, maand
),

final as (
    select
        a.*,
        coalesce(g.bedrag_eur, 0) as bedrag_eur,
        c.totaal_uur_per_week,
        c.aantal_aanbieders
    from per_client_aanbieder as a
    left join gedeclareerd as g
        on g.client_id = a.client_id and g.aanbieder_agb = a.aanbieder_agb and g.maand = a.maand
    inner join per_client as c
        on c.client_id is not distinct from a.client_id and c.maand is not distinct from a.maand
)

select * from final
