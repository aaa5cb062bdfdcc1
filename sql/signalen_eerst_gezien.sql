-- doel: legt per gemarkeerd signaal vast wanneer het voor het eerst verscheen, voor 'nieuw sinds
--   de vorige lading' op het Overzicht
-- grain: één rij per signaal_id in beheer.signalen_eerst_gezien (migratie 0003); een signaal dat
--   er al staat, houdt zijn eerste datum en lading
-- bronnen: marts.mart_signalen, beheer.laadregister
-- toelichting: de runner voert dit uit na de modellen, in dezelfde transactie, telkens als hij
--   marts.mart_signalen opnieuw bouwde. signaal_id is stabiel over runs; een run wist deze tabel
--   nooit, net als de beoordelingen. Dit is de enige plek waar een run gegevens in beheer.*
--   bijschrijft; rollen.sql maakt alleen weergaven.
insert or ignore into beheer.signalen_eerst_gezien
select distinct
    signaal_id,
    cast(now() as timestamp) as eerst_gezien_op,
    (select max(bestand_id) from beheer.laadregister) as bestand_id_bij_eerste_keer
from marts.mart_signalen
where gemarkeerd and signaal_id is not null;
