"""Upcoding: a heavy product mix.

In all years, 20–65% (by strength band) of the clients of the begeleiding provider (ordinary
begeleiding range) who would get begeleiding praktisch or basis are allocated begeleiding
specialistisch (02A19) instead, so far more of its begeleiding clients are in the top tier
against roughly 15–25% for peers offering the same products. Allocation and declaration
agree; the signal is the tier mix versus peers (C1), not a mismatch."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo.clienten import VOLUMES
from pipelines.demo.model import Context, Episode
from pipelines.demo.referentie import BEGELEIDING_LICHT, BEGELEIDING_SPECIALISTISCH
from pipelines.demo.schemas import Banden, Schema, Uniform


class ZwareProductmix(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten die begeleiding "
        "specialistisch kregen waar praktisch of basis paste; het aandeel specialistisch "
        "ligt ver boven dat van aanbieders met hetzelfde productaanbod"
    )
    # Chance that a praktisch/basis client is allocated specialistisch.
    banden: ClassVar[Banden] = {
        "zwak": {"opwaardering": Uniform(0.20, 0.30)},
        "middel": {"opwaardering": Uniform(0.30, 0.45)},
        "sterk": {"opwaardering": Uniform(0.45, 0.65)},
    }

    def op_episode(self, ctx: Context, ep: Episode, rng: np.random.Generator) -> None:
        if (
            ep.aanbieder == self.aanbieder(ctx)
            and ep.code in BEGELEIDING_LICHT
            and rng.random() < self.p(ctx).getal("opwaardering")
        ):
            ep.code, ep.schema = BEGELEIDING_SPECIALISTISCH, self.id
            ep.volume = float(rng.choice(VOLUMES[BEGELEIDING_SPECIALISTISCH]))
