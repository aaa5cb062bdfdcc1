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
    """
    return st.cache_data(ttl=3600, max_entries=256, show_spinner=False)(functie)


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


@contextmanager
def leesverbinding(rol: str, pogingen: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to `rol`'s own file (nothing else); closed on exit."""
    if rol != roles.actieve_rol():
        raise GeenToegang("Deze gegevens horen niet bij de rol waarmee het dashboard draait.")
    pad = rolbestand(rol)  # derived from a fixed role name (rollen.ROLLEN), never user input
    laatste: duckdb.Error | None = None
    for poging in range(pogingen or POGINGEN):
        if not pad.is_file():
            raise NietBeschikbaar(NIET_BEREKEND)
        try:
            con = duckdb.connect(str(pad), read_only=True)
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
        gepubliceerd = pad.stat().st_mtime_ns
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
