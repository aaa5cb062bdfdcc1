"""The served dashboard under 1, 4 and 8 concurrent browser users: page p50/p95 per user count.

`meet(db)` starts the real server (`python -m pipelines.cli dashboard --db DB --port P`, with
a throwaway beheeropslag holding one user per simulated person), then for each user count N
drives N browser users at once in headless Chromium (Playwright; one browser, one context
per user, so each has its own Streamlit session). Each user logs in (not timed), then visits
every page of its role in turn through the sidebar menu, for `rondes` rounds; a barrier
starts the users together after login.

Page time = from the click on the page's menu link until the page's main content is
rendered: the page's own title (h1) is shown, Streamlit's script state is `notRunning`, the
running indicator in the status widget is gone, no element in the main area is still a
skeleton (Streamlit shows one while it loads the code of a chart or table the browser has not
drawn before), and every plotly chart has drawn its SVG. That is what a user waits for after a
click. Without the skeleton condition, login counted as done while the landing page still
loaded its chart and table code, and the first click after the barrier paid for that: eight
users at once then waited for each other's login work (measured 30-11: up to 7,6 s on the first
Signaal visit). The first visit of each page per user count is
not counted separately: caches are warmed by the first round like a real team's first clicks.

The browser runs on the same machine as the server, so its rendering competes for the same
cores: the figures are an upper bound for users on their own machines.

Because wall times on a shared machine are noisy, `meet` first measures the work per page click
for ONE user, which does not depend much on the load (`cpu_per_pagina`): the renderer's own
CPU time from the Chrome DevTools Protocol (Performance.getMetrics: ProcessTime and ThreadTime,
and the main thread's TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration in wall
seconds; deltas around the click), the CPU seconds of all Chromium processes and of the
server's process group (/proc), the bytes Streamlit sent over its
websocket, and what the page holds afterwards: DOM nodes, plotly charts, dataframes and their
cells (rows × columns). One warm-up round fills the caches; the median of `rondes` rounds counts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
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
             .every(el => el.querySelector('.main-svg'))
        && !document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]');
}"""


# What a page holds once drawn.
_INHOUD_JS = """() => ({
    dom_knopen: document.getElementsByTagName('*').length,
    grafieken: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    tabellen: document.querySelectorAll('[data-testid="stDataFrame"]').length,
})"""
# From Performance.getMetrics (cumulative per page): ProcessTime and ThreadTime are CPU seconds
# of the page's renderer process and its main thread; the *Duration figures are wall seconds
# of main-thread work (they grow when the machine is busy), split by kind.
_CDP_METRIEKEN = {
    "browser_cpu_s": "ProcessTime",
    "hoofdthread_cpu_s": "ThreadTime",
    "taken_s": "TaskDuration",
    "script_s": "ScriptDuration",
    "layout_s": "LayoutDuration",
    "stijl_s": "RecalcStyleDuration",
}


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


def _processen() -> dict[int, tuple[int, int, float]]:
    """Every live process (Linux /proc): pid → (parent pid, process group, user + system CPU
    seconds)."""
    tik = os.sysconf("SC_CLK_TCK")
    processen: dict[int, tuple[int, int, float]] = {}
    for pad in Path("/proc").iterdir():
        if not pad.name.isdigit():
            continue
        try:
            velden = (pad / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, ..., utime (12th) and stime (13th).
        cpu = (int(velden[11]) + int(velden[12])) / tik
        processen[int(pad.name)] = (int(velden[1]), int(velden[2]), cpu)
    return processen


def _cpu_seconden(groep: int) -> float:
    """User + system CPU seconds of every live process in process group `groep`."""
    return sum(cpu for _, pgrp, cpu in _processen().values() if pgrp == groep)


def _cpu_chromium(zonder_groep: int) -> float:
    """User + system CPU seconds of this process's live descendants outside `zonder_groep`:
    Playwright's driver and the Chromium it started (browser, renderers, GPU, utility)."""
    processen = _processen()
    ouders = {pid: ouder for pid, (ouder, _, _) in processen.items()}
    groepen = {pid: pgrp for pid, (_, pgrp, _) in processen.items()}
    cpu = {pid: c for pid, (_, _, c) in processen.items()}
    eigen = os.getpid()
    totaal = 0.0
    for pid in cpu:
        if pid == eigen or groepen[pid] == zonder_groep:
            continue
        voorouder = ouders.get(pid, 0)
        while voorouder > 1 and voorouder != eigen:
            voorouder = ouders.get(voorouder, 0)
        if voorouder == eigen:
            totaal += cpu[pid]
    return totaal


def _cellen_verstuurd(berichten: Sequence[bytes | str]) -> int:
    """Dataframe cells (rows × columns) in Streamlit's websocket messages to the browser."""
    import pyarrow.ipc
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    cellen = 0
    for bericht in berichten:
        if not isinstance(bericht, bytes):  # Streamlit's messages are binary protobuf
            continue
        msg = ForwardMsg.FromString(bericht)
        if msg.WhichOneof("type") != "delta" or not msg.delta.HasField("new_element"):
            continue
        element = msg.delta.new_element
        if element.WhichOneof("type") != "dataframe":
            continue
        tabel = element.dataframe
        data = tabel.arrow_data.data or tabel.lazy_data.initial_chunk.data
        if data:
            gelezen = pyarrow.ipc.open_stream(data).read_all()
            cellen += gelezen.num_rows * gelezen.num_columns
    return cellen


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


async def _nieuwe_context(browser: Any) -> Any:
    return await browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1440, "height": 1000}
    )


async def _log_in(page: Any, basis: str, naam: str, wachtwoord: str, eerste_titel: str) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    await page.goto(basis)
    await page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    await page.get_by_label("Naam").fill(naam)
    await page.get_by_label("Wachtwoord").fill(wachtwoord)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_selector('[data-testid="stSidebarNav"]')
    await page.wait_for_function(_KLAAR_JS, arg=eerste_titel)


async def _klik_pagina(page: Any, titel: str) -> None:
    await page.locator('[data-testid="stSidebarNav"] a', has_text=titel).first.click()
    # Not the URL: the start page lives at "/". The titles differ per page, so the
    # new title plus "not running" means the new page has been drawn.
    await page.wait_for_function(_KLAAR_JS, arg=titel)


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
    context = await _nieuwe_context(browser)
    page = await context.new_page()
    try:
        await _log_in(page, basis, naam, wachtwoord, paginas[0][1])
        await start.wait()
        tijden: list[tuple[str, float]] = []
        volgorde = [*paginas[1:], paginas[0]]  # start on the second: the first is open
        for _ in range(rondes):
            for sleutel, titel in volgorde:
                begin = time.perf_counter()
                await _klik_pagina(page, titel)
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


async def _cpu_ronde(
    basis: str,
    naam: str,
    wachtwoord: str,
    paginas: Sequence[tuple[str, str]],
    rondes: int,
    servergroep: int,
) -> dict[str, list[dict[str, float]]]:
    """One user clicks through `paginas` (1 warm-up round + `rondes`); per click the work."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = await _nieuwe_context(browser)
            page = await context.new_page()
            ontvangen: list[bytes | str] = []

            def _volg(ws: Any) -> None:
                ws.on("framereceived", lambda inhoud: ontvangen.append(inhoud))

            page.on("websocket", _volg)
            await _log_in(page, basis, naam, wachtwoord, paginas[0][1])
            cdp = await context.new_cdp_session(page)
            await cdp.send("Performance.enable")

            async def _metrieken() -> dict[str, float]:
                antwoord = await cdp.send("Performance.getMetrics")
                return {m["name"]: float(m["value"]) for m in antwoord["metrics"]}

            per_pagina: dict[str, list[dict[str, float]]] = {}
            volgorde = [*paginas[1:], paginas[0]]
            for ronde in range(rondes + 1):
                for sleutel, titel in volgorde:
                    voor = await _metrieken()
                    server_voor, chromium_voor = (
                        _cpu_seconden(servergroep),
                        _cpu_chromium(servergroep),
                    )
                    ontvangen.clear()
                    begin = time.perf_counter()
                    await _klik_pagina(page, titel)
                    duur = time.perf_counter() - begin
                    na = await _metrieken()
                    meting = {
                        "seconden": duur,
                        **{veld: na[m] - voor[m] for veld, m in _CDP_METRIEKEN.items()},
                        "chromium_cpu_s": _cpu_chromium(servergroep) - chromium_voor,
                        "server_cpu_s": _cpu_seconden(servergroep) - server_voor,
                        "websocket_kb": sum(map(len, ontvangen)) / 1024,
                        "cellen": _cellen_verstuurd(ontvangen),
                        **await page.evaluate(_INHOUD_JS),
                    }
                    if ronde:  # round 0 warms the caches
                        per_pagina.setdefault(sleutel, []).append(meting)
            await context.close()
            return per_pagina
        finally:
            await browser.close()


def meet_cpu_per_pagina(
    basis: str,
    naam: str,
    wachtwoord: str,
    paginas: Sequence[tuple[str, str]],
    servergroep: int,
    rondes: int = 3,
) -> dict[str, dict[str, float]]:
    """Per page the median work of one click by one user: {pagina: {browser_cpu_s, ...}}."""
    metingen = asyncio.run(_cpu_ronde(basis, naam, wachtwoord, paginas, rondes, servergroep))
    uitkomst: dict[str, dict[str, float]] = {}
    for sleutel, reeks in metingen.items():
        uitkomst[sleutel] = {
            veld: round(statistics.median(m[veld] for m in reeks), 3) for veld in reeks[0]
        }
    return uitkomst


def meet(
    db: Path,
    gebruikers: Sequence[int] = (1, 4, 8),
    rondes: int = 3,
    rol: str = TOEZICHT,
    cpu_per_pagina: bool = True,
) -> dict[str, Any]:
    """Page p50/p95 (seconds) per number of concurrent users, overall and per page; first
    (unless `cpu_per_pagina` is False) the work per click of one user, per page.

    Returns {"rol", "rondes", "definitie", "doel_p95", "cpu_per_pagina": {pagina:
    {"browser_cpu_s", "chromium_cpu_s", "server_cpu_s", "dom_knopen", ...}}, "gebruikers":
    {"8": {"p50", "p95", "paginas": {pagina: {"p50", "p95"}}, "bezoeken", "load_voor",
    "load_na"}}}.
    """
    from dashboard import roles  # only the page lists; no streamlit session is started

    if not Path(db).is_file():
        raise FileNotFoundError(f"database {db} bestaat niet")
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} ontbreekt (tests/e2e/installeer_chromium.sh)")
    paginas = [(p.sleutel, p.titel) for p in roles.paginas(rol)]
    wachtwoord = secrets.token_urlsafe(24)
    namen = [f"bench-last-{i}" for i in range(max((*gebruikers, 1)))]
    map_ = Path(tempfile.mkdtemp(prefix="bench-dashboard-last-"))
    proces, basis = _start_server(Path(db).resolve(), map_, [(n, rol) for n in namen], wachtwoord)
    per_aantal: dict[str, Any] = {}
    werk: dict[str, Any] = {}
    try:
        if cpu_per_pagina:
            load_voor = os.getloadavg()[0]
            werk["paginas"] = meet_cpu_per_pagina(
                basis, namen[0], wachtwoord, paginas, proces.pid, rondes
            )
            werk["load_voor"], werk["load_na"] = round(load_voor, 2), round(os.getloadavg()[0], 2)
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
        "cpu_per_pagina": werk,
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
    parser.add_argument(
        "--alleen-cpu",
        action="store_true",
        help="meet alleen het werk per klik van één gebruiker (cpu per pagina)",
    )
    args = parser.parse_args(argv)
    gebruikers = () if args.alleen_cpu else tuple(args.gebruikers or (1, 4, 8))
    print(json.dumps(meet(args.db, gebruikers, args.rondes, args.rol), indent=1))


if __name__ == "__main__":
    main()
