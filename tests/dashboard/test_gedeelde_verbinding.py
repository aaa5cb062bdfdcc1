"""#14: one shared read-only database per role file, a cursor per query, renewed on publication.

The dashboard no longer opens the role file for every query; these tests hold what that must
not change: a new publication (`run` replaces the file with os.replace) is read by the next
query, a cursor that was reading the old file keeps working, the role file is still the only
database a query sees, and concurrent sessions (threads) can read at the same time.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from dashboard import roles
from dashboard.queries import verbinding
from pipelines.settings import rolbestand_pad
from tests.dashboard.demo_db import kopie

ROL = roles.CONTROL


@pytest.fixture
def eigen_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = kopie(demo_db, tmp_path)
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", ROL)
    return db


def _publiceer_met_merkteken(db: Path, merkteken: str) -> None:
    """Replace the role file as `run` does (new file, os.replace) with a marker table added."""
    doel = rolbestand_pad(db, ROL)
    nieuw = doel.with_name(doel.name + ".nieuw")
    nieuw.write_bytes(doel.read_bytes())
    nieuw.chmod(0o600)
    con = duckdb.connect(str(nieuw))
    try:
        con.execute("create or replace table merkteken as select ? as waarde", [merkteken])
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(nieuw, doel)


def test_een_nieuwe_publicatie_wordt_bij_de_volgende_query_gelezen(eigen_db: Path) -> None:
    runs = verbinding.lees(ROL, ("runs",), "select count(*) as n from runs")
    assert runs["n"][0] >= 1
    with verbinding.leesverbinding(ROL) as oud:
        # A session that is still reading the old file while `run` publishes a new one.
        _publiceer_met_merkteken(eigen_db, "tweede publicatie")
        with pytest.raises(duckdb.CatalogException):
            oud.execute("select * from merkteken").fetchall()
        with verbinding.leesverbinding(ROL) as nieuw:
            assert nieuw.execute("select waarde from merkteken").fetchall() == [
                ("tweede publicatie",)
            ]
        # The old cursor was not closed under its session.
        assert oud.execute("select count(*) from runs").fetchall()[0][0] >= 1


def test_queries_delen_een_database_en_zien_alleen_het_rolbestand(eigen_db: Path) -> None:
    with verbinding.leesverbinding(ROL) as eerste, verbinding.leesverbinding(ROL) as tweede:
        # One database instance: a temporary table of one cursor is not in the other, but
        # the catalog (the role file) is the same object.
        paden = [
            c.execute(
                "select path from duckdb_databases() where database_name = current_database()"
            ).fetchall()
            for c in (eerste, tweede)
        ]
        aantallen = [
            c.execute("select count(*) from duckdb_databases() where not internal").fetchall()
            for c in (eerste, tweede)
        ]
    assert paden == [[(str(rolbestand_pad(eigen_db, ROL)),)]] * 2
    assert aantallen == [[(1,)]] * 2
    gedeeld = verbinding._GEDEELD[str(rolbestand_pad(eigen_db, ROL))][1]
    # Reads never open the file again while it is unchanged.
    verbinding.lees(ROL, ("runs",), "select 1 as een")
    assert verbinding._GEDEELD[str(rolbestand_pad(eigen_db, ROL))][1] is gedeeld


def test_gelijktijdige_sessies_lezen_tegelijk(eigen_db: Path) -> None:
    """Threads (Streamlit's sessions) each get their own cursor; all answers are right."""
    verwacht = verbinding.lees(ROL, ("trends",), "select count(*) as n from trends")["n"][0]

    def tel(_: int) -> int:
        return int(verbinding.lees(ROL, ("trends",), "select count(*) as n from trends")["n"][0])

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(tel, range(64))) == [verwacht] * 64


def test_lees_threads_volgt_de_machine_en_de_omgeving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(verbinding.THREADS_ENV, "3")
    assert verbinding.lees_threads() == 3
    monkeypatch.setenv(verbinding.THREADS_ENV, "nul")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert verbinding.lees_threads() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    assert verbinding.lees_threads() == 4


def test_weggehaald_rolbestand_is_niet_beschikbaar(eigen_db: Path) -> None:
    verbinding.lees(ROL, ("runs",), "select 1 as een")
    rolbestand_pad(eigen_db, ROL).unlink()
    with pytest.raises(verbinding.NietBeschikbaar):
        verbinding.lees(ROL, ("runs",), "select 1 as een")


def test_gedeelde_cache_geeft_geen_rijen_van_een_andere_rol(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evidence cached for toezicht is not handed to a contractmanagement session that asks
    for it under toezicht's name: the role is checked before the shared cache is asked."""
    from dashboard.queries import signaal_bewijs

    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.TOEZICHT)
    versie = verbinding.dataversie(roles.TOEZICHT).sleutel
    signaal_id = verbinding.lees(
        roles.TOEZICHT, ("bewijsregels",), "select any_value(signaal_id) as s from bewijsregels"
    )["s"][0]
    assert signaal_bewijs.bewijsregels(roles.TOEZICHT, versie, signaal_id).height > 0
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    with pytest.raises(roles.GeenToegang):
        signaal_bewijs.bewijsregels(roles.TOEZICHT, versie, signaal_id)
