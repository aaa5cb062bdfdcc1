-- doel: de bewijsregels achter KWA06: de nieuwe toewijzingen waarop de zorg niet binnen
--   wachttijd_norm_dagen startte, met toewijzing, start en wachttijd
-- grain: één rij per lang wachtende nieuwe toewijzing van een aanbieder × perceel × jaar met
--   een signaal in KWA06
-- sleutel: gemeentecode, toewijzingnummer
-- bronnen: int_toewijzing_start_levering, ind_kwaliteit_wachttijd
-- parameters: wachttijd_norm_dagen
-- toelichting: dezelfde afbakening als int_waarneming_kwaliteit_wachttijd (nieuw, jaar van
--   toegewezen_vanaf); een toewijzing is geen declaratie, dus aanbieder, jaar en cliënt staan
--   erbij.
with signalen as (
    select aanbieder_agb, jaar, reikwijdte from indicators.ind_kwaliteit_wachttijd
),

final as (
    select
        'toewijzing' as bron,
        t.aanbieder_agb,
        year(t.toegewezen_vanaf) as jaar,
        s.reikwijdte,
        t.gemeentecode,
        t.client_id,
        t.toewijzingnummer,
        t.productcode,
        t.ingangsdatum as begindatum,
        t.einddatum,
        0.0 as onrechtmatig_eur,
        'toegewezen vanaf ' || t.toegewezen_vanaf
        || case
            when t.zorg_begindatum is null then '; geen start (305) gemeld'
            else '; start (305) op ' || t.zorg_begindatum || ', na '
                || datediff('day', t.toegewezen_vanaf, t.zorg_begindatum) || ' dagen'
        end as toelichting
    from intermediate.int_toewijzing_start_levering as t
    inner join signalen as s
        on s.aanbieder_agb = t.aanbieder_agb
        and s.jaar = year(t.toegewezen_vanaf)
        and s.reikwijdte = t.perceel
    where not t.is_vervolg
        and t.meldingen_vanaf is not null
        and t.toegewezen_vanaf
        >= t.meldingen_vanaf + cast(getvariable('tegenspraak_aanloop_dagen') as integer)
        and t.toegewezen_vanaf
        <= t.meldingen_tot - cast(getvariable('wachttijd_norm_dagen') as integer)
        -- Signals belong to the years of the loaded declarations, as every other indicator.
        and t.toegewezen_vanaf >= t.declaraties_vanaf
        and (
            t.zorg_begindatum
            > t.toegewezen_vanaf + cast(getvariable('wachttijd_norm_dagen') as integer)
            or (
                t.zorg_begindatum is null
                and t.einddatum_of_open
                >= t.toegewezen_vanaf + cast(getvariable('wachttijd_norm_dagen') as integer)
            )
        )
)

select * from final
