-- doel: de cijfers en signalen van een groep samen: hoofdaannemer met onderaannemers, of een
--   organisatie (AGB-codes met hetzelfde KvK-nummer), per jaar
-- grain: één rij per groep × jaar
-- sleutel: groep_soort, groep_id, jaar
-- bronnen: mart_groep_leden, int_declaratieregels_status
-- toelichting: aantal_clienten telt een cliënt die bij twee leden zorg kreeg één keer (uit de
--   declaratieregels, zonder wat de gemeente afwees); de euro's en signalen zijn de som van de
--   leden. onrechtmatig_eur (hard) en geschat_belang_eur (schatting) staan apart, nooit opgeteld.
with per_groep as (
    select
        groep_soort,
        groep_id,
        any_value(groep_naam) as groep_naam,
        jaar,
        count(*) as aantal_leden,
        count(*) filter (where akkoord_status = 'geen akkoord') as aantal_zonder_akkoord,
        cast(sum(gedeclareerd_eur) as decimal(18, 2)) as gedeclareerd_eur,
        sum(aantal_signalen) as aantal_signalen,
        cast(sum(onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur,
        cast(sum(geschat_belang_eur) as decimal(18, 2)) as geschat_belang_eur
    from marts.mart_groep_leden
    group by groep_soort, groep_id, jaar
),

clienten as (
    select
        l.groep_soort,
        l.groep_id,
        l.jaar,
        count(distinct r.client_id) as aantal_clienten
    from marts.mart_groep_leden as l
    inner join intermediate.int_declaratieregels_status as r
        on r.aanbieder_agb = l.aanbieder_agb and r.jaar = l.jaar
    where not r.is_afgewezen_door_gemeente
    group by l.groep_soort, l.groep_id, l.jaar
),

final as (
    select
        p.*,
        coalesce(c.aantal_clienten, 0) as aantal_clienten
    from per_groep as p
    left join clienten as c
        on c.groep_soort = p.groep_soort and c.groep_id = p.groep_id and c.jaar = p.jaar
)

select * from final
