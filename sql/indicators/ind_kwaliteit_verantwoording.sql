-- code: KWA03
-- naam: Gedeclareerde omzet wijkt af van de eigen productieverantwoording
-- categorie: kwaliteit
-- definitie: Per aanbieder en jaar de staande gedeclareerde euro's in de regio (alle gemeenten
--   samen, na creditering) tegenover het bedrag in de productieverantwoording die de aanbieder zelf
--   aanleverde. Ontbreekt de verantwoording van een aanbieder in een jaar waarvoor andere
--   aanbieders wel verantwoording aanleverden, dan telt die als € 0. Financieel belang: wat meer
--   gedeclareerd is dan verantwoord.
-- waarom: De verantwoording komt uit de eigen administratie van de aanbieder. Declareert hij meer
--   dan hij zelf als productie verantwoordt, dan zijn er prestaties gedeclareerd die niet in de
--   boeken staan (bijvoorbeeld dubbel gedeclareerd); omgekeerd klopt de verantwoording niet met
--   wat de gemeente betaalde. Tot verantwoording_drempel_eur volstaat een bestuurdersverklaring,
--   daarboven is een controleverklaring van een accountant vereist.
-- drempels: gemarkeerd als het verschil (in beide richtingen) minstens
--   verantwoording_verschil_min_eur is én minstens verantwoording_verschil_min_aandeel van de
--   gedeclareerde omzet.
-- bron: Protocol productieverantwoording Wmo/Jeugd (landelijk, i-Sociaal Domein);
--   indicatorcatalogus G4 (accountantsdrempel); eigen verantwoording aanbieder (referentie).
-- grain: één rij per aanbieder × jaar (in jaren met verantwoording) met een verschil van minstens
--   verantwoording_verschil_min_aandeel van de omzet
-- sleutel: aanbieder_agb, jaar
with omzet as (
    select aanbieder_agb, jaar, sum(bedrag_eur) as omzet_eur
    from intermediate.int_declaratieregels_status
    group by aanbieder_agb, jaar
),

verantwoord as (
    select aanbieder_agb, jaar, sum(bedrag_eur) as verantwoord_eur
    from stg.stg_verantwoording
    group by aanbieder_agb, jaar
),

-- Only years for which verantwoording was supplied at all: no file is not a zero account.
jaren_met_verantwoording as (
    select distinct jaar from stg.stg_verantwoording
),

vergeleken as (
    select
        coalesce(o.aanbieder_agb, v.aanbieder_agb) as aanbieder_agb,
        coalesce(o.jaar, v.jaar) as jaar,
        coalesce(o.omzet_eur, 0) as omzet_eur,
        coalesce(v.verantwoord_eur, 0) as verantwoord_eur,
        v.aanbieder_agb is not null as heeft_verantwoording
    from omzet as o
    full outer join verantwoord as v on v.aanbieder_agb = o.aanbieder_agb and v.jaar = o.jaar
    where coalesce(o.jaar, v.jaar) in (select jaar from jaren_met_verantwoording)
),

beoordeeld as (
    select
        v.*,
        a.aantal_clienten,
        v.omzet_eur - v.verantwoord_eur as verschil_eur,
        (v.omzet_eur - v.verantwoord_eur) / nullif(v.omzet_eur, 0) as verschil_aandeel,
        case
            when v.omzet_eur <= getvariable('verantwoording_drempel_eur')
                then 'bestuurdersverklaring'
            else 'controleverklaring'
        end as vereiste_verantwoording
    from vergeleken as v
    left join intermediate.int_aanbieder_jaar as a
        on a.aanbieder_agb = v.aanbieder_agb and a.jaar = v.jaar
),

final as (
    select
        signaal_sleutel('KWA03', aanbieder_agb, jaar, null) as signaal_id,
        'KWA03' as indicator,
        'kwaliteit' as categorie,
        aanbieder_agb,
        jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        omzet_eur as waarde,
        verantwoord_eur as referentiewaarde,
        verschil_eur as afwijking,
        greatest(0, verschil_eur) as financieel_belang,
        coalesce(aantal_clienten, 0) as aantal_clienten,
        abs(verschil_eur) >= getvariable('verantwoording_verschil_min_eur')
        and abs(verschil_eur) >= getvariable('verantwoording_verschil_min_aandeel') * omzet_eur
            as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (eigen verantwoording, geen peervergelijking)' as peergroep,
        'Gedeclareerd in de regio ' || euro_tekst(omzet_eur) || ', '
        || case
            when heeft_verantwoording then 'verantwoord ' || euro_tekst(verantwoord_eur)
            else 'geen productieverantwoording aangeleverd'
        end
        || ': ' || case when verschil_eur >= 0 then 'meer' else 'minder' end
        || ' gedeclareerd dan verantwoord, verschil ' || euro_tekst(abs(verschil_eur))
        || coalesce(' (' || procent_tekst(abs(verschil_aandeel)) || ' van de omzet)', '')
        || '; bij deze omzet is een ' || vereiste_verantwoording || ' vereist (grens '
        || euro_tekst(getvariable('verantwoording_drempel_eur')) || ').' as toelichting
    from beoordeeld
    -- Rows for every relative gap; the euro minimum decides the flag (small providers stay
    -- visible without being flagged).
    where abs(verschil_eur) >= getvariable('verantwoording_verschil_min_aandeel') * omzet_eur
)

select * from final
