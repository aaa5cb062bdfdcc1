-- code: SPK02
-- naam: Declaratie buiten de toewijzingsperiode of na het einde van de zorg
-- categorie: spookzorg
-- definitie: Euro's op staande declaratieregels waarvan de productperiode (deels) buiten de
--   ingangs- en einddatum van de toewijzing valt, of na de stopdatum van de zorg uit het
--   stopbericht (307). Alleen het deel van de periode buiten de toewijzing of na de stop telt
--   als onrechtmatig bedrag. Een open einddatum van de toewijzing begrenst niets.
-- waarom: Na het einde van de toewijzing of van de zorg is er geen zorg meer toegekend of
--   geleverd; doordeclareren op een oud toewijzingnummer is een bekend spookzorgpatroon.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
-- bron: iWmo TR307/TR308 (retourcodes 9307/9308); stopbericht 307 (WMO588, OP364: signaal,
--   geen afwijzing); indicatorcatalogus A2/B2.
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
with regels as (
    select *
    from intermediate.int_declaratieregels_status
    where status in ('buiten_periode', 'na_einde_zorg')
),

per_aanbieder as (
    select
        aanbieder_agb,
        jaar,
        sum(onrechtmatig_eur) as onrechtmatig_eur,
        count(*) as aantal_regels,
        count(distinct client_id) as aantal_clienten,
        count(*) filter (where status = 'buiten_periode') as regels_buiten_periode,
        count(*) filter (where status = 'na_einde_zorg') as regels_na_einde_zorg
    from regels
    group by aanbieder_agb, jaar
),

final as (
    select
        signaal_sleutel('SPK02', p.aanbieder_agb, p.jaar, null) as signaal_id,
        'SPK02' as indicator,
        'spookzorg' as categorie,
        p.aanbieder_agb,
        p.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0) as waarde,
        null as referentiewaarde,
        p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0) as afwijking,
        p.onrechtmatig_eur as financieel_belang,
        p.aantal_clienten,
        is_materieel(p.onrechtmatig_eur, o.gedeclareerd_eur) as gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        p.aantal_regels || ' declaratieregels voor ' || p.aantal_clienten
            || ' cliënten vallen (deels) buiten de toewijzing of na het einde van de zorg: '
            || euro_tekst(p.onrechtmatig_eur) || ' ('
            || procent_tekst(p.onrechtmatig_eur / nullif(o.gedeclareerd_eur, 0))
            || ' van de declaraties); ' || p.regels_buiten_periode
            || ' buiten de toewijzingsperiode (9307/9308), ' || p.regels_na_einde_zorg
            || ' na de stop van de zorg (307-bericht).' as toelichting
    from per_aanbieder as p
    inner join intermediate.int_aanbieder_jaar as o
        on o.aanbieder_agb = p.aanbieder_agb and o.jaar = p.jaar
)

select * from final
