-- 0007: toewijzingen en zorgperiodes in staging als huidige stand, met hun geschiedenis ernaast.
-- Een gemeente stuurt per cliënt en aanbieder bij elke wijziging een nieuwe 301 met álle
-- lopende toewijzingen; een aanbieder meldt een zorgperiode met een 305 (start) en later een
-- 307 (stop), en corrigeert of verwijdert met StatusAanlevering 2 of 3. Een tabelexport geeft
-- dezelfde gegevens als één rij per toewijzing en per zorgperiode. Zodat beide vormen dezelfde
-- staging geven:
-- - staging.toewijzingen_versies en staging.zorgperiode_meldingen houden elke geleverde
--   (goede) rij, zoals staging die tot nu toe hield (de geschiedenis, met bestand en regel);
-- - staging.toewijzingen is de geldende versie per gemeentecode × toewijzingnummer (nieuwste
--   toewijzingsdatum, dan laatst geladen; zoals int_toewijzingen_actueel);
-- - staging.zorgperiodes is de geldende zorgperiode per gemeente × aanbieder × cliënt ×
--   toewijzingnummer × begindatum: de laatste start en de laatste stop samen, waarbij een
--   verwijdering (3) de melding intrekt.
-- De lader werkt beide bij in dezelfde transactie als het laden.

CREATE TABLE staging.toewijzingen_versies AS SELECT * FROM staging.toewijzingen;
CREATE TABLE staging.zorgperiode_meldingen AS SELECT * FROM staging.zorgperiodes;

DELETE FROM staging.toewijzingen;
INSERT INTO staging.toewijzingen
SELECT * EXCLUDE (versie_rang) FROM (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY gemeentecode, toewijzingnummer
            ORDER BY toewijzingsdatum DESC NULLS LAST, bestand_id DESC, regelnummer DESC
        ) AS versie_rang
    FROM staging.toewijzingen_versies
)
WHERE versie_rang = 1;

DELETE FROM staging.zorgperiodes;
INSERT INTO staging.zorgperiodes
SELECT * EXCLUDE (is_stop, is_verwijdering, rang, keuze) FROM (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum
            ORDER BY is_stop DESC
        ) AS keuze
    FROM (
        SELECT
            *,
            einddatum IS NOT NULL AS is_stop,
            coalesce(status_aanlevering, '1') = '3' AS is_verwijdering,
            row_number() OVER (
                PARTITION BY
                    gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum,
                    einddatum IS NOT NULL
                ORDER BY bestand_id DESC, regelnummer DESC
            ) AS rang
        FROM staging.zorgperiode_meldingen
    )
    WHERE rang = 1 AND NOT is_verwijdering
)
WHERE keuze = 1;
