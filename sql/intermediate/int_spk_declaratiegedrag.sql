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
        s.declaratieregel_id is not null as is_afgewezen
    from intermediate.int_declaraties_gesaldeerd as g
    -- Only the few rejected lines are looked up: a small hash table instead of one of every line.
    left join (
        select declaratieregel_id
        from intermediate.int_declaratieregels_status
        where is_afgewezen_door_gemeente
    ) as s
        on s.declaratieregel_id = g.declaratieregel_id
    where g.debet_credit = 'D'
),

-- Most prestaties have one attempt: count per prestatie first and number only the attempts of
-- a prestatie that was declared more than once, instead of a window over every debet line. A
-- single attempt is poging 1 with nothing before it.
-- Repeated prestaties are rare: candidates by a 64-bit hash of the prestatie (a number, cheap to
-- group and small to hold), the exact partition below decides. A hash shared by two different
-- prestaties only adds lines that are then each their own first attempt.
herhaalde_prestaties as (
    select hash(aanbieder_agb, client_id, productcode, begindatum, einddatum) as prestatiehash
    from debet
    group by prestatiehash
    having count(*) > 1
),

herhaalde_pogingen as (
    select
        d.declaratieregel_id,
        coalesce(count(*) filter (where d.is_afgewezen) over eerder, 0) as eerder_afgewezen,
        coalesce(count(*) filter (where d.rol = 'gecrediteerd') over eerder, 0)
            as eerder_gecrediteerd,
        row_number() over (
            partition by d.aanbieder_agb, d.client_id, d.productcode, d.begindatum, d.einddatum
            order by d.declaratiedatum nulls last, d.bestand_id, d.regelnummer
        ) as poging
    from debet as d
    semi join herhaalde_prestaties as h
        on h.prestatiehash
        = hash(d.aanbieder_agb, d.client_id, d.productcode, d.begindatum, d.einddatum)
    window eerder as (
        partition by d.aanbieder_agb, d.client_id, d.productcode, d.begindatum, d.einddatum
        order by d.declaratiedatum nulls last, d.bestand_id, d.regelnummer
        rows between unbounded preceding and 1 preceding
    )
),

pogingen as (
    select
        d.*,
        coalesce(h.eerder_afgewezen, 0) as eerder_afgewezen,
        coalesce(h.eerder_gecrediteerd, 0) as eerder_gecrediteerd,
        coalesce(h.poging, 1) as poging
    from debet as d
    left join herhaalde_pogingen as h on h.declaratieregel_id = d.declaratieregel_id
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
