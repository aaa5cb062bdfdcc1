-- code: STP02
-- naam: Stapeling: zeer hoge zorgbelasting per week over alle aanbieders
-- categorie: stapeling
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Per cliënt en maand het totaal aan toegewezen uren per week over alle lopende
--   toewijzingen bij alle aanbieders samen (tijdseenheden: minuten, uren, dagdelen van 4 uur;
--   etmaalproducten tellen niet mee, die vallen onder STP01). Per aanbieder het aandeel van zijn
--   cliënten met minstens één maand boven intensiteit_max_uur_week (standaard 40 uur per week),
--   vergeleken met aanbieders
--   met hetzelfde hoofdperceel. Financieel belang: het deel van wat deze aanbieder in die maanden
--   voor die cliënten declareerde dat naar rato boven de grens uitkomt.
-- waarom: Meer dan een volle werkweek aan ambulante zorg en dagbesteding, verdeeld over
--   aanbieders, is voor één cliënt zelden nodig: het wijst op stapeling die per aanbieder niet
--   zichtbaar is. Informatief: alleen bij een duidelijk afwijkend aandeel gemarkeerd.
-- drempels: gemarkeerd als de funnel-z (na overdispersiecorrectie) boven z_drempel ligt, met
--   minstens stapeling_min_clienten betrokken cliënten, minstens stapeling_min_aandeel van de
--   cliënten en minstens materieel_min_eur boven de grens van intensiteit_max_uur_week.
-- bron: indicatorcatalogus D4/D7 (samenloop over aanbieders); de grens (standaard 40 uur per week)
--   is een voorstel [P].
-- bronnen: int_waarneming_stapeling_intensiteit, int_peer_statistiek
-- grain: één rij per aanbieder × jaar met minstens één cliëntmaand boven de grens
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and is_materieel
        and aantal_clienten >= getvariable('stapeling_min_clienten')
        and waarde >= getvariable('stapeling_min_aandeel') as gemarkeerd,
        van_de_tekst(aantal_clienten, noemer, 'cliënt', 'cliënten') || ' ('
        || procent_tekst(waarde) || ')'
        || case when aantal_clienten = 1 then ' had' else ' hadden' end
        || ' in minstens één maand meer dan '
            || regexp_replace(cast(getvariable('intensiteit_max_uur_week') as varchar), '\.0$', '')
            || ' uur zorg per week toegewezen over alle '
        || 'aanbieders samen ('
        || aantal_meerdere_aanbieders || ' bij meerdere aanbieders, hoogste '
        || cast(round(hoogste_uur_per_week) as integer) || ' uur), tegen '
        || procent_tekst(referentiewaarde) || ' bij de peers (funnel-z '
        || getal_tekst(afwijking, 1) || '); '
        || euro_tekst(financieel_belang) || ' van deze aanbieder valt boven de grens.'
            as toelichting
    -- One signal per provider and year (no reikwijdte), for providers with clients above the
    -- limit; the others were peers.
    from intermediate.int_waarneming_stapeling_intensiteit
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
    where aantal_clienten > 0
)

select * from final
