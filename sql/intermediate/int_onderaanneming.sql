-- doel: elke relatie tussen een hoofdaannemer en een onderaannemer, uit het aanbiedersbestand en
--   uit de tabel onderaannemers samen, met de periode waarin de inzet mag (akkoord) en de
--   akkoordstatus
-- grain: één rij per hoofdaannemer × onderaannemer × begin van de geldigheid
-- sleutel: hoofdaannemer_agb, onderaannemer_agb, geldig_vanaf (leeg = open begin of onbekend)
-- bronnen: stg_onderaannemers, stg_aanbieders
-- toelichting: de regel waarmee de twee bronnen samengaan:
--   - aanbieders.hoofdaannemer_agb blijft geldig: hij noemt de relatie, zonder datums en zonder
--     akkoord (bron 'aanbieders', akkoord_status 'onbekend'). Zo'n relatie levert nooit een
--     signaal op: het aanbiedersbestand zegt niets over het akkoord.
--   - de tabel onderaannemers voegt datums en het akkoord toe (bron 'onderaannemers'). Staat
--     dezelfde relatie in beide, dan telt alleen de rij uit onderaannemers.
--   - akkoord_status: 'akkoord' als er een akkoord_datum is, 'geen akkoord' als de relatie in
--     onderaannemers staat zonder akkoord_datum, 'onbekend' als ze alleen in aanbieders staat.
--   - de inzet mag van akkoord_vanaf (de laatste van akkoord_datum en geldig_vanaf) tot en met
--     akkoord_tot (geldig_tot; leeg = open einde). Zonder akkoord is akkoord_vanaf leeg.
--   Dubbele rijen met hetzelfde begin gaan samen: het vroegste akkoord, het laatste einde (leeg
--   wint: open).
with tabel as (
    select
        hoofdaannemer_agb,
        onderaannemer_agb,
        geldig_vanaf,
        min(akkoord_datum) as akkoord_datum,
        case when bool_or(geldig_tot is null) then null else max(geldig_tot) end as geldig_tot
    from stg.stg_onderaannemers
    group by hoofdaannemer_agb, onderaannemer_agb, geldig_vanaf
),

uit_aanbieders as (
    select
        a.hoofdaannemer_agb,
        a.aanbieder_agb as onderaannemer_agb
    from stg.stg_aanbieders as a
    where
        a.hoofdaannemer_agb is not null
        and a.hoofdaannemer_agb <> a.aanbieder_agb
        and not exists (
            select 1
            from tabel as t
            where
                t.hoofdaannemer_agb = a.hoofdaannemer_agb
                and t.onderaannemer_agb = a.aanbieder_agb
        )
),

final as (
    select
        hoofdaannemer_agb,
        onderaannemer_agb,
        geldig_vanaf,
        geldig_tot,
        akkoord_datum,
        'onderaannemers' as bron,
        case when akkoord_datum is null then 'geen akkoord' else 'akkoord' end as akkoord_status,
        case
            when akkoord_datum is not null
                then greatest(akkoord_datum, coalesce(geldig_vanaf, akkoord_datum))
        end as akkoord_vanaf,
        case when akkoord_datum is not null then geldig_tot end as akkoord_tot
    from tabel
    union all
    select
        hoofdaannemer_agb,
        onderaannemer_agb,
        cast(null as date) as geldig_vanaf,
        cast(null as date) as geldig_tot,
        cast(null as date) as akkoord_datum,
        'aanbieders' as bron,
        'onbekend' as akkoord_status,
        cast(null as date) as akkoord_vanaf,
        cast(null as date) as akkoord_tot
    from uit_aanbieders
)

select * from final
