-- doel: de omvang van elke aanbieder per jaar: gedeclareerde euro's, cliënten, regels
-- grain: één rij per aanbieder_agb × jaar (jaar van de begindatum van de prestatie)
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status, int_aanbieders
-- toelichting: de noemer voor materialiteit (aandeel van de omzet) en de risicorangorde.
with regels as (
    select * from intermediate.int_declaratieregels_status
),

final as (
    select
        r.aanbieder_agb,
        r.jaar,
        any_value(a.naam) as naam,
        cast(sum(r.bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        cast(sum(r.onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur,
        count(distinct r.client_id) as aantal_clienten,
        count(*) as aantal_regels,
        count(distinct r.gemeentecode) as aantal_gemeenten
    from regels as r
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = r.aanbieder_agb
    group by r.aanbieder_agb, r.jaar
)

select * from final
