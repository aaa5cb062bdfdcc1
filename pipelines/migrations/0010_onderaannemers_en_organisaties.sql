-- 0008: de optionele contracttabellen onderaannemers (hoofd- en onderaannemer met akkoord en
-- looptijd) en organisaties (AGB-codes van één organisatie, hetzelfde KvK-nummer), issue 13.

CREATE TABLE raw.onderaannemers (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    hoofdaannemer_agb VARCHAR,
    onderaannemer_agb VARCHAR,
    akkoord_datum VARCHAR,
    geldig_vanaf VARCHAR,
    geldig_tot VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.onderaannemers (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    hoofdaannemer_agb VARCHAR NOT NULL,
    onderaannemer_agb VARCHAR NOT NULL,
    akkoord_datum DATE,
    geldig_vanaf DATE,
    geldig_tot DATE,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.organisaties (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR,
    kvk_nummer VARCHAR,
    organisatienaam VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.organisaties (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    kvk_nummer VARCHAR NOT NULL,
    organisatienaam VARCHAR,
    rij_hash VARCHAR NOT NULL
);
