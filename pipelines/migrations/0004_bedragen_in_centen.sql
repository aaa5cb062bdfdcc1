-- 0004: bedragen als DECIMAL(18,2) in de opslag, zoals in elke laag erna (geld is DECIMAL, nooit
-- DOUBLE). iWmo-bedragen zijn eurocenten (LDT_Bedrag, LDT_Budget); de ingest leest elk getal als
-- DECIMAL(18,4) en deze kolommen ronden bij het opslaan af op centen, half van nul af. De ruwe
-- laag bewaart de tekst zoals gelezen. Tarieven blijven DECIMAL(18,4): een tarief per minuut kan
-- meer dan centen hebben.

ALTER TABLE staging.declaraties ALTER COLUMN ingediend_bedrag SET DATA TYPE DECIMAL(18, 2);
ALTER TABLE staging.toewijzingen ALTER COLUMN budget SET DATA TYPE DECIMAL(18, 2);
ALTER TABLE staging.verantwoording ALTER COLUMN bedrag SET DATA TYPE DECIMAL(18, 2);
