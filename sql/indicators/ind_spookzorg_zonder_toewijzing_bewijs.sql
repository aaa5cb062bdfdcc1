-- doel: de declaratieregels achter SPK01 (declaratie zonder passende toewijzing)
-- grain: één rij per declaratieregel
-- sleutel: declaratieregel_id
-- bronnen: int_spk_regels (dezelfde indeling als het signaal)
with final as (
    select 'declaratie' as bron, declaratieregel_id, onrechtmatig_eur, reden as toelichting
    from intermediate.int_spk_regels
    where indicator = 'SPK01'
)

select * from final
