-- doel: de cijfers van de kaart per gemeente: cliënten per 1.000 inwoners (waar de gemeenten-
--   tabel inwoners heeft), euro's per cliënt en de groei van cliënten en euro's t.o.v. het
--   vorige jaar; de gemeenten van de regio zijn de gemeenten met declaraties (de kaart kleurt
--   alleen die, de rest van Nederland blijft grijs)
-- grain: één rij per gemeente × jaar × perceel (perceel leeg = alle percelen)
-- sleutel: gemeentecode, jaar, perceel (leeg = alle percelen)
-- bronnen: mart_dash_clienten (dezelfde unieke tellingen als clienten_telling, zodat de
--   afscherming van contractmanagement en control dezelfde cel beslist), stg_gemeenten
-- toelichting: cliënten van een gemeente zijn uniek geteld binnen de gemeente (een cliënt in
--   twee percelen telt één keer bij 'alle percelen'). groei = dit jaar / vorig jaar − 1, leeg
--   zonder vorig jaar. Het harde onrechtmatige geld staat niet hier maar per signaal in
--   onrechtmatig_per_gemeente: de querylaag laat daar signalen in onderzoek weg voor
--   contractmanagement.
with telling as (
    select jaar, gemeentecode, perceel, aantal_clienten, gedeclareerd_eur
    from marts.mart_dash_clienten
    where maand is null and gemeentecode is not null
),

gemeenten as (
    select gemeentecode, naam, inwoners
    from stg.stg_gemeenten
),

final as (
    select
        t.gemeentecode,
        g.naam,
        t.jaar,
        t.perceel,
        g.inwoners,
        t.aantal_clienten,
        t.gedeclareerd_eur,
        v.aantal_clienten as aantal_clienten_vorig_jaar,
        v.gedeclareerd_eur as gedeclareerd_eur_vorig_jaar,
        case
            when g.inwoners > 0
                then cast(t.aantal_clienten * 1000.0 / g.inwoners as decimal(10, 2))
        end as clienten_per_1000_inwoners,
        case
            when t.aantal_clienten > 0
                then cast(t.gedeclareerd_eur / t.aantal_clienten as decimal(18, 2))
        end as eur_per_client,
        case
            when v.aantal_clienten > 0
                then t.aantal_clienten / v.aantal_clienten - 1
        end as groei_clienten,
        case
            when v.gedeclareerd_eur > 0
                then cast(t.gedeclareerd_eur / v.gedeclareerd_eur - 1 as double)
        end as groei_gedeclareerd
    from telling as t
    left join gemeenten as g on g.gemeentecode = t.gemeentecode
    left join telling as v
        on v.gemeentecode = t.gemeentecode and v.jaar = t.jaar - 1
        and v.perceel is not distinct from t.perceel
)

select * from final
