-- doel: het verloop van één aanbieder per maand (euro's, cliënten, volume, realisatie) voor de
--   sparkline in de risicorangorde en de grafieken op de aanbiederpagina
-- grain: één rij per aanbieder × maand (maand van de begindatum van de prestatie)
-- sleutel: aanbieder_agb, maand
-- bronnen: int_declaratieregels_status
-- toelichting: realisatiegraad = geleverd / toegestaan volume over de inspanningsgerichte regels
--   met een toegewezen volume; leeg als die er niet zijn.
with regels as (
    -- Rejected by the gemeente (WMO325): never paid, not counted.
    select * from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

final as (
    select
        aanbieder_agb,
        cast(any_value(jaar) as integer) as jaar,
        maand,
        cast(sum(bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        cast(sum(onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur,
        count(distinct client_id) as aantal_clienten,
        count(*) as aantal_regels,
        sum(case when eenheid_dimensie(eenheid) = 'tijd' then volume_basis / 60.0 end) as uren,
        sum(volume_basis) filter (where realisatiegraad is not null)
        / nullif(sum(toegestaan_volume_basis) filter (where realisatiegraad is not null), 0)
            as realisatiegraad
    from regels
    group by aanbieder_agb, maand
)

select * from final
