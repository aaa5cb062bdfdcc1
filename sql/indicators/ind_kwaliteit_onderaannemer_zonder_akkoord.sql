-- code: KWA09
-- naam: Declaraties van een onderaannemer zonder akkoord
-- categorie: kwaliteit
-- eenheid: euro
-- eenheid_afwijking: euro
-- soort_belang: schatting
-- baan: risico
-- definitie: Per aanbieder en jaar de staande gedeclareerde euro's van declaratieregels waarvan
--   de aanbieder in de tabel onderaannemers als onderaannemer staat, terwijl geen akkoord van de
--   gemeente de productperiode van de regel raakt: er is nooit een akkoord gegeven, of de regel
--   valt vóór het akkoord of na het einde van de geldigheid. Een relatie die alleen in
--   aanbieders.hoofdaannemer_agb staat, telt niet (daar staat geen akkoord in). Financieel
--   belang: de gedeclareerde euro's van die regels (zonder wat de gemeente afwees).
-- waarom: De regio's vragen vooraf akkoord voor de inzet van een onderaannemer (Lekstroom:
--   "aanvraag om akkoord te krijgen op een partij die u in onderaanneming wilt contracteren";
--   Midden-Holland: "van meldplicht naar verzoek tot akkoord"; Westfriesland: de gemeente mag
--   de inzet weigeren). Zorg van een partij waarmee de gemeente geen contract heeft en die zij
--   niet goedkeurde, is niet getoetst op kwaliteit en voorwaarden. Het bedrag is een schatting
--   van wat op het spel staat en geen hard onrechtmatig bedrag: het ontbrekende akkoord is een
--   tekortkoming in de uitvoering van de overeenkomst, geen iWmo-regel die de prestatie afwijst;
--   de zorg kan geleverd zijn, de hoofdaannemer blijft verantwoordelijk, en of er iets wordt
--   teruggevorderd beslist de gemeente op grond van het contract.
-- drempels: gemarkeerd als het bedrag materieel is (materieel_min_eur én materieel_min_aandeel
--   van de declaraties van de aanbieder, of altijd boven materieel_altijd_eur). Ook gemarkeerd
--   als voortzetting: het jaar ervoor of erna is materieel (zoals bij de regelsignalen).
-- bron: contractvoorwaarden onderaanneming (Regionale Backoffice Lekstroom, werkinstructie
--   akkoord onderaanneming; Midden-Holland contractering 2025; Westfriesland hoofd- en
--   onderaannemerschap); indicatorcatalogus I (hoofd- en onderaanneming).
-- bronnen: int_kwa_onderaannemer_regels, int_aanbieder_jaar
-- grain: één rij per aanbieder × jaar met minstens één declaratieregel zonder geldig akkoord
-- sleutel: aanbieder_agb, jaar
with per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        cast(sum(bedrag_eur) as decimal(18, 2)) as financieel_belang,
        any_value(hoofdaannemers) as hoofdaannemers,
        bool_or(not heeft_ooit_akkoord) as zonder_enig_akkoord
    from intermediate.int_kwa_onderaannemer_regels
    group by aanbieder_agb, jaar
),

met_materialiteit as (
    select
        p.*,
        is_materieel(p.financieel_belang, coalesce(o.gedeclareerd_eur, 0))
            as is_materieel_dit_jaar
    from per_aanbieder as p
    left join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
),

-- A pattern that crosses a year boundary counts as one (see int_regelsignalen).
met_voortzetting as (
    select
        *,
        voortzetting_jaren(is_materieel_dit_jaar, jaar, aanbieder_agb) as voortzetting_jaren
    from met_materialiteit
),

final as (
    select
        p.* exclude (is_materieel_dit_jaar),
        cast(p.financieel_belang as double) as waarde,
        -- A rule signal: no reference, the amount itself is the deviation.
        cast(p.financieel_belang as double) as afwijking,
        p.is_materieel_dit_jaar or p.voortzetting_jaren is not null as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (contractadministratie, geen peervergelijking)' as peergroep,
        aantal_tekst(p.aantal_regels, 'declaratieregel', 'declaratieregels') || ' ('
        || euro_tekst(p.financieel_belang) || ', '
        || aantal_tekst(p.aantal_clienten, 'cliënt', 'cliënten')
        || ') van deze onderaannemer van hoofdaannemer ' || p.hoofdaannemers
        || case
            when p.zonder_enig_akkoord then ' zonder akkoord van de gemeente'
            else ' buiten de periode van het akkoord van de gemeente'
        end
        || '; het bedrag is een schatting van wat op het spel staat, geen onrechtmatig bedrag.'
        || voortzetting_tekst(p.voortzetting_jaren) as toelichting
    from met_voortzetting as p
)

select * from final
