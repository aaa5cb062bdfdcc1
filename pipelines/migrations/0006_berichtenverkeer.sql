-- 0006: berichtenverkeer op schaal (issue 9).
-- - het laadregister kent per bericht zijn identiteit: berichttype, release, domein (wmo of
--   jeugd), de BerichtIdentificatie en het archief waar het uit kwam;
-- - beheer.niet_geladen: elk bestand dat een ingest zag maar niet laadde, met de reden;
-- - verzoeken (WMO315/317) en declaratie_antwoorden (WMO325) als tabellen van het contract;
-- - zorgperiodes.status_aanlevering (WMO305/307 StatusAanlevering: 2 = correctie,
--   3 = verwijderen);
-- - declaraties.producttarief mag leeg zijn (WMO323: ProductTarief minOccurs 0, bij eenheid
--   83 euro of 82 stuks output);
-- - domein op elke stagingrij van het berichtenverkeer; tabelbestanden zijn 'wmo'.

ALTER TABLE beheer.laadregister ADD COLUMN berichttype VARCHAR;
ALTER TABLE beheer.laadregister ADD COLUMN release VARCHAR;
ALTER TABLE beheer.laadregister ADD COLUMN domein VARCHAR;
ALTER TABLE beheer.laadregister ADD COLUMN berichtidentificatie VARCHAR;
ALTER TABLE beheer.laadregister ADD COLUMN archief VARCHAR;

CREATE SEQUENCE beheer.niet_geladen_volgnummer START 1;

CREATE TABLE beheer.niet_geladen (
    volgnummer BIGINT PRIMARY KEY DEFAULT nextval('beheer.niet_geladen_volgnummer'),
    gezien_op TIMESTAMP NOT NULL,
    -- 'overgeslagen' (niet gelezen: geen data, koppeling, te groot ...) of 'geweigerd'
    -- (gelezen maar onbruikbaar: beschadigd, geen iWmo, DOCTYPE ...)
    soort VARCHAR NOT NULL,
    bestandsnaam VARCHAR NOT NULL,
    pad VARCHAR NOT NULL,
    archief VARCHAR,
    inhoud_hash VARCHAR,
    reden VARCHAR NOT NULL
);

CREATE TABLE raw.verzoeken (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    verzoeknummer VARCHAR,
    soort VARCHAR,
    aanbieder_agb VARCHAR,
    gemeentecode VARCHAR,
    client_id VARCHAR,
    toewijzingnummer VARCHAR,
    productcategorie VARCHAR,
    productcode VARCHAR,
    volume VARCHAR,
    eenheid VARCHAR,
    frequentie VARCHAR,
    ingangsdatum VARCHAR,
    einddatum VARCHAR,
    reden VARCHAR,
    verzoekdatum VARCHAR,
    uitkomst VARCHAR,
    client_bron VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.verzoeken (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    verzoeknummer VARCHAR NOT NULL,
    soort VARCHAR NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    -- leeg bij een antwoordregel (WMO319 noemt geen cliënt; het verzoeknummer koppelt)
    client_id VARCHAR,
    toewijzingnummer VARCHAR,
    productcategorie VARCHAR,
    productcode VARCHAR,
    volume DECIMAL(18,4),
    eenheid VARCHAR,
    frequentie VARCHAR,
    ingangsdatum DATE,
    einddatum DATE,
    reden VARCHAR,
    verzoekdatum DATE,
    uitkomst VARCHAR,
    rij_hash VARCHAR NOT NULL,
    domein VARCHAR NOT NULL DEFAULT 'wmo'
);

CREATE TABLE raw.declaratie_antwoorden (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    referentienummer VARCHAR,
    aanbieder_agb VARCHAR,
    gemeentecode VARCHAR,
    toegekend VARCHAR,
    retourcode VARCHAR,
    antwoorddatum VARCHAR,
    declaratienummer VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.declaratie_antwoorden (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    referentienummer VARCHAR NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    toegekend VARCHAR NOT NULL,
    retourcode VARCHAR,
    antwoorddatum DATE,
    declaratienummer VARCHAR,
    rij_hash VARCHAR NOT NULL,
    domein VARCHAR NOT NULL DEFAULT 'wmo'
);

ALTER TABLE raw.zorgperiodes ADD COLUMN status_aanlevering VARCHAR;
ALTER TABLE staging.zorgperiodes ADD COLUMN status_aanlevering VARCHAR;

ALTER TABLE staging.declaraties ALTER COLUMN producttarief DROP NOT NULL;

ALTER TABLE staging.toewijzingen ADD COLUMN domein VARCHAR NOT NULL DEFAULT 'wmo';
ALTER TABLE staging.zorgperiodes ADD COLUMN domein VARCHAR NOT NULL DEFAULT 'wmo';
ALTER TABLE staging.declaraties ADD COLUMN domein VARCHAR NOT NULL DEFAULT 'wmo';
