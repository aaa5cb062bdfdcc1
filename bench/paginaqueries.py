"""The dashboard's queries per page, timed against the role files: p50/p95 per role and page.

Which queries a page issues is not listed by hand (a list would drift from the pages): each
page of each role is rendered once with Streamlit's AppTest, with an empty query cache, while
the query layer's one door (`dashboard.queries.verbinding.lees`) records every call (role,
views, SQL, bound parameters). Then each page's recorded queries are replayed through that
same door, uncached, `herhalingen` times; one repetition's page time is the sum of its
queries (they run one after another in the page script). So the figures are what a page
costs in DuckDB when nothing is cached, including opening the role file (or taking the
shared connection, see verbinding.py), and exclude rendering (bench/dashboard_last.py
measures that in a browser).

`meet(db)` runs the measurement in its own Python process (`python -m bench.paginaqueries DB`,
which prints one JSON object): the bench process itself never imports streamlit, and every
measurement starts with empty caches.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench import REPO, meet_in_eigen_proces
from pipelines.settings import DB_ENV, ROL_ENV, dashboard_map

# Issue #14: every page's query p95 at most half a second (at 20M declaration lines).
DOEL_P95_SECONDEN = 0.5


def _percentiel(waarden: list[float], p: float) -> float:
    """The p-th percentile (0–100), nearest rank on sorted values."""
    geordend = sorted(waarden)
    rang = max(1, -(-len(geordend) * p // 100))  # ceil without floats drifting
    return geordend[int(rang) - 1]


def samenvatting(tijden: list[float]) -> dict[str, float]:
    """p50 and p95 (seconds, 4 decimals) of a list of timings."""
    return {
        "p50": round(statistics.median(tijden), 4),
        "p95": round(_percentiel(tijden, 95), 4),
    }


def meet(db: Path, herhalingen: int = 20, rollen: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Per role and page: p50/p95 seconds of the page's queries, and its slowest query.

    Returns {"herhalingen": n, "doel_p95": 0.5, "rollen": {rol: {pagina: {"p50", "p95",
    "queries", "traagste_query": {"p50", "p95", "weergaven"}}}}, "traagste_pagina": {...}}.
    """
    if not Path(db).is_file():
        raise FileNotFoundError(f"database {db} bestaat niet")
    omgeving = {k: v for k, v in os.environ.items() if k not in (DB_ENV, ROL_ENV)}
    omgeving["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p
    )
    opdracht = [
        sys.executable,
        "-m",
        "bench.paginaqueries",
        str(Path(db).resolve()),
        "--herhalingen",
        str(herhalingen),
    ]
    for rol in rollen or ():
        opdracht += ["--rol", rol]
    return meet_in_eigen_proces(opdracht, omgeving, "de paginaqueries")


def te_traag(resultaat: dict[str, Any], doel: float = DOEL_P95_SECONDEN) -> dict[str, float]:
    """`rol/pagina` → p95 for every page whose query p95 is above the goal."""
    return {
        f"{rol}/{pagina}": cijfers["p95"]
        for rol, paginas in resultaat["rollen"].items()
        for pagina, cijfers in paginas.items()
        if cijfers["p95"] > doel
    }


# ------------------------------------------------------------------------------------------
# In the child process
# ------------------------------------------------------------------------------------------
Opname = tuple[str, tuple[str, ...], str, dict[str, Any] | None]


def _neem_op(rol: str) -> dict[str, list[Opname]]:
    """Render every page of `rol` once (AppTest, empty cache) and record its `lees` calls."""
    import secrets

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import dashboard.queries as query_pakket
    from dashboard import roles
    from dashboard.queries import verbinding
    from dashboard.sessie import SESSIE_SLEUTEL, Gebruiker
    from pipelines.beheeropslag import gebruikers

    opnames: list[Opname] = []
    origineel = verbinding.lees

    def opnemend(
        rol_: str,
        weergaven: tuple[str, ...],
        sql: str,
        params: dict[str, Any] | None = None,
        pogingen: int | None = None,
    ) -> Any:
        opnames.append((rol_, tuple(weergaven), sql, dict(params) if params else None))
        return origineel(rol_, weergaven, sql, params, pogingen)

    # Every query module imported `lees` by name: replace it there too.
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(query_pakket.__path__):
        geladen = importlib.import_module(f"dashboard.queries.{module.name}")
        if getattr(geladen, "lees", None) is origineel:
            geladen.lees = opnemend  # type: ignore[attr-defined]
    verbinding.lees = opnemend  # type: ignore[assignment]

    naam = f"bench-{rol}"
    if not any(g.naam == naam for g in gebruikers.lijst()):
        gebruikers.voeg_toe(naam, rol, secrets.token_urlsafe(16), door="bench", door_rol="bench")
    at = AppTest.from_file(dashboard_map() / "app.py", default_timeout=300)
    at.session_state[SESSIE_SLEUTEL] = Gebruiker(naam, rol)
    at.run()
    per_pagina: dict[str, list[Opname]] = {}
    for pagina in roles.paginas(rol):
        st.cache_data.clear()
        st.cache_resource.clear()
        opnames.clear()
        at.switch_page(f"app_pages/{pagina.bestand}").run()
        if at.exception:
            raise RuntimeError(f"{rol}/{pagina.sleutel}: {at.exception[0].value}")
        per_pagina[pagina.sleutel] = list(opnames)
    for module in pkgutil.iter_modules(query_pakket.__path__):
        geladen = importlib.import_module(f"dashboard.queries.{module.name}")
        if getattr(geladen, "lees", None) is opnemend:
            geladen.lees = origineel  # type: ignore[attr-defined]
    verbinding.lees = origineel
    return per_pagina


def _speel_af(rol: str, opnames: list[Opname], herhalingen: int) -> dict[str, Any]:
    """Replay a page's recorded queries through the query layer, uncached."""
    from dashboard.queries import verbinding

    os.environ[ROL_ENV] = rol  # outside a Streamlit session the role comes from here
    for rol_, weergaven, sql, params in opnames:  # warm-up: file cache, connection
        verbinding.lees(rol_, weergaven, sql, params)
    pagina_tijden: list[float] = []
    per_query: list[list[float]] = [[] for _ in opnames]
    for _ in range(herhalingen):
        totaal = 0.0
        for i, (rol_, weergaven, sql, params) in enumerate(opnames):
            begin = time.perf_counter()
            verbinding.lees(rol_, weergaven, sql, params)
            duur = time.perf_counter() - begin
            per_query[i].append(duur)
            totaal += duur
        pagina_tijden.append(totaal)
    uitkomst: dict[str, Any] = {
        **(samenvatting(pagina_tijden) if opnames else {"p50": 0.0, "p95": 0.0}),
        "queries": len(opnames),
    }
    if opnames:
        traagste = max(range(len(opnames)), key=lambda i: statistics.median(per_query[i]))
        uitkomst["traagste_query"] = {
            **samenvatting(per_query[traagste]),
            "weergaven": list(opnames[traagste][1]),
        }
    return uitkomst


def meet_in_dit_proces(db: Path, herhalingen: int, rollen: tuple[str, ...]) -> dict[str, Any]:
    import tempfile

    from dashboard import roles

    os.environ[DB_ENV] = str(db)
    os.environ["SIGNAALMONITOR_BEHEER_DB"] = str(
        Path(tempfile.mkdtemp(prefix="bench-beheer-")) / "beheer.sqlite"
    )
    per_rol: dict[str, dict[str, Any]] = {}
    for rol in rollen or roles.ROLLEN:
        opnames = _neem_op(rol)
        per_rol[rol] = {
            pagina: _speel_af(rol, queries, herhalingen) for pagina, queries in opnames.items()
        }
    alle = [(rol, p, c) for rol, ps in per_rol.items() for p, c in ps.items()]
    rol, pagina, cijfers = max(alle, key=lambda t: t[2]["p95"])
    return {
        "database": str(db),
        "herhalingen": herhalingen,
        "doel_p95": DOEL_P95_SECONDEN,
        "rollen": per_rol,
        "traagste_pagina": {"rol": rol, "pagina": pagina, "p95": cijfers["p95"]},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.paginaqueries",
        description="Meet per rol en pagina de queries van die pagina (p50/p95, ongecachet) "
        "en print één JSON-object.",
    )
    parser.add_argument("db", type=Path, help="de DuckDB-database (met gepubliceerde rolbestanden)")
    parser.add_argument("--herhalingen", type=int, default=20, help="herhalingen per pagina")
    parser.add_argument(
        "--rol", action="append", default=[], help="alleen deze rol (mag vaker); standaard alle"
    )
    args = parser.parse_args(argv)
    print(json.dumps(meet_in_dit_proces(args.db, args.herhalingen, tuple(args.rol))))


if __name__ == "__main__":
    main()
