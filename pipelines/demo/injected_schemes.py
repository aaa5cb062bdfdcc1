"""Irregularities injected into the demo region: the registry, and their ground truth.

The demo generator (generate_region.py) builds an honest Wmo region first and then, when
`met_schemas=True`, lets twelve providers misbehave. Each scheme is one module in
`pipelines/demo/schemas/` that says what is injected and how it should show in the data,
with the parameters that set its strength and the code that does it; SCHEMAS below lists
them. `grondwaarheid.csv` lists each scheme provider per year with the number of affected
declaration lines, clients and euros, so a detector can be scored against it. The honest
look-alikes beside them (lookalikes.csv) are described in lookalikes.py.

"Scheme start" is 1 January of the second year of the window (2024 for 2023–2025), so the
first year shows the provider's honest baseline; schemes without that flag run all years.
The grondwaarheid years are the years in which the scheme actually left lines.

To add a scheme: write its module (a `Schema` subclass and `SCHEMA = ...`) and append it
here. The order is part of the output (see schemas/__init__.py): append, do not insert.
"""

from __future__ import annotations

import polars as pl

from pipelines.demo.declaraties import Regels
from pipelines.demo.model import Context
from pipelines.demo.schemas import (
    CATEGORIEEN,
    Schema,
    altijd_volledig,
    begeleiding_naast_bw,
    boven_contracttarief,
    boven_toewijzing,
    dagbesteding_naast_bw_incl_db,
    dubbele_declaratie,
    groeisprong,
    na_einde_zorg,
    onderlevering,
    zonder_toewijzing,
    zwaarder_dan_toegewezen,
    zware_productmix,
)
from pipelines.demo.uitvoer import euro

__all__ = ["CATEGORIEEN", "SCHEMAS", "SCHEMA_PER_ID", "Schema", "grondwaarheid"]

SCHEMAS: tuple[Schema, ...] = (
    # spookzorg
    zonder_toewijzing.SCHEMA,
    na_einde_zorg.SCHEMA,
    boven_toewijzing.SCHEMA,
    dubbele_declaratie.SCHEMA,
    altijd_volledig.SCHEMA,
    # upcoding
    zware_productmix.SCHEMA,
    zwaarder_dan_toegewezen.SCHEMA,
    boven_contracttarief.SCHEMA,
    # stapeling
    begeleiding_naast_bw.SCHEMA,
    dagbesteding_naast_bw_incl_db.SCHEMA,
    # volume
    groeisprong.SCHEMA,
    # kwaliteit
    onderlevering.SCHEMA,
)
SCHEMA_PER_ID: dict[str, Schema] = {s.id: s for s in SCHEMAS}


def grondwaarheid(ctx: Context, regels: Regels) -> pl.DataFrame:
    """Per scheme provider and year: the lines, clients and euros the scheme marked."""
    kolommen = ("aanbieder_agb", "jaar", "schema", "categorie", "omschrijving")
    rijen: list[tuple[str, int, str, str, str]] = []
    if ctx.schemas:
        df = pl.DataFrame(
            {
                "tag": regels["tag"],
                "aanbieder": regels["aanbieder"],
                "jaar": regels["jaar_index"] + ctx.jaren[0],
                "client": regels["client"],
                "bedrag": regels["bedrag"],
            }
        ).filter(pl.col("tag") > 0)
        samenvatting = (
            df.group_by("tag", "aanbieder", "jaar")
            .agg(
                regels=pl.len(),
                clienten=pl.col("client").n_unique(),
                bedrag=pl.col("bedrag").sum(),
            )
            .sort("aanbieder", "jaar", "tag")
        )
        for r in samenvatting.iter_rows(named=True):
            schema = ctx.schemas[r["tag"] - 1]
            tekst = schema.omschrijving.format(
                regels=r["regels"], clienten=r["clienten"], bedrag=euro(r["bedrag"])
            )
            rijen.append(
                (ctx.aanbieders[r["aanbieder"]].agb, r["jaar"], schema.id, schema.categorie, tekst)
            )
    return pl.DataFrame(
        rijen,
        schema={k: (pl.Int64 if k == "jaar" else pl.String) for k in kolommen},
        orient="row",
    ).sort("aanbieder_agb", "jaar", "schema")
