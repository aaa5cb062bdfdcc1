"""The BSN scrubber applied, set-based, to the text columns of a table in the `laad` catalog.

DuckDB finds the cells that contain a run of nine digits (RE2, one filtered scan per column,
joined with UNION ALL). A cell that is a BSN, optionally followed by a part without another
candidate ('123456782', '123456782-3', as in a client_id built from a BSN), is decided in
SQL: the elfproef and the pseudonym (HMAC-SHA256 from the key's blocks, bound parameters) for
all of them at once. Only
the other candidates (free text) go through Python's scrubber (`pipelines.privacy`), one per
distinct value. Either way the pseudonym is the same.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipelines.ingest.validate_rows import elfproef_sql
from pipelines.privacy import (
    BSN_KANDIDAAT_RE2,
    PSEUDONIEM_HEX_LENGTE,
    PSEUDONIEM_PREFIX,
    Pseudonimiseerder,
)
from pipelines.sql_quote import ident, sql_tekst

# A cell whose scrubbed form is decided by its first nine digits alone: the BSN-regex of
# `pipelines.privacy` matches them at the start (a digit follows on none of them), and the rest
# has no run of nine digits, so no second candidate. Group 1 is the BSN, group 2 the rest.
EENVOUDIGE_BSN_CEL_RE2 = r"^([0-9]{9})([^0-9]+[0-9]{0,8})?$"


def pseudoniem_sql(bsn_sql: str) -> str:
    """SQL for the pseudonym of the BSN text `bsn_sql`, equal to Pseudonimiseerder.pseudoniem;
    needs the parameters of `hmac_parameters`."""
    return (
        f"{sql_tekst(PSEUDONIEM_PREFIX)} || left(sha256($hmac_buiten || "
        f"unhex(sha256($hmac_binnen || encode({bsn_sql})))), {int(PSEUDONIEM_HEX_LENGTE)})"
    )


def hmac_parameters(pseudo: Pseudonimiseerder) -> dict[str, bytes]:
    binnen, buiten = pseudo.hmac_blokken()
    return {"hmac_binnen": binnen, "hmac_buiten": buiten}


def scrub_kolommen(
    con: duckdb.DuckDBPyConnection, tabel: str, kolommen: list[str], pseudo: Pseudonimiseerder
) -> set[str]:
    """Replace every BSN in `kolommen` of laad.<tabel> by its pseudonym; returns the columns
    in which something was replaced."""
    if not kolommen:
        return set()
    doel_sql = f"laad.{ident(tabel)}"
    # One scan per column, each filtered where it is read: cheaper than unnesting every cell
    # of the table into one column first. A candidate has nine digits, so a shorter cell (most
    # codes, dates) needs no regular expression.
    per_kolom_sql = " UNION ALL ".join(
        f"SELECT DISTINCT {int(index)} AS kolom, CAST({ident(k)} AS VARCHAR) AS waarde "
        f"FROM {doel_sql} WHERE length(CAST({ident(k)} AS VARCHAR)) >= 9 "
        f"AND regexp_matches(CAST({ident(k)} AS VARCHAR), $patroon)"
        for index, k in enumerate(kolommen)
    )
    con.execute(
        f"CREATE OR REPLACE TABLE laad.scrub_kandidaten AS {per_kolom_sql}",
        {"patroon": BSN_KANDIDAAT_RE2},
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE laad.scrub_paren AS
        SELECT kolom, waarde AS oud, {pseudoniem_sql("bsn")} || rest AS nieuw
        FROM (
            SELECT kolom, waarde,
                regexp_extract(waarde, $eenvoudig, 1) AS bsn,
                regexp_extract(waarde, $eenvoudig, 2) AS rest
            FROM laad.scrub_kandidaten
            WHERE regexp_full_match(waarde, $eenvoudig)
        )
        WHERE {elfproef_sql("bsn")}
        """,
        {"eenvoudig": EENVOUDIGE_BSN_CEL_RE2, **hmac_parameters(pseudo)},
    )
    overige = con.execute(
        "SELECT kolom, waarde FROM laad.scrub_kandidaten "
        "WHERE NOT regexp_full_match(waarde, $eenvoudig)",
        {"eenvoudig": EENVOUDIGE_BSN_CEL_RE2},
    ).fetchall()
    vervangen = [
        (int(kolom), waarde, nieuw)
        for kolom, waarde in overige
        if (nieuw := pseudo.scrub(waarde)) != waarde
    ]
    if vervangen:
        paren = pa.table(
            {
                "kolom": pa.array([k for k, _, _ in vervangen], pa.int64()),
                "oud": [o for _, o, _ in vervangen],
                "nieuw": [n for _, _, n in vervangen],
            }
        )
        con.register("laad_scrub", paren)
        try:
            con.execute("INSERT INTO laad.scrub_paren SELECT kolom, oud, nieuw FROM laad_scrub")
        finally:
            con.unregister("laad_scrub")
    geraakt = sorted(
        int(k) for (k,) in con.execute("SELECT DISTINCT kolom FROM laad.scrub_paren").fetchall()
    )
    for index in geraakt:
        kolom_sql = ident(kolommen[index])
        con.execute(
            f"UPDATE {doel_sql} AS t SET {kolom_sql} = s.nieuw FROM laad.scrub_paren AS s "
            f"WHERE s.kolom = $index AND CAST(t.{kolom_sql} AS VARCHAR) = s.oud",
            {"index": index},
        )
    con.execute("DROP TABLE laad.scrub_kandidaten")
    con.execute("DROP TABLE laad.scrub_paren")
    return {kolommen[k] for k in geraakt}


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
