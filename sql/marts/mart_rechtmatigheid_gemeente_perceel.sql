-- doel: voor de rechtmatigheidsverantwoording van de controller de gedeclareerde euro's per
--   gemeente, perceel en maand, verdeeld naar de status van de declaratieregels: hard
--   onrechtmatig, te controleren en rechtmatig
-- grain: één rij per jaar × maand × gemeentecode × perceel met betaalde declaraties
-- sleutel: maand, gemeentecode, perceel
-- bronnen: int_declaratieregels_status
-- toelichting: de status komt van de regel (int_declaratieregels_status, de iWmo-controles).
--   onrechtmatig_eur: het onrechtmatige deel van regels met een harde status (geen_toewijzing,
--   andere_aanbieder, ander_product, buiten_periode, dubbel, boven_volume); te_controleren_eur:
--   het deel na de stop van de zorg (na_einde_zorg: een signaal, geen afwijzing, OP364);
--   rechtmatig_eur: de rest. De drie tellen exact op tot gedeclareerd_eur (elke betaalde euro één
--   keer). Regels die de gemeente afwees (WMO325) zijn niet betaald en staan apart in
--   afgewezen_eur, buiten het totaal. Anders dan mart_onrechtmatig_per_gemeente telt dit elke
--   regel, ook als het regelsignaal van de aanbieder niet materieel is.
with regels as (
    select * from intermediate.int_declaratieregels_status
),

per_cel as (
    select
        jaar,
        maand,
        gemeentecode,
        perceel,
        coalesce(sum(bedrag_eur) filter (where not is_afgewezen_door_gemeente), 0)
            as gedeclareerd_eur,
        coalesce(sum(onrechtmatig_eur) filter (
            where not is_afgewezen_door_gemeente and status <> 'na_einde_zorg'
        ), 0) as onrechtmatig_eur,
        coalesce(sum(onrechtmatig_eur) filter (where status = 'na_einde_zorg'), 0)
            as te_controleren_eur,
        coalesce(sum(bedrag_eur) filter (where is_afgewezen_door_gemeente), 0) as afgewezen_eur,
        count(*) filter (where not is_afgewezen_door_gemeente) as aantal_regels,
        count(*) filter (where not is_afgewezen_door_gemeente and onrechtmatig_eur > 0)
            as aantal_regels_met_afwijking,
        count(distinct client_id) filter (where not is_afgewezen_door_gemeente)
            as aantal_clienten
    from regels
    group by jaar, maand, gemeentecode, perceel
),

final as (
    select
        jaar,
        maand,
        gemeentecode,
        perceel,
        cast(gedeclareerd_eur as decimal(18, 2)) as gedeclareerd_eur,
        cast(onrechtmatig_eur as decimal(18, 2)) as onrechtmatig_eur,
        cast(te_controleren_eur as decimal(18, 2)) as te_controleren_eur,
        cast(gedeclareerd_eur - onrechtmatig_eur - te_controleren_eur as decimal(18, 2))
            as rechtmatig_eur,
        cast(afgewezen_eur as decimal(18, 2)) as afgewezen_eur,
        aantal_regels,
        aantal_regels_met_afwijking,
        aantal_clienten
    from per_cel
    where gedeclareerd_eur <> 0 or afgewezen_eur <> 0
)

select * from final
