-- doel: per toewijzing wanneer zij toegewezen werd, wanneer de zorg startte (305) en stopte
--   (307) en wanneer de aanbieder erop declareerde, met het venster van de geladen meldingen en
--   declaraties van de gemeente; de gedeelde basis van SPK07 (declaratie zonder startbericht),
--   KWA06 (wachttijd tot de start) en KWA07 (slapende toewijzingen)
-- grain: één rij per gemeentecode × toewijzingnummer (de geldende versie)
-- sleutel: gemeentecode, toewijzingnummer
-- bronnen: int_toewijzingen_actueel, int_toewijzing_historie, int_zorgperiodes_geldig,
--   int_zorgperiodes_per_toewijzing, int_declaratieregels_status
-- toelichting: toegewezen_vanaf is de dag waarop de cliënt op zijn vroegst kon starten: de
--   ingangsdatum, of de eerste toewijzingsdatum als de gemeente pas later besloot (met
--   terugwerkende kracht). is_vervolg: dezelfde cliënt had bij dezelfde aanbieder al een
--   toewijzing in dezelfde productcategorie die tot hoogstens overlap_dagen_overstap dagen vóór
--   deze ingangsdatum liep (een herindicatie: de zorg loopt door, er wordt niet gewacht).
--   Declaraties tellen alleen als ze van de aanbieder en cliënt van de toewijzing zijn (anders
--   is het SPK01) en de gemeente ze niet afwees. meldingen_vanaf / meldingen_tot: de vroegste
--   begindatum en de laatste datum (begin of eind) van de geldende meldingen van de gemeente;
--   leeg = de gemeente leverde geen meldingen aan (een export zonder 305/307): dan valt er over
--   starten en stoppen niets te zeggen. declaraties_vanaf: de eerste geladen prestatie van de
--   gemeente;
--   aanbieder_laatste_declaratiemaand: de laatste maand waarin de aanbieder bij de gemeente
--   declareerde (wat daarna komt, kan nog onderweg zijn).
with toewijzingen as (
    select * from intermediate.int_toewijzingen_actueel
),

eerste_besluit as (
    select gemeentecode, toewijzingnummer, min(toewijzingsdatum) as eerste_toewijzingsdatum
    from intermediate.int_toewijzing_historie
    group by gemeentecode, toewijzingnummer
),

vervolg as (
    select distinct
        t.gemeentecode,
        t.toewijzingnummer
    from toewijzingen as t
    inner join toewijzingen as v
        on v.client_id = t.client_id
        and v.aanbieder_agb = t.aanbieder_agb
        and v.productcategorie = t.productcategorie
        and v.ingangsdatum < t.ingangsdatum
        and v.einddatum_of_open
        >= t.ingangsdatum - cast(getvariable('overlap_dagen_overstap') as integer)
),

meldingen_gemeente as (
    select
        gemeentecode,
        min(begindatum) as meldingen_vanaf,
        max(greatest(begindatum, coalesce(einddatum, begindatum))) as meldingen_tot
    from intermediate.int_zorgperiodes_geldig
    group by gemeentecode
),

declaraties_gemeente as (
    select gemeentecode, min(begindatum) as declaraties_vanaf
    from intermediate.int_declaratieregels_status
    group by gemeentecode
),

declaraties_aanbieder as (
    select
        gemeentecode,
        aanbieder_agb,
        date_trunc('month', max(begindatum)) as aanbieder_laatste_declaratiemaand
    from intermediate.int_declaratieregels_status
    group by gemeentecode, aanbieder_agb
),

-- The provider's own declarations on its own toewijzing, not rejected by the gemeente.
gedeclareerd as (
    select
        t.gemeentecode,
        t.toewijzingnummer,
        min(r.begindatum) as eerste_prestatie_datum,
        max(r.einddatum) as laatste_prestatie_datum,
        count(*) as aantal_regels,
        cast(sum(r.bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur
    from toewijzingen as t
    inner join intermediate.int_declaratieregels_status as r
        on r.gemeentecode = t.gemeentecode
        and r.toewijzingnummer = t.toewijzingnummer
        and r.aanbieder_agb = t.aanbieder_agb
        and r.client_id = t.client_id
    where r.status <> 'afgewezen_door_gemeente'
    group by t.gemeentecode, t.toewijzingnummer
),

final as (
    select
        t.gemeentecode,
        t.toewijzingnummer,
        t.aanbieder_agb,
        t.client_id,
        t.productcategorie,
        t.productcode,
        t.perceel,
        t.ingangsdatum,
        t.einddatum,
        t.einddatum_of_open,
        b.eerste_toewijzingsdatum,
        greatest(t.ingangsdatum, coalesce(b.eerste_toewijzingsdatum, t.ingangsdatum))
            as toegewezen_vanaf,
        v.toewijzingnummer is not null as is_vervolg,
        z.eerste_begindatum as zorg_begindatum,
        z.zorg_einddatum,
        z.toewijzingnummer is not null as heeft_startbericht,
        d.eerste_prestatie_datum,
        d.laatste_prestatie_datum,
        coalesce(d.aantal_regels, 0) as aantal_regels,
        coalesce(d.gedeclareerd_eur, 0) as gedeclareerd_eur,
        mg.meldingen_vanaf,
        mg.meldingen_tot,
        dg.declaraties_vanaf,
        da.aanbieder_laatste_declaratiemaand
    from toewijzingen as t
    left join eerste_besluit as b
        on b.gemeentecode = t.gemeentecode and b.toewijzingnummer = t.toewijzingnummer
    left join vervolg as v
        on v.gemeentecode = t.gemeentecode and v.toewijzingnummer = t.toewijzingnummer
    left join intermediate.int_zorgperiodes_per_toewijzing as z
        on z.gemeentecode = t.gemeentecode and z.toewijzingnummer = t.toewijzingnummer
    left join gedeclareerd as d
        on d.gemeentecode = t.gemeentecode and d.toewijzingnummer = t.toewijzingnummer
    left join meldingen_gemeente as mg on mg.gemeentecode = t.gemeentecode
    left join declaraties_gemeente as dg on dg.gemeentecode = t.gemeentecode
    left join declaraties_aanbieder as da
        on da.gemeentecode = t.gemeentecode and da.aanbieder_agb = t.aanbieder_agb
)

select * from final
