-- doel: de cliëntmaanden (declaratieregels) met een realisatiegraad, en of ze precies op het
--   toegewezen volume liggen; de basis van 'altijd vol' (SPK05)
-- grain: één rij per staande declaratieregel met een realisatiegraad (inspanningsgerichte
--   eenheid en een toegewezen volume per periode)
-- sleutel: declaratieregel_id
-- bronnen: int_declaratieregels_status
-- toelichting: 'op het maximum' = |realisatiegraad − 1| ≤ 0,005: de demo en echte declaraties
--   ronden het maximum af op twee decimalen (12,857 uur wordt 12,85), dus exact gelijk is te
--   streng. Dubbele regels tellen niet mee: een kopie is geen tweede cliëntmaand.
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where realisatiegraad is not null
        and status <> 'dubbel'
),

final as (
    select
        declaratieregel_id,
        aanbieder_agb,
        jaar,
        perceel,
        gemeentecode,
        client_id,
        toewijzingnummer,
        referentienummer,
        productcode,
        begindatum,
        einddatum,
        geleverd_volume,
        eenheid,
        bedrag_eur,
        volume_basis,
        toegestaan_volume_basis,
        realisatiegraad,
        abs(realisatiegraad - 1) <= getvariable('altijd_vol_tolerantie') as op_maximum
    from regels
)

select * from final
