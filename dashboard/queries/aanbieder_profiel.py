"""Queries for Aanbieder (app_pages/aanbieder_profiel.py): one provider next to its peers."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from dashboard import cm_rapport, roles
from dashboard.queries.verbinding import Dataversie, gecachet, lees
from dashboard.queries.werkvoorraad import verborgen_signalen
from pipelines.exports.cm_gesprek import maanden_van
from pipelines.exports.cm_pakket import (
    MANAGEMENTINFORMATIE_SQL,
    ONDERAANNEMERS_SQL,
    PRODUCTIE_SQL,
)
from pipelines.exports.excel_cm_profiel import CmProfiel

# A signal the role may see now: `$verborgen` is werkvoorraad.verborgen_signalen(rol), read
# live from the beheeropslag (the cache key holds its version).
_ZICHTBAAR = "not list_contains(cast($verborgen as varchar[]), s.signaal_id)"


@gecachet
def aanbieders(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Providers that declared in the year, flagged ones first (if the role sees signals)."""
    if roles.ziet_signalen(rol):
        # Signals in investigation are not counted for contractmanagement (werkvoorraad.py).
        return lees(
            rol,
            ("cm_profiel", "risico", "signalen"),
            f"""
            with zichtbaar as (
                select s.aanbieder_agb, count(*) as aantal_signalen
                from signalen as s
                where s.jaar = $jaar and s.gemarkeerd and {_ZICHTBAAR}
                group by s.aanbieder_agb
            ),
            geteld as (
                select p.aanbieder_agb, p.naam, p.gedeclareerd_eur, r.rang,
                    case when len(cast($verborgen as varchar[])) = 0 then r.aantal_signalen
                        else coalesce(z.aantal_signalen, 0) end as aantal_signalen
                from cm_profiel as p
                left join risico as r on r.aanbieder_agb = p.aanbieder_agb and r.jaar = p.jaar
                left join zichtbaar as z on z.aanbieder_agb = p.aanbieder_agb
                where p.jaar = $jaar
            )
            select * from geteld
            order by coalesce(aantal_signalen, 0) > 0 desc, rang, naam
            """,
            {"jaar": jaar, "verborgen": verborgen_signalen(rol)},
        )
    return lees(
        rol,
        ("cm_profiel",),
        """
        select aanbieder_agb, naam, gedeclareerd_eur, null as rang, null as aantal_signalen
        from cm_profiel where jaar = $jaar order by naam
        """,
        {"jaar": jaar},
    )


@gecachet
def profiel(rol: str, dataversie: str, aanbieder: str) -> pl.DataFrame:
    """Every year of one provider's profile next to its peers (marts.mart_cm_profiel)."""
    return lees(
        rol,
        ("cm_profiel",),
        "select * from cm_profiel where aanbieder_agb = $aanbieder order by jaar",
        {"aanbieder": aanbieder},
    )


@gecachet
def per_maand(rol: str, dataversie: str, aanbieder: str) -> pl.DataFrame:
    return lees(
        rol,
        ("aanbieder_maand",),
        """
        select jaar, maand, gedeclareerd_eur, onrechtmatig_eur, aantal_clienten, aantal_regels,
            uren, realisatiegraad, is_afgeschermd, clienten_weergave
        from aanbieder_maand where aanbieder_agb = $aanbieder order by maand
        """,
        {"aanbieder": aanbieder},
    )


@gecachet
def mix(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    return lees(
        rol,
        ("aanbieder_mix",),
        """
        select perceel, intensiteit, productcodes, gedeclareerd_eur, aantal_clienten,
            aandeel_eur, peer_aandeel_eur, aantal_peers, is_afgeschermd, clienten_weergave
        from aanbieder_mix where aanbieder_agb = $aanbieder and jaar = $jaar
        order by perceel, intensiteit
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


@gecachet
def onderaannemers(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    return lees(
        rol,
        ("aanbieders", "cm_profiel"),
        """
        select a.aanbieder_agb, a.naam,
            -- 0 only for a subcontractor without a row that year; a shielded cell stays empty
            if(p.aanbieder_agb is null, 0, p.gedeclareerd_eur) as gedeclareerd_eur,
            if(p.aanbieder_agb is null, 0, p.aantal_clienten) as aantal_clienten,
            coalesce(p.is_afgeschermd, false) as is_afgeschermd, p.clienten_weergave
        from aanbieders as a
        left join cm_profiel as p on p.aanbieder_agb = a.aanbieder_agb and p.jaar = $jaar
        where a.hoofdaannemer_agb = $aanbieder
        order by gedeclareerd_eur desc nulls last, a.naam
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


@gecachet
def signalen_aanbieder(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    """The provider's signals; for contractmanagement without those in investigation, so the
    page, the CM-gesprek report and its export never mention them."""
    return lees(
        rol,
        ("signalen", "indicatoren"),
        f"""
        select s.signaal_id, s.indicator, coalesce(i.naam, s.indicator) as indicator_naam,
            s.categorie, s.gemarkeerd, s.financieel_belang, s.onrechtmatig_eur,
            s.geschat_belang_eur, s.waarde, s.referentiewaarde,
            s.sterkte, s.gemeentecode, s.perceel, s.productcode, s.toelichting,
            s.is_afgeschermd
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        where s.aanbieder_agb = $aanbieder and s.jaar = $jaar and {_ZICHTBAAR}
        order by s.gemarkeerd desc, s.financieel_belang desc, s.indicator
        """,
        {"aanbieder": aanbieder, "jaar": jaar, "verborgen": verborgen_signalen(rol)},
    )


@gecachet
def toegangssignalen(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    """Every signal of the toegang about the provider in the year (toezicht only: free text)."""
    return lees(
        rol,
        ("toegangssignalen",),
        """
        select datum, kwartaal, soort, omschrijving
        from toegangssignalen where aanbieder_agb = $aanbieder and jaar = $jaar
        order by datum, soort, omschrijving
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


@gecachet
def toegangssignalen_telling(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    """The signals of the toegang per kwartaal and soort; for contractmanagement a small count
    is empty (`aantal` null, `is_afgeschermd`), decided in the mart, not here."""
    return lees(
        rol,
        ("toegangssignalen_telling",),
        """
        select kwartaal, soort, aantal, is_afgeschermd
        from toegangssignalen_telling where aanbieder_agb = $aanbieder and jaar = $jaar
        order by soort, kwartaal
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


@gecachet
def cm_periode(rol: str, dataversie: str, aanbieder: str, periode: str) -> pl.DataFrame:
    """The CM-gesprek's agenda figures of one provider in a period (#13, sql/rollen.sql)."""
    return lees(
        rol,
        ("cm_periode",),
        "select * from cm_periode where aanbieder_agb = $aanbieder and periode = $periode",
        {"aanbieder": aanbieder, "periode": periode},
    )


@gecachet
def cm_productie(rol: str, dataversie: str, aanbieder: str, periode: str) -> pl.DataFrame:
    return lees(
        rol,
        ("cm_productie",),
        PRODUCTIE_SQL,
        {"aanbieder": aanbieder, "periode": periode},
    )


@gecachet
def cm_managementinformatie(
    rol: str, dataversie: str, aanbieder: str, periode: str
) -> pl.DataFrame:
    return lees(
        rol,
        ("cm_managementinformatie",),
        MANAGEMENTINFORMATIE_SQL,
        {"aanbieder": aanbieder, "periode": periode},
    )


@gecachet
def cm_onderaannemers(rol: str, dataversie: str, aanbieder: str, periode: str) -> pl.DataFrame:
    """The provider's subcontractors with their euros in the period, and the gemeente's akkoord
    with its period from `groep_leden` (table onderaannemers; 'onbekend' when the relation is
    only in aanbieders)."""
    return lees(
        rol,
        ("aanbieders", "cm_periode", "groep_leden"),
        ONDERAANNEMERS_SQL,
        {"aanbieder": aanbieder, "periode": periode},
    )


def cm_profiel(
    rol: str, dataversie: Dataversie, aanbieder: str, jaar: int, periode: str | None = None
) -> CmProfiel | None:
    """The figures of the CM-gesprek export (None when the provider has no row that year).

    With `periode` ('2025', '2025-H1', '2025-H2'; #13) the report has that period's agenda and
    its months; the same assembly as `signaalmonitor export cm-gesprekken`."""
    jaarrij = profiel(rol, dataversie.sleutel, aanbieder).filter(pl.col("jaar") == jaar)
    if jaarrij.is_empty():
        return None
    if periode is not None:
        eerste, laatste = maanden_van(periode)
        rij = cm_periode(rol, dataversie.sleutel, aanbieder, periode)
        if rij.is_empty():
            return None
        return cm_rapport.stel_samen(
            aanbieder=aanbieder,
            jaar=jaar,
            profiel=jaarrij.row(0, named=True),
            per_maand=per_maand(rol, dataversie.sleutel, aanbieder).filter(
                (pl.col("jaar") == jaar) & pl.col("maand").dt.month().is_between(eerste, laatste)
            ),
            mix=mix(rol, dataversie.sleutel, aanbieder, jaar),
            signalen=(
                signalen_aanbieder(rol, dataversie.sleutel, aanbieder, jaar)
                if roles.ziet_signalen(rol)
                else pl.DataFrame()
            ),
            onderaannemers=cm_onderaannemers(rol, dataversie.sleutel, aanbieder, periode),
            gegenereerd_op=datetime.now(),
            gegevens_tot=dataversie.laatste_lading_op,
            periode=periode,
            periode_rij=rij.row(0, named=True),
            productie=cm_productie(rol, dataversie.sleutel, aanbieder, periode),
            managementinformatie=cm_managementinformatie(
                rol, dataversie.sleutel, aanbieder, periode
            ),
        )
    return cm_rapport.stel_samen(
        aanbieder=aanbieder,
        jaar=jaar,
        profiel=jaarrij.row(0, named=True),
        per_maand=per_maand(rol, dataversie.sleutel, aanbieder).filter(pl.col("jaar") == jaar),
        mix=mix(rol, dataversie.sleutel, aanbieder, jaar),
        signalen=(
            signalen_aanbieder(rol, dataversie.sleutel, aanbieder, jaar)
            if roles.ziet_signalen(rol)
            else pl.DataFrame()
        ),
        onderaannemers=onderaannemers(rol, dataversie.sleutel, aanbieder, jaar),
        gegenereerd_op=datetime.now(),
        gegevens_tot=dataversie.laatste_lading_op,
    )


KWARTALEN = (1, 2, 3, 4)


def toegang_per_kwartaal(telling: pl.DataFrame) -> pl.DataFrame:
    """One row per soort with a column per kwartaal (`kwartaal_1` … `kwartaal_4`) and `totaal`.

    A kwartaal without signals is 0; a shielded count stays empty (null), and so does the total
    of a soort with a shielded kwartaal: a total would give the hidden count away.
    """
    soorten = sorted(set(telling["soort"].to_list()))
    rijen: list[dict[str, object]] = []
    for soort in soorten:
        van_soort = telling.filter(pl.col("soort") == soort)
        rij: dict[str, object] = {"soort": soort}
        afgeschermd = False
        totaal = 0
        for kwartaal in KWARTALEN:
            cel = van_soort.filter(pl.col("kwartaal") == kwartaal)
            if cel.is_empty():
                rij[f"kwartaal_{kwartaal}"] = 0
            elif cel["is_afgeschermd"][0] or cel["aantal"][0] is None:
                rij[f"kwartaal_{kwartaal}"] = None
                afgeschermd = True
            else:
                aantal = int(cel["aantal"][0])
                rij[f"kwartaal_{kwartaal}"] = aantal
                totaal += aantal
        rij["totaal"] = None if afgeschermd else totaal
        rijen.append(rij)
    schema: dict[str, pl.DataType | type[pl.DataType]] = {"soort": pl.String}
    schema |= {f"kwartaal_{k}": pl.Int64 for k in KWARTALEN}
    schema["totaal"] = pl.Int64
    return (
        pl.DataFrame(rijen, schema=schema, orient="row") if rijen else pl.DataFrame(schema=schema)
    )


@gecachet
def groep_leden(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    """Issue 13: every group the provider belongs to (its hoofdaannemer with the onderaannemers,
    its organisation by KvK number) with each member's figures, akkoord status and flagged
    signals. Signals come from the role's own signal view with the werkvoorraad filter, so
    contractmanagement never counts one in investigation; money stays split in hard
    (onrechtmatig_eur) and estimated (geschat_belang_eur)."""
    if not roles.mag_lezen(rol, "groep_leden"):
        return pl.DataFrame()
    return lees(
        rol,
        ("groep_leden", "signalen"),
        f"""
        with mijn_groepen as (
            select distinct groep_soort, groep_id from groep_leden
            where aanbieder_agb = $aanbieder
        ),
        zichtbaar as (
            select s.aanbieder_agb, count(*) as aantal_signalen,
                sum(s.onrechtmatig_eur) as onrechtmatig_eur,
                sum(s.geschat_belang_eur) as geschat_belang_eur
            from signalen as s
            where s.jaar = $jaar and s.gemarkeerd and {_ZICHTBAAR}
            group by s.aanbieder_agb
        )
        select l.groep_soort, l.groep_id, l.groep_naam, l.aanbieder_agb, l.naam,
            l.rol_in_groep, l.akkoord_status, l.akkoord_vanaf, l.akkoord_tot,
            l.gedeclareerd_eur, l.aantal_clienten, l.is_afgeschermd, l.clienten_weergave,
            coalesce(z.aantal_signalen, 0) as aantal_signalen,
            z.onrechtmatig_eur, z.geschat_belang_eur
        from groep_leden as l
        inner join mijn_groepen using (groep_soort, groep_id)
        left join zichtbaar as z on z.aanbieder_agb = l.aanbieder_agb
        where l.jaar = $jaar
        order by l.groep_soort, l.groep_id, l.rol_in_groep = 'hoofdaannemer' desc,
            l.gedeclareerd_eur desc nulls last, l.naam
        """,
        {"aanbieder": aanbieder, "jaar": jaar, "verborgen": verborgen_signalen(rol)},
    )
