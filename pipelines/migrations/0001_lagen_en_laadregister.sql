-- 0001: de lagen van de opslag en het laadregister.
-- raw        : rijen zoals gelezen (alles tekst), met bestand en regelnummer; BSN al gepseudonimiseerd
-- staging    : getypeerde, genormaliseerde rijen die door de validatie kwamen
-- quarantaine: afgekeurde velden met een reden in gewoon Nederlands
-- referentie : meegeleverde standaardtabellen en de geldende referentie (bron gaat voor standaard)
-- beheer     : schemaversie, laadregister, instellingen
-- Never edit this file after release; add 0002_... instead.

CREATE SCHEMA raw;
CREATE SCHEMA staging;
CREATE SCHEMA quarantaine;
CREATE SCHEMA referentie;
CREATE SCHEMA IF NOT EXISTS beheer;

CREATE TABLE beheer.laadregister (
    bestand_id INTEGER PRIMARY KEY,
    bestandsnaam VARCHAR NOT NULL,
    pad VARCHAR NOT NULL,
    tabel VARCHAR NOT NULL,
    formaat VARCHAR NOT NULL,
    inhoud_hash VARCHAR NOT NULL UNIQUE,
    rijen_gelezen BIGINT NOT NULL,
    rijen_geladen BIGINT NOT NULL,
    rijen_quarantaine BIGINT NOT NULL,
    rijen_al_aanwezig BIGINT NOT NULL,
    geladen_op TIMESTAMP NOT NULL,
    duur_seconden DOUBLE NOT NULL,
    toelichting VARCHAR
);

CREATE TABLE beheer.instellingen (
    sleutel VARCHAR PRIMARY KEY,
    waarde VARCHAR NOT NULL
);

CREATE TABLE quarantaine.redenen (
    bestand_id INTEGER NOT NULL,
    tabel VARCHAR NOT NULL,
    regelnummer BIGINT NOT NULL,
    kolom VARCHAR,
    waarde VARCHAR,
    reden VARCHAR NOT NULL
);

CREATE TABLE raw.toewijzingen (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    toewijzingnummer VARCHAR,
    client_id VARCHAR,
    gemeentecode VARCHAR,
    aanbieder_agb VARCHAR,
    productcategorie VARCHAR,
    productcode VARCHAR,
    ingangsdatum VARCHAR,
    einddatum VARCHAR,
    volume VARCHAR,
    eenheid VARCHAR,
    frequentie VARCHAR,
    budget VARCHAR,
    toewijzingsdatum VARCHAR,
    reden_wijziging VARCHAR,
    client_bron VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.toewijzingen (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    toewijzingnummer VARCHAR NOT NULL,
    client_id VARCHAR NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    productcategorie VARCHAR NOT NULL,
    productcode VARCHAR,
    ingangsdatum DATE NOT NULL,
    einddatum DATE,
    volume DECIMAL(18,4),
    eenheid VARCHAR,
    frequentie VARCHAR,
    budget DECIMAL(18,4),
    toewijzingsdatum DATE,
    reden_wijziging VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.zorgperiodes (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    toewijzingnummer VARCHAR,
    gemeentecode VARCHAR,
    aanbieder_agb VARCHAR,
    client_id VARCHAR,
    productcategorie VARCHAR,
    productcode VARCHAR,
    begindatum VARCHAR,
    einddatum VARCHAR,
    reden_beeindiging VARCHAR,
    client_bron VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.zorgperiodes (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    toewijzingnummer VARCHAR NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    client_id VARCHAR NOT NULL,
    productcategorie VARCHAR,
    productcode VARCHAR,
    begindatum DATE NOT NULL,
    einddatum DATE,
    reden_beeindiging VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.declaraties (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    declaratienummer VARCHAR,
    referentienummer VARCHAR,
    vorig_referentienummer VARCHAR,
    aanbieder_agb VARCHAR,
    gemeentecode VARCHAR,
    client_id VARCHAR,
    toewijzingnummer VARCHAR,
    productcategorie VARCHAR,
    productcode VARCHAR,
    begindatum VARCHAR,
    einddatum VARCHAR,
    geleverd_volume VARCHAR,
    eenheid VARCHAR,
    producttarief VARCHAR,
    ingediend_bedrag VARCHAR,
    debet_credit VARCHAR,
    declaratiedatum VARCHAR,
    client_bron VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.declaraties (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    declaratienummer VARCHAR NOT NULL,
    referentienummer VARCHAR NOT NULL,
    vorig_referentienummer VARCHAR,
    aanbieder_agb VARCHAR NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    client_id VARCHAR NOT NULL,
    toewijzingnummer VARCHAR,
    productcategorie VARCHAR NOT NULL,
    productcode VARCHAR NOT NULL,
    begindatum DATE NOT NULL,
    einddatum DATE NOT NULL,
    geleverd_volume DECIMAL(18,4) NOT NULL,
    eenheid VARCHAR NOT NULL,
    producttarief DECIMAL(18,4) NOT NULL,
    ingediend_bedrag DECIMAL(18,4) NOT NULL,
    debet_credit VARCHAR NOT NULL,
    declaratiedatum DATE,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.producten (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    productcategorie VARCHAR,
    productcode VARCHAR,
    omschrijving VARCHAR,
    perceel VARCHAR,
    intensiteit VARCHAR,
    eenheid VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.producten (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    productcategorie VARCHAR NOT NULL,
    productcode VARCHAR NOT NULL,
    omschrijving VARCHAR,
    perceel VARCHAR NOT NULL,
    intensiteit INTEGER NOT NULL,
    eenheid VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.tarieven (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    productcode VARCHAR,
    geldig_vanaf VARCHAR,
    geldig_tot VARCHAR,
    tarief VARCHAR,
    aanbieder_agb VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.tarieven (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    productcode VARCHAR NOT NULL,
    geldig_vanaf DATE NOT NULL,
    geldig_tot DATE,
    tarief DECIMAL(18,4) NOT NULL,
    aanbieder_agb VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.aanbieders (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR,
    naam VARCHAR,
    hoofdaannemer_agb VARCHAR,
    contract_vanaf VARCHAR,
    contract_tot VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.aanbieders (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    naam VARCHAR,
    hoofdaannemer_agb VARCHAR,
    contract_vanaf DATE,
    contract_tot DATE,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.gemeenten (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    gemeentecode VARCHAR,
    naam VARCHAR,
    regio VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.gemeenten (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    naam VARCHAR NOT NULL,
    regio VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.samenloopregels (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    a VARCHAR,
    b VARCHAR,
    regel VARCHAR,
    toelichting VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.samenloopregels (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    regel VARCHAR NOT NULL,
    toelichting VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.meldingen (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR,
    datum VARCHAR,
    soort VARCHAR,
    waarde VARCHAR,
    omschrijving VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.meldingen (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    datum DATE NOT NULL,
    soort VARCHAR NOT NULL,
    waarde DECIMAL(18,4),
    omschrijving VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.verantwoording (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR,
    jaar VARCHAR,
    gemeentecode VARCHAR,
    productcode VARCHAR,
    bedrag VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.verantwoording (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    jaar INTEGER NOT NULL,
    gemeentecode VARCHAR,
    productcode VARCHAR,
    bedrag DECIMAL(18,4) NOT NULL,
    rij_hash VARCHAR NOT NULL
);


CREATE TABLE referentie.producten_standaard (
    productcategorie VARCHAR NOT NULL,
    productcode VARCHAR NOT NULL,
    omschrijving VARCHAR,
    perceel VARCHAR NOT NULL,
    intensiteit INTEGER NOT NULL,
    eenheid VARCHAR
);

CREATE TABLE referentie.tarieven_standaard (
    productcode VARCHAR NOT NULL,
    geldig_vanaf DATE NOT NULL,
    geldig_tot DATE,
    tarief DECIMAL(18,4) NOT NULL,
    aanbieder_agb VARCHAR
);

CREATE TABLE referentie.gemeenten_standaard (
    gemeentecode VARCHAR NOT NULL,
    naam VARCHAR NOT NULL,
    regio VARCHAR
);

CREATE TABLE referentie.samenloopregels_standaard (
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    regel VARCHAR NOT NULL,
    toelichting VARCHAR
);

-- A source's own producten replace the shipped defaults as a whole.
CREATE VIEW referentie.producten AS
SELECT productcategorie, productcode, omschrijving, perceel, intensiteit, eenheid, 'bron' AS herkomst FROM staging.producten
UNION ALL
SELECT productcategorie, productcode, omschrijving, perceel, intensiteit, eenheid, 'standaard' AS herkomst FROM referentie.producten_standaard
WHERE NOT EXISTS (SELECT 1 FROM staging.producten);

-- A source's own tarieven replace the shipped defaults as a whole.
CREATE VIEW referentie.tarieven AS
SELECT productcode, geldig_vanaf, geldig_tot, tarief, aanbieder_agb, 'bron' AS herkomst FROM staging.tarieven
UNION ALL
SELECT productcode, geldig_vanaf, geldig_tot, tarief, aanbieder_agb, 'standaard' AS herkomst FROM referentie.tarieven_standaard
WHERE NOT EXISTS (SELECT 1 FROM staging.tarieven);

-- A source's own gemeenten replace the shipped defaults as a whole.
CREATE VIEW referentie.gemeenten AS
SELECT gemeentecode, naam, regio, 'bron' AS herkomst FROM staging.gemeenten
UNION ALL
SELECT gemeentecode, naam, regio, 'standaard' AS herkomst FROM referentie.gemeenten_standaard
WHERE NOT EXISTS (SELECT 1 FROM staging.gemeenten);

-- A source's own samenloopregels replace the shipped defaults as a whole.
CREATE VIEW referentie.samenloopregels AS
SELECT a, b, regel, toelichting, 'bron' AS herkomst FROM staging.samenloopregels
UNION ALL
SELECT a, b, regel, toelichting, 'standaard' AS herkomst FROM referentie.samenloopregels_standaard
WHERE NOT EXISTS (SELECT 1 FROM staging.samenloopregels);
