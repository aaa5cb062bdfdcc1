"""The running dashboard in headless Chromium: every page per role, and the toezicht journey.

Screenshots land in tests/e2e/screenshots/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import fastexcel
import pytest

from dashboard import roles
from tests.e2e.conftest import schermafdruk, wacht_tot_klaar

pytestmark = pytest.mark.e2e

_PDF_PAGINA = re.compile(rb"/Type\s*/Page(?!s)")


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    wacht_tot_klaar(page)


def _geen_fout(page, waar: str) -> None:  # type: ignore[no-untyped-def]
    fouten = page.locator('[data-testid="stException"]')
    assert fouten.count() == 0, f"{waar}: {fouten.first.inner_text()}"


@pytest.mark.parametrize("rol", roles.ROLLEN)
def test_elke_pagina_rendert(
    dashboard_server: Callable[[str], str],
    pagina,
    rol: str,  # type: ignore[no-untyped-def]
) -> None:
    basis = dashboard_server(rol)
    for i, sleutel in enumerate(roles.PAGINAS_PER_ROL[rol]):
        titel = roles.PAGINAS[sleutel].titel
        # The start page lives at the root URL (Streamlit ignores its url_path).
        _open(pagina, basis if i == 0 else f"{basis}/{sleutel}")
        _geen_fout(pagina, f"{rol}/{sleutel}")
        kop = pagina.locator('[data-testid="stMainBlockContainer"] h1').first
        assert kop.inner_text().strip() == titel
        schermafdruk(pagina, f"{rol}_{sleutel}")
        tekst = pagina.locator('[data-testid="stMain"]').inner_text()
        if rol != roles.TOEZICHT:
            assert "Cliënt (pseudoniem)" not in tekst


def test_control_opent_gedeelde_signaallink_zonder_gegevens(
    dashboard_server: Callable[[str], str],
    pagina,  # type: ignore[no-untyped-def]
) -> None:
    basis = dashboard_server(roles.CONTROL)
    _open(pagina, f"{basis}/signaal?signaal=iets")
    _geen_fout(pagina, "control/signaal")
    tekst = pagina.locator('[data-testid="stMain"]').inner_text()
    assert "geen toegang" in tekst
    assert "Bewijsregels" not in tekst
    menu = pagina.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Signaal" not in menu and "Overzicht" not in menu
    schermafdruk(pagina, "control_signaal_geweigerd")


def test_toezicht_van_ranking_naar_cm_export(
    dashboard_server: Callable[[str], str],
    pagina,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    basis = dashboard_server(roles.TOEZICHT)
    _open(pagina, basis)
    assert "jaar=" in pagina.url, "filters staan niet in de URL"
    pagina.get_by_role("button", name="Open aanbiederprofiel").click()
    pagina.wait_for_url(re.compile(r"/aanbieder\?.*aanbieder="))
    wacht_tot_klaar(pagina)
    _geen_fout(pagina, "aanbieder")

    pagina.get_by_role("tab", name="CM-gesprek").click()
    with pagina.expect_download() as download:
        pagina.get_by_role("button", name=re.compile("Rapport")).click()
    html = download.value.path().read_text(encoding="utf-8")
    with pagina.expect_download() as download:
        pagina.get_by_role("button", name=re.compile("Excel-werkmap")).click()
    boek = fastexcel.read_excel(download.value.path().read_bytes())
    assert "Profiel" in boek.sheet_names

    # The printable report prints as exactly one A4 page.
    context = browser.new_context(locale="nl-NL")
    rapport = context.new_page()
    rapport.set_content(html, wait_until="load")
    rapport.emulate_media(media="print")
    schermafdruk(rapport, "cm_gesprek_rapport", streamlit=False)
    pdf = rapport.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    assert len(_PDF_PAGINA.findall(pdf)) == 1, "het CM-rapport past niet op één pagina"

    pagina.get_by_role("tab", name="Signalen", exact=True).click()
    schermafdruk(pagina, "toezicht_aanbieder_signalen")
