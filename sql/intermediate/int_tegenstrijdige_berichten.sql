-- doel: berichten die elkaar tegenspreken, elk met de berichten die botsen in gewone taal; een
--   signaal, nooit een reden om een declaratie te laten vallen of te wijzigen (OP364)
-- grain: één rij per tegenstrijdigheid: een soort × het bericht dat een ander bericht tegenspreekt
--   (een declaratieregel, een start- of stopmelding, een antwoordregel van de gemeente)
-- sleutel: soort, bron, bestand_id, regelnummer
-- bronnen: int_declaratieregels_status, int_toewijzing_historie, stg_toewijzingen,
--   int_zorgperiodes_geldig, stg_zorgperiodes, stg_declaratie_antwoorden, stg_declaraties
-- parameters: tegenspraak_aanloop_dagen
-- toelichting: vijf soorten.
--   declaratie_na_intrekking  een staande debetregel (niet afgewezen door de gemeente) voor
--                     dagen die een eerdere versie van de toewijzing gaf, maar die een latere 301
--                     introk: de geldende versie eindigt eerder dan een eerdere versie (de
--                     dagen tussen de nieuwe en de verste eerdere einddatum), of de geldende
--                     versie heeft RedenWijziging 13 "Verwijderd" (de hele periode; iWmo TR384,
--                     retourcode 9384). Alleen regels van dezelfde cliënt en aanbieder als de
--                     toewijzing (anders is het SPK01). na_intrekking_eur is het bedrag van die
--                     dagen naar rato; onrechtmatig_eur het deel daarvan dat geen ander
--                     regelsignaal al telt (het onrechtmatige bedrag van de regel en het bedrag
--                     boven het contracttarief gaan eraf), zodat geen euro twee keer meetelt.
--                     is_ingediend_na_intrekking: de declaratiedatum ligt op of na de
--                     toewijzingsdatum van de versie die introk (leeg = onbekend).
--   melding_zonder_toewijzing  een geldende start (305) of stop (307) voor een toewijzingnummer
--                     dat geen 301 van die gemeente ooit toewees, of dat bij een andere
--                     aanbieder of cliënt hoort (iWmo TR019, retourcode 9019).
--   antwoord_zonder_declaratie  een antwoord van de gemeente (325) op een referentienummer dat
--                     de aanbieder nooit declareerde (geen debet- of creditregel met dat nummer).
--   stop_voor_start   een geldende stop (307) met een einddatum vóór de begindatum van de zorg:
--                     zijn eigen begindatum of de vroegste geldende start (305) van dezelfde
--                     toewijzing bij dezelfde aanbieder en cliënt.
--   verwijdering_zonder_melding  een verwijdering (StatusAanlevering 3) die niets intrekt: er is
--                     geen eerdere aanlevering (1 of 2) met dezelfde sleutel, of die is al
--                     verwijderd (iWmo TR063, retourcode 9063).
--   Geladen gegevens beginnen ergens: een melding, antwoord of verwijdering kan horen bij een
--   bericht van vóór die tijd. Daarom telt een onbekend toewijzingnummer alleen als de melding
--   minstens tegenspraak_aanloop_dagen na de eerste geladen toewijzing (toewijzings- of
--   ingangsdatum) van die gemeente begint; een antwoord op een onbekende prestatie alleen als
--   de declaratie (declaratienummer) van het antwoord wel geladen is of het antwoord minstens zo
--   lang na de eerste geladen prestatie van die aanbieder bij die gemeente kwam; een verwijdering
--   zonder eerdere melding alleen zo lang na de eerste geladen melding van die gemeente. Zonder
--   geladen toewijzingen, declaraties of meldingen telt de soort niet (niets om tegen te toetsen).
--   jaar: van de prestatie, van de begindatum van de melding of van de antwoorddatum.
with historie as (
    select
        *,
        coalesce(einddatum, date '9999-12-31') as einde_of_open
    from intermediate.int_toewijzing_historie
),

-- (1) Per version: the furthest end any earlier version allocated, and the last version
-- without RedenWijziging 13.
met_eerder_einde as (
    select
        *,
        max(einde_of_open) over (
            partition by gemeentecode, toewijzingnummer
            order by versienummer
            rows between unbounded preceding and 1 preceding
        ) as eerder_verste_einde,
        max(case when reden_wijziging is distinct from '13' then versienummer end) over (
            partition by gemeentecode, toewijzingnummer
        ) as laatste_niet_verwijderd
    from historie
),

-- Every version next to the current one of its toewijzing.
naast_actueel as (
    select
        v.*,
        a.client_id as actueel_client_id,
        a.aanbieder_agb as actueel_aanbieder_agb,
        a.einddatum as actueel_einddatum,
        a.einde_of_open as actueel_einde_of_open,
        a.reden_wijziging = '13' as is_verwijderd
    from met_eerder_einde as v
    inner join met_eerder_einde as a
        on a.gemeentecode = v.gemeentecode
        and a.toewijzingnummer = v.toewijzingnummer
        and a.is_actueel
),

-- A toewijzing is (partly) withdrawn when the current version ends before an earlier version
-- did, or carries RedenWijziging 13. The withdrawal was sent with the first version that brought
-- the end back to the current one (or the first of the last run of 13s).
intrekkingen as (
    select
        gemeentecode,
        toewijzingnummer,
        any_value(actueel_client_id) as client_id,
        any_value(actueel_aanbieder_agb) as aanbieder_agb,
        any_value(actueel_einddatum) as einddatum,
        any_value(actueel_einde_of_open) as einde_of_open,
        any_value(is_verwijderd) as is_verwijderd,
        max(einde_of_open) filter (where not is_actueel) as eerder_verste_einde,
        min(toewijzingsdatum) filter (
            where einde_of_open <= actueel_einde_of_open
            and eerder_verste_einde > actueel_einde_of_open
        ) as ingekort_op,
        min(toewijzingsdatum) filter (
            where reden_wijziging = '13'
            and versienummer > coalesce(laatste_niet_verwijderd, 0)
        ) as verwijderd_op
    from naast_actueel
    group by gemeentecode, toewijzingnummer
),

ingetrokken as (
    select
        *,
        case when is_verwijderd then verwijderd_op else ingekort_op end as intrekkingsdatum,
        -- Reden 13 voids the whole toewijzing; a shortening only the days it took back.
        case when is_verwijderd then date '0001-01-01' else einddatum + 1 end
            as ingetrokken_vanaf,
        case when is_verwijderd then date '9999-12-31' else eerder_verste_einde end
            as ingetrokken_tot
    from intrekkingen
    where is_verwijderd or eerder_verste_einde > einde_of_open
),

declaratie_na_intrekking as (
    select
        r.*,
        i.is_verwijderd,
        i.intrekkingsdatum,
        i.einddatum as toewijzing_einddatum_nu,
        i.eerder_verste_einde,
        r.declaratiedatum >= i.intrekkingsdatum as is_ingediend_na_intrekking,
        datediff(
            'day',
            greatest(r.begindatum, i.ingetrokken_vanaf),
            least(r.einddatum, i.ingetrokken_tot)
        ) + 1 as dagen_na_intrekking,
        bedrag_naar_rato(
            r.bedrag_eur, r.begindatum, r.einddatum, r.aantal_dagen,
            i.ingetrokken_vanaf, i.ingetrokken_tot
        ) as na_intrekking_eur
    from intermediate.int_declaratieregels_status as r
    inner join ingetrokken as i
        on i.gemeentecode = r.gemeentecode
        and i.toewijzingnummer = r.toewijzingnummer
        and i.aanbieder_agb = r.aanbieder_agb
        and i.client_id = r.client_id
        and r.einddatum >= i.ingetrokken_vanaf
        and r.begindatum <= i.ingetrokken_tot
    -- A rejected line was not paid: nothing contradicts what was paid.
    where r.status <> 'afgewezen_door_gemeente'
),

soort_1 as (
    select
        'declaratie_na_intrekking' as soort,
        'declaratie' as bron,
        bestand_id,
        regelnummer,
        declaratieregel_id,
        aanbieder_agb,
        jaar,
        gemeentecode,
        client_id,
        toewijzingnummer,
        referentienummer,
        begindatum,
        einddatum,
        na_intrekking_eur,
        cast(least(na_intrekking_eur, onrechtmatig_eur + boven_contracttarief_eur)
            as decimal(18, 2)) as al_geteld_eur,
        cast(
            na_intrekking_eur
            - least(na_intrekking_eur, onrechtmatig_eur + boven_contracttarief_eur)
            as decimal(18, 2)
        ) as onrechtmatig_eur,
        is_ingediend_na_intrekking,
        case
            when is_verwijderd
                then 'declaratie op een toewijzing die de gemeente verwijderde (301 met '
                    || 'RedenWijziging 13' || coalesce(' van ' || intrekkingsdatum, '')
                    || '; iWmo TR384, retourcode 9384)'
            else 'declaratie voor ' || dagen_na_intrekking || ' dagen na '
                || toewijzing_einddatum_nu
                || ', de einddatum waarop een latere 301'
                || coalesce(' van ' || intrekkingsdatum, '')
                || ' de toewijzing beëindigde; een eerdere versie liep tot '
                || case
                    when eerder_verste_einde = date '9999-12-31' then 'een open einde'
                    else cast(eerder_verste_einde as varchar)
                end
        end
        || case
            when is_ingediend_na_intrekking then '; ingediend na de intrekking'
            when not is_ingediend_na_intrekking
                then '; ingediend vóór de intrekking (met terugwerkende kracht ingetrokken)'
            else ''
        end
        || '; ' || euro_tekst(na_intrekking_eur) || ' na de intrekking gedeclareerd'
        || case
            when least(na_intrekking_eur, onrechtmatig_eur + boven_contracttarief_eur) > 0
                then ', waarvan '
                    || euro_tekst(
                        least(na_intrekking_eur, onrechtmatig_eur + boven_contracttarief_eur)
                    )
                    || ' al meetelt in een ander signaal ('
                    || concat_ws(
                        '; ',
                        case when onrechtmatig_eur > 0 then coalesce(reden, status) end,
                        case
                            when boven_contracttarief_eur > 0
                                then euro_tekst(boven_contracttarief_eur)
                                || ' boven het contracttarief'
                        end
                    )
                    || ')'
            else ''
        end as toelichting
    from declaratie_na_intrekking
),

-- (2) Start and stop messages against every toewijzing any 301 allocated.
toegewezen as (
    select distinct gemeentecode, toewijzingnummer, aanbieder_agb, client_id
    from stg.stg_toewijzingen
),

nummer_elders as (
    select
        gemeentecode,
        toewijzingnummer,
        string_agg(distinct aanbieder_agb, ', ' order by aanbieder_agb) as aanbieders
    from stg.stg_toewijzingen
    group by gemeentecode, toewijzingnummer
),

venster_toewijzingen as (
    select
        gemeentecode,
        least(min(toewijzingsdatum), min(ingangsdatum)) as eerste_datum
    from stg.stg_toewijzingen
    group by gemeentecode
),

soort_2 as (
    select
        'melding_zonder_toewijzing' as soort,
        'zorgperiode' as bron,
        z.bestand_id,
        z.regelnummer,
        z.aanbieder_agb,
        year(z.begindatum) as jaar,
        z.gemeentecode,
        z.client_id,
        z.toewijzingnummer,
        z.begindatum,
        z.einddatum,
        case z.soort when 'start' then 'startmelding (305)' else 'stopmelding (307)' end
        || ' voor toewijzing ' || z.toewijzingnummer
        || case
            when e.toewijzingnummer is null then ', die geen 301 van gemeente ' || z.gemeentecode
                || ' ooit toewees'
            when not contains(', ' || e.aanbieders || ', ', ', ' || z.aanbieder_agb || ', ')
                then ', die gemeente ' || z.gemeentecode || ' aan aanbieder ' || e.aanbieders
                    || ' toewees'
            else ', die gemeente ' || z.gemeentecode || ' aan een andere cliënt toewees'
        end
        || ' (iWmo TR019, retourcode 9019)' as toelichting
    from intermediate.int_zorgperiodes_geldig as z
    left join toegewezen as t
        on t.gemeentecode = z.gemeentecode
        and t.toewijzingnummer = z.toewijzingnummer
        and t.aanbieder_agb = z.aanbieder_agb
        and (t.client_id = z.client_id or z.client_id is null)
    left join nummer_elders as e
        on e.gemeentecode = z.gemeentecode and e.toewijzingnummer = z.toewijzingnummer
    left join venster_toewijzingen as w on w.gemeentecode = z.gemeentecode
    where t.toewijzingnummer is null
        and (
            -- A number allocated to someone else is a contradiction whenever it was loaded;
            -- an unknown number only well inside the loaded 301s.
            e.toewijzingnummer is not null
            or z.begindatum
            >= w.eerste_datum + cast(getvariable('tegenspraak_aanloop_dagen') as integer)
        )
),

-- (3) Answers of the gemeente against every prestatie the provider declared (debet or credit).
gedeclareerd as (
    select distinct aanbieder_agb, referentienummer from stg.stg_declaraties
),

facturen as (
    select aanbieder_agb, declaratienummer, year(min(begindatum)) as jaar
    from stg.stg_declaraties
    group by aanbieder_agb, declaratienummer
),

venster_declaraties as (
    select aanbieder_agb, gemeentecode, min(begindatum) as eerste_datum
    from stg.stg_declaraties
    group by aanbieder_agb, gemeentecode
),

soort_3 as (
    select
        'antwoord_zonder_declaratie' as soort,
        'antwoord' as bron,
        a.bestand_id,
        a.regelnummer,
        a.aanbieder_agb,
        coalesce(year(a.antwoorddatum), f.jaar) as jaar,
        a.gemeentecode,
        a.referentienummer,
        a.antwoorddatum as begindatum,
        'antwoord van gemeente ' || a.gemeentecode || ' (325'
        || coalesce(' van ' || a.antwoorddatum, '') || ', '
        || case when a.is_toegekend then 'toegekend' else 'afgewezen' end
        || coalesce(', retourcode ' || nullif(a.retourcode, ''), '')
        || ') op prestatie ' || a.referentienummer || ', die deze aanbieder nooit declareerde'
        || case
            when f.declaratienummer is not null
                then ' (declaratie ' || f.declaratienummer || ' is wel geladen, zonder deze '
                    || 'prestatie)'
            else ''
        end as toelichting
    from stg.stg_declaratie_antwoorden as a
    left join gedeclareerd as d
        on d.aanbieder_agb = a.aanbieder_agb and d.referentienummer = a.referentienummer
    left join facturen as f
        on f.aanbieder_agb = a.aanbieder_agb and f.declaratienummer = a.declaratienummer
    left join venster_declaraties as w
        on w.aanbieder_agb = a.aanbieder_agb and w.gemeentecode = a.gemeentecode
    where d.referentienummer is null
        and (
            f.declaratienummer is not null
            or a.antwoorddatum
            >= w.eerste_datum + cast(getvariable('tegenspraak_aanloop_dagen') as integer)
        )
),

-- (4) Stops that end before the care began.
eerste_start as (
    select
        gemeentecode,
        aanbieder_agb,
        client_id,
        toewijzingnummer,
        min(begindatum) as begindatum
    from intermediate.int_zorgperiodes_geldig
    where soort = 'start'
    group by all
),

soort_4 as (
    select
        'stop_voor_start' as soort,
        'zorgperiode' as bron,
        z.bestand_id,
        z.regelnummer,
        z.aanbieder_agb,
        year(z.begindatum) as jaar,
        z.gemeentecode,
        z.client_id,
        z.toewijzingnummer,
        z.begindatum,
        z.einddatum,
        'stopmelding (307) met einddatum ' || z.einddatum
        || case
            when z.einddatum < z.begindatum
                then ' vóór zijn eigen begindatum ' || z.begindatum
            else ' vóór de begindatum ' || s.begindatum
                || ' van de zorg uit de geldende startmelding (305)'
        end as toelichting
    from intermediate.int_zorgperiodes_geldig as z
    left join eerste_start as s
        on s.gemeentecode = z.gemeentecode
        and s.aanbieder_agb = z.aanbieder_agb
        and s.client_id is not distinct from z.client_id
        and s.toewijzingnummer = z.toewijzingnummer
    where z.soort = 'stop'
        and (z.einddatum < z.begindatum or z.einddatum < s.begindatum)
),

-- (5) Deletions that delete nothing, in load order per key (as int_zorgperiodes_geldig).
meldingen_op_volgorde as (
    select
        *,
        lag(status_aanlevering) over sleutel as vorige_status,
        count(*) filter (where status_aanlevering in ('1', '2')) over (
            partition by gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum, soort
            order by bestand_id, regelnummer
            rows between unbounded preceding and 1 preceding
        ) as eerdere_aanleveringen,
        min(begindatum) over (partition by gemeentecode) as eerste_datum
    from stg.stg_zorgperiodes
    window sleutel as (
        partition by gemeentecode, aanbieder_agb, client_id, toewijzingnummer, begindatum, soort
        order by bestand_id, regelnummer
    )
),

soort_5 as (
    select
        'verwijdering_zonder_melding' as soort,
        'zorgperiode' as bron,
        bestand_id,
        regelnummer,
        aanbieder_agb,
        year(begindatum) as jaar,
        gemeentecode,
        client_id,
        toewijzingnummer,
        begindatum,
        einddatum,
        'verwijdering (StatusAanlevering 3) van een '
        || case soort when 'start' then 'startmelding (305)' else 'stopmelding (307)' end
        || ' voor toewijzing ' || toewijzingnummer || ' met begindatum ' || begindatum
        || case
            when eerdere_aanleveringen > 0 then ' die al verwijderd was'
            else ' die nooit is aangeleverd'
        end
        || ' (iWmo TR063, retourcode 9063)' as toelichting
    from meldingen_op_volgorde
    where status_aanlevering = '3'
        and (vorige_status is null or vorige_status = '3')
        and (
            eerdere_aanleveringen > 0
            or begindatum
            >= eerste_datum + cast(getvariable('tegenspraak_aanloop_dagen') as integer)
        )
),

final as (
    select * from soort_1
    union all by name
    select * from soort_2
    union all by name
    select * from soort_3
    union all by name
    select * from soort_4
    union all by name
    select * from soort_5
)

select * from final
