"""A reviewer's beoordeling: saved in a short write, kept across runs, refused while locked."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from dashboard.queries import verbinding as queries
from dashboard.roles import GeenToegang
from tests.conftest import rijen_uit
from tests.dashboard.demo_db import kopie, signaalmonitor


@pytest.fixture
def eigen_db(demo_db: Path, tmp_path: Path) -> Path:
    return kopie(demo_db, tmp_path)


def _notities(db: Path) -> list[tuple[str, str, str]]:
    return rijen_uit(
        db, "select signaal_id, status, notitie from beheer.beoordelingen order by vastgelegd_op"
    )


def test_beoordeling_opslaan_via_pagina_en_bewaard_na_run(
    maak_app: Callable[..., AppTest], eigen_db: Path, tmp_path: Path
) -> None:
    at = maak_app("toezicht", db=eigen_db)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    signaal_id = at.selectbox(key="signaal_keuze").value
    at.selectbox(key="signaal_status").set_value("in onderzoek")
    at.text_area(key="signaal_notitie").input("Dossier opgevraagd bij de aanbieder.")
    at.text_input(key="signaal_beoordelaar").input("JdV")
    next(b for b in at.button if b.label == "Beoordeling opslaan").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("opgeslagen" in s.value for s in at.success)
    assert "**in onderzoek**" in " ".join(m.value for m in at.markdown)
    assert _notities(eigen_db) == [
        (signaal_id, "in onderzoek", "Dossier opgevraagd bij de aanbieder.")
    ]

    # A new run recomputes every signal; the note stays with the same (stable) signal_id.
    signaalmonitor("run", "--db", str(eigen_db), map_=tmp_path)
    assert _notities(eigen_db)[0][0] == signaal_id
    bestaat = rijen_uit(
        eigen_db, "select count(*) from marts.mart_signalen where signaal_id = ?", [signaal_id]
    )
    assert bestaat == [(1,)]
    at.run()
    assert "**in onderzoek**" in " ".join(m.value for m in at.markdown)


def test_beoordelen_mag_alleen_toezicht(eigen_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    with pytest.raises(GeenToegang):
        queries.bewaar_beoordeling(roles.CONTRACTMANAGEMENT, "x", "open", "", "")
    assert _notities(eigen_db) == []


def test_beoordeling_bij_schrijfslot_geeft_nederlandse_melding(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "POGINGEN", 3)
    at = maak_app("toezicht", db=eigen_db)
    at.run()  # a session that has seen the data once (cache warm)
    # Another process holds the write lock on the database, as `signaalmonitor run` would, and
    # on the toezicht file the dashboard reads. `run` never locks a published role file (it
    # writes a new one and moves it into place), so the second lock is the rare case of a
    # reader meeting a lock; the dashboard's answer to it is what this test is about.
    rolbestand = queries.rolbestand(roles.TOEZICHT)
    rolbestand.chmod(0o600)
    houder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
            "rol = duckdb.connect(sys.argv[2]); print('klaar', flush=True); sys.stdin.read()",
            str(eigen_db),
            str(rolbestand),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert houder.stdout is not None and houder.stdout.readline().strip() == "klaar"
        with pytest.raises(queries.DatabaseBezig, match="niet opgeslagen"):
            queries.bewaar_beoordeling(roles.TOEZICHT, "x", "open", "notitie", "")
        with pytest.raises(queries.DatabaseBezig, match="bijgewerkt"):
            queries.dataversie(roles.TOEZICHT)
        # The open session keeps showing what it saw, with a Dutch notice, no traceback.
        at.run()
        assert not at.exception
        assert "wordt bijgewerkt" in at.sidebar.warning[0].value
        assert at.title[0].value == "Overzicht" and at.metric
        # A page that needs something new says the database is busy.
        at.switch_page("app_pages/signaal_bewijs.py").run()
        assert not at.exception
        assert any("bijgewerkt" in w.value for w in at.warning)
    finally:
        houder.communicate("", timeout=30)
    queries.bewaar_beoordeling(roles.TOEZICHT, "x", "open", "notitie", "")
    assert _notities(eigen_db) == [("x", "open", "notitie")]


def test_beoordeling_staat_in_de_rangorde(maak_app: Callable[..., AppTest], eigen_db: Path) -> None:
    """#10: the toezichthouder sees in the ranking how far each provider's flagged signals have
    been reviewed; contractmanagement sees no reviews at all."""
    [(signaal_id, agb, jaar)] = rijen_uit(
        eigen_db,
        "select signaal_id, aanbieder_agb, jaar from marts.mart_signalen where gemarkeerd "
        "order by jaar desc, signaal_id limit 1",
    )
    at = maak_app("toezicht", db=eigen_db, signaal=signaal_id, jaar=str(jaar))
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert at.selectbox(key="signaal_keuze").value == signaal_id
    at.selectbox(key="signaal_status").set_value("in onderzoek")
    at.text_input(key="signaal_beoordelaar").input("JdV")
    next(b for b in at.button if b.label == "Beoordeling opslaan").click().run()
    assert not at.exception

    overzicht = maak_app("toezicht", db=eigen_db, jaar=str(jaar))
    overzicht.run()
    overzicht.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    ranking = overzicht.dataframe[0].value
    rij = ranking.loc[ranking["aanbieder_agb"] == agb].iloc[0]
    assert "in onderzoek: 1" in rij["beoordeling"]

    cm = maak_app("contractmanagement", db=eigen_db, jaar=str(jaar))
    cm.run()
    cm.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    assert "beoordeling" not in cm.dataframe[0].value.columns
