"""Honest look-alikes: providers that resemble a scheme but are honest, listed in
lookalikes.csv and never in grondwaarheid.csv, so a detector that flags them is wrong.

specialist         a provider that only offers begeleiding specialistisch (02A19): 100% top
                   tier because that is its contract, not upcoding.
overname           provider A stops on 1 July of the middle year; its running allocations
                   end the day before (reden_wijziging 03, stop reden 38) and continue at
                   provider B from that day, so B's turnover grows by A's.
hoge_realisatie    a begeleiding provider that truly delivers ~95–100% of the allocated
                   hours, with small month-to-month variation and no exact copy-paste.
kleine_aanbieder   several providers with 1–5 clients (tiny counts, extreme ratios).
overstap_overlap   clients switching between two huishoudelijke-ondersteuning providers
                   where the old and new allocation overlap by 1–31 days (reden 09 / 38).
nieuwe_aanbieder   a provider contracted during the window, growing from zero.

The roles are fixed in the provider plan (aanbieders.py); the takeover, the switches and the
tiny providers' clients are made here, on the episodes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.demo import kalender
from pipelines.demo.clienten import plan_perioden
from pipelines.demo.declaraties import Regels, clienten_per_aanbieder_jaar
from pipelines.demo.model import Context, Episode
from pipelines.demo.referentie import PROFIELEN

# Look-alike roles with a provider of their own in the plan, and that provider's profile.
LOOKALIKE_ROLLEN = (
    ("specialist", "SPEC"),
    ("overname_verkoper", "BEG_DB"),
    ("overname_koper", "BEG_DB"),
    ("hoge_realisatie", "BEG"),
)
OVERNAME_DAG = (7, 1)  # takeover on 1 July of the middle year of the window
OVERSTAP_AANDEEL = 0.06
# Look-alike kinds, with the Dutch text for lookalikes.csv ({…} filled by the generator).
LOOKALIKES: dict[str, str] = {
    "specialist": "biedt alleen begeleiding specialistisch (02A19) aan: een hoog aandeel "
    "zwaar is het gecontracteerde profiel, geen upcoding",
    "overname_verkoper": "stopt per {datum}; lopende toewijzingen gaan over naar {ander}",
    "overname_koper": "neemt per {datum} de cliënten van {ander} over; de omzetgroei is "
    "daarmee verklaard",
    "hoge_realisatie": "levert werkelijk 95–100% van de toegewezen uren, met kleine "
    "variatie per maand en zonder kopieergedrag",
    "kleine_aanbieder": "zeer kleine aanbieder ({clienten}): extreme verhoudingen door kleine "
    "aantallen",
    "overstap_overlap": "{aantal} cliënten stappen over tussen {van} en {naar}; oude en "
    "nieuwe toewijzing overlappen 1 tot 31 dagen",
    "nieuwe_aanbieder": "gecontracteerd per {datum}: groeit vanaf nul",
}


@dataclass(frozen=True)
class Overstap:
    """The honest provider switches, for lookalikes.csv."""

    aantal: int
    jaren: tuple[int, ...]


def knip(ep: Episode, laatste_dag: dt.date, wijziging: str) -> None:
    """End an episode early because the client moves to another provider (reden 38)."""
    bewaard = [k for k, b in enumerate(ep.begins) if b <= laatste_dag]
    ep.begins = [ep.begins[k] for k in bewaard]
    ep.eindes = [ep.eindes[k] for k in bewaard]
    ep.einde, ep.reden, ep.wijziging_einde = laatste_dag, "38", wijziging


def kleine_aanbieders(ctx: Context, episodes: list[Episode], rng: np.random.Generator) -> None:
    """Tiny providers get 1–5 clients, taken from ordinary providers."""
    bezet: set[int] = set()
    for i, a in enumerate(ctx.aanbieders):
        if a.rol != "kleine_aanbieder":
            continue
        kandidaten = [
            k
            for k, ep in enumerate(episodes)
            if ep.client not in bezet
            and ep.code in PROFIELEN[a.profiel]
            and ctx.aanbieders[ep.aanbieder].rol == "generiek"
        ]
        aantal = min(len(kandidaten), int(rng.integers(1, 6)))
        for k in rng.choice(kandidaten, size=aantal, replace=False) if aantal else []:
            episodes[k].aanbieder = i
            bezet.add(episodes[k].client)


def overname_en_overstap(
    ctx: Context, episodes: list[Episode], rng: np.random.Generator
) -> Overstap:
    """Honest look-alikes that split episodes: the takeover and the overlapping switches."""
    verkoper, koper = ctx.rollen["overname_verkoper"], ctx.rollen["overname_koper"]
    t = ctx.overname
    for ep in list(episodes):
        if ep.aanbieder == verkoper and ep.start < t <= ep.einde:
            vervolg = Episode(
                ep.client,
                ep.code,
                koper,
                t,
                ep.einde,
                ep.reden,
                ep.volume,
                vervolg=True,
            )
            knip(ep, t - dt.timedelta(days=1), "03")
            episodes.append(plan_perioden(ctx, vervolg, rng))
    van, naar = ctx.rollen["overstap_van"], ctx.rollen["overstap_naar"]
    kandidaten = [
        k
        for k, ep in enumerate(episodes)
        if ep.aanbieder == van
        and (min(ep.einde, ctx.w1) - max(ep.start + dt.timedelta(days=90), ctx.w0)).days > 90
    ]
    aantal = min(len(kandidaten), max(2, round(OVERSTAP_AANDEEL * len(kandidaten))))
    jaren: set[int] = set()
    for k in rng.choice(kandidaten, size=aantal, replace=False):
        ep = episodes[int(k)]
        vroegst = max(ep.start + dt.timedelta(days=90), ctx.w0)
        laatst = min(ep.einde, ctx.w1) - dt.timedelta(days=60)
        dag = vroegst + kalender.dagen(rng.integers(0, (laatst - vroegst).days + 1))
        overlap = int(rng.integers(1, 32))
        vervolg = Episode(
            ep.client, ep.code, naar, dag, ep.einde, ep.reden, ep.volume, vervolg=True
        )
        episodes.append(plan_perioden(ctx, vervolg, rng))
        knip(ep, dag + dt.timedelta(days=overlap - 1), "09")
        jaren.add(dag.year)
    return Overstap(aantal, tuple(sorted(jaren)))


def lookalikes_tabel(ctx: Context, regels: Regels, overstap: Overstap) -> pl.DataFrame:
    teksten = LOOKALIKES
    clienten = clienten_per_aanbieder_jaar(ctx, regels)
    rijen: list[tuple[str, int, str, str]] = []

    def actief(i: int) -> list[int]:
        return [jaar for j, jaar in enumerate(ctx.jaren) if clienten[i, j] > 0]

    verkoper = ctx.aanbieders[ctx.rollen["overname_verkoper"]]
    koper = ctx.aanbieders[ctx.rollen["overname_koper"]]
    datum = ctx.overname.isoformat()
    van = ctx.aanbieders[ctx.rollen["overstap_van"]]
    naar = ctx.aanbieders[ctx.rollen["overstap_naar"]]
    for i, a in enumerate(ctx.aanbieders):
        if a.rol == "specialist" or a.rol == "hoge_realisatie":
            rijen += [(a.agb, jaar, a.rol, teksten[a.rol]) for jaar in actief(i)]
        elif a.rol == "overname_verkoper":
            tekst = teksten[a.rol].format(datum=datum, ander=f"{koper.naam} ({koper.agb})")
            rijen.append((a.agb, ctx.overname.year, a.rol, tekst))
        elif a.rol == "overname_koper":
            tekst = teksten[a.rol].format(datum=datum, ander=f"{verkoper.naam} ({verkoper.agb})")
            rijen += [
                (a.agb, jaar, a.rol, tekst)
                for jaar in (ctx.overname.year, ctx.overname.year + 1)
                if jaar in ctx.jaren
            ]
        elif a.rol == "kleine_aanbieder":
            for j, jaar in enumerate(ctx.jaren):
                if clienten[i, j] > 0:
                    aantal = int(clienten[i, j])
                    tekst = teksten[a.rol].format(
                        clienten=f"{aantal} cliënt" if aantal == 1 else f"{aantal} cliënten"
                    )
                    rijen.append((a.agb, jaar, a.rol, tekst))
        elif a.rol in ("overstap_van", "overstap_naar"):
            tekst = teksten["overstap_overlap"].format(
                aantal=overstap.aantal,
                van=f"{van.naam} ({van.agb})",
                naar=f"{naar.naam} ({naar.agb})",
            )
            rijen += [(a.agb, jaar, "overstap_overlap", tekst) for jaar in overstap.jaren]
        elif a.rol == "nieuwe_aanbieder" and a.contract_vanaf is not None:
            tekst = teksten[a.rol].format(datum=a.contract_vanaf.isoformat())
            rijen += [(a.agb, jaar, a.rol, tekst) for jaar in actief(i)]
    return pl.DataFrame(
        rijen,
        schema={
            "aanbieder_agb": pl.String,
            "jaar": pl.Int64,
            "soort": pl.String,
            "omschrijving": pl.String,
        },
        orient="row",
    ).sort("aanbieder_agb", "jaar", "soort")
