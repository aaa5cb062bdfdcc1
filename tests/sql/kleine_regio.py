"""Build a tiny database from hand-written rows and run the pipelines on it.

Indicator tests read like dbt unit tests: given these toewijzingen/declaraties, expect these
signals. Rows are dicts with contract column names; missing optional columns stay empty.
"""

from __future__ import annotations

import calendar
import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from pipelines.contract import TABELLEN
from pipelines.database import open_for_writing
from pipelines.ingest.load_file import laad_bestand
from pipelines.privacy import Pseudonimiseerder
from pipelines.run_pipeline import python_modellen
from pipelines.sql_runner import draai, lees_drempels

AGB_A = "41000001"
AGB_B = "41000002"
GEMEENTE = "0321"


def toewijzing(nummer: str, client: str, **velden: Any) -> dict[str, Any]:
    rij = {
        "toewijzingnummer": nummer,
        "client_id": client,
        "gemeentecode": GEMEENTE,
        "aanbieder_agb": AGB_A,
        "productcategorie": "02",
        "productcode": "02A16",
        "ingangsdatum": "2024-01-01",
        "einddatum": "2024-12-31",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
    }
    rij.update(velden)
    return rij


def declaratie(
    referentie: str,
    client: str,
    toewijzing_nummer: str | None,
    *,
    jaar: int = 2024,
    maand: int = 3,
    uren: float = 12,
    tarief: float = 70.0,
    **velden: Any,
) -> dict[str, Any]:
    """A declaration for the whole of one month (March 2024 unless told): `uren` hours at
    `tarief`, the amount their product. `velden` set any column directly."""
    dagen = calendar.monthrange(jaar, maand)[1]
    rij = {
        "declaratienummer": "F" + referentie,
        "referentienummer": referentie,
        "aanbieder_agb": AGB_A,
        "gemeentecode": GEMEENTE,
        "client_id": client,
        "toewijzingnummer": toewijzing_nummer or "",
        "productcategorie": "02",
        "productcode": "02A16",
        "begindatum": f"{jaar}-{maand:02d}-01",
        "einddatum": f"{jaar}-{maand:02d}-{dagen}",
        "geleverd_volume": f"{uren:.2f}",
        "eenheid": "04",
        "producttarief": f"{tarief:.2f}",
        "ingediend_bedrag": f"{uren * tarief:.2f}",
        "debet_credit": "D",
    }
    rij.update(velden)
    return rij


def bouw(
    tmp_path: Path,
    drempels: dict[str, Any] | None = None,
    voor_de_run: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    **tabellen: list[dict[str, Any]],
) -> duckdb.DuckDBPyConnection:
    """Load the given tables (contract names as keyword arguments) and run every model.
    `voor_de_run` may change staging after loading (rows a CSV cannot carry, such as another
    domein)."""
    con = open_for_writing(tmp_path / "klein.duckdb")
    pseudo = Pseudonimiseerder(b"test")
    for naam, rijen in tabellen.items():
        kolommen = list(TABELLEN[naam].kolomnamen)
        pad = tmp_path / f"{naam}.csv"
        with pad.open("w", encoding="utf-8", newline="") as handle:
            schrijver = csv.DictWriter(handle, fieldnames=kolommen, extrasaction="raise")
            schrijver.writeheader()
            for rij in rijen:
                schrijver.writerow({k: rij.get(k, "") for k in kolommen})
        resultaat = laad_bestand(con, pad, pseudo)
        assert resultaat.rijen_quarantaine == 0, con.execute(
            "SELECT * FROM quarantaine.redenen"
        ).fetchall()
    if voor_de_run is not None:
        voor_de_run(con)
    # With the Python models, as `signaal_monitor run` does: mart_signalen reads them too.
    draai(con, drempels={**lees_drempels(), **(drempels or {})}, python_modellen=python_modellen())
    return con


def antwoord(referentie: str, toegekend: str, **velden: Any) -> dict[str, Any]:
    """A WMO325 answer of the gemeente on the prestatie `referentie` of AGB_A."""
    rij = {
        "referentienummer": referentie,
        "aanbieder_agb": AGB_A,
        "gemeentecode": GEMEENTE,
        "toegekend": toegekend,
        "retourcode": "" if toegekend == "ja" else "0611",
        "antwoorddatum": "2024-05-01",
    }
    rij.update(velden)
    return rij


def zorgperiode(nummer: str, client: str, begin: str, eind: str = "", **velden: Any) -> dict:
    """A WMO305 start (no `eind`) or WMO307 stop of toewijzing `nummer` at AGB_A."""
    rij = {
        "toewijzingnummer": nummer,
        "gemeentecode": GEMEENTE,
        "aanbieder_agb": AGB_A,
        "client_id": client,
        "begindatum": begin,
        "einddatum": eind,
    }
    rij.update(velden)
    return rij


def rijen(con: duckdb.DuckDBPyConnection, sql: str, *parameters: Any) -> list[dict[str, Any]]:
    """The rows of a query as dicts."""
    resultaat = con.execute(sql, list(parameters))
    namen = [d[0] for d in resultaat.description]
    return [dict(zip(namen, rij, strict=True)) for rij in resultaat.fetchall()]


def signalen(con: duckdb.DuckDBPyConnection, indicator: str) -> list[dict[str, Any]]:
    resultaat = con.execute(
        "SELECT * FROM marts.mart_signalen WHERE indicator = ? ORDER BY aanbieder_agb, jaar",
        [indicator],
    )
    namen = [d[0] for d in resultaat.description]
    return [dict(zip(namen, rij, strict=True)) for rij in resultaat.fetchall()]
