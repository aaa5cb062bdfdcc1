"""End-to-end fixtures: one running `signaalmonitor dashboard`, a user per role, Chromium.

The server is the real CLI on a free localhost port against the session's small demo
database; its users are made with the real CLI (`gebruiker toevoegen --wachtwoord-stdin`), one
per role, in a beheeropslag of this test session. The browser is Debian's chromium driven by
Playwright (`executable_path`). Nothing sleeps: the server is awaited on its own output, pages
on Streamlit's script state.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.dashboard_last import CHROMIUM, CHROMIUM_ARGS, stop_server  # shared with the bench
from pipelines import rollen
from tests.dashboard.demo_db import cli_omgeving, demo_database, opruimen

SCHERMAFDRUKKEN = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def e2e_db() -> Iterator[Path]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} ontbreekt; installeer met tests/e2e/installeer_chromium.sh "
            "(make test doet dat zelf)."
        )
    yield demo_database()
    opruimen()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wacht_op_server(proces: subprocess.Popen[str], log: Path) -> None:
    """Block on the server's own output until Streamlit says it listens; no polling, no sleeps.

    The rest of the output is drained to the log in a thread so the pipe never fills.
    """
    assert proces.stdout is not None
    gelezen: list[str] = []
    for regel in proces.stdout:
        gelezen.append(regel)
        if "URL:" in regel:
            break
    else:
        log.write_text("".join(gelezen))
        raise RuntimeError(f"dashboard stopte tijdens het starten:\n{''.join(gelezen)}")

    def _leeg() -> None:
        with log.open("a") as uit:
            uit.write("".join(gelezen))
            for rest in proces.stdout or ():
                uit.write(rest)

    threading.Thread(target=_leeg, daemon=True).start()


E2E_WACHTWOORD = "e2e-wachtwoord-alleen-voor-deze-test"


def gebruikersnaam(rol: str) -> str:
    return f"e2e-{rol}"


@pytest.fixture(scope="session")
def server(e2e_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One dashboard server for every role (as in production); returns its base URL."""
    map_ = tmp_path_factory.mktemp("server")
    omgeving = cli_omgeving(map_)
    # The session's own users and audit log, apart from the shared demo database.
    omgeving["SIGNAALMONITOR_BEHEER_DB"] = str(map_ / "e2e.beheer.sqlite")
    for rol in rollen.ROLLEN:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pipelines.cli",
                "gebruiker",
                "toevoegen",
                "--naam",
                gebruikersnaam(rol),
                "--rol",
                rol,
                "--wachtwoord-stdin",
                "--db",
                str(e2e_db),
            ],
            input=E2E_WACHTWOORD + "\n",
            env=omgeving,
            text=True,
            check=True,
            capture_output=True,
        )
    poort = _vrije_poort()
    omgeving["STREAMLIT_SERVER_ADDRESS"] = "127.0.0.1"
    omgeving["PYTHONUNBUFFERED"] = "1"
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "dashboard",
            "--db",
            str(e2e_db),
            "--port",
            str(poort),
        ],
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # own process group: the CLI and its streamlit
    )
    _wacht_op_server(proces, map_ / "server.log")
    yield f"http://127.0.0.1:{poort}"
    stop_server(proces)


@pytest.fixture(scope="session")
def dashboard_server(server: str) -> Callable[[str], str]:
    """Kept for the journeys: the base URL (the role is chosen by logging in, see `log_in`)."""
    return lambda _rol: server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def pagina(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1440, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(45_000)
    yield page
    context.close()


def wacht_tot_klaar(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit finished the script run and every chart has drawn."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]')
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"] '
                  + '[data-testid="stStatusWidgetRunningIcon"]')
              && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                   .every(el => el.querySelector('.main-svg'))"""
    )


def schermafdruk(page, naam: str, *, streamlit: bool = True) -> Path:  # type: ignore[no-untyped-def]
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport."""
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    pad = SCHERMAFDRUKKEN / f"{naam}.png"
    oud = page.viewport_size
    hoogte = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
                 '[data-testid="stMain"], [data-testid="stAppViewContainer"], section')]
                 .map(el => el.scrollHeight), document.body.scrollHeight)"""
    )
    if streamlit and oud and hoogte > oud["height"]:
        page.set_viewport_size({"width": oud["width"], "height": min(int(hoogte) + 40, 9000)})
        wacht_tot_klaar(page)
    page.screenshot(path=str(pad), full_page=True)
    if streamlit and oud and hoogte > oud["height"]:
        page.set_viewport_size(oud)
    return pad


def log_in(page, basis: str, rol: str, pad: str = "") -> None:  # type: ignore[no-untyped-def]
    """Open `basis/pad` (login page), log in as the session's user of `rol`, wait for the page."""
    page.goto(f"{basis}/{pad}" if pad else basis)
    wacht_tot_klaar(page)
    page.get_by_label("Naam").fill(gebruikersnaam(rol))
    page.get_by_label("Wachtwoord").fill(E2E_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector('[data-testid="stSidebarNav"]')
    wacht_tot_klaar(page)
