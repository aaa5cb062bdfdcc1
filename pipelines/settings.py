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
