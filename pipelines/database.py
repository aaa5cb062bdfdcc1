"""Opening the DuckDB file: one writer (the CLI), short-lived read-only readers (the dashboard).

The schema is created and migrated by code: numbered SQL files in pipelines/migrations are
applied in order and recorded in beheer.schema_versie.
"""

from __future__ import annotations

import os
import re
import time
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.settings import MIGRATIONS_DIR, DuckdbMiddelen, duckdb_middelen

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseBezet(Exception):
    """Another process holds the write lock on the database file."""


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'beheer' AND table_name = 'schema_versie'"
    ).fetchone()
    if not exists or exists[0] == 0:
        return 0
    row = con.execute("SELECT coalesce(max(versie), 0) FROM beheer.schema_versie").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the database, each in its own transaction."""
    # The version table itself is the one thing that exists before any migration.
    con.execute("CREATE SCHEMA IF NOT EXISTS beheer")
    con.execute(
        "CREATE TABLE IF NOT EXISTS beheer.schema_versie ("
        "versie INTEGER PRIMARY KEY, naam VARCHAR NOT NULL, toegepast_op TIMESTAMP NOT NULL)"
    )
    current = schema_version(con)
    for version, path in migrations():
        if version <= current:
            continue
        con.begin()
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO beheer.schema_versie VALUES (?, ?, ?)",
                [version, path.stem, datetime.now()],
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        current = version
    return current


def alleen_eigenaar() -> None:
    """Files this process creates from now on (database, WAL, exports) are owner-only.

    The database holds pseudonymised care data; DuckDB creates its files with the process'
    umask, so the writer tightens it for itself (never loosens a stricter one).
    """
    huidig = os.umask(0o077)
    os.umask(huidig | 0o077)


def _is_vergrendeld(fout: duckdb.Error) -> bool:
    return "lock" in str(fout).lower()


def _bezet(db_path: Path) -> DatabaseBezet:
    return DatabaseBezet(
        f"De database {db_path} is in gebruik door een ander proces (een lopende run, ingest "
        "of het dashboard). Wacht tot dat klaar is en probeer het opnieuw."
    )


def open_for_writing(
    db_path: Path,
    wachttijd_seconden: float = 15.0,
    middelen: DuckdbMiddelen | None = None,
) -> duckdb.DuckDBPyConnection:
    """The single writer. Creates the file (owner-only) and its schema when needed.

    The dashboard holds short read-only connections; when one is open at the moment the CLI
    starts, DuckDB refuses the write lock. Retry for a while before giving up.

    `middelen` (default: pipelines.settings.duckdb_middelen, from the environment or the
    machine) bounds DuckDB's memory and threads and says where it spills to disk, so a
    national load spills instead of swapping or being killed.
    """
    alleen_eigenaar()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # DuckDB creates the spill folder only when it spills, under the umask set above: owner-only
    # like the database, since spilled pages hold pseudonymised care data too.
    middelen = middelen or duckdb_middelen(db_path)
    deadline = time.monotonic() + wachttijd_seconden
    pauze = 0.05
    while True:
        try:
            con = duckdb.connect(str(db_path), config=middelen.als_config())
            break
        except duckdb.IOException as error:
            if not _is_vergrendeld(error):
                raise
            if time.monotonic() >= deadline:
                raise _bezet(db_path) from error
            time.sleep(pauze)
            pauze = min(pauze * 2, 1.0)
    # DuckDB's own progress bar writes through the CLI's Dutch status line (and fills a log
    # with bars); the CLI says itself which model or file it is working on.
    con.execute("SET enable_progress_bar = false")
    migrate(con)
    from pipelines.reference import vernieuw_codelijsten, vernieuw_standaardreferentie

    vernieuw_standaardreferentie(con)
    vernieuw_codelijsten(con)
    return con


def open_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A reader; DatabaseBezet (Dutch) while a writer holds the file."""
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.IOException as error:
        if _is_vergrendeld(error):
            raise _bezet(db_path) from error
        raise
