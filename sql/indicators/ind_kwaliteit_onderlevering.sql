-- code: KWA01
-- naam: Onderlevering: veel minder zorg geleverd dan toegewezen
-- categorie: kwaliteit
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: geen
-- baan: zorg
-- definitie: Realisatiegraad van een aanbieder per perceel en jaar: het gedeclareerde volume
--   gedeeld door het toegewezen volume voor dezelfde periodes (IV076/TR321), alleen voor
--   inspanningsgerichte eenheden (uren, minuten, dagdelen, etmalen, stuks inspanning). Na krimp
--   naar de peermediaan (gewicht cliëntmaanden / (cliëntmaanden + min_clientmaanden)) vergeleken
--   met aanbieders in hetzelfde perceel: robuuste z op mediaan en MAD. Financieel belang: € 0, want
--   er is niet te veel betaald (alleen het geleverde is gedeclareerd); het risico is dat cliënten
--   de toegewezen zorg niet krijgen.
-- waarom: Wie maand na maand veel minder levert dan toegewezen, zonder de zorg te stoppen of een
--   lagere toewijzing te vragen, laat cliënten zonder de zorg die zij nodig hebben
--   (zorgverwaarlozing) en houdt plekken bezet.
-- drempels: gemarkeerd bij een realisatiegraad minstens onderlevering_min_verschil onder die van
--   de peers, een robuuste z onder −robuuste_z_drempel en minstens min_clientmaanden
--   cliëntmaanden. Geen vaste grens voor de aanbieder (zoals 60%): in een regio waar iedereen
--   lager realiseert is 60% gewoon, en 61% tegen 79% bij de peers is dat niet;
--   onderlevering_max_realisatie is de grens per cliënt in de toelichting en het bewijs.
--   Percelen met minder dan min_peers aanbieders worden niet beoordeeld: realisatie is alleen
--   binnen een perceel vergelijkbaar.
-- bron: indicatorcatalogus E3/F1 (verzilvering, lage verzilvering); iWmo IV076/TR321.
-- bronnen: int_waarneming_kwaliteit_onderlevering, int_peer_statistiek
-- grain: één rij per aanbieder × perceel × jaar in een perceel met genoeg peers en met een
--   realisatiegraad onder onderlevering_max_realisatie of duidelijk onder de peers (z < −2)
-- sleutel: aanbieder_agb, perceel, jaar
with final as (
    select
        * exclude (indicator),
        -- Nothing was paid for care that was not declared: no euros at stake, only care.
        0.0 as financieel_belang,
        -- is_boven_drempel: afwijking below −robuuste_z_drempel (richting −1 in the waarneming).
        waarde <= referentiewaarde - getvariable('onderlevering_min_verschil')
        and is_boven_drempel
        and aantal_clientmaanden >= getvariable('min_clientmaanden') as gemarkeerd,
        'De aanbieder declareerde in ' || perceel || ' ' || procent_tekst(waarde)
        || ' van het toegewezen volume over '
        || aantal_tekst(aantal_clientmaanden, 'cliëntmaand', 'cliëntmaanden') || ' ('
        || van_de_tekst(aantal_clienten_onder_grens, aantal_clienten, 'cliënt', 'cliënten')
        || ' onder '
        || procent_tekst(getvariable('onderlevering_max_realisatie')) || '), tegen '
        || procent_tekst(referentiewaarde) || ' bij de peers (robuuste z '
        || getal_tekst(afwijking, 1)
        || '); er is niet te veel betaald, het risico is dat cliënten hun zorg niet krijgen.'
            as toelichting
    from intermediate.int_waarneming_kwaliteit_onderlevering
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
    -- The clear cases: below the limit, or clearly below the peers.
    where waarde < getvariable('onderlevering_max_realisatie') or afwijking < -2
)

select * from final
