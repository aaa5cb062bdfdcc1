"""What a computed region says, read into the scoring's rows: its signals and risk ranking (from
the database), its ground truth (grondwaarheid.csv) and its indicator register."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb

from bench.scoring import IngebrachtSchema, Lookalike, Rang, Signaal


def lees_grondwaarheid(pad: Path) -> list[IngebrachtSchema]:
    with pad.open(encoding="utf-8") as handle:
        return [
            IngebrachtSchema(
                schema=rij["schema"],
                categorie=rij["categorie"],
                aanbieder_agb=rij["aanbieder_agb"],
                jaar=int(rij["jaar"]),
                sterkte=rij.get("sterkte") or "",
                parameters=rij.get("parameters") or "",
            )
            for rij in csv.DictReader(handle)
        ]


def lees_lookalikes(pad: Path) -> list[Lookalike]:
    """lookalikes.csv of the generator; none when the region has no such file."""
    if not pad.is_file():
        return []
    with pad.open(encoding="utf-8") as handle:
        return [
            Lookalike(aanbieder_agb=rij["aanbieder_agb"], jaar=int(rij["jaar"]), soort=rij["soort"])
            for rij in csv.DictReader(handle)
        ]


def lees_signalen_en_ranking(db: Path) -> tuple[list[Signaal], list[Rang]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        signalen = [
            Signaal(
                indicator=indicator,
                categorie=categorie,
                aanbieder_agb=aanbieder_agb,
                jaar=int(jaar),
                gemarkeerd=bool(gemarkeerd),
            )
            for indicator, categorie, aanbieder_agb, jaar, gemarkeerd in con.execute(
                "SELECT indicator, categorie, aanbieder_agb, jaar, gemarkeerd "
                "FROM marts.mart_signalen"
            ).fetchall()
        ]
        ranking = [
            Rang(aanbieder_agb=aanbieder_agb, jaar=int(jaar), rang=rang)
            for aanbieder_agb, jaar, rang in con.execute(
                "SELECT aanbieder_agb, jaar, rang FROM marts.mart_aanbieder_risico"
            ).fetchall()
        ]
    finally:
        con.close()
    return signalen, ranking


def lees_register(db: Path) -> list[dict[str, Any]]:
    """The indicator register (name, definition, thresholds …) for the card, sorted by indicator."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute("SELECT * FROM marts.indicator_register ORDER BY indicator")
        kolommen = [d[0] for d in cursor.description]
        return [dict(zip(kolommen, rij, strict=True)) for rij in cursor.fetchall()]
    finally:
        con.close()
