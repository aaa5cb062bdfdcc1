"""Incremental models (`-- incrementeel: bestand_id`): a run that only adds the rows of new
files and removes those of retracted ones ends with exactly the table a full rebuild makes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.contract import TABELLEN
from pipelines.database import open_for_writing
from pipelines.ingest.load_file import laad_bestand
from pipelines.privacy import Pseudonimiseerder
from pipelines.settings import SQL_DIR
from pipelines.sql_runner import RunMislukt, draai, lees_drempels
from tests.sql.kleine_regio import declaratie

MODEL = "stg_declaraties"


@pytest.fixture
def sql_map(tmp_path: Path) -> Path:
    """Only the incremental model and the macros: the rest of the pipeline is not under test."""
    map_ = tmp_path / "sql"
    (map_ / "staging").mkdir(parents=True)
    shutil.copy(SQL_DIR / "staging" / f"{MODEL}.sql", map_ / "staging")
    shutil.copy(SQL_DIR / "macros.sql", map_)
    return map_


@pytest.fixture
def schrijver(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return open_for_writing(tmp_path / "incrementeel.duckdb")


def _laad(con: duckdb.DuckDBPyConnection, pad: Path, referenties: list[str]) -> int:
    kolommen = list(TABELLEN["declaraties"].kolomnamen)
    with pad.open("w", encoding="utf-8", newline="") as handle:
        schrijver = csv.DictWriter(handle, fieldnames=kolommen)
        schrijver.writeheader()
        for maand, referentie in enumerate(referenties, start=1):
            rij = declaratie(referentie, f"C{referentie}", "T1", maand=maand)
            schrijver.writerow({k: rij.get(k, "") for k in kolommen})
    resultaat = laad_bestand(con, pad, Pseudonimiseerder(b"test"))
    assert resultaat.rijen_geladen == len(referenties)
    return int(
        con.execute(
            "SELECT bestand_id FROM beheer.laadregister WHERE bestandsnaam = ?", [pad.name]
        ).fetchone()[0]  # type: ignore[index]
    )


def _draai(con: duckdb.DuckDBPyConnection, sql_map: Path, *, volledig: bool = False) -> None:
    draai(con, sql_dir=sql_map, drempels=lees_drempels(), volledig=volledig)


def _verschil_met_volledig(con: duckdb.DuckDBPyConnection, sql_map: Path) -> list[tuple]:
    """Rows in which the table differs from the model's SELECT (both directions, with counts)."""
    sql = (sql_map / "staging" / f"{MODEL}.sql").read_text(encoding="utf-8")
    return con.execute(
        f"""
        (SELECT 'alleen in tabel', *
         FROM (SELECT * FROM stg.{MODEL} EXCEPT ALL SELECT * FROM ({sql})))
        UNION ALL
        (SELECT 'alleen volledig', *
         FROM (SELECT * FROM ({sql}) EXCEPT ALL SELECT * FROM stg.{MODEL}))
        """
    ).fetchall()


def _aantal(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute(f"SELECT count(*) FROM stg.{MODEL}").fetchone()[0])  # type: ignore[index]


def test_nieuw_en_ingetrokken_bestand_gelijk_aan_volledig(
    schrijver: duckdb.DuckDBPyConnection, sql_map: Path, tmp_path: Path
) -> None:
    con = schrijver
    a = _laad(con, tmp_path / "declaraties_a.csv", ["A1", "A2", "A3"])
    b = _laad(con, tmp_path / "declaraties_b.csv", ["B1", "B2"])
    _draai(con, sql_map)
    assert _aantal(con) == 5
    assert _verschil_met_volledig(con, sql_map) == []

    # A new month arrives: only its rows are added.
    _laad(con, tmp_path / "declaraties_c.csv", ["C1", "C2", "C3", "C4"])
    _draai(con, sql_map)
    assert _aantal(con) == 9
    assert _verschil_met_volledig(con, sql_map) == []

    # File b is retracted, and one line of file a is superseded (removed from staging).
    con.execute("DELETE FROM staging.declaraties WHERE bestand_id = ?", [b])
    con.execute(
        "DELETE FROM staging.declaraties WHERE bestand_id = ? AND referentienummer = 'A2'", [a]
    )
    _draai(con, sql_map)
    assert _aantal(con) == 6
    assert _verschil_met_volledig(con, sql_map) == []

    # A replacement for b under a new name: new rows with the same references.
    _laad(con, tmp_path / "declaraties_b2.csv", ["B1", "B2", "B3"])
    _draai(con, sql_map)
    assert _aantal(con) == 9
    assert _verschil_met_volledig(con, sql_map) == []


def test_bestaande_bestanden_worden_niet_opnieuw_berekend_behalve_met_volledig(
    schrijver: duckdb.DuckDBPyConnection, sql_map: Path, tmp_path: Path
) -> None:
    """Proof that the run is incremental: a marked row of an unchanged file survives a run,
    and `volledig` (as a changed model) rebuilds it away."""
    con = schrijver
    _laad(con, tmp_path / "declaraties_a.csv", ["A1", "A2"])
    _draai(con, sql_map)
    con.execute(f"UPDATE stg.{MODEL} SET productcode = 'MERK' WHERE referentienummer = 'A1'")
    _laad(con, tmp_path / "declaraties_b.csv", ["B1"])
    _draai(con, sql_map)
    assert _aantal(con) == 3
    gemerkt = f"SELECT count(*) FROM stg.{MODEL} WHERE productcode = 'MERK'"
    assert con.execute(gemerkt).fetchone() == (1,)

    _draai(con, sql_map, volledig=True)
    assert con.execute(gemerkt).fetchone() == (0,)
    assert _verschil_met_volledig(con, sql_map) == []

    # A changed model (here: its text) is rebuilt in full too.
    con.execute(f"UPDATE stg.{MODEL} SET productcode = 'MERK' WHERE referentienummer = 'A1'")
    pad = sql_map / "staging" / f"{MODEL}.sql"
    pad.write_text(pad.read_text(encoding="utf-8") + "\n-- gewijzigd\n", encoding="utf-8")
    _draai(con, sql_map)
    assert con.execute(gemerkt).fetchone() == (0,)


def test_incrementeel_model_dat_meer_leest_wordt_geweigerd(
    schrijver: duckdb.DuckDBPyConnection, sql_map: Path
) -> None:
    (sql_map / "staging" / "stg_dubbel.sql").write_text(
        "-- incrementeel: bestand_id\n"
        "select d.* from staging.declaraties as d join staging.toewijzingen as t "
        "on t.toewijzingnummer = d.toewijzingnummer\n",
        encoding="utf-8",
    )
    with pytest.raises(RunMislukt, match="precies één tabel uit staging"):
        _draai(schrijver, sql_map)


def test_onbekende_sleutel_wordt_geweigerd(
    schrijver: duckdb.DuckDBPyConnection, sql_map: Path
) -> None:
    (sql_map / "staging" / "stg_periode.sql").write_text(
        "-- incrementeel: maand\nselect * from staging.declaraties\n", encoding="utf-8"
    )
    with pytest.raises(RunMislukt, match="alleen 'bestand_id'"):
        _draai(schrijver, sql_map)


def test_incrementeel_nee_is_een_gewoon_model(
    schrijver: duckdb.DuckDBPyConnection, sql_map: Path, tmp_path: Path
) -> None:
    """`incrementeel: nee, <reden>` documents why; the model is rebuilt in full every run."""
    (sql_map / "staging" / "stg_telling.sql").write_text(
        "-- incrementeel: nee, telt over alle bestanden\n"
        "select count(*) as aantal from staging.declaraties\n",
        encoding="utf-8",
    )
    _laad(schrijver, tmp_path / "declaraties_a.csv", ["A1"])
    _draai(schrijver, sql_map)
    _laad(schrijver, tmp_path / "declaraties_b.csv", ["B1", "B2"])
    _draai(schrijver, sql_map)
    assert schrijver.execute("SELECT aantal FROM stg.stg_telling").fetchone() == (3,)
