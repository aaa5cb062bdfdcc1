"""Spookzorg: the same prestatie declared twice.

From scheme start the huishoudelijke-ondersteuning provider declares 4–25% (by strength
band) of its standing monthly prestaties a second time in a later invoice with a new
referentienummer: same client, toewijzing, product, period, volume and amount, and no credit
for either. Shows as two standing D lines for the same toewijzing and ProductPeriode (A6).
Its own productieverantwoording leaves the copies out, so `verantwoording` is some 15–20%
below its declared euros, as much as it copied (the one large gap in the region)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.declaraties import KOPIE, NORMAAL, Regels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Banden, Schema, Uniform


class DubbeleDeclaratie(Schema):
    omschrijving = (
        "{regels} prestaties ({bedrag}) voor {clienten} cliënten twee keer gedeclareerd "
        "(zelfde toewijzing, product en periode, nieuw referentienummer, geen credit); de "
        "eigen productieverantwoording laat de kopieën weg"
    )
    # Share of standing prestaties declared twice.
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_regels": Uniform(0.04, 0.08)},
        "middel": {"aandeel_regels": Uniform(0.08, 0.14)},
        "sterk": {"aandeel_regels": Uniform(0.14, 0.25)},
    }

    def na_correcties(self, ctx: Context, regels: Regels, rng: np.random.Generator) -> Regels:
        staand = (
            (regels["aanbieder"] == self.aanbieder(ctx))
            & (regels["soort"] == NORMAAL)
            & ~regels["gecorrigeerd"]
            & (regels["begin"] >= kalender.dag(self.vanaf(ctx), 0))
        )
        kopie = regels.neem(
            np.flatnonzero(staand & (rng.random(len(regels)) < self.p(ctx).getal("aandeel_regels")))
        )
        kopie.kolommen["soort"] = np.full(len(kopie), KOPIE)
        kopie.kolommen["factuur"] = np.full(len(kopie), 2)
        kopie.kolommen["tag"] = np.full(len(kopie), ctx.tag(self.id))
        return regels.plus(kopie)
