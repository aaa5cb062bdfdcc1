"""A small demo database for the dashboard tests, built once per test session.

Built the way a user builds one: the seeded demo generator, then `signaalmonitor ingest` and
`signaalmonitor run` as subprocesses (so the tests exercise the real CLI and sql/rollen.sql).
Shared by tests/dashboard (AppTest) and tests/e2e (Chromium).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb

from pipelines.demo.generate_region import genereer_regio
from pipelines.rolbestanden import publiceer
from pipelines.rollen import ROLLEN
from pipelines.settings import rolbestand_pad
from tests.conftest import TEST_SLEUTEL, python_proces

AANTAL_AANBIEDERS = 30
AANTAL_CLIENTEN = 800

_GEBOUWD: dict[str, Path] = {}


def cli_omgeving(map_: Path) -> dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if k != "SIGNAALMONITOR_DB"}
    omgeving["SIGNAALMONITOR_PSEUDO_KEY"] = TEST_SLEUTEL
    omgeving["SIGNAALMONITOR_PSEUDO_KEY_FILE"] = str(map_ / "sleutel")
    return omgeving


def signaalmonitor(*argumenten: str, map_: Path) -> subprocess.CompletedProcess[str]:
    uitkomst = python_proces("-m", "pipelines.cli", *argumenten, env=cli_omgeving(map_))
    if uitkomst.returncode != 0:
        raise RuntimeError(
            f"signaalmonitor {' '.join(argumenten)} faalde:\n{uitkomst.stdout}\n{uitkomst.stderr}"
        )
    return uitkomst


def demo_database() -> Path:
    """Path of the session's demo database (read-only use; copy it before writing)."""
    if "demo" not in _GEBOUWD:
        map_ = Path(tempfile.mkdtemp(prefix="signaalmonitor-dashboard-"))
        genereer_regio(
            map_ / "regio", aantal_aanbieders=AANTAL_AANBIEDERS, aantal_clienten=AANTAL_CLIENTEN
        )
        db = map_ / "demo.duckdb"
        signaalmonitor("ingest", str(map_ / "regio" / "bron"), "--db", str(db), map_=map_)
        signaalmonitor("run", "--db", str(db), map_=map_)
        _GEBOUWD["demo"] = db
    return _GEBOUWD["demo"]


def lege_berekende_database(map_: Path) -> Path:
    """A database with nothing loaded on which `run` has been done: every mart is empty."""
    db = map_ / "leeg.duckdb"
    signaalmonitor("run", "--db", str(db), map_=map_)
    return db


def kopie(bron: Path, map_: Path) -> Path:
    """A copy of the database and of the role files `run` published next to it."""
    doel = map_ / bron.name
    shutil.copyfile(bron, doel)
    for rol in ROLLEN:
        rolbestand = rolbestand_pad(bron, rol)
        if rolbestand.exists():
            shutil.copyfile(rolbestand, rolbestand_pad(doel, rol))
    return doel


def publiceer_opnieuw(db: Path) -> None:
    """Publish the role files again after a test changed the full database by hand.

    The dashboard reads only the role files; `run` and `ingest` publish them, a hand-made
    change to the database needs this step to reach the dashboard, like it would in use.
    """
    with duckdb.connect(str(db)) as con:
        publiceer(con, db)


def opruimen() -> None:
    for db in _GEBOUWD.values():
        shutil.rmtree(db.parent, ignore_errors=True)
    _GEBOUWD.clear()
