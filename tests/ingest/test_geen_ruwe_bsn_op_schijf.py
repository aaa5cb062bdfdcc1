"""While raw input (with raw BSNs) sits in the in-memory catalog `laad`, DuckDB may not spill to
disk: a file too large for memory is refused with a Dutch message instead of being written to
the temp folder, and the temp folder is back for `run` afterwards (issue #14, memory settings)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.database import migrate
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.load_file import laad_bestand, laadcatalogus
from pipelines.privacy import Pseudonimiseerder
from tests.conftest import FIXTURES, TEST_SLEUTEL

BSN = "123456782"


def _temp_map(con: duckdb.DuckDBPyConnection) -> str:
    rij = con.execute("SELECT current_setting('temp_directory')").fetchone()
    assert rij is not None
    return str(rij[0])


def _verbinding(map_: Path, geheugen: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        str(map_ / "x.duckdb"),
        config={"memory_limit": geheugen, "temp_directory": str(map_ / "x.tmp"), "threads": 1},
    )
    migrate(con)
    return con


def _groot_bestand(pad: Path, regels: int) -> None:
    with (FIXTURES / "declaraties_klein.csv").open(encoding="utf-8") as bron:
        rijen = list(csv.reader(bron))
    kop, voorbeeld = rijen[0], rijen[1]
    voorbeeld[kop.index("bsn")] = BSN
    with pad.open("w", encoding="utf-8", newline="") as doel:
        schrijver = csv.writer(doel)
        schrijver.writerow(kop)
        for i in range(regels):
            rij = list(voorbeeld)
            rij[kop.index("declaratienummer")] = f"D{i}"
            schrijver.writerow(rij)


def test_laadcatalogus_zet_uitwijken_naar_schijf_uit_en_daarna_terug(tmp_path: Path) -> None:
    con = _verbinding(tmp_path, "1GB")
    voor = _temp_map(con)
    assert voor.endswith("x.tmp")
    with laadcatalogus(con):
        assert _temp_map(con) == ""
    assert _temp_map(con) == voor
    with pytest.raises(RuntimeError), laadcatalogus(con):
        raise RuntimeError("kapot")
    assert _temp_map(con) == voor
    assert not con.execute(
        "SELECT count(*) FROM duckdb_databases() WHERE database_name = 'laad'"
    ).fetchone()[0]


def test_te_groot_bestand_geweigerd_in_het_nederlands_zonder_iets_op_schijf(
    tmp_path: Path,
) -> None:
    con = _verbinding(tmp_path, "30MB")
    pad = tmp_path / "declaraties_groot.csv"
    _groot_bestand(pad, 100_000)
    with pytest.raises(OnleesbaarBestand, match="te groot om in het werkgeheugen") as fout:
        laad_bestand(con, pad, Pseudonimiseerder(TEST_SLEUTEL.encode()))
    assert "SIGNAALMONITOR_GEHEUGEN" in str(fout.value)
    # Nothing was spilled (raw BSNs included) and nothing was loaded.
    tmp = tmp_path / "x.tmp"
    assert not tmp.exists() or not any(tmp.iterdir())
    assert con.execute("SELECT count(*) FROM staging.declaraties").fetchone() == (0,)
    assert _temp_map(con).endswith("x.tmp")


def test_een_gewoon_bestand_laadt_en_run_mag_daarna_weer_uitwijken(tmp_path: Path) -> None:
    con = _verbinding(tmp_path, "1GB")
    pad = tmp_path / "declaraties_gewoon.csv"
    _groot_bestand(pad, 500)
    resultaat = laad_bestand(con, pad, Pseudonimiseerder(TEST_SLEUTEL.encode()))
    assert resultaat.status == "geladen", resultaat.bericht
    assert resultaat.rijen_geladen == 500
    assert _temp_map(con).endswith("x.tmp")
