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
    return pl.DataFrame(
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
    ).select(kolommen("verantwoording"))
