-- doel: de prognose die een controller kan verdedigen, per gemeente en perceel (zorgsoort): de
--   realisatie, wat van de geleverde maanden nog gedeclareerd gaat worden (completeringsfactoren),
--   de maanden die nog moeten komen (dezelfde maanden vorig jaar, geschaald), de begroting, de
--   uitputting en het verwachte resultaat; de bron van de tabel 'vermoedelijke kosten' en van
--   `export prognose`
-- grain: één rij per jaar × gemeentecode × perceel met declaraties of een begroting
-- sleutel: jaar, gemeentecode, perceel
-- bronnen: int_declaratieregels_status, mart_prognose_completeringsfactoren, stg_begroting,
--   stg_gemeenten
-- toelichting: zorgmaand = maand van de begindatum van de prestatie; alleen betaalde regels.
--   peildatum = de laatste declaratiedatum in de gegevens; laatste_zorgmaand = de laatste
--   zorgmaand met declaraties. Elke zorgmaand t/m laatste_zorgmaand wordt gedeeld door de
--   completeringsfactor van zijn perceel (anders de regio, anders 1) bij het aantal maanden
--   tussen die maand en de peildatum; na 12 maanden is een maand compleet. Een factor 0 (de
--   historie kent zo vroeg nog geen declaraties) corrigeert niet: delen kan dan niet.
--   nog_te_declareren_eur = gecompleteerd − gerealiseerd. In het jaar van laatste_zorgmaand komen
--   de latere maanden (nog_te_leveren_eur) uit dezelfde maanden vorig jaar (gecompleteerd) maal
--   de verhouding dit jaar / vorig jaar over de maanden t/m laatste_zorgmaand (zonder vorig jaar:
--   1). uitputting_eur = gerealiseerd + nog te declareren; prognose_jaar_eur = uitputting + nog
--   te leveren; verwacht_resultaat_eur = begroting − prognose (positief: onderschrijding).
--   completeringsfactor = gerealiseerd / uitputting (1 = niets meer te verwachten). De index
--   (prijsstijging) voor het volgende jaar past het dashboard of de export toe
--   (pipelines/exports/excel_prognose.py); standaard_index_procent is die van de run.
-- parameters: prognose_index_procent
with regels as (
    select gemeentecode, perceel, maand, client_id, bedrag_eur
    from intermediate.int_declaratieregels_status
    where not is_afgewezen_door_gemeente
),

factoren as (
    select * from marts.mart_prognose_completeringsfactoren
),

peil as (
    select
        max(declaratiedatum) as peildatum,
        max(maand) filter (where not is_afgewezen_door_gemeente) as laatste_zorgmaand
    from intermediate.int_declaratieregels_status
),

per_maand as (
    select
        gemeentecode,
        perceel,
        maand,
        year(maand) as jaar,
        sum(bedrag_eur) as gerealiseerd_eur
    from regels
    group by gemeentecode, perceel, maand
),

gecompleteerd as (
    select
        m.*,
        datediff('month', m.maand, date_trunc('month', p.peildatum)) as ontwikkeling_maanden,
        case
            when datediff('month', m.maand, date_trunc('month', p.peildatum)) >= 12 then 1.0
            when fp.aandeel_gedeclareerd > 0 then fp.aandeel_gedeclareerd
            when fr.aandeel_gedeclareerd > 0 then fr.aandeel_gedeclareerd
            -- no history, or history says nothing arrives this early: no correction
            else 1.0
        end as factor
    from per_maand as m
    cross join peil as p
    left join factoren as fp
        on fp.perceel = m.perceel and not fp.is_regio
        and fp.maanden_na_zorgmaand
        = greatest(0, datediff('month', m.maand, date_trunc('month', p.peildatum)))
    left join factoren as fr
        on fr.is_regio
        and fr.maanden_na_zorgmaand
        = greatest(0, datediff('month', m.maand, date_trunc('month', p.peildatum)))
),

met_compleet as (
    select
        *,
        gerealiseerd_eur / nullif(factor, 0) as compleet_eur
    from gecompleteerd
),

-- The ratio this year / last year over the months up to laatste_zorgmaand, per cell.
vergelijking as (
    select
        m.gemeentecode,
        m.perceel,
        year(p.laatste_zorgmaand) as jaar,
        sum(m.compleet_eur) filter (where m.jaar = year(p.laatste_zorgmaand))
            as dit_jaar_tot_nu_eur,
        sum(m.compleet_eur) filter (where m.jaar = year(p.laatste_zorgmaand) - 1)
            as vorig_jaar_tot_nu_eur
    from met_compleet as m
    cross join peil as p
    where m.jaar in (year(p.laatste_zorgmaand), year(p.laatste_zorgmaand) - 1)
        and month(m.maand) <= month(p.laatste_zorgmaand)
    group by m.gemeentecode, m.perceel, year(p.laatste_zorgmaand)
),

-- Cells of the current year that had declarations last year only in later months still count.
nog_te_leveren as (
    select
        v.gemeentecode,
        v.perceel,
        v.jaar + 1 as jaar,
        sum(v.compleet_eur) as vorig_jaar_rest_eur
    from met_compleet as v
    cross join peil as p
    where v.jaar + 1 = year(p.laatste_zorgmaand)
        and month(v.maand) > month(p.laatste_zorgmaand)
    group by v.gemeentecode, v.perceel, v.jaar
),

per_jaar as (
    select
        gemeentecode,
        perceel,
        jaar,
        sum(gerealiseerd_eur) as gerealiseerd_eur,
        sum(compleet_eur) as compleet_eur,
        count(*) as maanden_gerealiseerd,
        max(maand) as laatste_maand
    from met_compleet
    group by gemeentecode, perceel, jaar
),

clienten as (
    select gemeentecode, perceel, year(maand) as jaar, count(distinct client_id) as aantal_clienten
    from regels
    group by gemeentecode, perceel, year(maand)
),

sleutels as (
    select gemeentecode, perceel, jaar from per_jaar
    union
    select gemeentecode, perceel, jaar from nog_te_leveren
    union
    select gemeentecode, perceel, jaar from stg.stg_begroting
),

gemeenten as (
    select gemeentecode, any_value(naam) as naam
    from stg.stg_gemeenten
    group by gemeentecode
),

berekend as (
    select
        s.jaar,
        s.gemeentecode,
        coalesce(g.naam, 'Gemeente ' || s.gemeentecode) as gemeente,
        s.perceel,
        p.peildatum,
        p.laatste_zorgmaand,
        coalesce(j.maanden_gerealiseerd, 0) as maanden_gerealiseerd,
        coalesce(j.gerealiseerd_eur, 0) as gerealiseerd_eur,
        coalesce(j.compleet_eur, 0) - coalesce(j.gerealiseerd_eur, 0) as nog_te_declareren_eur,
        case
            when s.jaar = year(p.laatste_zorgmaand)
                then coalesce(r.vorig_jaar_rest_eur, 0) * coalesce(
                    v.dit_jaar_tot_nu_eur / nullif(v.vorig_jaar_tot_nu_eur, 0),
                    case when v.dit_jaar_tot_nu_eur is null then 0 else 1 end
                )
            else 0
        end as nog_te_leveren_eur,
        vj.gerealiseerd_eur as vorig_jaar_eur,
        b.begroting_eur,
        coalesce(c.aantal_clienten, 0) as aantal_clienten
    from sleutels as s
    cross join peil as p
    left join per_jaar as j
        on j.gemeentecode = s.gemeentecode and j.perceel = s.perceel and j.jaar = s.jaar
    left join per_jaar as vj
        on vj.gemeentecode = s.gemeentecode and vj.perceel = s.perceel and vj.jaar = s.jaar - 1
    left join vergelijking as v
        on v.gemeentecode = s.gemeentecode and v.perceel = s.perceel and v.jaar = s.jaar
    left join nog_te_leveren as r
        on r.gemeentecode = s.gemeentecode and r.perceel = s.perceel and r.jaar = s.jaar
    left join stg.stg_begroting as b
        on b.gemeentecode = s.gemeentecode and b.perceel = s.perceel and b.jaar = s.jaar
    left join clienten as c
        on c.gemeentecode = s.gemeentecode and c.perceel = s.perceel and c.jaar = s.jaar
    left join gemeenten as g on g.gemeentecode = s.gemeentecode
),

final as (
    select
        jaar,
        gemeentecode,
        gemeente,
        perceel,
        peildatum,
        laatste_zorgmaand,
        maanden_gerealiseerd,
        cast(gerealiseerd_eur as decimal(18, 2)) as gerealiseerd_eur,
        bedrag_op_centen(nog_te_declareren_eur) as nog_te_declareren_eur,
        gerealiseerd_eur / nullif(gerealiseerd_eur + nog_te_declareren_eur, 0)
            as completeringsfactor,
        bedrag_op_centen(gerealiseerd_eur + nog_te_declareren_eur) as uitputting_eur,
        bedrag_op_centen(nog_te_leveren_eur) as nog_te_leveren_eur,
        bedrag_op_centen(gerealiseerd_eur + nog_te_declareren_eur + nog_te_leveren_eur)
            as prognose_jaar_eur,
        cast(vorig_jaar_eur as decimal(18, 2)) as vorig_jaar_eur,
        begroting_eur,
        (gerealiseerd_eur + nog_te_declareren_eur) / nullif(begroting_eur, 0) as aandeel_uitgeput,
        cast(
            begroting_eur
            - bedrag_op_centen(gerealiseerd_eur + nog_te_declareren_eur + nog_te_leveren_eur)
            as decimal(18, 2)
        ) as verwacht_resultaat_eur,
        aantal_clienten,
        -- the standard index for next year (the page and `export prognose` may override it)
        getvariable('prognose_index_procent') as standaard_index_procent
    from berekend
)

select * from final
