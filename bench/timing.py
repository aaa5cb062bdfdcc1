"""How long the program takes: generating, loading and computing a region, and the scale test.

Every figure is wall-clock seconds from `time.perf_counter`, rounded for reading; the numbers
describe this machine at this moment and are reported, never asserted.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console

from pipelines.database import open_for_writing
from pipelines.demo.generate_region import genereer_regio
from pipelines.demo.schaal import genereer_schaal
from pipelines.ingest.ingest_run import laad_bronnen
from pipelines.run_pipeline import voer_uit
from pipelines.settings import DEMO_SEED

T = TypeVar("T")


def _gemeten(stap: Callable[[], T]) -> tuple[T, float]:
    """The step's result and how long it took (wall-clock seconds)."""
    start = time.perf_counter()
    uitkomst = stap()
    return uitkomst, time.perf_counter() - start


def _traagste(per_model: dict[str, float], aantal: int = 5) -> dict[str, float]:
    return dict(sorted(per_model.items(), key=lambda kv: -kv[1])[:aantal])


def laad_en_reken(map_: Path, console: Console) -> dict[str, Any]:
    """Load map_/bron into a new database and run twice; return timings and the database path."""
    db = map_ / "regio.duckdb"
    con = open_for_writing(db)
    try:
        resultaten, laden = _gemeten(lambda: laad_bronnen(con, [map_ / "bron"], console))
        run, rekenen = _gemeten(lambda: voer_uit(con))
        _, tweede_run = _gemeten(lambda: voer_uit(con))
    finally:
        con.close()
    rijen = sum(r.rijen_geladen for r in resultaten)
    return {
        "db": db,
        "laden_s": round(laden, 2),
        "rijen_geladen": rijen,
        "rijen_per_seconde": round(rijen / laden) if laden else None,
        "declaratieregels": sum(r.rijen_geladen for r in resultaten if r.tabel == "declaraties"),
        "run_s": round(rekenen, 2),
        "tweede_run_s": round(tweede_run, 2),
        "modellen": run.modellen,
        "traagste_modellen": _traagste(run.per_model),
    }


def bouw_regio(
    map_: Path,
    seed: int,
    met_schemas: bool,
    console: Console,
    *,
    aantal_aanbieders: int | None = None,
    aantal_clienten: int | None = None,
) -> dict[str, Any]:
    """Generate, load and run one region; return timings and the database path.

    Without sizes the generator's own defaults apply (the demo region)."""
    grootte: dict[str, Any] = {}
    if aantal_aanbieders is not None:
        grootte["aantal_aanbieders"] = aantal_aanbieders
    if aantal_clienten is not None:
        grootte["aantal_clienten"] = aantal_clienten
    samenvatting, genereren = _gemeten(
        lambda: genereer_regio(map_, seed, met_schemas=met_schemas, **grootte)
    )
    return {
        "seed": seed,
        "met_schemas": met_schemas,
        "rijen": samenvatting.rijen,
        "genereren_s": round(genereren, 2),
        **laad_en_reken(map_, console),
    }


def schaaltest(factor: int) -> dict[str, Any]:
    """Ingest and run on the demo region multiplied (pipelines/demo/schaal.py, the held-back
    last month included): how the pipeline scales. `make bench-schaal` measures a series."""
    console = Console(quiet=True)
    with tempfile.TemporaryDirectory(prefix="signaalmonitor-schaal-") as tmp:
        map_ = Path(tmp)
        groot = genereer_schaal(map_ / "groot", factor, seed=DEMO_SEED)
        con = open_for_writing(map_ / "groot.duckdb")
        try:
            resultaten, laden = _gemeten(
                lambda: laad_bronnen(con, [groot.bron, groot.extra], console)
            )
            run, rekenen = _gemeten(lambda: voer_uit(con))
        finally:
            con.close()
        grootte = (map_ / "groot.duckdb").stat().st_size
    declaraties = sum(r.rijen_geladen for r in resultaten if r.tabel == "declaraties")
    rijen = sum(r.rijen_geladen for r in resultaten)
    return {
        "factor": factor,
        "declaratieregels": declaraties,
        "rijen_geladen": rijen,
        "laden_s": round(laden, 1),
        "rijen_per_seconde": round(rijen / laden),
        "run_s": round(rekenen, 1),
        "database_mb": round(grootte / 1e6),
        "traagste_modellen": {k: round(v, 1) for k, v in _traagste(run.per_model).items()},
    }
