-- doel: alle peerwaarnemingen onder elkaar in één lang formaat: de invoer van de gedeelde
--   peerstatistiek (int_peer_statistiek); een waarneming die een kolom weglaat, krijgt er null
-- grain: één rij per indicator × aanbieder_agb × jaar × reikwijdte
-- sleutel: indicator, aanbieder_agb, jaar, reikwijdte (leeg = de hele aanbieder in dat jaar)
-- bronnen: int_waarneming_kwaliteit_creditratio, int_waarneming_kwaliteit_meldingen,
--   int_waarneming_kwaliteit_onderlevering, int_waarneming_kwaliteit_slapend,
--   int_waarneming_kwaliteit_toegang, int_waarneming_kwaliteit_wachttijd,
--   int_waarneming_spookzorg_altijd_vol, int_waarneming_spookzorg_declaratiegedrag,
--   int_waarneming_spookzorg_zonder_start, int_waarneming_stapeling_intensiteit,
--   int_waarneming_stapeling_samenloop, int_waarneming_upcoding_aandeel_zwaar,
--   int_waarneming_upcoding_individueel_groep, int_waarneming_upcoding_verschuiving,
--   int_waarneming_upcoding_verzoeken, int_waarneming_volume_groei,
--   int_waarneming_volume_nieuw_snel, int_waarneming_volume_opschaling
-- gegenereerd: door `python -m pipelines.samengestelde_modellen` uit de bestanden en hun
--   kop; niet met de hand wijzigen (tests/sql/test_samengestelde_modellen.py vergelijkt)
with waarnemingen as (
    -- Alle kolommen met hun type: een model dat er een weglaat, krijgt er null.
    select null::varchar as indicator, null::varchar as aanbieder_agb, null::integer as jaar, null::varchar as reikwijdte, null::varchar as methode, null::double as teller, null::double as noemer, null::double as noemer_vorig, null::double as waarde, null::double as referentiewaarde, null::double as mad, null::double as krimp, null::integer as richting, null::varchar as spreidingsgroep, null::boolean as telt_voor_spreiding, null::decimal(18, 2) as financieel_belang, null::varchar as peergroep, null::double as eigen_drempel where false
    union all by name
    select * from intermediate.int_waarneming_kwaliteit_creditratio
    union all by name
    select * from intermediate.int_waarneming_kwaliteit_meldingen
    union all by name
    select * from intermediate.int_waarneming_kwaliteit_onderlevering
    union all by name
    select * from intermediate.int_waarneming_kwaliteit_slapend
    union all by name
    select * from intermediate.int_waarneming_kwaliteit_toegang
    union all by name
    select * from intermediate.int_waarneming_kwaliteit_wachttijd
    union all by name
    select * from intermediate.int_waarneming_spookzorg_altijd_vol
    union all by name
    select * from intermediate.int_waarneming_spookzorg_declaratiegedrag
    union all by name
    select * from intermediate.int_waarneming_spookzorg_zonder_start
    union all by name
    select * from intermediate.int_waarneming_stapeling_intensiteit
    union all by name
    select * from intermediate.int_waarneming_stapeling_samenloop
    union all by name
    select * from intermediate.int_waarneming_upcoding_aandeel_zwaar
    union all by name
    select * from intermediate.int_waarneming_upcoding_individueel_groep
    union all by name
    select * from intermediate.int_waarneming_upcoding_verschuiving
    union all by name
    select * from intermediate.int_waarneming_upcoding_verzoeken
    union all by name
    select * from intermediate.int_waarneming_volume_groei
    union all by name
    select * from intermediate.int_waarneming_volume_nieuw_snel
    union all by name
    select * from intermediate.int_waarneming_volume_opschaling
),

final as (
    select
        indicator,
        aanbieder_agb,
        cast(jaar as integer) as jaar,
        reikwijdte,
        methode,
        teller,
        noemer,
        noemer_vorig,
        waarde,
        referentiewaarde,
        mad,
        krimp,
        cast(richting as integer) as richting,
        spreidingsgroep,
        telt_voor_spreiding,
        cast(financieel_belang as decimal(18, 2)) as financieel_belang,
        peergroep,
        eigen_drempel
    from waarnemingen
)

select * from final
