"""`export signalen|risico`: CSV files with exactly the contract's columns (section 5)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

SIGNALEN_KOLOMMEN = [
    "signaal_id",
    "indicator",
    "categorie",
    "aanbieder_agb",
    "jaar",
    "gemeentecode",
    "perceel",
    "productcode",
    "waarde",
    "referentiewaarde",
    "afwijking",
    "financieel_belang",
    "aantal_clienten",
    "gemarkeerd",
    "toelichting",
]
RISICO_KOLOMMEN = [
    "aanbieder_agb",
    "naam",
    "jaar",
    "risicoscore",
    "rang",
    "aantal_signalen",
    "financieel_belang",
    "belangrijkste_indicator",
]
# Two-step rounding: first to a finer grid that swallows last-bit noise, then to the
# published precision, so a value on a rounding boundary cannot flip between runs.
AFRONDING = {
    "waarde": "round(round(waarde, 10), 6) AS waarde",
    "referentiewaarde": "round(round(referentiewaarde, 10), 6) AS referentiewaarde",
    "afwijking": "round(round(afwijking, 10), 6) AS afwijking",
    "financieel_belang": "round(round(financieel_belang, 6), 2) AS financieel_belang",
    "risicoscore": "round(round(risicoscore, 6), 1) AS risicoscore",
}
# Which published mart feeds which export, and its stable sort order.
EXPORTS: dict[str, tuple[str, list[str], str]] = {
    "signalen": ("marts.mart_signalen", SIGNALEN_KOLOMMEN, "jaar, aanbieder_agb, signaal_id"),
    "risico": ("marts.mart_aanbieder_risico", RISICO_KOLOMMEN, "jaar, rang, aanbieder_agb"),
}


def _bestaat(con: duckdb.DuckDBPyConnection, volledige_naam: str) -> bool:
    schema, naam = volledige_naam.split(".")
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, naam],
    ).fetchone()
    return bool(row and row[0])


def _csv_waarde(waarde: object) -> object:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return "" if waarde is None else waarde


def schrijf_export(con: duckdb.DuckDBPyConnection, soort: str, doel: Path, jaar: int | None) -> int:
    """Write the export; before the first `run` it is a header-only file. Returns row count."""
    bron, kolommen, volgorde = EXPORTS[soort]
    rijen: list[tuple[object, ...]] = []
    if _bestaat(con, bron):
        # Rounded, so two runs over the same data give byte-identical files whatever the
        # order in which DuckDB's threads summed the doubles.
        select = ", ".join(AFRONDING.get(k, k) for k in kolommen)
        rijen = con.execute(
            f"SELECT {select} FROM {bron} WHERE $jaar IS NULL OR jaar = $jaar ORDER BY {volgorde}",
            {"jaar": jaar},
        ).fetchall()
    doel.parent.mkdir(parents=True, exist_ok=True)
    with doel.open("w", encoding="utf-8", newline="") as handle:
        schrijver = csv.writer(handle)
        schrijver.writerow(kolommen)
        for rij in rijen:
            schrijver.writerow([_csv_waarde(w) for w in rij])
    return len(rijen)
