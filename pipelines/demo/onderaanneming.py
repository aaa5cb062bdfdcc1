"""Onderaanneming and organisations: the contract administration's view of who works for whom
(with the gemeente's akkoord) and which AGB codes belong to one organisation (one KvK number).

Everything here is chosen from the region already built (sorted AGB codes, declared totals), so
the seed that made the region fixes these tables too; nothing is drawn.

- every onderaannemer of the aanbieders file gets a relation with akkoord from its hoofdaannemer's
  contract start (open-ended);
- with schemes on, one ordinary dagbesteding provider that declares is registered as an
  onderaannemer of a broad provider without akkoord (KWA09 shows its declarations); an honest
  region (no schemes) has no such relation;
- every provider has a KvK number of its own, except two ordinary providers that share one and
  form one organisation (the roll-up per organisation groups them).
"""

from __future__ import annotations

import polars as pl

from pipelines.demo.model import Context
from pipelines.demo.uitvoer import kolommen

KVK_BASIS = 60_000_000


def onderaanneming_tabellen(ctx: Context, declaraties: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The optional tables onderaannemers and organisaties for the region."""
    return {
        "onderaannemers": _onderaannemers(ctx, declaraties),
        "organisaties": _organisaties(ctx),
    }


def _gewone_declaranten(ctx: Context, declaraties: pl.DataFrame, profiel: str) -> list[str]:
    """AGB codes of ordinary providers that declare, smallest total first: those with this
    profile, or in a small region without one any ordinary provider that is not broad."""
    gewoon = {a.agb for a in ctx.aanbieders if a.rol == "generiek" and a.profiel == profiel}
    if not declaraties.filter(pl.col("aanbieder_agb").is_in(sorted(gewoon))).height:
        gewoon = {a.agb for a in ctx.aanbieders if a.rol == "generiek" and a.profiel != "BREED"}
    totalen = (
        declaraties.filter(pl.col("aanbieder_agb").is_in(sorted(gewoon)))
        .group_by("aanbieder_agb")
        .agg(pl.col("ingediend_bedrag").sum())
        .sort("ingediend_bedrag", "aanbieder_agb")
    )
    return totalen["aanbieder_agb"].to_list()


def _onderaannemers(ctx: Context, declaraties: pl.DataFrame) -> pl.DataFrame:
    per_agb = {a.agb: a for a in ctx.aanbieders}
    rijen = [
        {
            "hoofdaannemer_agb": a.hoofdaannemer,
            "onderaannemer_agb": a.agb,
            "akkoord_datum": per_agb[a.hoofdaannemer].contract_vanaf,
            "geldig_vanaf": per_agb[a.hoofdaannemer].contract_vanaf,
            "geldig_tot": None,
        }
        for a in ctx.aanbieders
        if a.hoofdaannemer
    ]
    breed = sorted(a.agb for a in ctx.aanbieders if a.profiel == "BREED" and a.rol == "generiek")
    declaranten = _gewone_declaranten(ctx, declaraties, "DB")
    if ctx.schemas and breed and declaranten:
        rijen.append(
            {
                "hoofdaannemer_agb": breed[0],
                "onderaannemer_agb": declaranten[0],
                "akkoord_datum": None,
                "geldig_vanaf": ctx.w0,
                "geldig_tot": None,
            }
        )
    schema = {k: pl.String for k in ("hoofdaannemer_agb", "onderaannemer_agb")} | {
        k: pl.Date for k in ("akkoord_datum", "geldig_vanaf", "geldig_tot")
    }
    return (
        pl.DataFrame(rijen, schema=schema)
        .select(kolommen("onderaannemers"))
        .sort("hoofdaannemer_agb", "onderaannemer_agb")
    )


def _organisaties(ctx: Context) -> pl.DataFrame:
    agbs = sorted(a.agb for a in ctx.aanbieders)
    namen = {a.agb: a.naam for a in ctx.aanbieders}
    kvk = {agb: f"{KVK_BASIS + i:08d}" for i, agb in enumerate(agbs)}
    organisatienaam = dict(namen)
    # Two ordinary providers of one organisation: the second AGB code takes the first's KvK.
    gewoon = sorted(a.agb for a in ctx.aanbieders if a.rol == "generiek")
    if len(gewoon) >= 2:
        eerste, tweede = gewoon[0], gewoon[1]
        kvk[tweede] = kvk[eerste]
        organisatienaam[eerste] = organisatienaam[tweede] = f"{namen[eerste]} Groep"
    return pl.DataFrame(
        {
            "aanbieder_agb": agbs,
            "kvk_nummer": [kvk[a] for a in agbs],
            "organisatienaam": [organisatienaam[a] for a in agbs],
        },
        schema={k: pl.String for k in ("aanbieder_agb", "kvk_nummer", "organisatienaam")},
    ).select(kolommen("organisaties"))


def grondwaarheid_onderaanneming(
    onderaannemers: pl.DataFrame, declaraties: pl.DataFrame
) -> pl.DataFrame:
    """Ground truth for the onderaannemer without akkoord: one row per year it declares.

    The relation is an irregularity the generator put in (KWA09 should find it), so the bench
    counts it as a scheme in the category kwaliteit, not as a false positive.
    """
    zonder = onderaannemers.filter(pl.col("akkoord_datum").is_null())["onderaannemer_agb"]
    regels = (
        declaraties.filter(pl.col("aanbieder_agb").is_in(zonder.implode()))
        .with_columns(pl.col("begindatum").cast(pl.Date).dt.year().cast(pl.Int64).alias("jaar"))
        .group_by("aanbieder_agb", "jaar")
        .agg(pl.len().alias("regels"), pl.col("ingediend_bedrag").cast(pl.Float64).sum())
        .sort("aanbieder_agb", "jaar")
    )
    return pl.DataFrame(
        [
            (
                r["aanbieder_agb"],
                r["jaar"],
                "onderaannemer_zonder_akkoord",
                "kwaliteit",
                f"onderaannemer zonder akkoord van de gemeente: {r['regels']} declaratieregels",
                "sterk",
                "alle declaraties van de onderaannemer",
            )
            for r in regels.iter_rows(named=True)
        ],
        schema={
            "aanbieder_agb": pl.String,
            "jaar": pl.Int64,
            "schema": pl.String,
            "categorie": pl.String,
            "omschrijving": pl.String,
            "sterkte": pl.String,
            "parameters": pl.String,
        },
        orient="row",
    )
