"""One read-only database file per role: what that role may read, and nothing else.

`signaalmonitor run` (and `ingest`, so the load report is fresh) calls `publiceer` with its
write connection after the work is committed. For every role it writes
`<db>.rol_<rol>.duckdb` (settings.rolbestand_pad) next to the full database, holding:
- every view of the role's schema `rol_<rol>` (sql/rollen.sql) as a table of the same name in
  the file's main schema, with the view's columns and types (money stays DECIMAL);
- every table macro of that schema (`verantwoording_omzet()`) computed once into a table of
  the same name, with a macro of that name over it, so the dashboard's SQL works unchanged.
Nothing else: no other schema, no mart, no pseudonym the role's views do not select. The
dashboard opens only the file of the logged-in role, so client-level rows cannot reach the
contractmanagement or control roles through any page, URL parameter, export or bug: they are
not in the file the server opened (issue #12, point 2).

Publishing is generic over whatever the role schema holds; what a role may read is decided in
sql/rollen.sql alone (and mirrored in dashboard/roles.WEERGAVEN_PER_ROL, kept in step by a
test). Each file is written under a temporary name in the same folder, checkpointed, made
read-only (0440) and only then moved over the old one with os.replace: a dashboard that has the
old file open keeps reading it, the next connection sees the new one, and nobody ever sees half a
file. All roles are written first and replaced together at the end, so a failure leaves every
old file as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines import rollen, settings
from pipelines.sql_quote import ident, sql_tekst

# Owner and group may read, nobody may write: a replacement comes only through os.replace
# (which needs write access to the folder, not the file). The group lets a dashboard service
# account read the role files without any access to the full database (0600).
MODUS: int = 0o440
# The catalog name of the file under construction, inside the writer's connection only.
_ALIAS = "rolbestand_in_aanbouw"
# The schemas `ingest` writes (the load report in beheer and quarantaine, the rows in raw and
# staging). Everything else a role view reads (marts, stg, intermediate) is built by `run` and
# cannot change by an ingest.
NA_INGEST_GEWIJZIGD = frozenset({"beheer", "quarantaine", "raw", "staging"})
# Every table of a role file carries the run it was published after: a partial refresh after an
# ingest only builds on a file whose other tables are those of the database's last run.
_MERK = "gepubliceerd na run {}"


@dataclass(frozen=True)
class Inhoud:
    """What one role's schema holds: tables/views and table macros, by name."""

    tabellen: tuple[str, ...]
    macros: tuple[str, ...]


@dataclass(frozen=True)
class Publicatie:
    paden: dict[str, Path]
    seconden: float


def inhoud(con: duckdb.DuckDBPyConnection, rol: str) -> Inhoud | None:
    """The objects of `rol`'s schema in `con`'s own database; None before the first run."""
    schema = rollen.schema(rol)
    bestaat = con.execute(
        "select count(*) from duckdb_schemas() "
        "where database_name = current_database() and schema_name = ?",
        [schema],
    ).fetchone()
    if not bestaat or bestaat[0] == 0:
        return None
    tabellen = con.execute(
        "select view_name from duckdb_views() "
        "where database_name = current_database() and schema_name = ? and not internal "
        "union select table_name from duckdb_tables() "
        "where database_name = current_database() and schema_name = ? "
        "order by 1",
        [schema, schema],
    ).fetchall()
    macros = con.execute(
        "select distinct function_name from duckdb_functions() "
        "where database_name = current_database() and schema_name = ? "
        "and function_type = 'table_macro' order by 1",
        [schema],
    ).fetchall()
    return Inhoud(tuple(str(t) for (t,) in tabellen), tuple(str(m) for (m,) in macros))


def _verwijder(pad: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        pad.unlink()


def _tijdelijk_pad(doel: Path) -> Path:
    # Hidden and with the process id: never mistaken for a role file, never shared by two runs.
    return doel.with_name(f".{doel.name}.{os.getpid()}.nieuw")


def laatste_run(con: duckdb.DuckDBPyConnection) -> int:
    """The id of the database's last run (0 before the first, or without beheer.runs)."""
    try:
        rij = con.execute("select coalesce(max(run_id), 0) from beheer.runs").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(rij[0]) if rij else 0


def door_ingest_geraakt(con: duckdb.DuckDBPyConnection, catalogus: str) -> set[tuple[str, str]]:
    """(schema, naam) of every role view that reads what an ingest writes: a view naming one of
    NA_INGEST_GEWIJZIGD, or naming such a view (rol_beheer.laadregister reads
    rol_toezicht.laadregister), to a fixed point. A base table in a role schema counts too.

    Conservative by construction: a name found anywhere in a view's text counts as read, so a
    view is at worst refreshed without need, never left stale."""
    views = {
        (str(schema), str(naam)): str(sql)
        for schema, naam, sql in con.execute(
            "select schema_name, view_name, sql from duckdb_views() "
            "where database_name = ? and schema_name like 'rol\\_%' escape '\\' "
            "and not internal",
            [catalogus],
        ).fetchall()
    }
    basistabellen = {
        (str(schema), str(naam))
        for schema, naam in con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where database_name = ? and schema_name like 'rol\\_%' escape '\\'",
            [catalogus],
        ).fetchall()
    }
    bron = re.compile(
        r'(?<![\w"])"?(' + "|".join(sorted(NA_INGEST_GEWIJZIGD)) + r')"?\s*\.', re.IGNORECASE
    )
    geraakt = {sleutel for sleutel, sql in views.items() if bron.search(sql)} | basistabellen
    while True:
        if not geraakt:
            return geraakt
        # A view of a touched one: qualified (rol_toezicht.laadregister) or, within its own
        # schema, bare; the name alone already counts (conservative). As SQL text a name is
        # plain (laadregister) or quoted with its quotes doubled ("laad ""register""").
        kaal = "|".join(re.escape(naam) for _, naam in geraakt)
        gequoot = "|".join(re.escape('"' + naam.replace('"', '""') + '"') for _, naam in geraakt)
        verwijzing = re.compile(rf'(?<![\w"])({kaal})(?![\w"])|{gequoot}', re.IGNORECASE)
        erbij = {s for s, sql in views.items() if s not in geraakt and verwijzing.search(sql)}
        if not erbij:
            return geraakt
        geraakt |= erbij


def _merk_alles(cursor: duckdb.DuckDBPyConnection, run_id: int) -> None:
    for (naam,) in cursor.execute(
        "select table_name from duckdb_tables() where database_name = ?", [_ALIAS]
    ).fetchall():
        cursor.execute(
            f"COMMENT ON TABLE {ident(_ALIAS)}.main.{ident(naam)} IS "
            f"{sql_tekst(_MERK.format(run_id))}"
        )


def _schrijf(
    con: duckdb.DuckDBPyConnection,
    catalogus: str,
    rol: str,
    wat: Inhoud,
    pad: Path,
    run_id: int = 0,
) -> None:
    """Write `rol`'s objects into a new DuckDB file at `pad` (which must not exist)."""
    schema = rollen.schema(rol)
    bron_sql = f"{ident(catalogus)}.{ident(schema)}"
    doel_sql = f"{ident(_ALIAS)}.main"
    # A cursor is a second connection to the same database: its USE (needed so a macro binds
    # to the new file's own table) leaves the caller's connection untouched.
    cursor = con.cursor()
    try:
        cursor.execute(f"ATTACH {sql_tekst(str(pad))} AS {ident(_ALIAS)}")
        try:
            for naam in wat.tabellen:
                cursor.execute(
                    f"CREATE TABLE {doel_sql}.{ident(naam)} AS "
                    f"SELECT * FROM {bron_sql}.{ident(naam)}"
                )
            macros = []
            for naam in wat.macros:
                if naam in wat.tabellen:
                    raise ValueError(
                        f"{schema}.{naam} is zowel een weergave als een tabelmacro; dat past "
                        "niet in één rolbestand."
                    )
                try:
                    # Computed in the full database (the macro names its mart there).
                    cursor.execute(
                        f"CREATE TABLE {doel_sql}.{ident(naam)} AS "
                        f"SELECT * FROM {bron_sql}.{ident(naam)}()"
                    )
                except (duckdb.CatalogException, duckdb.BinderException):
                    # The macro's source is not built in this database (sql/rollen.sql binds it
                    # lazily for that reason): leave it out, the page says "nog niet berekend".
                    continue
                macros.append(naam)
            cursor.execute(f"USE {ident(_ALIAS)}")
            for naam in macros:
                # Unqualified: bound when called, to the table of the file it is opened from.
                cursor.execute(
                    f"CREATE MACRO main.{ident(naam)}() AS TABLE SELECT * FROM {ident(naam)}"
                )
            cursor.execute(f"USE {ident(catalogus)}")
            _merk_alles(cursor, run_id)
            cursor.execute(f"CHECKPOINT {ident(_ALIAS)}")
        finally:
            cursor.execute(f"USE {ident(catalogus)}")
            cursor.execute(f"DETACH DATABASE IF EXISTS {ident(_ALIAS)}")
    finally:
        cursor.close()


def _ververs(
    con: duckdb.DuckDBPyConnection,
    catalogus: str,
    rol: str,
    wat: Inhoud,
    oud: Path,
    pad: Path,
    run_id: int,
    geraakt: set[tuple[str, str]],
) -> bool:
    """After an ingest: `pad` becomes a copy of the published file `oud` with only the tables
    in `geraakt` written again. False (and no `pad`) when `oud` does not fit: other tables, or
    published after another run than the database's last; the caller then writes it whole."""
    schema = rollen.schema(rol)
    shutil.copyfile(oud, pad)
    os.chmod(pad, 0o600)
    cursor = con.cursor()
    gelukt = False
    try:
        cursor.execute(f"ATTACH {sql_tekst(str(pad))} AS {ident(_ALIAS)}")
        try:
            merken = dict(
                cursor.execute(
                    "select table_name, comment from duckdb_tables() where database_name = ?",
                    [_ALIAS],
                ).fetchall()
            )
            verwacht = set(wat.tabellen) | set(wat.macros)
            if set(merken) != verwacht or any(m != _MERK.format(run_id) for m in merken.values()):
                return False
            for naam in wat.tabellen:
                if (schema, naam) not in geraakt:
                    continue
                cursor.execute(
                    f"CREATE OR REPLACE TABLE {ident(_ALIAS)}.main.{ident(naam)} AS "
                    f"SELECT * FROM {ident(catalogus)}.{ident(schema)}.{ident(naam)}"
                )
                cursor.execute(
                    f"COMMENT ON TABLE {ident(_ALIAS)}.main.{ident(naam)} IS "
                    f"{sql_tekst(_MERK.format(run_id))}"
                )
            cursor.execute(f"CHECKPOINT {ident(_ALIAS)}")
            gelukt = True
            return True
        finally:
            cursor.execute(f"DETACH DATABASE IF EXISTS {ident(_ALIAS)}")
            if not gelukt:
                _verwijder(pad)
                _verwijder(Path(f"{pad}.wal"))
    finally:
        cursor.close()


def publiceer(
    con: duckdb.DuckDBPyConnection,
    database: Path,
    rollen_: Iterable[str] = rollen.ROLLEN,
    *,
    na_ingest: bool = False,
) -> Publicatie:
    """Publish the role files of `database` from `con` (its writer, outside a transaction).

    A role whose schema does not exist yet (nothing has been run) is skipped and keeps its old
    file, if any. Raises on any failure, after removing the files it had written so far; the
    published files are then all still the previous ones.

    `na_ingest`: only the load report can have changed (the figures stay those of the last
    run), so each file is its published predecessor with just the tables that read what an
    ingest writes (door_ingest_geraakt) written again; a predecessor that does not fit is
    written whole. Same result, without copying every mart again for a month of new rows.
    """
    begin = time.perf_counter()
    rij = con.execute("select current_database()").fetchone()
    assert rij is not None
    catalogus = str(rij[0])
    run_id = laatste_run(con)
    geraakt = door_ingest_geraakt(con, catalogus) if na_ingest else set()
    klaar: list[tuple[str, Path, Path]] = []
    try:
        for rol in rollen_:
            wat = inhoud(con, rol)
            if wat is None:
                continue
            doel = settings.rolbestand_pad(database, rol)
            tijdelijk = _tijdelijk_pad(doel)
            for oud in (tijdelijk, Path(f"{tijdelijk}.wal")):
                _verwijder(oud)
            klaar.append((rol, tijdelijk, doel))
            if not (
                na_ingest
                and doel.is_file()
                and _ververs(con, catalogus, rol, wat, doel, tijdelijk, run_id, geraakt)
            ):
                _schrijf(con, catalogus, rol, wat, tijdelijk, run_id)
            # Checkpointed and detached: the file is complete and has no write-ahead log.
            _verwijder(Path(f"{tijdelijk}.wal"))
            os.chmod(tijdelijk, MODUS)
    except BaseException:
        for _, tijdelijk, _ in klaar:
            _verwijder(tijdelijk)
            _verwijder(Path(f"{tijdelijk}.wal"))
        raise
    for _, tijdelijk, doel in klaar:
        # A log next to the new file would be replayed onto it: there must never be one.
        _verwijder(Path(f"{doel}.wal"))
        os.replace(tijdelijk, doel)
    return Publicatie({rol: doel for rol, _, doel in klaar}, time.perf_counter() - begin)
