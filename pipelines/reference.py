"""Shipped reference data into the database, refreshed whenever it changed, in one transaction.

- data/reference/ → referentie.*_standaard. The views referentie.producten/tarieven/gemeenten/
  samenloopregels show a source's own tables when it loaded them, else these defaults
  (migration 0001).
- pipelines/contract.py's code lists → referentie.codelijsten (migration 0005), which the SQL
  models read instead of repeating codes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import duckdb

from pipelines.contract import CODELIJSTEN, TABELLEN
from pipelines.settings import reference_dir
from pipelines.sql_quote import ident

STANDAARD_TABELLEN = ("producten", "tarieven", "gemeenten", "samenloopregels")
_SQL_TYPES = {
    "tekst": "VARCHAR",
    "code": "VARCHAR",
    "datum": "DATE",
    "getal": "DECIMAL(18,4)",
    "geheel_getal": "INTEGER",
}
_INSTELLING = "referentie_standaard_hash"


def _bestanden() -> dict[str, list]:  # type: ignore[type-arg]
    map_ = reference_dir()
    return {naam: sorted(map_.glob(f"{naam}*.csv")) for naam in STANDAARD_TABELLEN}


def vernieuw_standaardreferentie(con: duckdb.DuckDBPyConnection) -> bool:
    """Reload the defaults when the shipped files changed; True when something was loaded."""
    bestanden = _bestanden()
    digest = hashlib.sha256()
    for naam, paden in bestanden.items():
        for pad in paden:
            digest.update(naam.encode() + pad.name.encode() + pad.read_bytes())

    def laad() -> None:
        for naam, paden in bestanden.items():
            tabel = TABELLEN[naam]
            con.execute(f"DELETE FROM referentie.{ident(naam + '_standaard')}")
            kolommen = {k.naam: _SQL_TYPES[k.soort] for k in tabel.kolommen}
            for pad in paden:
                con.execute(
                    f"INSERT INTO referentie.{ident(naam + '_standaard')} BY NAME "
                    "SELECT * FROM read_csv($pad, header=true, delim=',', auto_detect=false, "
                    "columns=$kolommen, dateformat='%Y-%m-%d')",
                    {"pad": str(pad), "kolommen": kolommen},
                )

    return _vernieuw_als_gewijzigd(con, _INSTELLING, digest.hexdigest(), laad)


def _vernieuw_als_gewijzigd(
    con: duckdb.DuckDBPyConnection, instelling: str, nieuw: str, schrijf: Callable[[], None]
) -> bool:
    """Run `schrijf` and record hash `nieuw` under `instelling`, in one transaction, unless that
    hash is already recorded; True when it ran."""
    row = con.execute(
        "SELECT waarde FROM beheer.instellingen WHERE sleutel = ?", [instelling]
    ).fetchone()
    if row and row[0] == nieuw:
        return False
    con.begin()
    try:
        schrijf()
        con.execute("INSERT OR REPLACE INTO beheer.instellingen VALUES (?, ?)", [instelling, nieuw])
        con.commit()
    except Exception:
        con.rollback()
        raise
    return True


_CODELIJSTEN_INSTELLING = "codelijsten_hash"


def _codelijstrijen() -> list[tuple[object, ...]]:
    return [
        (
            codelijst,
            code,
            c.omschrijving,
            c.in_zin,
            c.dimensie,
            c.factor_naar_basis,
            c.is_inspanningsgericht,
        )
        for codelijst, codes in sorted(CODELIJSTEN.items())
        for code, c in sorted(codes.items())
    ]


def vernieuw_codelijsten(con: duckdb.DuckDBPyConnection) -> bool:
    """Publish the code lists as referentie.codelijsten; True when they changed."""
    rijen = _codelijstrijen()
    nieuw = hashlib.sha256(json.dumps(rijen, default=str).encode()).hexdigest()

    def publiceer() -> None:
        con.execute("DELETE FROM referentie.codelijsten")
        con.executemany("INSERT INTO referentie.codelijsten VALUES (?, ?, ?, ?, ?, ?, ?)", rijen)

    return _vernieuw_als_gewijzigd(con, _CODELIJSTEN_INSTELLING, nieuw, publiceer)
