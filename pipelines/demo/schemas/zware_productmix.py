"""Upcoding: a heavy product mix.

In all years, half of the clients of the begeleiding provider (ordinary begeleiding range)
who would get begeleiding praktisch or basis are allocated begeleiding specialistisch
(02A19) instead, so over half of its begeleiding clients are in the top tier against
roughly 15–25% for peers offering the same products. Allocation and declaration agree; the
signal is the tier mix versus peers (C1), not a mismatch.
"""

from __future__ import annotations

import numpy as np

from pipelines.demo.clienten import VOLUMES
from pipelines.demo.model import Context, Episode
from pipelines.demo.referentie import BEGELEIDING_LICHT, BEGELEIDING_SPECIALISTISCH
from pipelines.demo.schemas import Schema

OPWAARDERING = 0.5  # chance a praktisch/basis client is allocated specialistisch


class ZwareProductmix(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten die begeleiding "
        "specialistisch kregen waar praktisch of basis paste; het aandeel specialistisch "
        "ligt ver boven dat van aanbieders met hetzelfde productaanbod"
    )

    def op_episode(self, ctx: Context, ep: Episode, rng: np.random.Generator) -> None:
        if (
            ep.aanbieder == self.aanbieder(ctx)
            and ep.code in BEGELEIDING_LICHT
            and rng.random() < OPWAARDERING
        ):
            ep.code, ep.schema = BEGELEIDING_SPECIALISTISCH, self.id
            ep.volume = float(rng.choice(VOLUMES[BEGELEIDING_SPECIALISTISCH]))
