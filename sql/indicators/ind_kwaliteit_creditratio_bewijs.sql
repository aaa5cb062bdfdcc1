-- doel: de declaratieregels achter KWA08: de gecrediteerde debetregels van de beoordeelde
--   aanbieders
-- grain: één rij per gecrediteerde debetregel
-- sleutel: declaratieregel_id
-- bronnen: int_spk_declaratiegedrag, ind_kwaliteit_creditratio
with signalen as (
    select aanbieder_agb, jaar from indicators.ind_kwaliteit_creditratio
),

final as (
    select
        'declaratie' as bron,
        r.declaratieregel_id,
        -- A gecrediteerd line is not in int_declaratieregels_status: name it here.
        r.aanbieder_agb,
        r.jaar,
        r.client_id,
        r.referentienummer,
        r.productcode,
        r.begindatum,
        r.einddatum,
        r.bedrag_eur,
        -- Credited money was booked back: nothing unlawful per line.
        0.0 as onrechtmatig_eur,
        'later gecrediteerd (poging ' || r.poging || ' voor deze prestatie'
            || case when r.declaratiedatum is not null
                then ', gedeclareerd op ' || strftime(r.declaratiedatum, '%d-%m-%Y')
                else ''
            end || ')' as toelichting
    from intermediate.int_spk_declaratiegedrag as r
    inner join signalen as s on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar
    where r.rol = 'gecrediteerd'
)

select * from final
