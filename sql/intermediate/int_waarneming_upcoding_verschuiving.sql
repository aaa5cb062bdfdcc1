-- doel: de waarneming achter UPC02 voor de gedeelde peerstatistiek: per perceel het aandeel
--   cliënten in de zwaarste aangeboden intensiteit dit jaar tegen het verwachte aandeel (vorig
--   jaar plus de verandering bij de peers), met de ruis van beide jaren
-- grain: één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten, in
--   beide jaren minstens min_clienten cliënten en de zwaarste intensiteit ook vorig jaar
--   aangeboden
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_upc_tiermix
-- parameters: min_clienten
with mix as (
    select *
    from intermediate.int_upc_tiermix
    where clienten_nu >= getvariable('min_clienten')
        and clienten_vorig >= getvariable('min_clienten')
        and zwaarste_vorig_aangeboden
        and aantal_peers >= 1
        and peer_vorig > 0
),

-- Expected share this year: last year's own share plus the peers' change. The +0.5/+1 keeps
-- the peer shares off exactly 0 or 1.
verwacht as (
    select
        *,
        zwaar_vorig / clienten_vorig as aandeel_vorig,
        (peer_zwaar_nu + 0.5) / (peer_nu + 1) - (peer_zwaar_vorig + 0.5) / (peer_vorig + 1)
            as peer_verandering,
        least(1, greatest(0, aandeel_vorig + peer_verandering)) as verwacht_aandeel
    from mix
),

final as (
    select
        'UPC02' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        'verschuiving' as methode,
        zwaar_nu as teller,
        clienten_nu as noemer,
        clienten_vorig as noemer_vorig,
        zwaar_nu / clienten_nu as waarde,
        verwacht_aandeel as referentiewaarde,
        perceel as spreidingsgroep,
        clienten_nu as aantal_clienten,
        bedrag_op_centen(
            greatest(0, zwaar_nu - verwacht_aandeel * clienten_nu) * meerprijs_per_zware_client(
                bedrag_zwaar_eur, clienten_zwaar, bedrag_licht_eur, clienten - clienten_zwaar
            )
        ) as financieel_belang,
        peergroep,
        perceel,
        zwaarste,
        aantal_peers,
        aandeel_vorig,
        peer_verandering,
        niveaus_twee_jaar
    from verwacht
)

select * from final
