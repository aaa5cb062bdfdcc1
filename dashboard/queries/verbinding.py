"""The query layer's one door to DuckDB: short read-only connections to the role's own file.

Every read goes through `lees()`, which
- refuses a role other than the one this server runs as (`roles.actieve_rol()`),
- refuses a view the role may not read (`roles.WEERGAVEN_PER_ROL`, a copy of sql/rollen.sql),
- opens, read-only, the file `signaalmonitor run` published for that role
  (`<db>.rol_<rol>.duckdb`, pipelines/rolbestanden.py), retries while it is locked, and closes
  the connection again.
The role file holds only the role's views of sql/rollen.sql, as tables: a contractmanager's
query for evidence rows finds no such table, because the file this server opened has none.
The full database is never opened for reading here; the check against the allow-list stays as
a second line.

Results are cached per `dataversie` (last load, last run and the werkvoorraad; `gecachet`),
so a new load, run or beoordeling shows up without a restart. The dashboard never writes to
DuckDB: beoordelingen live in the beheeropslag (dashboard/queries/werkvoorraad.py).
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

import duckdb
import polars as pl
import streamlit as st

from dashboard import roles
from dashboard.roles import GeenToegang
from pipelines import settings
from pipelines.beheeropslag import werkvoorraad
from pipelines.sql_quote import ident

POGINGEN = 6

P = ParamSpec("P")
R = TypeVar("R")


class DatabaseBezig(Exception):
    """The CLI holds the write lock (ingest or run in progress)."""


class NietBeschikbaar(Exception):
    """A source the page needs has not been computed (yet) in this database."""


def gecachet(functie: Callable[P, R]) -> Callable[P, R]:
    """st.cache_data for a query: its arguments (role, dataversie, filters) are the key.

    An hour at most and 256 argument sets per function; no spinner (queries are short).
    The cache is shared by every session of the server (one query per data version, not one
    per user), so the role is checked *before* the cache is asked: a session can never be
    handed rows that were cached for another role, not even by passing that role's name.
    """
    opgeslagen = st.cache_data(ttl=3600, max_entries=256, show_spinner=False)(functie)

    @functools.wraps(functie)
    def alleen_eigen_rol(*args: P.args, **kwargs: P.kwargs) -> R:
        rol = args[0] if args else kwargs.get("rol")
        if rol != roles.actieve_rol():
            raise GeenToegang("Deze gegevens horen niet bij de rol waarmee het dashboard draait.")
        return opgeslagen(*args, **kwargs)

    return alleen_eigen_rol


# ------------------------------------------------------------------------------------------
# Connections
# ------------------------------------------------------------------------------------------
def database_pad() -> Path:
    return settings.database_path()


def database_bestaat() -> bool:
    return database_pad().is_file()


def rolbestand(rol: str) -> Path:
    """The read-only file `signaalmonitor run` published for `rol`, next to the database."""
    return settings.rolbestand_pad(database_pad(), rol)


def _is_vergrendeld(fout: duckdb.Error) -> bool:
    tekst = str(fout).lower()
    return "lock" in tekst or "different configuration" in tekst


def _wacht(poging: int) -> None:
    # Back-off between attempts while another process or thread holds the file.
    time.sleep(0.05 * 2**poging)


NIET_BEREKEND = (
    "De gegevens voor deze rol zijn nog niet berekend. Draai `signaalmonitor run` en vernieuw "
    "deze pagina."
)


# One read-only DuckDB database per role file, shared by every session and thread of this
# server: opening the file costs ~20 ms (catalog, checkpoint) and a page asks 7–18 queries,
# while a cursor on an open database costs well under a millisecond. A cursor is its own
# connection to the same database instance, so threads never share one connection object.
# The key is the file's identity (inode, mtime, size): `signaalmonitor run` publishes a new file
# with os.replace, so the next query opens the new file; cursors still running on the old one
# keep it alive until they finish (the old instance is dropped, not closed under them).
_GEDEELD: dict[str, tuple[tuple[int, int, int], duckdb.DuckDBPyConnection]] = {}
_GEDEELD_SLOT = threading.Lock()
THREADS_ENV = "SIGNAALMONITOR_DASHBOARD_THREADS"


def lees_threads() -> int:
    """DuckDB threads for the dashboard's reads: all cores but one, at most four.

    The pool is per database instance, so concurrent sessions share it instead of each taking
    every core; the core left over runs the Streamlit script (Python) that renders the pages.
    $SIGNAALMONITOR_DASHBOARD_THREADS overrides it.
    """
    gekozen = os.environ.get(THREADS_ENV)
    if gekozen and gekozen.isdigit() and int(gekozen) > 0:
        return int(gekozen)
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def bestandsidentiteit(pad: Path) -> tuple[int, int, int]:
    """(inode, mtime in ns, size): changes whenever `run` publishes the file anew."""
    toestand = pad.stat()
    return (toestand.st_ino, toestand.st_mtime_ns, toestand.st_size)


def _open_los(pad: Path) -> duckdb.DuckDBPyConnection:
    """A database instance of its own holding only `pad`, attached read-only.

    Not `duckdb.connect(pad)`: DuckDB keeps one instance per path per process, so after a new
    publication that would hand back the old file as long as any cursor still holds it. An
    in-memory instance that attaches the file opens what is at the path now. The in-memory
    catalog is detached again, so the role file is the only database, as before.
    """
    con = duckdb.connect(":memory:")
    try:
        con.execute("attach ? (read_only)", [str(pad)])
        [(naam,)] = con.execute(
            "select database_name from duckdb_databases() where path = ?", [str(pad)]
        ).fetchall()
        con.execute("use " + ident(naam))
        con.execute("detach memory")
        con.execute("set threads = " + str(lees_threads()))
    except BaseException:
        con.close()
        raise
    return con


def _open_gedeeld(pad: Path, pogingen: int) -> duckdb.DuckDBPyConnection:
    """The shared read-only database of `pad`, opened (with retries) when new or republished."""
    laatste: duckdb.Error | None = None
    for poging in range(pogingen):
        try:
            identiteit = bestandsidentiteit(pad)
        except FileNotFoundError:
            raise NietBeschikbaar(NIET_BEREKEND) from None
        with _GEDEELD_SLOT:
            bekend = _GEDEELD.get(str(pad))
            if bekend is not None and bekend[0] == identiteit:
                return bekend[1]
            try:
                con = _open_los(pad)
            except (duckdb.IOException, duckdb.ConnectionException) as fout:
                if not _is_vergrendeld(fout):
                    raise
                laatste = fout
            else:
                # Replaced, not closed: a cursor of another session may still read the old file.
                _GEDEELD[str(pad)] = (identiteit, con)
                return con
        _wacht(poging)
    raise DatabaseBezig(
        "De database wordt op dit moment bijgewerkt (signaalmonitor ingest of run). "
        "Probeer het over een minuut opnieuw."
    ) from laatste


def sluit_gedeelde_verbindingen() -> None:
    """Forget every shared database (tests that rewrite a role file in place use this)."""
    with _GEDEELD_SLOT:
        _GEDEELD.clear()


@contextmanager
def leesverbinding(rol: str, pogingen: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to `rol`'s own file (nothing else); closed on exit.

    A cursor on the server's shared database of that file (see `_GEDEELD`).
    """
    if rol != roles.actieve_rol():
        raise GeenToegang("Deze gegevens horen niet bij de rol waarmee het dashboard draait.")
    pad = rolbestand(rol)  # derived from a fixed role name (rollen.ROLLEN), never user input
    gedeeld = _open_gedeeld(pad, pogingen or POGINGEN)
    with _GEDEELD_SLOT:
        con = gedeeld.cursor()
    try:
        yield con
    finally:
        con.close()


def lees(
    rol: str,
    weergaven: tuple[str, ...],
    sql: str,
    params: dict[str, Any] | None = None,
    pogingen: int | None = None,
) -> pl.DataFrame:
    """Run `sql` (bound `params` only) for `rol`, after checking it may read every view."""
    for weergave in weergaven:
        if not roles.mag_lezen(rol, weergave):
            raise GeenToegang(
                f"De rol {roles.ROL_NAAM.get(rol, rol)} mag '{weergave}' niet inzien."
            )
    with leesverbinding(rol, pogingen) as con:
        resultaat: pl.DataFrame = con.sql(sql, params=params or {}).pl()
        return resultaat


# ------------------------------------------------------------------------------------------
# State of the database: the cache key for every query
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
    pad = rolbestand(rol)
    try:
        # A new publication replaces the file: its time is part of the key.
        gepubliceerd = "-".join(map(str, bestandsidentiteit(pad)))
    except FileNotFoundError:
        # The role files are published by `signaalmonitor run`.
        return Dataversie("niet_berekend", "niet-berekend")
    try:
        df = lees(
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
    except (duckdb.CatalogException, NietBeschikbaar):
        # Published before this version, or removed between the check above and the read.
        return Dataversie("niet_berekend", "niet-berekend")
    rij = df.row(0, named=True)
    # The path is part of the key: two databases in one process never share cached results.
    return Dataversie(
        "klaar",
        f"{pad.resolve()}|{gepubliceerd}|{rij['bestand']}|{rij['geladen_op']}|{rij['run']}"
        # A beoordeling or setting is new data too: the ranking shows each signal's status and
        # contractmanagement's pages leave out signals in investigation (werkvoorraad.py).
        f"|{werkvoorraad.versie()}",
        rij["geladen_op"],
        rij["run_op"],
    )
