-- doel: de geldende versie van elke toewijzing, met perceel, intensiteit en volume in basiseenheid
-- grain: één rij per gemeentecode × toewijzingnummer
-- sleutel: gemeentecode, toewijzingnummer
-- bronnen: stg_toewijzingen, stg_producten
-- toelichting: een gewijzigde toewijzing (nieuw 301-bericht, zelfde nummer) vervangt de oude;
--   de nieuwste toewijzingsdatum, daarna het laatst geladen bestand, wint.
with versies as (
    select
        *,
        row_number() over (
            partition by gemeentecode, toewijzingnummer
            order by toewijzingsdatum desc nulls last, bestand_id desc, regelnummer desc
        ) as versie_rang
    from stg.stg_toewijzingen
),

perceel_per_categorie as (
    select productcategorie, mode(perceel) as perceel
    from stg.stg_producten
    group by productcategorie
),

final as (
    select
        v.gemeentecode,
        v.toewijzingnummer,
        v.client_id,
        v.aanbieder_agb,
        v.productcategorie,
        v.productcode,
        v.ingangsdatum,
        v.einddatum,
        coalesce(v.einddatum, date '9999-12-31') as einddatum_of_open,
        v.volume,
        v.eenheid,
        v.frequentie,
        v.volume * eenheid_factor(v.eenheid) as volume_basis,
        eenheid_dimensie(v.eenheid) as eenheid_dimensie,
        v.budget_eur,
        v.toewijzingsdatum,
        v.reden_wijziging,
        coalesce(p.perceel, c.perceel, 'Categorie ' || v.productcategorie) as perceel,
        p.intensiteit,
        v.bestand_id,
        v.regelnummer
    from versies as v
    left join stg.stg_producten as p on p.productcode = v.productcode
    left join perceel_per_categorie as c on c.productcategorie = v.productcategorie
    where v.versie_rang = 1
)

select * from final
