-- doel: per aanbieder en jaar de gedeclareerde omzet in de regio naast de eigen
--   productieverantwoording, met de soort verantwoording die bij die omzet hoort (de
--   €50.000-regel) en of het verschil boven de drempels ligt; één plek voor de regels die de
--   controller (mart_verantwoording_omzet) en het signaal KWA03 allebei gebruiken
-- grain: één rij per aanbieder_agb × jaar met declaraties of verantwoording
-- sleutel: aanbieder_agb, jaar
-- bronnen: int_declaratieregels_status, stg_verantwoording, int_verantwoording_laatste_stap
-- parameters: verantwoording_drempel_eur, verantwoording_verschil_min_eur,
--   verantwoording_verschil_min_aandeel
-- toelichting: omzet = staande debetregels na creditering, naar jaar van de prestatie, zonder
--   de prestaties die de gemeente afwees (WMO325: niet betaald).
--   vereiste_verantwoording: tot en met verantwoording_drempel_eur regionale omzet volstaat een
--   bestuurdersverklaring, daarboven een controleverklaring. verantwoord_eur is null als de
--   aanbieder voor dat jaar niets aanleverde; verschil_eur telt dat als € 0 (in een jaar waarin
--   andere aanbieders wel verantwoording aanleverden is geen verantwoording een verschil).
--   is_verschil_relatief_groot: het verschil is minstens verantwoording_verschil_min_aandeel van
--   de omzet; is_verschil_boven_drempel: daarnaast minstens verantwoording_verschil_min_eur.
--   Bedragen zijn DECIMAL(18,2): een som van centen is exact (DuckDB verbreedt een som tot 38
--   cijfers; het bedrag past ruim in 18).
with omzet_per_gemeente as (
    select
        aanbieder_agb,
        jaar,
        gemeentecode,
        cast(sum(bedrag_eur) as decimal(18, 2)) as omzet_eur
    from intermediate.int_declaratieregels_status
    -- Rejected by the gemeente (WMO325): never paid, so no turnover.
    where status <> 'afgewezen_door_gemeente'
    group by aanbieder_agb, jaar, gemeentecode
),

omzet as (
    select
        aanbieder_agb,
        jaar,
        cast(sum(omzet_eur) as decimal(18, 2)) as omzet_regio_eur,
        count(*) as aantal_gemeenten,
        max(omzet_eur) as hoogste_omzet_gemeente_eur,
        -- Equal amounts in gemeentecode order: the same text on every run.
        string_agg(
            gemeentecode || ': ' || euro_tekst(omzet_eur), '; '
            order by omzet_eur desc, gemeentecode
        ) as omzet_per_gemeente
    from omzet_per_gemeente
    group by aanbieder_agb, jaar
),

verantwoord as (
    select
        aanbieder_agb,
        jaar,
        cast(sum(bedrag_eur) as decimal(18, 2)) as verantwoord_eur,
        count(distinct gemeentecode) as aantal_gemeenten_verantwoord
    from intermediate.int_verantwoording_laatste_stap
    group by aanbieder_agb, jaar
),

-- Declared without an account and an account without declarations are both rows.
samen as (
    select
        * replace (
            coalesce(omzet_regio_eur, 0) as omzet_regio_eur,
            coalesce(aantal_gemeenten, 0) as aantal_gemeenten
        ),
        verantwoord_eur is not null as heeft_verantwoording
    from omzet
    full outer join verantwoord using (aanbieder_agb, jaar)
),

final as (
    select
        *,
        cast(omzet_regio_eur - coalesce(verantwoord_eur, 0) as decimal(18, 2)) as verschil_eur,
        case
            when omzet_regio_eur <= getvariable('verantwoording_drempel_eur')
                then 'bestuurdersverklaring'
            else 'controleverklaring'
        end as vereiste_verantwoording,
        jaar in (select jaar from stg.stg_verantwoording) as is_jaar_met_verantwoording,
        verschil_eur / nullif(omzet_regio_eur, 0) as verschil_aandeel,
        abs(verschil_eur) >= getvariable('verantwoording_verschil_min_aandeel') * omzet_regio_eur
            as is_verschil_relatief_groot,
        abs(verschil_eur) >= getvariable('verantwoording_verschil_min_eur')
        and is_verschil_relatief_groot as is_verschil_boven_drempel
    from samen
)

select * from final
