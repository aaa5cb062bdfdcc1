"""The pandas baseline of the scale series: three core indicators as an analyst would write them
in a notebook, on the same CSV files the program loads (issue #14).

Straightforward, idiomatic pandas: `read_csv` of only the columns needed, codes as strings,
numbers as float64, dates parsed; `merge` and `groupby`; no loops over rows. It computes
1. declaraties zonder passende toewijzing (no toewijzing of the gemeente with that number and
   client, or a prestatie outside its period) and boven volume (more delivered in a month than
   the toewijzing allows, in minutes where units convert), per aanbieder;
2. year-over-year change of the netted declared amount per aanbieder;
3. stapeling: client-months with two products that the samenloopregels exclude or flag
   (perceel or productcode; for the same perceel only at two different aanbieders).
It is a baseline for speed and memory, not a second implementation of the program's
definitions: the counts are reported for a sanity check only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from bench.schaal_stappen import bestanden_per_tabel
from pipelines.settings import reference_dir

# Minutes per unit (iWmo WJ756) for the units that convert; others compare as they are.
_MINUTEN = {"01": 1.0, "04": 60.0, "16": 240.0}
# Allocated volume per month for a frequency (WJ757): per day, per week, per month.
_PER_MAAND = {"1": 30.44, "2": 30.44 / 7, "4": 1.0}


def _lees(paden: list[Path], kolommen: list[str], datums: list[str]) -> pd.DataFrame:
    getallen = {"geleverd_volume", "ingediend_bedrag", "volume"}
    dtypes = {k: ("float64" if k in getallen else "str") for k in kolommen if k not in datums}
    return pd.concat(
        (pd.read_csv(p, usecols=kolommen, dtype=dtypes, parse_dates=datums) for p in paden),
        ignore_index=True,
    )


def drie_indicatoren(bron: Path) -> dict[str, Any]:
    bestanden = bestanden_per_tabel(bron)
    decl = _lees(
        bestanden["declaraties"],
        [
            "aanbieder_agb",
            "gemeentecode",
            "bsn",
            "toewijzingnummer",
            "productcode",
            "begindatum",
            "geleverd_volume",
            "eenheid",
            "ingediend_bedrag",
            "debet_credit",
        ],
        ["begindatum"],
    )
    tw = _lees(
        bestanden["toewijzingen"],
        [
            "gemeentecode",
            "toewijzingnummer",
            "bsn",
            "ingangsdatum",
            "einddatum",
            "volume",
            "eenheid",
            "frequentie",
        ],
        ["ingangsdatum", "einddatum"],
    )
    decl["teken"] = decl["debet_credit"].map({"D": 1, "C": -1})
    decl["maand"] = decl["begindatum"].dt.to_period("M")

    # 1a. Zonder passende toewijzing.
    decl["regel"] = decl.index
    m = decl.merge(
        tw.drop(columns=["volume", "eenheid", "frequentie"]).rename(columns={"bsn": "tw_bsn"}),
        on=["gemeentecode", "toewijzingnummer"],
        how="left",
    )
    passend = (
        (m["tw_bsn"] == m["bsn"])
        & (m["begindatum"] >= m["ingangsdatum"])
        & (m["einddatum"].isna() | (m["begindatum"] <= m["einddatum"]))
    )
    m["passend"] = passend.fillna(False)
    per_regel = m.groupby("regel")["passend"].any()
    decl["zonder_toewijzing"] = ~per_regel.reindex(decl.index, fill_value=False)
    zonder = decl[decl["zonder_toewijzing"] & (decl["teken"] == 1)].groupby("aanbieder_agb").size()

    # 1b. Boven volume: netted delivery per toewijzing and month against the allowance.
    decl["minuten"] = (
        decl["geleverd_volume"] * decl["eenheid"].map(_MINUTEN).fillna(1.0) * decl["teken"]
    )
    geleverd = (
        decl.dropna(subset=["toewijzingnummer"])
        .groupby(["gemeentecode", "toewijzingnummer", "maand", "aanbieder_agb"], as_index=False)[
            "minuten"
        ]
        .sum()
    )
    tw["toegestaan"] = (
        tw["volume"] * tw["eenheid"].map(_MINUTEN).fillna(1.0) * tw["frequentie"].map(_PER_MAAND)
    )
    toegestaan = tw.groupby(["gemeentecode", "toewijzingnummer"], as_index=False)[
        "toegestaan"
    ].max()
    vergeleken = geleverd.merge(toegestaan, on=["gemeentecode", "toewijzingnummer"])
    boven = (
        vergeleken[vergeleken["minuten"] > 1.1 * vergeleken["toegestaan"]]
        .groupby("aanbieder_agb")
        .size()
    )

    # 2. Year over year per aanbieder.
    decl["jaar"] = decl["begindatum"].dt.year
    decl["netto"] = decl["ingediend_bedrag"] * decl["teken"]
    per_jaar = decl.groupby(["aanbieder_agb", "jaar"])["netto"].sum().unstack("jaar")
    groei = per_jaar.pct_change(axis="columns", fill_method=None)
    sterke_groei = int((groei > 0.25).sum().sum())

    # 3. Stapeling.
    producten = pd.read_csv(reference_dir() / "producten.csv", dtype=str)[
        ["productcode", "perceel"]
    ]
    regels = pd.read_csv(reference_dir() / "samenloopregels.csv", dtype=str)[["a", "b", "regel"]]
    zorg = (
        decl.loc[decl["teken"] == 1, ["bsn", "maand", "productcode", "aanbieder_agb"]]
        .drop_duplicates()
        .merge(producten, on="productcode", how="left")
    )
    meer = zorg.groupby(["bsn", "maand"])["productcode"].transform("size") > 1
    zorg = zorg[meer]
    paren = zorg.merge(zorg, on=["bsn", "maand"], suffixes=("_a", "_b"))
    # The same perceel at one aanbieder is no stapeling (a product change within the month).
    paren = paren[
        (paren["perceel_a"] != paren["perceel_b"])
        | (paren["aanbieder_agb_a"] != paren["aanbieder_agb_b"])
    ]
    treffers = []
    for kant_a in ("productcode_a", "perceel_a"):
        for kant_b in ("productcode_b", "perceel_b"):
            treffers.append(
                paren.merge(regels, left_on=[kant_a, kant_b], right_on=["a", "b"])[
                    ["bsn", "maand", "aanbieder_agb_a"]
                ]
            )
    gevonden = pd.concat(treffers, ignore_index=True)
    stapeling = gevonden.drop_duplicates(["bsn", "maand"]).groupby("aanbieder_agb_a").size()

    return {
        "declaratieregels": len(decl),
        "aanbieders_zonder_toewijzing": int((zonder > 0).sum()),
        "regels_zonder_toewijzing": int(zonder.sum()),
        "toewijzingmaanden_boven_volume": int(boven.sum()),
        "aanbiederjaren_groei_boven_25_procent": sterke_groei,
        "clientmaanden_stapeling": int(stapeling.sum()),
    }
