"""Upcoding: a tariff above the contract.

From scheme start the dagbesteding provider declares a ProductTarief 3–20% above the
regional tariff on 40–100% of its lines (by strength band); IngediendBedrag is consistent
with that tariff, so only the comparison with tarieven.csv shows it (TR418 / A5)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Banden, Schema, Uniform


class BovenContracttarief(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met een producttarief "
        "boven het regionale tarief (opslag: zie parameters)"
    )
    # Surcharge on the regional tariff, and the share of its lines that carry it.
    banden: ClassVar[Banden] = {
        "zwak": {"opslag": Uniform(1.03, 1.06), "aandeel_regels": Uniform(0.40, 0.70)},
        "middel": {"opslag": Uniform(1.06, 1.10), "aandeel_regels": Uniform(0.70, 1.00)},
        "sterk": {"opslag": Uniform(1.10, 1.20), "aandeel_regels": Uniform(1.00, 1.00)},
    }

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        p = self.p(ctx)
        masker = self.vrije_eigen_regels(ctx, m) & (rng.random(len(m)) < p.getal("aandeel_regels"))
        m.tarief = np.where(masker, np.round(m.tarief * p.getal("opslag")), m.tarief).astype(
            np.int64
        )
        m.tag[masker] = ctx.tag(self.id)
