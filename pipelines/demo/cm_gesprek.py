"""Demo data for the CM-gesprek (#13): the providers' own management information (twice a year)
and their waiting lists. Drawn from their own seeded generator, so the other tables of the
region stay byte-identical."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo.declaraties import CREDIT, Regels
from pipelines.demo.model import Context
from pipelines.demo.uitvoer import kolommen

# Which providers deliver management information, and how far their own count may differ from
# the declarations (clients in care but not yet declared, a different cut-off date).
AANDEEL_MET_MANAGEMENTINFORMATIE = 0.6
AANDEEL_MET_WACHTLIJST = 0.4


def _rng(seed: int) -> np.random.Generator:
    # The eighth child of the region's seed: spawn() children do not depend on how many are
    # spawned, so the seven generators of generate_region.py draw exactly what they drew.
    return np.random.default_rng(np.random.SeedSequence(seed).spawn(8)[7])


def cm_gesprek_tabellen(ctx: Context, regels: Regels, seed: int) -> dict[str, pl.DataFrame]:
    """managementinformatie and wachttijden for the demo region."""
    rng = _rng(seed)
    return {
        "managementinformatie": managementinformatie(ctx, regels, rng),
        "wachttijden": wachttijden(ctx, rng),
    }


def managementinformatie(ctx: Context, regels: Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Per half year: aantal_clienten and omzet as the provider counts them (close to the
    declarations), and personeelsverloop (a kenmerk we have no figure for)."""
    df = pl.DataFrame(
        {
            "aanbieder": regels["aanbieder"],
            "client": regels["client"],
            "jaar": regels["jaar_index"] + ctx.jaren[0],
            "halfjaar": np.where(regels["maand"] % 12 < 6, 1, 2),
            "bedrag": np.where(regels["soort"] == CREDIT, -1, 1) * regels["bedrag"],
        }
    )
    per_periode = (
        df.group_by("aanbieder", "jaar", "halfjaar")
        .agg(pl.col("client").n_unique().alias("clienten"), pl.col("bedrag").sum())
        .sort("aanbieder", "jaar", "halfjaar")
    )
    levert = rng.random(len(ctx.aanbieders)) < AANDEEL_MET_MANAGEMENTINFORMATIE
    rijen: list[tuple[str, str, str, str, str | None]] = []
    for r in per_periode.iter_rows(named=True):
        if not levert[r["aanbieder"]] or r["clienten"] < 5:
            continue
        agb = ctx.aanbieders[r["aanbieder"]].agb
        periode = f"{r['jaar']}-H{r['halfjaar']}"
        clienten = max(5, int(r["clienten"] + rng.integers(-2, 4)))
        omzet = round(r["bedrag"] / 100 * (1 + rng.normal(0.0, 0.02)), -2)
        verloop = round(float(np.clip(rng.normal(14.0, 5.0), 2.0, 40.0)), 1)
        rijen += [
            (agb, periode, "aantal_clienten", str(clienten), None),
            (agb, periode, "omzet", f"{omzet:.0f}", "eigen administratie, exclusief correcties"),
            (
                agb,
                periode,
                "personeelsverloop",
                f"{verloop}".replace(".", ","),
                "percentage uitstroom medewerkers",
            ),
        ]
    return pl.DataFrame(
        rijen,
        schema={
            "aanbieder_agb": pl.String,
            "periode": pl.String,
            "kenmerk": pl.String,
            "waarde": pl.String,
            "toelichting": pl.String,
        },
        orient="row",
    ).select(kolommen("managementinformatie"))


def wachttijden(ctx: Context, rng: np.random.Generator) -> pl.DataFrame:
    """Waiting lists on the last day of each half year, for a share of the providers."""
    rijen: list[tuple[str, str, str, dt.date, int, float]] = []
    heeft = rng.random(len(ctx.aanbieders)) < AANDEEL_MET_WACHTLIJST
    for i, aanbieder in enumerate(ctx.aanbieders):
        if not heeft[i]:
            continue
        gemeente = ctx.gemeenten[int(rng.integers(len(ctx.gemeenten)))]
        for jaar in ctx.jaren:
            for peildatum in (dt.date(jaar, 6, 30), dt.date(jaar, 12, 31)):
                aantal = int(rng.poisson(9))
                if aantal == 0:
                    continue
                dagen = round(float(np.clip(rng.normal(45.0, 20.0), 5.0, 200.0)), 1)
                rijen.append((aanbieder.agb, gemeente, "Begeleiding", peildatum, aantal, dagen))
    return pl.DataFrame(
        rijen,
        schema={
            "aanbieder_agb": pl.String,
            "gemeentecode": pl.String,
            "perceel": pl.String,
            "peildatum": pl.Date,
            "aantal_wachtenden": pl.Int64,
            "gemiddelde_wachttijd_dagen": pl.Float64,
        },
        orient="row",
    ).select(kolommen("wachttijden"))
