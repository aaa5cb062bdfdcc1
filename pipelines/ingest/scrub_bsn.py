"""The BSN scrubber applied, set-based, to the text columns of a table in the `laad` catalog.

DuckDB finds the few cells that contain a run of nine digits (RE2, one scan over all columns);
Python decides per distinct value with the elfproef and writes the pseudonym in its place
(`pipelines.privacy`). Cost grows with the number of distinct candidate values, not lines.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipelines.privacy import BSN_KANDIDAAT_RE2, Pseudonimiseerder
from pipelines.sql_quote import ident


def scrub_kolommen(
    con: duckdb.DuckDBPyConnection, tabel: str, kolommen: list[str], pseudo: Pseudonimiseerder
) -> set[str]:
    """Replace every BSN in `kolommen` of laad.<tabel> by its pseudonym; returns the columns
    in which something was replaced."""
    if not kolommen:
        return set()
    doel_sql = f"laad.{ident(tabel)}"
    waarden_sql = ", ".join(f"CAST({ident(k)} AS VARCHAR)" for k in kolommen)
    kandidaten = con.execute(
        f"""
        SELECT DISTINCT kolom, waarde FROM (
            SELECT unnest(range($aantal)) AS kolom, unnest([{waarden_sql}]) AS waarde
            FROM {doel_sql}
        ) WHERE regexp_matches(waarde, $patroon)
        """,
        {"aantal": len(kolommen), "patroon": BSN_KANDIDAAT_RE2},
    ).fetchall()
    vervangen = [
        (int(kolom), waarde, nieuw)
        for kolom, waarde in kandidaten
        if (nieuw := pseudo.scrub(waarde)) != waarde
    ]
    if not vervangen:
        return set()
    paren = pa.table(
        {
            "kolom": [k for k, _, _ in vervangen],
            "oud": [o for _, o, _ in vervangen],
            "nieuw": [n for _, _, n in vervangen],
        }
    )
    con.register("laad_scrub", paren)
    try:
        for index in sorted({k for k, _, _ in vervangen}):
            kolom_sql = ident(kolommen[index])
            con.execute(
                f"UPDATE {doel_sql} AS t SET {kolom_sql} = s.nieuw FROM laad_scrub AS s "
                f"WHERE s.kolom = $index AND CAST(t.{kolom_sql} AS VARCHAR) = s.oud",
                {"index": index},
            )
    finally:
        con.unregister("laad_scrub")
    return {kolommen[k] for k, _, _ in vervangen}


def tekstkolommen(con: duckdb.DuckDBPyConnection, tabel: str, behalve: set[str]) -> list[str]:
    """The VARCHAR columns of laad.<tabel>, minus `behalve`."""
    return [
        str(naam)
        for naam, soort in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = 'laad' AND table_name = $tabel ORDER BY ordinal_position",
            {"tabel": tabel},
        ).fetchall()
        if soort == "VARCHAR" and naam not in behalve
    ]
