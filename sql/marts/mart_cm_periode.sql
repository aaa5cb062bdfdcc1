-- doel: de agenda van het CM-gesprek per aanbieder en periode (halfjaar en jaar): productie en
--   trend, cliënten in en uit, realisatie, doorlooptijd van toewijzing tot start (305),
--   klachten, calamiteiten en cliëntervaring per 100 cliënten en de verantwoording, naast de
--   mediaan van de peers
-- grain: één rij per aanbieder × periode met declaraties; periode is '2025' of '2025-H1'/'-H2'
-- sleutel: aanbieder_agb, periode
-- bronnen: int_declaratieregels_status, int_toewijzing_start_levering, stg_meldingen,
--   stg_verantwoording, stg_wachttijden, mart_cm_profiel
-- toelichting: vorig_jaar_periode is dezelfde periode een jaar eerder (de trend);
--   voorgaande_periode is de periode er direct voor (H2 → H1, H1 → H2 van het vorige jaar, een
--   jaar → het vorige jaar): instroom = cliënten nu en niet in de voorgaande periode, uitstroom =
--   cliënten in de voorgaande periode en nu niet meer; leeg als de voorgaande periode niet in de
--   gegevens zit. realisatiegraad = geleverd / toegestaan volume (inspanningsgericht, zoals
--   mart_cm_profiel). Doorlooptijd: nieuwe toewijzingen (geen herindicatie) met een start,
--   toegewezen in de periode; dagen van toegewezen_vanaf tot de eerste start (305), de mediaan.
--   Meldingen per 100 cliënten alleen in jaren waarin meldingen zijn aangeleverd (geen gegevens
--   is geen nul). Peers: de andere aanbieders met hetzelfde hoofdperceel in het jaar
--   (mart_cm_profiel), de mediaan zonder de aanbieder zelf. De verantwoording is per jaar: een
--   halfjaar toont die van zijn jaar. Wachttijden (optionele tabel) op de laatste peildatum in de
--   periode, opgeteld over gemeenten en percelen; de wachttijd gewogen naar het aantal
--   wachtenden; leeg als er geen wachttijden geladen zijn.
with regels as (
    select
        aanbieder_agb,
        client_id,
        maand,
        bedrag_eur,
        volume_basis,
        toegestaan_volume_basis,
        realisatiegraad,
        cast(year(maand) as integer) as jaar
    from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),

-- One row per aanbieder × client × half year before the year and half-year periods are laid
-- side by side: the lines are not doubled. Euros are DECIMAL (a sum of sums is the same sum);
-- the volumes keep the filter of the realisation (a half year without such lines stays empty).
per_halfjaar as (
    select
        aanbieder_agb,
        client_id,
        jaar,
        if(month(maand) <= 6, '1', '2') as halfjaar,
        sum(bedrag_eur) as bedrag_eur,
        sum(volume_basis) filter (where realisatiegraad is not null) as gerealiseerd_volume_basis,
        sum(toegestaan_volume_basis) filter (where realisatiegraad is not null)
            as gerealiseerd_toegestaan_volume_basis
    from regels
    group by aanbieder_agb, client_id, jaar, halfjaar
),

-- The year of a client from its half years (one row per aanbieder × client × year).
per_jaar as (
    select
        aanbieder_agb,
        client_id,
        jaar,
        sum(bedrag_eur) as bedrag_eur,
        sum(gerealiseerd_volume_basis) as gerealiseerd_volume_basis,
        sum(gerealiseerd_toegestaan_volume_basis) as gerealiseerd_toegestaan_volume_basis
    from per_halfjaar
    group by aanbieder_agb, client_id, jaar
),

-- One row per aanbieder × periode × client. volgnummer counts the periods of a soort (a year:
-- the year; a half year: 2 × year + 0 or 1), so the period before is volgnummer − 1.
regels_per_periode as (
    select
        aanbieder_agb,
        client_id,
        jaar,
        cast(jaar as varchar) as periode,
        'jaar' as soort,
        jaar as volgnummer,
        bedrag_eur,
        gerealiseerd_volume_basis,
        gerealiseerd_toegestaan_volume_basis
    from per_jaar
    union all
    select
        aanbieder_agb,
        client_id,
        jaar,
        cast(jaar as varchar) || '-H' || halfjaar as periode,
        'halfjaar' as soort,
        jaar * 2 + cast(halfjaar as integer) - 1 as volgnummer,
        bedrag_eur,
        gerealiseerd_volume_basis,
        gerealiseerd_toegestaan_volume_basis
    from per_halfjaar
),

periodes as (
    select
        periode,
        any_value(soort) as soort,
        any_value(volgnummer) as volgnummer,
        any_value(jaar) as jaar,
        cast(any_value(jaar) - 1 as varchar) || substr(periode, 5) as vorig_jaar_periode,
        case
            when periode like '%-H2' then cast(any_value(jaar) as varchar) || '-H1'
            when periode like '%-H1' then cast(any_value(jaar) - 1 as varchar) || '-H2'
            else cast(any_value(jaar) - 1 as varchar)
        end as voorgaande_periode
    from regels_per_periode
    group by periode
),

-- A client appears once per aanbieder and periode: counting rows counts clients.
productie as (
    select
        aanbieder_agb,
        periode,
        cast(sum(bedrag_eur) as decimal(18, 2)) as gedeclareerd_eur,
        count(*) as aantal_clienten,
        sum(gerealiseerd_volume_basis) / nullif(sum(gerealiseerd_toegestaan_volume_basis), 0)
            as realisatiegraad
    from regels_per_periode
    group by aanbieder_agb, periode
),

-- Each client's previous and next period of the same soort at this aanbieder: instroom is a
-- client without the period just before, uitstroom a client without the period just after
-- (counted in that next period). One sort instead of joining every client set to the one
-- before: at national scale those joins did not fit in memory (#14).
buren as (
    select
        aanbieder_agb,
        periode,
        soort,
        volgnummer,
        lag(volgnummer) over per_client as vorige,
        lead(volgnummer) over per_client as volgende
    from regels_per_periode
    window per_client as (partition by aanbieder_agb, client_id, soort order by volgnummer)
),

instroom as (
    select
        aanbieder_agb,
        periode,
        count(*) filter (where vorige is distinct from volgnummer - 1) as instroom
    from buren
    group by aanbieder_agb, periode
),

uitstroom as (
    select b.aanbieder_agb, d.periode, count(*) as uitstroom
    from buren as b
    inner join periodes as d on d.soort = b.soort and d.volgnummer = b.volgnummer + 1
    where b.volgende is distinct from b.volgnummer + 1
    group by b.aanbieder_agb, d.periode
),

-- Only where the period before is in the data: otherwise everyone would be instroom.
stroom as (
    select
        p.aanbieder_agb,
        p.periode,
        coalesce(i.instroom, 0) as instroom,
        coalesce(u.uitstroom, 0) as uitstroom
    from productie as p
    inner join periodes as d on d.periode = p.periode
    left join instroom as i on i.aanbieder_agb = p.aanbieder_agb and i.periode = p.periode
    left join uitstroom as u on u.aanbieder_agb = p.aanbieder_agb and u.periode = p.periode
    where d.voorgaande_periode in (select periode from periodes)
),

starts as (
    select
        aanbieder_agb,
        cast(year(toegewezen_vanaf) as integer) as jaar,
        toegewezen_vanaf,
        greatest(0, datediff('day', toegewezen_vanaf, zorg_begindatum)) as dagen_tot_start
    from intermediate.int_toewijzing_start_levering
    where not is_vervolg and zorg_begindatum is not null
),

doorlooptijd as (
    select
        aanbieder_agb,
        periode,
        count(*) as aantal_gestart,
        median(dagen_tot_start) as mediaan_dagen_tot_start
    from (
        select *, cast(jaar as varchar) as periode from starts
        union all
        select
            *,
            cast(jaar as varchar) || '-H' || if(month(toegewezen_vanaf) <= 6, '1', '2') as periode
        from starts
    ) as starts_per_periode
    group by aanbieder_agb, periode
),

meldingen as (
    select
        aanbieder_agb,
        periode,
        count(*) filter (where soort like 'klacht%') as aantal_klachten,
        count(*) filter (where soort like 'calamit%') as aantal_calamiteiten,
        avg(waarde) filter (where soort like 'cli_ntervaring%') as clientervaring
    from (
        select *, cast(jaar as varchar) as periode from stg.stg_meldingen
        union all
        select *, cast(jaar as varchar) || '-H' || if(month(datum) <= 6, '1', '2') as periode
        from stg.stg_meldingen
    ) as meldingen_per_periode
    group by aanbieder_agb, periode
),

jaren_met_meldingen as (
    select distinct jaar from stg.stg_meldingen
),

verantwoording as (
    select aanbieder_agb, jaar, cast(sum(bedrag_eur) as decimal(18, 2)) as verantwoord_eur
    from stg.stg_verantwoording
    group by aanbieder_agb, jaar
),

wachttijden_per_periode as (
    select *, cast(jaar as varchar) as periode from stg.stg_wachttijden
    union all
    select *, cast(jaar as varchar) || '-H' || if(month(peildatum) <= 6, '1', '2') as periode
    from stg.stg_wachttijden
),

-- The last peildatum in the period (per provider), summed over gemeenten and percelen.
laatste_peildatum as (
    select * from wachttijden_per_periode
    qualify peildatum = max(peildatum) over (partition by aanbieder_agb, periode)
),

wachttijden as (
    select
        aanbieder_agb,
        periode,
        sum(aantal_wachtenden) as aantal_wachtenden,
        sum(aantal_wachtenden * gemiddelde_wachttijd_dagen)
        / nullif(sum(aantal_wachtenden) filter (where gemiddelde_wachttijd_dagen is not null), 0)
            as gemiddelde_wachttijd_dagen
    from laatste_peildatum
    group by aanbieder_agb, periode
),

hoofdperceel as (
    select aanbieder_agb, jaar, naam, hoofdperceel from marts.mart_cm_profiel
),

basis as (
    select
        p.aanbieder_agb,
        h.naam,
        p.periode,
        d.jaar,
        d.vorig_jaar_periode,
        d.voorgaande_periode,
        h.hoofdperceel,
        p.gedeclareerd_eur,
        p.aantal_clienten,
        v.gedeclareerd_eur as vorig_jaar_eur,
        v.aantal_clienten as vorig_jaar_clienten,
        case when v.gedeclareerd_eur > 0 then p.gedeclareerd_eur / v.gedeclareerd_eur - 1 end
            as groei,
        p.realisatiegraad,
        s.instroom,
        s.uitstroom,
        coalesce(t.aantal_gestart, 0) as aantal_gestart,
        t.mediaan_dagen_tot_start,
        if(j.jaar is null, null, 100.0 * coalesce(m.aantal_klachten, 0) / p.aantal_clienten)
            as klachten_per_100_clienten,
        if(j.jaar is null, null, 100.0 * coalesce(m.aantal_calamiteiten, 0) / p.aantal_clienten)
            as calamiteiten_per_100_clienten,
        m.clientervaring,
        r.aanbieder_agb is not null as heeft_verantwoording,
        r.verantwoord_eur,
        w.aantal_wachtenden,
        w.gemiddelde_wachttijd_dagen
    from productie as p
    inner join periodes as d on d.periode = p.periode
    left join hoofdperceel as h on h.aanbieder_agb = p.aanbieder_agb and h.jaar = d.jaar
    left join productie as v on v.aanbieder_agb = p.aanbieder_agb
        and v.periode = d.vorig_jaar_periode
    left join stroom as s on s.aanbieder_agb = p.aanbieder_agb and s.periode = p.periode
    left join doorlooptijd as t on t.aanbieder_agb = p.aanbieder_agb and t.periode = p.periode
    left join meldingen as m on m.aanbieder_agb = p.aanbieder_agb and m.periode = p.periode
    left join jaren_met_meldingen as j on j.jaar = d.jaar
    left join verantwoording as r on r.aanbieder_agb = p.aanbieder_agb and r.jaar = d.jaar
    left join wachttijden as w on w.aanbieder_agb = p.aanbieder_agb and w.periode = p.periode
),

-- The peer medians without the provider itself, from one sorted list per periode and
-- hoofdperceel (mediaan_zonder_zelf) instead of joining every provider to every other one:
-- with thousands of providers per hoofdperceel that join did not fit in memory (#14).
peergroepen as (
    select
        periode,
        hoofdperceel,
        count(*) as aantal,
        list_sort(list(mediaan_dagen_tot_start) filter (
            where mediaan_dagen_tot_start is not null
        )) as dagen_tot_start,
        list_sort(list(klachten_per_100_clienten) filter (
            where klachten_per_100_clienten is not null
        )) as klachten,
        list_sort(list(calamiteiten_per_100_clienten) filter (
            where calamiteiten_per_100_clienten is not null
        )) as calamiteiten,
        list_sort(list(clientervaring) filter (where clientervaring is not null)) as ervaring,
        list_sort(list(realisatiegraad) filter (where realisatiegraad is not null)) as realisatie,
        list_sort(list(groei) filter (where groei is not null)) as groei,
        list_sort(list(gemiddelde_wachttijd_dagen) filter (
            where gemiddelde_wachttijd_dagen is not null
        )) as wachttijd
    from basis
    where hoofdperceel is not null
    group by periode, hoofdperceel
),

peers as (
    select
        z.aanbieder_agb,
        z.periode,
        coalesce(g.aantal - 1, 0) as aantal_peers,
        mediaan_zonder_zelf(g.dagen_tot_start, z.mediaan_dagen_tot_start)
            as peer_mediaan_dagen_tot_start,
        mediaan_zonder_zelf(g.klachten, z.klachten_per_100_clienten)
            as peer_klachten_per_100_clienten,
        mediaan_zonder_zelf(g.calamiteiten, z.calamiteiten_per_100_clienten)
            as peer_calamiteiten_per_100_clienten,
        mediaan_zonder_zelf(g.ervaring, z.clientervaring) as peer_clientervaring,
        mediaan_zonder_zelf(g.realisatie, z.realisatiegraad) as peer_realisatiegraad,
        mediaan_zonder_zelf(g.groei, z.groei) as peer_groei,
        mediaan_zonder_zelf(g.wachttijd, z.gemiddelde_wachttijd_dagen)
            as peer_gemiddelde_wachttijd_dagen
    from basis as z
    left join peergroepen as g on g.periode = z.periode and g.hoofdperceel = z.hoofdperceel
),

final as (
    select
        b.*,
        p.aantal_peers,
        p.peer_mediaan_dagen_tot_start,
        p.peer_klachten_per_100_clienten,
        p.peer_calamiteiten_per_100_clienten,
        p.peer_clientervaring,
        p.peer_realisatiegraad,
        p.peer_groei,
        p.peer_gemiddelde_wachttijd_dagen
    from basis as b
    left join peers as p on p.aanbieder_agb = b.aanbieder_agb and p.periode = b.periode
)

select * from final
