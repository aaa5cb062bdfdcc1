-- doel: de declaratieregels achter SPK02 (buiten de toewijzingsperiode of na het einde van de
--   zorg), met de toewijzing of het stopbericht waartegen ze zijn getoetst
-- grain: één rij per declaratieregel, plus één rij per betrokken toewijzing (bron toewijzing of
--   zorgperiode)
-- sleutel: signaal_id, bron, declaratieregel_id (leeg bij een toewijzing of zorgperiode),
--   client_id, toewijzingnummer, begindatum (leeg bij een zorgperiode zonder startbericht)
-- bronnen: int_spk_regels (dezelfde indeling als het signaal)
with regels as (
    select * from intermediate.int_spk_regels where indicator = 'SPK02'
),

declaraties as (
    select
        signaal_sleutel('SPK02', aanbieder_agb, jaar, null) as signaal_id,
        'declaratie' as bron,
        declaratieregel_id,
        client_id,
        toewijzingnummer,
        referentienummer,
        productcode,
        begindatum,
        einddatum,
        geleverd_volume as volume,
        bedrag_eur,
        onrechtmatig_eur,
        reden as toelichting
    from regels
),

-- The allocation period (buiten_periode) or the care period from the 305/307 messages
-- (na_einde_zorg) that the lines were tested against: once per signal and allocation.
getoetst_tegen as (
    select distinct
        signaal_sleutel('SPK02', aanbieder_agb, jaar, null) as signaal_id,
        case status when 'buiten_periode' then 'toewijzing' else 'zorgperiode' end as bron,
        null as declaratieregel_id,
        client_id,
        toewijzingnummer,
        null as referentienummer,
        toewijzing_productcode as productcode,
        case status
            when 'buiten_periode' then toewijzing_ingangsdatum else zorg_begindatum
        end as begindatum,
        case status when 'buiten_periode' then toewijzing_einddatum else zorg_einddatum end
            as einddatum,
        null as volume,
        null as bedrag_eur,
        null as onrechtmatig_eur,
        case status
            when 'buiten_periode' then 'toewijzing geldig van ' || toewijzing_ingangsdatum
                || ' tot en met ' || coalesce(cast(toewijzing_einddatum as varchar), 'open einde')
            else 'zorg gestart op ' || coalesce(cast(zorg_begindatum as varchar), 'onbekend')
                || ' en gestopt op ' || zorg_einddatum || ' (305/307-berichten)'
        end as toelichting
    from regels
),

final as (
    select * from declaraties
    union all
    select * from getoetst_tegen
)

select * from final
