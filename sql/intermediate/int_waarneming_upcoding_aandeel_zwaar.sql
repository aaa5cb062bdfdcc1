-- doel: de waarneming achter UPC01 voor de gedeelde peerstatistiek: per perceel het aandeel
--   cliënten in de zwaarste aangeboden intensiteit tegen het aandeel bij de peers (funnelplot op
--   de hoekschaal, overdispersie over de aanbieders van het perceel)
-- grain: één rij per aanbieder × jaar × perceel met minstens twee aangeboden intensiteiten,
--   minstens min_clienten cliënten en minstens één peer
-- sleutel: aanbieder_agb, jaar, reikwijdte
-- bronnen: int_upc_tiermix
-- parameters: min_clienten
with mix as (
    select *
    from intermediate.int_upc_tiermix
    where clienten >= getvariable('min_clienten')
        and aantal_peers >= 1
),

-- The +0.5/+1 keeps the expected share off exactly 0 or 1, where a funnel has no width.
met_verwachting as (
    select
        *,
        (peer_clienten_zwaar + 0.5) / (peer_clienten + 1) as peer_aandeel
    from mix
),

final as (
    select
        'UPC01' as indicator,
        aanbieder_agb,
        jaar,
        perceel as reikwijdte,
        -- The plain normal z over-flags small providers when the peer share is small: the
        -- binomial tail is then much longer than the normal one (11 of 26 clients against 17%
        -- gives z 3,5 on the plain scale, while the exact binomial tail corresponds to 2,9).
        'aandeel_hoek' as methode,
        clienten_zwaar as teller,
        clienten as noemer,
        clienten_zwaar / clienten as waarde,
        peer_aandeel as referentiewaarde,
        perceel as spreidingsgroep,
        clienten as aantal_clienten,
        greatest(0, clienten_zwaar - peer_aandeel * clienten) as extra_zwaar,
        bedrag_op_centen(extra_zwaar * meerprijs_per_zware_client(
            bedrag_zwaar_eur, clienten_zwaar, bedrag_licht_eur, clienten - clienten_zwaar
        )) as financieel_belang,
        peergroep,
        perceel,
        zwaarste,
        aantal_peers,
        meerprijs_per_client_eur
    from met_verwachting
)

select * from final
