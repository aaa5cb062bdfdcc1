"""#14 bench: the dashboard's queries per page (bench/paginaqueries.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import dashboard_last, paginaqueries
from dashboard import roles
from tests.dashboard.demo_db import demo_database


def test_samenvatting_is_mediaan_en_95e_percentiel() -> None:
    tijden = [float(i) for i in range(1, 21)]  # 1..20
    assert paginaqueries.samenvatting(tijden) == {"p50": 10.5, "p95": 19.0}
    assert paginaqueries.samenvatting([0.3]) == {"p50": 0.3, "p95": 0.3}


def test_te_traag_noemt_alleen_paginas_boven_het_doel() -> None:
    resultaat = {
        "rollen": {
            "toezicht": {"overzicht": {"p95": 0.51}, "kaart": {"p95": 0.5}},
            "control": {"kaart": {"p95": 0.1}},
        }
    }
    assert paginaqueries.te_traag(resultaat) == {"toezicht/overzicht": 0.51}


@pytest.fixture
def demo_db() -> Path:
    # The session's shared demo database; removed once at the end of the session (tests/conftest),
    # never here: other test files in this process (one xdist worker) may still be reading it.
    return demo_database()


def test_meet_neemt_de_queries_van_elke_pagina_op(demo_db: Path) -> None:
    """Measured in its own process; every page of the role is there with its own queries."""
    resultaat = paginaqueries.meet(demo_db, herhalingen=3, rollen=(roles.BEHEER,))
    paginas = resultaat["rollen"][roles.BEHEER]
    assert list(paginas) == list(roles.PAGINAS_PER_ROL[roles.BEHEER])
    # Datakwaliteit reads the load register and quarantine: recorded, not listed by hand.
    datakwaliteit = paginas["datakwaliteit"]
    assert datakwaliteit["queries"] > 1
    assert "laadregister" in str(resultaat["rollen"])
    assert 0 < datakwaliteit["p50"] <= datakwaliteit["p95"]
    assert resultaat["traagste_pagina"]["rol"] == roles.BEHEER


def test_dashboard_last_weigert_een_ontbrekende_database(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        dashboard_last.meet(tmp_path / "bestaat-niet.duckdb")
