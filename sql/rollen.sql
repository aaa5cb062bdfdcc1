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
    aantal_regels, volume, uren
from marts.mart_controller_trends;

create view rol_toezicht.clienten_telling as
select jaar, maand, gemeentecode, perceel, aantal_clienten, aantal_aanbieders, gedeclareerd_eur
from marts.mart_dash_clienten;

create view rol_toezicht.aanbieder_activiteit as
select aanbieder_agb, jaar, gemeentecode, perceel, gedeclareerd_eur, aantal_clienten
from marts.mart_dash_aanbieder_activiteit;

create view rol_toezicht.aanbieder_maand as
select
    aanbieder_agb, jaar, maand, gedeclareerd_eur, onrechtmatig_eur, aantal_clienten,
    aantal_regels, uren, realisatiegraad
from marts.mart_dash_aanbieder_maand;

create view rol_toezicht.aanbieder_mix as
select
    aanbieder_agb, jaar, perceel, intensiteit, productcodes, gedeclareerd_eur, aantal_clienten,
    aandeel_eur, peer_aandeel_eur, aantal_peers
from marts.mart_dash_aanbieder_mix;

create view rol_toezicht.cm_profiel as
select
    aanbieder_agb, naam, jaar, hoofdperceel, percelen, gedeclareerd_eur, onrechtmatig_eur,
    aantal_clienten, aantal_regels, aantal_gemeenten, uren, euro_per_client, realisatiegraad,
    vorig_jaar_eur, groei, heeft_vorig_jaar_regio, aantal_peers, peer_euro_per_client,
    peer_realisatiegraad, peer_groei, peer_aantal_clienten, peer_gedeclareerd_eur,
    hoofdaannemer_agb, hoofdaannemer_naam, aantal_onderaannemers
from marts.mart_cm_profiel;

create view rol_toezicht.risico as
select
    aanbieder_agb, naam, jaar, risicoscore, rang, rang_zorg, rang_rechtmatigheid, rang_risico,
    aantal_signalen, onrechtmatig_eur, geschat_belang_eur, financieel_belang,
    belangrijkste_indicator, categorieen, gedeclareerd_eur, aantal_clienten
from marts.mart_aanbieder_risico;

-- onrechtmatig geld van de gemarkeerde regelsignalen per gemeente (samen = de regio)
create view rol_toezicht.onrechtmatig_per_gemeente as
select
    aanbieder_agb, jaar, gemeentecode, perceel, indicator, aantal_regels, bedrag_eur,
    onrechtmatig_eur
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
    aantal_clienten, gemarkeerd, sterkte, peergroep, toelichting, soort_belang, baan
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
select * from query_table(bron) where bron = 'marts.mart_verantwoording_omzet';

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
create view rol_contractmanagement.trends as from rol_toezicht.trends;
create view rol_contractmanagement.clienten_telling as from rol_toezicht.clienten_telling;
create view rol_contractmanagement.aanbieder_activiteit as
from rol_toezicht.aanbieder_activiteit;
create view rol_contractmanagement.aanbieder_maand as from rol_toezicht.aanbieder_maand;
create view rol_contractmanagement.aanbieder_mix as from rol_toezicht.aanbieder_mix;
create view rol_contractmanagement.cm_profiel as from rol_toezicht.cm_profiel;
create view rol_contractmanagement.risico as from rol_toezicht.risico;
create view rol_contractmanagement.onrechtmatig_per_gemeente as
from rol_toezicht.onrechtmatig_per_gemeente;
create view rol_contractmanagement.signalen as from rol_toezicht.signalen;
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
create view rol_control.trends as from rol_toezicht.trends;
create view rol_control.clienten_telling as from rol_toezicht.clienten_telling;
create view rol_control.aanbieder_activiteit as from rol_toezicht.aanbieder_activiteit;

create macro rol_control.verantwoording_omzet(bron := 'marts.mart_verantwoording_omzet') as table
select * from query_table(bron) where bron = 'marts.mart_verantwoording_omzet';

-- ----------------------------------------------------------------------------------------
-- beheer: alleen het laadverslag (wat er geladen en geweigerd is, zonder waarden), voor wie
-- bestanden aanlevert en gebruikers beheert; geen cijfers over aanbieders of cliënten
-- ----------------------------------------------------------------------------------------
create view rol_beheer.laadregister as from rol_toezicht.laadregister;
create view rol_beheer.niet_geladen as from rol_toezicht.niet_geladen;
create view rol_beheer.runs as from rol_toezicht.runs;
create view rol_beheer.quarantaine as from rol_contractmanagement.quarantaine;
