-- doel: elke herindicatie van een lopende cliënt: een toewijzing die direct aansluit op een
--   eerdere toewijzing van dezelfde cliënt bij dezelfde aanbieder in hetzelfde perceel, met het
--   volume per dag van beide en of de nieuwe opwaarts is (meer volume of een zwaarder product);
--   de basis van VOL03
-- grain: één rij per opvolgende toewijzing
-- sleutel: gemeentecode, toewijzingnummer
-- bronnen: int_toewijzingen_actueel, int_declaratieregels_status, int_upc_verzoeken
-- parameters: opschaling_min_aandeel
-- toelichting:
--   opvolging     de vorige toewijzing is die van dezelfde cliënt, aanbieder, gemeente en perceel
--                 die het laatst eindigde, hooguit 31 dagen voor of na de ingang van de nieuwe.
--   volume_per_dag  volume in basiseenheid per dag (per week / 7, per maand × 12 / 365,25,
--                 totaal / dagen van de toewijzing); alleen vergelijkbaar binnen één dimensie.
--   is_opwaarts   een zwaarder product (hogere intensiteit in de catalogus) of minstens
--                 opschaling_min_aandeel meer volume per dag in dezelfde dimensie.
--   is_op_initiatief_aanbieder  de vorige toewijzing eindigde met RedenWijziging 12 (geïnitieerd
--                 door de aanbieder), of de aanbieder vroeg in de 120 dagen ervoor om een
--                 toewijzing of wijziging voor deze cliënt in dit perceel (315/317, waar geladen).
--   meerkosten_eur  een schatting: de staande gedeclareerde euro's op de nieuwe toewijzing maal
--                 het deel van het volume dat er door de opschaling bij kwam (1 − oud / nieuw);
--                 0 bij alleen een zwaarder product (dat weegt UPC02).
with toewijzingen as (
    select
        *,
        volume_basis * case frequentie
            when '1' then 1.0
            when '2' then 1.0 / 7
            when '4' then 12.0 / 365.25
            when '6' then 1.0 / nullif(datediff('day', ingangsdatum, einddatum) + 1, 0)
        end as volume_per_dag
    from intermediate.int_toewijzingen_actueel
),

opvolging as (
    select
        n.*,
        v.toewijzingnummer as vorig_toewijzingnummer,
        v.productcode as vorig_productcode,
        v.intensiteit as vorig_intensiteit,
        v.volume as vorig_volume,
        v.eenheid as vorig_eenheid,
        v.frequentie as vorig_frequentie,
        v.volume_per_dag as vorig_volume_per_dag,
        v.eenheid_dimensie as vorig_eenheid_dimensie,
        v.einddatum as vorig_einddatum,
        v.reden_wijziging as vorig_reden_wijziging
    from toewijzingen as n
    inner join toewijzingen as v
        on v.client_id = n.client_id
        and v.aanbieder_agb = n.aanbieder_agb
        and v.gemeentecode = n.gemeentecode
        and v.perceel = n.perceel
        and v.toewijzingnummer <> n.toewijzingnummer
        and v.ingangsdatum < n.ingangsdatum
        and v.einddatum
        between n.ingangsdatum - interval 32 day and n.ingangsdatum + interval 31 day
    qualify row_number() over (
        partition by n.gemeentecode, n.toewijzingnummer
        order by v.einddatum desc, v.ingangsdatum desc, v.toewijzingnummer
    ) = 1
),

beoordeeld as (
    select
        *,
        coalesce(intensiteit > vorig_intensiteit, false) as is_zwaarder,
        coalesce(
            eenheid_dimensie = vorig_eenheid_dimensie
            and volume_per_dag
            > vorig_volume_per_dag * (1 + getvariable('opschaling_min_aandeel')),
            false
        ) as is_meer_volume
    from opvolging
),

-- A request of this provider for this client and perceel (315/317) in the 120 days before the
-- new allocation starts: the re-indication was asked for by the provider.
verzocht as (
    select distinct
        b.gemeentecode,
        b.toewijzingnummer
    from beoordeeld as b
    inner join intermediate.int_upc_verzoeken as v
        on v.aanbieder_agb = b.aanbieder_agb
        and v.client_id = b.client_id
        and v.perceel = b.perceel
        and v.peildatum between b.ingangsdatum - interval 120 day and b.ingangsdatum
),

bedragen as (
    select
        gemeentecode,
        toewijzingnummer,
        sum(bedrag_eur) as bedrag_eur
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
    group by gemeentecode, toewijzingnummer
),

final as (
    select
        b.gemeentecode,
        b.toewijzingnummer,
        b.client_id,
        b.aanbieder_agb,
        b.perceel,
        year(b.ingangsdatum) as jaar,
        b.ingangsdatum,
        b.einddatum,
        b.productcode,
        b.intensiteit,
        b.volume,
        b.eenheid,
        b.frequentie,
        b.volume_per_dag,
        b.vorig_toewijzingnummer,
        b.vorig_productcode,
        b.vorig_intensiteit,
        b.vorig_volume,
        b.vorig_eenheid,
        b.vorig_frequentie,
        b.vorig_volume_per_dag,
        b.vorig_einddatum,
        b.vorig_reden_wijziging,
        b.is_zwaarder,
        b.is_meer_volume,
        b.is_zwaarder or b.is_meer_volume as is_opwaarts,
        b.vorig_reden_wijziging = '12' or vz.toewijzingnummer is not null
            as is_op_initiatief_aanbieder,
        cast(coalesce(d.bedrag_eur, 0) as decimal(18, 2)) as bedrag_eur,
        bedrag_op_centen(case
            when b.is_meer_volume
                then coalesce(d.bedrag_eur, 0) * (1 - b.vorig_volume_per_dag / b.volume_per_dag)
            else 0
        end) as meerkosten_eur
    from beoordeeld as b
    left join bedragen as d
        on d.gemeentecode = b.gemeentecode and d.toewijzingnummer = b.toewijzingnummer
    left join verzocht as vz
        on vz.gemeentecode = b.gemeentecode and vz.toewijzingnummer = b.toewijzingnummer
)

select * from final
