-- code: KWA04
-- naam: Berichten die elkaar tegenspreken
-- categorie: kwaliteit
-- eenheid: aantal
-- eenheid_afwijking: aantal
-- soort_belang: geen
-- baan: risico
-- definitie: Per aanbieder en jaar het aantal berichten die een ander bericht tegenspreken: (1)
--   een declaratie voor dagen die een latere toewijzing (301) introk, door een eerdere einddatum
--   of met RedenWijziging 13 "Verwijderd"; (2) een start (305) of stop (307) voor een
--   toewijzingnummer dat geen 301 ooit aan deze aanbieder en cliënt toewees; (3) een antwoord van
--   de gemeente (325) op een prestatie die de aanbieder nooit declareerde; (4) een stop (307) met
--   een einddatum vóór de begindatum van de zorg (305); (5) een verwijdering (StatusAanlevering
--   3) die niets intrekt. Een bericht van vlak na het begin van de geladen gegevens telt bij (2),
--   (3) en (5) pas vanaf 90 dagen (tegenspraak_aanloop_dagen) na het eerste geladen bericht van
--   die soort (het bericht waar het bij hoort kan ouder zijn).
--   Geen declaratie valt weg of verandert. Financieel belang: alleen bij (1), de euro's voor de
--   ingetrokken dagen voor zover geen ander regelsignaal ze al telt (zoals SPK02 bij een
--   declaratie na de nieuwe einddatum); (2)–(5) zijn administratief (€ 0).
-- waarom: Toewijzing, start, stop, declaratie en antwoord horen één verhaal te vertellen. Waar ze
--   elkaar tegenspreken, klopt de administratie van aanbieder of gemeente niet, of wordt er zorg
--   gedeclareerd of gemeld die niet (meer) is toegewezen. Categorie kwaliteit en niet spookzorg:
--   de meeste tegenstrijdigheden zijn administratief, en de euro's van een declaratie buiten de
--   toewijzing telt SPK02 al; dit signaal vraagt om uitzoeken, niet om terugvorderen.
-- drempels: gemarkeerd bij minstens 5 tegenstrijdigheden van soort (2)–(5) in een jaar
--   (tegenspraak_min_aantal: één vergissing in het berichtenverkeer is geen patroon), of als de
--   euro's van (1) die nog in geen ander signaal staan materieel zijn (materieel_min_eur én
--   materieel_min_aandeel van de declaraties, of altijd boven materieel_altijd_eur). Soort (1)
--   telt niet mee in het aantal: een export als tabel kent alleen de laatste versie van een
--   toewijzing en dus geen intrekking, en dezelfde gegevens als tabel of als berichten moeten
--   dezelfde markeringen geven; de declaraties buiten de laatste versie markeert SPK02 in beide.
-- bron: iWmo TR384 (retourcode 9384), TR019 (9019), TR063 (9063); OP364 (regieberichten zijn
--   niet voorwaardelijk: een tegenspraak is een signaal, geen afwijzing); WMO325.
-- bronnen: int_tegenstrijdige_berichten, int_aanbieder_jaar
-- grain: één rij per aanbieder × jaar met minstens één tegenstrijdigheid
-- sleutel: aanbieder_agb, jaar
with per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        count(*) as aantal_tegenstrijdigheden,
        count(*) filter (where soort = 'declaratie_na_intrekking') as aantal_na_intrekking,
        count(*) filter (where soort = 'melding_zonder_toewijzing') as aantal_zonder_toewijzing,
        count(*) filter (where soort = 'antwoord_zonder_declaratie') as aantal_zonder_declaratie,
        count(*) filter (where soort = 'stop_voor_start') as aantal_stop_voor_start,
        count(*) filter (where soort = 'verwijdering_zonder_melding')
            as aantal_verwijdering_zonder_melding,
        count(distinct client_id) as aantal_clienten,
        cast(coalesce(sum(na_intrekking_eur), 0) as decimal(18, 2)) as na_intrekking_eur,
        cast(coalesce(sum(onrechtmatig_eur), 0) as decimal(18, 2)) as financieel_belang
    from intermediate.int_tegenstrijdige_berichten
    group by aanbieder_agb, jaar
),

final as (
    select
        p.*,
        cast(p.aantal_tegenstrijdigheden as double) as waarde,
        -- A rule signal: no reference, the count itself is the deviation.
        cast(p.aantal_tegenstrijdigheden as double) as afwijking,
        p.aantal_tegenstrijdigheden - p.aantal_na_intrekking
        >= getvariable('tegenspraak_min_aantal')
        or (
            p.financieel_belang > 0
            and is_materieel(p.financieel_belang, coalesce(o.gedeclareerd_eur, 0))
        ) as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        p.aantal_tegenstrijdigheden || ' berichten spreken een ander bericht tegen: '
        || concat_ws(
            ', ',
            case
                when p.aantal_na_intrekking > 0
                    then p.aantal_na_intrekking || ' declaraties voor dagen die een latere '
                    || 'toewijzing introk (' || euro_tekst(p.na_intrekking_eur)
                    || ', waarvan ' || euro_tekst(p.financieel_belang)
                    || ' nog in geen ander signaal)'
            end,
            case
                when p.aantal_zonder_toewijzing > 0
                    then p.aantal_zonder_toewijzing || ' start- of stopmeldingen zonder '
                    || 'toewijzing (TR019)'
            end,
            case
                when p.aantal_zonder_declaratie > 0
                    then p.aantal_zonder_declaratie || ' antwoorden van de gemeente op een '
                    || 'prestatie die niet gedeclareerd is'
            end,
            case
                when p.aantal_stop_voor_start > 0
                    then p.aantal_stop_voor_start || ' stopmeldingen vóór de start van de zorg'
            end,
            case
                when p.aantal_verwijdering_zonder_melding > 0
                    then p.aantal_verwijdering_zonder_melding || ' verwijderingen die niets '
                    || 'intrekken (TR063)'
            end
        )
        || '; financieel belang ' || euro_tekst(p.financieel_belang)
        || case when p.aantal_na_intrekking = 0 then ' (administratief)' else '' end
        || '.' as toelichting
    from per_aanbieder as p
    left join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
