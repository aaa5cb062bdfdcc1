-- doel: de declaratieregels achter SPK04 (dubbel gedeclareerd), met de eerdere declaratie die
--   ze herhalen
-- grain: één rij per dubbele declaratieregel, plus één rij per eerdere (eerste) declaratie
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_spk_regels, int_declaratieregels_status (voor de eerste declaratie)
with alle_regels as (
    select * from intermediate.int_declaratieregels_status
),

dubbel as (
    select * from intermediate.int_spk_regels where indicator = 'SPK04'
),

declaraties as (
    select
        signaal_sleutel('SPK04', aanbieder_agb, jaar, null) as signaal_id,
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
    from dubbel
),

-- The first declaration of the same prestatie, so a reviewer sees both side by side: the same
-- referentienummer, or the same client, provider and product in an overlapping period.
origineel as (
    select distinct on (d.aanbieder_agb, d.jaar, o.declaratieregel_id)
        signaal_sleutel('SPK04', d.aanbieder_agb, d.jaar, null) as signaal_id,
        'declaratie' as bron,
        o.declaratieregel_id,
        o.client_id,
        o.toewijzingnummer,
        o.referentienummer,
        o.productcode,
        o.begindatum,
        o.einddatum,
        o.geleverd_volume as volume,
        o.bedrag_eur,
        0.0 as onrechtmatig_eur,
        'eerste declaratie van deze prestatie (referentienummer ' || o.referentienummer
            || '); de dubbele regel herhaalt haar' as toelichting
    from dubbel as d
    inner join alle_regels as o
        on o.aanbieder_agb = d.aanbieder_agb
        and o.status <> 'dubbel'
        and (
            o.referentienummer = d.referentienummer
            or (o.client_id = d.client_id and o.productcode = d.productcode
                and o.begindatum <= d.einddatum and o.einddatum >= d.begindatum)
        )
),

final as (
    select * from declaraties
    union all
    select * from origineel
)

select * from final
