-- doel: de declaratieregels achter SPK02 (buiten de toewijzingsperiode of na het einde van de
--   zorg), met de toewijzing of het stopbericht waartegen ze zijn getoetst
-- grain: één rij per declaratieregel, plus één rij per betrokken toewijzing (bron toewijzing of
--   zorgperiode)
-- sleutel: aanbieder_agb (leeg bij een declaratie: die van de regel), jaar (leeg bij een
--   declaratie), bron, declaratieregel_id (leeg bij een toewijzing of zorgperiode), client_id (leeg
--   bij een declaratie), toewijzingnummer (leeg bij een declaratie), begindatum (leeg bij een
--   declaratie of een zorgperiode zonder startbericht)
-- bronnen: int_spk_regels (dezelfde indeling als het signaal)
with regels as (
    select * from intermediate.int_spk_regels where indicator = 'SPK02'
),

-- The allocation period (buiten_periode) or the care period from the 305/307 messages
-- (na_einde_zorg) that the lines were tested against: once per signal and allocation.
getoetst_tegen as (
    select distinct
        aanbieder_agb,
        jaar,
        case status when 'buiten_periode' then 'toewijzing' else 'zorgperiode' end as bron,
        client_id,
        toewijzingnummer,
        toewijzing_productcode as productcode,
        case status
            when 'buiten_periode' then toewijzing_ingangsdatum else zorg_begindatum
        end as begindatum,
        case status when 'buiten_periode' then toewijzing_einddatum else zorg_einddatum end
            as einddatum,
        case status
            when 'buiten_periode' then 'toewijzing geldig van ' || toewijzing_ingangsdatum
                || ' tot en met ' || coalesce(cast(toewijzing_einddatum as varchar), 'open einde')
            else 'zorg gestart op ' || coalesce(cast(zorg_begindatum as varchar), 'onbekend')
                || ' en gestopt op ' || zorg_einddatum || ' (305/307-berichten)'
        end as toelichting
    from regels
),

final as (
    select 'declaratie' as bron, declaratieregel_id, onrechtmatig_eur, reden as toelichting
    from regels
    union all by name
    select * from getoetst_tegen
)

select * from final
