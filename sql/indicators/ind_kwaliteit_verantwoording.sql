-- code: KWA03
-- naam: Gedeclareerde omzet wijkt af van de eigen productieverantwoording
-- categorie: kwaliteit
-- eenheid: euro
-- eenheid_afwijking: euro
-- soort_belang: schatting
-- baan: risico
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
-- bronnen: int_verantwoording_omzet (dezelfde omzet, grens en drempels als
--   mart_verantwoording_omzet), int_aanbieder_jaar
-- grain: één rij per aanbieder × jaar (in jaren met verantwoording) met een verschil van minstens
--   verantwoording_verschil_min_aandeel van de omzet
-- sleutel: aanbieder_agb, jaar
with beoordeeld as (
    select
        v.*,
        coalesce(v.verantwoord_eur, 0) as verantwoord_of_nul_eur,
        a.aantal_clienten
    from intermediate.int_verantwoording_omzet as v
    left join intermediate.int_aanbieder_jaar as a
        on a.aanbieder_agb = v.aanbieder_agb and a.jaar = v.jaar
    -- Only years for which verantwoording was supplied at all: no file is not a zero account.
    where v.is_jaar_met_verantwoording
),

final as (
    select
        aanbieder_agb,
        jaar,
        omzet_regio_eur as waarde,
        verantwoord_of_nul_eur as referentiewaarde,
        verschil_eur as afwijking,
        greatest(0, verschil_eur) as financieel_belang,
        coalesce(aantal_clienten, 0) as aantal_clienten,
        is_verschil_boven_drempel as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (eigen verantwoording, geen peervergelijking)' as peergroep,
        'Gedeclareerd in de regio ' || euro_tekst(omzet_regio_eur) || ', '
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
    where is_verschil_relatief_groot
)

select * from final
