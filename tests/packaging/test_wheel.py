"""The wheel carries everything the program needs: installed without the checkout on the path,
it generates, loads, computes and exports a region from a working directory elsewhere."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import TEST_SLEUTEL, python_proces

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wiel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = tmp_path_factory.mktemp("wiel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(map_), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (gebouwd,) = map_.glob("signaalmonitor_wmo-*.whl")
    return gebouwd


def test_wiel_bevat_sql_referentie_en_dashboard_maar_geen_bench(wiel: Path) -> None:
    namen = set(zipfile.ZipFile(wiel).namelist())
    for nodig in (
        "pipelines/_bundel/sql/marts/mart_aanbieder_risico.sql",
        "pipelines/_bundel/referentie/drempels.toml",
        "pipelines/_bundel/referentie/producten.csv",
        "pipelines/migrations/0001_lagen_en_laadregister.sql",
        "dashboard/app.py",
        "dashboard/.streamlit/config.toml",
    ):
        assert nodig in namen, nodig
    assert not [n for n in namen if "bench" in n]


def test_geinstalleerd_wiel_werkt_buiten_de_checkout(wiel: Path, tmp_path: Path) -> None:
    doel = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(doel),
            str(wiel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # -S: no site processing, so the editable install's .pth (the checkout) is not on the path;
    # the dependencies come from this environment's site-packages, the program from the wheel.
    afhankelijkheden = sysconfig.get_paths()["purelib"]
    omgeving = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(doel), afhankelijkheden]),
        "SIGNAALMONITOR_PSEUDO_KEY": TEST_SLEUTEL,
    }
    werkmap = tmp_path / "elders"
    werkmap.mkdir()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        programma = "from pipelines.cli import main; main()"
        return python_proces("-S", "-c", programma, *args, env=omgeving, cwd=werkmap, timeout=600)

    waar = cli("--help")
    assert waar.returncode == 0, waar.stderr
    herkomst = python_proces(
        "-S",
        "-c",
        "import pipelines, dashboard; print(pipelines.__file__)",
        env=omgeving,
        cwd=werkmap,
    )
    assert herkomst.returncode == 0, herkomst.stderr
    assert herkomst.stdout.startswith(str(doel)), herkomst.stdout

    demo = cli("demo", "--aanbieders", "30", "--clienten", "400")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert (werkmap / "data" / "signaalmonitor.duckdb").exists()
    opnieuw = cli("ingest", "data/demo/bron")
    assert opnieuw.returncode == 0, opnieuw.stderr
    assert cli("run").returncode == 0
    export = cli("export", "signalen", "--out", "signalen.csv")
    assert export.returncode == 0, export.stderr
    with (werkmap / "signalen.csv").open(encoding="utf-8") as handle:
        rijen = list(csv.DictReader(handle))
    assert rijen and "signaal_id" in rijen[0]
