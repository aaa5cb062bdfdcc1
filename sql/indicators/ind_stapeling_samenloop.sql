-- code: STP01
-- naam: Stapeling: toewijzing bovenop een uitgesloten combinatie
-- categorie: stapeling
-- eenheid: aandeel
-- eenheid_afwijking: getal
-- soort_belang: schatting
-- baan: risico
-- definitie: Aandeel van de cliënten van de aanbieder met een toewijzing die langer dan de
--   overstapmarge samenvalt met een toewijzing (bij deze of een andere aanbieder) waarmee de
--   combinatie volgens de samenloopregels niet mag ('uitgesloten') of opvalt ('signaal'). Telt bij
--   de aanbieder wiens zorg er later bovenop kwam; het financieel belang is wat die aanbieder in
--   de overlap op die toewijzing declareerde. Eén rij per aanbieder, jaar en soort regel.
-- waarom: Een uitgesloten combinatie wordt dubbel bekostigd (beschermd wonen omvat begeleiding;
--   een product inclusief dagbesteding sluit losse dagbesteding uit). Wie structureel zorg
--   bovenop zulke toewijzingen levert, declareert zorg die al betaald is.
-- drempels: 'uitgesloten' gemarkeerd vanaf stapeling_min_clienten betrokken cliënten én
--   stapeling_min_aandeel van de cliënten én materieel_min_eur in de overlap; 'signaal' alleen als
--   het aandeel daarnaast ver boven de peers ligt (funnel-z na overdispersiecorrectie >
--   z_drempel). Een overlap tot overlap_dagen_overstap dagen is een overstap en telt niet.
--   'uitgesloten' is ook gemarkeerd als voortzetting: het jaar ervoor of erna haalt de minima
--   (elke overlap op een uitgesloten combinatie is een zekere overtreding; zie int_regelsignalen).
-- bron: Begrippenlijst iWmo (stapeling, samenloop); indicatorcatalogus D1–D5, D7;
--   samenloopregels.csv (referentie).
-- bronnen: int_waarneming_stapeling_samenloop, int_peer_statistiek, int_stp_samenloop
-- grain: één rij per aanbieder × jaar × soort regel (uitgesloten | signaal) met minstens één
--   betrokken cliënt
-- sleutel: aanbieder_agb, jaar, reikwijdte
with per_regel as (
    select
        aanbieder_agb,
        jaar,
        regel,
        regel_a || ' + ' || regel_b as combinatie,
        count(distinct client_id) as aantal
    from intermediate.int_stp_samenloop
    group by aanbieder_agb, jaar, regel, regel_a, regel_b
),

combinaties as (
    select
        aanbieder_agb,
        jaar,
        regel as reikwijdte,
        string_agg(combinatie || ': ' || aantal, '; ' order by aantal desc, combinatie)
            as combinaties
    from per_regel
    group by aanbieder_agb, jaar, regel
),

-- Only the rows with clients involved (those with combinations); the others were peers.
beoordeeld as (
    select
        * exclude (indicator),
        aantal_clienten >= getvariable('stapeling_min_clienten')
        and waarde >= getvariable('stapeling_min_aandeel')
        and is_materieel as boven_minimum
    from intermediate.int_waarneming_stapeling_samenloop
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
    inner join combinaties using (aanbieder_agb, jaar, reikwijdte)
),

-- A pattern that crosses a year boundary counts as one (see int_regelsignalen); only for the
-- excluded combinations, where every overlap is a violation.
met_voortzetting as (
    select
        *,
        case when regel = 'uitgesloten' then voortzetting_jaren(
            boven_minimum, jaar, struct_pack(aanbieder_agb, reikwijdte)
        ) end as voortzetting_jaren
    from beoordeeld
),

-- An excluded combination is a rule, not a comparison: no reference, the share as deviation.
final as (
    select
        * replace (
            case when regel = 'signaal' then referentiewaarde end as referentiewaarde,
            case when regel = 'signaal' then afwijking else waarde end as afwijking,
            case when regel = 'uitgesloten' then 1.0 else sterkte end as sterkte
        ),
        boven_minimum and (regel = 'uitgesloten' or is_boven_drempel)
        or voortzetting_jaren is not null as gemarkeerd,
        van_de_tekst(aantal_clienten, noemer, 'cliënt', 'cliënten') || ' ('
        || procent_tekst(waarde) || ')'
        || case when aantal_clienten = 1 then ' heeft' else ' hebben' end
        || ' hier zorg die langer dan ' || getvariable('overlap_dagen_overstap')
        || ' dagen bovenop een '
        || case
            when regel = 'uitgesloten' then 'uitgesloten combinatie'
            else 'opvallende combinatie'
        end
        || ' kwam (' || combinaties || '; ' || aantal_andere_aanbieder
        || ' met een andere aanbieder), met ' || euro_tekst(financieel_belang)
        || ' gedeclareerd in de overlap'
        || case
            when regel = 'signaal'
                then ' tegen ' || procent_tekst(referentiewaarde) || ' bij de peers (funnel-z '
                || getal_tekst(afwijking, 1) || ')'
            else ''
        end
        || '.' || voortzetting_tekst(voortzetting_jaren) as toelichting
    from met_voortzetting
)

select * from final
