"""Spookzorg: more volume declared than allocated.

From scheme start, on 15–70% of its allocations (by strength band) the begeleiding +
dagbesteding provider declares every month 1.1–1.7 × the allocated volume for that period
(uur rounded up to the quarter, dagdelen up to whole ones). Shows as GeleverdVolume above
the cap per period (TR321) and cumulatively (TR322) / A3."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Banden, Schema, Uniform


class BovenToewijzing(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met een geleverd "
        "volume boven het toegewezen volume voor de periode (factor: zie parameters)"
    )
    # Share of allocations declared above the cap, and the mean factor on the cap (each line
    # draws within ± 0,05 of it, never below 1,05).
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_toewijzingen": Uniform(0.15, 0.30), "factor": Uniform(1.12, 1.22)},
        "middel": {"aandeel_toewijzingen": Uniform(0.30, 0.50), "factor": Uniform(1.22, 1.40)},
        "sterk": {"aandeel_toewijzingen": Uniform(0.50, 0.70), "factor": Uniform(1.40, 1.65)},
    }

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        p = self.p(ctx)
        gekozen_eenheid = rng.random(len(m.eenheden)) < p.getal("aandeel_toewijzingen")
        masker = self.vrije_eigen_regels(ctx, m) & gekozen_eenheid[m.eenheid_index]
        factor = np.maximum(1.05, p.getal("factor") + rng.uniform(-0.05, 0.05, len(m)))
        hoger = np.where(
            m.is_uur, np.ceil(m.cap * factor * 4) * 25, np.ceil(m.cap * factor) * 100
        ).astype(np.int64)
        m.v100 = np.where(masker, hoger, m.v100)
        m.tag[masker] = ctx.tag(self.id)
