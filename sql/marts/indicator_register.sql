-- doel: de definitie van elke indicator zoals de kop van zijn bestand hem geeft; het dashboard
--   toont deze tekst bij elk signaal
-- grain: één rij per indicator
-- sleutel: indicator
-- bronnen: ind_afwijkend_profiel, ind_kwaliteit_meldingen, ind_kwaliteit_onderlevering,
--   ind_kwaliteit_tegenstrijdige_berichten, ind_kwaliteit_verantwoording, ind_spookzorg_altijd_vol,
--   ind_spookzorg_boven_volume, ind_spookzorg_buiten_periode, ind_spookzorg_declaratiegedrag,
--   ind_spookzorg_dubbel, ind_spookzorg_zonder_toewijzing, ind_stapeling_intensiteit,
--   ind_stapeling_samenloop, ind_upcoding_aandeel_zwaar, ind_upcoding_boven_contracttarief,
--   ind_upcoding_verschuiving, ind_upcoding_verzoeken, ind_upcoding_zwaarder_dan_toegewezen,
--   ind_volume_groei
-- gegenereerd: door `python -m pipelines.samengestelde_modellen` uit de bestanden en hun
--   kop; niet met de hand wijzigen (tests/sql/test_samengestelde_modellen.py vergelijkt)
select *
from (
    values
    (
        'PRF01',
        'Afwijkend profiel (IsolationForest)',
        'volgt uit het kenmerk dat het meest afwijkt',
        'Een IsolationForest (scikit-learn, vaste seed) over het profiel van elke aanbieder per perceel en jaar: euro''s per cliënt, realisatiegraad, aandeel maanden precies op het toegewezen volume, aandeel zwaarste intensiteit, creditratio, aandeel onrechtmatige euro''s en groei. Elk kenmerk wordt eerst vergeleken met de aanbieders in hetzelfde perceel (afstand tot hun mediaan, in eenheden van hun spreiding), zodat een perceel dat nu eenmaal duurder is (beschermd wonen) niet als afwijkend telt. Een perceel met minder aanbieders dan het minimum voor een peergroep wordt niet beoordeeld. Het tiende deel met de meest afwijkende profielen krijgt een signaal, met de kenmerken die het verst van de peers liggen, elk als veelvoud van de mediaan van die peers.',
        'Een combinatie van op zichzelf onschuldige afwijkingen kan op een risico wijzen dat geen enkele regel vangt; het model wijst waar een toezichthouder als eerste kijkt.',
        'nooit gemarkeerd (verkennend); telt met hooguit 0,25 punt mee in de score; peergroep vanaf min_peers aanbieders met minstens 5 cliënten in het perceel',
        'Liu, Ting & Zhou (2008), Isolation Forest; scikit-learn IsolationForest',
        'ind_afwijkend_profiel',
        'één rij per aanbieder × perceel × jaar in het meest afwijkende tiende deel'
    ),
    (
        'KWA02',
        'Veel klachten en calamiteiten per cliënt',
        'kwaliteit',
        'Aantal klachten plus calamiteiten per 100 cliënten van een aanbieder in een jaar, vergeleken met het gepoolde peercijfer (aanbieders met minstens min_clienten cliënten). Poisson-funnel op de wortelschaal (Anscombe: z = 2·(√(O+3/8) − √(E+3/8)), betrouwbaar ook bij kleine aantallen), met krimp: elke aanbieder krijgt er min_clienten cliënten met het peercijfer bij, zodat een paar meldingen bij een kleine aanbieder niet doorslaat; daarna correctie voor overdispersie (φ uit de gewinsoriseerde z² van de peers). Alleen voor jaren waarin meldingen zijn aangeleverd. Financieel belang: € 0 (een kwaliteitssignaal).',
        'Veel klachten en calamiteiten in verhouding tot het aantal cliënten wijzen op slechte of onveilige zorg; samen met onderlevering (KWA01) het patroon van zorgverwaarlozing.',
        'gemarkeerd als z na overdispersiecorrectie boven z_drempel ligt en de aanbieder minstens min_clienten cliënten heeft.',
        'indicatorcatalogus F (zorgverwaarlozing); Spiegelhalter (2005) funnelplots; meldingen van toegang en toezicht (referentie).',
        'ind_kwaliteit_meldingen',
        'één rij per aanbieder × jaar met meer meldingen dan verwacht (z > 1)'
    ),
    (
        'KWA01',
        'Onderlevering: veel minder zorg geleverd dan toegewezen',
        'kwaliteit',
        'Realisatiegraad van een aanbieder per perceel en jaar: het gedeclareerde volume gedeeld door het toegewezen volume voor dezelfde periodes (IV076/TR321), alleen voor inspanningsgerichte eenheden (uren, minuten, dagdelen, etmalen, stuks inspanning). Na krimp naar de peermediaan (gewicht cliëntmaanden / (cliëntmaanden + min_clientmaanden)) vergeleken met aanbieders in hetzelfde perceel: robuuste z op mediaan en MAD. Financieel belang: € 0, want er is niet te veel betaald (alleen het geleverde is gedeclareerd); het risico is dat cliënten de toegewezen zorg niet krijgen.',
        'Wie maand na maand veel minder levert dan toegewezen, zonder de zorg te stoppen of een lagere toewijzing te vragen, laat cliënten zonder de zorg die zij nodig hebben (zorgverwaarlozing) en houdt plekken bezet.',
        'gemarkeerd bij een realisatiegraad onder onderlevering_max_realisatie, een robuuste z onder −robuuste_z_drempel en minstens min_clientmaanden cliëntmaanden. Percelen met minder dan min_peers aanbieders worden niet beoordeeld: realisatie is alleen binnen een perceel vergelijkbaar.',
        'indicatorcatalogus E3/F1 (verzilvering, lage verzilvering); iWmo IV076/TR321.',
        'ind_kwaliteit_onderlevering',
        'één rij per aanbieder × perceel × jaar in een perceel met genoeg peers en met een realisatiegraad onder onderlevering_max_realisatie of duidelijk onder de peers (z < −2)'
    ),
    (
        'KWA04',
        'Berichten die elkaar tegenspreken',
        'kwaliteit',
        'Per aanbieder en jaar het aantal berichten die een ander bericht tegenspreken: (1) een declaratie voor dagen die een latere toewijzing (301) introk, door een eerdere einddatum of met RedenWijziging 13 "Verwijderd"; (2) een start (305) of stop (307) voor een toewijzingnummer dat geen 301 ooit aan deze aanbieder en cliënt toewees; (3) een antwoord van de gemeente (325) op een prestatie die de aanbieder nooit declareerde; (4) een stop (307) met een einddatum vóór de begindatum van de zorg (305); (5) een verwijdering (StatusAanlevering 3) die niets intrekt. Een bericht van vlak na het begin van de geladen gegevens telt bij (2), (3) en (5) pas vanaf 90 dagen (tegenspraak_aanloop_dagen) na het eerste geladen bericht van die soort (het bericht waar het bij hoort kan ouder zijn). Geen declaratie valt weg of verandert. Financieel belang: alleen bij (1), de euro''s voor de ingetrokken dagen voor zover geen ander regelsignaal ze al telt (zoals SPK02 bij een declaratie na de nieuwe einddatum); (2)–(5) zijn administratief (€ 0).',
        'Toewijzing, start, stop, declaratie en antwoord horen één verhaal te vertellen. Waar ze elkaar tegenspreken, klopt de administratie van aanbieder of gemeente niet, of wordt er zorg gedeclareerd of gemeld die niet (meer) is toegewezen. Categorie kwaliteit en niet spookzorg: de meeste tegenstrijdigheden zijn administratief, en de euro''s van een declaratie buiten de toewijzing telt SPK02 al; dit signaal vraagt om uitzoeken, niet om terugvorderen.',
        'gemarkeerd bij minstens 5 tegenstrijdigheden van soort (2)–(5) in een jaar (tegenspraak_min_aantal: één vergissing in het berichtenverkeer is geen patroon), of als de euro''s van (1) die nog in geen ander signaal staan materieel zijn (materieel_min_eur én materieel_min_aandeel van de declaraties, of altijd boven materieel_altijd_eur). Soort (1) telt niet mee in het aantal: een export als tabel kent alleen de laatste versie van een toewijzing en dus geen intrekking, en dezelfde gegevens als tabel of als berichten moeten dezelfde markeringen geven; de declaraties buiten de laatste versie markeert SPK02 in beide.',
        'iWmo TR384 (retourcode 9384), TR019 (9019), TR063 (9063); OP364 (regieberichten zijn niet voorwaardelijk: een tegenspraak is een signaal, geen afwijzing); WMO325.',
        'ind_kwaliteit_tegenstrijdige_berichten',
        'één rij per aanbieder × jaar met minstens één tegenstrijdigheid'
    ),
    (
        'KWA03',
        'Gedeclareerde omzet wijkt af van de eigen productieverantwoording',
        'kwaliteit',
        'Per aanbieder en jaar de staande gedeclareerde euro''s in de regio (alle gemeenten samen, na creditering) tegenover het bedrag in de productieverantwoording die de aanbieder zelf aanleverde. Ontbreekt de verantwoording van een aanbieder in een jaar waarvoor andere aanbieders wel verantwoording aanleverden, dan telt die als € 0. Financieel belang: wat meer gedeclareerd is dan verantwoord.',
        'De verantwoording komt uit de eigen administratie van de aanbieder. Declareert hij meer dan hij zelf als productie verantwoordt, dan zijn er prestaties gedeclareerd die niet in de boeken staan (bijvoorbeeld dubbel gedeclareerd); omgekeerd klopt de verantwoording niet met wat de gemeente betaalde. Tot verantwoording_drempel_eur volstaat een bestuurdersverklaring, daarboven is een controleverklaring van een accountant vereist.',
        'gemarkeerd als het verschil (in beide richtingen) minstens verantwoording_verschil_min_eur is én minstens verantwoording_verschil_min_aandeel van de gedeclareerde omzet.',
        'Protocol productieverantwoording Wmo/Jeugd (landelijk, i-Sociaal Domein); indicatorcatalogus G4 (accountantsdrempel); eigen verantwoording aanbieder (referentie).',
        'ind_kwaliteit_verantwoording',
        'één rij per aanbieder × jaar (in jaren met verantwoording) met een verschil van minstens verantwoording_verschil_min_aandeel van de omzet'
    ),
    (
        'SPK05',
        'Altijd precies het toegewezen volume',
        'spookzorg',
        'Het aandeel cliëntmaanden (declaratieregels met een inspanningsgerichte eenheid en een toegewezen volume per periode) waarin de aanbieder precies het toegestane volume declareert (realisatiegraad 1 ± 0,005), vergeleken met de andere aanbieders van hetzelfde perceel in hetzelfde jaar. Funnelplot: verwacht aandeel = gepoold aandeel van de peers; z op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de aanbieders van het perceel. Financieel belang: de euro''s van de maanden op het maximum maal het gebruikelijke tekort van de peers (1 − de mediane realisatiegraad van de peers), dus wat er bij peerrealisatie minder was betaald.',
        'Echte zorg kent afwezigheid, vakantie en ziekte; maand na maand precies het geïndiceerde volume declareren wijst op declareren op basis van de indicatie in plaats van de geleverde zorg (kopieergedrag).',
        'gemarkeerd als de aanbieder minstens min_clientmaanden cliëntmaanden heeft, het aandeel op het maximum minstens altijd_vol_min_aandeel is, de gecorrigeerde z boven z_drempel ligt en het financieel belang minstens materieel_min_eur is.',
        'indicatorcatalogus H1/F5 (100% van geïndiceerd volume); Spiegelhalter (2005) funnelplots met overdispersie.',
        'ind_spookzorg_altijd_vol',
        'één rij per aanbieder × jaar × perceel met minstens min_clientmaanden cliëntmaanden'
    ),
    (
        'SPK03',
        'Geleverd volume boven het toegewezen volume',
        'spookzorg',
        'Euro''s op staande declaratieregels met meer volume dan toegewezen: boven het toegewezen volume voor de periode (per dag, week of maand, naar rato van de dagen binnen de toewijzing, na volume_tolerantie voor afronding), cumulatief boven het totaalvolume van de toewijzing (frequentie totaal), of cumulatief boven het budget. Alleen het volume boven de toewijzing maal het tarief telt als onrechtmatig bedrag.',
        'Meer uren of dagdelen declareren dan de gemeente toekende wijst op niet-geleverde of niet-geïndiceerde zorg; structureel boven de toewijzing declareren is een spookzorgpatroon.',
        'gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven materieel_altijd_eur.',
        'iWmo TR321/TR322/TR369 (retourcodes 9321/9322/9369), IV076 (volume per periode); indicatorcatalogus A3.',
        'ind_spookzorg_boven_volume',
        'één rij per aanbieder × jaar met minstens één zulke regel'
    ),
    (
        'SPK02',
        'Declaratie buiten de toewijzingsperiode of na het einde van de zorg',
        'spookzorg',
        'Euro''s op staande declaratieregels waarvan de productperiode (deels) buiten de ingangs- en einddatum van de toewijzing valt, of na de stopdatum van de zorg uit het stopbericht (307). Alleen het deel van de periode buiten de toewijzing of na de stop telt als onrechtmatig bedrag. Een open einddatum van de toewijzing begrenst niets.',
        'Na het einde van de toewijzing of van de zorg is er geen zorg meer toegekend of geleverd; doordeclareren op een oud toewijzingnummer is een bekend spookzorgpatroon.',
        'gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven materieel_altijd_eur.',
        'iWmo TR307/TR308 (retourcodes 9307/9308); stopbericht 307 (WMO588, OP364: signaal, geen afwijzing); indicatorcatalogus A2/B2.',
        'ind_spookzorg_buiten_periode',
        'één rij per aanbieder × jaar met minstens één zulke regel'
    ),
    (
        'SPK06',
        'Veel afgewezen, herhaald gedeclareerde of late declaraties',
        'spookzorg',
        'Per aanbieder en jaar het aandeel van zijn debetregels dat opvalt in het',
        'Categorie spookzorg, niet kwaliteit: het gaat om geld en rechtmatigheid, niet om de veiligheid van cliënten. Wie vaak declaraties afgewezen krijgt en dezelfde prestatie steeds opnieuw indient, probeert uit wat door de controle komt; late declaraties zijn lastiger te toetsen aan levering en toewijzing. Dat patroon gaat vaak vooraf aan gedeclareerde zorg die niet (zo) geleverd is. Eén correctie of een enkele afwijzing is gewoon; de vergelijking met peers laat alleen het structurele patroon over.',
        'gemarkeerd bij minstens 10 cliënten (min_clienten), een gecorrigeerde z boven 3 (z_drempel) en een geschat belang van minstens € 1.000 (materieel_min_eur); laat is meer dan 90 dagen na de einddatum (laat_declareren_dagen).',
        'iWmo WMO325 (declaratie-antwoord met retourcodes, WJ001); iWmo TR323 (credit en herdeclaratie); Spiegelhalter (2005) funnelplots met overdispersie.',
        'ind_spookzorg_declaratiegedrag',
        'één rij per aanbieder × jaar met minstens min_clienten cliënten'
    ),
    (
        'SPK04',
        'Dubbel gedeclareerde prestatie',
        'spookzorg',
        'Euro''s op staande declaratieregels die een tweede keer dezelfde prestatie',
        'Dezelfde zorg twee keer laten betalen, met een nieuw referentienummer en zonder credit, is een eenvoudig en moeilijk zichtbaar spookzorgpatroon.',
        'gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven materieel_altijd_eur.',
        'iWmo TR314 (retourcode 8021), FAQ iWmo 3.2 (twee prestaties voor dezelfde toewijzing en productperiode); indicatorcatalogus A6.',
        'ind_spookzorg_dubbel',
        'één rij per aanbieder × jaar met minstens één zulke regel'
    ),
    (
        'SPK01',
        'Declaratie zonder passende toewijzing',
        'spookzorg',
        'Euro''s op staande declaratieregels die niet bij een toegewezen product van deze cliënt en aanbieder horen: geen of een onbekend toewijzingnummer, de toewijzing van een andere cliënt of aanbieder, of een andere productcategorie, productcode of eenheid dan toegewezen. Een zwaarder product binnen hetzelfde perceel telt niet hier maar bij upcoding (UPC03).',
        'Zonder toewijzing heeft de gemeente de zorg niet toegekend; zulke prestaties zijn niet rechtmatig en zijn het klassieke patroon van spookzorg (zorg declareren die niet geleverd is).',
        'gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven materieel_altijd_eur.',
        'iWmo TR338 (retourcode 9338), TR339–TR341 (9339/9340/9341); indicatorcatalogus A1/A4.',
        'ind_spookzorg_zonder_toewijzing',
        'één rij per aanbieder × jaar met minstens één zulke regel'
    ),
    (
        'STP02',
        'Stapeling: zeer hoge zorgbelasting per week over alle aanbieders',
        'stapeling',
        'Per cliënt en maand het totaal aan toegewezen uren per week over alle lopende toewijzingen bij alle aanbieders samen (tijdseenheden: minuten, uren, dagdelen van 4 uur; etmaalproducten tellen niet mee, die vallen onder STP01). Per aanbieder het aandeel van zijn cliënten met minstens één maand boven intensiteit_max_uur_week (standaard 40 uur per week), vergeleken met aanbieders met hetzelfde hoofdperceel. Financieel belang: het deel van wat deze aanbieder in die maanden voor die cliënten declareerde dat naar rato boven de grens uitkomt.',
        'Meer dan een volle werkweek aan ambulante zorg en dagbesteding, verdeeld over aanbieders, is voor één cliënt zelden nodig: het wijst op stapeling die per aanbieder niet zichtbaar is. Informatief: alleen bij een duidelijk afwijkend aandeel gemarkeerd.',
        'gemarkeerd als de funnel-z (na overdispersiecorrectie) boven z_drempel ligt, met minstens stapeling_min_clienten betrokken cliënten, minstens stapeling_min_aandeel van de cliënten en minstens materieel_min_eur boven de grens van intensiteit_max_uur_week.',
        'indicatorcatalogus D4/D7 (samenloop over aanbieders); de grens (standaard 40 uur per week) is een voorstel [P].',
        'ind_stapeling_intensiteit',
        'één rij per aanbieder × jaar met minstens één cliëntmaand boven de grens'
    ),
    (
        'STP01',
        'Stapeling: toewijzing bovenop een uitgesloten combinatie',
        'stapeling',
        'Aandeel van de cliënten van de aanbieder met een toewijzing die langer dan de overstapmarge samenvalt met een toewijzing (bij deze of een andere aanbieder) waarmee de combinatie volgens de samenloopregels niet mag (''uitgesloten'') of opvalt (''signaal''). Telt bij de aanbieder wiens zorg er later bovenop kwam; het financieel belang is wat die aanbieder in de overlap op die toewijzing declareerde. Eén rij per aanbieder, jaar en soort regel.',
        'Een uitgesloten combinatie wordt dubbel bekostigd (beschermd wonen omvat begeleiding; een product inclusief dagbesteding sluit losse dagbesteding uit). Wie structureel zorg bovenop zulke toewijzingen levert, declareert zorg die al betaald is.',
        '''uitgesloten'' gemarkeerd vanaf stapeling_min_clienten betrokken cliënten én stapeling_min_aandeel van de cliënten én materieel_min_eur in de overlap; ''signaal'' alleen als het aandeel daarnaast ver boven de peers ligt (funnel-z na overdispersiecorrectie > z_drempel). Een overlap tot overlap_dagen_overstap dagen is een overstap en telt niet.',
        'Begrippenlijst iWmo (stapeling, samenloop); indicatorcatalogus D1–D5, D7; samenloopregels.csv (referentie).',
        'ind_stapeling_samenloop',
        'één rij per aanbieder × jaar × soort regel (uitgesloten | signaal) met minstens één betrokken cliënt'
    ),
    (
        'UPC01',
        'Hoog aandeel cliënten in de zwaarste intensiteit',
        'upcoding',
        'Per perceel het aandeel van de cliënten van de aanbieder in de zwaarste intensiteit die hij aanbiedt (intensiteit uit de productcatalogus; een cliënt telt op zijn zwaarste gedeclareerde niveau), vergeleken met aanbieders met hetzelfde aanbod van intensiteiten in dat perceel (een niveau hoort bij het aanbod vanaf 10% van de cliënten). Zijn dat er minder dan min_peers, dan alle aanbieders van het perceel die minstens dezelfde intensiteiten aanbieden, geteld op de niveaus van de aanbieder (vastgelegd in peergroep). Aanbieders met maar één intensiteit in een perceel (bijvoorbeeld alleen specialistisch) worden niet',
        'Cliënten zwaarder indiceren of declareren dan nodig (upcoding) verhoogt de omzet per cliënt; bij een vergelijkbaar aanbod hoort een vergelijkbare mix van zwaarte.',
        'gemarkeerd bij minstens min_clienten cliënten, een gecorrigeerde z boven z_drempel en een financieel belang van minstens materieel_min_eur.',
        'indicatorcatalogus C1/C3 (tiermix tegen peers); Spiegelhalter (2005) funnelplots met overdispersie; WMO021-productcodes en hun zwaarte.',
        'ind_upcoding_aandeel_zwaar',
        'één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten en minstens min_clienten cliënten'
    ),
    (
        'UPC04',
        'Producttarief boven het contracttarief',
        'upcoding',
        'Het bedrag dat staande declaratieregels boven het contracttarief liggen: (producttarief − contracttarief) × geleverd volume, als het producttarief meer dan tarief_tolerantie_eur boven het contracttarief van de aanbieder (of anders het regionale tarief) voor die productcode en datum ligt. Regels waarvan het hele bedrag al onrechtmatig is (zonder passende toewijzing, SPK01, of een zwaarder product dan toegewezen, UPC03) tellen hier niet, zodat dezelfde euro niet twee keer meetelt.',
        'Een hoger tarief declareren dan afgesproken is overfacturering; het valt alleen op bij vergelijking met de contracttarieven, want het ingediende bedrag klopt met het eigen tarief.',
        'gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven materieel_altijd_eur.',
        'iWmo TR418 (retourcode 0611, nieuw in iWmo 3.2: producttarief ≠ contracttarief); indicatorcatalogus A5/C6.',
        'ind_upcoding_boven_contracttarief',
        'één rij per aanbieder × jaar met minstens één zulke regel'
    ),
    (
        'UPC02',
        'Verschuiving naar de zwaarste intensiteit',
        'upcoding',
        'Per perceel de stijging van het aandeel cliënten in de zwaarste aangeboden intensiteit ten opzichte van vorig jaar, voorbij de verandering bij de peers. Beide jaren worden geteld op de intensiteiten die de aanbieder in een van beide jaren aanbood (zie UPC01; aanbieders met één intensiteit doen niet mee), eigen en van dezelfde peers. Verwacht aandeel = aandeel vorig jaar + verandering van het gepoolde peeraandeel; z voor het verschil op de arcsinus-wortelschaal, gecorrigeerd voor overdispersie over de aanbieders van het perceel. Alleen als de aanbieder de zwaarste intensiteit vorig jaar ook al aanbood (een nieuw contract is geen verschuiving). Financieel',
        'Een aanbieder die zijn cliënten in korte tijd zwaarder laat indiceren of declareren terwijl vergelijkbare aanbieders dat niet doen, verschuift waarschijnlijk naar duurdere producten zonder dat de zorgvraag veranderde (upcoding in de tijd).',
        'gemarkeerd alleen bij een duidelijke en materiële stijging: beide jaren minstens min_clienten cliënten, gecorrigeerde z boven z_drempel, een stijging van minstens 10 procentpunt boven de verwachting en een financieel belang van minstens materieel_min_eur.',
        'indicatorcatalogus C1/C6 (tiermix, verschuiving naar duurdere codes jaar op jaar); Spiegelhalter (2005) funnelplots met overdispersie.',
        'ind_upcoding_verschuiving',
        'één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten, in beide jaren minstens min_clienten cliënten'
    ),
    (
        'UPC05',
        'Veel verzoeken om een zwaardere of grotere toewijzing',
        'upcoding',
        'Per aanbieder, jaar en perceel het aandeel van zijn verzoeken om toewijzing (WMO315) en om wijziging (WMO317) dat vraagt om een zwaarder product (hogere intensiteit in de productcatalogus, binnen het perceel) of om meer volume (in de basiseenheid, per dag omgerekend) dan de toewijzing die de cliënt bij die aanbieder op dat moment had. Alleen verzoeken met zo''n huidige toewijzing tellen (een eerste aanvraag heeft niets om mee te vergelijken). Vergeleken met het gepoolde aandeel van de andere aanbieders met verzoeken in hetzelfde perceel (minder dan min_peers: alle andere aanbieders in de regio); funnelplot op de hoekschaal met overdispersiecorrectie. De toelichting noemt hoe vaak de gemeente het opwaartse verzoek volgde (319 toegekend, of een passende 301 binnen 60 dagen, verzoek_gevolgd_dagen). Financieel belang (geschat): de opwaartse verzoeken boven de peerverwachting maal de gemiddelde meerkosten per jaar (contracttarieven) van de opwaartse verzoeken die de gemeente volgde.',
        'Een hogere indicatie aanvragen dan de zorgvraag rechtvaardigt is hoe regionaal toezicht upcoding omschrijft; het begint bij het verzoek, nog voor er iets gedeclareerd is. Wie veel vaker dan vergelijkbare aanbieders om zwaarder of meer vraagt, en dat vaak krijgt, verhoogt de omzet per cliënt.',
        'gemarkeerd bij minstens 10 vergelijkbare verzoeken (min_verzoeken: een aanbieder met 3 verzoeken wordt niet beoordeeld), een gecorrigeerde z boven 3 (z_drempel) en een geschat belang van minstens € 1.000 (materieel_min_eur).',
        'iWmo WMO315/WMO317 (verzoek om toewijzing / wijziging) en WMO319 (antwoord); Spiegelhalter (2005) funnelplots met overdispersie.',
        'ind_upcoding_verzoeken',
        'één rij per aanbieder × jaar × perceel met minstens min_verzoeken vergelijkbare verzoeken'
    ),
    (
        'UPC03',
        'Zwaarder product gedeclareerd dan toegewezen',
        'upcoding',
        'Staande declaratieregels voor een product uit hetzelfde perceel als het toegewezen product, maar met een hogere intensiteit (volgens de productcatalogus) dan toegewezen. Het financieel belang is het tariefverschil: (producttarief − contracttarief van het toegewezen product) × volume, omgerekend naar dezelfde eenheid; is dat niet te berekenen, dan het hele bedrag. Een toewijzing op categorieniveau (zonder productcode) raakt dit niet.',
        'Een zwaarder product declareren dan de gemeente toekende levert per uur of dag meer op zonder dat de cliënt die zorg nodig had: upcoding.',
        'gemarkeerd bij een tariefverschil van minstens materieel_min_eur én materieel_min_aandeel van de eigen declaraties in het jaar, of altijd boven materieel_altijd_eur.',
        'iWmo TR340 (retourcode 9340: productcode ≠ toewijzing); indicatorcatalogus A4/C6.',
        'ind_upcoding_zwaarder_dan_toegewezen',
        'één rij per aanbieder × jaar met minstens één zulke regel'
    ),
    (
        'VOL01',
        'Groei van de omzet ver boven die van de peers (na aftrek van overnames)',
        'volume',
        'Groei van de rechtmatig gedeclareerde euro''s van een aanbieder in een perceel t.o.v. het vorige jaar, na aftrek van de euro''s van cliënten die overkwamen van een aanbieder die ophield (overname) en van de overloop (cliënten die eind vorig jaar al zorg kregen en nu een heel jaar meetellen; zie int_vol_groei). De groeivoet wordt gekrompen naar de peermediaan (gewicht n / (n + min_clienten), n = cliënten vorig jaar) en vergeleken met de groei van de peers in hetzelfde perceel (minder dan min_peers: alle percelen): robuuste z op mediaan en MAD van aanbieders met een basis van minstens groei_min_basis_eur. Financieel belang: de eigen groei boven wat de peermediaan op de eigen basis zou geven.',
        'Een sprong in omzet zonder overname of nieuw contract (veel nieuwe cliënten, meer uren per cliënt of duurdere producten) is het patroon van zorgcowboys die snel opschalen; de ontleding in cliënten, volume, prijs en mix laat zien waar de groei vandaan komt.',
        'gemarkeerd als de robuuste z boven robuuste_z_drempel ligt én de eigen groei (na overname en overloop) minstens groei_min_eur is. Een jaar zonder volledig vorig jaar (nieuwe aanbieder of nieuw perceel) geeft geen signaal.',
        'indicatorcatalogus E1/E5 (YoY-groei, instroom) en G1; drempels [P].',
        'ind_volume_groei',
        'één rij per aanbieder × perceel × jaar met een volledig vorig jaar en een groei duidelijk boven de peers (z > 1)'
    )
) as register (indicator, naam, categorie, definitie, waarom, drempels, bron, model, grain)
