"""Shared fixtures: a fresh database per test and a fixed pseudonymisation key."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.ingest.load_file import LaadResultaat, laad_bestand
from pipelines.privacy import Pseudonimiseerder

FIXTURES = Path(__file__).parent / "fixtures"
# A fixed, strong test key (64 hex = 256 bits); weak keys are refused.
TEST_SLEUTEL = "5f1c0a3e9b7d42c8a6e0f3b19d7c5a2e8b4f6d0c1a3e5b7d9f2c4a6e8b0d1f3a"


@pytest.fixture(autouse=True)
def vaste_sleutel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch the developer's own key file from a test.
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(tmp_path / "sleutel"))
    monkeypatch.delenv("SIGNAALMONITOR_DB", raising=False)


@pytest.fixture(scope="session", autouse=True)
def demo_database_opruimen() -> Iterator[None]:
    """The shared demo database (tests/dashboard/demo_db.py) is removed once, when the session
    (one xdist worker) ends, whichever test files used it."""
    yield
    from tests.dashboard.demo_db import opruimen

    opruimen()


@pytest.fixture
def db_pad(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def con(db_pad: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    verbinding = open_for_writing(db_pad)
    yield verbinding
    verbinding.close()


@pytest.fixture
def pseudo() -> Pseudonimiseerder:
    return Pseudonimiseerder(TEST_SLEUTEL.encode())


@pytest.fixture
def laad(con: duckdb.DuckDBPyConnection, pseudo: Pseudonimiseerder):  # type: ignore[no-untyped-def]
    def _laad(pad: Path) -> LaadResultaat:
        return laad_bestand(con, pad, pseudo)

    return _laad


def rijen(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


def rijen_uit(db: Path, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    """The rows of one query on a database file, opened read-only for just this query."""
    with duckdb.connect(str(db), read_only=True) as verbinding:
        return verbinding.execute(sql, parameters).fetchall()


def schrijf_csv(pad: Path, rijen: Sequence[Mapping[str, str]]) -> None:
    """A UTF-8 CSV file with the keys of the first row as its header."""
    with pad.open("w", encoding="utf-8", newline="") as handle:
        schrijver = csv.DictWriter(handle, fieldnames=list(rijen[0]))
        schrijver.writeheader()
        schrijver.writerows(rijen)


def python_proces(
    *argumenten: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python ARGUMENTEN` with this interpreter in a child process, output captured as text.

    A failing exit code is returned, not raised: the tests assert on it and on the message.
    """
    return subprocess.run(
        [sys.executable, *argumenten],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
