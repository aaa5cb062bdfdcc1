"""What the demo region rests on: the real gemeenten of Eemland, the shipped product list
and regional tariffs (`data/reference/`, read as package data), and the product ranges
(profiles) providers can have."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.settings import bundel_map

REGIO = "Eemland"
# Inhabitants (CBS, 1 January 2024, rounded to 500): clients are spread in proportion.
INWONERS: dict[str, int] = {
    "0307": 160_000,  # Amersfoort
    "0342": 48_000,  # Soest
    "0327": 30_500,  # Leusden
    "0308": 25_500,  # Baarn
    "0313": 22_500,  # Bunschoten
    "0351": 14_000,  # Woudenberg
    "0317": 10_000,  # Eemnes
}
# One gemeente allocates begeleiding and dagbesteding on category level (productcode
# empty): the provider then chooses the code, which is where aspecific upcoding lives.
CATEGORIE_NIVEAU_GEMEENTE = "0327"
CATEGORIE_NIVEAU_PERCELEN = ("Begeleiding", "Dagbesteding")

HO = ("01A04", "01A05", "01A06")
BEG = ("02A03", "02A16", "02A19", "02A17", "02A18")
DB = ("07A03", "07A04", "07A16")
KV = ("04A04", "04A08")
BW = ("15A08", "15A09", "15A10", "15A11", "15A12", "15A34")
# Begeleiding praktisch and basis, and the top tier the upcoding schemes move them to.
BEGELEIDING_LICHT = ("02A03", "02A16")
BEGELEIDING_SPECIALISTISCH = "02A19"
# Product range per provider profile.
PROFIELEN: dict[str, tuple[str, ...]] = {
    "HO": HO,
    "BEG": BEG,
    "BEG_DB": (*BEG, "07A03", "07A04"),
    "DB": DB,
    "SPEC": ("02A19",),
    "BW": (*BW, "02A19"),
    "KV_DB": (*KV, *DB),
    "BREED": (*HO, *BEG, "07A03", "07A04"),
}
# Frequentie (WJ757): kortdurend verblijf in etmalen per maand, everything else per week.
PER_MAAND = ("Kortdurend verblijf",)


def _lees_csv(naam: str) -> pl.DataFrame:
    # Everything as text: codes keep their leading zeros.
    return pl.read_csv(bundel_map("referentie") / naam, infer_schema_length=0)


def lees_producten() -> dict[str, dict[str, str]]:
    producten = {r["productcode"]: r for r in _lees_csv("producten.csv").iter_rows(named=True)}
    ontbrekend = sorted({c for codes in PROFIELEN.values() for c in codes} - set(producten))
    if ontbrekend:
        raise ValueError(
            f"data/reference/producten.csv mist productcodes die de demo gebruikt: {ontbrekend}"
        )
    return producten


def lees_tarieven(codes: tuple[str, ...], jaren: tuple[int, ...]) -> np.ndarray:
    """Regional tariff in cents per product and year (tariffs are set per calendar year)."""
    tarieven = _lees_csv("tarieven.csv").filter(
        pl.col("aanbieder_agb").is_null() | (pl.col("aanbieder_agb") == "")
    )
    uitkomst = np.zeros((len(codes), len(jaren)), dtype=np.int64)
    for i, code in enumerate(codes):
        rijen = tarieven.filter(pl.col("productcode") == code).iter_rows(named=True)
        geldig = [
            (dt.date.fromisoformat(r["geldig_vanaf"]), r["geldig_tot"], r["tarief"]) for r in rijen
        ]
        for j, jaar in enumerate(jaren):
            eind = dt.date(jaar, 12, 31)
            passend = [
                t
                for vanaf, tot, t in geldig
                if vanaf <= dt.date(jaar, 1, 1) and (not tot or dt.date.fromisoformat(tot) >= eind)
            ]
            if not passend:
                raise ValueError(
                    f"data/reference/tarieven.csv heeft geen regionaal tarief voor {code} "
                    f"dat heel {jaar} geldt"
                )
            uitkomst[i, j] = round(float(passend[-1]) * 100)
    return uitkomst


def regio_gemeenten() -> tuple[str, ...]:
    gemeenten = _lees_csv("gemeenten.csv").filter(pl.col("regio") == REGIO)
    gevonden = set(gemeenten["gemeentecode"].to_list())
    if gevonden != set(INWONERS):
        raise ValueError(
            f"data/reference/gemeenten.csv past niet bij de demoregio {REGIO}: "
            f"verwacht {sorted(INWONERS)}, gevonden {sorted(gevonden)}"
        )
    return tuple(INWONERS)
