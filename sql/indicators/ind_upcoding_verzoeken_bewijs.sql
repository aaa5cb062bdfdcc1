-- doel: de verzoeken achter UPC05: de opwaartse verzoeken (315/317) van de beoordeelde
--   aanbieders, met de huidige toewijzing en de uitkomst
-- grain: één rij per opwaarts verzoek
-- sleutel: aanbieder_agb, reikwijdte, referentienummer (het verzoeknummer), productcode,
--   begindatum (leeg = geen gevraagde ingangsdatum)
-- bronnen: int_upc_verzoeken, ind_upcoding_verzoeken
with signalen as (
    select aanbieder_agb, jaar, reikwijdte from indicators.ind_upcoding_verzoeken
),

final as (
    select
        s.reikwijdte,
        'verzoek' as bron,
        v.aanbieder_agb,
        v.jaar,
        v.client_id,
        v.huidig_toewijzingnummer as toewijzingnummer,
        -- The request's own reference (ReferentieAanbieder) in the evidence's reference column.
        v.verzoeknummer as referentienummer,
        v.productcode,
        v.ingangsdatum as begindatum,
        v.einddatum,
        v.volume,
        0.0 as onrechtmatig_eur,
        'WMO' || v.soort || ' ' || v.verzoeknummer || ': '
            || case
                when v.is_zwaarder
                    then 'vraagt ' || v.productcode || ' (intensiteit ' || v.intensiteit
                    || ') waar ' || v.huidig_productcode || ' (intensiteit '
                    || v.huidig_intensiteit || ') is toegewezen'
                else 'vraagt ' || getal_tekst(v.volume_per_dag / eenheid_factor(v.eenheid) * 7, 1)
                    || ' ' || eenheid_in_zin(v.eenheid) || ' per week waar '
                    || getal_tekst(v.huidig_volume_per_dag / eenheid_factor(v.eenheid) * 7, 1)
                    || ' is toegewezen'
            end
            || '; uitkomst: ' || coalesce(v.uitkomst_gemeente, 'onbekend') as toelichting
    from intermediate.int_upc_verzoeken as v
    inner join signalen as s
        on s.aanbieder_agb = v.aanbieder_agb and s.jaar = v.jaar and s.reikwijdte = v.perceel
    where v.is_opwaarts
)

select * from final
