-- Elke bewijsregel hoort bij een signaal: een bewijsmodel (ind_<naam>_bewijs) levert alleen rijen
-- voor aanbieder, jaar en reikwijdte waarvoor ind_<naam> een signaal heeft.
select bron, declaratieregel_id, toelichting
from marts.mart_signaal_bewijsregels
where signaal_id is null
