-- doel: de regelsignalen SPK01–SPK04 per aanbieder en jaar: onrechtmatige euro's, aandeel van
--   de declaraties, aantallen per status en of het materieel is (één materialiteitsregel)
-- grain: één rij per indicator × aanbieder_agb × jaar met minstens één regel
-- sleutel: indicator, aanbieder_agb, jaar
-- bronnen: int_spk_regels, int_aanbieder_jaar
-- parameters: materieel_min_eur, materieel_min_aandeel, materieel_altijd_eur (via is_materieel)
with regels as (
    select * from intermediate.int_spk_regels
),

per_aanbieder as (
    select
        indicator,
        any_value(signaal_id) as signaal_id,
        aanbieder_agb,
        jaar,
        cast(sum(onrechtmatig_eur) as decimal(18, 2)) as onrechtmatig_eur,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        count(distinct gemeentecode || '|' || toewijzingnummer) as aantal_toewijzingen,
        count(*) filter (where status = 'geen_toewijzing') as regels_geen_toewijzing,
        count(*) filter (where status = 'andere_aanbieder') as regels_andere_aanbieder,
        count(*) filter (where status = 'ander_product') as regels_ander_product,
        count(*) filter (where status = 'buiten_periode') as regels_buiten_periode,
        count(*) filter (where status = 'na_einde_zorg') as regels_na_einde_zorg,
        count(*) filter (where reden like '8021:%') as regels_zelfde_referentie,
        -- Declared volume relative to the allowed volume, on the lines with a period cap.
        sum(volume_basis) filter (where toegestaan_volume_basis > 0)
            / nullif(sum(toegestaan_volume_basis) filter (where toegestaan_volume_basis > 0), 0)
            as volume_factor
    from regels
    group by indicator, aanbieder_agb, jaar
),

final as (
    select
        p.*,
        o.gedeclareerd_eur,
        p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0) as aandeel_onrechtmatig,
        is_materieel(p.onrechtmatig_eur, o.gedeclareerd_eur) as gemarkeerd
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
