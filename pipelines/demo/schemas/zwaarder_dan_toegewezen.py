"""Upcoding: a heavier product declared than allocated.

From scheme start, on 10–75% (by strength band) of its allocations for praktisch (02A03) or
basis (02A16) the begeleiding provider declares specialistisch (02A19) at the 02A19 tariff.
Shows as declared productcode ≠ toegewezen productcode (TR340 / A4); allocations on category
level (Leusden) are not affected."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.referentie import BEGELEIDING_LICHT, BEGELEIDING_SPECIALISTISCH
from pipelines.demo.schemas import Banden, Schema, Uniform


class ZwaarderDanToegewezen(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten gedeclareerd als "
        "begeleiding specialistisch (02A19) terwijl praktisch of basis is toegewezen"
    )
    # Share of praktisch/basis allocations declared as 02A19.
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_toewijzingen": Uniform(0.10, 0.20)},
        "middel": {"aandeel_toewijzingen": Uniform(0.20, 0.40)},
        "sterk": {"aandeel_toewijzingen": Uniform(0.40, 0.75)},
    }

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        lichte = np.array([ctx.codes.index(c) for c in BEGELEIDING_LICHT])
        gekozen_eenheid = rng.random(len(m.eenheden)) < self.p(ctx).getal("aandeel_toewijzingen")
        masker = (
            self.vrije_eigen_regels(ctx, m)
            & np.isin(m.eenheden.toegewezen_code[m.eenheid_index], lichte)
            & gekozen_eenheid[m.eenheid_index]
        )
        m.code[masker] = ctx.codes.index(BEGELEIDING_SPECIALISTISCH)
        m.tarief[masker] = ctx.tarief_cent[m.code[masker], m.jaar_index[masker]]
        m.tag[masker] = ctx.tag(self.id)
