-- 0002: het runlogboek en de beoordelingen van signalen.
-- beheer.runs: elke geslaagde `signaalmonitor run` met drempels, pakketversies en duur per model.
-- beheer.beoordelingen: notities van een beoordelaar per signaal. Een run raakt deze tabel nooit
-- aan; signaal_id is stabiel (een hash van indicator, aanbieder, jaar en reikwijdte), zodat een
-- notitie na elke herberekening bij hetzelfde signaal blijft staan.

CREATE SEQUENCE beheer.run_volgnummer START 1;

CREATE TABLE beheer.runs (
    run_id BIGINT PRIMARY KEY,
    gestart_op TIMESTAMP NOT NULL,
    duur_seconden DOUBLE NOT NULL,
    drempels VARCHAR NOT NULL,
    pakketversies VARCHAR NOT NULL,
    duur_per_model VARCHAR NOT NULL
);

CREATE TABLE beheer.beoordelingen (
    signaal_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    notitie VARCHAR,
    beoordelaar VARCHAR,
    vastgelegd_op TIMESTAMP NOT NULL
);
