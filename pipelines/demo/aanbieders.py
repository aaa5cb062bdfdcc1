"""Providers: who they are (name, AGB, product range, size), which role each plays in the
plan (ordinary, scheme, honest look-alike, tiny, onderaannemer) and when they are
contracted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from pipelines.demo import kalender
from pipelines.demo.lookalikes import LOOKALIKE_ROLLEN
from pipelines.demo.model import Aanbieder, Context, Toewijzing
from pipelines.demo.referentie import PROFIELEN

if TYPE_CHECKING:
    from pipelines.demo.schemas import Schema

# Profiles of ordinary providers beyond the guaranteed set, and their chances.
GENERIEKE_PROFIELEN = ("HO", "BEG", "BEG_DB", "DB", "BW", "KV_DB", "BREED")
GENERIEKE_KANSEN = (0.22, 0.22, 0.22, 0.12, 0.08, 0.06, 0.08)
# Every region needs these: peers for the schemes, BW clients for stapeling, a switch pair.
GEGARANDEERD = ("BREED", "HO", "HO", "BEG", "BEG_DB", "DB", "BW", "BW", "KV_DB")

_NAAMDELEN: dict[str, tuple[str, ...]] = {
    "HO": ("Thuishulp", "Huishoudservice", "Thuisdiensten", "Schoon Thuis"),
    "BEG": ("Begeleiding", "Ambulante Zorg", "Coaching", "Zorgcoaching"),
    "BEG_DB": ("Zorggroep", "Stichting", "Zorgcoöperatie", "Zorgcentrum"),
    "DB": ("Dagbesteding", "Zorgboerderij", "Ontmoetingscentrum", "Werkplaats"),
    "SPEC": ("Specialistische Begeleiding", "GGZ-Begeleiding"),
    "BW": ("Beschermd Wonen", "Woonzorg", "Stichting Wonen"),
    "KV_DB": ("Logeerhuis", "Zorgvilla", "Stichting Logeren"),
    "BREED": ("Zorggroep", "Welzijn en Zorg", "Stichting Zorg"),
}
_NAAMKERNEN = (
    "De Linde",
    "Het Anker",
    "De Eik",
    "Eemzicht",
    "De Horst",
    "Het Baken",
    "De Wingerd",
    "Zonnedauw",
    "De Vlinderhof",
    "Het Veerhuis",
    "De Kastanje",
    "Ons Erf",
    "De Waterlelie",
    "Het Kompas",
    "De Brug",
    "Lindenhof",
    "De Klaproos",
    "De Bron",
    "De Meent",
    "De Hooiberg",
    "De Boomgaard",
    "Het Rozenhof",
    "De Eemhoeve",
    "De Kievit",
    "De Zwaluw",
    "De Steenuil",
    "Het Trefpunt",
    "De Ooievaar",
    "De Regenboog",
    "Het Perron",
    "De Molenwiek",
    "De Uitkijk",
    "Het Klaverblad",
    "De Sleutel",
    "De Vonk",
    "Het Lichtpunt",
    "De Hoeksteen",
    "Het Palet",
    "De Wilg",
    "De Berk",
    "De Hazelaar",
    "De Esdoorn",
    "Het Lindeblad",
    "De Korenbloem",
    "Het Hofje",
    "De Vaart",
    "De Schakel",
    "Het Erf",
    "De Dijk",
    "Amerhoeve",
    "De Eemoever",
    "Zonnewende",
    "De Lichtboei",
    "Het Wiel",
    "De Zandhoeve",
    "De Heideroos",
    "Het Wolkje",
)


def plan_aanbieders(
    ctx: Context, aantal: int, rng: np.random.Generator, alle_schemas: Sequence[Schema]
) -> None:
    """Providers and their roles; roles are fixed by the plan (every registered scheme gets
    its provider), so the region is the same with and without schemes (scheme providers
    then simply behave honestly)."""
    aantal_onder = max(2, round(aantal / 33))
    aantal_klein = max(3, aantal // 12)
    vast = [(s.id, s.profiel) for s in alle_schemas] + list(LOOKALIKE_ROLLEN)
    aantal_generiek = aantal - len(vast) - aantal_onder - aantal_klein
    minimum = len(vast) + aantal_onder + aantal_klein + len(GEGARANDEERD)
    if aantal_generiek < len(GEGARANDEERD):
        raise ValueError(f"aantal_aanbieders moet minstens {minimum} zijn")
    extra = rng.choice(
        len(GENERIEKE_PROFIELEN),
        size=aantal_generiek - len(GEGARANDEERD),
        p=GENERIEKE_KANSEN,
    )
    generiek = list(GEGARANDEERD) + [GENERIEKE_PROFIELEN[i] for i in extra]
    klein = rng.choice(("HO", "BEG", "DB", "BEG_DB"), size=aantal_klein)
    plan: list[tuple[str, str]] = list(vast)
    overstap = [i for i, p in enumerate(generiek) if p == "HO"][:2]
    # New entrants: ordinary providers outside the guaranteed set where possible.
    kandidaten = list(range(len(GEGARANDEERD), len(generiek)))
    if not kandidaten:
        kandidaten = [i for i, p in enumerate(generiek) if p in ("BEG", "DB", "BEG_DB")]
    nieuw = {
        int(i)
        for i in rng.choice(
            kandidaten, size=min(len(kandidaten), max(1, aantal // 30)), replace=False
        )
    }
    for i, profiel in enumerate(generiek):
        rol = "generiek"
        if i in overstap:
            rol = ("overstap_van", "overstap_naar")[overstap.index(i)]
        elif i in nieuw:
            rol = "nieuwe_aanbieder"
        plan.append((rol, profiel))
    plan += [("kleine_aanbieder", str(p)) for p in klein]
    plan += [("onderaannemer", "DB")] * aantal_onder

    agb = rng.choice(1_000_000, size=len(plan), replace=False) + 98_000_000
    generieke_gewichten = rng.lognormal(0.0, 1.0, size=len(plan))
    vast_gewicht = float(np.quantile(generieke_gewichten, 0.75))
    gebruikte_namen: set[str] = set()
    for i, (rol, profiel) in enumerate(plan):
        a = Aanbieder(
            agb=f"{agb[i]:08d}",
            naam=_naam(profiel, gebruikte_namen, rng),
            profiel=profiel,
            rol=rol,
            realisatie=float(rng.uniform(0.80, 0.93)),
            factuurvertraging=int(rng.integers(7, 36)),
        )
        if rol in ("generiek", "overstap_van", "overstap_naar", "nieuwe_aanbieder"):
            a.gewicht = float(generieke_gewichten[i]) * (3.0 if profiel == "BREED" else 1.0)
        elif rol not in ("kleine_aanbieder", "onderaannemer"):
            a.gewicht = vast_gewicht * float(rng.uniform(0.85, 1.15))
        ctx.aanbieders.append(a)
        if rol not in ("generiek", "nieuwe_aanbieder", "kleine_aanbieder", "onderaannemer"):
            ctx.rollen[rol] = i  # roles held by exactly one provider
    maanden = 12 * len(ctx.jaren) - 12
    for a in ctx.aanbieders:
        if a.rol == "nieuwe_aanbieder":
            a.contract_vanaf = kalender.plus_maanden(ctx.w0, int(rng.integers(3, maanden + 1)))
    verkoper = ctx.aanbieders[ctx.rollen["overname_verkoper"]]
    verkoper.contract_tot = ctx.overname - dt.timedelta(days=1)
    hoge = ctx.aanbieders[ctx.rollen["hoge_realisatie"]]
    hoge.realisatie, hoge.ruis, hoge.afwezigheid, hoge.seizoen = 0.975, 0.015, 0.0, False
    hoofd = [
        i for i, a in enumerate(ctx.aanbieders) if a.profiel == "BREED" and a.rol == "generiek"
    ]
    for a in ctx.aanbieders:
        if a.rol == "onderaannemer":
            a.hoofdaannemer = ctx.aanbieders[int(rng.choice(hoofd))].agb
    # The specialist must be a real player in its niche: a fixed share of 02A19 demand.
    specialist = ctx.aanbieders[ctx.rollen["specialist"]]
    specialist.gewicht = 0.0
    anderen = sum(a.gewicht for a in ctx.aanbieders if "02A19" in PROFIELEN[a.profiel])
    specialist.gewicht = anderen * 0.15 / 0.85
    for schema in ctx.schemas:
        schema.pas_aanbieder_aan(ctx, ctx.aanbieders[ctx.rollen[schema.id]])


def _naam(profiel: str, gebruikt: set[str], rng: np.random.Generator) -> str:
    while True:
        naam = f"{rng.choice(_NAAMDELEN[profiel])} {rng.choice(_NAAMKERNEN)}"
        if naam not in gebruikt:
            gebruikt.add(naam)
            return naam


def contractdata(ctx: Context, toewijzingen: list[Toewijzing], rng: np.random.Generator) -> None:
    """Contract start: a regional tender year, never after the provider's first allocation;
    an onderaannemer's contract runs from its hoofdaannemer's."""
    eerste: dict[int, dt.date] = {}
    for t in toewijzingen:
        eerste[t.aanbieder] = min(eerste.get(t.aanbieder, t.ingang), t.ingang)
    for i, a in enumerate(ctx.aanbieders):
        if a.contract_vanaf is not None:
            continue
        aanbesteding = dt.date(int(rng.choice((2015, 2018, 2021))), 1, 1)
        vroegst = eerste.get(i)
        if vroegst is not None and vroegst < aanbesteding:
            aanbesteding = dt.date(vroegst.year, 1, 1)
        a.contract_vanaf = aanbesteding
    per_agb = {a.agb: a for a in ctx.aanbieders}
    for a in ctx.aanbieders:
        if a.hoofdaannemer:
            a.contract_vanaf = per_agb[a.hoofdaannemer].contract_vanaf


def aanbieders_tabel(ctx: Context) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "aanbieder_agb": a.agb,
                "naam": a.naam,
                "hoofdaannemer_agb": a.hoofdaannemer or None,
                "contract_vanaf": a.contract_vanaf,
                "contract_tot": a.contract_tot,
            }
            for a in ctx.aanbieders
        ],
        schema={
            "aanbieder_agb": pl.String,
            "naam": pl.String,
            "hoofdaannemer_agb": pl.String,
            "contract_vanaf": pl.Date,
            "contract_tot": pl.Date,
        },
    ).sort("aanbieder_agb")
