"""Toewijzingen and zorgperiodes: an episode becomes one or more allocations (re-indications,
category level in one gemeente, retroactive decisions) with the start (305) and stop (307)
the provider sends; allocations get a running number per gemeente."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo import kalender
from pipelines.demo.clienten import VOLUMES
from pipelines.demo.model import Context, Episode, Toewijzing
from pipelines.demo.referentie import (
    CATEGORIE_NIVEAU_GEMEENTE,
    CATEGORIE_NIVEAU_PERCELEN,
    PER_MAAND,
    PROFIELEN,
)
from pipelines.demo.uitvoer import kolommen

# A stop for these reasons also ends the toewijzing (LDT_RedenWijziging 02/07/06).
WIJZIGING_BIJ_STOP = {"02": "02", "31": "07", "39": "06"}
ESCALATIE = {"02A03": "02A16", "02A16": "02A19"}
DEESCALATIE = {"02A19": "02A16", "02A16": "02A03"}
NIET_GESTART = 0.02  # allocations the client never starts
GEEN_STARTBERICHT = 0.01  # care delivered, but the 305 was never sent


def toewijzingen_van_episode(
    ctx: Context, ep: Episode, rng: np.random.Generator
) -> list[Toewijzing]:
    """The toewijzingen of an episode, with their start (305) and stop (307)."""
    perceel = ctx.perceel(ep.code)
    begins, eindes = ep.begins, list(ep.eindes)
    # What the gemeente and the provider know about the end by the extraction date.
    zorg_einde: dt.date | None = None
    wijziging = ""
    if ep.einde <= ctx.w1:
        if ep.wijziging_einde:
            eindes[-1], wijziging, zorg_einde = ep.einde, ep.wijziging_einde, ep.einde
        elif ep.reden == "19":
            # Planned end (already the end of the running allocation, unless open-ended).
            if eindes[-1] is None:
                eindes[-1], wijziging = ep.einde, "05"
            zorg_einde = ep.einde
        else:
            zorg_einde = ep.einde
            if ep.reden in WIJZIGING_BIJ_STOP:
                eindes[-1], wijziging = ep.einde, WIJZIGING_BIJ_STOP[ep.reden]
            elif rng.random() < 0.5:
                eindes[-1], wijziging = ep.einde, "05"

    gemeente = ctx.client_gemeente[ep.client]
    categorie_niveau = (
        gemeente == CATEGORIE_NIVEAU_GEMEENTE and perceel in CATEGORIE_NIVEAU_PERCELEN
    )
    code, volume = ep.code, ep.volume
    aanbod = PROFIELEN[ctx.aanbieders[ep.aanbieder].profiel]
    uitkomst: list[Toewijzing] = []
    for i, (begin_p, eind_p) in enumerate(zip(begins, eindes, strict=True)):
        if begin_p > ctx.w1:
            break
        laatst = i == len(begins) - 1
        if i > 0 and not ep.schema:
            # Re-indication: sometimes a heavier or lighter tier, often a new volume.
            nieuw = _herindicatie_code(code, rng)
            if nieuw in aanbod and (nieuw != code or rng.random() < 0.3):
                code, volume = nieuw, float(rng.choice(VOLUMES[nieuw]))
        zp_begin: dt.date | None = begin_p
        if i == 0 and not ep.vervolg:
            toegekend = begin_p - kalender.dagen(rng.integers(0, 29))
            if rng.random() < 0.05:  # issued with retroactive effect
                toegekend = begin_p + kalender.dagen(rng.integers(1, 21))
            # Only recent allocations can still be "never started" in an extract.
            if begin_p >= ctx.w0 - dt.timedelta(days=90) and rng.random() < NIET_GESTART:
                zp_begin = None
            else:
                wacht = (
                    int(rng.integers(20, 71))
                    if rng.random() < 0.12
                    else min(30, int(rng.exponential(6)))
                )
                zp_begin = begin_p + dt.timedelta(days=wacht)
        else:
            toegekend = begin_p - kalender.dagen(rng.integers(7, 46))
        zp_einde = zorg_einde if laatst else eind_p
        # A re-indication closes the previous period as planned (19).
        zp_reden = "19" if not laatst else (ep.reden if zorg_einde else "")
        if zp_begin is not None and (
            (eind_p is not None and zp_begin > eind_p)
            or (zp_einde is not None and zp_begin > zp_einde)
        ):
            zp_begin = begin_p
        uitkomst.append(
            Toewijzing(
                client=ep.client,
                gemeente=gemeente,
                aanbieder=ep.aanbieder,
                code=code,
                toegewezen_code="" if categorie_niveau else code,
                ingang=begin_p,
                einde=eind_p,
                volume=volume,
                toewijzingsdatum=min(toegekend, ctx.w1),
                reden_wijziging=wijziging if laatst else "",
                zp_begin=zp_begin,
                zp_einde=zp_einde,
                zp_reden=zp_reden,
                zp_gemeld=rng.random() >= GEEN_STARTBERICHT,
                schema=ep.schema,
                zorg_echt_beeindigd=laatst and zorg_einde is not None and ep.reden != "38",
            )
        )
        if zp_begin is None:
            break  # never started: no re-indication follows
    return uitkomst


def _herindicatie_code(code: str, rng: np.random.Generator) -> str:
    u = rng.random()
    if u < 0.06 and code in ESCALATIE:
        return ESCALATIE[code]
    if u > 0.97 and code in DEESCALATIE:
        return DEESCALATIE[code]
    return code


def nummer_toewijzingen(ctx: Context, toewijzingen: list[Toewijzing]) -> None:
    """ToewijzingNummer: a running number per gemeente, so numbers repeat across gemeenten.

    Eight digits: iWmo's LDT_Nummer allows nine, but a nine-digit number that passes the
    elfproef looks like a BSN, and ingest pseudonymises such a value wherever it stands.
    """
    volgorde = sorted(
        range(len(toewijzingen)),
        key=lambda k: (
            toewijzingen[k].gemeente,
            toewijzingen[k].toewijzingsdatum,
            toewijzingen[k].ingang,
            ctx.bsn[toewijzingen[k].client],
            toewijzingen[k].code,
            toewijzingen[k].aanbieder,
        ),
    )
    teller: dict[str, int] = {}
    for k in volgorde:
        t = toewijzingen[k]
        teller[t.gemeente] = teller.get(t.gemeente, 10_000_000) + 1
        t.nummer = str(teller[t.gemeente])


def toewijzingen_tabel(ctx: Context, toewijzingen: list[Toewijzing]) -> pl.DataFrame:
    rijen = []
    for t in toewijzingen:
        product = ctx.producten[t.code]
        rijen.append(
            {
                "toewijzingnummer": t.nummer,
                "bsn": ctx.bsn[t.client],
                "gemeentecode": t.gemeente,
                "aanbieder_agb": ctx.aanbieders[t.aanbieder].agb,
                "productcategorie": product["productcategorie"],
                "productcode": t.toegewezen_code or None,
                "ingangsdatum": t.ingang,
                "einddatum": t.einde,
                "volume": t.volume,
                "eenheid": product["eenheid"],
                "frequentie": "4" if product["perceel"] in PER_MAAND else "2",
                "budget": None,
                "toewijzingsdatum": t.toewijzingsdatum,
                "reden_wijziging": t.reden_wijziging or None,
            }
        )
    schema = {k: pl.String for k in kolommen("toewijzingen")} | {
        "ingangsdatum": pl.Date,
        "einddatum": pl.Date,
        "toewijzingsdatum": pl.Date,
        "volume": pl.Float64,
        "budget": pl.Float64,
    }
    return pl.DataFrame(rijen, schema=schema).sort("gemeentecode", "toewijzingnummer")


def zorgperiodes_tabel(ctx: Context, toewijzingen: list[Toewijzing]) -> pl.DataFrame:
    rijen = []
    for t in toewijzingen:
        if t.zp_begin is None or t.zp_begin > ctx.w1 or not t.zp_gemeld:
            continue
        einde = t.zp_einde if t.zp_einde is not None and t.zp_einde <= ctx.w1 else None
        rijen.append(
            {
                "toewijzingnummer": t.nummer,
                "gemeentecode": t.gemeente,
                "aanbieder_agb": ctx.aanbieders[t.aanbieder].agb,
                "bsn": ctx.bsn[t.client],
                "productcategorie": ctx.producten[t.code]["productcategorie"],
                "productcode": t.toegewezen_code or None,
                "begindatum": t.zp_begin,
                "einddatum": einde,
                "reden_beeindiging": t.zp_reden if einde is not None else None,
            }
        )
    schema = {k: pl.String for k in kolommen("zorgperiodes")} | {
        "begindatum": pl.Date,
        "einddatum": pl.Date,
    }
    return pl.DataFrame(rijen, schema=schema).sort("gemeentecode", "toewijzingnummer")
