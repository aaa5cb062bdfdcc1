-- Signalen volgen het datacontract: bekende categorie (codelijst signaalcategorie), unieke en
-- gevulde signaal_id, een toelichting, een sterkte tussen 0 en 1 en geen negatief financieel
-- belang. De kolommen die elke indicator moet leveren zijn gevuld: de mart voegt de indicatoren
-- op naam samen, dus een verschreven kolom zou anders stil leeg blijven.
select signaal_id, indicator, categorie
from marts.mart_signalen
where categorie not in (
        select code from referentie.codelijsten where codelijst = 'signaalcategorie'
    )
    or signaal_id is null
    or toelichting is null
    or gemarkeerd is null
    or sterkte is null or sterkte < 0 or sterkte > 1
    or financieel_belang is null or financieel_belang < 0
    or aanbieder_agb is null or jaar is null or aantal_clienten is null or peergroep is null
    or signaal_id in (
        select d.signaal_id from marts.mart_signalen as d group by d.signaal_id having count(*) > 1
    )
