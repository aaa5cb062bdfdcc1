-- doel: de bewijsregels achter KWA09: elke declaratieregel van een onderaannemer zonder akkoord
--   dat gold in de periode van de regel, met de reden
-- grain: één rij per declaratieregel in int_kwa_onderaannemer_regels
-- sleutel: declaratieregel_id
-- bronnen: int_kwa_onderaannemer_regels
-- toelichting: een declaratieregel noemt alleen declaratieregel_id (de mart vult de regel aan);
--   onrechtmatig_eur is 0: het bedrag is een schatting van het belang, geen hard onrechtmatig
--   bedrag (zie de kop van KWA09).
with final as (
    select
        'declaratie' as bron,
        declaratieregel_id,
        cast(0 as decimal(18, 2)) as onrechtmatig_eur,
        'Gedeclareerd door een onderaannemer: ' || reden || '.' as toelichting
    from intermediate.int_kwa_onderaannemer_regels
)

select * from final
