-- doel: wat elke rol van het dashboard mag lezen, als weergaven in een eigen schema per rol
--   (rol_toezicht, rol_contractmanagement, rol_control). De querylaag van het dashboard leest
--   uitsluitend uit het schema van de actieve rol; wat daar niet staat, kan de browser van die
--   rol nooit bereiken. Ook een verborgen kolom zou wel naar de browser gaan: daarom kiest elke
--   weergave zijn kolommen met naam, en krijgt een nieuwe kolom in een mart pas een rol als hij
--   hier wordt toegevoegd.
-- grain: n.v.t. (weergaven; de runner voert dit bestand uit na alle modellen, in dezelfde
--   transactie, en dropt eerst de rolschema's zodat een geschrapte weergave echt verdwijnt)
-- bronnen: marts.*, intermediate.int_aanbieders, stg.stg_gemeenten, stg.stg_producten,
--   beheer.laadregister, beheer.niet_geladen, beheer.runs, quarantaine.redenen
-- toelichting:
--   toezicht            alles, ook de bewijsregels met gepseudonimiseerde cliëntnummers (de
--                       beoordelingen staan in de beheeropslag, niet in de database)
--   contractmanagement  aanbiedercijfers, trends, mix en signalen; nooit cliëntregels of bewijs,
--                       signalen van de toegang alleen geteld met kleine aantallen afgeschermd
--   control             volumes en kosten per gemeente, perceel, product en aanbieder, en de
--                       verantwoording; geen cliëntregels en geen signalen
--   beheer.signalen_eerst_gezien (migratie 0003, gevuld door signalen_eerst_gezien.sql) legt per
--   gemarkeerd signaal vast wanneer het voor het eerst verscheen; daaruit volgt 'nieuw sinds de
--   vorige lading'. Dit bestand maakt alleen schema's en weergaven, het schrijft geen gegevens.
--   Kleine cellen (AVG; issue #12 punt 3): contractmanagement en control zien geen cel van
--   minder dan min_celgrootte (drempels.toml, nu 5) cliënten. Zo'n cel krijgt aantal_clienten
--   leeg en clienten_weergave '<5'; haar euro's, bedragen per cliënt, volumes en aandelen zijn
--   leeg. Staat er in een groep met een elders getoond totaal precies één kleine cel, dan wordt
--   ook de kleinste andere cel afgeschermd (clienten_weergave '—'). is_afgeschermd zegt het de
--   pagina; toezicht ziet exacte cijfers (is_afgeschermd altijd false). De regel staat één keer
--   in macros.sql (is_kleine_cel, is_aanvullend_afgeschermd, clienten_weergave). Inventaris:
--   de inventaris per weergave (welk aantal een cel beslist, wat leeg wordt, binnen welke
--   groep aanvullend) staat in docs/afscherming-kleine-cellen.md.
--   Zonder cijfers per cel: laadregister, niet_geladen, runs, quarantaine, gemeenten,
--   producten, aanbieders, indicatoren, signalen_eerst_gezien. Niet afgeschermd: aantallen
--   aanbieders en de peerwaarden (medianen over aanbieders, geen cliënten). De aanvullende
--   afscherming is per richting één keer toegepast, niet tot een vast punt, en kijkt niet over
--   weergaven heen (bijv. mix tegen activiteit): een vastberaden optelling over meerdere
--   weergaven is niet uitgesloten; de cellen zelf staan nooit in de weergave.
--   De verantwoording komt uit marts.mart_verantwoording_omzet als die bestaat: een tabelmacro
--   met een parameter wordt pas bij gebruik gebonden, dus dit bestand faalt niet zolang die mart
--   er nog niet is (het dashboard meldt dat dan). De macro levert alleen rijen voor die ene mart.

drop schema if exists rol_toezicht cascade;
drop schema if exists rol_contractmanagement cascade;
drop schema if exists rol_control cascade;
drop schema if exists rol_beheer cascade;
create schema rol_toezicht;
create schema rol_contractmanagement;
create schema rol_control;
create schema rol_beheer;

-- ----------------------------------------------------------------------------------------
-- toezicht
-- ----------------------------------------------------------------------------------------
create view rol_toezicht.laadregister as
select
    bestand_id, bestandsnaam, tabel, formaat, rijen_gelezen, rijen_geladen, rijen_quarantaine,
    rijen_al_aanwezig, geladen_op, duur_seconden, berichttype, domein, archief
from beheer.laadregister;

-- bestanden en berichten die een ingest zag maar niet laadde, met de reden
create view rol_toezicht.niet_geladen as
select gezien_op, soort, bestandsnaam, archief, reden
from beheer.niet_geladen;

create view rol_toezicht.runs as
select run_id, gestart_op, duur_seconden, drempels from beheer.runs;

create view rol_toezicht.quarantaine as
select q.tabel, r.bestandsnaam, q.bestand_id, q.regelnummer, q.kolom, q.waarde, q.reden
from quarantaine.redenen as q
left join beheer.laadregister as r on r.bestand_id = q.bestand_id;

create view rol_toezicht.gemeenten as
select gemeentecode, naam, regio from stg.stg_gemeenten;

create view rol_toezicht.producten as
select productcode, productcategorie, omschrijving, perceel, intensiteit, eenheid
from stg.stg_producten;

create view rol_toezicht.aanbieders as
select aanbieder_agb, naam, hoofdaannemer_agb, contract_vanaf, contract_tot
from intermediate.int_aanbieders;

create view rol_toezicht.trends as
select
    jaar, maand, gemeentecode, gemeente, perceel, productcode, productomschrijving, intensiteit,
    eenheid, gedeclareerd_eur, onrechtmatig_eur, aantal_clienten, aantal_aanbieders,
    aantal_regels, volume, uren,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_controller_trends;

create view rol_toezicht.clienten_telling as
select jaar, maand, gemeentecode, perceel, aantal_clienten, aantal_aanbieders, gedeclareerd_eur,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_dash_clienten;

create view rol_toezicht.aanbieder_activiteit as
select aanbieder_agb, jaar, gemeentecode, perceel, gedeclareerd_eur, aantal_clienten,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_dash_aanbieder_activiteit;

create view rol_toezicht.aanbieder_maand as
select
    aanbieder_agb, jaar, maand, gedeclareerd_eur, onrechtmatig_eur, aantal_clienten,
    aantal_regels, uren, realisatiegraad,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_dash_aanbieder_maand;

create view rol_toezicht.aanbieder_mix as
select
    aanbieder_agb, jaar, perceel, intensiteit, productcodes, gedeclareerd_eur, aantal_clienten,
    aandeel_eur, peer_aandeel_eur, aantal_peers,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_dash_aanbieder_mix;

create view rol_toezicht.cm_profiel as
select
    aanbieder_agb, naam, jaar, hoofdperceel, percelen, gedeclareerd_eur, onrechtmatig_eur,
    aantal_clienten, aantal_regels, aantal_gemeenten, uren, euro_per_client, realisatiegraad,
    vorig_jaar_eur, groei, heeft_vorig_jaar_regio, aantal_peers, peer_euro_per_client,
    peer_realisatiegraad, peer_groei, peer_aantal_clienten, peer_gedeclareerd_eur,
    hoofdaannemer_agb, hoofdaannemer_naam, aantal_onderaannemers,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_cm_profiel;

create view rol_toezicht.risico as
select
    aanbieder_agb, naam, jaar, risicoscore, rang, rang_zorg, rang_rechtmatigheid, rang_risico,
    aantal_signalen, onrechtmatig_eur, geschat_belang_eur, financieel_belang,
    belangrijkste_indicator, categorieen, gedeclareerd_eur, aantal_clienten,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_aanbieder_risico;

-- onrechtmatig geld van de gemarkeerde regelsignalen per gemeente (samen = de regio)
create view rol_toezicht.onrechtmatig_per_gemeente as
select
    aanbieder_agb, jaar, gemeentecode, perceel, indicator, aantal_regels, bedrag_eur,
    onrechtmatig_eur,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_onrechtmatig_per_gemeente;

-- elk signaal per gemeente: wat de aanbieder er declareerde en het harde geld in die gemeente
create view rol_toezicht.signaal_per_gemeente as
select signaal_id, gemeentecode, gedeclareerd_eur, aantal_clienten, onrechtmatig_eur
from marts.mart_signaal_per_gemeente;

-- elke declaratieregel met hard onrechtmatig geld, voor de terugvordering van een gemeente
create view rol_toezicht.vorderingsoverzicht as
select
    gemeentecode, aanbieder_agb, aanbieder_naam, jaar, declaratienummer, referentienummer,
    productcode, begindatum, einddatum, bedrag_eur, onrechtmatig_eur, retourcode, indicator, reden
from marts.mart_vorderingsoverzicht;

create view rol_toezicht.signalen as
select
    signaal_id, indicator, categorie, aanbieder_agb, jaar, gemeentecode, perceel, productcode,
    waarde, referentiewaarde, afwijking, onrechtmatig_eur, geschat_belang_eur, financieel_belang,
    aantal_clienten, gemarkeerd, sterkte, peergroep, toelichting, soort_belang, baan,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_signalen;

create view rol_toezicht.indicatoren as
select
    indicator, naam, categorie, definitie, waarom, drempels, bron, eenheid, eenheid_afwijking,
    model, grain
from marts.indicator_register;

create view rol_toezicht.signalen_eerst_gezien as
select signaal_id, eerst_gezien_op, bestand_id_bij_eerste_keer
from beheer.signalen_eerst_gezien;

create view rol_toezicht.bewijsregels as
select
    signaal_id, bron, declaratieregel_id, gemeentecode, declaratienummer, client_id,
    toewijzingnummer, referentienummer, productcode, begindatum, einddatum, volume, bedrag_eur,
    onrechtmatig_eur, geschat_belang_eur, retourcode, toelichting
from marts.mart_signaal_bewijsregels;

-- signalen van de toegang: elke melding met datum, soort en omschrijving (vrije tekst)
create view rol_toezicht.toegangssignalen as
select aanbieder_agb, jaar, kwartaal, datum, soort, omschrijving
from marts.mart_toegangssignalen;

create view rol_toezicht.toegangssignalen_telling as
select aanbieder_agb, jaar, kwartaal, soort, aantal, false as is_afgeschermd
from marts.mart_toegangssignalen_telling;

create macro rol_toezicht.verantwoording_omzet(bron := 'marts.mart_verantwoording_omzet') as table
select
    *,
    false as is_afgeschermd
from query_table(bron) where bron = 'marts.mart_verantwoording_omzet';

-- ----------------------------------------------------------------------------------------
-- contractmanagement: geen bewijsregels, geen beoordelingen, quarantaine zonder veldwaarden
-- (een afgekeurde waarde kan een cliëntnummer zijn)
-- ----------------------------------------------------------------------------------------
create view rol_contractmanagement.laadregister as from rol_toezicht.laadregister;
create view rol_contractmanagement.niet_geladen as from rol_toezicht.niet_geladen;
create view rol_contractmanagement.runs as from rol_toezicht.runs;
create view rol_contractmanagement.quarantaine as
select tabel, bestandsnaam, bestand_id, regelnummer, kolom, reden from rol_toezicht.quarantaine;
create view rol_contractmanagement.gemeenten as from rol_toezicht.gemeenten;
create view rol_contractmanagement.producten as from rol_toezicht.producten;
create view rol_contractmanagement.aanbieders as from rol_toezicht.aanbieders;
-- Kleine cellen afgeschermd (zie de kop): elke weergave hieronder met cijfers per cel past
-- is_kleine_cel en is_aanvullend_afgeschermd (sql/macros.sql) toe en maakt wat een afgeschermde
-- cel verraadt leeg; is_afgeschermd en clienten_weergave ("<5" of "—") zeggen de pagina waarom.

-- cel: gemeente × perceel × product × maand; aanvullend binnen gemeente × perceel × maand (dat
-- totaal staat in clienten_telling)
create view rol_contractmanagement.trends as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(gemeentecode, perceel, maand), productcode
        ) as is_afgeschermd
    from rol_toezicht.trends
)

select
    jaar, maand, gemeentecode, gemeente, perceel, productcode, productomschrijving, intensiteit,
    eenheid,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, onrechtmatig_eur) as onrechtmatig_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    aantal_aanbieders,
    if(is_afgeschermd, null, aantal_regels) as aantal_regels,
    if(is_afgeschermd, null, volume) as volume,
    if(is_afgeschermd, null, uren) as uren,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: periode × gemeente (of alle) × perceel (of alle); aanvullend in drie richtingen: de
-- gemeenten van een perceel en maand (met hun totaal 'alle gemeenten' in dezelfde groep), de
-- percelen van een gemeente en maand (met 'alle percelen'), en de maanden van een jaar (met de
-- jaarrij). Elke richting één keer, niet herhaald tot er niets meer bijkomt.
create view rol_contractmanagement.clienten_telling as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(jaar, maand, perceel), coalesce(gemeentecode, '~')
        )
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(jaar, maand, gemeentecode), coalesce(perceel, '~')
        )
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(jaar, gemeentecode, perceel), coalesce(maand, date '9999-12-31')
        ) as is_afgeschermd
    from rol_toezicht.clienten_telling
)

select
    jaar, maand, gemeentecode, perceel,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    aantal_aanbieders,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: aanbieder × jaar × gemeente × perceel; aanvullend binnen aanbieder × jaar (dat totaal
-- staat in cm_profiel)
create view rol_contractmanagement.aanbieder_activiteit as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(aanbieder_agb, jaar), gemeentecode || perceel
        ) as is_afgeschermd
    from rol_toezicht.aanbieder_activiteit
)

select
    aanbieder_agb, jaar, gemeentecode, perceel,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: aanbieder × maand; aanvullend binnen aanbieder × jaar (het jaar staat in cm_profiel)
create view rol_contractmanagement.aanbieder_maand as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(aantal_clienten, row(aanbieder_agb, jaar), maand)
        as is_afgeschermd
    from rol_toezicht.aanbieder_maand
)

select
    aanbieder_agb, jaar, maand,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, onrechtmatig_eur) as onrechtmatig_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    if(is_afgeschermd, null, aantal_regels) as aantal_regels,
    if(is_afgeschermd, null, uren) as uren,
    if(is_afgeschermd, null, realisatiegraad) as realisatiegraad,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: aanbieder × jaar × perceel × intensiteit; aanvullend binnen aanbieder × jaar × perceel
-- (de aandelen tellen op tot 1, dus één leeg aandeel is anders na te rekenen)
create view rol_contractmanagement.aanbieder_mix as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(aanbieder_agb, jaar, perceel), intensiteit
        ) as is_afgeschermd
    from rol_toezicht.aanbieder_mix
)

select
    aanbieder_agb, jaar, perceel, intensiteit, productcodes,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    if(is_afgeschermd, null, aandeel_eur) as aandeel_eur,
    peer_aandeel_eur, aantal_peers,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: aanbieder × jaar; aanvullend binnen het jaar (het regiototaal staat in clienten_telling).
-- Het vorige jaar en de groei zijn ook leeg als de cel van het vorige jaar afgeschermd is.
create view rol_contractmanagement.cm_profiel as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(aantal_clienten, row(jaar), aanbieder_agb)
        as is_afgeschermd
    from rol_toezicht.cm_profiel
),

met_vorig_jaar as (
    select
        c.*,
        coalesce(v.is_afgeschermd, false) as is_vorig_jaar_afgeschermd
    from cellen as c
    left join cellen as v on v.aanbieder_agb = c.aanbieder_agb and v.jaar = c.jaar - 1
)

select
    aanbieder_agb, naam, jaar, hoofdperceel, percelen,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, onrechtmatig_eur) as onrechtmatig_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    if(is_afgeschermd, null, aantal_regels) as aantal_regels,
    if(is_afgeschermd, null, aantal_gemeenten) as aantal_gemeenten,
    if(is_afgeschermd, null, uren) as uren,
    if(is_afgeschermd, null, euro_per_client) as euro_per_client,
    if(is_afgeschermd, null, realisatiegraad) as realisatiegraad,
    if(is_afgeschermd or is_vorig_jaar_afgeschermd, null, vorig_jaar_eur) as vorig_jaar_eur,
    if(is_afgeschermd or is_vorig_jaar_afgeschermd, null, groei) as groei,
    heeft_vorig_jaar_regio, aantal_peers, peer_euro_per_client, peer_realisatiegraad, peer_groei,
    peer_aantal_clienten, peer_gedeclareerd_eur, hoofdaannemer_agb, hoofdaannemer_naam,
    aantal_onderaannemers,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from met_vorig_jaar;

-- cel: aanbieder × jaar × gemeente × perceel (de cliënten van de aanbieder daar, uit
-- aanbieder_activiteit: afgeschermd als die cel het is); aanvullend binnen aanbieder × jaar ×
-- indicator (dat totaal is het bedrag van het signaal)
create view rol_contractmanagement.onrechtmatig_per_gemeente as
with cellen as (
    select
        o.* exclude (is_afgeschermd, clienten_weergave),
        a.aantal_clienten as aantal_clienten_cel
    from rol_toezicht.onrechtmatig_per_gemeente as o
    left join rol_toezicht.aanbieder_activiteit as a
        on a.aanbieder_agb = o.aanbieder_agb and a.jaar = o.jaar
        and a.gemeentecode = o.gemeentecode and a.perceel = o.perceel
),

beslist as (
    select
        *,
        is_kleine_cel(aantal_clienten_cel)
        or is_aanvullend_afgeschermd(
            aantal_clienten_cel, row(aanbieder_agb, jaar, indicator), gemeentecode || perceel
        ) as is_afgeschermd
    from cellen
)

select
    o.aanbieder_agb, o.jaar, o.gemeentecode, o.perceel, o.indicator,
    if(o.is_afgeschermd or a.is_afgeschermd, null, o.aantal_regels) as aantal_regels,
    if(o.is_afgeschermd or a.is_afgeschermd, null, o.bedrag_eur) as bedrag_eur,
    if(o.is_afgeschermd or a.is_afgeschermd, null, o.onrechtmatig_eur) as onrechtmatig_eur,
    o.is_afgeschermd or coalesce(a.is_afgeschermd, false) as is_afgeschermd,
    clienten_weergave(
        o.aantal_clienten_cel, o.is_afgeschermd or coalesce(a.is_afgeschermd, false)
    ) as clienten_weergave
from beslist as o
left join rol_contractmanagement.aanbieder_activiteit as a
    on a.aanbieder_agb = o.aanbieder_agb and a.jaar = o.jaar
    and a.gemeentecode = o.gemeentecode and a.perceel = o.perceel;

-- cel: het signaal, met zijn eigen aantal cliënten, of (zonder) dat van de aanbieder in het
-- jaar. Een signaal over minder dan 5 cliënten blijft bestaan met zijn indicator, categorie en
-- sterkte, maar zonder waarde, bedragen, aantal en toelichting (die noemt aantallen en bedragen);
-- de definitie van de indicator staat in indicatoren. Afgeschermd is het ook als de aanbieder in
-- dat jaar afgeschermd is. Aanvullend binnen aanbieder × jaar (het totaal staat in risico).
create view rol_contractmanagement.signalen as
with cellen as (
    select
        s.* exclude (is_afgeschermd, clienten_weergave),
        coalesce(s.aantal_clienten, p.aantal_clienten) as aantal_clienten_cel,
        coalesce(pa.is_afgeschermd, false) as is_aanbieder_afgeschermd
    from rol_toezicht.signalen as s
    left join rol_toezicht.cm_profiel as p
        on p.aanbieder_agb = s.aanbieder_agb and p.jaar = s.jaar
    left join rol_contractmanagement.cm_profiel as pa
        on pa.aanbieder_agb = s.aanbieder_agb and pa.jaar = s.jaar
),

beslist as (
    select
        *,
        is_kleine_cel(aantal_clienten_cel)
        or is_aanbieder_afgeschermd
        or is_aanvullend_afgeschermd(
            aantal_clienten_cel, row(aanbieder_agb, jaar), signaal_id
        ) as is_cel_afgeschermd
    from cellen
)

select
    signaal_id, indicator, categorie, aanbieder_agb, jaar, gemeentecode, perceel, productcode,
    if(is_cel_afgeschermd, null, waarde) as waarde,
    if(is_cel_afgeschermd, null, referentiewaarde) as referentiewaarde,
    if(is_cel_afgeschermd, null, afwijking) as afwijking,
    if(is_cel_afgeschermd, null, onrechtmatig_eur) as onrechtmatig_eur,
    if(is_cel_afgeschermd, null, geschat_belang_eur) as geschat_belang_eur,
    if(is_cel_afgeschermd, null, financieel_belang) as financieel_belang,
    if(is_cel_afgeschermd, null, aantal_clienten) as aantal_clienten,
    gemarkeerd, sterkte, peergroep,
    if(
        is_cel_afgeschermd,
        'Signaal over een kleine groep (minder dan ' || min_celgrootte()
        || ' cliënten of een afgeschermde aanbieder): aantallen, bedragen en toelichting zijn '
        || 'afgeschermd. De definitie staat bij de indicator.',
        toelichting
    ) as toelichting,
    soort_belang, baan,
    is_cel_afgeschermd as is_afgeschermd,
    clienten_weergave(aantal_clienten_cel, is_cel_afgeschermd) as clienten_weergave
from beslist;

-- cel: aanbieder × jaar, dezelfde beslissing als cm_profiel (ook de aanvullende). De bedragen
-- zijn ook leeg als precies één signaal van de aanbieder in dat jaar afgeschermd is: dan is er
-- geen ander signaal om mee af te schermen en zou het totaal dat ene signaal verraden.
create view rol_contractmanagement.risico as
with afgeschermde_signalen as (
    select aanbieder_agb, jaar, count(*) filter (where is_afgeschermd) as aantal
    from rol_contractmanagement.signalen
    group by aanbieder_agb, jaar
),

beslist as (
    select
        r.* exclude (is_afgeschermd, clienten_weergave),
        coalesce(p.is_afgeschermd, false) as is_afgeschermd,
        coalesce(p.is_afgeschermd, false) or coalesce(a.aantal = 1, false) as is_geld_afgeschermd,
        p.clienten_weergave
    from rol_toezicht.risico as r
    left join rol_contractmanagement.cm_profiel as p
        on p.aanbieder_agb = r.aanbieder_agb and p.jaar = r.jaar
    left join afgeschermde_signalen as a on a.aanbieder_agb = r.aanbieder_agb and a.jaar = r.jaar
)

select
    aanbieder_agb, naam, jaar, risicoscore, rang, rang_zorg, rang_rechtmatigheid, rang_risico,
    aantal_signalen,
    if(is_geld_afgeschermd, null, onrechtmatig_eur) as onrechtmatig_eur,
    if(is_geld_afgeschermd, null, geschat_belang_eur) as geschat_belang_eur,
    if(is_geld_afgeschermd, null, financieel_belang) as financieel_belang,
    belangrijkste_indicator, categorieen,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    is_afgeschermd or is_geld_afgeschermd as is_afgeschermd,
    clienten_weergave
from beslist;

create view rol_contractmanagement.indicatoren as from rol_toezicht.indicatoren;
create view rol_contractmanagement.signalen_eerst_gezien as
from rol_toezicht.signalen_eerst_gezien;
-- signalen van de toegang alleen geteld per kwartaal en soort, zonder omschrijving; een kleine
-- telling is leeg (afgeschermd in de mart), niet uit de weergave van toezicht met echte aantallen
create view rol_contractmanagement.toegangssignalen_telling as
select aanbieder_agb, jaar, kwartaal, soort, aantal_getoond as aantal, is_afgeschermd
from marts.mart_toegangssignalen_telling;

-- ----------------------------------------------------------------------------------------
-- control: volumes en kosten, verantwoording; geen signalen, geen cliëntregels
-- ----------------------------------------------------------------------------------------
create view rol_control.laadregister as from rol_toezicht.laadregister;
create view rol_control.niet_geladen as from rol_toezicht.niet_geladen;
create view rol_control.runs as from rol_toezicht.runs;
create view rol_control.quarantaine as from rol_contractmanagement.quarantaine;
create view rol_control.gemeenten as from rol_toezicht.gemeenten;
create view rol_control.producten as from rol_toezicht.producten;
create view rol_control.aanbieders as from rol_toezicht.aanbieders;
-- dezelfde afgeschermde cellen als contractmanagement
create view rol_control.trends as from rol_contractmanagement.trends;
create view rol_control.clienten_telling as from rol_contractmanagement.clienten_telling;
create view rol_control.aanbieder_activiteit as from rol_contractmanagement.aanbieder_activiteit;

-- cel: aanbieder × jaar (afgeschermd zoals cm_profiel). De omzet per gemeente en de hoogste
-- omzet in één gemeente zijn ook leeg als één gemeentecel van de aanbieder afgeschermd is.
create macro rol_control.verantwoording_omzet(bron := 'marts.mart_verantwoording_omzet') as table
with omzet as (
    select * from query_table(bron) where bron = 'marts.mart_verantwoording_omzet'
),

gemeentecellen as (
    select aanbieder_agb, jaar, bool_or(is_afgeschermd) as is_een_gemeente_afgeschermd
    from rol_contractmanagement.aanbieder_activiteit
    group by aanbieder_agb, jaar
)

select
    o.aanbieder_agb, o.naam, o.jaar, o.aantal_gemeenten,
    if(
        coalesce(p.is_afgeschermd or g.is_een_gemeente_afgeschermd, false),
        null,
        o.omzet_per_gemeente
    ) as omzet_per_gemeente,
    if(
        coalesce(p.is_afgeschermd or g.is_een_gemeente_afgeschermd, false),
        null,
        o.hoogste_omzet_gemeente_eur
    ) as hoogste_omzet_gemeente_eur,
    if(coalesce(p.is_afgeschermd, false), null, o.omzet_regio_eur) as omzet_regio_eur,
    o.vereiste_verantwoording, o.heeft_verantwoording,
    if(coalesce(p.is_afgeschermd, false), null, o.verantwoord_eur) as verantwoord_eur,
    o.aantal_gemeenten_verantwoord,
    if(coalesce(p.is_afgeschermd, false), null, o.verschil_eur) as verschil_eur,
    if(coalesce(p.is_afgeschermd, false), null, o.verschil_aandeel) as verschil_aandeel,
    o.is_verschil_boven_drempel,
    coalesce(p.is_afgeschermd, false) as is_afgeschermd
from omzet as o
left join rol_contractmanagement.cm_profiel as p
    on p.aanbieder_agb = o.aanbieder_agb and p.jaar = o.jaar
left join gemeentecellen as g on g.aanbieder_agb = o.aanbieder_agb and g.jaar = o.jaar;

-- ----------------------------------------------------------------------------------------
-- beheer: alleen het laadverslag (wat er geladen en geweigerd is, zonder waarden), voor wie
-- bestanden aanlevert en gebruikers beheert; geen cijfers over aanbieders of cliënten
-- ----------------------------------------------------------------------------------------
create view rol_beheer.laadregister as from rol_toezicht.laadregister;
create view rol_beheer.niet_geladen as from rol_toezicht.niet_geladen;
create view rol_beheer.runs as from rol_toezicht.runs;
create view rol_beheer.quarantaine as from rol_contractmanagement.quarantaine;

-- #13 kaart
-- ----------------------------------------------------------------------------------------
-- De kaart per gemeente (dashboard/app_pages/kaart.py) voor toezicht, contractmanagement en
-- control. Cel: gemeente × jaar × perceel (of alle percelen), dezelfde cel en dezelfde
-- beslissing als clienten_telling van de rol (ook de aanvullende afscherming daar). Groei is
-- ook leeg als de cel van het vorige jaar afgeschermd is. Het harde onrechtmatige geld per
-- gemeente (kaart_onrechtmatig) per signaal, zodat de querylaag signalen in onderzoek voor
-- contractmanagement weglaat; afgeschermd zoals onrechtmatig_per_gemeente. Control ziet het
-- niet (geen signalen).
-- ----------------------------------------------------------------------------------------
create view rol_toezicht.kaart as
select
    gemeentecode, naam, jaar, perceel, inwoners, aantal_clienten, gedeclareerd_eur,
    clienten_per_1000_inwoners, eur_per_client, groei_clienten, groei_gedeclareerd,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_kaart_gemeente;

create view rol_toezicht.kaart_onrechtmatig as
select signaal_id, aanbieder_agb, jaar, gemeentecode, perceel, onrechtmatig_eur,
    false as is_afgeschermd
from marts.mart_onrechtmatig_per_gemeente;

create view rol_contractmanagement.kaart as
with cellen as (
    select
        k.*,
        coalesce(c.is_afgeschermd, true) as is_afgeschermd,
        coalesce(v.is_afgeschermd, false) as is_vorig_jaar_afgeschermd
    from marts.mart_kaart_gemeente as k
    left join rol_contractmanagement.clienten_telling as c
        on c.maand is null and c.jaar = k.jaar and c.gemeentecode = k.gemeentecode
        and c.perceel is not distinct from k.perceel
    left join rol_contractmanagement.clienten_telling as v
        on v.maand is null and v.jaar = k.jaar - 1 and v.gemeentecode = k.gemeentecode
        and v.perceel is not distinct from k.perceel
)

select
    gemeentecode, naam, jaar, perceel, inwoners,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, clienten_per_1000_inwoners) as clienten_per_1000_inwoners,
    if(is_afgeschermd, null, eur_per_client) as eur_per_client,
    if(is_afgeschermd or is_vorig_jaar_afgeschermd, null, groei_clienten) as groei_clienten,
    if(is_afgeschermd or is_vorig_jaar_afgeschermd, null, groei_gedeclareerd) as groei_gedeclareerd,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

create view rol_contractmanagement.kaart_onrechtmatig as
select
    o.signaal_id, o.aanbieder_agb, o.jaar, o.gemeentecode, o.perceel,
    if(coalesce(c.is_afgeschermd, true), null, o.onrechtmatig_eur) as onrechtmatig_eur,
    coalesce(c.is_afgeschermd, true) as is_afgeschermd
from marts.mart_onrechtmatig_per_gemeente as o
left join rol_contractmanagement.onrechtmatig_per_gemeente as c
    on c.aanbieder_agb = o.aanbieder_agb and c.jaar = o.jaar
    and c.gemeentecode = o.gemeentecode and c.perceel = o.perceel
    and c.indicator = o.indicator;

create view rol_control.kaart as from rol_contractmanagement.kaart;

-- ----------------------------------------------------------------------------------------
-- #13 control: prognose met completeringsfactoren en begroting, verantwoording als cyclus,
-- rechtmatigheid per gemeente × perceel × maand. Toezicht ziet alles exact; control dezelfde
-- cellen afgeschermd (docs/afscherming-kleine-cellen.md).
-- ----------------------------------------------------------------------------------------
create view rol_toezicht.prognose as
select
    jaar, gemeentecode, gemeente, perceel, peildatum, laatste_zorgmaand, maanden_gerealiseerd,
    gerealiseerd_eur, nog_te_declareren_eur, completeringsfactor, uitputting_eur,
    nog_te_leveren_eur, prognose_jaar_eur, vorig_jaar_eur, begroting_eur, aandeel_uitgeput,
    verwacht_resultaat_eur, aantal_clienten, standaard_index_procent,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_prognose_gemeente_perceel;

create view rol_toezicht.completeringsfactoren as
select
    perceel, is_regio, maanden_na_zorgmaand, binnen_termijn_eur, uitgedeclareerd_eur,
    aandeel_gedeclareerd, aantal_zorgmaanden, aantal_clienten, peildatum,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_prognose_completeringsfactoren;

create view rol_toezicht.rechtmatigheid as
select
    jaar, maand, gemeentecode, perceel, gedeclareerd_eur, onrechtmatig_eur, te_controleren_eur,
    rechtmatig_eur, afgewezen_eur, aantal_regels, aantal_regels_met_afwijking, aantal_clienten,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_rechtmatigheid_gemeente_perceel;

create view rol_toezicht.verantwoording_cyclus as
select
    aanbieder_agb, naam, jaar, gemeentecode, gemeente, productcode,
    voorlopig_uiterste_datum, voorlopig_ontvangen_datum, voorlopig_status,
    concept_uiterste_datum, concept_ontvangen_datum, concept_status,
    definitief_uiterste_datum, definitief_ontvangen_datum, definitief_status,
    vereiste_verantwoording, gedeclareerd_eur, voorlopig_eur, concept_eur, definitief_eur,
    verantwoord_eur, verschil_eur, aantal_clienten,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_verantwoording_cyclus;

-- cel: jaar × gemeente × perceel; aanvullend binnen jaar × gemeente en binnen jaar × perceel
-- (de tabel 'vermoedelijke kosten' toont totalen per gemeente en per perceel). De begroting is
-- geen cliëntgegeven en blijft staan; alles wat de realisatie verraadt, wordt leeg.
create view rol_control.prognose as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(aantal_clienten, row(jaar, gemeentecode), perceel)
        or is_aanvullend_afgeschermd(aantal_clienten, row(jaar, perceel), gemeentecode)
        as is_afgeschermd
    from rol_toezicht.prognose
)

select
    jaar, gemeentecode, gemeente, perceel, peildatum, laatste_zorgmaand, maanden_gerealiseerd,
    if(is_afgeschermd, null, gerealiseerd_eur) as gerealiseerd_eur,
    if(is_afgeschermd, null, nog_te_declareren_eur) as nog_te_declareren_eur,
    if(is_afgeschermd, null, completeringsfactor) as completeringsfactor,
    if(is_afgeschermd, null, uitputting_eur) as uitputting_eur,
    if(is_afgeschermd, null, nog_te_leveren_eur) as nog_te_leveren_eur,
    if(is_afgeschermd, null, prognose_jaar_eur) as prognose_jaar_eur,
    begroting_eur,
    if(is_afgeschermd, null, aandeel_uitgeput) as aandeel_uitgeput,
    if(is_afgeschermd, null, verwacht_resultaat_eur) as verwacht_resultaat_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    standaard_index_procent,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: perceel (over alle uitgedeclareerde maanden); een aandeel, geen totaal ernaast
create view rol_control.completeringsfactoren as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten) as is_afgeschermd
    from rol_toezicht.completeringsfactoren
)

select
    perceel, is_regio, maanden_na_zorgmaand,
    if(is_afgeschermd, null, binnen_termijn_eur) as binnen_termijn_eur,
    if(is_afgeschermd, null, uitgedeclareerd_eur) as uitgedeclareerd_eur,
    if(is_afgeschermd, null, aandeel_gedeclareerd) as aandeel_gedeclareerd,
    aantal_zorgmaanden,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    peildatum,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: maand × gemeente × perceel; aanvullend binnen maand × gemeente (perceel als volgorde) en
-- binnen jaar × gemeente × perceel (de pagina toont het jaar per gemeente en perceel)
create view rol_control.rechtmatigheid as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(aantal_clienten, row(maand, gemeentecode), perceel)
        or is_aanvullend_afgeschermd(aantal_clienten, row(jaar, gemeentecode, perceel), maand)
        as is_afgeschermd
    from rol_toezicht.rechtmatigheid
)

select
    jaar, maand, gemeentecode, perceel,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, onrechtmatig_eur) as onrechtmatig_eur,
    if(is_afgeschermd, null, te_controleren_eur) as te_controleren_eur,
    if(is_afgeschermd, null, rechtmatig_eur) as rechtmatig_eur,
    if(is_afgeschermd, null, afgewezen_eur) as afgewezen_eur,
    if(is_afgeschermd, null, aantal_regels) as aantal_regels,
    if(is_afgeschermd, null, aantal_regels_met_afwijking) as aantal_regels_met_afwijking,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: aanbieder × jaar × gemeente × product; aanvullend binnen aanbieder × jaar (dat totaal staat
-- in verantwoording_omzet), en leeg als de aanbieder in dat jaar afgeschermd is (cm_profiel).
-- Stappen, datums, status en het soort verklaring zijn geen cliëntgegevens en blijven staan.
create view rol_control.verantwoording_cyclus as
with cellen as (
    select
        v.* exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(v.aantal_clienten)
        or is_aanvullend_afgeschermd(
            v.aantal_clienten, row(v.aanbieder_agb, v.jaar),
            coalesce(v.gemeentecode, '') || coalesce(v.productcode, '')
        )
        or coalesce(p.is_afgeschermd, false) as is_afgeschermd
    from rol_toezicht.verantwoording_cyclus as v
    left join rol_contractmanagement.cm_profiel as p
        on p.aanbieder_agb = v.aanbieder_agb and p.jaar = v.jaar
)

select
    aanbieder_agb, naam, jaar, gemeentecode, gemeente, productcode,
    voorlopig_uiterste_datum, voorlopig_ontvangen_datum, voorlopig_status,
    concept_uiterste_datum, concept_ontvangen_datum, concept_status,
    definitief_uiterste_datum, definitief_ontvangen_datum, definitief_status,
    vereiste_verantwoording,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, voorlopig_eur) as voorlopig_eur,
    if(is_afgeschermd, null, concept_eur) as concept_eur,
    if(is_afgeschermd, null, definitief_eur) as definitief_eur,
    if(is_afgeschermd, null, verantwoord_eur) as verantwoord_eur,
    if(is_afgeschermd, null, verschil_eur) as verschil_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- #13 onderaannemers
-- ----------------------------------------------------------------------------------------
-- Groepen: hoofdaannemer met onderaannemers en organisaties (hetzelfde KvK-nummer), per lid en
-- per groep. Toezicht exact. Contractmanagement afgeschermd: cel lid × jaar, aanvullend binnen
-- groep × jaar (het groepstotaal staat in groep_jaar); de signaaltellingen en hun euro's staan
-- niet in de weergaven van contractmanagement: die leest signalen alleen via
-- rol_contractmanagement.signalen, zodat een signaal in onderzoek verborgen blijft
-- (dashboard/queries/werkvoorraad.py).
-- ----------------------------------------------------------------------------------------
create view rol_toezicht.groep_leden as
select
    *,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_groep_leden;

create view rol_toezicht.groep_jaar as
select
    *,
    false as is_afgeschermd, cast(null as varchar) as clienten_weergave
from marts.mart_groep_jaar;

create view rol_contractmanagement.groep_leden as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(groep_soort, groep_id, jaar), aanbieder_agb
        ) as is_afgeschermd
    from rol_toezicht.groep_leden
)

select
    groep_soort, groep_id, groep_naam, aanbieder_agb, naam, rol_in_groep, akkoord_status,
    akkoord_vanaf, akkoord_tot, jaar,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

create view rol_contractmanagement.groep_jaar as
with cellen as (
    select
        * exclude (is_afgeschermd, clienten_weergave),
        is_kleine_cel(aantal_clienten) as is_afgeschermd
    from rol_toezicht.groep_jaar
)

select
    groep_soort, groep_id, groep_naam, jaar, aantal_leden, aantal_zonder_akkoord,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- ----------------------------------------------------------------------------------------
-- #13 cmgesprek: de agenda van het CM-gesprek per aanbieder en periode (halfjaar en jaar)
-- ----------------------------------------------------------------------------------------
create view rol_toezicht.cm_periode as
select *, false as is_afgeschermd, null::varchar as clienten_weergave
from marts.mart_cm_periode;

create view rol_toezicht.cm_productie as
select *, false as is_afgeschermd, null::varchar as clienten_weergave
from marts.mart_cm_productie;

-- cel: aanbieder × periode; aanvullend binnen de periode (zoals cm_profiel binnen het jaar).
-- Het vorige jaar en de groei zijn ook leeg als die cel klein is; instroom en uitstroom zijn
-- zelf aantallen cliënten (klein: leeg met '<5'); de doorlooptijd is leeg bij minder dan 5
-- starts (een mediaan van één start is de wachttijd van één cliënt); een wachtlijst van minder
-- dan 5 wachtenden is leeg (met '<5'), en dan ook haar gemiddelde wachttijd.
create view rol_contractmanagement.cm_periode as
with cellen as (
    select
        *,
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(aantal_clienten, row(periode), aanbieder_agb)
        as is_afgeschermd
    from marts.mart_cm_periode
)

select
    aanbieder_agb, naam, periode, jaar, vorig_jaar_periode, voorgaande_periode, hoofdperceel,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    if(is_afgeschermd or is_kleine_cel(vorig_jaar_clienten), null, vorig_jaar_eur)
        as vorig_jaar_eur,
    if(is_afgeschermd or is_kleine_cel(vorig_jaar_clienten), null, groei) as groei,
    if(is_afgeschermd, null, realisatiegraad) as realisatiegraad,
    if(is_afgeschermd or is_kleine_cel(instroom), null, instroom) as instroom,
    if(is_afgeschermd, null, clienten_weergave(instroom, is_kleine_cel(instroom)))
        as instroom_weergave,
    if(is_afgeschermd or is_kleine_cel(uitstroom), null, uitstroom) as uitstroom,
    if(is_afgeschermd, null, clienten_weergave(uitstroom, is_kleine_cel(uitstroom)))
        as uitstroom_weergave,
    if(is_afgeschermd or aantal_gestart < min_celgrootte(), null, mediaan_dagen_tot_start)
        as mediaan_dagen_tot_start,
    if(is_afgeschermd, null, klachten_per_100_clienten) as klachten_per_100_clienten,
    if(is_afgeschermd, null, calamiteiten_per_100_clienten) as calamiteiten_per_100_clienten,
    if(is_afgeschermd, null, clientervaring) as clientervaring,
    heeft_verantwoording,
    if(is_afgeschermd, null, verantwoord_eur) as verantwoord_eur,
    if(is_kleine_cel(aantal_wachtenden), null, aantal_wachtenden) as aantal_wachtenden,
    clienten_weergave(aantal_wachtenden, is_kleine_cel(aantal_wachtenden))
        as wachtenden_weergave,
    if(is_kleine_cel(aantal_wachtenden), null, gemiddelde_wachttijd_dagen)
        as gemiddelde_wachttijd_dagen,
    aantal_peers, peer_mediaan_dagen_tot_start, peer_klachten_per_100_clienten,
    peer_calamiteiten_per_100_clienten, peer_clientervaring, peer_realisatiegraad, peer_groei,
    peer_gemiddelde_wachttijd_dagen,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

-- cel: aanbieder × periode × gemeente (of perceel); aanvullend binnen aanbieder × periode ×
-- indeling (het totaal staat in cm_periode). Het vorige jaar ook leeg als die cel klein was.
create view rol_contractmanagement.cm_productie as
with cellen as (
    select
        *,
        is_kleine_cel(aantal_clienten)
        or is_aanvullend_afgeschermd(
            aantal_clienten, row(aanbieder_agb, periode, indeling), sleutel
        ) as is_afgeschermd
    from marts.mart_cm_productie
)

select
    aanbieder_agb, periode, jaar, indeling, sleutel, omschrijving,
    if(is_afgeschermd, null, gedeclareerd_eur) as gedeclareerd_eur,
    if(is_afgeschermd, null, aantal_clienten) as aantal_clienten,
    if(is_afgeschermd or is_kleine_cel(vorig_jaar_clienten), null, vorig_jaar_eur)
        as vorig_jaar_eur,
    if(is_afgeschermd or is_kleine_cel(vorig_jaar_clienten), null, groei) as groei,
    is_afgeschermd,
    clienten_weergave(aantal_clienten, is_afgeschermd) as clienten_weergave
from cellen;

create view rol_toezicht.cm_managementinformatie as
select *, false as is_afgeschermd, null::varchar as clienten_weergave
from marts.mart_cm_managementinformatie;

-- cel: aanbieder × periode × kenmerk. Een kenmerk dat een aantal cliënten is, schermt een klein
-- aantal af, ook als de aanbieder het zelf opgaf (het pakket gaat de organisatie rond); ons
-- cijfer is leeg waar het in cm_periode afgeschermd is.
create view rol_contractmanagement.cm_managementinformatie as
select
    m.aanbieder_agb, m.periode, m.jaar, m.kenmerk,
    if(m.is_clientaantal and is_kleine_cel(m.waarde_getal), null, m.waarde_aanbieder)
        as waarde_aanbieder,
    if(m.is_clientaantal and is_kleine_cel(m.waarde_getal), null, m.waarde_getal)
        as waarde_getal,
    m.toelichting,
    if(
        coalesce(c.is_afgeschermd, false)
        or (m.is_clientaantal and is_kleine_cel(m.onze_waarde))
        or (m.kenmerk = 'doorlooptijd_dagen' and c.mediaan_dagen_tot_start is null)
        or (m.kenmerk = 'wachttijd_dagen' and c.gemiddelde_wachttijd_dagen is null),
        null,
        m.onze_waarde
    ) as onze_waarde,
    m.is_clientaantal,
    coalesce(c.is_afgeschermd, false)
    or (m.is_clientaantal and (is_kleine_cel(m.waarde_getal) or is_kleine_cel(m.onze_waarde)))
        as is_afgeschermd,
    if(m.is_clientaantal and is_kleine_cel(m.waarde_getal), '<' || min_celgrootte(), null)
        as clienten_weergave
from marts.mart_cm_managementinformatie as m
left join rol_contractmanagement.cm_periode as c
    on c.aanbieder_agb = m.aanbieder_agb and c.periode = m.periode;
