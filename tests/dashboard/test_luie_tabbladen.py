"""Tabs run only the chosen tab (#14): the browser no longer draws the charts and tables of
the hidden tabs on every click. Under AppTest every tab runs (dashboard/formatting.py); here
the lazy behaviour a browser gets is switched on and a tab is chosen through session state."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard import roles
from tests.dashboard.conftest import alle_tekst

SPECIFICATIE = "per productcode en gemeente"


@pytest.fixture
def luie_tabbladen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fmt, "ALLE_TABBLADEN_ONDER_APPTEST", False)
    yield


def _grafieken(at: AppTest) -> list[str | None]:
    return [g.key for g in at.get("plotly_chart")]


def test_aanbieder_tekent_alleen_het_gekozen_tabblad(
    maak_app: Callable[..., AppTest], luie_tabbladen: None
) -> None:
    at = maak_app(roles.TOEZICHT)
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # The first tab: the monthly chart only, none of the four yearly charts or the mix.
    assert _grafieken(at) == ["aanbieder_maand"]
    at.session_state["aanbieder_tabblad"] = "Per jaar"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert sorted(_grafieken(at)) == [
        "aanbieder_jaar_epc",
        "aanbieder_jaar_eur",
        "aanbieder_jaar_groei",
        "aanbieder_jaar_real",
    ]
    at.session_state["aanbieder_tabblad"] = "Product- en intensiteitsmix"
    at.run()
    assert _grafieken(at) == ["aanbieder_mix"]


def test_volumetrends_tekent_alleen_het_gekozen_tabblad(
    maak_app: Callable[..., AppTest], luie_tabbladen: None
) -> None:
    at = maak_app(roles.TOEZICHT)
    at.run()
    at.switch_page("app_pages/controller_trends.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _grafieken(at) == ["trends_maand"]
    assert SPECIFICATIE not in alle_tekst(at)
    at.session_state["trends_tabblad"] = "Specificatie per zorgsoort"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _grafieken(at) == []
    assert SPECIFICATIE in alle_tekst(at)


def test_onder_apptest_lopen_alle_tabbladen(maak_app: Callable[..., AppTest]) -> None:
    """The page tests read every tab: all of them ran."""
    at = maak_app(roles.TOEZICHT)
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert {"aanbieder_maand", "aanbieder_jaar_eur", "aanbieder_mix"} <= set(_grafieken(at))


def test_een_waarde_in_een_verborgen_tabblad_blijft_bewaard(
    maak_app: Callable[..., AppTest], luie_tabbladen: None
) -> None:
    """Streamlit forgets a widget that a run does not draw: the indexation set on Prognose must
    survive a visit to another tab (fmt.tabbladen `bewaar`)."""
    at = maak_app(roles.TOEZICHT)
    at.run()
    at.switch_page("app_pages/controller_trends.py").run()
    at.session_state["trends_tabblad"] = "Prognose"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.number_input(key="trends_index").set_value(4.25).run()
    at.session_state["trends_tabblad"] = "Per maand"
    at.run()
    at.session_state["trends_tabblad"] = "Prognose"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="trends_index").value == 4.25
    assert not at.warning or all("Session State" not in w.value for w in at.warning)
