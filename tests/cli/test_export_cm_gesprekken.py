"""`signaalmonitor export cm-gesprekken` (#13) as a user runs it: on the demo database, with a
signal in investigation in the beheeropslag, an audit row and Dutch refusals."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.beheeropslag import audit, werkvoorraad
from pipelines.rollen import CONTRACTMANAGEMENT
from pipelines.settings import rolbestand_pad
from tests.conftest import python_proces
from tests.dashboard.demo_db import cli_omgeving, demo_database


def _export(db: Path, beheer: Path, *argumenten: str):  # type: ignore[no-untyped-def]
    omgeving = cli_omgeving(db.parent) | {"SIGNAALMONITOR_BEHEER_DB": str(beheer)}
    return python_proces(
        "-m",
        "pipelines.cli",
        "export",
        "cm-gesprekken",
        "--db",
        str(db),
        *argumenten,
        env=omgeving,
    )


def test_pakket_via_cli_zonder_signaal_in_onderzoek(tmp_path: Path) -> None:
    db = demo_database()
    beheer = tmp_path / "eigen.beheer.sqlite"
    # The beheeropslag functions take the database path and find `<db>.beheer.sqlite` beside it.
    naast = tmp_path / "eigen.duckdb"
    with duckdb.connect(str(rolbestand_pad(db, CONTRACTMANAGEMENT)), read_only=True) as con:
        signaal_id, agb = con.execute(
            "select signaal_id, aanbieder_agb from signalen where jaar = 2025 and gemarkeerd "
            "order by signaal_id limit 1"
        ).fetchall()[0]

    voor = _export(db, beheer, "--periode", "2025-H2", "--out", str(tmp_path / "voor"))
    assert voor.returncode == 0, voor.stderr
    assert "aanbieders: rapport en werkmap" in voor.stdout
    werkvoorraad.wijzig(
        signaal_id, werkvoorraad.IN_ONDERZOEK, gebruiker="pytest", rol="toezicht", db_pad=naast
    )
    na = _export(db, beheer, "--periode", "2025-H2", "--out", str(tmp_path / "na"))
    assert na.returncode == 0, na.stderr

    def aantallen(map_: Path) -> dict[str, int]:
        index = pl.read_csv(map_ / "index.csv", schema_overrides={"aanbieder_agb": pl.String})
        for r in index.iter_rows(named=True):
            assert (map_ / r["rapport"]).is_file() and (map_ / r["werkmap"]).is_file()
        return dict(zip(index["aanbieder_agb"], index["aantal_gemarkeerde_signalen"], strict=True))

    assert aantallen(tmp_path / "na")[agb] == aantallen(tmp_path / "voor")[agb] - 1
    regels = list(audit.lees(actie=audit.EXPORT_GEDOWNLOAD, db_pad=naast))
    assert [(r.rol, r.onderwerp) for r in regels] == [
        ("contractmanagement (CLI)", "cm-gesprekken 2025-H2"),
        ("contractmanagement (CLI)", "cm-gesprekken 2025-H2"),
    ]


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (("--periode", "2025-H3"), "halfjaar"),
        ((), "--periode"),
        (("--periode", "1999"), "geen aanbieders met declaraties"),
    ],
)
def test_onjuiste_periode_geweigerd(
    tmp_path: Path, argumenten: tuple[str, ...], melding: str
) -> None:
    uitkomst = _export(
        demo_database(), tmp_path / "b.sqlite", *argumenten, "--out", str(tmp_path / "pak")
    )
    assert uitkomst.returncode == 1
    assert melding in uitkomst.stderr
    assert not (tmp_path / "pak").exists()


def test_out_is_een_bestand_geweigerd(tmp_path: Path) -> None:
    bestand = tmp_path / "geen_map.txt"
    bestand.write_text("x")
    uitkomst = _export(
        demo_database(), tmp_path / "b.sqlite", "--periode", "2025", "--out", str(bestand)
    )
    assert uitkomst.returncode == 1 and "geen map" in uitkomst.stderr
