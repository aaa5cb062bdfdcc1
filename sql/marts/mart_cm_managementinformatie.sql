-- doel: de managementinformatie die een aanbieder zelf aanleverde, naast ons cijfer voor
--   hetzelfde kenmerk in dezelfde periode, voor het CM-gesprek
-- grain: één rij per aanbieder × periode × kenmerk zoals aangeleverd
-- sleutel: aanbieder_agb, periode, kenmerk
-- bronnen: stg_managementinformatie, mart_cm_periode
-- toelichting: kenmerken met een eigen cijfer (onze_waarde; andere kenmerken staan er zonder):
--   aantal_clienten (unieke cliënten met declaraties), omzet (gedeclareerde euro's), instroom,
--   uitstroom (zie mart_cm_periode), doorlooptijd_dagen (mediaan dagen van toewijzing tot
--   start), aantal_wachtenden en wachttijd_dagen (uit de tabel wachttijden). is_clientaantal
--   zegt dat het kenmerk een aantal cliënten is (de rolweergave schermt een klein aantal af, ook
--   als de aanbieder het zelf opgaf).
with eigen as (
    select * from stg.stg_managementinformatie
),

ons as (
    select * from marts.mart_cm_periode
),

final as (
    select
        e.aanbieder_agb,
        e.periode,
        e.jaar,
        e.kenmerk,
        e.waarde as waarde_aanbieder,
        e.waarde_getal,
        e.toelichting,
        case e.kenmerk
            when 'aantal_clienten' then cast(o.aantal_clienten as double)
            when 'omzet' then cast(o.gedeclareerd_eur as double)
            when 'instroom' then cast(o.instroom as double)
            when 'uitstroom' then cast(o.uitstroom as double)
            when 'doorlooptijd_dagen' then cast(o.mediaan_dagen_tot_start as double)
            when 'aantal_wachtenden' then cast(o.aantal_wachtenden as double)
            when 'wachttijd_dagen' then o.gemiddelde_wachttijd_dagen
        end as onze_waarde,
        e.kenmerk in ('aantal_clienten', 'instroom', 'uitstroom', 'aantal_wachtenden')
            as is_clientaantal,
        o.aantal_clienten as aantal_clienten_aanbieder
    from eigen as e
    left join ons as o on o.aanbieder_agb = e.aanbieder_agb and o.periode = e.periode
)

select * from final
