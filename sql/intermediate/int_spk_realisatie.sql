-- doel: de cliëntmaanden (declaratieregels) met hun realisatie tegen het maximum in de eenheid
--   die werkelijk gedeclareerd is, en of ze op (of boven) dat maximum liggen; de basis van 'altijd
--   het volledige volume' (SPK05)
-- grain: één rij per staande declaratieregel met een realisatiegraad (inspanningsgerichte
--   eenheid en een toegewezen volume per periode)
-- sleutel: declaratieregel_id
-- materialisatie: view, de twee lezers (SPK05 en zijn bewijs) filteren; de regels wegschrijven
--   kostte meer dan ze twee keer berekenen
-- bronnen: int_declaratieregels_status
-- parameters: altijd_vol_grens
-- toelichting:
--   maximum_eenheden   het toegewezen volume voor de periode (naar rato van de dagen) in de
--                      gedeclareerde eenheid: 2 dagdelen per week over 30 dagen = 8,57 dagdelen.
--   maximum_afgerond   dat maximum naar beneden afgerond op de korrel van de regel: hele
--                      eenheden (iWmo: GeleverdVolume is een geheel getal) of kwartieren, en bij
--                      minuten ook hele uren (480 minuten) of kwartieren (765): 8 van 8,57
--                      dagdelen, 8 van 8,57 uur, 771 van 771,4 minuten. Wie het volledige volume
--                      in hele eenheden declareert, komt op 8 (of rondt op naar 9); een vaste
--                      marge rond 100% (± 0,5%) zag dat nooit als 'vol'. Een regel met een
--                      fijnere korrel (12,62 uur) wordt gemeten tegen het onafgeronde maximum
--                      (13,29), net als elke regel bij een maximum onder één korrel.
--   realisatie_afgerond  geleverd volume / maximum_afgerond; op_maximum = minstens
--                      altijd_vol_grens (98%). Daarboven telt ook mee: wie boven de toewijzing
--                      declareert, declareert zeker het volledige volume.
--   Dubbele regels tellen niet mee: een kopie is geen tweede cliëntmaand.
with regels as (
    select
        *,
        toegestaan_volume_basis / eenheid_factor(eenheid) as maximum_eenheden
    from intermediate.int_declaratieregels_status
    where realisatiegraad is not null
        and status <> 'dubbel'
),

-- The granularity of the line: minutes declared as whole hours (a multiple of 60) or quarters
-- (of 15), and any other unit as whole units or quarters; else exact (no rounding).
korrel as (
    select
        *,
        case
            when eenheid = '01' and geleverd_volume % 60 = 0 then 60
            when eenheid = '01' and geleverd_volume % 15 = 0 then 15
            when geleverd_volume = floor(geleverd_volume) then 1
            when geleverd_volume * 4 = floor(geleverd_volume * 4) and eenheid <> '01' then 0.25
        end as korrel_eenheden
    from regels
),

afgerond as (
    select
        *,
        case
            when korrel_eenheden is not null
                and floor(maximum_eenheden / korrel_eenheden + 0.000001) >= 1
                then floor(maximum_eenheden / korrel_eenheden + 0.000001) * korrel_eenheden
            else maximum_eenheden
        end as maximum_afgerond
    from korrel
),

final as (
    select
        declaratieregel_id,
        aanbieder_agb,
        jaar,
        perceel,
        gemeentecode,
        client_id,
        toewijzingnummer,
        referentienummer,
        productcode,
        begindatum,
        einddatum,
        geleverd_volume,
        eenheid,
        bedrag_eur,
        onrechtmatig_eur,
        volume_basis,
        toegestaan_volume_basis,
        realisatiegraad,
        maximum_eenheden,
        maximum_afgerond,
        geleverd_volume / maximum_afgerond as realisatie_afgerond,
        geleverd_volume / maximum_afgerond >= getvariable('altijd_vol_grens') as op_maximum
    from afgerond
)

select * from final
