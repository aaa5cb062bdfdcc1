-- Geen peerbevinding gaat verloren: elke waarneming die de gedeelde statistiek boven de drempel
-- zet, staat als signaal in marts.mart_signalen (een indicator die zijn waarneming verkeerd aan
-- int_peer_statistiek koppelt, levert anders stil niets op).
select p.indicator, p.aanbieder_agb, p.jaar, p.reikwijdte
from intermediate.int_peer_statistiek as p
where p.is_boven_drempel
    and not exists (
        select 1
        from marts.mart_signalen as s
        where (s.indicator, s.aanbieder_agb, s.jaar, s.reikwijdte)
            is not distinct from (p.indicator, p.aanbieder_agb, p.jaar, p.reikwijdte)
    )
