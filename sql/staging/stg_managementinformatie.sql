-- doel: managementinformatie die een aanbieder zelf aanlevert (bijv. twee keer per jaar), voor
--   het CM-gesprek naast onze cijfers
-- grain: één rij per aanbieder × periode × kenmerk (bij dubbele aanlevering de laatst geladen)
-- sleutel: aanbieder_agb, periode, kenmerk
-- bronnen: staging.managementinformatie (ingest)
-- toelichting: kenmerk wordt klein geschreven zonder spaties rondom, zodat 'Aantal_clienten' en
--   'aantal_clienten' hetzelfde kenmerk zijn; waarde_getal is de waarde als getal waar dat kan
--   (met een komma: Nederlandse notatie, 1.234,5; zonder komma: 1234.5), anders leeg.
with bron as (
    select
        aanbieder_agb,
        periode,
        lower(trim(kenmerk)) as kenmerk,
        waarde,
        toelichting,
        bestand_id,
        regelnummer
    from staging.managementinformatie
),

laatste as (
    select * from bron
    qualify row_number() over (
        partition by aanbieder_agb, periode, kenmerk
        order by bestand_id desc, regelnummer desc
    ) = 1
),

final as (
    select
        aanbieder_agb,
        periode,
        cast(left(periode, 4) as integer) as jaar,
        kenmerk,
        waarde,
        case
            when waarde like '%,%'
                then try_cast(replace(replace(trim(waarde), '.', ''), ',', '.') as double)
            else try_cast(trim(waarde) as double)
        end as waarde_getal,
        toelichting
    from laatste
)

select * from final
