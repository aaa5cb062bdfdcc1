"""Declarations: what each provider declares per month, as parallel numpy arrays.

Declaring units are allocations (or units a scheme invents) over the period care runs;
each unit becomes one prestatie per month: period = month ∩ toewijzing ∩ zorgperiode,
volume = a realised share of the allocated volume (provider level, client level, month
noise, absence, holidays), regional tariff; then ~1.5% honest corrections (credit +
rebill). Schemes act at fixed points through their hooks (see schemas/__init__.py).
Invoices and numbers are made in facturering.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import polars as pl

from pipelines.demo import kalender
from pipelines.demo.model import Context, Toewijzing
from pipelines.demo.referentie import PER_MAAND

CORRECTIE_AANDEEL = 0.015
# Kind of declaration line. A copy is a prestatie declared again; the provider's own books
# (verantwoording) know each prestatie once.
NORMAAL, CREDIT, REBILL, KOPIE = 0, 1, 2, 3


class Eenheid(NamedTuple):
    """One declaring unit; dates as day numbers, products as index in ctx.codes."""

    aanbieder: int
    client: int
    gemeente: str
    code: int
    toegewezen_code: int  # -1 for category level or no allocation
    volume: float
    van: int
    tot: int  # last day declared
    tot_origineel: int  # last day of care (before a scheme declares on)
    tag: int  # scheme tag for all lines of the unit (0: none)
    nummer: str  # toewijzingnummer as declared, "" for none


@dataclass
class Eenheden:
    """Declaring units: a toewijzing (or an invented one) over a period, as arrays."""

    aanbieder: np.ndarray
    client: np.ndarray
    gemeente: np.ndarray
    code: np.ndarray
    toegewezen_code: np.ndarray  # code index, -1 for category level or no allocation
    volume: np.ndarray
    per_maand: np.ndarray  # frequentie 4 instead of 2
    van: np.ndarray
    tot: np.ndarray
    tot_origineel: np.ndarray
    schema: np.ndarray  # scheme tag for all lines of the unit
    nummer: np.ndarray  # toewijzingnummer as declared (object array of str)
    effect: np.ndarray  # client-level deviation from the provider's realisation

    def __len__(self) -> int:
        return len(self.van)


def declaratie_eenheden(
    ctx: Context,
    toewijzingen: list[Toewijzing],
    rng: np.random.Generator,
    rng_schema: np.random.Generator,
) -> Eenheden:
    code_index = {c: i for i, c in enumerate(ctx.codes)}
    rijen: list[Eenheid] = []
    for t in toewijzingen:
        if t.zp_begin is None or t.zp_begin > ctx.w1:
            continue
        van = max(t.zp_begin, ctx.w0)
        tot = min(d for d in (ctx.w1, t.einde, t.zp_einde) if d is not None)
        if van > tot:
            continue
        laatste_dag = tot
        for schema in ctx.schemas:
            laatste_dag = schema.laatste_declaratiedag(ctx, t, laatste_dag, rng_schema)
        rijen.append(
            Eenheid(
                aanbieder=t.aanbieder,
                client=t.client,
                gemeente=t.gemeente,
                code=code_index[t.code],
                toegewezen_code=code_index[t.toegewezen_code] if t.toegewezen_code else -1,
                volume=t.volume,
                van=kalender.dag(van, 0),
                tot=kalender.dag(laatste_dag, 0),
                tot_origineel=kalender.dag(tot, 0),
                tag=ctx.tag(t.schema) if t.schema else 0,
                nummer=t.nummer,
            )
        )
    for schema in ctx.schemas:
        rijen += schema.extra_eenheden(ctx, toewijzingen, rng_schema)
    kolom = dict(zip(Eenheid._fields, zip(*rijen, strict=True), strict=True))
    gemeente_index = {g: i for i, g in enumerate(ctx.gemeenten)}
    code = np.array(kolom["code"], dtype=np.int64)
    maand_codes = np.array([ctx.perceel(c) in PER_MAAND for c in ctx.codes])
    return Eenheden(
        aanbieder=np.array(kolom["aanbieder"], dtype=np.int64),
        client=np.array(kolom["client"], dtype=np.int64),
        gemeente=np.array([gemeente_index[g] for g in kolom["gemeente"]], dtype=np.int64),
        code=code,
        toegewezen_code=np.array(kolom["toegewezen_code"], dtype=np.int64),
        volume=np.array(kolom["volume"], dtype=float),
        per_maand=maand_codes[code],
        van=np.array(kolom["van"], dtype=np.int64),
        tot=np.array(kolom["tot"], dtype=np.int64),
        tot_origineel=np.array(kolom["tot_origineel"], dtype=np.int64),
        schema=np.array(kolom["tag"], dtype=np.int64),
        nummer=np.array(kolom["nummer"], dtype=object),
        effect=rng.normal(0.0, 0.05, size=len(rijen)),
    )


@dataclass
class Maandregels:
    """One row per declaring unit and month, while volume and tariff are being set.

    Schemes change these arrays in place: `realisatie` (share of the cap delivered) before
    the volume is rounded, then `v100` (volume in hundredths), `code` and `tarief` (cents).
    """

    eenheden: Eenheden
    eenheid_index: np.ndarray
    aanbieder: np.ndarray
    code: np.ndarray
    begin: np.ndarray  # day numbers
    eind: np.ndarray
    jaar_index: np.ndarray  # position of the year in ctx.jaren
    cap: np.ndarray  # allocated volume for the period
    is_uur: np.ndarray
    tag: np.ndarray
    realisatie: np.ndarray
    v100: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    tarief: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.eenheid_index)


@dataclass
class Regels:
    """Declaration lines as parallel arrays (one entry per prestatie)."""

    kolommen: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.kolommen["aanbieder"])

    def neem(self, index: np.ndarray) -> Regels:
        return Regels({k: v[index] for k, v in self.kolommen.items()})

    def plus(self, ander: Regels) -> Regels:
        return Regels({k: np.concatenate([v, ander.kolommen[k]]) for k, v in self.kolommen.items()})

    def __getitem__(self, naam: str) -> np.ndarray:
        return self.kolommen[naam]


def declaratieregels(
    ctx: Context, e: Eenheden, rng: np.random.Generator, rng_schema: np.random.Generator
) -> Regels:
    """Monthly prestaties for every declaring unit, with realisation, schemes, tariffs,
    corrections and copies, all vectorised."""
    eenheid = np.array([ctx.producten[c]["eenheid"] for c in ctx.codes])
    perceel = np.array([ctx.producten[c]["perceel"] for c in ctx.codes])
    # Months per unit, exploded to one row per unit-month.
    m0, m1 = kalender.maanden(e.van), kalender.maanden(e.tot)
    aantal = m1 - m0 + 1
    eh = np.repeat(np.arange(len(e.van)), aantal)
    maand = m0[eh] + np.arange(aantal.sum()) - np.repeat(np.cumsum(aantal) - aantal, aantal)
    maand_begin = kalender.maand_begin(maand)
    maand_eind = kalender.maand_begin(maand + 1) - 1
    begin = np.maximum(maand_begin, e.van[eh])
    eind = np.minimum(maand_eind, e.tot[eh])
    dagen = eind - begin + 1
    n = len(eh)
    aanbieder = e.aanbieder[eh]
    code = e.code[eh].copy()
    per_maand = e.per_maand[eh]
    volume = e.volume[eh]
    # Cap = allocated volume for this period: per week × days/7, per maand × share of month.
    cap = np.where(per_maand, volume * dagen / (maand_eind - maand_begin + 1), volume * dagen / 7.0)
    m = Maandregels(
        eenheden=e,
        eenheid_index=eh,
        aanbieder=aanbieder,
        code=code,
        begin=begin,
        eind=eind,
        jaar_index=((maand // 12) + 1970 - ctx.jaren[0]).astype(np.int64),
        cap=cap,
        is_uur=eenheid[code] == "04",
        tag=e.schema[eh].copy(),
        realisatie=_realisatie(ctx, aanbieder, e.effect[eh], maand, rng),
    )
    for schema in ctx.schemas:
        schema.op_realisatie(ctx, m)

    is_uur, r = m.is_uur, m.realisatie
    is_bw = perceel[code] == "Beschermd wonen"
    is_kv = perceel[code] == "Kortdurend verblijf"
    # Hundredths of a unit: hours to the quarter, dagdelen and etmalen whole; at r = 1 the
    # declared volume is the cap itself (hours rounded down to two decimals).
    cap100 = np.where(is_uur, np.floor(cap * 100 + 1e-6), np.floor(cap + 1e-9) * 100)
    v100 = np.where(
        is_uur,
        np.where(r >= 1.0, cap100, np.floor(cap * r * 4 + 1e-9) * 25),
        np.floor(cap * r + 1e-9) * 100,
    )
    # Beschermd wonen: the client lives there; only a few absent days.
    afwezige_dagen = np.where(rng.random(n) < 0.08, rng.integers(1, 11, n), 0)
    v100 = np.where(is_bw, np.maximum(dagen - afwezige_dagen, 0) * 100, v100)
    # Kortdurend verblijf is used irregularly: some months not at all.
    kv_r = np.where(rng.random(n) < 0.35, 0.0, rng.uniform(0.25, 1.0, n))
    m.v100 = np.where(is_kv, np.floor(cap * kv_r + 1e-9) * 100, v100).astype(np.int64)
    m.tarief = ctx.tarief_cent[code, m.jaar_index]
    for schema in ctx.schemas:
        schema.op_maandregels(ctx, m, rng_schema)

    regels = Regels(
        {
            "aanbieder": aanbieder,
            "client": e.client[eh],
            "gemeente": e.gemeente[eh],
            "eenheid_index": eh,
            "code": m.code,
            "begin": begin,
            "eind": eind,
            "maand": maand,
            "jaar_index": m.jaar_index,
            "v100": m.v100,
            "cap100": cap100.astype(np.int64),
            "is_uur": is_uur,
            "tarief": m.tarief.astype(np.int64),
            "tag": m.tag,
            "soort": np.full(n, NORMAAL),
            "factuur": np.ones(n, dtype=np.int64),
            "vorig": np.full(n, -1),
        }
    )
    regels = regels.neem(np.flatnonzero(m.v100 > 0))
    regels = _correcties(regels, rng)
    for schema in ctx.schemas:
        regels = schema.na_correcties(ctx, regels, rng_schema)
    _uren_in_minuten(regels, eenheid)
    regels.kolommen["bedrag"] = (regels["v100"] * regels["tarief"] + 50) // 100
    regels.kolommen["nummer"] = e.nummer[regels["eenheid_index"]]
    return regels


def _uren_in_minuten(regels: Regels, eenheid: np.ndarray) -> None:
    """Declare time in whole minutes (eenheid 01) instead of hours to the quarter.

    iWmo 3.2 carries GeleverdVolume as an integer (LDT_Volume) and ProductTarief in whole
    eurocent, so "12,75 uur" cannot be sent; 765 minuten can, and loses nothing (a quarter is
    15 minutes, a cap of 12,857 uur becomes 771 minuten). The tariff becomes the hourly tariff
    per minute, rounded to a cent: the amount stays volume × tariff, as TR-rules demand. The
    allocation stays in hours; the models compare both in minutes (WJ756 factors).
    """
    in_minuten = eenheid[regels["code"]] == "04"
    regels.kolommen["v100"] = np.where(
        in_minuten, regels["v100"] * 60 // 100 * 100, regels["v100"]
    ).astype(np.int64)
    regels.kolommen["tarief"] = np.where(
        in_minuten, (regels["tarief"] + 30) // 60, regels["tarief"]
    ).astype(np.int64)
    regels.kolommen["in_minuten"] = in_minuten


def _realisatie(
    ctx: Context,
    aanbieder: np.ndarray,
    effect: np.ndarray,
    maand: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Share of the cap delivered: provider level, client level, month noise, absence and
    holidays, clipped to 0–1."""
    n = len(aanbieder)
    a_realisatie = np.array([a.realisatie for a in ctx.aanbieders])
    a_ruis = np.array([a.ruis for a in ctx.aanbieders])
    a_afwezig = np.array([a.afwezigheid for a in ctx.aanbieders])
    a_seizoen = np.array([a.seizoen for a in ctx.aanbieders])
    r = a_realisatie[aanbieder] + effect + rng.normal(0.0, 1.0, n) * a_ruis[aanbieder]
    maand_nr = maand % 12 + 1
    seizoen = np.where(np.isin(maand_nr, (7, 8)), 0.88, np.where(maand_nr == 12, 0.93, 1.0))
    r *= np.where(a_seizoen[aanbieder], seizoen, 1.0)
    afwezig = rng.random(n) < a_afwezig[aanbieder]
    r *= np.where(afwezig, rng.uniform(0.1, 0.6, n), 1.0)
    uitkomst: np.ndarray = np.clip(r, 0.0, 1.0)
    return uitkomst


def _correcties(regels: Regels, rng: np.random.Generator) -> Regels:
    """Honest corrections: a credit for the old prestatie and (mostly) a corrected rebill."""
    n = len(regels)
    kandidaat = np.flatnonzero((regels["tag"] == 0) & (rng.random(n) < CORRECTIE_AANDEEL))
    credit = regels.neem(kandidaat)
    credit.kolommen["soort"] = np.full(len(kandidaat), CREDIT)
    credit.kolommen["vorig"] = kandidaat
    credit.kolommen["factuur"] = np.full(len(kandidaat), 2)
    met_rebill = kandidaat[rng.random(len(kandidaat)) < 0.8]
    rebill = regels.neem(met_rebill)
    eenheid = np.where(rebill["is_uur"], 25, 100)
    nieuw = np.floor(rebill["v100"] * rng.uniform(0.5, 1.15, len(met_rebill)) / eenheid)
    nieuw = np.minimum(np.maximum(nieuw.astype(np.int64) * eenheid, eenheid), rebill["cap100"])
    rebill.kolommen["v100"] = nieuw
    rebill.kolommen["soort"] = np.full(len(met_rebill), REBILL)
    rebill.kolommen["factuur"] = np.full(len(met_rebill), 2)
    regels.kolommen["gecorrigeerd"] = np.isin(np.arange(n), kandidaat)
    credit.kolommen["gecorrigeerd"] = np.zeros(len(kandidaat), dtype=bool)
    rebill.kolommen["gecorrigeerd"] = np.zeros(len(met_rebill), dtype=bool)
    return regels.plus(credit).plus(rebill)


def clienten_per_aanbieder_jaar(ctx: Context, regels: Regels) -> np.ndarray:
    """Distinct clients with a declaration line, per provider (row) and year (column)."""
    df = (
        pl.DataFrame({"a": regels["aanbieder"], "j": regels["jaar_index"], "c": regels["client"]})
        .group_by("a", "j")
        .agg(pl.col("c").n_unique())
    )
    uitkomst = np.zeros((len(ctx.aanbieders), len(ctx.jaren)), dtype=np.int64)
    uitkomst[df["a"].to_numpy(), df["j"].to_numpy()] = df["c"].to_numpy()
    return uitkomst
