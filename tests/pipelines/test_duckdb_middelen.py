"""DuckDB's memory, threads and spill folder for the writer: from the machine or the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines import settings
from pipelines.database import open_for_writing
from pipelines.settings import (
    GEHEUGEN_ENV,
    TEMP_MAP_ENV,
    THREADS_ENV,
    OngeldigeInstelling,
    duckdb_middelen,
    lees_geheugen,
)

GIB = 1024**3


def test_zonder_instellingen_volgt_de_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    for naam in (GEHEUGEN_ENV, THREADS_ENV, TEMP_MAP_ENV):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setattr(settings, "werkgeheugen_bytes", lambda: 20 * GIB)
    monkeypatch.setattr(settings, "beschikbare_kernen", lambda: 6)
    middelen = duckdb_middelen(Path("/data/regio.duckdb"))
    assert middelen.geheugen_bytes == int(20 * GIB * 0.25)
    assert middelen.threads == 6
    assert middelen.temp_map == Path("/data/regio.duckdb.tmp")


def test_omgeving_wint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(settings, "werkgeheugen_bytes", lambda: 16 * GIB)
    monkeypatch.setenv(GEHEUGEN_ENV, "50%")
    monkeypatch.setenv(THREADS_ENV, "3")
    monkeypatch.setenv(TEMP_MAP_ENV, str(tmp_path / "spill"))
    middelen = duckdb_middelen(Path("x.duckdb"))
    assert middelen.geheugen_bytes == 8 * GIB
    assert middelen.threads == 3
    assert middelen.temp_map == tmp_path / "spill"


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("8GB", 8 * 1000**3),
        ("12GiB", 12 * GIB),
        ("4096 MiB", 4 * GIB),
        ("25%", 4 * GIB),
        ("1.5gib", int(1.5 * GIB)),
    ],
)
def test_geheugen_leesbaar(tekst: str, verwacht: int) -> None:
    assert lees_geheugen(tekst, 16 * GIB) == verwacht


@pytest.mark.parametrize(
    "tekst", ["veel", "8XB", "0%", "150%", "-1GB", "1.2.3GB", "100MB", "", ".", ".GB", ".%"]
)
def test_geheugen_onbruikbaar_geweigerd(tekst: str) -> None:
    with pytest.raises(OngeldigeInstelling, match=GEHEUGEN_ENV):
        lees_geheugen(tekst, 16 * GIB)


@pytest.mark.parametrize("tekst", ["0", "twee", "-2", "1.5"])
def test_threads_onbruikbaar_geweigerd(monkeypatch: pytest.MonkeyPatch, tekst: str) -> None:
    monkeypatch.setenv(THREADS_ENV, tekst)
    with pytest.raises(OngeldigeInstelling, match=THREADS_ENV):
        duckdb_middelen(Path("x.duckdb"))


def test_schrijver_krijgt_de_middelen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(GEHEUGEN_ENV, "700MiB")
    monkeypatch.setenv(THREADS_ENV, "1")
    monkeypatch.delenv(TEMP_MAP_ENV, raising=False)
    db = tmp_path / "regio.duckdb"
    con = open_for_writing(db)
    try:
        waarden = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() "
                "WHERE name IN ('memory_limit', 'threads', 'temp_directory', "
                "'enable_progress_bar')"
            ).fetchall()
        )
    finally:
        con.close()
    assert waarden["threads"] == "1"
    # No DuckDB progress bars through the CLI's own Dutch status line (or in a log).
    assert waarden["enable_progress_bar"] == "false"
    assert waarden["memory_limit"] == "700.0 MiB"
    assert waarden["temp_directory"] == str(tmp_path / "regio.duckdb.tmp")
