"""The running dashboard in headless Chromium: every page per role, and the toezicht journey.

Screenshots land in tests/e2e/screenshots/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import fastexcel
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard import roles
from pipelines.beheeropslag import audit
from tests.conftest import rijen_uit
from tests.e2e.conftest import gebruikersnaam, log_in, schermafdruk, wacht_tot_klaar

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
    log_in(pagina, basis, rol)
    for i, sleutel in enumerate(roles.PAGINAS_PER_ROL[rol]):
        titel = roles.PAGINAS[sleutel].titel
        # Through the menu: a new URL in the address bar is a new session (log in again).
        if i > 0:
            pagina.locator('[data-testid="stSidebarNav"] a', has_text=titel).first.click()
            pagina.wait_for_url(re.compile(f"/{sleutel}"))
            wacht_tot_klaar(pagina)
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
    log_in(pagina, basis, roles.CONTROL, "signaal?signaal=iets")
    _geen_fout(pagina, "control/signaal")
    tekst = pagina.locator('[data-testid="stMain"]').inner_text()
    assert "geen toegang" in tekst
    assert "Bewijsregels" not in tekst
    menu = pagina.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Signaal" not in menu and "Overzicht" not in menu
    schermafdruk(pagina, "control_signaal_geweigerd")


def test_toezicht_van_ranking_naar_cm_export(
    dashboard_server: Callable[[str], str],
    pagina,  # type: ignore[no-untyped-def]
) -> None:
    basis = dashboard_server(roles.TOEZICHT)
    log_in(pagina, basis, roles.TOEZICHT)
    assert "jaar=" in pagina.url, "filters staan niet in de URL"
    pagina.get_by_role("button", name="Open aanbiederprofiel").click()
    pagina.wait_for_url(re.compile(r"/aanbieder\?.*aanbieder="))
    wacht_tot_klaar(pagina)
    _geen_fout(pagina, "aanbieder")

    pagina.get_by_role("tab", name="CM-gesprek").click()
    with pagina.expect_download() as download:
        pagina.get_by_role("button", name=re.compile("Rapport")).click()
    pdf = download.value.path().read_bytes()
    with pagina.expect_download() as download:
        pagina.get_by_role("button", name=re.compile("Excel-werkmap")).click()
    boek = fastexcel.read_excel(download.value.path().read_bytes())
    assert "Profiel" in boek.sheet_names

    # The report is a PDF of at most two A4 pages (#13), portrait 595 × 842 points.
    assert pdf.startswith(b"%PDF")
    assert 1 <= len(_PDF_PAGINA.findall(pdf)) <= 2, "het CM-rapport past niet op twee A4"
    assert b"/MediaBox [0 0 595.28 841.89]" in pdf

    # A tab runs only when chosen (#14): wait for its content before the screenshot.
    pagina.get_by_role("tab", name="Signalen", exact=True).click()
    pagina.locator('[data-testid="stMain"]').get_by_text(
        re.compile("Klik een signaal aan|geen signalen gevonden")
    ).first.wait_for()
    wacht_tot_klaar(pagina)
    schermafdruk(pagina, "toezicht_aanbieder_signalen")


def test_zonder_inloggen_alleen_de_inlogpagina(server: str, pagina) -> None:  # type: ignore[no-untyped-def]
    """Acceptance (#12): whatever URL is opened, without a login only the login page shows."""
    paden = ["", *roles.PAGINAS, "bestaat-niet"]
    for pad in paden:
        _open(pagina, f"{server}/{pad}?signaal=iets&aanbieder=iets&jaar=2025")
        _geen_fout(pagina, pad or "/")
        kop = pagina.locator('[data-testid="stMainBlockContainer"] h1').first
        assert kop.inner_text().strip() == "Inloggen", pad
        assert pagina.locator('[data-testid="stSidebarNav"]').count() == 0, pad
        assert pagina.locator('[data-testid="stDataFrame"]').count() == 0, pad
        tekst = pagina.locator('[data-testid="stMain"]').inner_text()
        assert "Cliënt (pseudoniem)" not in tekst and "Bewijsregels" not in tekst, pad
    # An unknown path also gets Streamlit's "page not found" dialog over the login page.
    _open(pagina, server)
    schermafdruk(pagina, "inloggen")
    # A wrong password: one message, still only the login page.
    pagina.get_by_label("Naam").fill(gebruikersnaam(roles.TOEZICHT))
    pagina.get_by_label("Wachtwoord").fill("niet het wachtwoord")
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.get_by_text("Onbekende naam of onjuist wachtwoord").wait_for()
    assert pagina.locator('[data-testid="stSidebarNav"]').count() == 0


@pytest.mark.parametrize("rol", [roles.CONTRACTMANAGEMENT, roles.CONTROL])
def test_cm_en_control_zien_nergens_een_clientregel(  # type: ignore[no-untyped-def]
    server: str, pagina, e2e_db: Path, rol: str
) -> None:
    """Acceptance (#12): logged in as CM or control, no page shows a pseudonym or evidence row,
    also not the signal page opened with a real signal id in the URL."""
    clienten = {
        c
        for (c,) in rijen_uit(
            e2e_db,
            "select distinct client_id from marts.mart_signaal_bewijsregels "
            "where client_id is not null",
        )
    }
    [(signaal_id,)] = rijen_uit(
        e2e_db,
        "select signaal_id from marts.mart_signaal_bewijsregels group by signaal_id "
        "order by count(*) desc limit 1",
    )
    assert clienten
    log_in(pagina, server, rol, f"signaal?signaal={signaal_id}")
    tekst = pagina.locator('[data-testid="stMain"]').inner_text()
    assert "Cliënt (pseudoniem)" not in tekst
    assert not [c for c in clienten if c in tekst]
    bezocht = ["signaal"]
    for sleutel in roles.PAGINAS_PER_ROL[rol]:
        titel = roles.PAGINAS[sleutel].titel
        pagina.locator('[data-testid="stSidebarNav"] a', has_text=titel).first.click()
        pagina.wait_for_url(re.compile(f"/{sleutel}|:[0-9]+/?\\?"))
        wacht_tot_klaar(pagina)
        bezocht.append(sleutel)
        tekst = pagina.locator('[data-testid="stMain"]').inner_text()
        assert "Cliënt (pseudoniem)" not in tekst, sleutel
        assert not [c for c in clienten if c in tekst], sleutel
    assert set(roles.PAGINAS_PER_ROL[rol]) <= set(bezocht)


def test_toezicht_ziet_bewijs_en_beheer_ziet_dat_in_het_auditlog(  # type: ignore[no-untyped-def]
    server: str, pagina, browser, e2e_db: Path
) -> None:
    """Acceptance (#12): toezicht reaches client-level rows, and the audit log shows it."""
    [(signaal_id,)] = rijen_uit(
        e2e_db,
        "select signaal_id from marts.mart_signaal_bewijsregels group by signaal_id "
        "order by count(*) desc limit 1",
    )
    log_in(pagina, server, roles.TOEZICHT, f"signaal?signaal={signaal_id}")
    _geen_fout(pagina, "toezicht/signaal")
    # The grid draws on a canvas; its caption and the table itself are what the DOM shows.
    # Wait for them: right after the login click the page may still be on its way.
    hoofd = pagina.locator('[data-testid="stMain"]')
    hoofd.get_by_text("gepseudonimiseerd").first.wait_for()
    hoofd.locator('[data-testid="stDataFrame"]').first.wait_for(state="attached")

    context = browser.new_context(locale="nl-NL", viewport={"width": 1440, "height": 1000})
    beheer = context.new_page()
    beheer.set_default_timeout(45_000)
    log_in(beheer, server, roles.BEHEER, "auditlog")
    _geen_fout(beheer, "beheer/auditlog")
    beheer.get_by_label("Gebruiker (precies de naam)").fill(gebruikersnaam(roles.TOEZICHT))
    beheer.get_by_label("Gebruiker (precies de naam)").press("Enter")
    wacht_tot_klaar(beheer)
    tabel = beheer.locator('[data-testid="stDataFrame"]').first
    # The grid draws on a canvas; its CSV download is the honest text of the table. The rerun
    # the filter's Enter starts may begin only after wacht_tot_klaar saw the old run finished;
    # a click on the button it replaces gives no download, so click once more after that rerun.
    for poging in range(2):
        try:
            with beheer.expect_download(timeout=20_000) as download:
                beheer.get_by_role("button", name="Download als CSV").click()
            break
        except PlaywrightTimeoutError:
            if poging:
                raise
            wacht_tot_klaar(beheer)
    inhoud = download.value.path().read_text(encoding="utf-8")
    assert tabel.count() == 1
    regels = [r for r in inhoud.splitlines() if audit.BEWIJS_BEKEKEN in r]
    assert any(signaal_id in r and gebruikersnaam(roles.TOEZICHT) in r for r in regels), inhoud
    schermafdruk(beheer, "beheer_auditlog")
    context.close()
