-- doel: alle signalen van alle indicatoren in één tabel; indicator en categorie komen uit de kop
--   van het indicatorbestand, signaal_id uit indicator, aanbieder, jaar en reikwijdte (stabiel over
--   runs)
-- grain: één rij per signaal: indicator × aanbieder_agb × jaar × reikwijdte
-- sleutel: signaal_id
-- bronnen: ind_afwijkend_profiel, ind_kwaliteit_creditratio, ind_kwaliteit_meldingen,
--   ind_kwaliteit_onderaannemer_zonder_akkoord, ind_kwaliteit_onderlevering, ind_kwaliteit_slapend,
--   ind_kwaliteit_tegenstrijdige_berichten, ind_kwaliteit_toegang, ind_kwaliteit_verantwoording,
--   ind_kwaliteit_wachttijd, ind_spookzorg_altijd_vol, ind_spookzorg_boven_volume,
--   ind_spookzorg_buiten_periode, ind_spookzorg_declaratiegedrag, ind_spookzorg_dubbel,
--   ind_spookzorg_zonder_start, ind_spookzorg_zonder_toewijzing, ind_stapeling_intensiteit,
--   ind_stapeling_samenloop, ind_upcoding_aandeel_zwaar, ind_upcoding_boven_contracttarief,
--   ind_upcoding_individueel_groep, ind_upcoding_verschuiving, ind_upcoding_verzoeken,
--   ind_upcoding_zwaarder_dan_toegewezen, ind_volume_groei, ind_volume_nieuw_snel,
--   ind_volume_opschaling
-- gegenereerd: door `python -m pipelines.samengestelde_modellen` uit de bestanden en hun
--   kop; niet met de hand wijzigen (tests/sql/test_samengestelde_modellen.py vergelijkt)
with signalen as (
    -- Alle kolommen met hun type: een model dat er een weglaat, krijgt er null.
    select null::varchar as indicator, null::varchar as categorie, null::varchar as aanbieder_agb, null::integer as jaar, null::varchar as gemeentecode, null::varchar as perceel, null::varchar as productcode, null::double as waarde, null::double as referentiewaarde, null::double as afwijking, null::decimal(18, 2) as financieel_belang, null::integer as aantal_clienten, null::boolean as gemarkeerd, null::double as sterkte, null::varchar as peergroep, null::varchar as toelichting, null::varchar as reikwijdte where false
    union all by name
    select 'PRF01' as indicator, * from indicators.ind_afwijkend_profiel
    union all by name
    select 'KWA08' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_creditratio
    union all by name
    select 'KWA02' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_meldingen
    union all by name
    select 'KWA09' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_onderaannemer_zonder_akkoord
    union all by name
    select 'KWA01' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_onderlevering
    union all by name
    select 'KWA07' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_slapend
    union all by name
    select 'KWA04' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_tegenstrijdige_berichten
    union all by name
    select 'KWA05' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_toegang
    union all by name
    select 'KWA03' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_verantwoording
    union all by name
    select 'KWA06' as indicator, 'kwaliteit' as categorie, * from indicators.ind_kwaliteit_wachttijd
    union all by name
    select 'SPK05' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_altijd_vol
    union all by name
    select 'SPK03' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_boven_volume
    union all by name
    select 'SPK02' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_buiten_periode
    union all by name
    select 'SPK06' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_declaratiegedrag
    union all by name
    select 'SPK04' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_dubbel
    union all by name
    select 'SPK07' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_zonder_start
    union all by name
    select 'SPK01' as indicator, 'spookzorg' as categorie, * from indicators.ind_spookzorg_zonder_toewijzing
    union all by name
    select 'STP02' as indicator, 'stapeling' as categorie, * from indicators.ind_stapeling_intensiteit
    union all by name
    select 'STP01' as indicator, 'stapeling' as categorie, * from indicators.ind_stapeling_samenloop
    union all by name
    select 'UPC01' as indicator, 'upcoding' as categorie, * from indicators.ind_upcoding_aandeel_zwaar
    union all by name
    select 'UPC04' as indicator, 'upcoding' as categorie, * from indicators.ind_upcoding_boven_contracttarief
    union all by name
    select 'UPC06' as indicator, 'upcoding' as categorie, * from indicators.ind_upcoding_individueel_groep
    union all by name
    select 'UPC02' as indicator, 'upcoding' as categorie, * from indicators.ind_upcoding_verschuiving
    union all by name
    select 'UPC05' as indicator, 'upcoding' as categorie, * from indicators.ind_upcoding_verzoeken
    union all by name
    select 'UPC03' as indicator, 'upcoding' as categorie, * from indicators.ind_upcoding_zwaarder_dan_toegewezen
    union all by name
    select 'VOL01' as indicator, 'volume' as categorie, * from indicators.ind_volume_groei
    union all by name
    select 'VOL02' as indicator, 'volume' as categorie, * from indicators.ind_volume_nieuw_snel
    union all by name
    select 'VOL03' as indicator, 'volume' as categorie, * from indicators.ind_volume_opschaling
),

-- Per indicator uit de kop: soort geld en baan van de rangorde.
indeling (indicator, soort_belang, baan) as (
    values
        ('PRF01', 'schatting', 'risico'),
        ('KWA08', 'geen', 'risico'),
        ('KWA02', 'geen', 'zorg'),
        ('KWA09', 'schatting', 'risico'),
        ('KWA01', 'geen', 'zorg'),
        ('KWA07', 'geen', 'zorg'),
        ('KWA04', 'geen', 'risico'),
        ('KWA05', 'geen', 'zorg'),
        ('KWA03', 'schatting', 'risico'),
        ('KWA06', 'geen', 'zorg'),
        ('SPK05', 'schatting', 'risico'),
        ('SPK03', 'onrechtmatig', 'rechtmatigheid'),
        ('SPK02', 'onrechtmatig', 'rechtmatigheid'),
        ('SPK06', 'schatting', 'risico'),
        ('SPK04', 'onrechtmatig', 'rechtmatigheid'),
        ('SPK07', 'schatting', 'risico'),
        ('SPK01', 'onrechtmatig', 'rechtmatigheid'),
        ('STP02', 'schatting', 'risico'),
        ('STP01', 'schatting', 'risico'),
        ('UPC01', 'schatting', 'risico'),
        ('UPC04', 'onrechtmatig', 'rechtmatigheid'),
        ('UPC06', 'schatting', 'risico'),
        ('UPC02', 'schatting', 'risico'),
        ('UPC05', 'schatting', 'risico'),
        ('UPC03', 'onrechtmatig', 'rechtmatigheid'),
        ('VOL01', 'schatting', 'risico'),
        ('VOL02', 'schatting', 'risico'),
        ('VOL03', 'schatting', 'risico')
),

final as (
    select
        signaal_sleutel(indicator, aanbieder_agb, jaar, reikwijdte) as signaal_id,
        indicator,
        categorie,
        aanbieder_agb,
        cast(jaar as integer) as jaar,
        gemeentecode,
        perceel,
        productcode,
        waarde,
        referentiewaarde,
        afwijking,
        cast(financieel_belang as decimal(18, 2)) as financieel_belang,
        cast(aantal_clienten as integer) as aantal_clienten,
        gemarkeerd,
        sterkte,
        peergroep,
        toelichting,
        reikwijdte,
        cast(case when i.soort_belang = 'onrechtmatig' then financieel_belang else 0 end as decimal(18, 2)) as onrechtmatig_eur,
        cast(case when i.soort_belang = 'schatting' then financieel_belang else 0 end as decimal(18, 2)) as geschat_belang_eur,
        i.soort_belang,
        i.baan
    from signalen
    left join indeling as i using (indicator)
)

select * from final
