-- doel: de signalen van de toegang per aanbieder, elk met datum, soort en omschrijving, voor de
--   aanbiederpagina van toezicht (contractmanagement ziet alleen mart_toegangssignalen_telling)
-- grain: één rij per melding die KWA05 telt
-- sleutel: geen (een melding heeft geen nummer: twee gelijke meldingen op één dag zijn twee rijen)
-- bronnen: int_meldingen_toegang
with final as (
    select
        aanbieder_agb,
        cast(jaar as integer) as jaar,
        cast(quarter(datum) as integer) as kwartaal,
        datum,
        soort,
        omschrijving
    from intermediate.int_meldingen_toegang
)

select * from final
