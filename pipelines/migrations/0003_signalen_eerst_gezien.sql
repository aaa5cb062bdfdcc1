-- 0003: wanneer een gemarkeerd signaal voor het eerst verscheen (voor 'nieuw sinds de vorige
-- lading' op het Overzicht). signaal_id is stabiel over runs; een run vult deze tabel aan
-- (sql/rollen.sql) en wist hem nooit, net als de beoordelingen.

CREATE TABLE IF NOT EXISTS beheer.signalen_eerst_gezien (
    signaal_id VARCHAR PRIMARY KEY,
    eerst_gezien_op TIMESTAMP NOT NULL,
    bestand_id_bij_eerste_keer INTEGER
);
