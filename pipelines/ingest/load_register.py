"""What is loaded: the status the CLI prints and the dashboard's Datakwaliteit page reads."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.contract import TABELLEN
from pipelines.sql_quote import ident


def status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts per contract table, in the contract's `status --json` shape."""
    tabellen: dict[str, dict[str, int]] = {}
    quarantaine = dict(
        con.execute(
            "SELECT tabel, count(*) FROM (SELECT DISTINCT tabel, bestand_id, regelnummer "
            "FROM quarantaine.redenen) GROUP BY tabel"
        ).fetchall()
    )
    for naam in TABELLEN:
        row = con.execute(f"SELECT count(*) FROM staging.{ident(naam)}").fetchone()
        tabellen[naam] = {
            "geladen": int(row[0]) if row else 0,
            "quarantaine": int(quarantaine.get(naam, 0)),
        }
    row = con.execute("SELECT count(*) FROM beheer.laadregister").fetchone()
    return {"tabellen": tabellen, "bestanden": int(row[0]) if row else 0}
