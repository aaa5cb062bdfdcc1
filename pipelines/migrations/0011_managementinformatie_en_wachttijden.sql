-- 0008 (#13, CM-gesprek): twee optionele contracttabellen.
-- - managementinformatie: wat een aanbieder zelf rapporteert (aanbieder_agb, periode, kenmerk,
--   waarde, toelichting), naast onze cijfers in het CM-gesprek;
-- - wachttijden: aantal wachtenden en gemiddelde wachttijd per aanbieder, gemeente en perceel op
--   een peildatum.

CREATE TABLE raw.managementinformatie (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR,
    periode VARCHAR,
    kenmerk VARCHAR,
    waarde VARCHAR,
    toelichting VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.managementinformatie (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    periode VARCHAR NOT NULL,
    kenmerk VARCHAR NOT NULL,
    waarde VARCHAR NOT NULL,
    toelichting VARCHAR,
    rij_hash VARCHAR NOT NULL
);

CREATE TABLE raw.wachttijden (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR,
    gemeentecode VARCHAR,
    perceel VARCHAR,
    peildatum VARCHAR,
    aantal_wachtenden VARCHAR,
    gemiddelde_wachttijd_dagen VARCHAR,
    overige_kolommen VARCHAR
);

CREATE TABLE staging.wachttijden (
    bestand_id INTEGER NOT NULL,
    regelnummer BIGINT NOT NULL,
    aanbieder_agb VARCHAR NOT NULL,
    gemeentecode VARCHAR,
    perceel VARCHAR,
    peildatum DATE NOT NULL,
    aantal_wachtenden INTEGER NOT NULL,
    gemiddelde_wachttijd_dagen DECIMAL(18,4),
    rij_hash VARCHAR NOT NULL
);
