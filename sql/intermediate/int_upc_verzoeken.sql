-- doel: elk verzoek om toewijzing (315) of wijziging (317) naast de toewijzing die de cliënt bij
--   die aanbieder op dat moment had: vraagt het een zwaarder product of meer volume, en volgde
--   de gemeente het; de basis van UPC05
-- grain: één rij per verzoek (315/317-regel met een product; niet de 319-antwoorden)
-- sleutel: bestand_id, regelnummer
-- bronnen: stg_verzoeken, stg_producten, stg_tarieven, int_toewijzing_historie
-- parameters: volume_tolerantie, verzoek_gevolgd_dagen
-- toelichting:
--   peildatum   de verzoekdatum, anders de gevraagde ingangsdatum; jaar is het jaar daarvan.
--   huidige toewijzing  bij een 317 met toewijzingnummer de versie van die toewijzing die op de
--               peildatum gold (int_toewijzing_historie); anders de zwaarste toewijzing van de
--               cliënt bij deze aanbieder in hetzelfde perceel die op de peildatum liep. Zonder
--               huidige toewijzing (een eerste aanvraag) is er niets te vergelijken:
--               is_vergelijkbaar onwaar.
--   is_zwaarder  gevraagde intensiteit (productcatalogus) hoger dan die van de huidige
--               toewijzing, binnen hetzelfde perceel.
--   is_meer_volume  zelfde product, zelfde dimensie (eenheid_dimensie) en gevraagd volume per dag
--               (volume in basiseenheid; per week / 7, per maand × 12 / 365,25, totaal / dagen
--               van de periode) meer dan volume_tolerantie boven dat van de huidige toewijzing.
--   uitkomst    uit het 319-antwoord met hetzelfde verzoeknummer (het laatste), anders de
--               uitkomst op de verzoekregel zelf, anders 'toegekend' als er binnen
--               verzoek_gevolgd_dagen na de peildatum een toewijzing (301) voor die cliënt en dat
--               product bij die aanbieder ingaat of wordt afgegeven; anders leeg (onbekend).
--   meerkosten_per_jaar_eur  (gevraagd volume per dag × contracttarief gevraagd product −
--               huidig volume per dag × contracttarief huidig product) × 365, per basiseenheid;
--               leeg zonder beide tarieven.
with verzoeken as (
    select
        v.*,
        coalesce(v.verzoekdatum, v.ingangsdatum) as peildatum,
        p.perceel,
        p.intensiteit,
        v.volume_basis * case v.frequentie
            when '1' then 1.0
            when '2' then 1.0 / 7
            when '4' then 12.0 / 365.25
            when '6' then 1.0 / nullif(datediff('day', v.ingangsdatum, v.einddatum) + 1, 0)
        end as volume_per_dag
    from stg.stg_verzoeken as v
    left join stg.stg_producten as p on p.productcode = v.productcode
    where not v.is_antwoord and coalesce(v.verzoekdatum, v.ingangsdatum) is not null
),

antwoorden as (
    select
        aanbieder_agb,
        verzoeknummer,
        arg_max(uitkomst, [bestand_id::bigint, regelnummer::bigint]) as uitkomst
    from stg.stg_verzoeken
    where is_antwoord
    group by aanbieder_agb, verzoeknummer
),

toewijzingen as (
    select
        h.*,
        p.perceel,
        p.intensiteit,
        h.volume * eenheid_factor(h.eenheid) * case h.frequentie
            when '1' then 1.0
            when '2' then 1.0 / 7
            when '4' then 12.0 / 365.25
            when '6' then 1.0 / nullif(datediff('day', h.ingangsdatum, h.einddatum) + 1, 0)
        end as volume_per_dag
    from intermediate.int_toewijzing_historie as h
    left join stg.stg_producten as p on p.productcode = h.productcode
),

kandidaten as (
    select
        v.bestand_id,
        v.regelnummer,
        t.toewijzingnummer,
        t.productcode,
        t.perceel,
        t.intensiteit,
        t.eenheid,
        eenheid_dimensie(t.eenheid) as eenheid_dimensie,
        t.volume_per_dag,
        row_number() over (
            partition by v.bestand_id, v.regelnummer
            order by t.intensiteit desc nulls last, t.volume_per_dag desc nulls last,
                t.toewijzingnummer
        ) as rang
    from verzoeken as v
    inner join toewijzingen as t
        on t.gemeentecode = v.gemeentecode
        and t.aanbieder_agb = v.aanbieder_agb
        and t.client_id = v.client_id
        and (t.geldig_vanaf is null or t.geldig_vanaf <= v.peildatum)
        and (t.geldig_tot is null or t.geldig_tot >= v.peildatum)
        and t.ingangsdatum <= v.peildatum
        and coalesce(t.einddatum, date '9999-12-31') >= v.peildatum
        and (
            (v.soort = '317' and v.toewijzingnummer is not null
                and t.toewijzingnummer = v.toewijzingnummer)
            or ((v.soort = '315' or v.toewijzingnummer is null) and t.perceel = v.perceel)
        )
),

-- A 315 (or a 317 without an answer) counts as followed when a matching allocation starts or
-- is issued within the window after the request.
later_toegewezen as (
    select distinct v.bestand_id, v.regelnummer
    from verzoeken as v
    inner join toewijzingen as t
        on t.gemeentecode = v.gemeentecode
        and t.aanbieder_agb = v.aanbieder_agb
        and t.client_id = v.client_id
        and t.productcode = v.productcode
        and (
            t.ingangsdatum between v.peildatum
            and v.peildatum + cast(getvariable('verzoek_gevolgd_dagen') as integer)
            or t.toewijzingsdatum between v.peildatum
            and v.peildatum + cast(getvariable('verzoek_gevolgd_dagen') as integer)
        )
),

tarief_per_dag as (
    select
        v.bestand_id,
        v.regelnummer,
        arg_max(t.tarief_eur, t.geldig_vanaf) filter (where t.productcode = v.productcode)
            as tarief_gevraagd_eur,
        arg_max(t.tarief_eur, t.geldig_vanaf) filter (where t.productcode = k.productcode)
            as tarief_huidig_eur
    from verzoeken as v
    inner join kandidaten as k
        on k.bestand_id = v.bestand_id and k.regelnummer = v.regelnummer and k.rang = 1
    inner join stg.stg_tarieven as t
        on t.productcode in (v.productcode, k.productcode)
        and v.peildatum between t.geldig_vanaf and t.geldig_tot
        and (t.aanbieder_agb is null or t.aanbieder_agb = v.aanbieder_agb)
    group by v.bestand_id, v.regelnummer
),

vergeleken as (
    select
        v.*,
        k.toewijzingnummer as huidig_toewijzingnummer,
        k.productcode as huidig_productcode,
        k.intensiteit as huidig_intensiteit,
        k.volume_per_dag as huidig_volume_per_dag,
        k.toewijzingnummer is not null as is_vergelijkbaar,
        coalesce(v.perceel = k.perceel and v.intensiteit > k.intensiteit, false) as is_zwaarder,
        coalesce(
            v.productcode = k.productcode
            and v.eenheid_dimensie = k.eenheid_dimensie
            and v.volume_per_dag > k.volume_per_dag * (1 + getvariable('volume_tolerantie')),
            false
        ) as is_meer_volume,
        coalesce(
            a.uitkomst,
            v.uitkomst,
            case when l.bestand_id is not null then 'toegekend' end
        ) as uitkomst_gemeente,
        year(v.peildatum) as jaar,
        bedrag_op_centen(365 * (
            v.volume_per_dag * tp.tarief_gevraagd_eur / eenheid_factor(v.eenheid)
            - k.volume_per_dag * tp.tarief_huidig_eur / eenheid_factor(k.eenheid)
        )) as meerkosten_per_jaar_eur
    from verzoeken as v
    left join kandidaten as k
        on k.bestand_id = v.bestand_id and k.regelnummer = v.regelnummer and k.rang = 1
    left join antwoorden as a
        on a.aanbieder_agb = v.aanbieder_agb and a.verzoeknummer = v.verzoeknummer
    left join later_toegewezen as l
        on l.bestand_id = v.bestand_id and l.regelnummer = v.regelnummer
    left join tarief_per_dag as tp
        on tp.bestand_id = v.bestand_id and tp.regelnummer = v.regelnummer
),

final as (
    select
        * exclude (uitkomst),
        is_zwaarder or is_meer_volume as is_opwaarts,
        uitkomst_gemeente = 'toegekend' as is_gevolgd
    from vergeleken
)

select * from final
