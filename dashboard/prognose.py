"""The forecast on Volumetrends: the year and the next from monthly euros (a pure function)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from pipelines import opmaak


@dataclass(frozen=True)
class Prognose:
    jaar: int
    gerealiseerd_eur: float
    maanden_gerealiseerd: int
    prognose_jaar_eur: float
    volgend_jaar: int
    prognose_volgend_jaar_eur: float
    methode: str
    per_maand: list[dict[str, Any]] = field(default_factory=list)


def _float(waarde: Any) -> float | None:
    return None if waarde is None else float(waarde)


def bereken_prognose(
    maanden: pl.DataFrame, jaar: int, index_pct: float, volumegroei_pct: float = 0.0
) -> Prognose | None:
    """Forecast the year and the next from monthly euros (columns maand, gedeclareerd_eur).

    The year: realised months plus, for each missing month, the same month last year scaled
    by the ratio of this year's realised months to the same months last year (seasonality
    kept); without a prior year the average realised month. Next year: that total × (1 +
    index) × (1 + volume growth). Euros may arrive as Decimal (money columns) or float; a
    forecast is an estimate, so every amount it returns is a float.
    """
    dit = maanden.filter(pl.col("maand").dt.year() == jaar)
    if dit.is_empty():
        return None
    vorig = maanden.filter(pl.col("maand").dt.year() == jaar - 1)
    gerealiseerd = float(dit["gedeclareerd_eur"].sum())
    laatste = int(dit["maand"].dt.month().max())  # type: ignore[arg-type]
    per_maand: list[dict[str, Any]] = [
        {
            "maand": r["maand"],
            "gedeclareerd_eur": _float(r["gedeclareerd_eur"]),
            "soort": "gerealiseerd",
        }
        for r in dit.iter_rows(named=True)
    ]
    vorig_per_maand = {
        r["maand"].month: float(r["gedeclareerd_eur"]) for r in vorig.iter_rows(named=True)
    }
    vergelijkbaar = sum(v for m, v in vorig_per_maand.items() if m <= laatste)
    if laatste == 12:
        methode = "Het jaar is compleet: de prognose is de realisatie."
        rest = 0.0
    elif vorig_per_maand and vergelijkbaar > 0:
        factor = gerealiseerd / vergelijkbaar
        methode = (
            f"Realisatie t/m maand {laatste}, aangevuld met dezelfde maanden van {jaar - 1} "
            f"× {opmaak.getal(factor, 3)} (verhouding dit jaar / vorig jaar)."
        )
        rest = 0.0
        for m in range(laatste + 1, 13):
            bedrag = vorig_per_maand.get(m, 0.0) * factor
            rest += bedrag
            per_maand.append(
                {"maand": date(jaar, m, 1), "gedeclareerd_eur": bedrag, "soort": "prognose"}
            )
    else:
        gemiddeld = gerealiseerd / max(1, dit.height)
        methode = f"Realisatie t/m maand {laatste}, aangevuld met het gemiddelde per maand."
        rest = 0.0
        for m in range(laatste + 1, 13):
            rest += gemiddeld
            per_maand.append(
                {"maand": date(jaar, m, 1), "gedeclareerd_eur": gemiddeld, "soort": "prognose"}
            )
    totaal = gerealiseerd + rest
    volgend = totaal * (1 + index_pct / 100) * (1 + volumegroei_pct / 100)
    return Prognose(jaar, gerealiseerd, laatste, totaal, jaar + 1, volgend, methode, per_maand)
