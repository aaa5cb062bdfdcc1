"""Volume: a jump in new clients without a takeover or new contract.

In the last year of the window the begeleiding + dagbesteding provider takes 15% of all new
begeleiding and dagbesteding clients of the region (against a few percent before). Shows as
a year-over-year jump in euros and in new clients far beyond peers (E1/E5); all its lines
of that year are marked.
"""

from __future__ import annotations

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Schema

AANDEEL_INSTROOM = 0.15  # share of the region's new clients taken in the jump year


class Groeisprong(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten in een jaar waarin de "
        "aanbieder een groot deel van alle nieuwe cliënten in de regio binnenhaalt, zonder "
        "overname of nieuw contract"
    )

    def instroomgewichten(
        self, ctx: Context, aanbieders: np.ndarray, gewicht: np.ndarray
    ) -> dict[int, np.ndarray]:
        groeier = self.aanbieder(ctx)
        if groeier not in aanbieders:
            return {}
        # Boost the jump provider to a fixed share of the new clients of that year.
        pos = int(np.flatnonzero(aanbieders == groeier)[0])
        geboost = gewicht.copy()
        overig = gewicht.sum() - gewicht[pos]
        geboost[pos] = overig * AANDEEL_INSTROOM / (1 - AANDEEL_INSTROOM)
        return {ctx.jaren[-1]: geboost}

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        sprongjaar = m.jaar_index == len(ctx.jaren) - 1
        m.tag[(m.aanbieder == self.aanbieder(ctx)) & sprongjaar & (m.tag == 0)] = ctx.tag(self.id)
