-- doel: de omvang van elke aanbieder per jaar: gedeclareerde euro's, cliënten, regels
-- grain: één rij per aanbieder_agb × jaar (jaar van de begindatum van de prestatie)
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status, int_aanbieders
-- toelichting: de noemer voor materialiteit (aandeel van de omzet) en de risicorangorde.
--   gedeclareerd_eur, cliënten en regels tellen alleen wat de gemeente niet afwees; de
--   prestaties die zij afwees (WMO325, niet betaald) staan apart in afgewezen_eur en
--   aantal_regels_afgewezen.
with regels as (
    select * from intermediate.int_declaratieregels_status
),

final as (
    select
        r.aanbieder_agb,
        r.jaar,
        any_value(a.naam) as naam,
        cast(coalesce(sum(r.bedrag_eur) filter (where not r.is_afgewezen_door_gemeente), 0)
            as decimal(18, 2)) as gedeclareerd_eur,
        cast(sum(r.onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur,
        count(distinct r.client_id) filter (where not r.is_afgewezen_door_gemeente)
            as aantal_clienten,
        count(*) filter (where not r.is_afgewezen_door_gemeente) as aantal_regels,
        count(distinct r.gemeentecode) filter (where not r.is_afgewezen_door_gemeente)
            as aantal_gemeenten,
        cast(coalesce(sum(r.bedrag_eur) filter (where r.is_afgewezen_door_gemeente), 0)
            as decimal(18, 2)) as afgewezen_eur,
        count(*) filter (where r.is_afgewezen_door_gemeente) as aantal_regels_afgewezen
    from regels as r
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = r.aanbieder_agb
    group by r.aanbieder_agb, r.jaar
)

select * from final
