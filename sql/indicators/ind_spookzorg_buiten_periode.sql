-- code: SPK02
-- naam: Declaratie buiten de toewijzingsperiode of na het einde van de zorg
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: Euro's op staande declaratieregels waarvan de productperiode (deels) buiten de
--   ingangs- en einddatum van de toewijzing valt, of na de stopdatum van de zorg uit het
--   stopbericht (307). Alleen het deel van de periode buiten de toewijzing of na de stop telt
--   als onrechtmatig bedrag. Een open einddatum van de toewijzing begrenst niets.
-- waarom: Na het einde van de toewijzing of van de zorg is er geen zorg meer toegekend of
--   geleverd; doordeclareren op een oud toewijzingnummer is een bekend spookzorgpatroon.
-- drempels: gemarkeerd bij minstens materieel_min_eur én materieel_min_aandeel van de eigen
--   declaraties in het jaar, of altijd boven materieel_altijd_eur.
--   Ook gemarkeerd als voortzetting: het jaar ervoor of erna is materieel (int_regelsignalen).
-- bron: iWmo TR307/TR308 (retourcodes 9307/9308); stopbericht 307 (WMO588, OP364: signaal,
--   geen afwijzing); indicatorcatalogus A2/B2.
-- bronnen: int_regelsignalen (bedragen en materialiteit gedeeld met alle regelsignalen)
-- grain: één rij per aanbieder × jaar met minstens één zulke regel
-- sleutel: aanbieder_agb, jaar
with final as (
    select
        * exclude (indicator),
        aantal_tekst(aantal_regels, 'declaratieregel', 'declaratieregels') || ' voor '
            || aantal_tekst(aantal_clienten, 'cliënt', 'cliënten')
            || case when aantal_regels = 1 then ' valt' else ' vallen' end
            || ' (deels) buiten de toewijzing of na het einde van de zorg: '
            || euro_tekst(financieel_belang) || ' ('
            || procent_tekst(waarde)
            || ' van de declaraties); ' || regels_buiten_periode
            || ' buiten de toewijzingsperiode (9307/9308), ' || regels_na_einde_zorg
            || ' na de stop van de zorg (307-bericht).'
            || voortzetting_tekst(voortzetting_jaren) as toelichting
    from intermediate.int_regelsignalen
    where indicator = 'SPK02'
)

select * from final
