"""Warm first paint of every dashboard page on a database (goal: under 1 s), with Streamlit's
AppTest.

`meet_eerste_paint` starts the measurement in its own Python process
(`python -m bench.dashboard_paint DB [--rol ROL] [--herhalingen N]`, which prints one JSON object
{pagina: mediaan seconden}): a fresh process starts with empty Streamlit caches, so "warm" means
warmed by this measurement only, and the bench process itself never imports streamlit.
Each page is rendered once to warm the cache, then N times; the median of those N counts.
A render is the whole script run a browser would wait for: entrypoint, sidebar, page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench import REPO, meet_in_eigen_proces
from pipelines.rollen import STANDAARD_ROL
from pipelines.settings import DB_ENV, ROL_ENV, dashboard_map

DOEL_SECONDEN = 1.0


def meet_eerste_paint(
    db_pad: Path, rol: str = STANDAARD_ROL, herhalingen: int = 5
) -> dict[str, float]:
    """Per page the median seconds of a warm-cache AppTest render (1 warm-up + herhalingen)."""
    if not Path(db_pad).is_file():
        raise FileNotFoundError(f"database {db_pad} bestaat niet")
    omgeving = {k: v for k, v in os.environ.items() if k != DB_ENV}
    # The child imports `bench` from this checkout, also when started outside its root.
    omgeving["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p
    )
    tijden: dict[str, float] = meet_in_eigen_proces(
        [
            sys.executable,
            "-m",
            "bench.dashboard_paint",
            str(Path(db_pad).resolve()),
            "--rol",
            rol,
            "--herhalingen",
            str(herhalingen),
        ],
        omgeving,
        "het dashboard",
    )
    return tijden


def te_traag(tijden: dict[str, float], doel: float = DOEL_SECONDEN) -> dict[str, float]:
    """The pages whose warm first paint is not under the goal."""
    return {pagina: t for pagina, t in tijden.items() if t >= doel}


def meet_in_dit_proces(
    db_pad: Path, rol: str = STANDAARD_ROL, herhalingen: int = 5
) -> dict[str, float]:
    """The measurement itself; run it in a fresh process (see the module docstring)."""
    import secrets
    import tempfile

    from streamlit.testing.v1 import AppTest

    from dashboard import roles
    from dashboard.sessie import SESSIE_SLEUTEL, Gebruiker
    from pipelines.beheeropslag import gebruikers

    os.environ[DB_ENV] = str(db_pad)
    os.environ[ROL_ENV] = rol
    # Since #12 the pages need a logged-in user: one in a throwaway beheeropslag.
    os.environ["SIGNAALMONITOR_BEHEER_DB"] = str(
        Path(tempfile.mkdtemp(prefix="bench-beheer-")) / "beheer.sqlite"
    )
    gebruikers.voeg_toe(
        f"bench-{rol}", rol, secrets.token_urlsafe(16), door="bench", door_rol="bench"
    )
    at = AppTest.from_file(dashboard_map() / "app.py", default_timeout=120)
    at.session_state[SESSIE_SLEUTEL] = Gebruiker(f"bench-{rol}", rol)
    at.run()
    uitkomst: dict[str, float] = {}
    for pagina in roles.paginas(rol):
        at.switch_page(f"app_pages/{pagina.bestand}").run()  # warm the cache
        if at.exception:
            raise RuntimeError(f"{pagina.sleutel}: {at.exception[0].value}")
        tijden = []
        for _ in range(herhalingen):
            begin = time.perf_counter()
            at.run()
            tijden.append(time.perf_counter() - begin)
        uitkomst[pagina.sleutel] = round(statistics.median(tijden), 4)
    return uitkomst


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.dashboard_paint",
        description="Meet de eerste weergave per pagina (warm) en print één JSON-object.",
    )
    parser.add_argument("db", type=Path, help="de DuckDB-database om te tonen")
    parser.add_argument("--rol", default="toezicht", help="de rol wiens pagina's gemeten worden")
    parser.add_argument(
        "--herhalingen", type=int, default=5, help="weergaven per pagina na de opwarmronde"
    )
    args = parser.parse_args(argv)
    print(json.dumps(meet_in_dit_proces(args.db, args.rol, args.herhalingen)))


if __name__ == "__main__":
    main()
