-- De werkvoorraad: de beoordeling van elk signaal en haar geschiedenis, en de instellingen.
-- `beoordelingen` is de huidige stand per signaal (signaal_id is stabiel over runs: een hash van
-- indicator, aanbieder, jaar en reikwijdte). Een signaal zonder rij hier heeft de status 'nieuw'.
-- `terugvordering_cent` is een geheel aantal centen (nooit een zwevendekommagetal).
-- indicator_code, aanbieder_agb en jaar staan erbij zodat de precisie per indicator en de
-- werkvoorraad te lezen zijn zonder de DuckDB-database, die `run` minutenlang vasthoudt.
create table if not exists beoordelingen (
    signaal_id text primary key,
    status text not null check (
        status in (
            'nieuw',
            'in onderzoek',
            'overgedragen aan toezichthouder',
            'overgedragen aan handhaving',
            'afgesloten zonder bevinding',
            'afgesloten met bevinding'
        )
    ),
    toegewezen_aan text,
    terugvordering_cent integer check (terugvordering_cent is null or terugvordering_cent >= 0),
    indicator_code text,
    aanbieder_agb text,
    jaar integer,
    gewijzigd_op text not null,
    gewijzigd_door text
);

create index if not exists beoordelingen_indicator on beoordelingen (indicator_code, status);

-- Elke wijziging: wie, wanneer, van welke naar welke status, met notitie. Alleen aanvullen:
-- de triggers weigeren wijzigen en wissen, ook met een eigen SQLite-client.
-- `bron_sleutel` is gevuld bij regels die uit de oude DuckDB-tabel beheer.beoordelingen zijn
-- overgezet (een hash van die regel): zo gebeurt het overzetten precies één keer.
create table if not exists beoordeling_historie (
    volgnummer integer primary key autoincrement,
    signaal_id text not null,
    tijdstip text not null,
    gebruiker text,
    rol text,
    van_status text not null,
    naar_status text not null,
    toegewezen_aan text,
    terugvordering_cent integer,
    notitie text,
    bron_sleutel text unique
);

create index if not exists beoordeling_historie_signaal on beoordeling_historie (signaal_id);

create trigger if not exists beoordeling_historie_niet_wijzigen
before update on beoordeling_historie
begin
    select raise(abort, 'De geschiedenis van een beoordeling kan alleen worden aangevuld.');
end;

create trigger if not exists beoordeling_historie_niet_wissen
before delete on beoordeling_historie
begin
    select raise(abort, 'De geschiedenis van een beoordeling kan niet worden gewist.');
end;

-- Instellingen die beheer in het dashboard kan wijzigen (elke wijziging staat in het auditlog).
create table if not exists instellingen (
    sleutel text primary key,
    waarde text not null,
    gewijzigd_op text,
    gewijzigd_door text
);

-- Standaard ziet contractmanagement geen signalen die in onderzoek of overgedragen zijn: een
-- contractgesprek mag een lopend onderzoek niet verraden.
insert or ignore into instellingen (sleutel, waarde)
values ('contractmanagement_ziet_signalen_in_onderzoek', 'nee');

-- Wat de beheeropslag van de database moet weten zonder die te openen: de vingerafdruk van de
-- pseudonimiseringssleutel waarmee de database is gevuld (vastgelegd door `signaalmonitor run`).
-- Met de juiste sleutel wordt een BSN in een notitie het pseudoniem van die cliënt; anders wordt
-- het verwijderd. Geen instelling: beheer kan dit niet wijzigen.
create table if not exists database_kenmerken (
    sleutel text primary key,
    waarde text not null,
    vastgelegd_op text not null
);
