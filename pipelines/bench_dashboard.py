"""`make bench`: warm first paint of every dashboard page on a database (goal: under 1 s).

The measurement itself runs in its own Python process (`python -m dashboard.bench_paginas`),
because the pipelines never import streamlit (import-linter) and a fresh process starts with
empty Streamlit caches, so "warm" means warmed by this measurement only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DOEL_SECONDEN = 1.0


def meet_eerste_paint(
    db_pad: Path, rol: str = "toezicht", herhalingen: int = 5
) -> dict[str, float]:
    """Per page the median seconds of a warm-cache AppTest render (1 warm-up + herhalingen)."""
    if not Path(db_pad).is_file():
        raise FileNotFoundError(f"database {db_pad} bestaat niet")
    omgeving = {k: v for k, v in os.environ.items() if k not in ("SIGNAALMONITOR_DB",)}
    uitkomst = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.bench_paginas",
            str(Path(db_pad).resolve()),
            "--rol",
            rol,
            "--herhalingen",
            str(herhalingen),
        ],
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )
    if uitkomst.returncode != 0:
        raise RuntimeError(f"meting van het dashboard faalde:\n{uitkomst.stderr[-4000:]}")
    regels = [r for r in uitkomst.stdout.splitlines() if r.startswith("{")]
    if not regels:
        raise RuntimeError(f"geen meetresultaat ontvangen:\n{uitkomst.stdout[-2000:]}")
    tijden: dict[str, float] = json.loads(regels[-1])
    return tijden


def main(argv: list[str] | None = None) -> int:
    argumenten = argv if argv is not None else sys.argv[1:]
    db = Path(argumenten[0]) if argumenten else Path("data/signaalmonitor.duckdb")
    tijden = meet_eerste_paint(db)
    te_traag = {p: t for p, t in tijden.items() if t >= DOEL_SECONDEN}
    for pagina, seconden in tijden.items():
        teken = "te traag" if pagina in te_traag else "ok"
        print(f"  {pagina:<15} {seconden * 1000:7.0f} ms  {teken}")
    return 1 if te_traag else 0


if __name__ == "__main__":
    raise SystemExit(main())
