"""Injected schemes, one module each: its description (module docstring), its parameters
and its behaviour, as a subclass of `Schema` below that overrides the hooks it needs.

Strength: every scheme lists, per strength band (zwak / middel / sterk), the range of each
of its parameters (`banden`). Per seed the generator draws a band for every scheme and then
each parameter from that band's range (`trek_parameters`), so a bench over several seeds
sees each scheme weak, medium and strong. "Zwak" is still a material scheme a supervisor
wants found, only partial or smaller; it is not meant to be undetectable. Schemes that start
in the second year also draw their start month (`startmaand`).

The generator calls the hooks of every active scheme at fixed points, in registry order
(`pipelines.demo.injected_schemes.SCHEMAS`); hooks that draw random numbers get the scheme
generator, which only schemes use. The registry order is part of the output: it orders the
scheme providers in the plan and the schemes' draws, so reordering it, or adding a scheme
(which adds a provider), gives another region for the same seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.declaraties import Eenheid, Maandregels, Regels
from pipelines.demo.model import Aanbieder, Context, Episode, Toewijzing

CATEGORIEEN = ("spookzorg", "upcoding", "stapeling", "volume", "kwaliteit")


# Values for `vanaf_tweede_jaar`, so a registry row reads as what it means.
VANAF_TWEEDE_JAAR = True
ALLE_JAREN = False

STERKTES = ("zwak", "middel", "sterk")
# Month of the second year in which a scheme with VANAF_TWEEDE_JAAR starts (1 = January).
STARTMAANDEN = (1, 7)


@dataclass(frozen=True)
class Uniform:
    """A parameter drawn uniformly from [laag, hoog], rounded to `decimalen`."""

    laag: float
    hoog: float
    decimalen: int = 2

    def trek(self, rng: np.random.Generator) -> float:
        return round(float(rng.uniform(self.laag, self.hoog)), self.decimalen)


@dataclass(frozen=True)
class Geheel:
    """A whole-number parameter drawn from laag to hoog inclusive."""

    laag: int
    hoog: int

    def trek(self, rng: np.random.Generator) -> int:
        return int(rng.integers(self.laag, self.hoog + 1))


@dataclass(frozen=True)
class Keuze:
    """A parameter that takes one of a few named values."""

    opties: tuple[str, ...]

    def trek(self, rng: np.random.Generator) -> str:
        return str(self.opties[int(rng.integers(0, len(self.opties)))])


Bereik = Uniform | Geheel | Keuze
# Per strength band, the range of each parameter (in the order they are drawn).
Banden = dict[str, dict[str, Bereik]]
Waarde = float | int | str


@dataclass(frozen=True)
class Parameters:
    """The drawn strength band and parameter values of one scheme in one region."""

    sterkte: str
    waarden: dict[str, Waarde]

    def __getitem__(self, naam: str) -> Waarde:
        return self.waarden[naam]

    def getal(self, naam: str) -> float:
        return float(self.waarden[naam])

    def tekst(self) -> str:
        """Readable for grondwaarheid.csv: `aandeel=0,35; factor=1,20; startmaand=4`."""
        return "; ".join(f"{k}={_waarde_tekst(v)}" for k, v in self.waarden.items())


def _waarde_tekst(waarde: Waarde) -> str:
    if isinstance(waarde, float):
        return f"{waarde:.2f}".replace(".", ",")
    return str(waarde)


class Schema:
    """One injected irregularity: who gets it, how grondwaarheid.csv describes it, and the
    hooks through which it acts. Every hook does nothing unless a scheme overrides it.

    A subclass (one per module) holds the behaviour and the Dutch description; the registry
    (`injected_schemes.SCHEMAS`) makes the one instance and says who gets it and from when.
    """

    # Dutch text for grondwaarheid.csv; {regels}, {clienten} and {bedrag} are filled per year.
    omschrijving: str
    # Per strength band the range of each parameter, in the order they are drawn.
    banden: ClassVar[Banden] = {}

    def __init__(self, id: str, categorie: str, profiel: str, vanaf_tweede_jaar: bool) -> None:
        self.id = id  # the name of the scheme's module
        self.categorie = categorie  # one of CATEGORIEEN
        # Product range (profile in referentie.PROFIELEN) of the provider that gets it.
        self.profiel = profiel
        # True: active from 1 January of the second year of the window, so year one is a
        # baseline; False: all years.
        self.vanaf_tweede_jaar = vanaf_tweede_jaar

    def aanbieder(self, ctx: Context) -> int:
        """Index of the provider that carries this scheme (fixed in the provider plan)."""
        return ctx.rollen[self.id]

    def trek_parameters(self, rng: np.random.Generator, sterkte: str | None = None) -> Parameters:
        """Draw the band (unless given) and then every parameter from that band's range."""
        gekozen = sterkte or STERKTES[int(rng.integers(0, len(STERKTES)))]
        if gekozen not in STERKTES:
            raise ValueError(f"onbekende sterkte {gekozen!r}; kies uit {', '.join(STERKTES)}")
        waarden: dict[str, Waarde] = {
            naam: bereik.trek(rng) for naam, bereik in self.banden.get(gekozen, {}).items()
        }
        if self.vanaf_tweede_jaar:
            waarden["startmaand"] = Geheel(*STARTMAANDEN).trek(rng)
        return Parameters(gekozen, waarden)

    def p(self, ctx: Context) -> Parameters:
        """This scheme's drawn parameters in this region."""
        return ctx.parameters[self.id]

    def vanaf(self, ctx: Context) -> dt.date:
        """First day the scheme acts: the drawn month of the second year, or the window."""
        if not self.vanaf_tweede_jaar:
            return ctx.w0
        parameters = ctx.parameters.get(self.id)
        maand = int(parameters["startmaand"]) if parameters else 1
        return dt.date(ctx.tweede_jaar.year, maand, 1)

    def vrije_eigen_regels(self, ctx: Context, m: Maandregels) -> np.ndarray:
        """This provider's month lines from scheme start that no scheme has marked yet."""
        masker: np.ndarray = (
            (m.aanbieder == self.aanbieder(ctx))
            & (m.begin >= kalender.dag(self.vanaf(ctx), 0))
            & (m.tag == 0)
        )
        return masker

    # --- hooks, in the order the generator calls them -----------------------------------

    def pas_aanbieder_aan(self, ctx: Context, aanbieder: Aanbieder) -> None:
        """The provider plan is made: change this scheme's provider (realisation, quality)."""

    def instroomgewichten(
        self, ctx: Context, aanbieders: np.ndarray, gewicht: np.ndarray
    ) -> dict[int, np.ndarray]:
        """Provider choice for one product: weights of `aanbieders` for the new clients of a
        year, per year; years not returned keep `gewicht`."""
        return {}

    def op_episode(self, ctx: Context, ep: Episode, rng: np.random.Generator) -> None:
        """Called for every episode in turn (all schemes per episode): change it in place."""

    def voeg_episodes_toe(
        self, ctx: Context, episodes: list[Episode], rng: np.random.Generator
    ) -> None:
        """After `op_episode`: append episodes of this scheme's own."""

    def op_toewijzingen(
        self, ctx: Context, toewijzingen: list[Toewijzing], rng: np.random.Generator
    ) -> list[Toewijzing]:
        """The allocations are cut (before they get numbers): return them, possibly changed
        (a re-indication splits one allocation into two)."""
        return toewijzingen

    def laatste_declaratiedag(
        self, ctx: Context, t: Toewijzing, laatste_dag: dt.date, rng: np.random.Generator
    ) -> dt.date:
        """Last day the provider declares for an allocation (care ends on `laatste_dag`)."""
        return laatste_dag

    def extra_eenheden(
        self, ctx: Context, toewijzingen: list[Toewijzing], rng: np.random.Generator
    ) -> list[Eenheid]:
        """Declaring units without a toewijzing behind them, appended after the real ones."""
        return []

    def op_realisatie(self, ctx: Context, m: Maandregels) -> None:
        """Month lines before rounding: change `m.realisatie` or mark lines in `m.tag`."""

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        """Month lines with volume and regional tariff: change `m.v100`, `m.code`,
        `m.tarief` and mark the changed lines in `m.tag`."""

    def na_correcties(self, ctx: Context, regels: Regels, rng: np.random.Generator) -> Regels:
        """Declaration lines after the honest corrections: return them, possibly with more."""
        return regels
