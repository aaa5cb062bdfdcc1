-- doel: de bewijsregels van alle signalen in één tabel: elk bewijsmodel ind_<naam>_bewijs bij het
--   signaal van ind_<naam> met dezelfde aanbieder, hetzelfde jaar en dezelfde reikwijdte; een
--   declaratieregel (bron declaratie) krijgt zijn gegevens van de regel zelf
-- grain: één rij per bewijsregel van een signaal
-- sleutel: geen (niet elke bewijsregel heeft een nummer, zoals een melding; elk bewijsmodel
--   controleert zijn eigen sleutel, en een regel zonder signaal stopt de run)
-- bronnen: ind_kwaliteit_creditratio_bewijs, ind_kwaliteit_meldingen_bewijs,
--   ind_kwaliteit_onderaannemer_zonder_akkoord_bewijs, ind_kwaliteit_onderlevering_bewijs,
--   ind_kwaliteit_slapend_bewijs, ind_kwaliteit_tegenstrijdige_berichten_bewijs,
--   ind_kwaliteit_toegang_bewijs, ind_kwaliteit_verantwoording_bewijs,
--   ind_kwaliteit_wachttijd_bewijs, ind_spookzorg_altijd_vol_bewijs,
--   ind_spookzorg_boven_volume_bewijs, ind_spookzorg_buiten_periode_bewijs,
--   ind_spookzorg_declaratiegedrag_bewijs, ind_spookzorg_dubbel_bewijs,
--   ind_spookzorg_zonder_start_bewijs, ind_spookzorg_zonder_toewijzing_bewijs,
--   ind_stapeling_intensiteit_bewijs, ind_stapeling_samenloop_bewijs,
--   ind_upcoding_aandeel_zwaar_bewijs, ind_upcoding_boven_contracttarief_bewijs,
--   ind_upcoding_individueel_groep_bewijs, ind_upcoding_verschuiving_bewijs,
--   ind_upcoding_verzoeken_bewijs, ind_upcoding_zwaarder_dan_toegewezen_bewijs,
--   ind_volume_groei_bewijs, ind_volume_nieuw_snel_bewijs, ind_volume_opschaling_bewijs,
--   mart_signalen, int_declaratieregels_status
-- gegenereerd: door `python -m pipelines.samengestelde_modellen` uit de bestanden en hun
--   kop; niet met de hand wijzigen (tests/sql/test_samengestelde_modellen.py vergelijkt)
with bewijs as (
    -- Alle kolommen met hun type: een model dat er een weglaat, krijgt er null.
    select null::varchar as indicator, null::varchar as aanbieder_agb, null::integer as jaar, null::varchar as reikwijdte, null::varchar as bron, null::varchar as declaratieregel_id, null::varchar as gemeentecode, null::varchar as declaratienummer, null::varchar as client_id, null::varchar as toewijzingnummer, null::varchar as referentienummer, null::varchar as productcode, null::date as begindatum, null::date as einddatum, null::double as volume, null::decimal(18, 2) as bedrag_eur, null::decimal(18, 2) as onrechtmatig_eur, null::varchar as retourcode, null::varchar as toelichting where false
    union all by name
    select 'KWA08' as indicator, * from indicators.ind_kwaliteit_creditratio_bewijs
    union all by name
    select 'KWA02' as indicator, * from indicators.ind_kwaliteit_meldingen_bewijs
    union all by name
    select 'KWA09' as indicator, * from indicators.ind_kwaliteit_onderaannemer_zonder_akkoord_bewijs
    union all by name
    select 'KWA01' as indicator, * from indicators.ind_kwaliteit_onderlevering_bewijs
    union all by name
    select 'KWA07' as indicator, * from indicators.ind_kwaliteit_slapend_bewijs
    union all by name
    select 'KWA04' as indicator, * from indicators.ind_kwaliteit_tegenstrijdige_berichten_bewijs
    union all by name
    select 'KWA05' as indicator, * from indicators.ind_kwaliteit_toegang_bewijs
    union all by name
    select 'KWA03' as indicator, * from indicators.ind_kwaliteit_verantwoording_bewijs
    union all by name
    select 'KWA06' as indicator, * from indicators.ind_kwaliteit_wachttijd_bewijs
    union all by name
    select 'SPK05' as indicator, * from indicators.ind_spookzorg_altijd_vol_bewijs
    union all by name
    select 'SPK03' as indicator, * from indicators.ind_spookzorg_boven_volume_bewijs
    union all by name
    select 'SPK02' as indicator, * from indicators.ind_spookzorg_buiten_periode_bewijs
    union all by name
    select 'SPK06' as indicator, * from indicators.ind_spookzorg_declaratiegedrag_bewijs
    union all by name
    select 'SPK04' as indicator, * from indicators.ind_spookzorg_dubbel_bewijs
    union all by name
    select 'SPK07' as indicator, * from indicators.ind_spookzorg_zonder_start_bewijs
    union all by name
    select 'SPK01' as indicator, * from indicators.ind_spookzorg_zonder_toewijzing_bewijs
    union all by name
    select 'STP02' as indicator, * from indicators.ind_stapeling_intensiteit_bewijs
    union all by name
    select 'STP01' as indicator, * from indicators.ind_stapeling_samenloop_bewijs
    union all by name
    select 'UPC01' as indicator, * from indicators.ind_upcoding_aandeel_zwaar_bewijs
    union all by name
    select 'UPC04' as indicator, * from indicators.ind_upcoding_boven_contracttarief_bewijs
    union all by name
    select 'UPC06' as indicator, * from indicators.ind_upcoding_individueel_groep_bewijs
    union all by name
    select 'UPC02' as indicator, * from indicators.ind_upcoding_verschuiving_bewijs
    union all by name
    select 'UPC05' as indicator, * from indicators.ind_upcoding_verzoeken_bewijs
    union all by name
    select 'UPC03' as indicator, * from indicators.ind_upcoding_zwaarder_dan_toegewezen_bewijs
    union all by name
    select 'VOL01' as indicator, * from indicators.ind_volume_groei_bewijs
    union all by name
    select 'VOL02' as indicator, * from indicators.ind_volume_nieuw_snel_bewijs
    union all by name
    select 'VOL03' as indicator, * from indicators.ind_volume_opschaling_bewijs
),

final as (
    select
        s.signaal_id,
        b.bron as bron,
        b.declaratieregel_id as declaratieregel_id,
        coalesce(b.gemeentecode, r.gemeentecode) as gemeentecode,
        coalesce(b.declaratienummer, r.declaratienummer) as declaratienummer,
        coalesce(b.client_id, r.client_id) as client_id,
        coalesce(b.toewijzingnummer, r.toewijzingnummer) as toewijzingnummer,
        coalesce(b.referentienummer, r.referentienummer) as referentienummer,
        coalesce(b.productcode, r.productcode) as productcode,
        coalesce(b.begindatum, r.begindatum) as begindatum,
        coalesce(b.einddatum, r.einddatum) as einddatum,
        coalesce(b.volume, r.geleverd_volume) as volume,
        cast(coalesce(b.bedrag_eur, r.bedrag_eur) as decimal(18, 2)) as bedrag_eur,
        cast(case when s.soort_belang = 'schatting' and b.onrechtmatig_eur is not null then 0 else b.onrechtmatig_eur end as decimal(18, 2)) as onrechtmatig_eur,
        cast(case when s.soort_belang = 'schatting' then b.onrechtmatig_eur end as decimal(18, 2)) as geschat_belang_eur,
        coalesce(b.retourcode, r.retourcode) as retourcode,
        b.toelichting as toelichting
    from bewijs as b
    left join intermediate.int_declaratieregels_status as r
        on b.bron = 'declaratie' and r.declaratieregel_id = b.declaratieregel_id
    -- A declaration line belongs to its own provider and year unless the evidence
    -- says otherwise (a repeated declaration from an earlier year). Evidence without
    -- its signal keeps an empty signaal_id: assert_bewijs_hoort_bij_signaal stops the
    -- run.
    left join marts.mart_signalen as s
        on (s.indicator, s.aanbieder_agb, s.jaar, s.reikwijdte) is not distinct from (
            b.indicator,
            coalesce(b.aanbieder_agb, r.aanbieder_agb),
            coalesce(b.jaar, r.jaar),
            b.reikwijdte
        )
)

select * from final
