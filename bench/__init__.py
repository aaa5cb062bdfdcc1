"""The bench: load speed, run time, detection quality and dashboard speed on generated regions.

It measures a checkout (it writes docs/ and generates regions), so it lives next to the
program, not in it: the wheel packages only `pipelines` and `dashboard`, and neither imports
`bench` (import-linter). Run it from the repository root: `python -m bench --help`.

- cli.py               the command line and the four regions it measures
- timing.py            generate, load and run a region, and the scale test, against the clock
- scoring.py           detection quality against the ground truth, as pure functions
- outcome.py           a computed region's signals, ranking, register and ground truth
- report.py            docs/bench/*.json and the card docs/detectiekwaliteit.md
- region_variants.py   the demo region with its own codes, and multiplied for the scale test
- dashboard_paint.py   warm first paint per dashboard page (AppTest, in its own process)
- iwmo_lezer.py        the iWmo XML reader alone: prestaties/s in a big WMO323, small messages/s
                       (`python -m bench.iwmo_lezer`)
"""

from pathlib import Path

# The checkout the bench measures and writes into (docs/); the bench is never installed elsewhere.
REPO = Path(__file__).resolve().parents[1]
