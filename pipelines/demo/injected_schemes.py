"""Irregularities injected into the demo region: the registry, and their ground truth.

The demo generator (generate_region.py) builds an honest Wmo region first and then, when
`met_schemas=True`, lets twelve providers misbehave. Each scheme is one module in
`pipelines/demo/schemas/` that says what is injected and how it should show in the data,
with the parameters that set its strength and the code that does it; SCHEMAS below lists
them. `grondwaarheid.csv` lists each scheme provider per year with the number of affected
declaration lines, clients and euros, so a detector can be scored against it. The honest
look-alikes beside them (lookalikes.csv) are described in lookalikes.py.

"Scheme start" is a drawn month (January to July) of the second year of the window (2024
for 2023–2025), so the first year shows the provider's honest baseline; schemes without
that flag run all years. The grondwaarheid years are the years in which the scheme actually
left lines; each row also names the scheme's drawn strength band (`sterkte`: zwak, middel,
sterk) and its drawn parameters as text (`parameters`), see schemas/__init__.py.

To add a scheme: write its module (a `Schema` subclass with its description and behaviour)
and append a row to SCHEMAS below, which says who gets it and from when. The order is part
of the output (see schemas/__init__.py): append, do not insert.
"""

from __future__ import annotations

import polars as pl

from pipelines.demo.declaraties import Regels
from pipelines.demo.model import Context
from pipelines.demo.schemas import ALLE_JAREN, CATEGORIEEN, VANAF_TWEEDE_JAAR, Schema
from pipelines.demo.schemas.altijd_volledig import AltijdVolledig
from pipelines.demo.schemas.begeleiding_naast_bw import BegeleidingNaastBw
from pipelines.demo.schemas.boven_contracttarief import BovenContracttarief
from pipelines.demo.schemas.boven_toewijzing import BovenToewijzing
from pipelines.demo.schemas.dagbesteding_naast_bw_incl_db import DagbestedingNaastBwInclDb
from pipelines.demo.schemas.dubbele_declaratie import DubbeleDeclaratie
from pipelines.demo.schemas.groeisprong import Groeisprong
from pipelines.demo.schemas.na_einde_zorg import NaEindeZorg
from pipelines.demo.schemas.onderlevering import Onderlevering
from pipelines.demo.schemas.zonder_toewijzing import ZonderToewijzing
from pipelines.demo.schemas.zwaarder_dan_toegewezen import ZwaarderDanToegewezen
from pipelines.demo.schemas.zware_productmix import ZwareProductmix
from pipelines.demo.uitvoer import euro

__all__ = ["CATEGORIEEN", "SCHEMAS", "SCHEMA_PER_ID", "Schema", "grondwaarheid"]

# One row per scheme: its behaviour (the class in its module), id (the module's name),
# category, the product range of the provider that carries it, and when it starts.
SCHEMAS: tuple[Schema, ...] = (
    ZonderToewijzing("zonder_toewijzing", "spookzorg", "BEG_DB", VANAF_TWEEDE_JAAR),
    NaEindeZorg("na_einde_zorg", "spookzorg", "BEG", VANAF_TWEEDE_JAAR),
    BovenToewijzing("boven_toewijzing", "spookzorg", "BEG_DB", VANAF_TWEEDE_JAAR),
    DubbeleDeclaratie("dubbele_declaratie", "spookzorg", "HO", VANAF_TWEEDE_JAAR),
    AltijdVolledig("altijd_volledig", "spookzorg", "BEG", ALLE_JAREN),
    ZwareProductmix("zware_productmix", "upcoding", "BEG", ALLE_JAREN),
    ZwaarderDanToegewezen("zwaarder_dan_toegewezen", "upcoding", "BEG", VANAF_TWEEDE_JAAR),
    BovenContracttarief("boven_contracttarief", "upcoding", "DB", VANAF_TWEEDE_JAAR),
    BegeleidingNaastBw("begeleiding_naast_bw", "stapeling", "BEG", ALLE_JAREN),
    DagbestedingNaastBwInclDb("dagbesteding_naast_bw_incl_db", "stapeling", "DB", ALLE_JAREN),
    Groeisprong("groeisprong", "volume", "BEG_DB", ALLE_JAREN),
    Onderlevering("onderlevering", "kwaliteit", "HO", ALLE_JAREN),
)
SCHEMA_PER_ID: dict[str, Schema] = {s.id: s for s in SCHEMAS}


def grondwaarheid(ctx: Context, regels: Regels) -> pl.DataFrame:
    """Per scheme provider and year: the lines, clients and euros the scheme marked."""
    kolommen = (
        "aanbieder_agb",
        "jaar",
        "schema",
        "categorie",
        "omschrijving",
        "sterkte",
        "parameters",
    )
    rijen: list[tuple[str, int, str, str, str, str, str]] = []
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
            parameters = ctx.parameters[schema.id]
            rijen.append(
                (
                    ctx.aanbieders[r["aanbieder"]].agb,
                    r["jaar"],
                    schema.id,
                    schema.categorie,
                    tekst,
                    parameters.sterkte,
                    parameters.tekst(),
                )
            )
    return pl.DataFrame(
        rijen,
        schema={k: (pl.Int64 if k == "jaar" else pl.String) for k in kolommen},
        orient="row",
    ).sort("aanbieder_agb", "jaar", "schema")
