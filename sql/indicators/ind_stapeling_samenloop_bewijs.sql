-- doel: de bewijsregels achter STP01: de toewijzing waar de zorg bovenop kwam en de
--   declaratieregels van de aanbieder in de overlap
-- grain: één rij per toewijzing eronder per signaal, plus één rij per declaratieregel in de overlap
-- sleutel: signaal_id, bron, declaratieregel_id (leeg bij een toewijzing), toewijzingnummer,
--   toelichting (noemt de toewijzing erbovenop)
-- bronnen: int_stp_samenloop, int_declaratieregels_status
with paren as (
    select
        *,
        signaal_sleutel('STP01', aanbieder_agb, jaar, regel) as signaal_id
    from intermediate.int_stp_samenloop
),

-- De toewijzing eronder (vaak van een andere aanbieder): waarom deze zorg niet mocht.
onder as (
    select distinct
        signaal_id,
        'toewijzing' as bron,
        null as declaratieregel_id,
        client_id,
        onder_toewijzingnummer as toewijzingnummer,
        null as referentienummer,
        onder_productcode as productcode,
        onder_ingangsdatum as begindatum,
        onder_einddatum as einddatum,
        cast(null as double) as volume,
        cast(null as double) as bedrag_eur,
        cast(null as double) as onrechtmatig_eur,
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
        p.signaal_id,
        p.regel,
        d.declaratieregel_id,
        d.client_id,
        d.toewijzingnummer,
        d.referentienummer,
        d.productcode,
        d.begindatum,
        d.einddatum,
        d.geleverd_volume,
        d.bedrag_eur,
        sum(
            d.bedrag_eur
            * (datediff(
                'day',
                greatest(d.begindatum, p.jaar_begindatum),
                least(d.einddatum, p.jaar_einddatum)
            ) + 1)
            / d.aantal_dagen
        ) as overlap_eur,
        string_agg(distinct p.regel_a || ' + ' || p.regel_b, ', ') as combinaties
    from paren as p
    inner join intermediate.int_declaratieregels_status as d
        on d.gemeentecode = p.gemeentecode
        and d.toewijzingnummer = p.toewijzingnummer
        and d.aanbieder_agb = p.aanbieder_agb
        and d.begindatum <= p.jaar_einddatum
        and d.einddatum >= p.jaar_begindatum
    group by all
),

final as (
    select * from onder
    union all
    select
        signaal_id,
        'declaratie' as bron,
        declaratieregel_id,
        client_id,
        toewijzingnummer,
        referentienummer,
        productcode,
        begindatum,
        einddatum,
        geleverd_volume as volume,
        bedrag_eur,
        -- Only an excluded combination makes the overlap euros unjustified.
        case when regel = 'uitgesloten' then round(least(overlap_eur, bedrag_eur), 2) else 0 end
            as onrechtmatig_eur,
        euro_tekst(overlap_eur) || ' van deze prestatie valt in de overlap (' || combinaties || ')'
            as toelichting
    from regels
)

select * from final
