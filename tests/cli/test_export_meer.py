"""`signaalmonitor export meer` (#14): a region's staging in a shared Parquet lake, readable
across regions with hive partitioning, idempotent per region, and safe against hostile names."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.exports.meer import MEER_TABELLEN, MeerGeweigerd, controleer_regio, schrijf_meer
from tests.conftest import python_proces, rijen_uit
from tests.dashboard.demo_db import cli_omgeving, demo_database


def _meer(db: Path, map_: Path, *argumenten: str):  # type: ignore[no-untyped-def]
    omgeving = cli_omgeving(db.parent) | {
        "SIGNAALMONITOR_BEHEER_DB": str(map_.parent / "beheer.sqlite")
    }
    return python_proces(
        "-m", "pipelines.cli", "export", "meer", "--db", str(db), "--out", str(map_),
        *argumenten, env=omgeving,
    )  # fmt: skip


def _lees(meer: Path, tabel: str, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect() as con:
        con.execute(
            "CREATE TABLE t AS SELECT * FROM read_parquet(?, hive_partitioning = true)",
            [str(meer / tabel / "*" / "**" / "*.parquet")],
        )
        return con.execute(sql).fetchall()


def test_twee_regios_naast_elkaar_en_opnieuw_schrijven_vervangt_alleen_de_eigen(
    tmp_path: Path,
) -> None:
    db = demo_database()
    meer = tmp_path / "meer"
    for regio in ("lekstroom", "midden-holland", "lekstroom"):
        uitkomst = _meer(db, meer, "--regio", regio)
        assert uitkomst.returncode == 0, uitkomst.stderr
        assert "declaraties:" in uitkomst.stdout
    (regels,) = rijen_uit(db, "SELECT count(*) FROM stg.stg_declaraties")
    per_regio = dict(_lees(meer, "declaraties", "SELECT regio, count(*) FROM t GROUP BY regio"))
    # Written twice, lekstroom is still there once: the partition was replaced, not appended.
    assert per_regio == {"lekstroom": regels[0], "midden-holland": regels[0]}
    jaren = {j for (j,) in _lees(meer, "declaraties", "SELECT DISTINCT jaar FROM t")}
    assert jaren == {j for (j,) in rijen_uit(db, "SELECT DISTINCT jaar FROM stg.stg_declaraties")}
    for tabel in MEER_TABELLEN:
        assert (meer / tabel.naam / "regio=lekstroom").is_dir()
        # Client-level rows: only the owner may enter the region's folder.
        assert (meer / tabel.naam / "regio=lekstroom").stat().st_mode & 0o077 == 0
    # No temporary or old folders stay behind.
    assert not [p for p in meer.rglob(".*")]


def test_geen_bsn_in_het_meer(tmp_path: Path) -> None:
    """The lake holds pseudonyms only: no nine-digit value passing the elfproef in any text
    column of any table."""
    db = demo_database()
    meer = tmp_path / "meer"
    assert _meer(db, meer, "--regio", "west").returncode == 0
    for tabel in MEER_TABELLEN:
        kolommen = _lees(
            meer,
            tabel.naam,
            "SELECT column_name FROM (DESCRIBE t) WHERE column_type = 'VARCHAR'",
        )
        for (kolom,) in kolommen:
            negen_cijfers = _lees(
                meer,
                tabel.naam,
                f"SELECT count(*) FROM t WHERE regexp_matches(\"{kolom}\", '^[0-9]{{9}}$')",
            )
            if tabel.naam != "aanbieders":
                assert negen_cijfers == [(0,)], (tabel.naam, kolom)
    client_ids = _lees(meer, "declaraties", "SELECT DISTINCT client_id FROM t LIMIT 5")
    assert all(len(str(c)) > 9 for (c,) in client_ids)


@pytest.mark.parametrize(
    "regio", ["../buiten", "Lekstroom", "a/b", "", "-x", "x" * 65, "lek stroom", "regio=x", ".."]
)
def test_vijandige_regionaam_geweigerd(regio: str, tmp_path: Path) -> None:
    with pytest.raises(MeerGeweigerd, match="mapnaam"):
        controleer_regio(regio)
    with duckdb.connect() as con, pytest.raises(MeerGeweigerd):
        schrijf_meer(con, tmp_path / "meer", regio)
    assert not (tmp_path / "meer").exists()
    assert not (tmp_path / "buiten").exists()


def test_cli_weigert_in_het_nederlands(tmp_path: Path) -> None:
    db = demo_database()
    zonder_regio = _meer(db, tmp_path / "meer")
    assert zonder_regio.returncode != 0
    assert "--regio" in zonder_regio.stdout + zonder_regio.stderr
    vijandig = _meer(db, tmp_path / "meer", "--regio", "../x")
    assert vijandig.returncode != 0
    assert "mapnaam" in vijandig.stdout + vijandig.stderr
    assert not (tmp_path / "x").exists()


def test_zonder_run_geen_meer(tmp_path: Path) -> None:
    with (
        duckdb.connect(str(tmp_path / "leeg.duckdb")) as con,
        pytest.raises(MeerGeweigerd, match="draai eerst"),
    ):
        schrijf_meer(con, tmp_path / "meer", "west")


def test_zonder_auditregel_geen_meer(tmp_path: Path) -> None:
    """No record, no export: when the audit row cannot be written (the beheeropslag is a
    folder here), the region is removed from the lake again and the user is told why."""
    db = demo_database()
    meer = tmp_path / "meer"
    kapot = tmp_path / "beheer-is-een-map"
    kapot.mkdir()
    omgeving = cli_omgeving(db.parent) | {"SIGNAALMONITOR_BEHEER_DB": str(kapot)}
    uitkomst = python_proces(
        "-m", "pipelines.cli", "export", "meer", "--db", str(db), "--out", str(meer),
        "--regio", "west", env=omgeving,
    )  # fmt: skip
    assert uitkomst.returncode != 0
    assert "niet vastgelegd in het auditlog" in uitkomst.stdout + uitkomst.stderr
    assert not list(meer.rglob("regio=west"))


def test_regiomap_alleen_voor_de_eigenaar_ook_bij_een_ruime_umask(tmp_path: Path) -> None:
    """schrijf_meer itself makes the region's folder 0700; the CLI's umask is no excuse (called
    from a notebook or another tool, the umask may well be 022)."""
    import os

    vorige = os.umask(0o022)
    try:
        with duckdb.connect(str(demo_database()), read_only=True) as con:
            schrijf_meer(con, tmp_path / "meer", "west")
    finally:
        os.umask(vorige)
    for tabel in MEER_TABELLEN:
        assert (tmp_path / "meer" / tabel.naam / "regio=west").stat().st_mode & 0o077 == 0
