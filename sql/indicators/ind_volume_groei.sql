-- code: VOL01
-- naam: Groei ver boven die van de peers, per onderdeel (na aftrek van overnames)
-- categorie: volume
-- eenheid: aandeel
-- eenheid_afwijking: z
-- soort_belang: schatting
-- baan: risico
-- definitie: Groei van de rechtmatig gedeclareerde euro's van een aanbieder in een perceel t.o.v.
--   het vorige jaar, na aftrek van de euro's van cliënten die overkwamen van een aanbieder die
--   ophield (overname) en van de overloop (cliënten die eind vorig jaar al zorg kregen en nu een
--   heel jaar meetellen; zie int_vol_groei), ontleed in cliëntstroom, volume per cliënt, prijs
--   en productmix. Elk onderdeel en het totaal, als groeivoet op de eigen basis, wordt apart
--   vergeleken met de peers in hetzelfde perceel (minder dan min_peers: alle percelen):
--   robuuste z op mediaan en MAD van aanbieders met een basis van minstens
--   groei_min_basis_eur, na krimp naar de peermediaan (gewicht n / (n + min_clienten), n =
--   cliënten vorig jaar). Onderdelen per cliëntmaand (maanden in zorg). Het signaal gaat over
--   het onderdeel dat het verst van de peers ligt en zegt welk. Groei in volume per cliënt valt zo
--   op, ook als de totale groei van de peers wijd uiteenloopt. Financieel belang (schatting): de
--   groei in dat onderdeel boven wat de peermediaan op de eigen basis zou geven, hooguit de
--   eigen groei (een onderdeel kan meer bewegen dan het totaal als een ander terugloopt).
-- waarom: Een sprong in omzet zonder overname of nieuw contract (veel nieuwe cliënten, meer uren
--   per cliënt of duurdere producten) is het patroon van zorgcowboys die snel opschalen. Meer
--   volume per lopende cliënt na herindicatie, op verzoek van de aanbieder (315/317), is ook een
--   upcodingpatroon; de toelichting noemt die verzoeken waar ze geladen zijn.
-- drempels: gemarkeerd als de robuuste z van het onderdeel boven groei_z_drempel ligt (de robuuste
--   drempel gecorrigeerd voor vijf onderdelen, Bonferroni) én de groei in dat onderdeel en
--   de eigen groei als geheel elk minstens groei_min_eur zijn. Een jaar zonder volledig vorig
--   jaar (nieuwe aanbieder of nieuw perceel) geeft geen signaal, en een aanbieder die vorig jaar
--   nog nieuw was (start minder dan nieuw_max_maanden voor het einde van dat jaar) ook niet: zijn
--   groei is opbouw en VOL02 vergelijkt hem met andere nieuwe aanbieders.
-- bron: indicatorcatalogus E1/E5 (YoY-groei, instroom), C2/C4 (escalatie na verzoek) en G1;
--   drempels [P].
-- bronnen: int_waarneming_volume_groei, int_peer_statistiek, int_vol_groei
-- parameters: groei_min_eur, groei_z_drempel
-- grain: één rij per aanbieder × perceel × jaar met een volledig vorig jaar en een groei duidelijk
--   boven de peers (z > 1)
-- sleutel: aanbieder_agb, perceel, jaar
with benoemd as (
    select
        * exclude (indicator),
        case onderdeel
            when 'totaal' then 'de eigen groei als geheel'
            when 'clienten' then 'de cliëntstroom'
            when 'volume_per_client' then 'het volume per cliënt'
            when 'prijs' then 'de prijs per eenheid'
            when 'mix' then 'de productmix'
        end as onderdeel_naam
    from intermediate.int_waarneming_volume_groei
    inner join intermediate.int_peer_statistiek using (indicator, aanbieder_agb, jaar, reikwijdte)
    where afwijking > 1
),

final as (
    select
        *,
        -- The own growth must be material too: more hours per client while half the clients
        -- left is no growth the gemeente paid for.
        is_boven_drempel and onderdeel_eur >= getvariable('groei_min_eur')
        and delta_gecorrigeerd_eur >= getvariable('groei_min_eur') as gemarkeerd,
        'De rechtmatige omzet in ' || perceel || ' groeide van '
        || euro_tekst(bedrag_vorig_jaar_eur) || ' naar ' || euro_tekst(bedrag_eur)
        || ', na aftrek van overname (' || euro_tekst(overname_eur) || ', '
        || aantal_overname_clienten || ' cliënten) en overloop (' || euro_tekst(overloop_eur)
        || ') een eigen groei van ' || euro_tekst(delta_gecorrigeerd_eur) || ' ('
        || procent_tekst(groei_gecorrigeerd) || '). Het verst van de peers ligt '
        || onderdeel_naam || ': ' || euro_tekst(onderdeel_eur) || ', ' || procent_tekst(waarde)
        || ' van de basis tegen ' || procent_tekst(referentiewaarde)
        || ' bij de peers (robuuste z ' || getal_tekst(afwijking, 1) || '). Ontleed: cliënten '
        || aantal_clienten_vorig_jaar || ' → ' || aantal_clienten || ' ('
        || aantal_clienten_in || ' nieuw, ' || euro_tekst(effect_clienten_eur)
        || ', z ' || coalesce(getal_tekst(z_per_onderdeel['clienten'], 1), 'onbekend')
        || '), volume per cliënt ' || euro_tekst(effect_volume_per_client_eur)
        || ' (z ' || coalesce(getal_tekst(z_per_onderdeel['volume_per_client'], 1), 'onbekend')
        || '), prijs ' || euro_tekst(effect_prijs_eur)
        || ' (z ' || coalesce(getal_tekst(z_per_onderdeel['prijs'], 1), 'onbekend')
        || '), mix ' || euro_tekst(effect_mix_eur)
        || ' (z ' || coalesce(getal_tekst(z_per_onderdeel['mix'], 1), 'onbekend') || ').'
        || case
            when onderdeel = 'volume_per_client' and coalesce(verzoeken_opwaarts, 0) > 0
                then ' In ' || (jaar - 1) || '–' || jaar || ' vroeg de aanbieder '
                    || verzoeken_opwaarts
                    || ' keer om meer volume of een zwaarder product (315/317), waarvan '
                    || coalesce(verzoeken_opwaarts_gevolgd, 0)
                    || ' toegekend: meer intensiteit na herindicatie op eigen verzoek is ook '
                    || 'een upcodingpatroon (zie UPC05).'
            else ''
        end as toelichting
    from benoemd
)

select * from final
