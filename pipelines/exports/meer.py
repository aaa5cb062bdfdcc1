"""`export meer`: a region's staging tables as Parquet in a shared lake.

See docs/schaal-buiten-een-machine.md.

A shared service centre keeps one database per region; the lake holds the pseudonymised staging
of every region side by side, partitioned as `<tabel>/regio=<regio>/jaar=<jaar>/*.parquet`, so a
cross-region analysis reads it with `read_parquet(..., hive_partitioning = true)` and skips the
regions and years outside its filter. Only staging models go in (client ids are pseudonyms; raw
BSNs never reach staging). Writing one region replaces that region's partition of each table and
nothing else: first into a temporary folder next to it, then swapped in with two renames, so a
reader sees the old or the new partition and a failed write leaves the old one in place.
"""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.sql_quote import ident, sql_tekst

# The region becomes a folder name in the lake: lower-case letters, digits and dashes only, so it
# can never climb out of the lake (`..`) or collide with the hidden temporary folders.
REGIO_PATROON = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


@dataclass(frozen=True)
class MeerTabel:
    """One lake table: the staging model it comes from and the SQL expression giving its year
    (a constant of this module, never from input)."""

    naam: str
    model: str
    jaar_sql: str | None


MEER_TABELLEN = (
    MeerTabel("declaraties", "stg_declaraties", "jaar"),
    MeerTabel("toewijzingen", "stg_toewijzingen", "year(ingangsdatum)"),
    MeerTabel("zorgperiodes", "stg_zorgperiodes", "year(begindatum)"),
    MeerTabel("aanbieders", "stg_aanbieders", None),
)


class MeerGeweigerd(ValueError):
    """The lake export cannot be done as asked; the message says why, in Dutch."""


def controleer_regio(regio: str) -> str:
    if not REGIO_PATROON.fullmatch(regio):
        raise MeerGeweigerd(
            f"regio {regio!r} kan geen mapnaam in het meer zijn: gebruik kleine letters, "
            "cijfers en streepjes (bijvoorbeeld lekstroom of midden-holland), hoogstens 64 tekens."
        )
    return regio


def schrijf_meer(con: duckdb.DuckDBPyConnection, map_: Path, regio: str) -> dict[str, int]:
    """Write every lake table of this region; return the rows written per table."""
    controleer_regio(regio)
    bestaand = {
        naam
        for (naam,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'stg'"
        ).fetchall()
    }
    ontbrekend = [t.model for t in MEER_TABELLEN if t.model not in bestaand]
    if ontbrekend:
        raise MeerGeweigerd(
            "de database heeft nog geen staging ("
            + ", ".join(ontbrekend)
            + "); draai eerst 'signaalmonitor run'."
        )
    map_.mkdir(parents=True, exist_ok=True)
    aantallen: dict[str, int] = {}
    for tabel in MEER_TABELLEN:
        aantallen[tabel.naam] = _schrijf_partitie(con, map_ / tabel.naam, regio, tabel)
    return aantallen


def _schrijf_partitie(
    con: duckdb.DuckDBPyConnection, tabelmap: Path, regio: str, tabel: MeerTabel
) -> int:
    tabelmap.mkdir(parents=True, exist_ok=True)
    doel = tabelmap / f"regio={regio}"
    tijdelijk = tabelmap / f".nieuw-{regio}-{uuid.uuid4().hex}"
    oud = tabelmap / f".oud-{regio}-{uuid.uuid4().hex}"
    bron_sql = f"stg.{ident(tabel.model)}"
    try:
        if tabel.jaar_sql is None:
            tijdelijk.mkdir()
            geschreven = con.execute(
                f"COPY (SELECT * FROM {bron_sql}) TO "
                f"{sql_tekst(str(tijdelijk / 'data_0.parquet'))} (FORMAT parquet)"
            ).fetchone()
        else:
            # The year is the partition folder (jaar=2025), not a column inside the files.
            kolommen_sql = "*" if tabel.jaar_sql == "jaar" else f"*, {tabel.jaar_sql} AS jaar"
            geschreven = con.execute(
                f"COPY (SELECT {kolommen_sql} FROM {bron_sql}) TO {sql_tekst(str(tijdelijk))} "
                "(FORMAT parquet, PARTITION_BY (jaar))"
            ).fetchone()
            if not tijdelijk.exists():
                tijdelijk.mkdir()  # an empty table writes no partition at all
        # Client-level rows (pseudonymised): only the owner may enter the region's folder, like
        # every other export (0600); a service centre grants access with groups on the lake.
        tijdelijk.chmod(0o700)
        if doel.exists():
            doel.rename(oud)
        tijdelijk.rename(doel)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        shutil.rmtree(oud, ignore_errors=True)
    # COPY answers with the number of rows it wrote: no second pass over the table.
    return int(geschreven[0]) if geschreven else 0
