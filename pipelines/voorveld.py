"""Verschuiving naar het voorveld, gemeten zoals de regio het doel stelt.

The region says which care should move to voorliggende voorzieningen, from which base year,
and by how much (data/reference/voorveld.toml; Westfriesland: 20–40% of begeleiding and
dagbesteding by 2028). `meet` turns the monthly client counts per gemeente × perceel (the
role's `clienten_telling`, already suppressed for contractmanagement and control) into one row
per gemeente × jaar: the average number of clients per month in those percelen, the decrease
against the base year, and where the linear path from the base year to the target band says it
should be by then.

Why the average per month: the current year is never complete, and a year total of distinct
clients grows with the number of months; an average over the months with data compares a
half year with a whole one. A client in two of the percelen counts in each (the counts per
perceel are added, the page says so): distinct clients across percelen would need client rows,
which contractmanagement and control never get.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import polars as pl

from pipelines.settings import reference_dir

BESTAND: Final = "voorveld.toml"

BASISJAAR: Final = "basisjaar"
VOOR_BASISJAAR: Final = "voor het basisjaar"
ACHTER: Final = "achter op het pad"
OP_PAD: Final = "op het pad"
VOOR: Final = "sneller dan het pad"


class OngeldigVoorveldDoel(ValueError):
    """voorveld.toml is missing a setting or has one out of range; the message is Dutch."""


@dataclass(frozen=True)
class VoorveldDoel:
    percelen: tuple[str, ...]
    # 0: the first year with twelve months of declarations.
    basisjaar: int
    doeljaar: int
    afname_minimaal: float
    afname_maximaal: float
    bron: str


def _fout(sleutel: str, waarom: str) -> OngeldigVoorveldDoel:
    return OngeldigVoorveldDoel(f"{BESTAND}: '{sleutel}' {waarom}.")


def _geheel(inhoud: dict[str, Any], sleutel: str, minimum: int, maximum: int) -> int:
    waarde = inhoud.get(sleutel)
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise _fout(sleutel, "moet een geheel getal zijn")
    if not minimum <= waarde <= maximum:
        raise _fout(sleutel, f"moet tussen {minimum} en {maximum} liggen")
    return waarde


def _aandeel(inhoud: dict[str, Any], sleutel: str) -> float:
    waarde = inhoud.get(sleutel)
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        raise _fout(sleutel, "moet een getal zijn (0,20 = 20%)")
    if not 0 <= waarde <= 1:
        raise _fout(sleutel, "moet een aandeel tussen 0 en 1 zijn (0,20 = 20%)")
    return float(waarde)


def doel_uit(inhoud: dict[str, Any]) -> VoorveldDoel:
    """The target from the parsed TOML, every value checked (OngeldigVoorveldDoel)."""
    percelen = inhoud.get("percelen")
    if (
        not isinstance(percelen, list)
        or not percelen
        or not all(isinstance(p, str) and p.strip() and len(p) <= 100 for p in percelen)
    ):
        raise _fout("percelen", "moet een lijst met ten minste één perceelnaam zijn")
    basisjaar = _geheel(inhoud, "basisjaar", 0, 2100)
    if basisjaar and basisjaar < 2000:
        raise _fout("basisjaar", "moet 0 (het eerste volledige jaar) of een jaartal zijn")
    doeljaar = _geheel(inhoud, "doeljaar", 2000, 2100)
    if basisjaar and doeljaar <= basisjaar:
        raise _fout("doeljaar", "moet na het basisjaar liggen")
    minimaal = _aandeel(inhoud, "afname_minimaal")
    maximaal = _aandeel(inhoud, "afname_maximaal")
    if minimaal > maximaal:
        raise _fout("afname_minimaal", "mag niet groter zijn dan afname_maximaal")
    bron = inhoud.get("bron", "")
    if not isinstance(bron, str):
        raise _fout("bron", "moet tekst zijn")
    return VoorveldDoel(
        tuple(p.strip() for p in percelen), basisjaar, doeljaar, minimaal, maximaal, bron[:500]
    )


def lees_doel(map_: Path | None = None) -> VoorveldDoel:
    """The region's target from voorveld.toml in the reference folder."""
    pad = (map_ or reference_dir()) / BESTAND
    try:
        inhoud = tomllib.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as fout:
        raise OngeldigVoorveldDoel(f"{pad} ontbreekt.") from fout
    except tomllib.TOMLDecodeError as fout:
        raise OngeldigVoorveldDoel(f"{pad} is geen geldige TOML: {fout}") from fout
    return doel_uit(inhoud)


def gekozen_basisjaar(maanden: pl.DataFrame, doel: VoorveldDoel) -> int | None:
    """The base year `meet` uses: the configured one, or the first year with 12 months."""
    if doel.basisjaar:
        return doel.basisjaar
    per_jaar = maanden.group_by("jaar").agg(pl.col("maand").n_unique().alias("n")).sort("jaar")
    if per_jaar.is_empty():
        return None
    volledig = per_jaar.filter(pl.col("n") >= 12)
    return int((volledig if not volledig.is_empty() else per_jaar)["jaar"][0])


def _status(jaar: int, basisjaar: int, afname: float | None, pad: tuple[float, float]) -> str:
    if jaar < basisjaar:
        return VOOR_BASISJAAR
    if jaar == basisjaar:
        return BASISJAAR
    if afname is None:
        return ""
    # A hair of rounding must not turn 'op het pad' into 'achter' at the band's edge.
    if afname < pad[0] - 1e-9:
        return ACHTER
    if afname > pad[1] + 1e-9:
        return VOOR
    return OP_PAD


def meet(telling: pl.DataFrame, maanden: pl.DataFrame, doel: VoorveldDoel) -> pl.DataFrame:
    """One row per gemeente (null = the whole region) × jaar, see the module docstring.

    `telling`: jaar, maand, gemeentecode, perceel, aantal_clienten, is_afgeschermd — monthly
    rows. `maanden`: jaar, maand — the months with any declaration (a month without rows for a
    perceel counts as 0 clients, not as missing).
    """
    basisjaar = gekozen_basisjaar(maanden, doel)
    schema = {
        "gemeentecode": pl.String,
        "jaar": pl.Int64,
        "maanden": pl.Int64,
        "clienten_per_maand": pl.Float64,
        "is_afgeschermd": pl.Boolean,
        "afname": pl.Float64,
        "pad_minimaal": pl.Float64,
        "pad_maximaal": pl.Float64,
        "status": pl.String,
    }
    if basisjaar is None or telling.is_empty():
        return pl.DataFrame(schema=schema)
    namen = {p.lower() for p in doel.percelen}
    rijen = telling.filter(pl.col("perceel").str.to_lowercase().is_in(list(namen)))
    n_maanden = maanden.group_by("jaar").agg(pl.col("maand").n_unique().alias("maanden"))
    per_jaar = (
        rijen.group_by("gemeentecode", "jaar")
        .agg(
            pl.col("aantal_clienten").sum().alias("clienten"),
            pl.col("is_afgeschermd").any().alias("is_afgeschermd"),
        )
        .join(n_maanden, on="jaar", how="inner")
        .with_columns(
            # A shielded cell anywhere in the year shields the year: its average would
            # otherwise be computed from the cells that are left.
            pl.when(pl.col("is_afgeschermd"))
            .then(None)
            .otherwise(pl.col("clienten") / pl.col("maanden"))
            .alias("clienten_per_maand"),
        )
    )
    basis = per_jaar.filter(pl.col("jaar") == basisjaar).select(
        "gemeentecode", pl.col("clienten_per_maand").alias("basis")
    )
    uit = per_jaar.join(basis, on="gemeentecode", how="left", nulls_equal=True).with_columns(
        pl.when(pl.col("basis") > 0)
        .then(1 - pl.col("clienten_per_maand") / pl.col("basis"))
        .otherwise(None)
        .alias("afname")
    )
    spanne = max(doel.doeljaar - basisjaar, 1)
    voortgang = ((pl.col("jaar") - basisjaar) / spanne).clip(0, 1)
    uit = uit.with_columns(
        (voortgang * doel.afname_minimaal).alias("pad_minimaal"),
        (voortgang * doel.afname_maximaal).alias("pad_maximaal"),
    )
    statussen = [
        _status(int(j), basisjaar, a, (lo, hi))
        for j, a, lo, hi in uit.select("jaar", "afname", "pad_minimaal", "pad_maximaal").rows()
    ]
    return (
        uit.with_columns(pl.Series("status", statussen, dtype=pl.String))
        .with_columns(pl.col("jaar").cast(pl.Int64), pl.col("maanden").cast(pl.Int64))
        .select(list(schema))
        .sort("gemeentecode", "jaar", nulls_last=False)
    )
