"""Issue #12 point 6: beheer hands over files in the dashboard; the CLI loads them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from pipelines.beheeropslag import audit
from pipelines.settings import inbox_pad, rolbestand_pad
from tests.conftest import TEST_SLEUTEL, rijen_uit
from tests.dashboard.conftest import alle_tekst
from tests.dashboard.demo_db import kopie

KAPOT = Path(__file__).resolve().parents[1] / "fixtures" / "declaraties_vijf_kapotte_regels.csv"
PAGINA = "app_pages/beheer_upload.py"


@pytest.fixture
def eigen_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The page starts `signaalmonitor ingest` as a subprocess: it needs the key of the database.
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(tmp_path / "sleutel"))
    monkeypatch.delenv("SIGNAALMONITOR_BEHEER_DB", raising=False)
    return kopie(demo_db, tmp_path)


def _uploads(db: Path) -> list[audit.Auditregel]:
    return audit.lees(actie=audit.BESTAND_GEUPLOAD, db_pad=db)


def test_beheer_levert_aan_en_ziet_het_laadverslag(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    at = maak_app(roles.BEHEER, db=eigen_db)
    at.run()
    at.switch_page(PAGINA).run()
    assert not at.exception
    uploader = at.get("file_uploader")[0]
    uploader.set_value([("../../declaraties_kapot'; drop table x;.csv", KAPOT.read_bytes(), "")])
    at.run()
    at.button(key="upload_laden").click().run()
    assert not at.exception, [e.value for e in at.exception]
    tekst = alle_tekst(at)
    assert "Geladen en opnieuw berekend" in tekst, tekst

    veilig = "declaraties_kapot_drop_table_x.csv"
    # Saved in the inbox under the safe name, loaded by the CLI, recorded in the audit log.
    [map_] = list(inbox_pad(eigen_db).iterdir())
    assert [p.name for p in map_.iterdir()] == [veilig]
    namen = [n for (n,) in rijen_uit(eigen_db, "select bestandsnaam from beheer.laadregister")]
    assert f"{map_.name}/{veilig}" in namen
    [regel] = _uploads(eigen_db)
    assert regel.onderwerp == veilig
    # The load report on the page comes from beheer's own file, published by the ingest.
    verslag = next(d.value for d in at.dataframe if "bestandsnaam" in d.value.columns)
    assert verslag["bestandsnaam"].tolist() == [f"{map_.name}/{veilig}"]
    assert verslag["rijen_quarantaine"].tolist() == [5]
    # ... and the run that followed published the role files again.
    with duckdb.connect(str(rolbestand_pad(eigen_db, roles.BEHEER)), read_only=True) as con:
        assert con.execute("select count(*) from runs").fetchone() == (2,)


def test_verkeerd_soort_bestand_wordt_niet_opgeslagen(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    """Streamlit itself refuses an extension outside `type=` (the browser never offers it; a
    crafted request gets an exception before the page runs); the page's own check behind it
    is tested in tests/security/test_upload_vijandig.py."""
    at = maak_app(roles.BEHEER, db=eigen_db)
    at.run()
    at.switch_page(PAGINA).run()
    at.get("file_uploader")[0].set_value(("../../etc/passwd", b"root:x:0:0::/root:/bin/sh\n", ""))
    at.run()
    assert "Invalid file extension" in at.exception[0].value
    assert not inbox_pad(eigen_db).exists()
    assert _uploads(eigen_db) == []


def test_te_groot_bestand_wordt_niet_opgeslagen(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.queries import upload

    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 100)
    at = maak_app(roles.BEHEER, db=eigen_db)
    at.run()
    at.switch_page(PAGINA).run()
    at.get("file_uploader")[0].set_value(("declaraties.csv", b"x" * 101, ""))
    at.run()
    at.button(key="upload_laden").click().run()
    assert not at.exception
    assert "groter dan" in at.error[0].value
    assert not inbox_pad(eigen_db).exists()
    assert _uploads(eigen_db) == []


@pytest.mark.parametrize("rol", [r for r in roles.ROLLEN if r != roles.BEHEER])
def test_alleen_beheer_levert_aan(maak_app: Callable[..., AppTest], rol: str) -> None:
    at = maak_app(rol)
    at.run()
    at.switch_page(PAGINA).run()
    assert not at.exception
    assert "geen toegang" in at.error[0].value
    assert not at.get("file_uploader")
