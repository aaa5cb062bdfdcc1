-- Macro's die elke run eerst aanmaakt; de modellen gebruiken ze voor eenheden en bedragen.
-- Codes en wat ze betekenen staan niet hier maar in referentie.codelijsten (gevuld uit
-- pipelines/contract.py): de macro's voor eenheden en frequenties zoeken ze daar op.

-- Factor naar de basiseenheid van een dimensie (WJ756): tijd in minuten, de rest 1 (ook voor
-- een onbekende of lege code).
create or replace macro eenheid_factor(eenheid) as
    coalesce(
        (
            select c.factor_naar_basis from referentie.codelijsten as c
            where c.codelijst = 'WJ756' and c.code = eenheid
        ),
        1.0
    );

-- Welke eenheden onderling omrekenbaar zijn (TR341: eenheid ≠ toewijzing); leeg bij een
-- onbekende code.
create or replace macro eenheid_dimensie(eenheid) as
    (
        select c.dimensie from referentie.codelijsten as c
        where c.codelijst = 'WJ756' and c.code = eenheid
    );

-- Inspanningsgerichte eenheden: alleen daarvoor zijn realisatie en 'altijd vol' zinvol.
create or replace macro is_inspanningsgericht(eenheid) as
    eenheid in (
        select c.code from referentie.codelijsten as c
        where c.codelijst = 'WJ756' and c.is_inspanningsgericht
    );

-- Hoe een toelichting een eenheid (meervoud) en een frequentie noemt: '3 uur per week'. Een
-- onbekende eenheid heet 'stuks', een onbekende frequentie blijft weg.
create or replace macro eenheid_in_zin(eenheid) as
    coalesce(
        (
            select c.in_zin from referentie.codelijsten as c
            where c.codelijst = 'WJ756' and c.code = eenheid
        ),
        'stuks'
    );

create or replace macro frequentie_in_zin(frequentie) as
    coalesce(
        (
            select c.in_zin from referentie.codelijsten as c
            where c.codelijst = 'WJ757' and c.code = frequentie
        ),
        ''
    );

-- Geld is DECIMAL: een bedrag DECIMAL(18,2), een tarief (prijs per eenheid) DECIMAL(18,4), want
-- een tarief per minuut kan meer dan centen hebben.
-- Een berekend bedrag (volume × tarief, een deel van een bedrag) wordt een bedrag waar het er een
-- wordt, met één regel: ROUND op een DECIMAL, half van nul af (5,025 → 5,03; −5,025 → −5,03).
-- DuckDB rekent een deling, en alles met een DOUBLE (zoals het volume), in DOUBLE. Die uitkomst
-- gaat eerst naar DECIMAL(38,8); dat geeft de exacte waarde terug van volume × tarief (hooguit 8
-- decimalen) en van een deel van een bedrag naar rato van dagen (zo'n breuk met noemer ≤ 366 ligt
-- nooit dichter dan 1/732 cent bij een halve cent, tenzij er precies op), zodat 10,05 × 15 / 30
-- altijd 5,03 wordt, naar welke kant de double ook afweek. Sommen van bedragen zijn DECIMAL en dus
-- exact, in welke volgorde de threads ook optellen.
create or replace macro bedrag_op_centen(x) as
    cast(round(cast(x as decimal(38, 8)), 2) as decimal(18, 2));

-- Bedragen in tekst zoals gebruikers ze lezen: € 1.234 (geheel, punt als duizendtal; half van
-- nul af). In één stap naar hele euro's: eerst naar centen en dan naar euro's zou € 292,497 als
-- € 293 tonen. Een berekende DOUBLE gaat eerst naar DECIMAL(38, 8), zodat ruis in de laatste
-- bits (de volgorde waarin threads optellen) de afronding niet kan omdraaien.
-- Een negatief bedrag krijgt een echt minteken vóór het euroteken (−€ 86.992, zoals
-- pipelines/opmaak.py), nooit "€ -86.992"; wat op nul afrondt, krijgt geen teken.
create or replace macro euro_tekst(bedrag) as
    case when round(cast(bedrag as decimal(38, 8))) < 0 then '−' else '' end
    || '€ ' || replace(
        format('{:,}', abs(cast(round(cast(bedrag as decimal(38, 8))) as bigint))), ',', '.'
    );

-- Een stabiele sleutel voor een signaal: dezelfde bevinding houdt hetzelfde id bij elke run.
create or replace macro signaal_sleutel(indicator, aanbieder_agb, jaar, reikwijdte) as
    substr(
        md5(indicator || '|' || aanbieder_agb || '|' || jaar || '|' || coalesce(reikwijdte, '')),
        1,
        16
    );

-- Een aandeel (0–1) als Nederlands percentage: 15,5%. Aandelen zijn DOUBLE (ook een aandeel van
-- twee DECIMAL-bedragen: DuckDB deelt in DOUBLE) en kunnen uit sommen van doubles komen, die per
-- run in de laatste bits verschillen; eerst op 8 decimalen, zodat 15,05% niet de ene run 15,0% en
-- de andere 15,1% wordt. Voor bedragen: euro_tekst.
create or replace macro procent_tekst(aandeel) as
    case when round(round(100 * aandeel, 8), 1) < 0 then '−' else '' end
    || replace(cast(abs(round(round(100 * aandeel, 8), 1)) as varchar), '.', ',') || '%';

-- Funnelplot-z voor een aandeel p over n waarnemingen tegen het peeraandeel p0.
create or replace macro funnel_z(p, p0, n) as
    case
        when n > 0 and p0 > 0 and p0 < 1 then (p - p0) / sqrt(p0 * (1 - p0) / n)
    end;

-- Robuuste z-score: afstand tot de mediaan in eenheden van 1,4826 × MAD (≈ standaardafwijking
-- bij normale data). De ondergrens op de MAD voorkomt delen door nul bij identieke peers.
-- Peeraandeel zonder de aanbieder zelf (leave-one-out): het gepoolde aandeel teller/noemer van
-- de andere aanbieders in zijn groep, of van de hele regio als de groep minder dan min_peers
-- anderen telt; zo zet een uitschieter niet zijn eigen maatstaf. De +0,5/+1 houdt het aandeel
-- van precies 0 af, waar een funnel geen breedte heeft.
create or replace macro peer_aandeel_zonder_zelf(
    teller, noemer, groep_teller, groep_noemer, regio_teller, regio_noemer, peers_in_groep
) as
    case
        when peers_in_groep >= getvariable('min_peers')
            then (groep_teller - teller + 0.5) / (groep_noemer - noemer + 1)
        else (regio_teller - teller + 0.5) / (regio_noemer - noemer + 1)
    end;

-- De peers van elke rij van een tabel (een CTE met de kolommen jaar, peer_groep, peer_teller en
-- peer_noemer): de andere rijen van hetzelfde jaar en dezelfde peer_groep (een perceel of
-- hoofdperceel), of van het hele jaar als die groep minder dan min_peers andere rijen heeft. Voegt
-- peers_in_perceel, peers_in_regio, eigen_perceel, peer_aandeel (gepoold, zonder de rij zelf) en
-- aantal_peers toe; een rij zonder enige andere rij in het jaar valt weg. Eén plek voor wat de
-- aandeelsignalen per hoofdperceel (SPK06, SPK07, UPC05, KWA06, KWA08) gemeen hebben.
create or replace macro peers_zonder_zelf(tabel) as table
    with groepen as (
        select
            *,
            count(*) over (partition by jaar, peer_groep) - 1 as peers_in_perceel,
            sum(peer_teller) over (partition by jaar, peer_groep) as groep_teller,
            sum(peer_noemer) over (partition by jaar, peer_groep) as groep_noemer,
            count(*) over (partition by jaar) - 1 as peers_in_regio,
            sum(peer_teller) over (partition by jaar) as regio_teller,
            sum(peer_noemer) over (partition by jaar) as regio_noemer
        from query_table(tabel)
    )

    select
        * exclude (peer_groep, peer_teller, peer_noemer, groep_teller, groep_noemer,
            regio_teller, regio_noemer),
        peers_in_perceel >= getvariable('min_peers') as eigen_perceel,
        peer_aandeel_zonder_zelf(
            peer_teller, peer_noemer, groep_teller, groep_noemer, regio_teller, regio_noemer,
            peers_in_perceel
        ) as peer_aandeel,
        case
            when peers_in_perceel >= getvariable('min_peers') then peers_in_perceel
            else peers_in_regio
        end as aantal_peers
    from groepen
    where peers_in_regio >= 1;

-- De mediaan van een groep zonder één van haar waarden (leave-one-out), uit de oplopend
-- gesorteerde lijst van de groep zonder NULL's: x weglaten (bij gelijke waarden maakt het niet uit
-- welke) en van de rest de mediaan zoals median() hem neemt (bij een even aantal het gemiddelde
-- van de twee middelste). Is x zelf NULL, dan telt hij niet mee in de lijst en is het de mediaan
-- van de hele lijst; zonder andere waarde NULL. Lineair, waar een join van elke aanbieder met elke
-- andere kwadratisch groeit.
create or replace macro element_zonder(lijst, weg, i) as
    case when i < weg then lijst[i] else lijst[i + 1] end;

create or replace macro mediaan_zonder_zelf(gesorteerd, x) as
    case
        when x is null then list_median(gesorteerd)
        when len(gesorteerd) <= 1 then null
        when len(gesorteerd) % 2 = 0
            then element_zonder(gesorteerd, list_position(gesorteerd, x), len(gesorteerd) // 2)
        else (
            element_zonder(gesorteerd, list_position(gesorteerd, x), (len(gesorteerd) - 1) // 2)
            + element_zonder(
                gesorteerd, list_position(gesorteerd, x), (len(gesorteerd) - 1) // 2 + 1
            )
        ) / 2
    end;

-- Een aanbieder is nieuw in een jaar (VOL02; VOL01 laat hem dan aan VOL02): zijn start
-- (int_aanbieder_start) ligt minder dan nieuw_max_maanden voor het einde van dat jaar, en ver
-- genoeg na het begin van de geladen gegevens.
create or replace macro is_nieuw_in_jaar(start_maand, start_na_aanloop, jaar) as
    start_na_aanloop
    and start_maand > make_date(jaar, 12, 31)
    - to_months(cast(getvariable('nieuw_max_maanden') as integer));

create or replace macro robuuste_z(x, mediaan, mad, minimale_mad) as
    (x - mediaan) / (1.4826 * greatest(mad, minimale_mad));

-- Funnel-z op de hoekschaal (arcsinus-wortel): variantiestabiliserend, zodat kleine aantallen
-- en aandelen dicht bij 0 of 1 niet te snel opvallen (de gewone benadering overschat z daar).
create or replace macro funnel_z_hoek(p, p0, n) as
    2 * sqrt(n) * (asin(sqrt(p)) - asin(sqrt(p0)));

-- Sterkte van een peerafwijking (0–1): 0,5 op de drempel, 1 bij twee keer de drempel.
create or replace macro sterkte_uit_z(z, drempel) as
    least(1.0, greatest(0.0, z) / (2 * drempel));

-- Materialiteit van een regelsignaal (SPK01–04, UPC03/04): minstens materieel_min_eur én
-- materieel_min_aandeel van wat de aanbieder dat jaar declareerde, of altijd boven
-- materieel_altijd_eur. Eén definitie, zodat alle regelsignalen dezelfde lat hebben.
create or replace macro is_materieel(bedrag, gedeclareerd) as
    (bedrag >= getvariable('materieel_min_eur')
        and bedrag >= getvariable('materieel_min_aandeel') * gedeclareerd)
    or bedrag >= getvariable('materieel_altijd_eur');

-- Voortzetting over de jaargrens (regelsignalen, KWA09, STP01 'uitgesloten'): uit de jaren van het
-- venster (jaar − 1 t/m jaar + 1; NULL waar dat jaar niet materieel is) de materiële jaren als
-- tekst ('2024' of '2022 en 2024'), of NULL als geen naburig jaar materieel is.
create or replace macro voortzetting_van(jaren) as
    nullif(array_to_string(list_sort(list_filter(jaren, lambda j: j is not null)), ' en '), '');

-- De materiële naburige jaren van een rij die zelf niet materieel is (zie voortzetting_van), binnen
-- de reeks (bijvoorbeeld struct_pack(indicator, aanbieder_agb)): één definitie van het venster
-- voor alle signalen met een voortzetting. NULL als de rij zelf materieel is.
create or replace macro voortzetting_jaren(is_materieel, jaar, reeks) as
    case when not is_materieel then voortzetting_van(
        list(case when is_materieel then jaar end) over (
            partition by reeks order by jaar range between 1 preceding and 1 following
        )
    ) end;

-- De zin in de toelichting bij een voortzetting; leeg zonder.
create or replace macro voortzetting_tekst(voortzetting_jaren) as
    coalesce(
        ' Gemarkeerd als voortzetting: in ' || voortzetting_jaren
        || ' is hetzelfde signaal bij deze aanbieder wel materieel, en een patroon dat over de'
        || ' jaargrens loopt telt als één patroon.',
        ''
    );

-- Het deel van het bedrag van een prestatie (begindatum t/m einddatum, aantal_dagen dagen) dat in
-- de periode vanaf t/m tot valt, naar rato van de dagen (stapeling: de euro's in een overlap), op
-- centen met de ene regel van bedrag_op_centen.
create or replace macro bedrag_naar_rato(bedrag, begindatum, einddatum, aantal_dagen, vanaf, tot) as
    bedrag_op_centen(
        bedrag * (datediff('day', greatest(begindatum, vanaf), least(einddatum, tot)) + 1)
        / aantal_dagen
    );

-- Wat een cliënt op het zwaarste niveau gemiddeld meer kost dan een lichtere cliënt (UPC01 en
-- UPC02), minstens 0. Niet afgerond: int_upc_tiermix toont het op centen, en het financieel
-- belang (extra zware cliënten × dit bedrag) wordt pas als product een bedrag op centen.
create or replace macro meerprijs_per_zware_client(
    bedrag_zwaar, clienten_zwaar, bedrag_licht, clienten_licht
) as
    greatest(0, coalesce(
        bedrag_zwaar / nullif(clienten_zwaar, 0) - bedrag_licht / nullif(clienten_licht, 0), 0
    ));

-- Een getal (z-score, uren, een aandeel × 100) als Nederlandse tekst met vaste decimalen (3,5).
-- Zulke getallen zijn DOUBLE; om dezelfde reden als bij procent_tekst eerst een fijnere
-- afronding. Voor bedragen: euro_tekst.
create or replace macro getal_tekst(x, decimalen) as
    case when round(round(x, 8), decimalen) < 0 then '−' else '' end
    || replace(cast(abs(round(round(x, 8), decimalen)) as varchar), '.', ',');

-- Een aantal met het goede woord: 1 klacht, 2 klachten, 0 klachten.
create or replace macro aantal_tekst(n, enkelvoud, meervoud) as
    n || ' ' || case when n = 1 then enkelvoud else meervoud end;

-- "3 van de 12 cliënten"; van één: "de enige cliënt" of "geen cliënt" (niet "1 van de 1
-- cliënten").
create or replace macro van_de_tekst(k, n, enkelvoud, meervoud) as
    case
        when n = 1 and k = 1 then 'de enige ' || enkelvoud
        when n = 1 and k = 0 then 'geen ' || enkelvoud
        else k || ' van de ' || n || ' ' || meervoud
    end;

-- Kleine cellen (afscherming voor contractmanagement en control, zie de kop van rollen.sql). Een
-- cel met 1 tot min_celgrootte cliënten wordt afgeschermd: het aantal wordt "<5", de euro's, de
-- bedragen per cliënt en de volumes worden leeg. De drempel komt uit de run (getvariable); een
-- weergave die later gelezen wordt (zonder variabelen) neemt de drempel van de laatste run uit
-- beheer.runs. Is er geen drempel te vinden, dan is elke cel klein: liever alles afgeschermd dan
-- een kleine cel zichtbaar.
create or replace macro min_celgrootte() as
    coalesce(
        getvariable('min_celgrootte'),
        (
            select try_cast(json_extract_string(r.drempels, '$.min_celgrootte') as integer)
            from beheer.runs as r
            order by r.run_id desc
            limit 1
        ),
        2147483647
    );

-- Een cel is klein als er cliënten zijn, maar minder dan de drempel (0 cliënten is geen cel).
create or replace macro is_kleine_cel(aantal_clienten) as
    coalesce(aantal_clienten, 0) > 0 and aantal_clienten < min_celgrootte();

-- Aanvullende afscherming: staat er in een groep (bijv. aanbieder × jaar, waarvan elders een
-- totaal staat) precies één kleine cel, dan zou het totaal min de andere cellen haar verraden. Dan
-- wordt ook de kleinste andere cel met cliënten afgeschermd (bij gelijke grootte beslist
-- `volgorde`). Staat het totaal zelf als rij in de groep en is er geen andere cel, dan is het
-- totaal de kleinste andere cel en wordt het afgeschermd. `groep` is een row(...) van de
-- groepskolommen. Dit is een vensterfunctie: alleen in de SELECT van een weergave.
create or replace macro is_aanvullend_afgeschermd(aantal_clienten, groep, volgorde) as
    not is_kleine_cel(aantal_clienten)
    and coalesce(aantal_clienten, 0) > 0
    and count(*) filter (where is_kleine_cel(aantal_clienten)) over (partition by groep) = 1
    and row_number() over (
        partition by groep, not is_kleine_cel(aantal_clienten) and coalesce(aantal_clienten, 0) > 0
        order by aantal_clienten, volgorde
    ) = 1;

-- Wat een pagina in plaats van het aantal cliënten toont: "<5" voor een kleine cel, "—" voor een
-- cel die alleen aanvullend is afgeschermd (het echte aantal is dan niet klein), anders leeg (de
-- pagina toont het getal).
create or replace macro clienten_weergave(aantal_clienten, is_afgeschermd) as
    case
        when is_kleine_cel(aantal_clienten) then '<' || min_celgrootte()
        when is_afgeschermd then '—'
    end;

-- De status van één stap van de verantwoording (#13) op de dag van de run: 'ontvangen' (vóór de
-- uiterste datum), 'te laat' (op of na die datum), 'ontbreekt' (datum verstreken, niets binnen),
-- 'nog niet' (datum nog niet verstreken) of 'n.v.t.' (de aanbieder levert geen stappen aan, dan
-- telt alleen de definitieve stap; geef daar true voor `stappen_verwacht`).
create or replace macro verantwoordingsstap_status(
    ontvangen, ontvangen_datum, uiterste_datum, stappen_verwacht
) as
    case
        when coalesce(ontvangen, false)
            then if(ontvangen_datum >= uiterste_datum, 'te laat', 'ontvangen')
        when not stappen_verwacht then 'n.v.t.'
        when current_date >= uiterste_datum then 'ontbreekt'
        else 'nog niet'
    end;
