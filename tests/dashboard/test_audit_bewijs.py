"""Every look at and download of client-level evidence is an audit row, written before the
evidence is shown (#12): bewijsregels, signaal per gemeente, vorderingsoverzicht, signalen van
de toegang, the Excel downloads, and `signaalmonitor export`. One row per session per view
of the same evidence (a rerun of the page writes none)."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pipelines.beheeropslag import audit
from pipelines.beheeropslag.opslag import BeheeropslagFout
from tests.conftest import rijen_uit
from tests.dashboard.demo_db import kopie, publiceer_opnieuw, signaalmonitor


@pytest.fixture
def eigen_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SIGNAALMONITOR_BEHEER_DB", raising=False)
    return kopie(demo_db, tmp_path)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The deferred `data` of every download button by key, to play a click."""
    gezien: dict[str, Callable[[], Any]] = {}
    echte = st.download_button

    def _vang(label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        if callable(data) and kwargs.get("key"):
            gezien[kwargs["key"]] = data
        return echte(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", _vang)
    return gezien


def _regels(db: Path, actie: str) -> list[audit.Auditregel]:
    return audit.lees(actie=actie, db_pad=db)


def _signaal_met_bewijs(db: Path) -> tuple[str, int, int]:
    [(signaal_id, jaar, n)] = rijen_uit(
        db,
        "select s.signaal_id, s.jaar, count(*) from marts.mart_signalen as s "
        "join marts.mart_signaal_bewijsregels as b using (signaal_id) "
        "where s.gemeentecode is null group by all order by count(*) desc, s.signaal_id limit 1",
    )
    return signaal_id, jaar, n


def test_bewijsregels_per_gemeente_en_download_vastgelegd(
    maak_app: Callable[..., AppTest],
    eigen_db: Path,
    downloads: dict[str, Callable[[], Any]],
) -> None:
    signaal_id, jaar, n = _signaal_met_bewijs(eigen_db)
    at = maak_app("toezicht", db=eigen_db, signaal=signaal_id, jaar=str(jaar))
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert not at.exception, [e.value for e in at.exception]
    bekeken = _regels(eigen_db, audit.BEWIJS_BEKEKEN)
    soorten = {(r.toelichting, r.onderwerp) for r in bekeken}
    assert ("bewijsregels", signaal_id) in soorten
    [bewijs] = [r for r in bekeken if r.toelichting == "bewijsregels"]
    assert (bewijs.aantal_rijen, bewijs.rol) == (n, "toezicht")
    if rijen_uit(
        eigen_db,
        "select count(*) from marts.mart_signaal_per_gemeente where signaal_id = ?",
        [signaal_id],
    )[0][0]:
        assert ("signaal per gemeente", signaal_id) in soorten

    # A rerun (any widget click) of the same view writes no new row.
    at.run()
    assert len(_regels(eigen_db, audit.BEWIJS_BEKEKEN)) == len(bekeken)

    # Drawing the download button writes nothing; the click does, before the file is built.
    assert _regels(eigen_db, audit.EXPORT_GEDOWNLOAD) == []
    inhoud = downloads["signaal_bewijs_excel"]()
    assert inhoud[:2] == b"PK"
    [download] = _regels(eigen_db, audit.EXPORT_GEDOWNLOAD)
    assert (download.onderwerp, download.aantal_rijen) == (f"bewijsregels {signaal_id}", n)
    assert audit.controleer_keten(db_pad=eigen_db) is None


def test_geen_vastlegging_geen_bewijs(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signaal_id, jaar, _n = _signaal_met_bewijs(eigen_db)

    echte = audit.schrijf

    def _kapot(actie: str, **velden: Any) -> int:
        # Only the row for the evidence rows fails, so this tests their own order.
        if velden.get("toelichting") == "bewijsregels":
            raise BeheeropslagFout("schijf vol")
        return echte(actie, **velden)

    at = maak_app("toezicht", db=eigen_db, signaal=signaal_id, jaar=str(jaar))
    at.run()
    monkeypatch.setattr(audit, "schrijf", _kapot)
    at.switch_page("app_pages/signaal_bewijs.py").run()
    # The app shows the beheeropslag's failure as a Dutch error instead of a traceback.
    assert any("schijf vol" in str(e.value) for e in [*at.exception, *at.error])
    assert not [d for d in at.dataframe if "client_id" in d.value.columns]


def test_vorderingsoverzicht_vastgelegd_bij_tonen_en_download(
    maak_app: Callable[..., AppTest],
    eigen_db: Path,
    downloads: dict[str, Callable[[], Any]],
) -> None:
    [(gemeente, jaar, n)] = rijen_uit(
        eigen_db,
        "select gemeentecode, jaar, count(*) from marts.mart_vorderingsoverzicht "
        "group by all order by count(*) desc limit 1",
    )
    at = maak_app("toezicht", db=eigen_db, gemeente=gemeente, jaar=str(jaar))
    at.run()
    assert not at.exception
    [bekeken] = _regels(eigen_db, audit.BEWIJS_BEKEKEN)
    assert (bekeken.toelichting, bekeken.onderwerp, bekeken.aantal_rijen) == (
        "vorderingsoverzicht",
        f"{gemeente} {jaar}",
        n,
    )
    downloads["overzicht_vorderingsoverzicht"]()
    [download] = _regels(eigen_db, audit.EXPORT_GEDOWNLOAD)
    assert download.onderwerp == f"vorderingsoverzicht {gemeente} {jaar}"
    # Contractmanagement never sees it, so writes no row.
    cm = maak_app("contractmanagement", db=eigen_db, gemeente=gemeente, jaar=str(jaar))
    cm.run()
    assert len(_regels(eigen_db, audit.BEWIJS_BEKEKEN)) == 1


def test_signalen_van_de_toegang_vastgelegd(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    [(agb, jaar, n)] = rijen_uit(
        eigen_db,
        "select aanbieder_agb, jaar, count(*) from marts.mart_toegangssignalen "
        "group by all order by count(*) desc, aanbieder_agb, jaar limit 1",
    )
    at = maak_app("toezicht", db=eigen_db, aanbieder=agb, jaar=str(jaar))
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception
    regels = [
        r
        for r in _regels(eigen_db, audit.BEWIJS_BEKEKEN)
        if r.toelichting == "signalen van de toegang"
    ]
    assert [(r.onderwerp, r.aantal_rijen) for r in regels] == [(f"{agb} {jaar}", n)]
    cm = maak_app("contractmanagement", db=eigen_db, aanbieder=agb, jaar=str(jaar))
    cm.run()
    cm.switch_page("app_pages/aanbieder_profiel.py").run()
    assert len(_regels(eigen_db, audit.BEWIJS_BEKEKEN)) == 1


def test_cli_export_vastgelegd_met_os_gebruiker(eigen_db: Path, tmp_path: Path) -> None:
    [(gemeente, n)] = rijen_uit(
        eigen_db,
        "select gemeentecode, count(*) from marts.mart_vorderingsoverzicht "
        "group by all order by count(*) desc limit 1",
    )
    doel = tmp_path / "uit" / "vordering.csv"
    signaalmonitor(
        "export",
        "vorderingsoverzicht",
        "--gemeente",
        gemeente,
        "--out",
        str(doel),
        "--db",
        str(eigen_db),
        map_=tmp_path,
    )
    [regel] = _regels(eigen_db, audit.EXPORT_GEDOWNLOAD)
    assert (regel.gebruiker, regel.rol, regel.onderwerp, regel.aantal_rijen) == (
        getpass.getuser(),
        "toezicht (CLI)",
        f"vorderingsoverzicht {gemeente}",
        n,
    )


def test_afgekeurde_waarden_in_quarantaine_vastgelegd(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    # Two rejected rows, as an ingest of a broken file leaves them (the demo has none).
    with duckdb.connect(str(eigen_db)) as con:
        con.execute(
            "insert into quarantaine.redenen values "
            "(1, 'declaraties', 7, 'client_id', 'P0123abc', 'geen geldige client_id'), "
            "(1, 'declaraties', 9, 'bedrag', 'x', 'geen bedrag')"
        )
    publiceer_opnieuw(eigen_db)
    n = 2
    for rol in ("contractmanagement", "control", "beheer"):
        andere = maak_app(rol, db=eigen_db)
        andere.run()
        andere.switch_page("app_pages/over_de_data.py").run()
        assert not andere.exception
    # Other roles see no rejected values, so no row for them.
    assert _regels(eigen_db, audit.BEWIJS_BEKEKEN) == []
    at = maak_app("toezicht", db=eigen_db)
    at.run()
    at.switch_page("app_pages/over_de_data.py").run()
    assert not at.exception
    [regel] = _regels(eigen_db, audit.BEWIJS_BEKEKEN)
    assert (regel.toelichting, regel.aantal_rijen) == ("quarantaine", n)
