-- 0008: control (issue 13).
-- - begroting: het budget van een gemeente per perceel en jaar (optionele contracttabel), voor de
--   uitputting en het verwachte resultaat bij de prognose;
-- - verantwoording.stap en verantwoording.ontvangen_datum (optioneel): welke van de drie stappen
--   (voorlopig, concept, definitief) een rij is en wanneer zij binnenkwam. Oude bestanden zonder
--   die kolommen blijven geldig: hun rijen zijn een definitief totaal zonder bekende datum.

ALTER TABLE raw.verantwoording ADD COLUMN stap VARCHAR;
ALTER TABLE raw.verantwoording ADD COLUMN ontvangen_datum VARCHAR;
ALTER TABLE staging.verantwoording ADD COLUMN stap VARCHAR;
ALTER TABLE staging.verantwoording ADD COLUMN ontvangen_datum DATE;

CREATE TABLE raw.begroting (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    gemeentecode VARCHAR,
    perceel VARCHAR,
    jaar VARCHAR,
    bedrag VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.begroting (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    perceel VARCHAR NOT NULL,
    jaar INTEGER NOT NULL,
    bedrag DECIMAL(18,2) NOT NULL,
    rij_hash VARCHAR NOT NULL
);
