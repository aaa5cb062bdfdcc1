-- doel: de declaratieregels van een onderaannemer zonder akkoord dat gold in de periode van de
--   regel (KWA09), met de reden
-- grain: één rij per staande declaratieregel van een onderaannemer zonder geldig akkoord
-- sleutel: declaratieregel_id
-- bronnen: int_declaratieregels_status, int_onderaanneming
-- toelichting: alleen wat de gegevens laten zien: de aanbieder_agb van de regel staat als
--   onderaannemer in de tabel onderaannemers (een relatie die alleen in
--   aanbieders.hoofdaannemer_agb
--   staat, zegt niets over het akkoord en telt niet). De regel is gedekt als een akkoord van die
--   onderaannemer (bij welke hoofdaannemer ook: de declaratie noemt die niet) de productperiode
--   raakt: akkoord_vanaf ≤ einddatum en akkoord_tot leeg of ≥ begindatum. Raakt geen akkoord de
--   periode, dan telt de regel. Een prestatie die de gemeente afwees (WMO325) is niet betaald en
--   telt niet mee.
with onderaannemers as (
    select
        onderaannemer_agb,
        string_agg(distinct hoofdaannemer_agb, ', ' order by hoofdaannemer_agb) as hoofdaannemers,
        bool_or(akkoord_datum is not null) as heeft_ooit_akkoord,
        min(akkoord_vanaf) as eerste_akkoord_vanaf
    from intermediate.int_onderaanneming
    where bron = 'onderaannemers'
    group by onderaannemer_agb
),

regels as (
    select
        r.declaratieregel_id,
        r.aanbieder_agb,
        r.jaar,
        r.client_id,
        r.begindatum,
        r.einddatum,
        r.bedrag_eur,
        o.hoofdaannemers,
        o.heeft_ooit_akkoord,
        o.eerste_akkoord_vanaf
    from intermediate.int_declaratieregels_status as r
    inner join onderaannemers as o on o.onderaannemer_agb = r.aanbieder_agb
    where
        not r.is_afgewezen_door_gemeente
        and not exists (
            select 1
            from intermediate.int_onderaanneming as a
            where
                a.onderaannemer_agb = r.aanbieder_agb
                and a.akkoord_vanaf is not null
                and a.akkoord_vanaf <= r.einddatum
                and (a.akkoord_tot is null or a.akkoord_tot >= r.begindatum)
        )
),

final as (
    select
        *,
        case
            when not heeft_ooit_akkoord
                then 'geen akkoord van de gemeente voor deze onderaannemer (hoofdaannemer '
                || hoofdaannemers || ')'
            when einddatum < eerste_akkoord_vanaf
                then 'geleverd vóór het akkoord (akkoord vanaf '
                || strftime(eerste_akkoord_vanaf, '%d-%m-%Y') || ', hoofdaannemer '
                || hoofdaannemers || ')'
            else 'buiten de periode van het akkoord (hoofdaannemer ' || hoofdaannemers || ')'
        end as reden
    from regels
)

select * from final
