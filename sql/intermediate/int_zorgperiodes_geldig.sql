-- doel: de start- en stopmeldingen (iWmo 305/307) die na correcties en verwijderingen gelden
-- grain: één rij per geldende start of stop: gemeente × aanbieder × cliënt × toewijzingnummer ×
--   begindatum × soort
-- sleutel: gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum, soort
-- bronnen: stg_zorgperiodes
-- toelichting: StatusAanlevering (LDT_StatusAanlevering): 1 eerste aanlevering, 2 gewijzigde
--   aanlevering (vervangt de eerdere melding met dezelfde sleutel), 3 verwijderen aanlevering
--   (trekt de eerdere melding met dezelfde sleutel in). De sleutel volgt de iWmo-regels: een
--   StartProduct (305) en een StopProduct (307) worden aangewezen door Bsn, ToewijzingNummer en
--   Begindatum (TR074 "al een eerder bericht met dezelfde sleutel", TR069, TR414/TR415 "gelijk
--   Bsn, ToewijzingNummer en Begindatum"); een start en een stop met die sleutel zijn twee
--   meldingen (soort start / stop, zie stg_zorgperiodes), en de gemeente en aanbieder van het
--   bericht horen er ook bij. Een correctie van de begindatum is in iWmo een verwijdering plus
--   een nieuwe melding. Per sleutel telt de laatst geladen melding (bestand, dan regel): is dat
--   een verwijdering, dan geldt er niets; anders die melding (een 2 vervangt de eerdere, een
--   latere 1 ook: de laatste aanlevering wint). aantal_aanleveringen en is_gecorrigeerd tonen
--   de geschiedenis van de sleutel.
with meldingen as (
    select
        *,
        row_number() over (
            partition by gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum, soort
            order by bestand_id desc, regelnummer desc
        ) as rang,
        count(*) over (
            partition by gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum, soort
        ) as aantal_aanleveringen
    from stg.stg_zorgperiodes
),

final as (
    select
        gemeentecode,
        aanbieder_agb,
        client_id,
        toewijzingnummer,
        begindatum,
        soort,
        einddatum,
        reden_beeindiging,
        productcategorie,
        productcode,
        status_aanlevering,
        aantal_aanleveringen,
        aantal_aanleveringen > 1 as is_gecorrigeerd,
        bestand_id,
        regelnummer
    from meldingen
    where rang = 1 and status_aanlevering <> '3'
)

select * from final
