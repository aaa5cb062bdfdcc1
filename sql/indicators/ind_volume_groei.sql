-- code: VOL01
-- naam: Groei van de omzet ver boven die van de peers (na aftrek van overnames)
-- categorie: volume
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Groei van de rechtmatig gedeclareerde euro's van een aanbieder in een perceel t.o.v.
--   het vorige jaar, na aftrek van de euro's van cliënten die overkwamen van een aanbieder die
--   ophield (overname) en van de overloop (cliënten die eind vorig jaar al zorg kregen en nu een
--   heel jaar meetellen; zie int_vol_groei). De groeivoet wordt gekrompen naar de peermediaan
--   (gewicht n / (n + min_clienten), n = cliënten vorig jaar) en vergeleken met de groei van de
--   peers in hetzelfde perceel (minder dan min_peers: alle percelen): robuuste z op mediaan en MAD
--   van aanbieders met een basis van minstens groei_min_basis_eur. Financieel belang: de eigen
--   groei boven wat de peermediaan op de eigen basis zou geven.
-- waarom: Een sprong in omzet zonder overname of nieuw contract (veel nieuwe cliënten, meer uren
--   per cliënt of duurdere producten) is het patroon van zorgcowboys die snel opschalen; de
--   ontleding in cliënten, volume, prijs en mix laat zien waar de groei vandaan komt.
-- drempels: gemarkeerd als de robuuste z boven robuuste_z_drempel ligt én de eigen groei (na
--   overname en overloop) minstens groei_min_eur is. Een jaar zonder volledig vorig jaar
--   (nieuwe aanbieder of nieuw perceel) geeft geen signaal.
-- bron: indicatorcatalogus E1/E5 (YoY-groei, instroom) en G1; drempels [P].
-- bronnen: int_waarneming_volume_groei, int_peer_statistiek, int_vol_groei
-- grain: één rij per aanbieder × perceel × jaar met een volledig vorig jaar en een groei duidelijk
--   boven de peers (z > 1)
-- sleutel: aanbieder_agb, perceel, jaar
with final as (
    select
        * exclude (indicator),
        is_boven_drempel and delta_gecorrigeerd_eur >= getvariable('groei_min_eur') as gemarkeerd,
        'De rechtmatige omzet in ' || perceel || ' groeide van '
        || euro_tekst(bedrag_vorig_jaar_eur) || ' naar ' || euro_tekst(bedrag_eur)
        || ', na aftrek van overname (' || euro_tekst(overname_eur) || ', '
        || aantal_overname_clienten || ' cliënten) en overloop (' || euro_tekst(overloop_eur)
        || ') een eigen groei van '
        || euro_tekst(delta_gecorrigeerd_eur) || ' (' || procent_tekst(waarde)
        || ' tegen ' || procent_tekst(referentiewaarde) || ' bij de peers, robuuste z '
        || getal_tekst(afwijking, 1) || '); ontleed: cliënten '
        || aantal_clienten_vorig_jaar || ' → ' || aantal_clienten || ' ('
        || aantal_clienten_in || ' nieuw, ' || euro_tekst(effect_clienten_eur)
        || '), volume per cliënt ' || euro_tekst(effect_volume_per_client_eur) || ', prijs '
        || euro_tekst(effect_prijs_eur) || ', mix ' || euro_tekst(effect_mix_eur) || '.'
            as toelichting
    from intermediate.int_waarneming_volume_groei
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
    where afwijking > 1
)

select * from final
