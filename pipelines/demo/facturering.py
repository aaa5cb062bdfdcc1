"""Invoicing: each provider sends a monthly invoice per gemeente some weeks after the month
(corrections and copies in a later one); referentienummers run per provider in sending order;
then the declaration lines get the contract columns of `declaraties`."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo import kalender
from pipelines.demo.declaraties import CREDIT, Regels
from pipelines.demo.model import Context
from pipelines.demo.uitvoer import kolommen


def declaraties_tabel(ctx: Context, regels: Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Invoices, dates and referentienummers; then the contract columns."""
    m_w0 = kalender.maandnummer(ctx.w0)
    maanden = 12 * len(ctx.jaren)
    vertraging = np.array([a.factuurvertraging for a in ctx.aanbieders])[:, None]
    eerste = vertraging + rng.integers(0, 8, size=(len(ctx.aanbieders), maanden))
    tweede = eerste + rng.integers(30, 111, size=(len(ctx.aanbieders), maanden))
    aanbieder, maand = regels["aanbieder"], regels["maand"]
    maand_eind = kalender.maand_begin(maand + 1) - 1
    maand_index = maand - m_w0
    na = np.where(
        regels["factuur"] == 1, eerste[aanbieder, maand_index], tweede[aanbieder, maand_index]
    )
    datum = maand_eind + na
    regels.kolommen["declaratiedatum"] = datum
    # Referentienummers run per provider in sending order; they start at a per-provider offset.
    volgorde = np.lexsort(
        (
            regels["soort"],
            regels["code"],
            regels["client"],
            regels["begin"],
            regels["factuur"],
            datum,
            aanbieder,
        )
    )
    gesorteerd = aanbieder[volgorde]
    eerste_pos = np.searchsorted(gesorteerd, gesorteerd, side="left")
    volgnummer = np.empty(len(regels), dtype=np.int64)
    volgnummer[volgorde] = np.arange(len(regels)) - eerste_pos
    offset = rng.integers(1, 90, size=len(ctx.aanbieders)) * 10_000_000
    referentie = offset[aanbieder] + volgnummer + 1
    vorig = np.where(regels["vorig"] >= 0, referentie[np.maximum(regels["vorig"], 0)], -1)

    agb = np.array([a.agb for a in ctx.aanbieders], dtype=object)
    bsn = np.array(ctx.bsn, dtype=object)
    gemeente = np.array(ctx.gemeenten, dtype=object)
    codes = np.array(ctx.codes, dtype=object)
    categorie = np.array([ctx.producten[c]["productcategorie"] for c in ctx.codes], dtype=object)
    eenheid = np.array([ctx.producten[c]["eenheid"] for c in ctx.codes], dtype=object)
    jaarmaand = (maand // 12 + 1970) * 100 + maand % 12 + 1
    df = pl.DataFrame(
        {
            "agb": agb[aanbieder],
            "jaarmaand": jaarmaand,
            "factuur": regels["factuur"],
            "referentie": referentie,
            "vorig": vorig,
            "gemeentecode": gemeente[regels["gemeente"]],
            "bsn": bsn[regels["client"]],
            "toewijzingnummer": regels["nummer"],
            "productcategorie": categorie[regels["code"]],
            "productcode": codes[regels["code"]],
            "begindatum": kalender.datums(regels["begin"]),
            "einddatum": kalender.datums(regels["eind"]),
            "geleverd_volume": regels["v100"] / 100,
            "eenheid": np.where(regels["in_minuten"], "01", eenheid[regels["code"]]),
            "producttarief": regels["tarief"] / 100,
            "ingediend_bedrag": regels["bedrag"] / 100,
            "debet_credit": np.where(regels["soort"] == CREDIT, "C", "D"),
            "declaratiedatum": kalender.datums(datum),
        },
        schema_overrides={
            "agb": pl.String,
            "gemeentecode": pl.String,
            "bsn": pl.String,
            "toewijzingnummer": pl.String,
            "productcategorie": pl.String,
            "productcode": pl.String,
            "eenheid": pl.String,
        },
    )
    df = df.with_columns(
        # iWmo 3.2 DeclaratieNummer: at most 12 letters/digits (LDT_IdentificatieDeclaratie),
        # and one WMO323 goes to one gemeente: JJJJMM + invoice 01/02 + gemeentecode.
        declaratienummer=pl.concat_str(
            pl.col("jaarmaand").cast(pl.String),
            pl.col("factuur").cast(pl.String).str.zfill(2),
            pl.col("gemeentecode"),
        ),
        referentienummer=pl.col("referentie").cast(pl.String).str.zfill(10),
        vorig_referentienummer=pl.when(pl.col("vorig") >= 0)
        .then(pl.col("vorig").cast(pl.String).str.zfill(10))
        .otherwise(None),
        aanbieder_agb=pl.col("agb"),
        toewijzingnummer=pl.when(pl.col("toewijzingnummer") == "")
        .then(None)
        .otherwise(pl.col("toewijzingnummer")),
    )
    return df.sort(
        "aanbieder_agb", "declaratiedatum", "declaratienummer", "referentienummer"
    ).select(kolommen("declaraties"))
