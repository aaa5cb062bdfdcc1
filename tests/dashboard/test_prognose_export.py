"""`export prognose` on the demo region (#13 acceptance): a row per gemeente × zorgsoort with
index and completion factors, read from the control role's file (small cells suppressed)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import rijen_uit
from tests.dashboard.demo_db import kopie


def test_export_prognose_een_rij_per_gemeente_en_zorgsoort(demo_db: Path, tmp_path: Path) -> None:
    db = kopie(demo_db, tmp_path)
    doel = tmp_path / "uit" / "prognose.xlsx"
    uitkomst = CliRunner().invoke(
        app, ["export", "prognose", "--jaar", "2025", "--out", str(doel), "--db", str(db)]
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    assert doel.stat().st_mode & 0o777 == 0o600
    per_cel = pl.read_excel(doel, sheet_name="Per gemeente en zorgsoort")
    cellen = rijen_uit(
        db,
        "select count(distinct (gemeentecode, perceel)), count(*) filter (where is_afgeschermd) "
        "from rol_control.prognose where jaar = 2025",
    )
    [(aantal, afgeschermd)] = cellen
    assert per_cel.height == aantal > 0
    assert per_cel.select("Gemeente", "Zorgsoort (perceel)").unique().height == aantal
    assert set(per_cel["Index (%)"]) == {2.58}  # prognose_index_procent in drempels.toml
    assert per_cel["Completeringsfactor"].drop_nulls().is_between(0, 1).all()
    # Control's file: a suppressed cell has no amounts, and there is one in the demo.
    assert afgeschermd > 0
    leeg = per_cel.filter(pl.col("Afgeschermd") == "ja")
    assert leeg.height == afgeschermd
    assert leeg["Vermoedelijke kosten"].is_null().all()
    assert not per_cel["Cliënten"].cast(pl.String).is_in(["1", "2", "3", "4"]).any()
    breed = pl.read_excel(doel, sheet_name="Vermoedelijke kosten")
    assert breed["Regel"].str.starts_with("Prijsstijging 2026 2,58%").sum() == (
        per_cel["Zorgsoort (perceel)"].n_unique()
    )

    # --index overrides the default, with two decimals.
    ander = tmp_path / "prognose_index.xlsx"
    uitkomst = CliRunner().invoke(
        app,
        [
            "export",
            "prognose",
            "--jaar",
            "2025",
            "--index",
            "3.125",
            "--out",
            str(ander),
            "--db",
            str(db),
        ],
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    assert set(pl.read_excel(ander, sheet_name="Per gemeente en zorgsoort")["Index (%)"]) == {3.13}


def test_export_prognose_onbekend_jaar(demo_db: Path, tmp_path: Path) -> None:
    db = kopie(demo_db, tmp_path)
    uitkomst = CliRunner().invoke(
        app,
        [
            "export",
            "prognose",
            "--jaar",
            "1999",
            "--out",
            str(tmp_path / "p.xlsx"),
            "--db",
            str(db),
        ],
    )
    assert uitkomst.exit_code == 1
    assert "geen prognose voor 1999" in uitkomst.output
    assert not (tmp_path / "p.xlsx").exists()
