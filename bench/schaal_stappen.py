"""The steps of the scale series that are not a `signaalmonitor` command, each run in a process
of its own by bench/schaal_reeks.py so that its time and peak memory are its own:

- `genereer MAP KOPIEEN BASIS`: the national-size set (pipelines/demo/schaal.py), CSV and Parquet;
- `kale-lees BRON DB`: the bare DuckDB read the program is compared with — every CSV table in
  BRON read with DuckDB's own type detection and materialised whole (CREATE TABLE AS SELECT *
  FROM read_csv) in a new database file, as ingest also writes a file;
- `pandas BRON UIT`: the pandas baseline of three core indicators (bench/schaal_pandas.py),
  its counts written to UIT as JSON.

`python -m bench.schaal_stappen STAP ...`; prints one line of JSON with what the step did.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from pipelines.contract import herken_tabel
from pipelines.sql_quote import ident


def genereer(map_: Path, kopieen: int, basis: Path) -> dict[str, Any]:
    from pipelines.demo.schaal import genereer_schaal

    s = genereer_schaal(map_, kopieen, basis=basis, parquet=True)
    return {
        "kopieen": s.kopieen,
        "aanbiedersets": s.aanbiedersets,
        "rijen": s.rijen,
        "extra_maand": s.extra_maand,
        "extra_maand_rijen": s.extra_maand_rijen,
    }


def bestanden_per_tabel(bron: Path, extensie: str = ".csv") -> dict[str, list[Path]]:
    """The files in bron per contract table (by name, as ingest recognises them)."""
    per_tabel: dict[str, list[Path]] = defaultdict(list)
    for pad in sorted(bron.iterdir()):
        tabel = herken_tabel(pad.name)
        if tabel is not None and pad.suffix == extensie:
            per_tabel[tabel].append(pad)
    return dict(per_tabel)


def kale_lees(bron: Path, db: Path) -> dict[str, Any]:
    """Read every CSV table into a new database file with DuckDB's defaults; rows per table."""
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    try:
        rijen: dict[str, int] = {}
        for tabel, paden in bestanden_per_tabel(bron).items():
            con.execute(
                f"CREATE TABLE {ident(tabel)} AS SELECT * FROM read_csv($paden, header = true)",
                {"paden": [str(p) for p in paden]},
            )
            uitkomst = con.execute(f"SELECT count(*) FROM {ident(tabel)}").fetchone()
            rijen[tabel] = int(uitkomst[0]) if uitkomst else 0
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"rijen": rijen, "database_mb": round(db.stat().st_size / 1e6)}


# pandas holds everything in memory (11 GiB at 20M lines); at 40M it would outgrow this machine,
# which has no swap, and the kernel's OOM killer might pick another process than pandas. The
# watchdog ends the step itself first, and the series records that pandas did not fit.
PANDAS_GEHEUGEN_AANDEEL = 0.7
GEHEUGEN_OP = 3


def _bewaak_geheugen(aandeel: float) -> None:
    """End this process (exit code GEHEUGEN_OP) once its resident set exceeds `aandeel` of RAM."""
    pagina = os.sysconf("SC_PAGE_SIZE")
    grens = int(os.sysconf("SC_PHYS_PAGES") * pagina * aandeel)

    def wacht() -> None:
        while True:
            with open("/proc/self/statm") as f:
                rss = int(f.read().split()[1]) * pagina
            if rss > grens:
                print(
                    f"gestopt: pandas gebruikte meer dan {grens / 2**30:.1f} GiB "
                    f"({aandeel:.0%} van het werkgeheugen)",
                    flush=True,
                )
                os._exit(GEHEUGEN_OP)
            time.sleep(0.1)

    threading.Thread(target=wacht, daemon=True).start()


def main(argv: list[str]) -> int:
    stap, *args = argv
    if stap == "genereer":
        uitkomst = genereer(Path(args[0]), int(args[1]), Path(args[2]))
    elif stap == "kale-lees":
        uitkomst = kale_lees(Path(args[0]), Path(args[1]))
    elif stap == "pandas":
        from bench.schaal_pandas import drie_indicatoren

        _bewaak_geheugen(PANDAS_GEHEUGEN_AANDEEL)
        uitkomst = drie_indicatoren(Path(args[0]))
    else:
        print(f"onbekende stap {stap!r}", file=sys.stderr)
        return 2
    print(json.dumps(uitkomst, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
