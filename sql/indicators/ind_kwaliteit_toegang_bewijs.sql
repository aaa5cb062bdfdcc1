-- doel: de bewijsregels achter KWA05: de signalen van de toegang over de aanbieder in het jaar,
--   met datum en soort
-- grain: één rij per melding, alleen voor signalen in KWA05
-- sleutel: geen (een melding heeft geen nummer: twee gelijke meldingen op één dag zijn twee rijen)
-- bronnen: ind_kwaliteit_toegang, int_meldingen_toegang
with final as (
    select
        s.aanbieder_agb,
        s.jaar,
        'melding' as bron,
        m.datum as begindatum,
        m.datum as einddatum,
        m.soort || coalesce(': ' || m.omschrijving, '') as toelichting
    from indicators.ind_kwaliteit_toegang as s
    inner join intermediate.int_meldingen_toegang as m
        on m.aanbieder_agb = s.aanbieder_agb and m.jaar = s.jaar
)

select * from final
