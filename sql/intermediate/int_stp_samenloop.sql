-- doel: paren gelijktijdige toewijzingen van één cliënt die onder een samenloopregel vallen
--   (stapeling), toegerekend aan de aanbieder wiens toewijzing er later bovenop kwam, met de
--   euro's die die aanbieder op die toewijzing declareerde in de overlap
-- grain: één rij per paar toewijzingen × kalenderjaar van de overlap (alleen jaren met declaraties)
-- sleutel: gemeentecode, toewijzingnummer, onder_gemeentecode, onder_toewijzingnummer, jaar
-- bronnen: int_toewijzingen_actueel, int_declaratieregels_status, stg_samenloopregels
-- parameters: overlap_dagen_overstap
-- toelichting:
--   - kant a en b van een regel zijn een productcode of een perceel (uit de productcatalogus);
--     per paar telt één regel: 'uitgesloten' gaat voor 'signaal', een productcode voor een perceel.
--   - twee toewijzingen in hetzelfde perceel bij dezelfde aanbieder tellen alleen bij dezelfde
--     productcode (stapeling D1); een ander product in hetzelfde perceel bij dezelfde aanbieder is
--     gewone samenloop (bv. individuele begeleiding met groepsbegeleiding).
--   - een 'zorglijn' is een aaneengesloten reeks toewijzingen van één cliënt bij één aanbieder in
--     één perceel (herindicaties sluiten op elkaar aan). De toewijzing die er bovenop kwam is die
--     met de latere start van de zorglijn, niet van de losse toewijzing: anders legt een
--     herindicatie van de bestaande zorg de stapeling bij de verkeerde aanbieder.
--   - een overstap overlapt kort: het paar telt pas als de zorglijnen langer overlappen dan
--     overlap_dagen_overstap dagen.
--   - open einden lopen tot de laatste declaratiedag in de data (de peildatum).
with regels as (
    -- Rules match codes and perceel names in any case: a region's own catalogue may write
    -- 'beschermd wonen' where the shipped rules say 'Beschermd wonen'.
    select a, b, lower(a) as a_sleutel, lower(b) as b_sleutel, lower(regel) as regel, toelichting
    from stg.stg_samenloopregels
),

peil as (
    select
        max(einddatum) as peildatum,
        min(jaar) as eerste_jaar,
        max(jaar) as laatste_jaar
    from intermediate.int_declaratieregels_status
),

-- Bij een toewijzing op categorieniveau (zonder productcode) kiest de aanbieder het product: neem
-- dan de productcode die hij er het vaakst op declareerde.
gedeclareerd_product as (
    select gemeentecode, toewijzingnummer, mode(productcode) as productcode
    from intermediate.int_declaratieregels_status
    where toewijzingnummer is not null and status <> 'afgewezen_door_gemeente'
    group by gemeentecode, toewijzingnummer
),

-- Verwijderde toewijzingen (reden wijziging 13) gelden niet; open einden stoppen op de peildatum.
toewijzingen as (
    select
        t.gemeentecode,
        t.toewijzingnummer,
        t.client_id,
        t.aanbieder_agb,
        coalesce(t.productcode, g.productcode) as productcode,
        t.perceel,
        t.ingangsdatum,
        least(t.einddatum_of_open, p.peildatum) as einddatum,
        t.toewijzingsdatum
    from intermediate.int_toewijzingen_actueel as t
    cross join peil as p
    left join gedeclareerd_product as g
        on g.gemeentecode = t.gemeentecode and g.toewijzingnummer = t.toewijzingnummer
    where coalesce(t.reden_wijziging, '') <> '13'
        and t.ingangsdatum <= least(t.einddatum_of_open, p.peildatum)
),

-- Gaps-and-islands: een nieuwe zorglijn begint als de toewijzing niet aansluit op de vorige.
lijn_start as (
    select
        *,
        case
            when ingangsdatum <= max(einddatum) over (
                partition by client_id, aanbieder_agb, perceel
                order by ingangsdatum, einddatum, toewijzingnummer
                rows between unbounded preceding and 1 preceding
            ) + 1 then 0
            else 1
        end as is_nieuwe_lijn
    from toewijzingen
),

lijn_nummer as (
    select
        *,
        sum(is_nieuwe_lijn) over (
            partition by client_id, aanbieder_agb, perceel
            order by ingangsdatum, einddatum, toewijzingnummer
            rows between unbounded preceding and current row
        ) as lijn
    from lijn_start
),

met_lijn as (
    select
        *,
        min(ingangsdatum) over (partition by client_id, aanbieder_agb, perceel, lijn)
            as lijn_begindatum,
        max(einddatum) over (partition by client_id, aanbieder_agb, perceel, lijn)
            as lijn_einddatum
    from lijn_nummer
),

-- Elk ongeordend paar gelijktijdige toewijzingen van één cliënt, met elke regel die erop past
-- (in beide richtingen: a op de ene, b op de andere).
paren_met_regel as (
    select
        x.gemeentecode as x_gemeentecode,
        x.toewijzingnummer as x_toewijzingnummer,
        y.gemeentecode as y_gemeentecode,
        y.toewijzingnummer as y_toewijzingnummer,
        r.a as regel_a,
        r.b as regel_b,
        r.regel,
        r.toelichting as regel_toelichting,
        row_number() over (
            partition by x.gemeentecode, x.toewijzingnummer, y.gemeentecode, y.toewijzingnummer
            order by
                r.regel = 'uitgesloten' desc,
                cast(coalesce(
                    r.a_sleutel in (lower(x.productcode), lower(y.productcode)), false
                ) as integer)
                + cast(coalesce(
                    r.b_sleutel in (lower(x.productcode), lower(y.productcode)), false
                ) as integer) desc,
                r.a,
                r.b
        ) as regel_rang
    from met_lijn as x
    inner join met_lijn as y
        on y.client_id = x.client_id
        and (y.gemeentecode, y.toewijzingnummer) > (x.gemeentecode, x.toewijzingnummer)
        and y.ingangsdatum <= x.einddatum
        and x.ingangsdatum <= y.einddatum
    inner join regels as r
        on (r.a_sleutel in (lower(x.productcode), lower(x.perceel))
            and r.b_sleutel in (lower(y.productcode), lower(y.perceel)))
        or (r.a_sleutel in (lower(y.productcode), lower(y.perceel))
            and r.b_sleutel in (lower(x.productcode), lower(x.perceel)))
    -- Same provider and perceel: only the same product twice is stapeling.
    where not (
        x.aanbieder_agb = y.aanbieder_agb
        and x.perceel = y.perceel
        and x.productcode is distinct from y.productcode
    )
),

-- Wie kwam erbovenop: de latere start van de zorglijn, dan van de toewijzing, dan de latere
-- toewijzingsdatum, dan het hoogste nummer (reproduceerbaar). x en y zijn hier de hele rij als
-- struct, zodat 'boven' en 'onder' hieronder in één keer kunnen wisselen.
paren as (
    select
        p.regel_a,
        p.regel_b,
        p.regel,
        p.regel_toelichting,
        x.client_id,
        x.aanbieder_agb = y.aanbieder_agb and x.perceel = y.perceel
        and x.lijn = y.lijn as zelfde_lijn,
        (
            x.lijn_begindatum,
            x.ingangsdatum,
            coalesce(x.toewijzingsdatum, x.ingangsdatum),
            x.gemeentecode,
            x.toewijzingnummer
        ) > (
            y.lijn_begindatum,
            y.ingangsdatum,
            coalesce(y.toewijzingsdatum, y.ingangsdatum),
            y.gemeentecode,
            y.toewijzingnummer
        ) as x_erbovenop,
        x,
        y
    from paren_met_regel as p
    inner join met_lijn as x
        on x.gemeentecode = p.x_gemeentecode and x.toewijzingnummer = p.x_toewijzingnummer
    inner join met_lijn as y
        on y.gemeentecode = p.y_gemeentecode and y.toewijzingnummer = p.y_toewijzingnummer
    where p.regel_rang = 1
),

georienteerd as (
    select
        regel_a,
        regel_b,
        regel,
        regel_toelichting,
        client_id,
        zelfde_lijn,
        case when x_erbovenop then x else y end as boven,
        case when x_erbovenop then y else x end as onder
    from paren
),

-- Overlap van het paar (voor de euro's) en van de zorglijnen (voor de overstapregel). Binnen één
-- zorglijn (zelfde product, zelfde aanbieder) telt de overlap van de twee toewijzingen zelf.
overlap as (
    select
        * exclude (zelfde_lijn),
        greatest(boven.ingangsdatum, onder.ingangsdatum) as overlap_begindatum,
        least(boven.einddatum, onder.einddatum) as overlap_einddatum,
        case
            when zelfde_lijn then datediff(
                'day',
                greatest(boven.ingangsdatum, onder.ingangsdatum),
                least(boven.einddatum, onder.einddatum)
            ) + 1
            else datediff(
                'day',
                greatest(boven.lijn_begindatum, onder.lijn_begindatum),
                least(boven.lijn_einddatum, onder.lijn_einddatum)
            ) + 1
        end as overlap_dagen_zorglijn
    from georienteerd
),

stapeling as (
    select * from overlap where overlap_dagen_zorglijn > getvariable('overlap_dagen_overstap')
),

-- Eén rij per kalenderjaar waarin de overlap valt (binnen de jaren van de data).
per_jaar as (
    select
        s.*,
        j.jaar,
        greatest(s.overlap_begindatum, make_date(j.jaar, 1, 1)) as jaar_begindatum,
        least(s.overlap_einddatum, make_date(j.jaar, 12, 31)) as jaar_einddatum
    from stapeling as s
    cross join peil as p
    cross join lateral (
        select unnest(generate_series(
            greatest(year(s.overlap_begindatum), p.eerste_jaar),
            least(year(s.overlap_einddatum), p.laatste_jaar)
        )) as jaar
    ) as j
),

-- De euro's die de aanbieder erbovenop op zijn toewijzing declareerde, naar rato van de dagen
-- van elke prestatieperiode die in de overlap van dat jaar vallen; per regel op centen, zodat de
-- som exact is.
euros as (
    select
        pj.boven.gemeentecode,
        pj.boven.toewijzingnummer,
        pj.onder.gemeentecode as onder_gemeentecode,
        pj.onder.toewijzingnummer as onder_toewijzingnummer,
        pj.jaar,
        count(d.declaratieregel_id) as aantal_regels,
        coalesce(sum(bedrag_naar_rato(
            d.bedrag_eur, d.begindatum, d.einddatum, d.aantal_dagen,
            pj.jaar_begindatum, pj.jaar_einddatum
        )), 0) as gedeclareerd_in_overlap_eur
    from per_jaar as pj
    inner join intermediate.int_declaratieregels_status as d
        on d.gemeentecode = pj.boven.gemeentecode
        and d.toewijzingnummer = pj.boven.toewijzingnummer
        and d.aanbieder_agb = pj.boven.aanbieder_agb
        and d.begindatum <= pj.jaar_einddatum
        and d.einddatum >= pj.jaar_begindatum
        and d.status <> 'afgewezen_door_gemeente'
    group by all
),

final as (
    select
        pj.client_id,
        pj.jaar,
        pj.regel,
        pj.regel_a,
        pj.regel_b,
        pj.regel_toelichting,
        pj.boven.aanbieder_agb as aanbieder_agb,
        pj.boven.gemeentecode as gemeentecode,
        pj.boven.toewijzingnummer as toewijzingnummer,
        pj.boven.productcode as productcode,
        pj.boven.perceel as perceel,
        pj.boven.ingangsdatum as ingangsdatum,
        pj.boven.einddatum as einddatum,
        pj.boven.lijn_begindatum as zorglijn_begindatum,
        pj.onder.aanbieder_agb as onder_aanbieder_agb,
        pj.onder.gemeentecode as onder_gemeentecode,
        pj.onder.toewijzingnummer as onder_toewijzingnummer,
        pj.onder.productcode as onder_productcode,
        pj.onder.perceel as onder_perceel,
        pj.onder.ingangsdatum as onder_ingangsdatum,
        pj.onder.einddatum as onder_einddatum,
        pj.onder.lijn_begindatum as onder_zorglijn_begindatum,
        pj.boven.aanbieder_agb = pj.onder.aanbieder_agb as is_zelfde_aanbieder,
        pj.overlap_begindatum,
        pj.overlap_einddatum,
        pj.overlap_dagen_zorglijn,
        pj.jaar_begindatum,
        pj.jaar_einddatum,
        datediff('day', pj.jaar_begindatum, pj.jaar_einddatum) + 1 as overlap_dagen_in_jaar,
        coalesce(e.aantal_regels, 0) as aantal_regels_in_overlap,
        cast(coalesce(e.gedeclareerd_in_overlap_eur, 0) as decimal(18, 2))
            as gedeclareerd_in_overlap_eur
    from per_jaar as pj
    left join euros as e
        on e.gemeentecode = pj.boven.gemeentecode
        and e.toewijzingnummer = pj.boven.toewijzingnummer
        and e.onder_gemeentecode = pj.onder.gemeentecode
        and e.onder_toewijzingnummer = pj.onder.toewijzingnummer
        and e.jaar = pj.jaar
)

select * from final
