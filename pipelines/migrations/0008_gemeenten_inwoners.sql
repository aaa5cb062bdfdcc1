-- 0008: gemeenten met het optionele aantal inwoners (datacontract: gemeenten may carry
-- `inwoners`), voor de kaart (cliënten per 1.000 inwoners). Eén getal per gemeente; leeg waar
-- het niet bekend is. De meegeleverde data/reference/gemeenten.csv vult het voor de demoregio.

ALTER TABLE raw.gemeenten ADD COLUMN inwoners VARCHAR;
ALTER TABLE staging.gemeenten ADD COLUMN inwoners INTEGER;
ALTER TABLE referentie.gemeenten_standaard ADD COLUMN inwoners INTEGER;

-- A source's own gemeenten replace the shipped defaults as a whole (as in 0001), now with
-- inwoners.
CREATE OR REPLACE VIEW referentie.gemeenten AS
SELECT gemeentecode, naam, regio, inwoners, 'bron' AS herkomst FROM staging.gemeenten
UNION ALL
SELECT gemeentecode, naam, regio, inwoners, 'standaard' AS herkomst
FROM referentie.gemeenten_standaard
WHERE NOT EXISTS (SELECT 1 FROM staging.gemeenten);
