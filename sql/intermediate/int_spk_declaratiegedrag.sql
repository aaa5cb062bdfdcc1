-- doel: per ingediende debetregel de feiten over het declaratiegedrag achter SPK06: door de
--   gemeente afgewezen (WMO325), opnieuw gedeclareerd na een afwijzing of na herhaald crediteren,
--   en laat gedeclareerd
-- grain: één rij per debetregel (staand of gecrediteerd)
-- sleutel: declaratieregel_id
-- bronnen: int_declaraties_gesaldeerd, int_declaratieregels_status
-- parameters: laat_declareren_dagen
-- toelichting: een prestatie is hier dezelfde aanbieder, cliënt, productcode en periode; de
--   pogingen daarvoor staan op volgorde van declaratiedatum, bestand en regel.
--   is_afgewezen    de gemeente wees de regel af (status afgewezen_door_gemeente).
--   is_herdeclaratie  een eerdere poging voor dezelfde prestatie werd afgewezen, of er gingen
--                   al twee of meer gecrediteerde pogingen aan vooraf (herhaald crediteren en
--                   opnieuw declareren; één correctie met credit is gewoon).
--   is_laat         de declaratiedatum ligt meer dan laat_declareren_dagen na de einddatum van
--                   de prestatie (zonder declaratiedatum: niet laat).
--   is_opvallend    één van de drie.
with debet as (
    select
        g.declaratieregel_id,
        g.aanbieder_agb,
        g.gemeentecode,
        g.client_id,
        g.productcode,
        g.referentienummer,
        g.begindatum,
        g.einddatum,
        g.jaar,
        g.declaratiedatum,
        g.bestand_id,
        g.regelnummer,
        g.ingediend_bedrag_eur as bedrag_eur,
        g.rol,
        coalesce(s.is_afgewezen_door_gemeente, false) as is_afgewezen
    from intermediate.int_declaraties_gesaldeerd as g
    left join intermediate.int_declaratieregels_status as s
        on s.declaratieregel_id = g.declaratieregel_id
    where g.debet_credit = 'D'
),

pogingen as (
    select
        *,
        coalesce(count(*) filter (where is_afgewezen) over eerder, 0) as eerder_afgewezen,
        coalesce(count(*) filter (where rol = 'gecrediteerd') over eerder, 0)
            as eerder_gecrediteerd,
        row_number() over (
            partition by aanbieder_agb, client_id, productcode, begindatum, einddatum
            order by declaratiedatum nulls last, bestand_id, regelnummer
        ) as poging
    from debet
    window eerder as (
        partition by aanbieder_agb, client_id, productcode, begindatum, einddatum
        order by declaratiedatum nulls last, bestand_id, regelnummer
        rows between unbounded preceding and 1 preceding
    )
),

feiten as (
    select
        declaratieregel_id,
        aanbieder_agb,
        gemeentecode,
        client_id,
        productcode,
        referentienummer,
        begindatum,
        einddatum,
        jaar,
        declaratiedatum,
        bedrag_eur,
        rol,
        poging,
        is_afgewezen,
        eerder_afgewezen > 0 or eerder_gecrediteerd >= 2 as is_herdeclaratie,
        coalesce(
            declaratiedatum > einddatum + cast(getvariable('laat_declareren_dagen') as integer),
            false
        ) as is_laat,
        datediff('day', einddatum, declaratiedatum) as dagen_na_einde
    from pogingen
),

final as (
    select *, is_afgewezen or is_herdeclaratie or is_laat as is_opvallend from feiten
)

select * from final
