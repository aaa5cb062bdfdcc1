"""The dashboard's only door to DuckDB: short-lived read-only connections, bound parameters.

Every read goes through `_lees()`, which
- refuses a role other than the one this server runs as (`roles.actieve_rol()`),
- refuses a view the role may not read (`roles.WEERGAVEN_PER_ROL`, a copy of sql/rollen.sql),
- opens a read-only connection whose search_path is the role's schema (`rol_<rol>`) only, and
  closes it again. The SQL below names views without a schema, so it can only ever reach what
  sql/rollen.sql put in that role's schema: a contractmanager's query for evidence rows finds
  no such view, and client rows never leave the server for that role.
Page files call these functions and never write SQL. Results are cached per `dataversie`
(last load and last run), so a new load or run shows up without a restart. The one write is a
reviewer's beoordeling, in a short transaction with retries (`bewaar_beoordeling`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import duckdb
import polars as pl
import streamlit as st

from dashboard import roles
from dashboard.roles import GeenToegang
from pipelines import privacy
from pipelines.exports.excel_cm_profiel import (
    CmProfiel,
    Kerncijfer,
    MaandCijfer,
    MixRegel,
    Onderaannemer,
    SignaalRegel,
)
from pipelines.sql_quote import sql_tekst

DB_ENV = "SIGNAALMONITOR_DB"
CACHE: dict[str, Any] = {"ttl": 3600, "max_entries": 256, "show_spinner": False}
POGINGEN = 6
BEOORDELING_STATUSSEN = (
    "open",
    "in onderzoek",
    "bevestigd",
    "verklaard (geen actie)",
    "afgehandeld",
)


class DatabaseBezig(Exception):
    """The CLI holds the write lock (ingest or run in progress)."""


class NietBeschikbaar(Exception):
    """A source the page needs has not been computed (yet) in this database."""


# ------------------------------------------------------------------------------------------
# Connections
# ------------------------------------------------------------------------------------------
def database_pad() -> Path:
    return Path(os.environ.get(DB_ENV) or "data/signaalmonitor.duckdb")


def database_bestaat() -> bool:
    return database_pad().is_file()


def _is_vergrendeld(fout: duckdb.Error) -> bool:
    tekst = str(fout).lower()
    return "lock" in tekst or "different configuration" in tekst


def _wacht(poging: int) -> None:
    # Back-off between attempts while another process or thread holds the file.
    time.sleep(0.05 * 2**poging)


@contextmanager
def _verbinding(rol: str, pogingen: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    if rol != roles.actieve_rol():
        raise GeenToegang("Deze gegevens horen niet bij de rol waarmee het dashboard draait.")
    schema = roles.schema(rol)  # a fixed identifier from roles.ROLLEN, never user input
    laatste: duckdb.Error | None = None
    for poging in range(pogingen or POGINGEN):
        try:
            con = duckdb.connect(str(database_pad()), read_only=True)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as fout:
            if not _is_vergrendeld(fout):
                raise
            laatste = fout
            _wacht(poging)
    else:
        raise DatabaseBezig(
            "De database wordt op dit moment bijgewerkt (signaalmonitor ingest of run). "
            "Probeer het over een minuut opnieuw."
        ) from laatste
    try:
        con.execute(f"SET search_path = {sql_tekst(schema)}")
        yield con
    finally:
        con.close()


def _lees(
    rol: str,
    weergaven: tuple[str, ...],
    sql: str,
    params: dict[str, Any] | None = None,
    pogingen: int | None = None,
) -> pl.DataFrame:
    for weergave in weergaven:
        if not roles.mag_lezen(rol, weergave):
            raise GeenToegang(
                f"De rol {roles.ROL_NAAM.get(rol, rol)} mag '{weergave}' niet inzien."
            )
    with _verbinding(rol, pogingen) as con:
        return con.sql(sql, params=params or {}).pl()


# ------------------------------------------------------------------------------------------
# State of the database: the cache key for everything below
# ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dataversie:
    toestand: Literal["geen_database", "niet_berekend", "klaar"]
    sleutel: str
    laatste_lading_op: datetime | None = None
    laatste_run_op: datetime | None = None


def dataversie(rol: str) -> Dataversie:
    """Changes whenever a file is loaded or a run publishes; uncached (one tiny query)."""
    if not database_bestaat():
        return Dataversie("geen_database", "geen-database")
    try:
        df = _lees(
            rol,
            ("laadregister", "runs"),
            """
            select
                (select max(bestand_id) from laadregister) as bestand,
                (select max(geladen_op) from laadregister) as geladen_op,
                (select max(run_id) from runs) as run,
                (select max(gestart_op) from runs) as run_op
            """,
            pogingen=3,  # the caller falls back on the previous version when the file is busy
        )
    except duckdb.CatalogException:
        # The role schemas are created by `signaalmonitor run`.
        return Dataversie("niet_berekend", "niet-berekend")
    rij = df.row(0, named=True)
    # The path is part of the key: two databases in one process never share cached results.
    return Dataversie(
        "klaar",
        f"{database_pad().resolve()}|{rij['bestand']}|{rij['geladen_op']}|{rij['run']}",
        rij["geladen_op"],
        rij["run_op"],
    )


# ------------------------------------------------------------------------------------------
# Filters
# ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filteropties:
    jaren: tuple[int, ...]
    gemeenten: tuple[tuple[str, str], ...]
    percelen: tuple[str, ...]
    regio: str | None = None


@st.cache_data(**CACHE)
def filteropties(rol: str, dataversie: str) -> Filteropties:
    jaren = _lees(rol, ("trends",), "select distinct jaar from trends order by jaar desc")
    gemeenten = _lees(
        rol,
        ("trends",),
        "select gemeentecode, any_value(gemeente) as gemeente from trends "
        "group by gemeentecode order by gemeente",
    )
    percelen = _lees(rol, ("trends",), "select distinct perceel from trends order by perceel")
    regio = _lees(
        rol,
        ("gemeenten", "trends"),
        "select mode(g.regio) as regio from gemeenten as g "
        "where g.gemeentecode in (select gemeentecode from trends)",
    )
    return Filteropties(
        tuple(int(j) for j in jaren["jaar"].to_list()),
        tuple(
            zip(gemeenten["gemeentecode"].to_list(), gemeenten["gemeente"].to_list(), strict=True)
        ),
        tuple(percelen["perceel"].to_list()),
        regio["regio"][0] if regio.height else None,
    )


# Shared SQL fragments: "provider active in the filter" and "signal applies to the filter".
_ACTIEF = """
    select distinct aanbieder_agb from aanbieder_activiteit
    where jaar = $jaar
        and ($gemeente is null or gemeentecode = $gemeente)
        and ($perceel is null or perceel = $perceel)
"""
_SIGNAAL_IN_FILTER = """
    s.jaar = $jaar and s.gemarkeerd
    and ($gemeente is null or s.gemeentecode is null or s.gemeentecode = $gemeente)
    and ($perceel is null or s.perceel is null or s.perceel = $perceel)
    and s.aanbieder_agb in (select aanbieder_agb from actief)
"""


def _filter(jaar: int | None, gemeente: str | None, perceel: str | None) -> dict[str, Any]:
    return {"jaar": jaar, "gemeente": gemeente, "perceel": perceel}


# ------------------------------------------------------------------------------------------
# Overzicht
# ------------------------------------------------------------------------------------------
@st.cache_data(**CACHE)
def omvang(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> dict[str, Any]:
    """Euros, unique clients and providers in the filter for the year and the year before."""
    df = _lees(
        rol,
        ("clienten_telling",),
        """
        select jaar, gedeclareerd_eur, aantal_clienten, aantal_aanbieders
        from clienten_telling
        where jaar in ($jaar, $jaar - 1) and maand is null
            and gemeentecode is not distinct from $gemeente
            and perceel is not distinct from $perceel
        """,
        _filter(jaar, gemeente, perceel),
    )
    huidig = df.filter(pl.col("jaar") == jaar)
    vorig = df.filter(pl.col("jaar") == jaar - 1)
    return {
        "gedeclareerd_eur": float(huidig["gedeclareerd_eur"][0]) if huidig.height else 0.0,
        "aantal_clienten": int(huidig["aantal_clienten"][0]) if huidig.height else 0,
        "aantal_aanbieders": int(huidig["aantal_aanbieders"][0]) if huidig.height else 0,
        "vorig_jaar_eur": float(vorig["gedeclareerd_eur"][0]) if vorig.height else None,
        "clienten_vorig_jaar": int(vorig["aantal_clienten"][0]) if vorig.height else None,
    }


@st.cache_data(**CACHE)
def kpis(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> dict[str, Any]:
    basis = omvang(rol, dataversie, jaar, gemeente, perceel)
    signalen = _lees(
        rol,
        ("signalen", "aanbieder_activiteit", "signalen_eerst_gezien", "laadregister"),
        f"""
        with actief as ({_ACTIEF}),
        gezien as (
            select
                signaal_id,
                bestand_id_bij_eerste_keer
                    = (select max(bestand_id) from laadregister) as is_nieuw,
                (select count(distinct bestand_id_bij_eerste_keer) from signalen_eerst_gezien) > 1
                    as heeft_vorige_lading
            from signalen_eerst_gezien
        )
        select
            coalesce(sum(s.financieel_belang), 0) as financieel_belang,
            count(distinct s.aanbieder_agb) as aanbieders,
            count(*) as signalen,
            count(*) filter (where g.is_nieuw) as nieuw,
            coalesce(bool_or(g.heeft_vorige_lading), false) as heeft_vorige_lading
        from signalen as s
        left join gezien as g on g.signaal_id = s.signaal_id
        where {_SIGNAAL_IN_FILTER}
        """,
        _filter(jaar, gemeente, perceel),
    )
    s = signalen.row(0, named=True)
    return {
        **basis,
        "financieel_belang": s["financieel_belang"],
        "aanbieders_gemarkeerd": s["aanbieders"],
        "signalen_gemarkeerd": s["signalen"],
        "nieuw": s["nieuw"],
        "heeft_vorige_lading": s["heeft_vorige_lading"],
    }


@st.cache_data(**CACHE)
def risicoranking(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """Flagged providers in rank order, with a monthly spend sparkline and their signals."""
    return _lees(
        rol,
        (
            "risico",
            "signalen",
            "indicatoren",
            "aanbieder_activiteit",
            "aanbieder_maand",
            "signalen_eerst_gezien",
            "laadregister",
        ),
        f"""
        with actief as ({_ACTIEF}),
        maanden as (
            select cast(m as date) as maand
            from generate_series(
                make_date($jaar, 1, 1), make_date($jaar, 12, 1), interval 1 month
            ) as t(m)
        ),
        verloop as (
            select a.aanbieder_agb, list(coalesce(am.gedeclareerd_eur, 0) order by m.maand)
                as verloop
            from actief as a
            cross join maanden as m
            left join aanbieder_maand as am
                on am.aanbieder_agb = a.aanbieder_agb and am.maand = m.maand
            group by a.aanbieder_agb
        ),
        nieuw as (
            select s.aanbieder_agb, count(*) as nieuw
            from signalen as s
            inner join signalen_eerst_gezien as g on g.signaal_id = s.signaal_id
            where s.jaar = $jaar and s.gemarkeerd
                and g.bestand_id_bij_eerste_keer = (select max(bestand_id) from laadregister)
                and (select count(distinct bestand_id_bij_eerste_keer)
                     from signalen_eerst_gezien) > 1
            group by s.aanbieder_agb
        )
        select
            r.rang,
            r.aanbieder_agb,
            r.naam,
            r.risicoscore,
            r.aantal_signalen,
            coalesce(n.nieuw, 0) as nieuw,
            r.categorieen,
            r.financieel_belang,
            r.gedeclareerd_eur,
            v.verloop,
            coalesce(i.naam, r.belangrijkste_indicator) as belangrijkste_indicator
        from risico as r
        inner join actief as a on a.aanbieder_agb = r.aanbieder_agb
        left join verloop as v on v.aanbieder_agb = r.aanbieder_agb
        left join nieuw as n on n.aanbieder_agb = r.aanbieder_agb
        left join indicatoren as i on i.indicator = r.belangrijkste_indicator
        where r.jaar = $jaar and r.aantal_signalen > 0
        order by r.rang
        """,
        _filter(jaar, gemeente, perceel),
    )


@st.cache_data(**CACHE)
def signalen_per_categorie(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    return _lees(
        rol,
        ("signalen", "aanbieder_activiteit"),
        f"""
        with actief as ({_ACTIEF})
        select s.categorie, count(*) as aantal_signalen,
            sum(s.financieel_belang) as financieel_belang
        from signalen as s
        where {_SIGNAAL_IN_FILTER}
        group by s.categorie
        order by financieel_belang desc
        """,
        _filter(jaar, gemeente, perceel),
    )


# ------------------------------------------------------------------------------------------
# Aanbieder
# ------------------------------------------------------------------------------------------
@st.cache_data(**CACHE)
def aanbieders(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Providers that declared in the year, flagged ones first (if the role sees signals)."""
    if roles.ziet_signalen(rol):
        return _lees(
            rol,
            ("cm_profiel", "risico"),
            """
            select p.aanbieder_agb, p.naam, p.gedeclareerd_eur, r.rang, r.aantal_signalen
            from cm_profiel as p
            left join risico as r on r.aanbieder_agb = p.aanbieder_agb and r.jaar = p.jaar
            where p.jaar = $jaar
            order by coalesce(r.aantal_signalen, 0) > 0 desc, r.rang, p.naam
            """,
            {"jaar": jaar},
        )
    return _lees(
        rol,
        ("cm_profiel",),
        """
        select aanbieder_agb, naam, gedeclareerd_eur, null as rang, null as aantal_signalen
        from cm_profiel where jaar = $jaar order by naam
        """,
        {"jaar": jaar},
    )


@st.cache_data(**CACHE)
def profiel(rol: str, dataversie: str, aanbieder: str) -> pl.DataFrame:
    """Every year of one provider's profile next to its peers (marts.mart_cm_profiel)."""
    return _lees(
        rol,
        ("cm_profiel",),
        "select * from cm_profiel where aanbieder_agb = $aanbieder order by jaar",
        {"aanbieder": aanbieder},
    )


@st.cache_data(**CACHE)
def per_maand(rol: str, dataversie: str, aanbieder: str) -> pl.DataFrame:
    return _lees(
        rol,
        ("aanbieder_maand",),
        """
        select jaar, maand, gedeclareerd_eur, onrechtmatig_eur, aantal_clienten, aantal_regels,
            uren, realisatiegraad
        from aanbieder_maand where aanbieder_agb = $aanbieder order by maand
        """,
        {"aanbieder": aanbieder},
    )


@st.cache_data(**CACHE)
def mix(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    return _lees(
        rol,
        ("aanbieder_mix",),
        """
        select perceel, intensiteit, productcodes, gedeclareerd_eur, aantal_clienten,
            aandeel_eur, peer_aandeel_eur, aantal_peers
        from aanbieder_mix where aanbieder_agb = $aanbieder and jaar = $jaar
        order by perceel, intensiteit
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


@st.cache_data(**CACHE)
def onderaannemers(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    return _lees(
        rol,
        ("aanbieders", "cm_profiel"),
        """
        select a.aanbieder_agb, a.naam, coalesce(p.gedeclareerd_eur, 0) as gedeclareerd_eur,
            coalesce(p.aantal_clienten, 0) as aantal_clienten
        from aanbieders as a
        left join cm_profiel as p on p.aanbieder_agb = a.aanbieder_agb and p.jaar = $jaar
        where a.hoofdaannemer_agb = $aanbieder
        order by gedeclareerd_eur desc, a.naam
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


@st.cache_data(**CACHE)
def signalen_aanbieder(rol: str, dataversie: str, aanbieder: str, jaar: int) -> pl.DataFrame:
    return _lees(
        rol,
        ("signalen", "indicatoren"),
        """
        select s.signaal_id, s.indicator, coalesce(i.naam, s.indicator) as indicator_naam,
            s.categorie, s.gemarkeerd, s.financieel_belang, s.waarde, s.referentiewaarde,
            s.sterkte, s.gemeentecode, s.perceel, s.productcode, s.toelichting
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        where s.aanbieder_agb = $aanbieder and s.jaar = $jaar
        order by s.gemarkeerd desc, s.financieel_belang desc, s.indicator
        """,
        {"aanbieder": aanbieder, "jaar": jaar},
    )


def cm_profiel(rol: str, dataversie: Dataversie, aanbieder: str, jaar: int) -> CmProfiel | None:
    """The figures of the CM-gesprek export: provider aggregates only, never client rows."""
    jaren = profiel(rol, dataversie.sleutel, aanbieder)
    rij_df = jaren.filter(pl.col("jaar") == jaar)
    if rij_df.is_empty():
        return None
    p = rij_df.row(0, named=True)
    maanden = per_maand(rol, dataversie.sleutel, aanbieder).filter(pl.col("jaar") == jaar)
    signalen = (
        signalen_aanbieder(rol, dataversie.sleutel, aanbieder, jaar)
        if roles.ziet_signalen(rol)
        else pl.DataFrame()
    )
    onder = onderaannemers(rol, dataversie.sleutel, aanbieder, jaar)
    return CmProfiel(
        aanbieder_agb=aanbieder,
        naam=p["naam"],
        jaar=jaar,
        gegenereerd_op=datetime.now(),
        gegevens_tot=dataversie.laatste_lading_op,
        peergroep=(
            f"{p['aantal_peers'] or 0} andere aanbieders met hoofdperceel {p['hoofdperceel']}"
        ),
        percelen=p["percelen"] or "",
        hoofdaannemer=(
            f"{p['hoofdaannemer_naam']} ({p['hoofdaannemer_agb']})"
            if p["hoofdaannemer_agb"]
            else None
        ),
        kerncijfers=[
            Kerncijfer("Gedeclareerd", p["gedeclareerd_eur"], p["peer_gedeclareerd_eur"], "eur"),
            Kerncijfer("Cliënten", p["aantal_clienten"], p["peer_aantal_clienten"], "getal"),
            Kerncijfer("Euro's per cliënt", p["euro_per_client"], p["peer_euro_per_client"], "eur"),
            Kerncijfer(
                "Realisatiegraad", p["realisatiegraad"], p["peer_realisatiegraad"], "aandeel"
            ),
            Kerncijfer("Groei t.o.v. vorig jaar", p["groei"], p["peer_groei"], "groei"),
            Kerncijfer("Uren zorg", p["uren"], None, "getal"),
        ],
        per_maand=[
            MaandCijfer(r["maand"], r["gedeclareerd_eur"], r["aantal_clienten"], r["uren"])
            for r in maanden.iter_rows(named=True)
        ],
        mix=[
            MixRegel(
                r["perceel"],
                r["intensiteit"],
                r["gedeclareerd_eur"],
                r["aandeel_eur"],
                r["peer_aandeel_eur"],
            )
            for r in mix(rol, dataversie.sleutel, aanbieder, jaar).iter_rows(named=True)
        ],
        signalen=[
            SignaalRegel(
                r["indicator"],
                r["indicator_naam"],
                r["categorie"],
                bool(r["gemarkeerd"]),
                r["financieel_belang"],
                r["toelichting"],
            )
            for r in signalen.iter_rows(named=True)
        ],
        onderaannemers=[
            Onderaannemer(r["aanbieder_agb"], r["naam"], r["gedeclareerd_eur"])
            for r in onder.iter_rows(named=True)
        ],
    )


# ------------------------------------------------------------------------------------------
# Signaal
# ------------------------------------------------------------------------------------------
@st.cache_data(**CACHE)
def signalen_keuze(
    rol: str, dataversie: str, jaar: int, aanbieder: str | None = None
) -> pl.DataFrame:
    return _lees(
        rol,
        ("signalen", "indicatoren", "aanbieders"),
        """
        select s.signaal_id, s.indicator, coalesce(i.naam, s.indicator) as indicator_naam,
            s.aanbieder_agb, coalesce(a.naam, s.aanbieder_agb) as naam, s.gemarkeerd,
            s.financieel_belang
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.jaar = $jaar and ($aanbieder is null or s.aanbieder_agb = $aanbieder)
        order by s.gemarkeerd desc, s.financieel_belang desc, s.signaal_id
        """,
        {"jaar": jaar, "aanbieder": aanbieder},
    )


@st.cache_data(**CACHE)
def signaal(rol: str, dataversie: str, signaal_id: str) -> dict[str, Any] | None:
    df = _lees(
        rol,
        ("signalen", "indicatoren", "aanbieders"),
        """
        select s.*, coalesce(a.naam, s.aanbieder_agb) as naam,
            coalesce(i.naam, s.indicator) as indicator_naam, i.definitie, i.waarom,
            i.drempels, i.bron as indicator_bron, i.grain
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.signaal_id = $signaal_id
        """,
        {"signaal_id": signaal_id},
    )
    return df.row(0, named=True) if df.height else None


MIN_PEERS_VERDELING = 3
# A signal id is a 16-character hash; a link with a longer value is not even looked up.
MAX_SIGNAAL_ID = 64


@st.cache_data(**CACHE)
def signaal_peers(
    rol: str,
    dataversie: str,
    indicator: str,
    jaar: int,
    perceel: str | None,
    productcode: str | None,
) -> tuple[pl.DataFrame, str]:
    """Every provider's value on the same indicator: the peer distribution, and its scope.

    First the same year and scope (perceel, product); with fewer than three values the same
    year for every scope, then every year (the returned text says which).
    """
    df = _lees(
        rol,
        ("signalen", "aanbieders"),
        """
        select s.aanbieder_agb, coalesce(a.naam, s.aanbieder_agb) as naam, s.jaar, s.perceel,
            s.productcode, s.waarde, s.referentiewaarde, s.gemarkeerd
        from signalen as s
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.indicator = $indicator and s.waarde is not null
        order by s.waarde
        """,
        {"indicator": indicator},
    )
    zelfde_jaar = df.filter(pl.col("jaar") == jaar)
    zelfde_reikwijdte = zelfde_jaar.filter(
        pl.col("perceel").eq_missing(perceel) & pl.col("productcode").eq_missing(productcode)
    )
    if zelfde_reikwijdte.height >= MIN_PEERS_VERDELING:
        return zelfde_reikwijdte, f"{jaar}, {perceel or 'alle percelen'}"
    if zelfde_jaar.height >= MIN_PEERS_VERDELING:
        return zelfde_jaar, f"{jaar}, alle percelen en producten"
    return df, "alle jaren, percelen en producten"


@st.cache_data(**CACHE)
def bewijsregels(rol: str, dataversie: str, signaal_id: str) -> pl.DataFrame:
    """Evidence rows with pseudonymised client ids: only the toezicht schema has this view."""
    return _lees(
        rol,
        ("bewijsregels",),
        """
        select bron, declaratieregel_id, client_id, toewijzingnummer, referentienummer,
            productcode, begindatum, einddatum, volume, bedrag_eur, onrechtmatig_eur,
            toelichting
        from bewijsregels where signaal_id = $signaal_id
        order by begindatum, declaratieregel_id
        """,
        {"signaal_id": signaal_id},
    )


def beoordelingen(rol: str, signaal_id: str) -> pl.DataFrame:
    """All notes on one signal, newest first. Not cached: a saved note shows at once."""
    return _lees(
        rol,
        ("beoordelingen",),
        """
        select status, notitie, beoordelaar, vastgelegd_op from beoordelingen
        where signaal_id = $signaal_id order by vastgelegd_op desc
        """,
        {"signaal_id": signaal_id},
    )


def _bestaande_sleutel() -> bytes | None:
    """The pseudonymisation key if this machine already has a usable one, else None.

    The dashboard never creates a key (a new key would split every client in two), and a
    weak or group/world-readable key is not used.
    """
    try:
        return privacy.load_key(maak_aan=False)
    except (privacy.SleutelOngeschikt, OSError):
        return None


def _scrubber(con: duckdb.DuckDBPyConnection) -> Callable[[str | None], str | None]:
    """The BSN scrubber for free text typed in the dashboard.

    With the key the database was built with, a BSN becomes the client's pseudonym (so the
    note points at the same client as the evidence rows); otherwise it is removed.
    """
    sleutel = _bestaande_sleutel()
    if sleutel is not None:
        pseudo = privacy.Pseudonimiseerder(sleutel)
        rij = con.execute(
            "select waarde from beheer.instellingen where sleutel = ?",
            [privacy.SLEUTEL_INSTELLING],
        ).fetchone()
        if rij is None or rij[0] == pseudo.fingerprint:
            return pseudo.scrub
    return privacy.verwijder_bsn


def bewaar_beoordeling(
    rol: str, signaal_id: str, status: str, notitie: str, beoordelaar: str
) -> None:
    """The dashboard's only write: one row in beheer.beoordelingen, in a short transaction.

    The note and the reviewer's name pass the BSN scrubber first: a raw BSN is never stored.
    Retries while the CLI (or another session) holds the file; raises DatabaseBezig with a
    Dutch message when it stays locked. Runs never touch this table, so notes survive.
    """
    if not roles.mag_beoordelen(rol) or rol != roles.actieve_rol():
        raise GeenToegang("Alleen toezicht kan een signaal beoordelen.")
    if status not in BEOORDELING_STATUSSEN:
        raise ValueError(f"onbekende status {status!r}")
    laatste: duckdb.Error | None = None
    for poging in range(POGINGEN):
        try:
            con = duckdb.connect(str(database_pad()))
        except (duckdb.IOException, duckdb.ConnectionException) as fout:
            if not _is_vergrendeld(fout):
                raise
            laatste = fout
            _wacht(poging)
            continue
        try:
            con.begin()
            scrub = _scrubber(con)
            con.execute(
                "insert into beheer.beoordelingen "
                "(signaal_id, status, notitie, beoordelaar, vastgelegd_op) "
                "values ($signaal_id, $status, $notitie, $beoordelaar, $op)",
                {
                    "signaal_id": signaal_id,
                    "status": status,
                    "notitie": scrub(notitie.strip()) or None,
                    "beoordelaar": scrub(beoordelaar.strip()) or None,
                    "op": datetime.now(),
                },
            )
            con.commit()
            return
        except duckdb.Error:
            con.rollback()
            raise
        finally:
            con.close()
    raise DatabaseBezig(
        "De beoordeling is niet opgeslagen: de database is bezet door signaalmonitor "
        "(ingest of run). Uw tekst staat nog in het formulier; probeer het zo opnieuw."
    ) from laatste


# ------------------------------------------------------------------------------------------
# Volumetrends
# ------------------------------------------------------------------------------------------
@st.cache_data(**CACHE)
def trend_per_maand(
    rol: str, dataversie: str, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    return _lees(
        rol,
        ("trends", "clienten_telling"),
        """
        with t as (
            select maand, any_value(jaar) as jaar, sum(gedeclareerd_eur) as gedeclareerd_eur,
                sum(uren) as uren, sum(aantal_regels) as aantal_regels
            from trends
            where ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
            group by maand
        )
        select t.jaar, t.maand, t.gedeclareerd_eur, c.aantal_clienten, t.uren, t.aantal_regels
        from t
        left join clienten_telling as c
            on c.maand = t.maand and c.gemeentecode is not distinct from $gemeente
            and c.perceel is not distinct from $perceel
        order by t.maand
        """,
        {"gemeente": gemeente, "perceel": perceel},
    )


@st.cache_data(**CACHE)
def jaarvergelijking(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """Per gemeente × perceel: this year against last year, with the relative difference."""
    return _lees(
        rol,
        ("trends", "clienten_telling"),
        """
        with t as (
            select gemeentecode, any_value(gemeente) as gemeente, perceel,
                sum(gedeclareerd_eur) filter (where jaar = $jaar) as gedeclareerd_eur,
                sum(gedeclareerd_eur) filter (where jaar = $jaar - 1) as vorig_jaar_eur
            from trends
            where jaar in ($jaar, $jaar - 1)
                and ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
            group by gemeentecode, perceel
        )
        select t.gemeente, t.perceel, coalesce(t.gedeclareerd_eur, 0) as gedeclareerd_eur,
            t.vorig_jaar_eur,
            coalesce(t.gedeclareerd_eur, 0) - t.vorig_jaar_eur as verschil_eur,
            case when t.vorig_jaar_eur > 0
                then coalesce(t.gedeclareerd_eur, 0) / t.vorig_jaar_eur - 1 end
                as verschil_aandeel,
            c.aantal_clienten, v.aantal_clienten as clienten_vorig_jaar
        from t
        left join clienten_telling as c
            on c.jaar = $jaar and c.maand is null and c.gemeentecode = t.gemeentecode
            and c.perceel = t.perceel
        left join clienten_telling as v
            on v.jaar = $jaar - 1 and v.maand is null and v.gemeentecode = t.gemeentecode
            and v.perceel = t.perceel
        order by t.gemeente, t.perceel
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )


@st.cache_data(**CACHE)
def specificatie(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """'Specificatie per zorgsoort': productcode × gemeente in euros, as inkoopplannen show it."""
    lang = _lees(
        rol,
        ("trends",),
        """
        select perceel, productcode, any_value(productomschrijving) as productomschrijving,
            gemeente, sum(gedeclareerd_eur) as gedeclareerd_eur
        from trends
        where jaar = $jaar and ($gemeente is null or gemeentecode = $gemeente)
            and ($perceel is null or perceel = $perceel)
        group by perceel, productcode, gemeente
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )
    if lang.is_empty():
        return lang
    gemeenten = sorted(lang["gemeente"].unique().to_list())
    breed = lang.pivot(
        on="gemeente",
        index=["perceel", "productcode", "productomschrijving"],
        values="gedeclareerd_eur",
        aggregate_function="sum",
    ).fill_null(0.0)
    breed = breed.select(["perceel", "productcode", "productomschrijving", *gemeenten])
    breed = breed.with_columns(pl.sum_horizontal(gemeenten).alias("totaal")).sort(
        ["perceel", "productcode"]
    )
    totaalrij = breed.select(
        pl.lit("Totaal").alias("perceel"),
        pl.lit("").alias("productcode"),
        pl.lit("").alias("productomschrijving"),
        *[pl.col(g).sum() for g in [*gemeenten, "totaal"]],
    )
    return pl.concat([breed, totaalrij])


@st.cache_data(**CACHE)
def voorveld(rol: str, dataversie: str, gemeente: str | None) -> pl.DataFrame:
    """Euros per month for begeleiding and dagbesteding (matched by perceel name)."""
    return _lees(
        rol,
        ("trends",),
        """
        select maand, perceel, sum(gedeclareerd_eur) as gedeclareerd_eur
        from trends
        where ($gemeente is null or gemeentecode = $gemeente)
            and (lower(perceel) like '%begeleiding%' or lower(perceel) like '%dagbesteding%')
        group by maand, perceel
        order by maand, perceel
        """,
        {"gemeente": gemeente},
    )


@dataclass(frozen=True)
class Prognose:
    jaar: int
    gerealiseerd_eur: float
    maanden_gerealiseerd: int
    prognose_jaar_eur: float
    volgend_jaar: int
    prognose_volgend_jaar_eur: float
    methode: str
    per_maand: list[dict[str, Any]] = field(default_factory=list)


def bereken_prognose(
    maanden: pl.DataFrame, jaar: int, index_pct: float, volumegroei_pct: float = 0.0
) -> Prognose | None:
    """Forecast the year and the next from monthly euros (columns maand, gedeclareerd_eur).

    The year: realised months plus, for each missing month, the same month last year scaled
    by the ratio of this year's realised months to the same months last year (seasonality
    kept); without a prior year the average realised month. Next year: that total × (1 +
    index) × (1 + volume growth).
    """
    dit = maanden.filter(pl.col("maand").dt.year() == jaar)
    if dit.is_empty():
        return None
    vorig = maanden.filter(pl.col("maand").dt.year() == jaar - 1)
    gerealiseerd = float(dit["gedeclareerd_eur"].sum())
    laatste = int(dit["maand"].dt.month().max())  # type: ignore[arg-type]
    per_maand: list[dict[str, Any]] = [
        {"maand": r["maand"], "gedeclareerd_eur": r["gedeclareerd_eur"], "soort": "gerealiseerd"}
        for r in dit.iter_rows(named=True)
    ]
    vorig_per_maand = {
        r["maand"].month: float(r["gedeclareerd_eur"]) for r in vorig.iter_rows(named=True)
    }
    vergelijkbaar = sum(v for m, v in vorig_per_maand.items() if m <= laatste)
    if laatste == 12:
        methode = "Het jaar is compleet: de prognose is de realisatie."
        rest = 0.0
    elif vorig_per_maand and vergelijkbaar > 0:
        factor = gerealiseerd / vergelijkbaar
        methode = (
            f"Realisatie t/m maand {laatste}, aangevuld met dezelfde maanden van {jaar - 1} "
            f"× {str(round(factor, 3)).replace('.', ',')} (verhouding dit jaar / vorig jaar)."
        )
        rest = 0.0
        for m in range(laatste + 1, 13):
            bedrag = vorig_per_maand.get(m, 0.0) * factor
            rest += bedrag
            per_maand.append(
                {"maand": date(jaar, m, 1), "gedeclareerd_eur": bedrag, "soort": "prognose"}
            )
    else:
        gemiddeld = gerealiseerd / max(1, dit.height)
        methode = f"Realisatie t/m maand {laatste}, aangevuld met het gemiddelde per maand."
        rest = 0.0
        for m in range(laatste + 1, 13):
            rest += gemiddeld
            per_maand.append(
                {"maand": date(jaar, m, 1), "gedeclareerd_eur": gemiddeld, "soort": "prognose"}
            )
    totaal = gerealiseerd + rest
    volgend = totaal * (1 + index_pct / 100) * (1 + volumegroei_pct / 100)
    return Prognose(jaar, gerealiseerd, laatste, totaal, jaar + 1, volgend, methode, per_maand)


# ------------------------------------------------------------------------------------------
# Verantwoording
# ------------------------------------------------------------------------------------------
@st.cache_data(**CACHE)
def verantwoording(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Per provider: regional turnover, required verantwoording and the difference.

    Comes from marts.mart_verantwoording_omzet through the role's table macro; when that mart
    has not been computed the macro cannot bind and the page gets NietBeschikbaar.
    """
    try:
        df = _lees(
            rol,
            ("verantwoording_omzet()",),
            "select * from verantwoording_omzet() where jaar = $jaar",
            {"jaar": jaar},
        )
    except (duckdb.CatalogException, duckdb.BinderException) as fout:
        raise NietBeschikbaar(
            "De verantwoordingscijfers (mart_verantwoording_omzet) zijn in deze database nog "
            "niet berekend. Draai `signaalmonitor run` met een versie die deze mart bevat."
        ) from fout
    voorkeur = (
        "aanbieder_agb",
        "naam",
        "omzet_regio_eur",
        "vereiste_verantwoording",
        "heeft_verantwoording",
        "verantwoord_eur",
        "verschil_eur",
        "verschil_aandeel",
        "is_verschil_boven_drempel",
        "aantal_gemeenten",
        "aantal_gemeenten_verantwoord",
        "hoogste_omzet_gemeente_eur",
        "omzet_per_gemeente",
    )
    # Known columns first, in reading order; anything the mart adds later follows.
    volgorde = [k for k in voorkeur if k in df.columns]
    volgorde += [k for k in df.columns if k not in volgorde and k != "jaar"]
    omzet = next((k for k in ("omzet_regio_eur", "omzet_eur", "omzet") if k in df.columns), None)
    df = df.select(volgorde)
    return df.sort(omzet, descending=True, nulls_last=True) if omzet else df


@st.cache_data(**CACHE)
def verantwoording_jaren(rol: str, dataversie: str) -> list[int]:
    try:
        df = _lees(
            rol,
            ("verantwoording_omzet()",),
            "select distinct jaar from verantwoording_omzet() order by jaar desc",
        )
    except (duckdb.CatalogException, duckdb.BinderException):
        return []
    return [int(j) for j in df["jaar"].to_list()]


# ------------------------------------------------------------------------------------------
# Datakwaliteit
# ------------------------------------------------------------------------------------------
@st.cache_data(**CACHE)
def rijen_per_tabel(rol: str, dataversie: str) -> pl.DataFrame:
    return _lees(
        rol,
        ("laadregister", "quarantaine"),
        """
        with q as (
            select tabel, count(distinct (bestand_id, regelnummer)) as quarantaine
            from quarantaine group by tabel
        ), l as (
            select tabel, count(*) as bestanden, sum(rijen_geladen) as geladen
            from laadregister group by tabel
        )
        select l.tabel, l.bestanden, l.geladen, coalesce(q.quarantaine, 0) as quarantaine
        from l left join q using (tabel)
        order by l.tabel
        """,
    )


@st.cache_data(**CACHE)
def laadregister(rol: str, dataversie: str) -> pl.DataFrame:
    return _lees(
        rol,
        ("laadregister",),
        """
        select bestandsnaam, tabel, formaat, rijen_gelezen, rijen_geladen, rijen_quarantaine,
            rijen_al_aanwezig, geladen_op, round(duur_seconden, 2) as duur_seconden
        from laadregister order by bestand_id desc
        """,
    )


@st.cache_data(**CACHE)
def quarantaine(rol: str, dataversie: str) -> pl.DataFrame:
    """Quarantined fields with their reason; only toezicht sees the rejected value itself."""
    if roles.ziet_bewijs(rol):
        sql = (
            "select tabel, bestandsnaam, regelnummer, kolom, waarde, reden from quarantaine "
            "order by bestand_id, regelnummer limit 5000"
        )
    else:
        sql = (
            "select tabel, bestandsnaam, regelnummer, kolom, reden from quarantaine "
            "order by bestand_id, regelnummer limit 5000"
        )
    return _lees(rol, ("quarantaine",), sql)


@st.cache_data(**CACHE)
def quarantaine_redenen(rol: str, dataversie: str) -> pl.DataFrame:
    return _lees(
        rol,
        ("quarantaine",),
        """
        select tabel, reden, count(*) as aantal from quarantaine
        group by tabel, reden order by aantal desc
        """,
    )


@st.cache_data(**CACHE)
def runs(rol: str, dataversie: str) -> pl.DataFrame:
    return _lees(
        rol,
        ("runs",),
        "select run_id, gestart_op, duur_seconden from runs order by run_id desc limit 20",
    )
