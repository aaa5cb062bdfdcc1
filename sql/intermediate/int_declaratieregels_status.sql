-- doel: elke staande declaratieregel gekoppeld aan zijn toewijzing, met precies één status en het
--   onrechtmatige bedrag; de ruggengraat van de spookzorgsignalen, het bewijs en de euro's
-- grain: één rij per staande (niet gecrediteerde) debetregel
-- sleutel: declaratieregel_id
-- bronnen: int_declaraties_gesaldeerd, int_toewijzingen_actueel, int_zorgperiodes_per_toewijzing,
--   stg_producten, stg_tarieven, stg_declaratie_antwoorden
-- parameters: volume_tolerantie (relatief), tarief_tolerantie_eur
-- incrementeel: nee, de status van een oude regel hangt af van nieuwe leveringen: een nieuwe
--   versie van de toewijzing, een stop (307), een antwoord van de gemeente (325), een credit, een
--   latere overlappende regel (dubbel) en het cumulatieve volume; per bestand of per periode
--   bijwerken zou die veranderingen missen
-- toelichting: de status volgt de iWmo-controles in deze volgorde (de eerste die raakt, telt):
--   afgewezen_door_gemeente  de gemeente wees de prestatie af (WMO325, toegekend = 'nee', geen
--                     later antwoord 'ja' voor hetzelfde referentienummer van deze aanbieder):
--                     de regel staat in het bewijs, maar is niet betaald. Hij telt dus nooit als
--                     betaald, gedeclareerd-en-toegekend of onrechtmatig (onrechtmatig_eur 0), en
--                     doet niet mee in de toetsen op dubbel en volume (een herdeclaratie na een
--                     afwijzing is geen dubbele prestatie). Elk model dat euro's, cliënten of
--                     volume telt, laat deze status weg; int_aanbieder_jaar en de marts tonen
--                     het bedrag apart als afgewezen_eur. Een prestatie zonder antwoord is 'niet
--                     beantwoord' en telt als betaald (een 325 noemt in de praktijk alleen de
--                     afgewezen prestaties).
--   geen_toewijzing   9338 (TR338) geen toegewezen product voor deze cliënt en dit nummer
--   andere_aanbieder  9338 (TR338) de toewijzing hoort bij een andere aanbieder
--   ander_product     9339/9340/9341 (TR339-341) categorie, productcode of eenheid ≠ toewijzing
--   buiten_periode    9307/9308 (TR307/308) productperiode valt (deels) buiten de toewijzing
--   dubbel            8021 (TR314) of FAQ 3.2: tweede staande prestatie, zelfde cliënt, product
--                     en overlappende periode (een credit met herdeclaratie is géén dubbel)
--   na_einde_zorg     geen retourcode (OP364: regieberichten zijn niet voorwaardelijk): periode
--                     na de stopdatum uit het 307-bericht; een signaal, geen afwijzing
--   boven_volume      9321/9322/9369 (TR321/322/369) volume boven het maximum per periode (elke
--                     aangeraakte week of maand telt heel, IV077/IV078; afgerond op hele eenheden
--                     van de gedeclareerde eenheid), cumulatief (frequentie 6) of boven het budget
--   ok
--   onrechtmatig_eur is het deel van het bedrag dat zonder de afwijking niet betaald was: het hele
--   bedrag, het deel van de dagen buiten de toewijzing of na de stop, of het volume boven de
--   toewijzing maal het tarief; afgerond op centen met bedrag_op_centen (macros.sql: ROUND op
--   een DECIMAL, half van nul af), zodat een som van deze bedragen exact is.
with regels as not materialized (
    -- Read twice (the lines, and their date range for the tariffs) instead of materialising a
    -- copy of every line for two consumers.
    select * from intermediate.int_declaraties_gesaldeerd where rol = 'staand'
),

-- The gemeente's last answer per prestatie (referentienummer of this provider): a later 'ja'
-- overrules an earlier 'nee'.
antwoorden as (
    select
        aanbieder_agb,
        referentienummer,
        arg_max(toegekend, [
            coalesce(epoch(antwoorddatum), 0)::bigint, bestand_id::bigint, regelnummer::bigint
        ]) as laatste_toegekend,
        arg_max(retourcode, [
            coalesce(epoch(antwoorddatum), 0)::bigint, bestand_id::bigint, regelnummer::bigint
        ]) as laatste_retourcode,
        max(antwoorddatum) as laatste_antwoorddatum
    from stg.stg_declaratie_antwoorden
    group by aanbieder_agb, referentienummer
),

-- The line with its allocation, start/stop and answer. Read twice (the narrow copy of the tested
-- lines below, and the full lines once) and not materialised: a held copy of every line with
-- fifty columns spilled ~3,6 GB to disk at 5M lines under a 750 MB memory limit (×8 at 40M),
-- the two joins cost less than that copy. Same for eerste_toets.
gekoppeld as not materialized (
    select
        r.declaratieregel_id,
        r.bestand_id,
        r.regelnummer,
        r.declaratienummer,
        r.referentienummer,
        r.aanbieder_agb,
        r.gemeentecode,
        r.client_id,
        r.toewijzingnummer,
        r.productcategorie,
        r.productcode,
        r.begindatum,
        r.einddatum,
        r.aantal_dagen,
        r.jaar,
        r.maand,
        r.geleverd_volume,
        r.eenheid,
        r.producttarief_eur,
        r.ingediend_bedrag_eur as bedrag_eur,
        r.declaratiedatum,
        r.prijs_per_eenheid_eur,
        coalesce(a.laatste_toegekend = 'nee', false) as is_afgewezen_door_gemeente,
        case when a.laatste_toegekend = 'nee' then a.laatste_retourcode end
            as retourcode_gemeente,
        case when a.laatste_toegekend = 'nee' then a.laatste_antwoorddatum end
            as afwijzingsdatum,
        r.geleverd_volume * eenheid_factor(r.eenheid) as volume_basis,
        coalesce(p.perceel, t.perceel, 'Categorie ' || r.productcategorie) as perceel,
        p.intensiteit,
        t.toewijzingnummer is not null as toewijzing_gevonden,
        t.client_id as toewijzing_client_id,
        t.aanbieder_agb as toewijzing_aanbieder_agb,
        t.productcategorie as toewijzing_productcategorie,
        t.productcode as toewijzing_productcode,
        t.intensiteit as toewijzing_intensiteit,
        t.perceel as toewijzing_perceel,
        t.ingangsdatum as toewijzing_ingangsdatum,
        t.einddatum as toewijzing_einddatum,
        t.einddatum_of_open as toewijzing_einddatum_of_open,
        t.volume as toewijzing_volume,
        t.eenheid as toewijzing_eenheid,
        t.frequentie as toewijzing_frequentie,
        t.volume_basis as toewijzing_volume_basis,
        t.eenheid_dimensie as toewijzing_eenheid_dimensie,
        t.budget_eur as toewijzing_budget_eur,
        z.zorg_einddatum,
        z.eerste_begindatum as zorg_begindatum,
        z.toewijzingnummer is not null as heeft_startbericht
    from regels as r
    left join intermediate.int_toewijzingen_actueel as t
        on t.gemeentecode = r.gemeentecode and t.toewijzingnummer = r.toewijzingnummer
    left join intermediate.int_zorgperiodes_per_toewijzing as z
        on z.gemeentecode = r.gemeentecode and z.toewijzingnummer = r.toewijzingnummer
    left join stg.stg_producten as p on p.productcode = r.productcode
    left join antwoorden as a
        on a.aanbieder_agb = r.aanbieder_agb and a.referentienummer = r.referentienummer
),

-- The first four checks need nothing but the line and its allocation.
eerste_toets as not materialized (
    select
        *,
        greatest(
            0,
            datediff(
                'day',
                greatest(begindatum, toewijzing_ingangsdatum),
                least(einddatum, toewijzing_einddatum_of_open)
            ) + 1
        ) as dagen_binnen_toewijzing,
        case
            when not toewijzing_gevonden or toewijzing_client_id <> client_id
                then 'geen_toewijzing'
            when toewijzing_aanbieder_agb <> aanbieder_agb then 'andere_aanbieder'
            when toewijzing_productcategorie <> productcategorie
                or (toewijzing_productcode is not null and toewijzing_productcode <> productcode)
                or (toewijzing_eenheid is not null
                    and toewijzing_eenheid_dimensie <> eenheid_dimensie(eenheid))
                then 'ander_product'
            when begindatum < toewijzing_ingangsdatum or einddatum > toewijzing_einddatum_of_open
                then 'buiten_periode'
        end as harde_status,
        case
            when not toewijzing_gevonden and toewijzingnummer is null
                then '9338: prestatie zonder toewijzingnummer'
            when not toewijzing_gevonden then '9338: toewijzingnummer onbekend bij deze gemeente'
            when toewijzing_client_id <> client_id
                then '9338: toewijzing hoort bij een andere cliënt'
            when toewijzing_aanbieder_agb <> aanbieder_agb
                then '9338: toewijzing hoort bij aanbieder ' || toewijzing_aanbieder_agb
            when toewijzing_productcategorie <> productcategorie
                then '9339: productcategorie ' || productcategorie || ' ≠ toegewezen '
                    || toewijzing_productcategorie
            when toewijzing_productcode is not null and toewijzing_productcode <> productcode
                then '9340: productcode ' || productcode || ' ≠ toegewezen '
                    || toewijzing_productcode
            when toewijzing_eenheid is not null
                and toewijzing_eenheid_dimensie <> eenheid_dimensie(eenheid)
                then '9341: eenheid ' || eenheid || ' ≠ toegewezen ' || toewijzing_eenheid
            when begindatum < toewijzing_ingangsdatum
                then '9307: begindatum vóór ingangsdatum toewijzing ' || toewijzing_ingangsdatum
            when einddatum > toewijzing_einddatum_of_open
                then '9308: einddatum na einddatum toewijzing ' || toewijzing_einddatum
        end as harde_reden
    from gekoppeld
),

-- The checks below compare a line with other lines (dubbel, 8021, cumulative volume). They read
-- a narrow copy of the lines that passed the hard checks, so the only copy of every line that
-- is held (and at national scale spilled to disk) has a dozen columns instead of fifty; the
-- full lines stream once, from eerste_toets, and pick up the outcomes by declaratieregel_id
-- from the few lines that have one.
getoetst as materialized (
    select
        declaratieregel_id,
        bestand_id,
        regelnummer,
        referentienummer,
        aanbieder_agb,
        gemeentecode,
        client_id,
        toewijzingnummer,
        productcode,
        begindatum,
        einddatum,
        declaratiedatum,
        bedrag_eur,
        volume_basis,
        toewijzing_volume,
        toewijzing_frequentie,
        toewijzing_budget_eur
    from eerste_toets
    where harde_status is null and not is_afgewezen_door_gemeente
),

-- A referentienummer used more than once (8021), and below a period that overlaps another one:
-- both are rare, so the candidates are found by grouping a 64-bit hash of the key (a number,
-- cheap to group, small to hold) and only the candidates are grouped and ordered by the key
-- itself. Two keys with the same hash only add a candidate that the exact step then finds
-- unique: the outcome is that of grouping every line by its key.
herhaalde_referentiehashes as (
    select hash(aanbieder_agb, referentienummer) as sleutelhash
    from getoetst
    group by sleutelhash
    having count(*) > 1
),

-- The order among the lines of a repeated number: by declaratiedatum (nulls last), then
-- bestand_id and regelnummer. As a GROUP BY would, an empty referentienummer groups with the
-- other empty ones of the aanbieder.
herhaalde_regels as (
    select
        g.declaratieregel_id,
        count(*) over referentie as aantal_met_referentie,
        row_number() over (
            referentie order by g.declaratiedatum nulls last, g.bestand_id, g.regelnummer
        ) as referentie_volgnummer
    from getoetst as g
    semi join herhaalde_referentiehashes as h
        on h.sleutelhash = hash(g.aanbieder_agb, g.referentienummer)
    window referentie as (partition by g.aanbieder_agb, g.referentienummer)
),

-- A second prestatie overlaps an earlier one of the same client, provider and product, so the
-- two touch a common calendar month. Only lines that share a month with another line of the
-- same client, provider and product can be one: the running maximum of the earlier einddatum is
-- taken over those few lines instead of sorting every line. A line left out overlaps no other
-- line, so its einddatum lies before the begindatum of every later line it would have been
-- compared with: leaving it out changes no outcome.
regelmaanden as (
    select
        declaratieregel_id,
        hash(client_id, aanbieder_agb, productcode) as sleutelhash,
        unnest(range(
            year(begindatum) * 12 + month(begindatum), year(einddatum) * 12 + month(einddatum) + 1
        )) as maandnummer
    from getoetst
),

gedeelde_maanden as (
    select sleutelhash, maandnummer
    from regelmaanden
    group by sleutelhash, maandnummer
    having count(*) > 1
),

overlapkandidaten as (
    select distinct r.declaratieregel_id
    from regelmaanden as r
    semi join gedeelde_maanden as g
        on g.sleutelhash = r.sleutelhash and g.maandnummer = r.maandnummer
),

eerdere_einddata as (
    select
        g.declaratieregel_id,
        max(g.einddatum) over (
            partition by g.client_id, g.aanbieder_agb, g.productcode
            order by g.begindatum, g.declaratiedatum nulls last, g.bestand_id, g.regelnummer
            rows between unbounded preceding and 1 preceding
        ) as eerdere_einddatum
    from getoetst as g
    semi join overlapkandidaten as k on k.declaratieregel_id = g.declaratieregel_id
),

-- Cumulative checks (TR322 totaal, TR369 budget) only concern allocations with frequentie 6 or
-- a budget: running sums over those lines alone instead of a window over every line.
cumulatief as (
    select
        declaratieregel_id,
        sum(case when toewijzing_frequentie = '6' then volume_basis end) over (
            partition by gemeentecode, toewijzingnummer
            order by begindatum, declaratiedatum nulls last, bestand_id, regelnummer
            rows between unbounded preceding and current row
        ) as cumulatief_volume_basis,
        sum(case when toewijzing_volume is null then bedrag_eur end) over (
            partition by gemeentecode, toewijzingnummer
            order by begindatum, declaratiedatum nulls last, bestand_id, regelnummer
            rows between unbounded preceding and current row
        ) as cumulatief_bedrag_eur
    from getoetst
    where toewijzing_frequentie = '6'
        or (toewijzing_volume is null and toewijzing_budget_eur is not null)
),

-- Every line, with what the comparisons found for it; the columns of the soft checks stay
-- empty for a line that stopped at a hard check or that the gemeente rejected.
dubbel_toets as (
    select
        e.*,
        e.harde_status is null and not e.is_afgewezen_door_gemeente as is_getoetst,
        d.eerdere_einddatum,
        case when is_getoetst then coalesce(h.aantal_met_referentie, 1) end
            as aantal_met_referentie,
        case when is_getoetst then coalesce(h.referentie_volgnummer, 1) end
            as referentie_volgnummer,
        c.cumulatief_volume_basis,
        c.cumulatief_bedrag_eur
    from eerste_toets as e
    left join eerdere_einddata as d on d.declaratieregel_id = e.declaratieregel_id
    left join herhaalde_regels as h on h.declaratieregel_id = e.declaratieregel_id
    left join cumulatief as c on c.declaratieregel_id = e.declaratieregel_id
),

-- Two volumes per period. toegestaan_volume_basis is the allocation pro rata (per dag × dagen,
-- per week × dagen / 7, per maand × dagen / dagen in de maand): what full delivery means, the
-- base of the realisation. maximum_volume_basis is what TR321 allows (IV077/IV078): a week or
-- month that the period (within the toewijzing) touches counts whole, so 3 uur per week from
-- Tuesday 12 to Sunday 31 October allows 3 weeks × 3 = 9 uur, and a monthly volume may be
-- declared whole in a broken month. Only volume above the maximum is onrechtmatig.
-- Frequentie 6 is checked cumulatively over the toewijzing (TR322).
volume_toets as (
    select
        *,
        begindatum <= eerdere_einddatum or referentie_volgnummer > 1 as is_dubbel,
        case
            when not is_getoetst or toewijzing_volume is null then null
            when toewijzing_frequentie = '1' then toewijzing_volume_basis * dagen_binnen_toewijzing
            when toewijzing_frequentie = '2'
                then toewijzing_volume_basis * dagen_binnen_toewijzing / 7.0
            when toewijzing_frequentie = '4'
                then toewijzing_volume_basis * dagen_binnen_toewijzing / day(last_day(begindatum))
        end as toegestaan_volume_basis,
        case
            when not is_getoetst or toewijzing_volume is null or dagen_binnen_toewijzing = 0
                then null
            when toewijzing_frequentie = '1' then toewijzing_volume_basis * dagen_binnen_toewijzing
            when toewijzing_frequentie = '2' then toewijzing_volume_basis * (
                datediff(
                    'week',
                    date_trunc('week', greatest(begindatum, toewijzing_ingangsdatum)),
                    date_trunc('week', least(einddatum, toewijzing_einddatum_of_open))
                ) + 1
            )
            when toewijzing_frequentie = '4' then toewijzing_volume_basis * (
                datediff(
                    'month',
                    greatest(begindatum, toewijzing_ingangsdatum),
                    least(einddatum, toewijzing_einddatum_of_open)
                ) + 1
            )
        end as maximum_volume_basis
    from dubbel_toets
),

boven as (
    select
        *,
        case
            when not is_getoetst then null
            when toewijzing_frequentie = '6' then greatest(
                0, least(volume_basis, cumulatief_volume_basis - toewijzing_volume_basis)
            )
            -- Whole units: GeleverdVolume is an integer in the declared unit, so a maximum of
            -- 8,57 dagdelen allows 9 (one dagdeel above 8,57 is no real excess).
            when maximum_volume_basis is not null then greatest(
                0,
                volume_basis - greatest(
                    maximum_volume_basis * (1 + getvariable('volume_tolerantie')),
                    ceil(maximum_volume_basis / eenheid_factor(eenheid) - 0.000001)
                    * eenheid_factor(eenheid)
                )
            )
            else 0
        end as volume_boven_basis,
        case
            when not is_getoetst then null
            when cumulatief_bedrag_eur is not null
                then greatest(0, least(bedrag_eur, cumulatief_bedrag_eur - toewijzing_budget_eur))
            else 0
        end as bedrag_boven_budget_eur
    from volume_toets
),

-- Every line once, with its status: the gemeente's rejection first, then the hard checks, then
-- the soft ones.
met_status as (
    select
        *,
        case
            when is_afgewezen_door_gemeente then 'afgewezen_door_gemeente'
            when harde_status is not null then harde_status
            when is_dubbel then 'dubbel'
            when zorg_einddatum is not null and einddatum > zorg_einddatum then 'na_einde_zorg'
            when volume_boven_basis > 0.0001 or bedrag_boven_budget_eur > 0.005 then 'boven_volume'
            else 'ok'
        end as status
    from boven
),

-- The contract tariff valid on the first day of the period: the provider's own tariff when it
-- has one, else the regional one (TR418). Tariffs are few, so they are laid out per day over the
-- declared period range and found with a plain hash join; where periods overlap, the tariff
-- with the latest geldig_vanaf wins.
dagen as (
    select cast(unnest(generate_series(min(begindatum), max(begindatum), interval 1 day)) as date)
        as dag
    from regels
),

tarief_per_dag as (
    select
        t.productcode,
        coalesce(t.aanbieder_agb, '') as aanbieder_agb,
        d.dag,
        arg_max(t.tarief_eur, t.geldig_vanaf) as tarief_eur
    from stg.stg_tarieven as t
    inner join dagen as d on d.dag between t.geldig_vanaf and t.geldig_tot
    group by all
),

samengevoegd as (
    select
        e.*,
        coalesce(ta.tarief_eur, tr.tarief_eur) as contracttarief_eur
    from met_status as e
    left join tarief_per_dag as ta
        on ta.productcode = e.productcode
        and ta.aanbieder_agb = e.aanbieder_agb
        and ta.dag = e.begindatum
    left join tarief_per_dag as tr
        on tr.productcode = e.productcode
        and tr.aanbieder_agb = ''
        and tr.dag = e.begindatum
),

final as (
    select
        declaratieregel_id,
        bestand_id,
        regelnummer,
        declaratienummer,
        referentienummer,
        aanbieder_agb,
        gemeentecode,
        client_id,
        toewijzingnummer,
        productcategorie,
        productcode,
        perceel,
        intensiteit,
        begindatum,
        einddatum,
        aantal_dagen,
        jaar,
        maand,
        geleverd_volume,
        eenheid,
        producttarief_eur,
        prijs_per_eenheid_eur,
        bedrag_eur,
        declaratiedatum,
        status,
        is_afgewezen_door_gemeente,
        retourcode_gemeente,
        afwijzingsdatum,
        bedrag_op_centen(case status
            when 'geen_toewijzing' then bedrag_eur
            when 'andere_aanbieder' then bedrag_eur
            when 'ander_product' then bedrag_eur
            when 'buiten_periode'
                then bedrag_eur * (aantal_dagen - dagen_binnen_toewijzing) / aantal_dagen
            when 'dubbel' then case
                when aantal_met_referentie > 1 then bedrag_eur
                else bedrag_eur * (
                    datediff('day', begindatum, least(einddatum, eerdere_einddatum)) + 1
                ) / aantal_dagen
            end
            when 'na_einde_zorg' then bedrag_eur * least(
                aantal_dagen, datediff('day', greatest(begindatum - 1, zorg_einddatum), einddatum)
            ) / aantal_dagen
            when 'boven_volume' then least(
                bedrag_eur,
                -- prijs_per_eenheid: the tariff, or without one (eenheid 83/82) the amount
                -- per unit.
                volume_boven_basis / eenheid_factor(eenheid) * prijs_per_eenheid_eur
                + bedrag_boven_budget_eur
            )
            else 0
        end) as onrechtmatig_eur,
        case status
            when 'dubbel' then case
                when aantal_met_referentie > 1
                    then '8021: referentienummer ' || referentienummer || ' is vaker ingediend'
                else 'tweede staande prestatie voor dezelfde cliënt en product in een '
                    || 'overlappende periode (FAQ iWmo 3.2)'
            end
            when 'na_einde_zorg'
                then 'periode na de stop van de zorg op ' || zorg_einddatum
                    || ' (307-bericht; signaal, geen afwijzing: OP364)'
            when 'boven_volume' then case
                when bedrag_boven_budget_eur > 0.005 then '9369: cumulatief boven het budget'
                when toewijzing_frequentie = '6'
                    then '9322: cumulatief boven het toegewezen totaalvolume'
                else '9321: geleverd volume boven het toegewezen volume voor de periode'
            end
            when 'afgewezen_door_gemeente'
                then 'afgewezen door de gemeente (WMO325'
                    || coalesce(', retourcode ' || retourcode_gemeente, '')
                    || '): niet betaald'
            else harde_reden
        end as reden,
        toewijzing_productcode,
        toewijzing_intensiteit,
        toewijzing_perceel,
        toewijzing_ingangsdatum,
        toewijzing_einddatum,
        toewijzing_volume,
        toewijzing_eenheid,
        toewijzing_frequentie,
        toewijzing_aanbieder_agb,
        zorg_begindatum,
        zorg_einddatum,
        heeft_startbericht,
        volume_basis,
        toegestaan_volume_basis,
        maximum_volume_basis,
        case
            when toegestaan_volume_basis > 0 and is_inspanningsgericht(eenheid)
                and not is_afgewezen_door_gemeente
                then volume_basis / toegestaan_volume_basis
        end as realisatiegraad,
        contracttarief_eur,
        case
            -- Only a real tariff is compared (none for eenheid 83/82 without ProductTarief).
            when contracttarief_eur is not null
                and producttarief_eur is not null
                and not is_afgewezen_door_gemeente
                and producttarief_eur > contracttarief_eur + getvariable('tarief_tolerantie_eur')
                then bedrag_op_centen((producttarief_eur - contracttarief_eur) * geleverd_volume)
            else 0
        end as boven_contracttarief_eur
    from samengevoegd
)

-- The iWmo retourcode of the line as evidence carries it: the gemeente's own (WMO325), else the
-- code of the check that hit (the four digits the reason starts with: 9338, 8021, 9321, ...).
select
    *,
    coalesce(
        retourcode_gemeente, nullif(regexp_extract(reden, '^([0-9]{4}):', 1), '')
    ) as retourcode
from final
