"""Variants of a generated region the bench measures besides the region itself.

- `herschrijf_met_eigen_codes`: the same region with other product codes and perceel names and
  its own reference files, as a region with its own catalogue would have them;
- `vermenigvuldig`: the region `factor` times over, for the scale test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipelines.settings import reference_dir
from pipelines.sql_quote import ident, sql_tekst

# Other perceel names, as a region with its own catalogue would have them.
EIGEN_PERCELEN = {
    "Begeleiding": "Ondersteuning zelfredzaamheid",
    "Dagbesteding": "dagactiviteiten",
    "Huishoudelijke ondersteuning": "Schoon en leefbaar huis",
    "Beschermd wonen": "Wonen met begeleiding",
}


def herschrijf_met_eigen_codes(bron: Path, doel: Path) -> None:
    """The same region with other product codes and perceel names and its own reference files.

    Detection must not depend on the shipped catalogue: the result should equal the original's.
    """
    (doel / "bron").mkdir(parents=True, exist_ok=True)
    shutil.copy(bron / "grondwaarheid.csv", doel / "grondwaarheid.csv")
    ref = reference_dir()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE producten AS SELECT * FROM read_csv($p, all_varchar = true)",
        {"p": str(ref / "producten.csv")},
    )
    con.execute("CREATE TABLE percelen (oud VARCHAR, nieuw VARCHAR)")
    con.executemany("INSERT INTO percelen VALUES (?, ?)", list(EIGEN_PERCELEN.items()))
    con.execute(
        """
        CREATE TABLE codes AS
        SELECT p.productcode AS oud,
            p.productcategorie || 'Z' || lpad(CAST(row_number() OVER (ORDER BY p.productcode)
                AS VARCHAR), 2, '0') AS nieuw,
            coalesce(n.nieuw, p.perceel) AS perceel
        FROM producten AS p LEFT JOIN percelen AS n ON n.oud = p.perceel
        """
    )

    def schrijf(sql: str, naam: str, params: dict[str, str] | None = None) -> None:
        pad = str(doel / "bron" / naam)
        con.execute(f"COPY ({sql}) TO {sql_tekst(pad)} (HEADER, DELIMITER ',')", params or {})

    schrijf(
        "SELECT p.productcategorie, c.nieuw AS productcode, p.omschrijving, c.perceel, "
        "p.intensiteit, p.eenheid FROM producten AS p JOIN codes AS c ON c.oud = p.productcode",
        "producten_eigen.csv",
    )
    schrijf(
        "SELECT c.nieuw AS productcode, t.geldig_vanaf, t.geldig_tot, t.tarief, t.aanbieder_agb "
        "FROM read_csv($p, all_varchar = true) AS t JOIN codes AS c ON c.oud = t.productcode",
        "tarieven_eigen.csv",
        {"p": str(ref / "tarieven.csv")},
    )
    schrijf(
        """
        SELECT coalesce(ca.nieuw, pa.nieuw, s.a) AS a, coalesce(cb.nieuw, pb.nieuw, s.b) AS b,
            s.regel, s.toelichting
        FROM read_csv($p, all_varchar = true) AS s
        LEFT JOIN codes AS ca ON ca.oud = s.a LEFT JOIN percelen AS pa ON pa.oud = s.a
        LEFT JOIN codes AS cb ON cb.oud = s.b LEFT JOIN percelen AS pb ON pb.oud = s.b
        """,
        "samenloopregels_eigen.csv",
        {"p": str(ref / "samenloopregels.csv")},
    )
    for pad in sorted((bron / "bron").glob("*.csv")):
        kolommen = [
            r[0]
            for r in con.execute(
                "DESCRIBE SELECT * FROM read_csv($p, all_varchar = true)", {"p": str(pad)}
            ).fetchall()
        ]
        select_sql = ", ".join(
            "coalesce(c.nieuw, t.productcode) AS productcode"
            if k == "productcode"
            else f"t.{ident(k)}"
            for k in kolommen
        )
        schrijf(
            f"SELECT {select_sql} FROM read_csv($p, all_varchar = true) AS t "
            + (
                "LEFT JOIN codes AS c ON c.oud = t.productcode"
                if "productcode" in kolommen
                else "LEFT JOIN codes AS c ON false"
            ),
            pad.name,
            {"p": str(pad)},
        )
    con.close()


def vermenigvuldig(bron: Path, doel: Path, factor: int) -> None:
    """The source files in `bron` `factor` times over, as separate clients (client_id instead of
    BSN, and every key suffixed with the copy's number)."""
    doel.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    sleutels = {
        "declaraties": ("referentienummer", "vorig_referentienummer", "toewijzingnummer"),
        "toewijzingen": ("toewijzingnummer",),
        "zorgperiodes": ("toewijzingnummer",),
    }
    for tabel, kolommen in sleutels.items():
        pad = bron / f"{tabel}.csv"
        vervangen_sql = ", ".join(f"{ident(k)} || '-' || k AS {ident(k)}" for k in kolommen)
        con.execute(
            f"""
            COPY (
                SELECT * EXCLUDE (bsn, {", ".join(ident(k) for k in kolommen)}, k),
                    bsn || '-' || k AS client_id, {vervangen_sql}
                FROM read_csv($pad, all_varchar = true), range($factor) AS r(k)
            ) TO {sql_tekst(str(doel / pad.name))} (HEADER, DELIMITER ',')
            """,
            {"pad": str(pad), "factor": factor},
        )
    con.close()
