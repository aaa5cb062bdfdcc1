-- doel: de bewijsregels achter KWA04: elk bericht dat een ander bericht tegenspreekt, met in de
--   toelichting welk bericht het tegenspreekt
-- grain: één rij per tegenstrijdigheid van een aanbieder × jaar met een signaal in KWA04
-- sleutel: soort, bron, bestand_id, regelnummer
-- bronnen: int_tegenstrijdige_berichten
-- toelichting: een declaratieregel noemt alleen declaratieregel_id (de mart vult de regel aan);
--   een melding (bron zorgperiode) of een antwoord van de gemeente (bron antwoord) noemt zijn
--   aanbieder, jaar en gegevens zelf. onrechtmatig_eur alleen bij een declaratie na een
--   intrekking (het deel dat geen ander signaal al telt); anders 0 (administratief).
with final as (
    select
        soort,
        bron,
        bestand_id,
        regelnummer,
        declaratieregel_id,
        case when bron <> 'declaratie' then aanbieder_agb end as aanbieder_agb,
        case when bron <> 'declaratie' then jaar end as jaar,
        case when bron <> 'declaratie' then client_id end as client_id,
        case when bron <> 'declaratie' then toewijzingnummer end as toewijzingnummer,
        case when bron <> 'declaratie' then referentienummer end as referentienummer,
        case when bron <> 'declaratie' then begindatum end as begindatum,
        case when bron <> 'declaratie' then einddatum end as einddatum,
        coalesce(onrechtmatig_eur, 0) as onrechtmatig_eur,
        toelichting
    from intermediate.int_tegenstrijdige_berichten
)

select * from final
