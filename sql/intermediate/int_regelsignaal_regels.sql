-- doel: de declaratieregels van de regelsignalen (SPK01–SPK04, UPC03, UPC04) met hun onrechtmatige
--   bedrag, waarbij elke gedeclareerde euro één keer telt over alle regelsignalen samen
-- grain: één rij per declaratieregel × regelsignaal dat de regel raakt
-- sleutel: declaratieregel_id, indicator
-- bronnen: int_spk_regels, int_upc_zwaarder_dan_toegewezen, int_upc_boven_contracttarief
-- toelichting: het eigen onrechtmatige bedrag (onrechtmatig_eigen_eur) is bij SPK01–SPK04 het
--   onrechtmatige deel uit de ruggengraat (één status per regel), bij UPC03 de meerprijs boven het
--   toegewezen product en bij UPC04 het bedrag boven het contracttarief. Raken twee signalen
--   dezelfde regel (een zwaarder product dat ook boven het contracttarief ligt), dan krijgt het
--   eerste in de volgorde SPK, UPC03, UPC04 het bedrag en het volgende alleen wat er van het
--   bedrag van de regel over is (onrechtmatig_eur). Zo is de som over alle regelsignalen van een
--   aanbieder nooit meer dan wat hij declareerde, en telt een euro niet twee keer mee.
with alle_regels as (
    select
        *,
        1 as voorrang
    from intermediate.int_spk_regels
    union all by name
    select
        'UPC03' as indicator,
        2 as voorrang,
        * replace (meerprijs_eur as onrechtmatig_eur)
    from intermediate.int_upc_zwaarder_dan_toegewezen
    union all by name
    select
        'UPC04' as indicator,
        3 as voorrang,
        * replace (boven_contracttarief_eur as onrechtmatig_eur)
    from intermediate.int_upc_boven_contracttarief
),

cumulatief as (
    select
        *,
        sum(onrechtmatig_eur) over (
            partition by declaratieregel_id order by voorrang, indicator
            rows between unbounded preceding and current row
        ) as tot_en_met
    from alle_regels
),

-- toegedeeld_i = min(bedrag, som t/m i) − min(bedrag, som t/m i−1): wat een eerder signaal van
-- de regel al kreeg, krijgt dit signaal niet nog eens.
final as (
    select
        * exclude (tot_en_met, voorrang) replace (
            cast(
                least(bedrag_eur, tot_en_met) - least(bedrag_eur, tot_en_met - onrechtmatig_eur)
                as decimal(18, 2)
            ) as onrechtmatig_eur
        ),
        onrechtmatig_eur as onrechtmatig_eigen_eur
    from cumulatief
)

select * from final
