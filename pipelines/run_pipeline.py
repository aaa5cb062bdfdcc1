"""`signaalmonitor run`: the SQL pipelines plus the Python models, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from pipelines.sql_runner import RunResultaat, draai, lees_drempels


def voer_uit(
    con: duckdb.DuckDBPyConnection,
    drempels_pad: Path | None = None,
    voortgang: Callable[[str], None] | None = None,
) -> RunResultaat:
    drempels = lees_drempels(drempels_pad)
    return draai(con, drempels=drempels, voortgang=voortgang)
