-- doel: de meldingen die KWA05 telt: signalen van de toegang (wijkteam, Wmo-consulent) en elke
--   andere soort melding die geen andere indicator gebruikt. KWA02 telt klachten en
--   calamiteiten, en het cijfer van het cliëntervaringsonderzoek is een score, geen melding;
--   al het andere (zoals 'signaal toegang') komt hier, zodat geen aangeleverde melding ongebruikt
--   blijft.
-- grain: één rij per melding
-- sleutel: geen (een melding heeft geen nummer: twee gelijke meldingen op één dag zijn twee rijen)
-- bronnen: stg_meldingen
with final as (
    select
        aanbieder_agb,
        jaar,
        datum,
        soort,
        omschrijving
    from stg.stg_meldingen
    -- The soorten of KWA02 (int_waarneming_kwaliteit_meldingen) and the client-experience score.
    where not (
        soort like 'klacht%'
        or soort like 'calamit%'
        or soort like 'cli_ntervaring%'
    )
)

select * from final
