"""Productieverantwoording: each provider's own account of its production per year and
gemeente, to set beside the declarations."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.declaraties import CREDIT, KOPIE, Regels
from pipelines.demo.model import Context
from pipelines.demo.uitvoer import kolommen


def verantwoording(ctx: Context, regels: Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Each provider's own production per year and gemeente: its net declared euros with
    small honest differences; the double-declaring provider leaves its copies out."""
    teken = np.where(regels["soort"] == CREDIT, -1, 1)
    # The provider's own books know each prestatie once: duplicates are not in them.
    eigen = np.where(regels["soort"] == KOPIE, 0, regels["bedrag"] * teken)
    df = (
        pl.DataFrame(
            {
                "aanbieder": regels["aanbieder"],
                "jaar": regels["jaar_index"] + ctx.jaren[0],
                "gemeente": regels["gemeente"],
                "bedrag": eigen,
            }
        )
        .group_by("aanbieder", "jaar", "gemeente")
        .agg(pl.col("bedrag").sum())
        .sort("aanbieder", "jaar", "gemeente")
        .filter(pl.col("bedrag") > 0)
    )
    # Honest differences: rounding, late corrections, a different cut-off date.
    afwijking = np.where(rng.random(df.height) < 0.4, 0.0, rng.normal(0.0, 0.008, df.height))
    centen = np.round(df["bedrag"].to_numpy() * (1 + afwijking)).astype(np.int64)
    agb = np.array([a.agb for a in ctx.aanbieders], dtype=object)
    gemeente = np.array(ctx.gemeenten, dtype=object)
    definitief = pl.DataFrame(
        {
            "aanbieder_agb": agb[df["aanbieder"].to_numpy()],
            "jaar": df["jaar"].to_numpy(),
            "gemeentecode": gemeente[df["gemeente"].to_numpy()],
            "productcode": [None] * df.height,
            "bedrag": centen / 100,
        },
        schema_overrides={
            "aanbieder_agb": pl.String,
            "gemeentecode": pl.String,
            "productcode": pl.String,
        },
    )
    return drie_stappen(definitief).select(kolommen("verantwoording"))


# The cycle (#13, Lekstroom): voorlopig before 1 February, concept before 1 March, definitief
# before 1 April of the next year. Its own generator, so the other tables stay as they were.
STAPPEN_SEED = 20261314
STAPPEN = (("voorlopig", 2, 0.04), ("concept", 3, 0.01), ("definitief", 4, 0.0))


def drie_stappen(definitief: pl.DataFrame) -> pl.DataFrame:
    """Each definitive row in three steps with a received date: most providers on time, a few
    habitually late (up to a month) and some skip the voorlopige inschatting. The definitive
    amounts are the ones above, so KWA03 sees what it saw before."""
    rng = np.random.default_rng(STAPPEN_SEED)
    agbs = sorted(definitief["aanbieder_agb"].unique().to_list())
    laat = {a for a in agbs if rng.random() < 0.12}
    zonder_voorlopig = {a for a in agbs if rng.random() < 0.08}
    delen = []
    for stap, maand, spreiding in STAPPEN:
        deel = definitief
        if stap == "voorlopig":
            deel = deel.filter(~pl.col("aanbieder_agb").is_in(list(zonder_voorlopig)))
        uiterst = pl.date(pl.col("jaar") + 1, maand, 1)
        is_laat = pl.col("aanbieder_agb").is_in(list(laat))
        vroeg = pl.Series(rng.integers(1, 25, deel.height))
        later = pl.Series(rng.integers(0, 30, deel.height))
        afwijking = pl.Series(1 + rng.normal(0.0, spreiding, deel.height))
        delen.append(
            deel.with_columns(
                stap=pl.lit(stap),
                ontvangen_datum=pl.when(is_laat)
                .then(uiterst + pl.duration(days=pl.lit(later)))
                .otherwise(uiterst - pl.duration(days=pl.lit(vroeg))),
                bedrag=(pl.col("bedrag") * afwijking).round(2),
            )
        )
    return pl.concat(delen)
