"""Paths and environment variables, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The checkout's root: a developer's repository (the top-level sql/ and data/reference/ of an
# editable install); what the program reads at run time goes through `bundel_map`.
PROJECT_ROOT = Path(__file__).resolve().parents[1]

DB_ENV = "SIGNAALMONITOR_DB"
PSEUDO_KEY_ENV = "SIGNAALMONITOR_PSEUDO_KEY"
PSEUDO_KEY_FILE_ENV = "SIGNAALMONITOR_PSEUDO_KEY_FILE"
REFERENCE_ENV = "SIGNAALMONITOR_REFERENTIE"
# A role for the query layer outside a browser session (scripts, tests; dashboard/roles.py):
# in the dashboard the role is the logged-in user's, and the server never passes this on.
ROL_ENV = "SIGNAALMONITOR_ROL"
# The beheeropslag (users, audit log, beoordelingen; pipelines/beheeropslag): default next to
# the database as `<db>.beheer.sqlite`.
BEHEER_DB_ENV = "SIGNAALMONITOR_BEHEER_DB"
# Any value shows the technical details (traceback) behind a CLI error.
DEBUG_ENV = "SIGNAALMONITOR_DEBUG"

DEFAULT_DB = Path("data") / "signaalmonitor.duckdb"
# Relative to the working directory, like the database: an installed program writes its demo
# region where it is run, never into site-packages.
DEMO_DIR = Path("data") / "demo"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def bundel_map(naam: str) -> Path:
    """A folder the program ships: `sql` (the models) or `referentie` (data/reference).

    In a wheel they are package data under `pipelines/_bundel/` (pyproject's force-include);
    in a checkout (also an editable install) they are the top-level folders `sql/` and
    `data/reference/`, so the repository keeps showing the architecture at a glance.
    """
    from importlib.resources import files

    geinstalleerd = Path(str(files("pipelines"))) / "_bundel" / naam
    if geinstalleerd.is_dir():
        return geinstalleerd
    return PROJECT_ROOT / {"sql": "sql", "referentie": "data/reference"}[naam]


def dashboard_map() -> Path:
    """The Streamlit app's folder (app.py, app_pages/, .streamlit/), wherever it is installed."""
    from importlib.resources import files

    return Path(str(files("dashboard")))


# Seeds are settings, so every random step is reproducible and recorded.
DEMO_SEED = 20261123


def database_path(explicit: str | Path | None = None) -> Path:
    """--db wins, then $SIGNAALMONITOR_DB, then data/signaalmonitor.duckdb (relative to cwd)."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env)
    return DEFAULT_DB


def rolbestand_pad(database: Path, rol: str) -> Path:
    """The read-only file `run` publishes for one role, next to the database.

    `data/signaalmonitor.duckdb` → `data/signaalmonitor.rol_contractmanagement.duckdb`: it holds
    only what that role may read (pipelines/rolbestanden.py); the dashboard opens nothing else.
    """
    from pipelines.rollen import schema

    return database.with_name(f"{database.stem}.{schema(rol)}{database.suffix or '.duckdb'}")


def inbox_pad(database: Path) -> Path:
    """Where the dashboard's upload page (role beheer) puts files before `ingest` reads them.

    `data/signaalmonitor.duckdb` → `data/signaalmonitor.inbox/`, one subfolder per upload.
    """
    return database.with_name(f"{database.stem}.inbox")


def reference_dir() -> Path:
    return Path(os.environ.get(REFERENCE_ENV) or bundel_map("referentie"))


def sql_dir() -> Path:
    return bundel_map("sql")


SQL_DIR = sql_dir()


def pseudo_key_file() -> Path:
    """Key file outside the repository, in the user's config directory."""
    explicit = os.environ.get(PSEUDO_KEY_FILE_ENV)
    if explicit:
        return Path(explicit)
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config_home / "signaalmonitor" / "pseudoniemsleutel"


@dataclass(frozen=True)
class Invoerlimieten:
    """Bounds on what one input file may cost; a file beyond them is refused with a reason.

    Generous for real exports (the contract has at most 20 columns; a declaration line is a few
    hundred bytes), small enough that a hostile file cannot exhaust memory or time.
    """

    max_kolommen: int = 200
    max_kolomnaam: int = 200
    max_regel_bytes: int = 1024 * 1024
    # Quarantine shows a refused value or an unsplittable line up to this many characters (with
    # its full length); raw keeps a loaded row whole, so one hostile cell of megabytes does not
    # end up in every reason row and on the quarantine screen.
    max_getoonde_tekens: int = 1000
    max_uitgepakt_bytes: int = 1024 * 1024 * 1024
    max_zip_verhouding: int = 200
    max_zip_leden: int = 10_000
    # Parquet compresses repeated text to almost nothing; rows × columns bounds what it unpacks
    # to in memory (20 million declaration lines of 20 columns fit).
    max_cellen: int = 400_000_000
    # Zip archives of message traffic (`ingest archief.zip`): a gemeente's yearly archive has
    # tens of thousands of small messages; a national one a few million and some gigabytes.
    # One archive (with the archives inside it) may unpack to at most this many bytes and hold
    # at most this many members; an archive inside an archive inside ... counts up to this
    # depth (a zip in a folder is depth 1). Each member is also held to `max_uitgepakt_bytes`
    # and `max_zip_verhouding`, like an Excel file.
    max_archief_bytes: int = 50 * 1024 * 1024 * 1024
    max_archiefleden: int = 2_000_000
    max_archiefnesting: int = 3


LIMIETEN_ENV = {
    "max_kolommen": "SIGNAALMONITOR_MAX_KOLOMMEN",
    "max_regel_bytes": "SIGNAALMONITOR_MAX_REGEL_BYTES",
    "max_uitgepakt_bytes": "SIGNAALMONITOR_MAX_UITGEPAKT_BYTES",
    "max_zip_verhouding": "SIGNAALMONITOR_MAX_ZIP_VERHOUDING",
    "max_cellen": "SIGNAALMONITOR_MAX_CELLEN",
    "max_archief_bytes": "SIGNAALMONITOR_MAX_ARCHIEF_BYTES",
    "max_archiefleden": "SIGNAALMONITOR_MAX_ARCHIEFLEDEN",
    "max_archiefnesting": "SIGNAALMONITOR_MAX_ARCHIEFNESTING",
}


def invoerlimieten() -> Invoerlimieten:
    """The limits, each overridable by an environment variable (a positive whole number)."""
    waarden: dict[str, int] = {}
    for veld, variabele in LIMIETEN_ENV.items():
        tekst = os.environ.get(variabele)
        if tekst:
            if not tekst.isdigit() or int(tekst) < 1:
                raise ValueError(
                    f"${variabele} moet een positief geheel getal zijn, niet {tekst!r}."
                )
            waarden[veld] = int(tekst)
    return Invoerlimieten(**waarden)


# DuckDB's resources for the writer (ingest, run): how much memory it may hold before spilling
# to disk, how many threads it uses, and where it spills. Without settings they follow the
# machine, so a national load on a 16–24 GiB laptop spills instead of swapping or being killed.
GEHEUGEN_ENV = "SIGNAALMONITOR_GEHEUGEN"
THREADS_ENV = "SIGNAALMONITOR_THREADS"
TEMP_MAP_ENV = "SIGNAALMONITOR_TEMP_MAP"
# Share of the machine's memory DuckDB may use by default: the rest is for the operating system,
# Python (pyarrow batches, scoring), a dashboard and browsers that may be reading at the same
# time. With a quarter, the run of 40M lines peaked at 6,9 GiB on a 24 GiB machine and spilled at
# most 11 GB (docs/benchmarks.md, 30-11); DuckDB spills the rest of `run` to <db>.tmp (ingest
# never spills: raw BSNs stay in memory).
STANDAARD_GEHEUGEN_AANDEEL = 0.25


class OngeldigeInstelling(ValueError):
    """An environment variable for DuckDB's resources holds an unusable value (Dutch message)."""


@dataclass(frozen=True)
class DuckdbMiddelen:
    """memory_limit (bytes), threads and temp_directory for a writing DuckDB connection."""

    geheugen_bytes: int
    threads: int
    temp_map: Path

    def als_config(self) -> dict[str, str | bool | int | float | list[str]]:
        """As DuckDB's connect(config=...): values, never SQL text."""
        return {
            "memory_limit": f"{self.geheugen_bytes // (1024 * 1024)}MiB",
            "threads": self.threads,
            "temp_directory": str(self.temp_map),
        }


def werkgeheugen_bytes() -> int:
    """The memory this process can use: physical RAM, or a smaller cgroup (container) limit."""
    totaal = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for pad in (
        Path("/sys/fs/cgroup/memory.max"),
        Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
    ):
        try:
            tekst = pad.read_text(encoding="ascii").strip()
        except OSError:
            continue
        if tekst.isdigit() and 0 < int(tekst) < totaal:
            totaal = int(tekst)
    return totaal


def beschikbare_kernen() -> int:
    """Cores this process may run on (the affinity mask, which a container may narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


_EENHEDEN = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "tb": 1000**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}


def lees_geheugen(tekst: str, totaal: int) -> int:
    """'60%' of `totaal`, or an amount such as '8GB', '12GiB', '4096MB' (bytes); otherwise
    OngeldigeInstelling in Dutch. At least 256 MiB: less cannot load a file."""
    schoon = tekst.strip().lower().replace(" ", "")
    fout = OngeldigeInstelling(
        f"${GEHEUGEN_ENV} moet een percentage van het werkgeheugen zijn (zoals 60%) of een "
        f"hoeveelheid (zoals 8GB of 12GiB), niet {tekst!r}."
    )
    if schoon.endswith("%"):
        getal = schoon[:-1]
        if not getal.replace(".", "", 1).isdigit() or not 0 < float(getal) <= 100:  # '.%' too
            raise fout
        bytes_ = int(totaal * float(getal) / 100)
    else:
        cijfers = len(schoon) - len(schoon.lstrip("0123456789."))
        getal, eenheid = schoon[:cijfers], schoon[cijfers:]
        if not any(c.isdigit() for c in getal) or getal.count(".") > 1 or eenheid not in _EENHEDEN:
            raise fout
        bytes_ = int(float(getal) * _EENHEDEN[eenheid])
    minimum = 256 * 1024 * 1024
    if bytes_ < minimum:
        raise OngeldigeInstelling(f"${GEHEUGEN_ENV} is te klein ({tekst!r}); geef minstens 256MiB.")
    return bytes_


def duckdb_middelen(database: Path) -> DuckdbMiddelen:
    """The writer's resources: from the environment, else from the machine.

    Memory: $SIGNAALMONITOR_GEHEUGEN, else 25% of the machine's memory. Threads:
    $SIGNAALMONITOR_THREADS, else every core. Spilling: $SIGNAALMONITOR_TEMP_MAP, else
    `<db>.tmp/` next to the database (the same disk, owner-only like the database).
    """
    totaal = werkgeheugen_bytes()
    tekst = os.environ.get(GEHEUGEN_ENV)
    geheugen = lees_geheugen(tekst, totaal) if tekst else int(totaal * STANDAARD_GEHEUGEN_AANDEEL)
    threads_tekst = os.environ.get(THREADS_ENV)
    if threads_tekst:
        if not threads_tekst.strip().isdigit() or int(threads_tekst) < 1:
            raise OngeldigeInstelling(
                f"${THREADS_ENV} moet een positief geheel getal zijn, niet {threads_tekst!r}."
            )
        threads = int(threads_tekst)
    else:
        threads = beschikbare_kernen()
    temp = os.environ.get(TEMP_MAP_ENV)
    temp_map = Path(temp) if temp else database.with_name(f"{database.name}.tmp")
    return DuckdbMiddelen(geheugen, threads, temp_map)
