-- code: VOL02
-- naam: Nieuwe aanbieder die snel groeit
-- categorie: volume
-- eenheid: getal
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Een aanbieder is nieuw in een jaar als zijn start (eerste declaratie, of
--   contract_vanaf als dat eerder ligt) minder dan 24 maanden (nieuw_max_maanden) voor het einde
--   van dat jaar ligt en minstens 3 maanden (nieuw_aanloop_maanden) na het begin van de geladen
--   gegevens. Waarde: zijn eigen cliënten per maand sinds de start (zonder cliënten die met een
--   overname meekwamen, zoals VOL01 ze vindt). Vergeleken met de andere nieuwe aanbieders van
--   dat jaar (robuuste z op de logaritme van de instroom, met krimp naar de mediaan bij een start
--   van enkele maanden); zijn er minder dan 5 (nieuw_min_peers), dan met de instroom per maand
--   van de gevestigde aanbieders met hetzelfde hoofdperceel (minder dan min_peers: de hele
--   regio), wat peergroep zegt. Financieel belang (geschat): de eigen euro's van het jaar boven
--   wat de instroom van de referentie zou geven.
-- waarom: Het zorgcowboypatroon: een nieuwe aanbieder die in korte tijd veel cliënten werft (vaak
--   via één verwijzer of adres) en veel declareert, voordat de eerste controle komt. Een nieuwe
--   aanbieder groeit vanaf nul; de vraag is of hij veel sneller groeit dan andere nieuwkomers of
--   dan een gevestigde aanbieder nieuwe cliënten krijgt. Een overname is verklaarde groei en
--   telt niet mee.
-- drempels: gemarkeerd bij minstens 10 eigen cliënten (min_clienten), een robuuste z boven 3,5
--   (robuuste_z_drempel) en een geschat belang van minstens € 25.000 (nieuw_groei_min_eur).
-- bron: catalogus G1 (nieuw en snel groeiend) en E5 (instroom); VNG/KCHN signalen over
--   zorgcowboys; robuuste z (mediaan/MAD) met empirical-Bayes-krimp.
-- bronnen: int_waarneming_volume_nieuw_snel, int_peer_statistiek
-- grain: één rij per nieuwe aanbieder × jaar met minstens min_clienten eigen cliënten
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator, waarde, referentiewaarde),
        -- Shown as clients per month; the statistic ran on the logarithm.
        instroom_per_maand as waarde,
        referentie_per_maand as referentiewaarde,
        is_boven_drempel and is_materieel
        and financieel_belang >= getvariable('nieuw_groei_min_eur') as gemarkeerd,
        'Nieuwe aanbieder sinds ' || strftime(start_maand, '%m-%Y') || ': '
            || aantal_eigen_clienten || ' eigen cliënten in ' || aantal_maanden
            || ' maanden, ' || getal_tekst(instroom_per_maand, 1) || ' per maand, tegen '
            || getal_tekst(referentie_per_maand, 1) || ' per maand bij ' || peergroep
            || case
                when aantal_overname_clienten > 0
                    then '; ' || aantal_overname_clienten || ' cliënten kwamen met een overname '
                    || 'en tellen niet mee'
                else ''
            end
            || ' (robuuste z na krimp: ' || coalesce(getal_tekst(afwijking, 1), 'onbekend')
            || '); geschat belang boven de referentie: ' || euro_tekst(financieel_belang)
            || ' van ' || euro_tekst(eigen_eur) || ' eigen omzet dit jaar.' as toelichting
    from intermediate.int_waarneming_volume_nieuw_snel
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar)
)

select * from final
