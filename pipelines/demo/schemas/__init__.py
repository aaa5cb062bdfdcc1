"""Injected schemes, one module each: its description (module docstring), its parameters
and its behaviour, as a subclass of `Schema` below that overrides the hooks it needs.

The generator calls the hooks of every active scheme at fixed points, in registry order
(`pipelines.demo.injected_schemes.SCHEMAS`); hooks that draw random numbers get the scheme
generator, which only schemes use. The registry order is part of the output: it orders the
scheme providers in the plan and the schemes' draws, so reordering it, or adding a scheme
(which adds a provider), gives another region for the same seed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.declaraties import Eenheid, Maandregels, Regels
from pipelines.demo.model import Aanbieder, Context, Episode, Toewijzing

CATEGORIEEN = ("spookzorg", "upcoding", "stapeling", "volume", "kwaliteit")


# Values for `vanaf_tweede_jaar`, so a registry row reads as what it means.
VANAF_TWEEDE_JAAR = True
ALLE_JAREN = False


class Schema:
    """One injected irregularity: who gets it, how grondwaarheid.csv describes it, and the
    hooks through which it acts. Every hook does nothing unless a scheme overrides it.

    A subclass (one per module) holds the behaviour and the Dutch description; the registry
    (`injected_schemes.SCHEMAS`) makes the one instance and says who gets it and from when.
    """

    # Dutch text for grondwaarheid.csv; {regels}, {clienten} and {bedrag} are filled per year.
    omschrijving: str

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

    def vanaf(self, ctx: Context) -> dt.date:
        """First day the scheme acts: the second year, or the whole window."""
        return ctx.tweede_jaar if self.vanaf_tweede_jaar else ctx.w0

    def vrije_eigen_regels(self, ctx: Context, m: Maandregels) -> np.ndarray:
        """This provider's month lines from scheme start that no scheme has marked yet."""
        masker: np.ndarray = (
            (m.aanbieder == self.aanbieder(ctx))
            & (m.begin >= kalender.dag(self.vanaf(ctx), 0))
            & (m.tag == 0)
        )
        return masker

    # --- hooks, in the order the generator calls them -----------------------------------

    def pas_aanbieder_aan(self, aanbieder: Aanbieder) -> None:
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
