"""Spookzorg: more volume declared than allocated.

From scheme start, on 60% of its allocations the begeleiding + dagbesteding provider
declares every month 1.25–1.7 × the allocated volume for that period (uur rounded up to the
quarter, dagdelen up to whole ones). Shows as GeleverdVolume above the cap per period
(TR321) and cumulatively (TR322) / A3.
"""

from __future__ import annotations

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Schema

AANDEEL = 0.6  # share of allocations declared above the cap
FACTOR = (1.25, 1.7)


class BovenToewijzing(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met een geleverd "
        "volume van 1,25 tot 1,7 keer het toegewezen volume voor de periode"
    )

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        gekozen_eenheid = rng.random(len(m.eenheden)) < AANDEEL
        masker = self.vrije_eigen_regels(ctx, m) & gekozen_eenheid[m.eenheid_index]
        factor = rng.uniform(*FACTOR, len(m))
        hoger = np.where(
            m.is_uur, np.ceil(m.cap * factor * 4) * 25, np.ceil(m.cap * factor) * 100
        ).astype(np.int64)
        m.v100 = np.where(masker, hoger, m.v100)
        m.tag[masker] = ctx.tag(self.id)
