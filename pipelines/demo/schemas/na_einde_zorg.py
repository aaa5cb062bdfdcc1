"""Spookzorg: declaring on after the care has ended.

From scheme start, for 25–80% (by strength band) of the allocations whose care really ended
(stop message sent, allocation ended or shortened), the begeleiding provider keeps declaring
1 to 2–6 more months, at normal volumes, on the old toewijzingnummer. Shows as
ProductPeriodes after the zorgperiode stop (B2) and after the toewijzing einddatum (TR308 /
A2)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context, Toewijzing
from pipelines.demo.schemas import Banden, Geheel, Schema, Uniform


class NaEindeZorg(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten over maanden na het "
        "einde van de zorg (stopbericht) of na de einddatum van de toewijzing"
    )
    # Share of really ended allocations that get extra months, and at most how many (≥ 1).
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_toewijzingen": Uniform(0.25, 0.40), "maanden_max": Geheel(2, 3)},
        "middel": {"aandeel_toewijzingen": Uniform(0.40, 0.60), "maanden_max": Geheel(3, 4)},
        "sterk": {"aandeel_toewijzingen": Uniform(0.60, 0.80), "maanden_max": Geheel(4, 6)},
    }

    def laatste_declaratiedag(
        self, ctx: Context, t: Toewijzing, laatste_dag: dt.date, rng: np.random.Generator
    ) -> dt.date:
        if (
            t.aanbieder == self.aanbieder(ctx)
            and t.zorg_echt_beeindigd
            # Care that ended from the day before scheme start, with room for a month more.
            and self.vanaf(ctx) - dt.timedelta(days=1)
            <= laatste_dag
            <= ctx.w1 - dt.timedelta(days=31)
            and rng.random() < self.p(ctx).getal("aandeel_toewijzingen")
        ):
            extra = int(rng.integers(1, int(self.p(ctx)["maanden_max"]) + 1))
            return min(ctx.w1, kalender.maandeinde(kalender.plus_maanden(laatste_dag, extra)))
        return laatste_dag

    def op_realisatie(self, ctx: Context, m: Maandregels) -> None:
        # The months after the real end are the scheme's lines.
        na_einde = m.eind > m.eenheden.tot_origineel[m.eenheid_index]
        m.tag[na_einde & (m.tag == 0)] = ctx.tag(self.id)
