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
-- bronnen: int_spk_regelsignalen (regels en materialiteit gedeeld met SPK01–SPK04)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with signalen as (
    select * from intermediate.int_spk_regelsignalen where indicator = 'SPK02'
),

final as (
    select
        s.signaal_id,
        s.indicator,
        'spookzorg' as categorie,
        s.aanbieder_agb,
        s.jaar,
        null as gemeentecode,
        null as perceel,
        null as productcode,
        s.aandeel_onrechtmatig as waarde,
        null as referentiewaarde,
        s.aandeel_onrechtmatig as afwijking,
        s.onrechtmatig_eur as financieel_belang,
        s.aantal_clienten,
        s.gemarkeerd,
        1.0 as sterkte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        s.aantal_regels || ' declaratieregels voor ' || s.aantal_clienten
            || ' cliënten vallen (deels) buiten de toewijzing of na het einde van de zorg: '
            || euro_tekst(s.onrechtmatig_eur) || ' ('
            || procent_tekst(s.aandeel_onrechtmatig)
            || ' van de declaraties); ' || s.regels_buiten_periode
            || ' buiten de toewijzingsperiode (9307/9308), ' || s.regels_na_einde_zorg
            || ' na de stop van de zorg (307-bericht).' as toelichting
    from signalen as s
)

select * from final
