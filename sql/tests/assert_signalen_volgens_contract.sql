-- Signalen volgen het datacontract: bekende categorie (codelijst signaalcategorie), unieke en
-- gevulde signaal_id, een toelichting, een sterkte tussen 0 en 1 en geen negatief financieel
-- belang.
select signaal_id, indicator, categorie
from marts.mart_signalen
where categorie not in (
        select code from referentie.codelijsten where codelijst = 'signaalcategorie'
    )
    or signaal_id is null
    or toelichting is null
    or gemarkeerd is null
    or sterkte < 0 or sterkte > 1
    or financieel_belang < 0
    or signaal_id in (
        select signaal_id from marts.mart_signalen group by signaal_id having count(*) > 1
    )
