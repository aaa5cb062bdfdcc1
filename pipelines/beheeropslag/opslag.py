"""Open the beheeropslag: path, connection settings and the schema files, in one place."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines import settings

SCHEMA_MAP = Path(__file__).resolve().parent / "schema"
# Seconds a writer waits for another writer (CLI and dashboard sessions) before giving up.
WACHTTIJD_SECONDEN = 30.0


class BeheeropslagFout(Exception):
    """The beheeropslag cannot be opened or written; the message is Dutch and says why."""


def pad(db_pad: str | Path | None = None) -> Path:
    """$SIGNAALMONITOR_BEHEER_DB, else `<database>.beheer.sqlite` next to the DuckDB file."""
    expliciet = os.environ.get(settings.BEHEER_DB_ENV)
    if expliciet:
        return Path(expliciet)
    db = settings.database_path(db_pad)
    return db.with_name(f"{db.stem}.beheer.sqlite")


def _maak_bestand(bestand: Path) -> None:
    """Create the file with mode 0600 before SQLite does (which would use the umask)."""
    bestand.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(bestand, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _pas_schema_toe(con: sqlite3.Connection) -> None:
    con.execute(
        "create table if not exists toegepaste_schemas "
        "(bestand text primary key, toegepast_op text not null)"
    )
    gedaan = {r[0] for r in con.execute("select bestand from toegepaste_schemas")}
    for bestand in sorted(SCHEMA_MAP.glob("*.sql")):
        if bestand.name in gedaan:
            continue
        # Two processes may open a new file at once: every schema file is idempotent on its
        # own (IF NOT EXISTS), and the record of it is insert-or-ignore.
        con.executescript(
            "begin immediate;\n"
            + bestand.read_text(encoding="utf-8")
            + "\ninsert or ignore into toegepaste_schemas values ("
            + f"'{bestand.name}', strftime('%Y-%m-%dT%H:%M:%S', 'now'));\ncommit;"
        )


@contextmanager
def verbinding(db_pad: str | Path | None = None) -> Iterator[sqlite3.Connection]:
    """A short connection (autocommit; use `with transactie(con):` to group writes)."""
    bestand = pad(db_pad)
    _maak_bestand(bestand)
    try:
        con = sqlite3.connect(bestand, timeout=WACHTTIJD_SECONDEN, isolation_level=None)
    except sqlite3.Error as fout:
        raise BeheeropslagFout(
            f"De beheeropslag {bestand} kan niet worden geopend: {fout}"
        ) from fout
    try:
        con.row_factory = sqlite3.Row
        con.execute("pragma journal_mode = wal")
        # An audit row that was acknowledged must survive a power cut.
        con.execute("pragma synchronous = full")
        con.execute("pragma foreign_keys = on")
        _pas_schema_toe(con)
        yield con
    finally:
        con.close()


@contextmanager
def transactie(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error: all or nothing, writers queue."""
    con.execute("begin immediate")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
