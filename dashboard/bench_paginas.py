"""Warm first paint per page, measured with Streamlit's AppTest.

Run as `python -m dashboard.bench_paginas DB [--rol ROL] [--herhalingen N]`; prints one JSON
object {pagina: mediaan seconden}. pipelines/bench_dashboard.py starts this in its own process
(the pipelines never import streamlit), which also keeps Streamlit's global caches clean.
Each page is rendered once to warm the cache, then N times; the median of those N counts.
A render is the whole script run a browser would wait for: entrypoint, sidebar, page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from pipelines import rollen, settings

APP = Path(__file__).resolve().parent / "app.py"


def meet(db_pad: Path, rol: str = rollen.STANDAARD_ROL, herhalingen: int = 5) -> dict[str, float]:
    os.environ[settings.DB_ENV] = str(db_pad)
    os.environ[settings.ROL_ENV] = rol
    from streamlit.testing.v1 import AppTest

    from dashboard import roles

    at = AppTest.from_file(APP, default_timeout=120)
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


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de eerste weergave per pagina (warm).")
    parser.add_argument("db", type=Path)
    parser.add_argument("--rol", default=rollen.STANDAARD_ROL, choices=rollen.ROLLEN)
    parser.add_argument("--herhalingen", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(meet(args.db, args.rol, args.herhalingen)))


if __name__ == "__main__":
    main()
