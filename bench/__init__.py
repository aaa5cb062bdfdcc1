"""The bench: load speed, run time, detection quality and dashboard speed on generated regions.

It measures a checkout (it writes docs/ and generates regions), so it lives next to the
program, not in it: the wheel packages only `pipelines` and `dashboard`, and neither imports
`bench` (import-linter). Run it from the repository root: `python -m bench --help`.

- cli.py               the command line and the four regions it measures
- timing.py            generate, load and run a region, and the scale test, against the clock
- scoring.py           detection quality against the ground truth, as pure functions
- outcome.py           a computed region's signals, ranking, register and ground truth
- report.py            docs/bench/*.json and the card docs/detectiekwaliteit.md
- region_variants.py   the demo region with its own codes, other units, mergers
- dashboard_paint.py   warm first paint per dashboard page (AppTest, in its own process)
- paginaqueries.py     every dashboard page's queries, p50/p95 (in its own process)
- dashboard_last.py    the served dashboard under 1, 4 and 8 concurrent browser users
- schaal_*.py          the scale series (`make bench-schaal`): steps, pandas baseline, report
- iwmo_lezer.py        the iWmo XML reader alone: prestaties/s in a big WMO323, small messages/s
                       (`python -m bench.iwmo_lezer`)
"""

import json
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# The checkout the bench measures and writes into (docs/); the bench is never installed elsewhere.
REPO = Path(__file__).resolve().parents[1]


def laatste_json(tekst: str) -> dict[str, Any]:
    """The last line of `tekst` that is a JSON object (a measuring process prints its result
    last, after whatever else it logged); {} when there is none."""
    for regel in reversed(tekst.strip().splitlines()):
        if regel.startswith("{"):
            uitkomst: dict[str, Any] = json.loads(regel)
            return uitkomst
    return {}


def meet_in_eigen_proces(
    opdracht: Sequence[str], omgeving: Mapping[str, str], wat: str
) -> dict[str, Any]:
    """Run a measurement in its own process (a fresh Streamlit/DuckDB state) and return the JSON
    object it prints last; a failure or no result raises RuntimeError naming `wat`."""
    uitkomst = subprocess.run(
        list(opdracht), env=dict(omgeving), capture_output=True, text=True, check=False
    )
    if uitkomst.returncode != 0:
        raise RuntimeError(f"meting van {wat} faalde:\n{uitkomst.stderr[-4000:]}")
    resultaat = laatste_json(uitkomst.stdout)
    if not resultaat:
        raise RuntimeError(f"geen meetresultaat ontvangen:\n{uitkomst.stdout[-2000:]}")
    return resultaat
