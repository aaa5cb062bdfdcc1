-- doel: het vorderingsoverzicht waarmee een gemeente haar terugvordering voorbereidt: elke
--   declaratieregel met hard onrechtmatig geld uit een gemarkeerd regelsignaal, met aanbieder,
--   declaratie, prestatie, periode, bedrag, onrechtmatig bedrag, iWmo-retourcode en reden; zonder
--   cliëntnummer (de regel is aan declaratie- en referentienummer te herkennen)
-- grain: één rij per declaratieregel × regelsignaal met onrechtmatig geld
-- sleutel: declaratieregel_id, indicator
-- bronnen: int_regelsignaal_regels, mart_signalen, mart_signaal_bewijsregels, int_aanbieders
with regels as (
    select * from intermediate.int_regelsignaal_regels
),

signalen as (
    select signaal_id, indicator, aanbieder_agb, jaar
    from marts.mart_signalen
    where soort_belang = 'onrechtmatig' and gemarkeerd
),

bewijs as (
    select signaal_id, declaratieregel_id, retourcode, toelichting
    from marts.mart_signaal_bewijsregels
    where bron = 'declaratie'
),

final as (
    select
        s.signaal_id,
        r.gemeentecode,
        r.aanbieder_agb,
        coalesce(a.naam, r.aanbieder_agb) as aanbieder_naam,
        r.jaar,
        r.declaratienummer,
        r.referentienummer,
        r.declaratieregel_id,
        r.perceel,
        r.productcode,
        r.begindatum,
        r.einddatum,
        cast(r.bedrag_eur as decimal(18, 2)) as bedrag_eur,
        cast(r.onrechtmatig_eur as decimal(18, 2)) as onrechtmatig_eur,
        b.retourcode,
        r.indicator,
        b.toelichting as reden
    from regels as r
    inner join signalen as s
        on s.indicator = r.indicator and s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar
    left join bewijs as b
        on b.signaal_id = s.signaal_id and b.declaratieregel_id = r.declaratieregel_id
    left join intermediate.int_aanbieders as a on a.aanbieder_agb = r.aanbieder_agb
    where r.onrechtmatig_eur > 0
)

select * from final
