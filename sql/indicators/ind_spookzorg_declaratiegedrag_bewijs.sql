-- doel: de declaratieregels achter SPK06: de opvallende debetregels (afgewezen, herdeclaratie,
--   laat) van de beoordeelde aanbieders, ook gecrediteerde
-- grain: één rij per opvallende debetregel
-- sleutel: declaratieregel_id
-- bronnen: int_spk_declaratiegedrag, ind_spookzorg_declaratiegedrag
with signalen as (
    select aanbieder_agb, jaar from indicators.ind_spookzorg_declaratiegedrag
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
        -- A peer signal, and a rejected line was not paid: nothing unlawful per line.
        0.0 as onrechtmatig_eur,
        concat_ws(
            '; ',
            case when r.is_afgewezen then 'afgewezen door de gemeente (WMO325)' end,
            case
                when r.is_herdeclaratie
                    then 'poging ' || r.poging || ' voor deze prestatie, na afwijzing of '
                    || 'herhaald crediteren'
            end,
            case
                when r.is_laat then 'gedeclareerd ' || r.dagen_na_einde || ' dagen na de periode'
            end,
            case when r.rol = 'gecrediteerd' then 'later gecrediteerd' end
        ) as toelichting
    from intermediate.int_spk_declaratiegedrag as r
    inner join signalen as s on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar
    where r.is_opvallend
)

select * from final
