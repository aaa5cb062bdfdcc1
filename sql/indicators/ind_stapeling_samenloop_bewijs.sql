-- doel: de bewijsregels achter STP01: de toewijzing waar de zorg bovenop kwam en de
--   declaratieregels van de aanbieder in de overlap
-- grain: één rij per toewijzing eronder per signaal, plus één rij per declaratieregel in de overlap
-- sleutel: aanbieder_agb, jaar, reikwijdte, bron, declaratieregel_id (leeg bij een toewijzing),
--   toewijzingnummer (leeg bij een declaratie: die van de regel), toelichting (noemt de toewijzing
--   erbovenop)
-- bronnen: int_stp_samenloop, int_declaratieregels_status
with paren as (
    select * from intermediate.int_stp_samenloop
),

-- De toewijzing eronder (vaak van een andere aanbieder): waarom deze zorg niet mocht.
onder as (
    select distinct
        aanbieder_agb,
        jaar,
        regel as reikwijdte,
        'toewijzing' as bron,
        client_id,
        onder_toewijzingnummer as toewijzingnummer,
        onder_productcode as productcode,
        onder_ingangsdatum as begindatum,
        onder_einddatum as einddatum,
        'toewijzing ' || onder_perceel || ' bij '
        || case when is_zelfde_aanbieder then 'dezelfde aanbieder' else
            'aanbieder ' || onder_aanbieder_agb end
        || ' waar toewijzing ' || toewijzingnummer || ' ' || overlap_dagen_zorglijn
        || ' dagen mee samenvalt (' || regel_a || ' + ' || regel_b || ': ' || regel || ')'
            as toelichting
    from paren
),

-- Elke declaratieregel op de toewijzing erbovenop, met het deel dat in de overlap valt.
regels as (
    select
        p.aanbieder_agb,
        p.jaar,
        p.regel,
        d.declaratieregel_id,
        d.bedrag_eur,
        sum(bedrag_naar_rato(
            d.bedrag_eur, d.begindatum, d.einddatum, d.aantal_dagen,
            p.jaar_begindatum, p.jaar_einddatum
        )) as overlap_eur,
        string_agg(
            distinct p.regel_a || ' + ' || p.regel_b, ', '
            order by p.regel_a || ' + ' || p.regel_b
        ) as combinaties
    from paren as p
    inner join intermediate.int_declaratieregels_status as d
        on d.gemeentecode = p.gemeentecode
        and d.toewijzingnummer = p.toewijzingnummer
        and d.aanbieder_agb = p.aanbieder_agb
        and d.begindatum <= p.jaar_einddatum
        and d.einddatum >= p.jaar_begindatum
        and d.status <> 'afgewezen_door_gemeente'
    group by all
),

final as (
    select * from onder
    union all by name
    select
        aanbieder_agb,
        jaar,
        regel as reikwijdte,
        'declaratie' as bron,
        declaratieregel_id,
        -- Only an excluded combination makes the overlap euros unjustified.
        case when regel = 'uitgesloten' then least(overlap_eur, bedrag_eur) else 0 end
            as onrechtmatig_eur,
        euro_tekst(overlap_eur) || ' van deze prestatie valt in de overlap (' || combinaties || ')'
            as toelichting
    from regels
)

select * from final
