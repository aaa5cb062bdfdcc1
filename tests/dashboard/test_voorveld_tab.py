"""De tab Voorveld op Volumetrends, per rol op de demodatabase: figuur, tabel per gemeente en het
doel van de regio, zonder fouten; contractmanagement en control zien geen kleine cel."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import alle_tekst


@pytest.mark.parametrize("rol", ["toezicht", "contractmanagement", "control"])
def test_voorveld_tab_per_rol(maak_app: Callable[..., AppTest], rol: str) -> None:
    at = maak_app(rol)
    at.run()
    at.switch_page("app_pages/controller_trends.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    tekst = alle_tekst(at)
    assert "Doel van de regio: in 2028 20%–40% minder cliënten in begeleiding en dagbesteding" in (
        tekst
    )
    [tabel] = [d.value for d in at.dataframe if "Status" in d.value.columns]
    assert tabel["Gemeente"].iloc[0] == "Hele regio"
    assert len(tabel) > 1
    assert set(tabel["Status"]) <= {
        "basisjaar",
        "voor het basisjaar",
        "achter op het pad",
        "op het pad",
        "sneller dan het pad",
        "",
    }
    if rol != "toezicht":
        # Every shown average comes from cells of 5 or more clients per month.
        for kolom in [k for k in tabel.columns if k.startswith("Cliënten per maand")]:
            for waarde in tabel[kolom]:
                if waarde != "–":
                    assert float(waarde.replace(".", "").replace(",", ".")) >= 5
