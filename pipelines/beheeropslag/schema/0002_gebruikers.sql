-- De gebruikers van het dashboard: naam, rol en een Argon2id-hash (nooit het wachtwoord zelf).
-- Er is geen standaardaccount: de eerste gebruiker maakt beheer aan met
-- `signaalmonitor gebruiker toevoegen --naam … --rol beheer`.
-- `mislukte_pogingen` en `vergrendeld_tot` zijn de vergrendeling na herhaald fout inloggen;
-- `mislukte_inlogpogingen` telt hetzelfde voor namen die niet bestaan, zodat het antwoord op een
-- onbekende naam niet verschilt van dat op een bestaande (geen namen raden). Daar staat alleen een
-- hash van de getypte naam: wie per ongeluk het wachtwoord in het naamveld typt, laat het niet achter.
create table if not exists gebruikers (
    naam text primary key collate nocase,
    rol text not null check (rol in ('toezicht', 'contractmanagement', 'control', 'beheer')),
    wachtwoord_hash text not null,
    is_geblokkeerd integer not null default 0 check (is_geblokkeerd in (0, 1)),
    mislukte_pogingen integer not null default 0,
    vergrendeld_tot text,
    aangemaakt_op text not null,
    aangemaakt_door text not null,
    gewijzigd_op text not null,
    gewijzigd_door text not null,
    laatst_ingelogd_op text
);

create table if not exists mislukte_inlogpogingen (
    naam_hash text primary key,
    mislukte_pogingen integer not null default 0,
    vergrendeld_tot text
);
