"""Every page under every role that may open it: renders, key elements, no exception."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from tests.dashboard.conftest import alle_tekst

PER_ROL = [(rol, p) for rol in roles.ROLLEN for p in roles.PAGINAS_PER_ROL[rol]]


def _open(maak_app: Callable[..., AppTest], rol: str, pagina: str) -> AppTest:
    at = maak_app(rol)
    at.run()
    at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
    return at


def _controleer_sleutelelementen(at: AppTest, pagina: str) -> None:
    tekst = alle_tekst(at)
    if pagina == "overzicht":
        labels = [m.label for m in at.metric]
        # Two kinds of money on separate tiles, never one sum (#10).
        assert labels == [
            "Gedeclareerd",
            "Onrechtmatig",
            "Geschat belang",
            "Aanbieders gemarkeerd",
            "Nieuw sinds vorige lading",
        ]
        assert "Risicorangorde" in tekst
        # Client safety first: the quality lane is the default; every lane is in rank order.
        assert at.segmented_control(key="overzicht_baan").value == "Zorg en kwaliteit"
        for baan in ("Alle signalen", "Rechtmatigheid", "Statistisch risico"):
            at.segmented_control(key="overzicht_baan").set_value(baan).run()
            ranking = at.dataframe[0].value
            rang = ranking.iloc[:, 0]
            assert list(rang) == sorted(rang), f"niet in rangvolgorde ({baan})"
            assert ranking["verloop"].map(len).eq(12).all(), "sparkline heeft geen 12 maanden"
            # Numbers the chart column can draw (decimals reach the browser as text).
            assert all(
                isinstance(w, float) or w is None for rij in ranking["verloop"] for w in rij
            ), "sparkline zonder getallen"
            assert {"onrechtmatig_eur", "geschat_belang_eur"} <= set(ranking.columns)
    elif pagina == "aanbieder":
        assert {m.label for m in at.metric} >= {"Gedeclareerd", "Realisatiegraad"}
        assert [t.label for t in at.tabs][:3] == [
            "Per maand",
            "Per jaar",
            "Product- en intensiteitsmix",
        ]
        assert "CM-gesprek" in [t.label for t in at.tabs]
        assert len(at.get("plotly_chart")) >= 5
    elif pagina == "signaal":
        assert "Deze aanbieder naast de andere aanbieders" in tekst
        assert len(at.get("plotly_chart")) == 1
        assert "Definitie." in tekst
    elif pagina == "volumetrends":
        assert [t.label for t in at.tabs] == [
            "Per maand",
            "Jaar op jaar",
            "Specificatie per zorgsoort",
            "Prognose",
            "Voorveld",
        ]
        assert "Unieke cliënten" in [m.label for m in at.metric]
    elif pagina == "verantwoording":
        assert "Omzet in de regio" in [m.label for m in at.metric]
        assert at.dataframe, "geen verantwoordingstabel"
    elif pagina == "datakwaliteit":
        assert [s.value for s in at.subheader] == [
            "Rijen per tabel",
            "Geladen bestanden en berichten",
            "Niet geladen",
            "Quarantaine",
            "Runs",
        ]


@pytest.mark.parametrize(("rol", "pagina"), PER_ROL, ids=[f"{r}-{p}" for r, p in PER_ROL])
def test_pagina_rendert(maak_app: Callable[..., AppTest], rol: str, pagina: str) -> None:
    at = _open(maak_app, rol, pagina)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == roles.PAGINAS[pagina].titel
    _controleer_sleutelelementen(at, pagina)


def test_startpagina_per_rol(maak_app: Callable[..., AppTest]) -> None:
    for rol in roles.ROLLEN:
        at = maak_app(rol)
        at.run()
        assert at.title[0].value == roles.paginas(rol)[0].titel
        assert at.sidebar.caption[0].value == f"Rol: **{roles.ROL_NAAM[rol]}**"
