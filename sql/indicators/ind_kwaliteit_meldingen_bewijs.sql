-- doel: de bewijsregels achter KWA02: de klachten en calamiteiten van de aanbieder in het jaar
-- grain: één rij per melding, alleen voor signalen in KWA02
-- sleutel: geen (een melding heeft geen nummer: twee gelijke meldingen op één dag zijn twee rijen)
-- bronnen: ind_kwaliteit_meldingen, stg_meldingen
with final as (
    select
        s.aanbieder_agb,
        s.jaar,
        'melding' as bron,
        m.datum as begindatum,
        m.datum as einddatum,
        m.soort || coalesce(': ' || m.omschrijving, '') as toelichting
    from indicators.ind_kwaliteit_meldingen as s
    inner join stg.stg_meldingen as m
        on m.aanbieder_agb = s.aanbieder_agb
        and m.jaar = s.jaar
        and (m.soort like 'klacht%' or m.soort like 'calamit%')
)

select * from final
