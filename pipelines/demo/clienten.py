"""Clients and their care: synthetic BSNs, a home gemeente, one or two care needs, and per
need an episode (product, provider, start, end, end reason) cut into allocation periods.

Every client has care in the window; episodes start uniformly over the stock and the
inflow, providers are drawn by weight among those contracted on the start day.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.model import Context, Episode
from pipelines.demo.referentie import BW, DB, HO, INWONERS, KV, PROFIELEN

# Care needs: which percelen a client needs, and how often.
CLIENTTYPEN: tuple[tuple[tuple[str, ...], float], ...] = (
    (("HO",), 0.40),
    (("BEG",), 0.24),
    (("DB",), 0.09),
    (("BEG", "DB"), 0.11),
    (("HO", "BEG"), 0.07),
    (("KV", "DB"), 0.03),
    (("BW",), 0.06),
)
# Product (tier) within a need.
PRODUCTKEUZE: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "HO": (HO, (0.68, 0.27, 0.05)),
    "BEG": (("02A03", "02A16", "02A19", "02A18"), (0.30, 0.48, 0.17, 0.05)),
    "DB": (DB, (0.62, 0.32, 0.06)),
    "KV": (KV, (0.7, 0.3)),
    "BW": (BW, (0.10, 0.28, 0.24, 0.16, 0.07, 0.15)),
}
GROEP_BIJ_BEGELEIDING = 0.05  # clients who also get group begeleiding at the same provider
ZELFDE_AANBIEDER_TWEEDE_BEHOEFTE = 0.6
# Allocated volume per product: uur per week, dagdelen per week, etmalen per maand/week.
VOLUMES: dict[str, tuple[float, ...]] = {
    # Whole hours: iWmo 3.2 carries a volume as an integer (LDT_Volume). Same tuple lengths as
    # before (1.5, 2, 2.5, 3 and 1, 1.5, 2, 3), so the random draws stay the same.
    "01A04": (2, 2, 3, 3),
    "01A05": (2, 3, 4),
    "01A06": (3, 4, 5),
    "02A03": (1, 2, 2, 3),
    "02A16": (2, 3, 4, 5),
    "02A19": (2, 3, 4, 6),
    "02A17": (2, 3, 4, 6),
    "02A18": (1, 2),
    "07A03": (2, 3, 4, 6),
    "07A04": (2, 3, 4, 6, 8),
    "07A16": (4, 6, 8),
    "04A04": (2, 3, 4, 6),
    "04A08": (2, 3, 4),
    **{code: (7,) for code in BW},
}
# Episode length: median months and lognormal sigma, per perceel.
DUUR: dict[str, tuple[float, float]] = {
    "Huishoudelijke ondersteuning": (30, 0.7),
    "Begeleiding": (14, 0.7),
    "Dagbesteding": (20, 0.7),
    "Kortdurend verblijf": (12, 0.6),
    "Beschermd wonen": (40, 0.6),
}
LOOPTIJDEN: dict[str, tuple[int, ...]] = {
    "Huishoudelijke ondersteuning": (12, 24, 24),
    "Begeleiding": (3, 6, 6, 12, 12, 12, 24),
    "Dagbesteding": (6, 12, 12, 24),
    "Kortdurend verblijf": (6, 12, 12),
    "Beschermd wonen": (12, 24, 24),
}
OPEN_EINDE: dict[str, float] = {"Huishoudelijke ondersteuning": 0.35, "Beschermd wonen": 0.25}
# Why care ends (LDT_RedenBeeindiging), per perceel.
EINDREDENEN: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Huishoudelijke ondersteuning": (
        ("19", "02", "39", "31", "21", "22", "23"),
        (0.35, 0.25, 0.15, 0.05, 0.08, 0.04, 0.08),
    ),
    "Begeleiding": (
        ("19", "21", "22", "23", "31", "39", "02"),
        (0.60, 0.12, 0.06, 0.12, 0.05, 0.03, 0.02),
    ),
    "Dagbesteding": (
        ("19", "02", "39", "21", "22", "23", "31"),
        (0.45, 0.10, 0.15, 0.12, 0.05, 0.08, 0.05),
    ),
    "Kortdurend verblijf": (("19", "39", "02", "21"), (0.70, 0.15, 0.10, 0.05)),
    "Beschermd wonen": (
        ("19", "39", "02", "21", "22", "23"),
        (0.50, 0.15, 0.05, 0.10, 0.10, 0.10),
    ),
}


def bsns(aantal: int, bezet: set[str], rng: np.random.Generator) -> list[str]:
    """Unique synthetic BSNs in the 99xxxxxxx block that pass the elfproef."""
    kandidaten = rng.permutation(1_000_000)[: int(aantal * 1.3) + 50]
    cijfers = np.stack([np.full(len(kandidaten), 9), np.full(len(kandidaten), 9)], axis=1)
    rest = np.stack([(kandidaten // 10**k) % 10 for k in range(5, -1, -1)], axis=1)
    eerste8 = np.concatenate([cijfers, rest], axis=1)
    controle = (eerste8 * np.arange(9, 1, -1)).sum(axis=1) % 11
    uitkomst: list[str] = []
    for rij, c in zip(eerste8, controle, strict=True):
        if c == 10:
            continue
        bsn = "".join(str(d) for d in rij) + str(c)
        if bsn not in bezet:
            bezet.add(bsn)
            uitkomst.append(bsn)
            if len(uitkomst) == aantal:
                return uitkomst
    raise RuntimeError("te weinig BSN-kandidaten")  # pragma: no cover - 1.3× margin suffices


class Kiezer:
    """Weighted provider choice per product, respecting contract dates."""

    def __init__(self, ctx: Context) -> None:
        self.per_code: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
        # Weights a scheme sets for the new clients of one year, per (product, year).
        self.per_jaar: dict[tuple[str, int], np.ndarray] = {}
        for code in ctx.codes:
            idx = np.array(
                [
                    i
                    for i, a in enumerate(ctx.aanbieders)
                    if a.gewicht > 0 and code in PROFIELEN[a.profiel]
                ],
                dtype=np.int64,
            )
            if len(idx) == 0:
                continue
            gewicht = np.array([ctx.aanbieders[i].gewicht for i in idx])
            vanaf = np.array(
                [kalender.dag(ctx.aanbieders[i].contract_vanaf, -(10**6)) for i in idx]
            )
            tot = np.array([kalender.dag(ctx.aanbieders[i].contract_tot, 10**6) for i in idx])
            self.per_code[code] = (idx, gewicht, vanaf, tot)
            for schema in ctx.schemas:
                for jaar, gewichten in schema.instroomgewichten(ctx, idx, gewicht).items():
                    self.per_jaar[code, jaar] = gewichten

    def kies(self, code: str, start: dt.date, u: float) -> int:
        idx, gewicht, vanaf, tot = self.per_code[code]
        gewicht = self.per_jaar.get((code, start.year), gewicht)
        dag = kalender.dag(start, 0)
        w = np.where((vanaf <= dag) & (dag <= tot), gewicht, 0.0)
        cumulatief = np.cumsum(w)
        if cumulatief[-1] <= 0:
            raise ValueError(f"geen gecontracteerde aanbieder voor {code} op {start}")
        return int(idx[np.searchsorted(cumulatief, u * cumulatief[-1], side="right")])


def maak_episodes(ctx: Context, aantal: int, rng: np.random.Generator) -> list[Episode]:
    ctx.bsn = bsns(aantal, set(), rng)
    inwoners = np.array([INWONERS[g] for g in ctx.gemeenten], dtype=float)
    gemeente = rng.choice(len(ctx.gemeenten), size=aantal, p=inwoners / inwoners.sum())
    ctx.client_gemeente = [ctx.gemeenten[g] for g in gemeente]
    typen = rng.choice(len(CLIENTTYPEN), size=aantal, p=[p for _, p in CLIENTTYPEN])
    kiezer = Kiezer(ctx)
    episodes: list[Episode] = []
    for client in range(aantal):
        vorige: Episode | None = None
        for behoefte in CLIENTTYPEN[typen[client]][0]:
            codes, kansen = PRODUCTKEUZE[behoefte]
            code = str(rng.choice(codes, p=kansen))
            start = None if vorige is None else vorige.start + kalender.dagen(rng.integers(0, 181))
            ep = nieuwe_episode(ctx, client, code, start, rng)
            u = float(rng.random())
            if (
                vorige is not None
                and rng.random() < ZELFDE_AANBIEDER_TWEEDE_BEHOEFTE
                and code in PROFIELEN[ctx.aanbieders[vorige.aanbieder].profiel]
                and kalender.dag(ctx.aanbieders[vorige.aanbieder].contract_tot, 10**6)
                >= kalender.dag(ep.start, 0)
            ):
                ep.aanbieder = vorige.aanbieder
            else:
                ep.aanbieder = kiezer.kies(code, ep.start, u)
            episodes.append(ep)
            if (
                behoefte == "BEG"
                and rng.random() < GROEP_BIJ_BEGELEIDING
                and "02A17" in PROFIELEN[ctx.aanbieders[ep.aanbieder].profiel]
            ):
                groep = nieuwe_episode(ctx, client, "02A17", ep.start, rng)
                groep.aanbieder = ep.aanbieder
                episodes.append(groep)
            vorige = ep
    return episodes


def nieuwe_episode(
    ctx: Context, client: int, code: str, start: dt.date | None, rng: np.random.Generator
) -> Episode:
    """An episode that overlaps the window: start uniform over the stock and the inflow."""
    perceel = ctx.perceel(code)
    mediaan, sigma = DUUR[perceel]
    redenen, kansen = EINDREDENEN[perceel]
    laatste_start = ctx.w1 - dt.timedelta(days=14)
    while True:
        duur = max(31, int(mediaan * 30.4 * rng.lognormal(0.0, sigma)))
        if start is None:
            # Uniform starts over a span wide enough that the stock of running care at the
            # window start is complete; episodes ending before the window are drawn again.
            vroegst = max(
                ctx.w0 - dt.timedelta(days=duur + 730), ctx.w0 - dt.timedelta(days=6 * 365)
            )
            begin = vroegst + kalender.dagen(rng.integers(0, (laatste_start - vroegst).days + 1))
        else:
            begin = min(start, laatste_start)
        ep = plan_perioden(
            ctx,
            Episode(
                client=client,
                code=code,
                aanbieder=-1,
                start=begin,
                einde=begin + dt.timedelta(days=duur),
                reden=str(rng.choice(redenen, p=kansen)),
                volume=float(rng.choice(VOLUMES[code])),
            ),
            rng,
        )
        # A second need may lie wholly before the window; the first need never does.
        if start is not None or ep.einde >= ctx.w0:
            return ep


def plan_perioden(ctx: Context, ep: Episode, rng: np.random.Generator) -> Episode:
    """Cut an episode into allocation periods of 3–24 months (some open-ended). Care that
    ends as planned (reden 19) ends with the allocation it falls in."""
    perceel = ctx.perceel(ep.code)
    ep.begins, ep.eindes = [ep.start], []
    open_einde = rng.random() < OPEN_EINDE.get(perceel, 0.0)
    while True:
        if open_einde:
            ep.eindes.append(None)
            break
        maanden = int(rng.choice(LOOPTIJDEN[perceel]))
        eind = kalender.plus_maanden(ep.begins[-1], maanden) - dt.timedelta(days=1)
        ep.eindes.append(eind)
        if eind >= ep.einde or eind >= ctx.w1:
            break
        ep.begins.append(eind + dt.timedelta(days=1))
    gepland = ep.eindes[-1]
    if ep.reden == "19" and gepland is not None and gepland >= ep.einde:
        ep.einde = gepland
    return ep


def schemas_op_episodes(ctx: Context, episodes: list[Episode], rng: np.random.Generator) -> None:
    """Schemes that live in the care itself (tier mix, leavers, stacking): first each
    episode in turn, then the episodes schemes add."""
    for ep in episodes:
        for schema in ctx.schemas:
            schema.op_episode(ctx, ep, rng)
    for schema in ctx.schemas:
        schema.voeg_episodes_toe(ctx, episodes, rng)
