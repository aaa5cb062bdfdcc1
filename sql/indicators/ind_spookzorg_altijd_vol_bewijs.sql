-- doel: de cliëntmaanden achter SPK05 (piek op het volledige toegewezen volume): de regels op
--   het maximum van de beoordeelde aanbieders
-- grain: één rij per declaratieregel op (of boven) het volledige toegewezen volume
-- sleutel: reikwijdte, declaratieregel_id
-- bronnen: int_spk_realisatie, ind_spookzorg_altijd_vol
with final as (
    select
        s.reikwijdte,
        'declaratie' as bron,
        r.declaratieregel_id,
        -- A peer signal: no single line is unlawful by itself (onrechtmatig_eur stays empty).
        'het volledige toegewezen volume gedeclareerd: ' || getal_tekst(r.geleverd_volume, 2)
            || ' ' || eenheid_in_zin(r.eenheid) || ' van een maximum van '
            || getal_tekst(r.maximum_eenheden, 2) || ' (' || procent_tekst(r.realisatiegraad)
            || ')' as toelichting
    from intermediate.int_spk_realisatie as r
    inner join indicators.ind_spookzorg_altijd_vol as s
        on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar and s.perceel = r.perceel
    where r.op_maximum
)

select * from final
