-- 0005: de codelijsten als één referentietabel: WJ756 (eenheid), WJ757 (frequentie),
-- debet/credit, samenloopregel en signaalcategorie, met wat de SQL-modellen over een code
-- opzoeken. pipelines/reference.py vult haar bij elke opening voor schrijven uit
-- pipelines/contract.py, de enige plek waar de codes staan; sql/macros.sql leest haar.

CREATE TABLE referentie.codelijsten (
    codelijst VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    omschrijving VARCHAR NOT NULL,
    -- hoe een toelichting de code in een zin noemt ('3 uur per week')
    in_zin VARCHAR,
    -- WJ756: welke eenheden onderling omrekenbaar zijn, de factor naar de basiseenheid van die
    -- dimensie (tijd: minuten) en of de eenheid inspanning meet
    dimensie VARCHAR,
    factor_naar_basis DECIMAL(4,1),
    is_inspanningsgericht BOOLEAN,
    PRIMARY KEY (codelijst, code)
);
