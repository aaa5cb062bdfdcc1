"""The served dashboard under 1, 4 and 8 concurrent browser users: page p50/p95 per user count.

`meet(db)` starts the real server (`python -m pipelines.cli dashboard --db DB --port P`, with
a throwaway beheeropslag holding one user per simulated person), then for each user count N
drives N browser users at once in headless Chromium (Playwright; one browser, one context
per user, so each has its own Streamlit session). Each user logs in (not timed), then visits
every page of its role in turn through the sidebar menu, for `rondes` rounds; a barrier
starts the users together after login.

Page time = from the click on the page's menu link until the page's main content is
rendered: the page's own title (h1) is shown, Streamlit's script state is `notRunning`, the
running indicator in the status widget is gone, and every plotly chart has drawn its SVG.
That is what a user waits for after a click. The first visit of each page per user count is
not counted separately: caches are warmed by the first round like a real team's first clicks.

The browser runs on the same machine as the server, so its rendering competes for the same
cores: the figures are an upper bound for users on their own machines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import REPO
from bench.paginaqueries import samenvatting
from pipelines.rollen import TOEZICHT
from pipelines.settings import DB_ENV, ROL_ENV

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
# Issue #14: with 8 concurrent users, page p95 at most 3 s.
DOEL_P95_SECONDEN = 3.0
TIMEOUT_MS = 120_000

_KLAAR_JS = """(titel) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const kop = document.querySelector('[data-testid="stMainBlockContainer"] h1');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && kop && kop.innerText.trim() === titel
        && !document.querySelector(
            '[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
        && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
             .every(el => el.querySelector('.main-svg'));
}"""


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(
    db: Path, map_: Path, gebruikers: list[tuple[str, str]], wachtwoord: str
) -> tuple[subprocess.Popen[str], str]:
    """The real CLI server on a free port, with `gebruikers` (naam, rol) in its own store."""
    omgeving = {k: v for k, v in os.environ.items() if k not in (DB_ENV, ROL_ENV)}
    omgeving["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p
    )
    omgeving["SIGNAALMONITOR_BEHEER_DB"] = str(map_ / "beheer.sqlite")
    omgeving["PYTHONUNBUFFERED"] = "1"
    # The users go straight into the throwaway store (no password on a command line).
    maak = (
        "import sys\n"
        "from pipelines.beheeropslag import gebruikers\n"
        "ww = sys.stdin.readline().rstrip('\\n')\n"
        "for regel in sys.stdin:\n"
        "    naam, rol = regel.split()\n"
        "    gebruikers.voeg_toe(naam, rol, ww, door='bench', door_rol='bench')\n"
    )
    subprocess.run(
        [sys.executable, "-c", maak],
        input=wachtwoord + "\n" + "".join(f"{n} {r}\n" for n, r in gebruikers),
        env={**omgeving, DB_ENV: str(db)},
        text=True,
        check=True,
        capture_output=True,
    )
    poort = _vrije_poort()
    proces = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "dashboard", "--db", str(db), "--port", str(poort)],
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proces.stdout is not None
    gelezen: list[str] = []
    for regel in proces.stdout:
        gelezen.append(regel)
        if "URL:" in regel:
            break
    else:
        raise RuntimeError(f"dashboard stopte tijdens het starten:\n{''.join(gelezen)}")
    log = map_ / "server.log"

    def _leeg() -> None:  # drain the pipe so the server never blocks on it
        with log.open("a") as uit:
            uit.write("".join(gelezen))
            for rest in proces.stdout or ():
                uit.write(rest)

    threading.Thread(target=_leeg, daemon=True).start()
    return proces, f"http://127.0.0.1:{poort}"


def _cpu_seconden(groep: int) -> float:
    """User + system CPU seconds of every live process in process group `groep` (Linux /proc)."""
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0.0
    for pad in Path("/proc").iterdir():
        if not pad.name.isdigit():
            continue
        try:
            velden = (pad / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, ..., utime (12th) and stime (13th).
        if int(velden[2]) == groep:
            totaal += (int(velden[11]) + int(velden[12])) / tik
    return totaal


def stop_server(proces: subprocess.Popen[str]) -> None:
    """Stop exactly the process group started above (the CLI and its streamlit)."""
    try:
        os.killpg(proces.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(timeout=15)


async def _gebruiker(
    browser: Any,
    basis: str,
    naam: str,
    wachtwoord: str,
    paginas: Sequence[tuple[str, str]],
    rondes: int,
    start: asyncio.Barrier,
) -> list[tuple[str, float]]:
    """One browser user: log in, wait for the others, then click through `paginas`."""
    context = await browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1440, "height": 1000}
    )
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        await page.goto(basis)
        await page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        await page.get_by_label("Naam").fill(naam)
        await page.get_by_label("Wachtwoord").fill(wachtwoord)
        await page.get_by_role("button", name="Inloggen").click()
        await page.wait_for_selector('[data-testid="stSidebarNav"]')
        await page.wait_for_function(_KLAAR_JS, arg=paginas[0][1])
        await start.wait()
        tijden: list[tuple[str, float]] = []
        volgorde = [*paginas[1:], paginas[0]]  # start on the second: the first is open
        for _ in range(rondes):
            for sleutel, titel in volgorde:
                begin = time.perf_counter()
                await page.locator('[data-testid="stSidebarNav"] a', has_text=titel).first.click()
                # Not the URL: the start page lives at "/". The titles differ per page, so the
                # new title plus "not running" means the new page has been drawn.
                await page.wait_for_function(_KLAAR_JS, arg=titel)
                tijden.append((sleutel, time.perf_counter() - begin))
        return tijden
    finally:
        await context.close()


async def _ronde(
    basis: str, namen: list[str], wachtwoord: str, paginas: Sequence[tuple[str, str]], rondes: int
) -> list[tuple[str, float]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            start = asyncio.Barrier(len(namen))
            per_gebruiker = await asyncio.gather(
                *(_gebruiker(browser, basis, n, wachtwoord, paginas, rondes, start) for n in namen)
            )
        finally:
            await browser.close()
    return [t for tijden in per_gebruiker for t in tijden]


def meet(
    db: Path,
    gebruikers: Sequence[int] = (1, 4, 8),
    rondes: int = 3,
    rol: str = TOEZICHT,
) -> dict[str, Any]:
    """Page p50/p95 (seconds) per number of concurrent users, overall and per page.

    Returns {"rol", "rondes", "definitie", "doel_p95", "gebruikers": {"8": {"p50", "p95",
    "paginas": {pagina: {"p50", "p95"}}, "bezoeken", "load_voor", "load_na"}}}.
    """
    from dashboard import roles  # only the page lists; no streamlit session is started

    if not Path(db).is_file():
        raise FileNotFoundError(f"database {db} bestaat niet")
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} ontbreekt (tests/e2e/installeer_chromium.sh)")
    paginas = [(p.sleutel, p.titel) for p in roles.paginas(rol)]
    wachtwoord = secrets.token_urlsafe(24)
    namen = [f"bench-last-{i}" for i in range(max(gebruikers))]
    map_ = Path(tempfile.mkdtemp(prefix="bench-dashboard-last-"))
    proces, basis = _start_server(Path(db).resolve(), map_, [(n, rol) for n in namen], wachtwoord)
    per_aantal: dict[str, Any] = {}
    try:
        for aantal in gebruikers:
            load_voor = os.getloadavg()[0]
            cpu_voor, begin = _cpu_seconden(proces.pid), time.perf_counter()
            tijden = asyncio.run(_ronde(basis, namen[:aantal], wachtwoord, paginas, rondes))
            # How busy the server was: near 1.0 means its one Python interpreter (the GIL)
            # was the bottleneck; far below means the time went elsewhere (browsers, machine).
            server_bezet = (_cpu_seconden(proces.pid) - cpu_voor) / (time.perf_counter() - begin)
            per_pagina: dict[str, list[float]] = {}
            for sleutel, duur in tijden:
                per_pagina.setdefault(sleutel, []).append(duur)
            per_aantal[str(aantal)] = {
                **samenvatting([d for _, d in tijden]),
                "bezoeken": len(tijden),
                "paginas": {s: samenvatting(d) for s, d in per_pagina.items()},
                "server_cpu_per_seconde": round(server_bezet, 2),
                "load_voor": round(load_voor, 2),
                "load_na": round(os.getloadavg()[0], 2),
            }
    finally:
        stop_server(proces)
    return {
        "database": str(db),
        "rol": rol,
        "rondes": rondes,
        "definitie": "klik op de menulink tot de titel van de pagina staat, Streamlit klaar is "
        "(script-state notRunning, geen lopend-indicator) en elke grafiek getekend is",
        "doel_p95": DOEL_P95_SECONDEN,
        "gebruikers": per_aantal,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.dashboard_last",
        description="Meet paginatijden van het draaiende dashboard bij 1, 4 en 8 gelijktijdige "
        "browsergebruikers en print één JSON-object.",
    )
    parser.add_argument("db", type=Path, help="de DuckDB-database (met gepubliceerde rolbestanden)")
    parser.add_argument(
        "--gebruikers", type=int, action="append", help="aantal gelijktijdige gebruikers (vaker)"
    )
    parser.add_argument("--rondes", type=int, default=3, help="rondes langs alle pagina's")
    parser.add_argument("--rol", default=TOEZICHT, help="de rol van elke gebruiker")
    args = parser.parse_args(argv)
    print(
        json.dumps(
            meet(args.db, tuple(args.gebruikers or (1, 4, 8)), args.rondes, args.rol), indent=1
        )
    )


if __name__ == "__main__":
    main()
