"""End-to-end fixtures: a running `signaalmonitor dashboard` per role and system Chromium.

Each server is the real CLI on a free localhost port against the session's small demo
database; the browser is Debian's chromium driven by Playwright (`executable_path`). Nothing
sleeps: servers are awaited on their health endpoint, pages on Streamlit's script state.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.dashboard.demo_db import cli_omgeving, demo_database, opruimen

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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


@pytest.fixture(scope="session")
def dashboard_server(
    e2e_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], str]]:
    """Start (once per role) `signaalmonitor dashboard --rol ROL`; returns its base URL."""
    servers: dict[str, tuple[subprocess.Popen[str], str]] = {}
    map_ = tmp_path_factory.mktemp("servers")

    def _start(rol: str) -> str:
        if rol not in servers:
            poort = _vrije_poort()
            log = map_ / f"{rol}.log"
            omgeving = cli_omgeving(map_)
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
                    "--rol",
                    rol,
                ],
                env=omgeving,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,  # own process group: the CLI and its streamlit
            )
            url = f"http://127.0.0.1:{poort}"
            servers[rol] = (proces, url)
            _wacht_op_server(proces, log)
        return servers[rol][1]

    yield _start
    for proces, _ in servers.values():
        # Stop exactly the process group this fixture started (CLI + its streamlit child).
        try:
            os.killpg(proces.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait(timeout=15)


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
