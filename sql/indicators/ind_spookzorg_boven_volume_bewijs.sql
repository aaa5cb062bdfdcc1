-- doel: de declaratieregels achter SPK03 (volume boven de toewijzing), met de toewijzingen
--   waartegen ze zijn getoetst
-- grain: één rij per declaratieregel, plus één rij per betrokken toewijzing
-- sleutel: aanbieder_agb (leeg bij een declaratie: die van de regel), jaar (leeg bij een
--   declaratie), bron, declaratieregel_id (leeg bij een toewijzing), client_id (leeg bij een
--   declaratie), toewijzingnummer (leeg bij een declaratie), begindatum (leeg bij een declaratie)
-- bronnen: int_spk_regels (dezelfde indeling als het signaal)
with regels as (
    select * from intermediate.int_spk_regels where indicator = 'SPK03'
),

declaraties as (
    select
        'declaratie' as bron,
        declaratieregel_id,
        onrechtmatig_eur,
        reden
            || coalesce(': ' || replace(format('{:g}', round(geleverd_volume, 2)), '.', ',')
                || ' gedeclareerd, ' || replace(
                    format('{:g}', round(toegestaan_volume_basis / eenheid_factor(eenheid), 2)),
                    '.', ','
                ) || ' toegestaan', '') as toelichting
    from regels
),

toewijzingen as (
    select distinct
        aanbieder_agb,
        jaar,
        'toewijzing' as bron,
        client_id,
        toewijzingnummer,
        toewijzing_productcode as productcode,
        toewijzing_ingangsdatum as begindatum,
        toewijzing_einddatum as einddatum,
        toewijzing_volume as volume,
        coalesce(
            'toegewezen: ' || replace(format('{:g}', toewijzing_volume), '.', ',') || ' '
            || case toewijzing_eenheid
                when '01' then 'minuten' when '04' then 'uur' when '14' then 'etmalen'
                when '16' then 'dagdelen' when '83' then 'euro' else 'stuks'
            end || ' '
            || case toewijzing_frequentie
                when '1' then 'per dag' when '2' then 'per week' when '4' then 'per maand'
                when '6' then 'in totaal over de toewijzing' else ''
            end,
            'toegewezen budget zonder volume'
        ) as toelichting
    from regels
),

final as (
    select * from declaraties
    union all by name
    select * from toewijzingen
)

select * from final
