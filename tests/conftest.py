"""Shared fixtures: a fresh database per test and a fixed pseudonymisation key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.ingest.load_file import LaadResultaat, laad_bestand
from pipelines.ingest.pseudonymise_bsn import Pseudonimiseerder

FIXTURES = Path(__file__).parent / "fixtures"
TEST_SLEUTEL = "testsleutel-niet-voor-productie"


@pytest.fixture(autouse=True)
def vaste_sleutel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch the developer's own key file from a test.
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(tmp_path / "sleutel"))
    monkeypatch.delenv("SIGNAALMONITOR_DB", raising=False)


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
