-- doel: de declaratieregels achter SPK04 (dubbel gedeclareerd), met de eerdere declaratie die
--   ze herhalen
-- grain: één rij per dubbele declaratieregel, plus één rij per eerdere (eerste) declaratie
-- sleutel: aanbieder_agb (leeg bij de dubbele regel: die van de regel), jaar (leeg bij de dubbele
--   regel), declaratieregel_id
-- bronnen: int_spk_regels, int_declaratieregels_status (voor de eerste declaratie)
with alle_regels as (
    select * from intermediate.int_declaratieregels_status
),

dubbel as (
    select * from intermediate.int_spk_regels where indicator = 'SPK04'
),

-- The first declaration of the same prestatie, so a reviewer sees both side by side: the same
-- referentienummer, or the same client, provider and product in an overlapping period.
origineel as (
    select distinct on (d.aanbieder_agb, d.jaar, o.declaratieregel_id)
        -- The signal of the repeated line's year, which may differ from the original's.
        d.aanbieder_agb,
        d.jaar,
        o.declaratieregel_id,
        0.0 as onrechtmatig_eur,
        'eerste declaratie van deze prestatie (referentienummer ' || o.referentienummer
            || '); de dubbele regel herhaalt haar' as toelichting
    from dubbel as d
    inner join alle_regels as o
        on o.aanbieder_agb = d.aanbieder_agb
        and o.status not in ('dubbel', 'afgewezen_door_gemeente')
        and (
            o.referentienummer = d.referentienummer
            or (o.client_id = d.client_id and o.productcode = d.productcode
                and o.begindatum <= d.einddatum and o.einddatum >= d.begindatum)
        )
),

final as (
    select
        'declaratie' as bron,
        *
    from (
        select declaratieregel_id, onrechtmatig_eur, reden as toelichting from dubbel
        union all by name
        select * from origineel
    ) as regels
)

select * from final
