-- doel: de cliëntmaanden achter SPK05 (altijd precies het toegewezen volume): de regels op het
--   maximum van de beoordeelde aanbieders
-- grain: één rij per declaratieregel op het toegewezen volume
-- sleutel: signaal_id, declaratieregel_id
-- bronnen: int_spk_realisatie, ind_spookzorg_altijd_vol
with signalen as (
    select signaal_id, aanbieder_agb, jaar, perceel
    from indicators.ind_spookzorg_altijd_vol
),

final as (
    select
        s.signaal_id,
        'declaratie' as bron,
        r.declaratieregel_id,
        r.client_id,
        r.toewijzingnummer,
        r.referentienummer,
        r.productcode,
        r.begindatum,
        r.einddatum,
        r.geleverd_volume as volume,
        r.bedrag_eur,
        -- A peer signal: no single line is unlawful by itself.
        null as onrechtmatig_eur,
        'precies het toegewezen volume gedeclareerd (realisatiegraad '
            || procent_tekst(r.realisatiegraad) || ')' as toelichting
    from intermediate.int_spk_realisatie as r
    inner join signalen as s
        on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar and s.perceel = r.perceel
    where r.op_maximum
)

select * from final
