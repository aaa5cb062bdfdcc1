"""Staging holds the current state of toewijzingen and zorgperiodes (migration 0007).

Two places compute it: the migration for a database that already has rows, and the loader
for every later load (`load_file.werk_huidige_stand_bij`). Both must give the same state for
the same deliveries: the newest version of a toewijzing; per zorgperiode the last start and
the last stop together, a withdrawal (StatusAanlevering 3) taking back the one it names.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import database
from pipelines.ingest.load_file import laad_bestand
from pipelines.privacy import Pseudonimiseerder
from tests.conftest import TEST_SLEUTEL, schrijf_csv

CLIENT = "C-1"
BASIS = {"gemeentecode": "0405", "aanbieder_agb": "41000001", "client_id": CLIENT}

# Two versions of T1 (the later one shortens it) and one version of T2.
TOEWIJZINGEN = [
    {"toewijzingnummer": "T1", "toewijzingsdatum": "2024-01-01", "einddatum": "2024-12-31"},
    {"toewijzingnummer": "T1", "toewijzingsdatum": "2024-06-01", "einddatum": "2024-06-30"},
    {"toewijzingnummer": "T2", "toewijzingsdatum": "2024-01-01", "einddatum": ""},
]
# T1: a start and later its stop; T2: a start that is withdrawn; T1 again: a second period
# whose stop is withdrawn, so it is open again.
# (toewijzingnummer, begindatum, einddatum, StatusAanlevering)
ZORGPERIODES = [
    dict(zip(("toewijzingnummer", "begindatum", "einddatum", "status"), r, strict=True))
    for r in [
        ("T1", "2024-01-08", "", "1"),
        ("T1", "2024-01-08", "2024-06-30", "1"),
        ("T2", "2024-02-01", "", "1"),
        ("T2", "2024-02-01", "", "3"),
        ("T1", "2024-09-01", "", "1"),
        ("T1", "2024-09-01", "2024-10-31", "1"),
        ("T1", "2024-09-01", "2024-10-31", "3"),
    ]
]
VERWACHT_TOEWIJZINGEN = [("T1", "2024-06-01", "2024-06-30"), ("T2", "2024-01-01", None)]
VERWACHT_ZORGPERIODES = [("T1", "2024-01-08", "2024-06-30"), ("T1", "2024-09-01", None)]


def _toewijzing(r: dict[str, str]) -> dict[str, str]:
    return {
        **BASIS,
        "toewijzingnummer": r["toewijzingnummer"],
        "productcategorie": "02",
        "ingangsdatum": "2024-01-01",
        "einddatum": r["einddatum"],
        "toewijzingsdatum": r["toewijzingsdatum"],
    }


def _zorgperiode(r: dict[str, str]) -> dict[str, str]:
    return {
        **BASIS,
        "toewijzingnummer": r["toewijzingnummer"],
        "begindatum": r["begindatum"],
        "einddatum": r["einddatum"],
        "status_aanlevering": r["status"],
    }


def _stand(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[object, ...]], ...]:
    toewijzingen = con.execute(
        "SELECT toewijzingnummer, CAST(toewijzingsdatum AS VARCHAR), CAST(einddatum AS VARCHAR) "
        "FROM staging.toewijzingen ORDER BY ALL"
    ).fetchall()
    zorgperiodes = con.execute(
        "SELECT toewijzingnummer, CAST(begindatum AS VARCHAR), CAST(einddatum AS VARCHAR) "
        "FROM staging.zorgperiodes ORDER BY ALL"
    ).fetchall()
    return toewijzingen, zorgperiodes


def test_lader_houdt_de_geldende_stand_bij(tmp_path: Path) -> None:
    con = database.open_for_writing(tmp_path / "db.duckdb")
    pseudo = Pseudonimiseerder(TEST_SLEUTEL.encode())
    # Each delivery in its own file, in order: later files win, as later messages do.
    for nummer, rij in enumerate(TOEWIJZINGEN):
        pad = tmp_path / f"toewijzingen_{nummer}.csv"
        schrijf_csv(pad, [_toewijzing(rij)])
        laad_bestand(con, pad, pseudo)
    for nummer, rij in enumerate(ZORGPERIODES):
        pad = tmp_path / f"zorgperiodes_{nummer}.csv"
        schrijf_csv(pad, [_zorgperiode(rij)])
        laad_bestand(con, pad, pseudo)

    assert _stand(con) == (VERWACHT_TOEWIJZINGEN, VERWACHT_ZORGPERIODES)
    # Nothing delivered is lost: every row stays in the history tables.
    assert con.execute("SELECT count(*) FROM staging.toewijzingen_versies").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM staging.zorgperiode_meldingen").fetchone() == (7,)
    con.close()


def test_migratie_0007_geeft_dezelfde_stand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database from before 0007, its staging holding every delivery, gets the same state."""
    db = tmp_path / "db.duckdb"
    alle = database.migrations()
    monkeypatch.setattr(database, "migrations", lambda: [m for m in alle if m[0] < 7])
    con = duckdb.connect(str(db))
    database.migrate(con)
    for bestand_id, rij in enumerate(TOEWIJZINGEN, start=1):
        t = _toewijzing(rij)
        con.execute(
            "INSERT INTO staging.toewijzingen (bestand_id, regelnummer, toewijzingnummer, "
            "client_id, gemeentecode, aanbieder_agb, productcategorie, ingangsdatum, einddatum, "
            "toewijzingsdatum, rij_hash) VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                bestand_id,
                t["toewijzingnummer"],
                t["client_id"],
                t["gemeentecode"],
                t["aanbieder_agb"],
                t["productcategorie"],
                t["ingangsdatum"],
                t["einddatum"] or None,
                t["toewijzingsdatum"],
                f"t{bestand_id}",
            ],
        )
    for bestand_id, rij in enumerate(ZORGPERIODES, start=10):
        z = _zorgperiode(rij)
        con.execute(
            "INSERT INTO staging.zorgperiodes (bestand_id, regelnummer, toewijzingnummer, "
            "gemeentecode, aanbieder_agb, client_id, begindatum, einddatum, status_aanlevering, "
            "rij_hash) VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                bestand_id,
                z["toewijzingnummer"],
                z["gemeentecode"],
                z["aanbieder_agb"],
                z["client_id"],
                z["begindatum"],
                z["einddatum"] or None,
                z["status_aanlevering"],
                f"z{bestand_id}",
            ],
        )
    con.close()
    monkeypatch.setattr(database, "migrations", lambda: alle)

    con = database.open_for_writing(db)
    assert _stand(con) == (VERWACHT_TOEWIJZINGEN, VERWACHT_ZORGPERIODES)
    assert con.execute("SELECT count(*) FROM staging.toewijzingen_versies").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM staging.zorgperiode_meldingen").fetchone() == (7,)
    con.close()
