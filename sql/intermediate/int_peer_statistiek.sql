-- doel: de gedeelde statistiek van alle peersignalen, één keer en op één plek: de z-score volgens
--   de methode van de waarneming, de overdispersiecorrectie, de krimp naar de peers, de sterkte en
--   de materialiteit. Elke peerindicator koppelt zijn waarneming (int_waarneming_*: wie de peers
--   zijn en wat verwacht wordt) hieraan en leest er afwijking, sterkte en de drempeltoetsen.
-- grain: één rij per waarneming: indicator × aanbieder_agb × jaar × reikwijdte
-- sleutel: indicator, aanbieder_agb, jaar, reikwijdte (leeg = de hele aanbieder in dat jaar)
-- bronnen: int_peer_waarnemingen (alle int_waarneming_*-modellen onder elkaar)
-- parameters: z_drempel, robuuste_z_drempel, robuuste_z_min_mad, materieel_min_eur
-- toelichting:
--   methode  aandeel_hoek  funnelplot op de hoekschaal (arcsinus-wortel): z = 2√n · (asin√p −
--                          asin√p0), p = teller / noemer, n = noemer, p0 = referentiewaarde
--            aandeel       gewone funnelbenadering z = (p − p0) / √(p0(1 − p0) / n); 0 als de
--                          funnel geen breedte heeft (p0 = 0 of 1)
--            verschuiving  verschil met het verwachte aandeel (referentiewaarde) op de
--                          hoekschaal, met de ruis van beide jaren:
--                          z = 2(asin√p − asin√p_verwacht) / √(1/noemer + 1/noemer_vorig)
--            telling       Poisson op de wortelschaal (Anscombe) met krimp: er komen `krimp`
--                          eenheden met het peercijfer p0 bij, O' = teller + krimp · p0
--                          (teller_gekrompen), E = (noemer + krimp) · p0,
--                          z = 2(√(O' + 3/8) − √(E + 3/8))
--            robuust       robuuste z op mediaan (referentiewaarde) en MAD van de naar de mediaan
--                          gekrompen waarde: gewicht = noemer / (noemer + krimp),
--                          x' = gewicht · waarde + (1 − gewicht) · mediaan
--   phi      overdispersie (Spiegelhalter): het gemiddelde van de gewinsoriseerde (10%–90%) z² over
--            de waarnemingen van dezelfde indicator, hetzelfde jaar en dezelfde spreidingsgroep
--            die meetellen (telt_voor_spreiding, standaard ja), minstens 1. afwijking = z / √phi.
--            Niet bij robuust: de MAD is daar al de spreiding van de peers (phi = 1).
--   richting −1 als juist een te lage waarde het risico is (onderlevering): drempel en sterkte
--            gelden dan voor −afwijking.
--   drempel  z_drempel, bij robuust robuuste_z_drempel; een waarneming die het sterkste van
--            meer toetsen is, geeft haar eigen (hogere) drempel mee (eigen_drempel, VOL01).
--   sterkte  0–1: 0,5 op de drempel, 1 bij twee keer de drempel. is_materieel:
--            financieel_belang minstens materieel_min_eur.
with waarnemingen as (
    select
        *,
        coalesce(richting, 1) as teken,
        coalesce(telt_voor_spreiding, true) as telt_mee
    from intermediate.int_peer_waarnemingen
),

met_z as (
    select
        *,
        noemer / (noemer + krimp) as gewicht,
        case methode
            when 'aandeel_hoek' then funnel_z_hoek(teller / noemer, referentiewaarde, noemer)
            when 'aandeel' then coalesce(funnel_z(teller / noemer, referentiewaarde, noemer), 0)
            when 'verschuiving'
                then 2 * (asin(sqrt(teller / noemer)) - asin(sqrt(referentiewaarde)))
                / sqrt(1 / noemer + 1 / noemer_vorig)
            when 'telling'
                then 2 * (
                    sqrt(teller + krimp * referentiewaarde + 0.375)
                    - sqrt((noemer + krimp) * referentiewaarde + 0.375)
                )
            when 'robuust'
                then robuuste_z(
                    gewicht * waarde + (1 - gewicht) * referentiewaarde,
                    referentiewaarde,
                    mad,
                    getvariable('robuuste_z_min_mad')
                )
        end as z
    from waarnemingen
),

-- Winsorising at the 10th and 90th percentile keeps the outliers we look for from inflating
-- their own correction.
grenzen as (
    select
        indicator,
        jaar,
        spreidingsgroep,
        quantile_cont(z, 0.1) as z_laag,
        quantile_cont(z, 0.9) as z_hoog
    from met_z
    where methode <> 'robuust' and telt_mee
    group by indicator, jaar, spreidingsgroep
),

spreiding as (
    select
        g.indicator,
        g.jaar,
        g.spreidingsgroep,
        greatest(1, avg(power(least(greatest(m.z, g.z_laag), g.z_hoog), 2))) as phi
    from met_z as m
    inner join grenzen as g
        on (g.indicator, g.jaar, g.spreidingsgroep)
        is not distinct from (m.indicator, m.jaar, m.spreidingsgroep)
    where m.telt_mee
    group by g.indicator, g.jaar, g.spreidingsgroep
),

gecorrigeerd as (
    select
        m.*,
        coalesce(s.phi, 1) as phi,
        m.z / sqrt(coalesce(s.phi, 1)) as z_adj,
        coalesce(m.eigen_drempel, case
            when m.methode = 'robuust' then getvariable('robuuste_z_drempel')
            else getvariable('z_drempel')
        end) as drempel
    from met_z as m
    left join spreiding as s
        on (s.indicator, s.jaar, s.spreidingsgroep)
        is not distinct from (m.indicator, m.jaar, m.spreidingsgroep)
),

final as (
    select
        indicator,
        aanbieder_agb,
        jaar,
        reikwijdte,
        z,
        phi,
        z_adj as afwijking,
        gewicht,
        teller + krimp * referentiewaarde as teller_gekrompen,
        drempel,
        coalesce(teken * z_adj > drempel, false) as is_boven_drempel,
        coalesce(sterkte_uit_z(teken * z_adj, drempel), 0) as sterkte,
        coalesce(financieel_belang >= getvariable('materieel_min_eur'), false) as is_materieel
    from gecorrigeerd
)

select * from final
