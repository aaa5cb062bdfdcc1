-- doel: de bewijsregels achter KWA02: de klachten en calamiteiten van de aanbieder in het jaar
-- grain: één rij per melding, alleen voor signalen in KWA02
-- sleutel: geen (een melding heeft geen nummer: twee gelijke meldingen op één dag zijn
--   twee rijen)
-- bronnen: ind_kwaliteit_meldingen, stg_meldingen
with signalen as (
    select signaal_id, aanbieder_agb, jaar from indicators.ind_kwaliteit_meldingen
),

final as (
    select
        s.signaal_id,
        'melding' as bron,
        null as declaratieregel_id,
        null as client_id,
        null as toewijzingnummer,
        null as referentienummer,
        null as productcode,
        m.datum as begindatum,
        m.datum as einddatum,
        cast(null as double) as volume,
        cast(null as double) as bedrag_eur,
        cast(null as double) as onrechtmatig_eur,
        m.soort || coalesce(': ' || m.omschrijving, '') as toelichting
    from signalen as s
    inner join stg.stg_meldingen as m
        on m.aanbieder_agb = s.aanbieder_agb
        and m.jaar = s.jaar
        and (m.soort like 'klacht%' or m.soort like 'calamit%')
)

select * from final
