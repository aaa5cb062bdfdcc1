-- doel: wachttijden zoals aangeleverd: aantal wachtenden en gemiddelde wachttijd per aanbieder,
--   gemeente en perceel op een peildatum
-- grain: één rij per geladen regel
-- sleutel: bestand_id, regelnummer
-- bronnen: staging.wachttijden (ingest)
with final as (
    select
        bestand_id,
        regelnummer,
        aanbieder_agb,
        gemeentecode,
        perceel,
        peildatum,
        cast(year(peildatum) as integer) as jaar,
        aantal_wachtenden,
        cast(gemiddelde_wachttijd_dagen as double) as gemiddelde_wachttijd_dagen
    from staging.wachttijden
)

select * from final
