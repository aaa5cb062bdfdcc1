-- doel: de bewijsregels achter VOL03: de opwaartse herindicaties (toewijzingen) van de
--   beoordeelde aanbieders, elk met de toewijzing die zij opvolgt
-- grain: één rij per opwaartse herindicatie
-- sleutel: aanbieder_agb, jaar, reikwijdte, gemeentecode, toewijzingnummer
-- bronnen: int_vol_opschaling, ind_volume_opschaling
with signalen as (
    select aanbieder_agb, jaar, reikwijdte, deel from indicators.ind_volume_opschaling
),

final as (
    select
        s.reikwijdte,
        'toewijzing' as bron,
        o.aanbieder_agb,
        o.jaar,
        o.gemeentecode,
        o.client_id,
        o.toewijzingnummer,
        o.productcode,
        o.ingangsdatum as begindatum,
        o.einddatum,
        o.volume,
        0.0 as onrechtmatig_eur,
        'herindicatie van ' || o.vorig_toewijzingnummer || ' (' || o.vorig_productcode || ', '
            || getal_tekst(o.vorig_volume, 2) || ' ' || eenheid_in_zin(o.vorig_eenheid)
            || coalesce(' ' || frequentie_in_zin(o.vorig_frequentie), '') || ') naar '
            || o.productcode || ', ' || getal_tekst(o.volume, 2) || ' '
            || eenheid_in_zin(o.eenheid) || coalesce(' ' || frequentie_in_zin(o.frequentie), '')
            || case
                when o.vorig_reden_wijziging = '12'
                    then '; vorige toewijzing beëindigd op initiatief van de aanbieder (12)'
                when o.is_op_initiatief_aanbieder then '; op verzoek van de aanbieder (315/317)'
                else ''
            end
            || '; meerkosten ' || euro_tekst(o.meerkosten_eur) as toelichting
    from intermediate.int_vol_opschaling as o
    inner join signalen as s on s.aanbieder_agb = o.aanbieder_agb and s.jaar = o.jaar
    where o.is_opwaarts and (s.deel = 'opwaarts' or o.is_op_initiatief_aanbieder)
)

select * from final
