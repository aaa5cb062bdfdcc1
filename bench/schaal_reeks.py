"""`make bench-schaal` (`python -m bench --schaal-reeks`): the program at national size, in one run.

Per size (declaration lines; default 1M, 5M, 20M and 40M, `--maten` for fewer) the demo region
is written that many times over (pipelines/demo/schaal.py; not counted), then measured, each
step in a process of its own so that its wall-clock time and its peak memory (the largest
resident set in the step's process tree, via getrusage in a small launcher) are its own:

- kale_lees: the bare DuckDB read of the same CSV files (bench/schaal_stappen.py kale-lees:
  CREATE TABLE AS SELECT * FROM read_csv per table, DuckDB's own type detection, into a new
  database file) — the floor that ingest is compared with;
- ingest_csv, run: `signaalmonitor ingest bron/` and `signaalmonitor run` on a new database;
- incrementeel: `ingest extra_maand/` (the held-back last month) followed by `run`;
- ingest_parquet: the same delivery as Parquet into a separate database;
- pandas: three core indicators in straightforward pandas on the same CSV files
  (bench/schaal_pandas.py);
- the database's size after run and after the extra month, with the role files.

Ratios: (ingest_csv + run) / kale_lees and pandas / run. The one-minute load average is
recorded before each step: the machine may be shared. Nothing is asserted; the figures are
reported (docs/bench/schaal_reeks.json, docs/benchmarks.md, docs/benchmarks_schaal.svg).

EXTRA_METINGEN is where measurements on the loaded database are plugged in (the dashboard's
page queries, concurrent browser users): each is called with the `Meetpunt` of a size after
the incremental run, and its dict is stored under its name.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import laatste_json
from pipelines.demo.generate_region import genereer_regio
from pipelines.settings import DEMO_SEED, duckdb_middelen

MATEN_STANDAARD = (1_000_000, 5_000_000, 20_000_000, 40_000_000)
_PYTHON = sys.executable
_SIGNAALMONITOR = [_PYTHON, "-c", "from pipelines.cli import app; app()"]
_STAPPEN = [_PYTHON, "-m", "bench.schaal_stappen"]


@dataclass(frozen=True)
class Meetpunt:
    """One measured size, for an extra measurement: the database after run and the extra
    month (and its role files next to it), the generated folder and the size asked for."""

    maat: int
    declaratieregels: int
    db: Path
    map: Path


# The models behind the pandas baseline's three indicators (bench/schaal_pandas.py): declaraties
# zonder toewijzing and boven volume, year-over-year growth per provider, stapeling.
DRIE_INDICATOREN = (
    "ind_spookzorg_zonder_toewijzing",
    "ind_spookzorg_boven_volume",
    "ind_volume_groei",
    "ind_stapeling_samenloop",
)


def paginaqueries(punt: Meetpunt) -> dict[str, Any]:
    """Every dashboard page's queries on this size's role files: p50/p95 per role and page."""
    from bench import paginaqueries as pq

    return pq.meet(punt.db, herhalingen=20)


def browsergebruikers(punt: Meetpunt) -> dict[str, Any]:
    """The served dashboard under 1, 4 and 8 concurrent browser users (toezicht, every page)."""
    from bench import dashboard_last

    return dashboard_last.meet(punt.db, gebruikers=(1, 4, 8), rondes=2)


# Measurements on the loaded database, per size (after the extra month); their dicts land in the
# result under the callable's __name__ and in docs/benchmarks.md.
EXTRA_METINGEN: list[Callable[[Meetpunt], dict[str, Any]]] = [paginaqueries, browsergebruikers]


@dataclass(frozen=True)
class Stap:
    seconden: float
    piek_rss_mb: float
    belasting_voor: float
    exitcode: int
    uitvoer: str
    # The largest size of DuckDB's spill folder during the step (MB), when it was watched: what
    # a step needs on disk beyond the database itself (at 40M lines this decided whether the run
    # after the extra month fit on this machine's disk).
    piek_uitspoelmap_mb: float | None = None

    def als_dict(self) -> dict[str, Any]:
        uit: dict[str, Any] = {
            "seconden": round(self.seconden, 1),
            "piek_rss_mb": round(self.piek_rss_mb),
            "belasting_1min_voor": round(self.belasting_voor, 2),
        }
        if self.piek_uitspoelmap_mb is not None:
            uit["piek_uitspoelmap_mb"] = round(self.piek_uitspoelmap_mb)
        if self.exitcode != 0:
            uit["exitcode"] = self.exitcode
            uit["fout"] = self.uitvoer[-2000:]
        return uit


def lees_maten(tekst: str) -> list[int]:
    """'1M,5M,250k,2000000' → [1000000, 5000000, 250000, 2000000]."""
    maten = []
    for deel in tekst.split(","):
        m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*([kKmM]?)\s*", deel)
        if not m:
            raise ValueError(f"onbekende maat {deel!r}; schrijf bijvoorbeeld 1M,5M of 250k")
        getal = float(m.group(1).replace(",", "."))
        factor = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()]
        maten.append(int(getal * factor))
    if not maten or min(maten) < 1:
        raise ValueError("een maat moet minstens 1 regel zijn")
    return maten


def label(maat: int) -> str:
    if maat % 1_000_000 == 0:
        return f"{maat // 1_000_000}M"
    if maat % 1_000 == 0:
        return f"{maat // 1_000}k"
    return str(maat)


# Runs the step as its child and writes the child's peak RSS (KiB) to the file in argv[1].
# Why a launcher: Linux carries a process's peak RSS over fork and exec, so a step started
# straight from this (large) process would report at least this process's size. The small
# launcher's children start from its ~10 MB instead.
_LANCEERDER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


# How often the spill folder is measured while a step runs: DuckDB fills and empties it within
# one model, so a peak between two looks can be missed; half a second keeps the walk cheap.
_UITSPOELMAP_INTERVAL = 0.5


def map_grootte_mb(map_: Path) -> float:
    """The size of every file under map_ (0 when it does not exist); files that vanish while
    it is walked (DuckDB removes spill files) count as gone."""
    totaal = 0
    for wortel, _, namen in os.walk(map_):
        for naam in namen:
            try:
                totaal += os.path.getsize(os.path.join(wortel, naam))
            except OSError:
                continue
    return totaal / 1e6


def meet(opdracht: list[str], log: Path, uitspoelmap: Path | None = None) -> Stap:
    """Run one step in its own process; wall clock and the peak RSS of its process tree (the
    largest resident set of any process in it: DuckDB and pandas steps are one process), and
    with `uitspoelmap` the largest size that folder reached while the step ran."""
    belasting = os.getloadavg()[0]
    rss_bestand = log.with_suffix(".rss")
    rss_bestand.unlink(missing_ok=True)
    piek_map = 0.0
    start = time.perf_counter()
    with log.open("w") as uit:
        proces = subprocess.Popen(
            [_PYTHON, "-c", _LANCEERDER, str(rss_bestand), *opdracht],
            stdout=uit,
            stderr=subprocess.STDOUT,
        )
        while True:
            try:
                code = proces.wait(timeout=_UITSPOELMAP_INTERVAL)
                break
            except subprocess.TimeoutExpired:
                if uitspoelmap is not None:
                    piek_map = max(piek_map, map_grootte_mb(uitspoelmap))
    seconden = time.perf_counter() - start
    rss_kib = int(rss_bestand.read_text()) if rss_bestand.is_file() else 0
    return Stap(
        seconden=seconden,
        piek_rss_mb=rss_kib / 1024,
        belasting_voor=belasting,
        exitcode=code,
        uitvoer=log.read_text(errors="replace"),
        piek_uitspoelmap_mb=piek_map if uitspoelmap is not None else None,
    )


def traagste_modellen(db: Path, aantal: int = 8) -> list[dict[str, float]]:
    """Per run recorded in db (beheer.runs, oldest first) its slowest models in seconds: what
    dominated the run."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT duur_per_model FROM beheer.runs ORDER BY run_id").fetchall()
    finally:
        con.close()
    uit = []
    for (per_model_json,) in runs:
        per_model: dict[str, float] = json.loads(per_model_json)
        uit.append(dict(sorted(per_model.items(), key=lambda kv: -kv[1])[:aantal]))
    return uit


def _grootte_mb(db: Path) -> int:
    """The database file (with its write-ahead log), in MB."""
    paden = [db, db.with_name(db.name + ".wal")]
    return round(sum(p.stat().st_size for p in paden if p.is_file()) / 1e6)


def _rolbestanden_mb(db: Path) -> int:
    """The role files `run` publishes next to the database (<stem>.rol_<rol>.duckdb), in MB."""
    return round(sum(p.stat().st_size for p in db.parent.glob(f"{db.stem}.rol_*")) / 1e6)


def _ruim_op(db: Path) -> None:
    """The database and everything the program keeps next to it (role files, beheer)."""
    for pad in db.parent.glob(f"{db.stem}.*"):
        if pad.is_file():
            pad.unlink()


def machine(werkmap: Path) -> dict[str, Any]:
    """Cores, memory, disk, OS and versions, read from this machine."""
    import duckdb
    import pandas

    geheugen_kb = 0
    with open("/proc/meminfo") as f:
        for regel in f:
            if regel.startswith("MemTotal:"):
                geheugen_kb = int(regel.split()[1])
    processor = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for regel in f:
                if regel.startswith("model name"):
                    processor = regel.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    schijf = shutil.disk_usage(werkmap)
    bestandssysteem = "onbekend"
    try:
        beste = ""
        with open("/proc/mounts") as f:
            for regel in f:
                delen = regel.split()
                if str(werkmap.resolve()).startswith(delen[1]) and len(delen[1]) >= len(beste):
                    beste, bestandssysteem = delen[1], f"{delen[2]} op {delen[0]}"
    except OSError:
        pass
    return {
        "kernen": os.cpu_count(),
        "processor": processor,
        "geheugen_gib": round(geheugen_kb / 1024**2, 1),
        "schijf": f"{bestandssysteem}, {schijf.free / 1e9:.0f} GB vrij van "
        f"{schijf.total / 1e9:.0f} GB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pandas.__version__,
    }


def _regels_per_kopie(basis: Path) -> int:
    """Declaration lines per copy in the main delivery (the last month is held back)."""
    import duckdb

    con = duckdb.connect()
    try:
        uitkomst = con.execute(
            """
            WITH d AS (SELECT strftime(CAST(begindatum AS DATE), '%Y-%m') AS maand
                       FROM read_csv($p, all_varchar = true))
            SELECT count(*) FILTER (WHERE maand < (SELECT max(maand) FROM d)) FROM d
            """,
            {"p": str(basis / "bron" / "declaraties.csv")},
        ).fetchone()
    finally:
        con.close()
    return int(uitkomst[0]) if uitkomst else 1


def meet_maat(maat: int, basis: Path, werkmap: Path, uit: Console) -> dict[str, Any]:
    from pipelines.demo.schaal import kopieen_voor

    kopieen = kopieen_voor(maat, _regels_per_kopie(basis))
    map_ = werkmap / label(maat)
    shutil.rmtree(map_, ignore_errors=True)
    map_.mkdir(parents=True)
    logs = map_ / "logs"
    logs.mkdir()
    resultaat: dict[str, Any] = {"maat": maat, "kopieen": kopieen, "stappen": {}}
    stappen: dict[str, Any] = resultaat["stappen"]

    def stap(naam: str, opdracht: list[str], uitspoelmap: Path | None = None) -> Stap:
        uit.print(f"  {label(maat)}: {naam}…")
        gemeten = meet(opdracht, logs / f"{naam}.log", uitspoelmap)
        stappen[naam] = gemeten.als_dict()
        uit.print(
            f"    {gemeten.seconden:.1f} s, piek {gemeten.piek_rss_mb:.0f} MB"
            + ("" if gemeten.exitcode == 0 else f", FOUT (exitcode {gemeten.exitcode})")
        )
        return gemeten

    data = map_ / "data"
    gen = stap("genereren", [*_STAPPEN, "genereer", str(data), str(kopieen), str(basis)])
    if gen.exitcode != 0:
        return resultaat
    resultaat["gegenereerd"] = laatste_json(gen.uitvoer)
    resultaat["declaratieregels"] = resultaat["gegenereerd"]["rijen"]["declaraties"]
    resultaat["csv_mb"] = round(sum(p.stat().st_size for p in (data / "bron").iterdir()) / 1e6)
    resultaat["parquet_mb"] = round(
        sum(p.stat().st_size for p in (data / "bron_parquet").iterdir()) / 1e6
    )

    kaal_db = map_ / "kaal.duckdb"
    kaal = stap("kale_lees", [*_STAPPEN, "kale-lees", str(data / "bron"), str(kaal_db)])
    _ruim_op(kaal_db)
    if kaal.exitcode == 0:
        resultaat["kale_lees"] = laatste_json(kaal.uitvoer)

    db = map_ / "csv.duckdb"
    # Where `run` spills (settings.duckdb_middelen: $SIGNAALMONITOR_TEMP_MAP or <db>.tmp).
    uitspoel = duckdb_middelen(db).temp_map
    ingest = stap(
        "ingest_csv", [*_SIGNAALMONITOR, "ingest", str(data / "bron"), "--db", str(db)], uitspoel
    )
    if ingest.exitcode == 0:
        run = stap("run", [*_SIGNAALMONITOR, "run", "--db", str(db)], uitspoel)
        if run.exitcode == 0:
            resultaat["database_mb_na_run"] = _grootte_mb(db)
            # Read now: the --select run below adds its own row to beheer.runs.
            eerste_run = traagste_modellen(db)[-1]
            # The pandas baseline computes three indicators; the program's own run of just those
            # (with every model they lean on) is the like-for-like comparison.
            stap(
                "run_drie_indicatoren",
                [*_SIGNAALMONITOR, "run", "--db", str(db)]
                + [a for m in DRIE_INDICATOREN for a in ("--select", f"+{m}")],
                uitspoel,
            )
            extra = stap(
                "ingest_extra_maand",
                [*_SIGNAALMONITOR, "ingest", str(data / "extra_maand"), "--db", str(db)],
            )
            if extra.exitcode == 0:
                tweede = stap(
                    "run_na_extra_maand", [*_SIGNAALMONITOR, "run", "--db", str(db)], uitspoel
                )
                # Only a run that finished: a failed one is reported as failed, not as a time.
                if tweede.exitcode == 0:
                    resultaat["incrementeel"] = {
                        "seconden": round(extra.seconden + tweede.seconden, 1),
                        "piek_rss_mb": round(max(extra.piek_rss_mb, tweede.piek_rss_mb)),
                    }
                    resultaat["database_mb_na_extra_maand"] = _grootte_mb(db)
                resultaat["rolbestanden_mb"] = _rolbestanden_mb(db)
                if tweede.exitcode == 0:
                    resultaat["traagste_modellen"] = {
                        "run": eerste_run,
                        "run_na_extra_maand": traagste_modellen(db)[-1],
                    }
                punt = Meetpunt(maat, resultaat["declaratieregels"], db, data)
                for meting in EXTRA_METINGEN:
                    uit.print(f"  {label(maat)}: {meting.__name__}…")
                    try:
                        uitkomst = meting(punt)
                    except Exception as fout:  # a failed measurement must not end the series
                        uitkomst = {"fout": f"{type(fout).__name__}: {fout}"[:500]}
                    resultaat.setdefault("extra", {})[meting.__name__] = uitkomst
    _ruim_op(db)

    pq_db = map_ / "parquet.duckdb"
    stap(
        "ingest_parquet",
        [*_SIGNAALMONITOR, "ingest", str(data / "bron_parquet"), "--db", str(pq_db)],
    )
    _ruim_op(pq_db)

    pandas_stap = stap("pandas", [*_STAPPEN, "pandas", str(data / "bron")])
    if pandas_stap.exitcode == 0:
        resultaat["pandas_uitkomst"] = laatste_json(pandas_stap.uitvoer)
    resultaat["verhoudingen"] = verhoudingen(stappen)
    return resultaat


def verhoudingen(stappen: dict[str, Any]) -> dict[str, float]:
    """(ingest + run) / bare read and pandas / run, where the steps succeeded."""

    def s(naam: str) -> float | None:
        stap = stappen.get(naam)
        if stap is None or "exitcode" in stap or not stap["seconden"]:
            return None
        return float(stap["seconden"])

    uit: dict[str, float] = {}
    ingest, run, kaal, pandas = s("ingest_csv"), s("run"), s("kale_lees"), s("pandas")
    if ingest is not None and run is not None and kaal is not None:
        uit["ingest_plus_run_gedeeld_door_kale_lees"] = round((ingest + run) / kaal, 1)
    if ingest is not None and kaal is not None:
        uit["ingest_gedeeld_door_kale_lees"] = round(ingest / kaal, 1)
    if pandas is not None and run is not None:
        uit["pandas_gedeeld_door_run"] = round(pandas / run, 2)
    drie = s("run_drie_indicatoren")
    if pandas is not None and drie is not None:
        uit["pandas_gedeeld_door_run_drie_indicatoren"] = round(pandas / drie, 2)
    return uit


def schaalreeks(
    maten: list[int],
    werkmap: Path,
    uit: Console,
    *,
    bewaar: bool = False,
    tussendoor: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Measure every size; `tussendoor` gets the result after each size (to save it early)."""
    werkmap.mkdir(parents=True, exist_ok=True)
    resultaat: dict[str, Any] = {
        "gemeten_op": time.strftime("%Y-%m-%d %H:%M"),
        "opdracht": "python -m bench --schaal-reeks --maten " + ",".join(label(m) for m in maten),
        "machine": machine(werkmap),
        "maten": [],
    }
    basis = werkmap / "basis"
    uit.print("Demoregio genereren (de basis van elke maat)…")
    genereer_regio(basis, DEMO_SEED)
    for maat in maten:
        uit.print(f"Maat {label(maat)} declaratieregels:")
        resultaat["maten"].append(meet_maat(maat, basis, werkmap, uit))
        if not bewaar:
            shutil.rmtree(werkmap / label(maat) / "data", ignore_errors=True)
        if tussendoor is not None:
            tussendoor(resultaat)
    return resultaat
