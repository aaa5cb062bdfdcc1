"""Upcoding: a tariff above the contract.

From scheme start the dagbesteding provider declares a ProductTarief 12% above the regional
tariff on every line; IngediendBedrag is consistent with that tariff, so only the
comparison with tarieven.csv shows it (TR418 / A5).
"""

from __future__ import annotations

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Schema

OPSLAG = 1.12


class BovenContracttarief(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met een producttarief "
        "12% boven het regionale tarief"
    )

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        masker = self.vrije_eigen_regels(ctx, m)
        m.tarief = np.where(masker, np.round(m.tarief * OPSLAG), m.tarief).astype(np.int64)
        m.tag[masker] = ctx.tag(self.id)
