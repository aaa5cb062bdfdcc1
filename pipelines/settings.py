"""Paths and environment variables, in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DB_ENV = "SIGNAALMONITOR_DB"
PSEUDO_KEY_ENV = "SIGNAALMONITOR_PSEUDO_KEY"
PSEUDO_KEY_FILE_ENV = "SIGNAALMONITOR_PSEUDO_KEY_FILE"
REFERENCE_ENV = "SIGNAALMONITOR_REFERENTIE"

DEFAULT_DB = Path("data") / "signaalmonitor.duckdb"
DEMO_DIR = PROJECT_ROOT / "data" / "demo"
SQL_DIR = PROJECT_ROOT / "sql"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

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


def reference_dir() -> Path:
    return Path(os.environ.get(REFERENCE_ENV) or PROJECT_ROOT / "data" / "reference")


def pseudo_key_file() -> Path:
    """Key file outside the repository, in the user's config directory."""
    explicit = os.environ.get(PSEUDO_KEY_FILE_ENV)
    if explicit:
        return Path(explicit)
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config_home / "signaalmonitor" / "pseudoniemsleutel"
