"""Begroting (#13): each gemeente's budget per perceel and year, so the demo shows uitputting
and the expected year-end result next to the prognosis."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.model import Context
from pipelines.demo.uitvoer import kolommen

# Budgets are set before the year from the year before; some gemeenten budget tight, some
# generously: the spread makes both an over- and an underspend visible.
SPREIDING = 0.06
SEED = 20261313


def begroting(ctx: Context, declaraties: pl.DataFrame) -> pl.DataFrame:
    """Per gemeente × perceel × year: the net declared euros of that cell, moved by a seeded
    few percent and rounded to thousands, for every demo year and the year after."""
    perceel = {code: p["perceel"] for code, p in ctx.producten.items()}
    netto = (
        declaraties.with_columns(
            perceel=pl.col("productcode").replace_strict(perceel, default=None),
            jaar=pl.col("begindatum").cast(pl.Date).dt.year(),
            bedrag=pl.when(pl.col("debet_credit") == "C")
            .then(-pl.col("ingediend_bedrag"))
            .otherwise(pl.col("ingediend_bedrag")),
        )
        .drop_nulls("perceel")
        .group_by("gemeentecode", "perceel", "jaar")
        .agg(pl.col("bedrag").sum())
        .filter(pl.col("bedrag") > 0)
    )
    # The budget of year j+1 is what j cost: the last demo year gets a budget for the next too.
    volgend = netto.filter(pl.col("jaar") == ctx.jaren[-1]).with_columns(pl.col("jaar") + 1)
    df = pl.concat([netto, volgend]).sort("jaar", "gemeentecode", "perceel")
    rng = np.random.default_rng(SEED)
    factor = 1 + rng.normal(0.0, SPREIDING, df.height)
    duizenden = np.round(df["bedrag"].to_numpy() * factor / 1000) * 1000
    return df.with_columns(bedrag=pl.Series(duizenden)).select(kolommen("begroting"))
