"""What the two stapeling schemes share: allocations on top of an existing beschermd-wonen
period at another provider, which the samenloopregels exclude."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.clienten import plan_perioden
from pipelines.demo.model import Context, Episode
from pipelines.demo.schemas import Banden, Schema, Uniform


class Stapeling(Schema):
    # Beschermd-wonen products to stack on, the products (with their chances as repeats)
    # and weekly volumes stacked on top, and the number of stacked clients as a share of
    # the provider's own clients.
    bw_codes: tuple[str, ...]
    nieuwe_codes: tuple[str, ...]
    volumes: tuple[int, ...]
    # Stacked clients as a share of the provider's own clients.
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_clienten": Uniform(0.10, 0.20)},
        "middel": {"aandeel_clienten": Uniform(0.20, 0.40)},
        "sterk": {"aandeel_clienten": Uniform(0.40, 0.80)},
    }

    def voeg_episodes_toe(
        self, ctx: Context, episodes: list[Episode], rng: np.random.Generator
    ) -> None:
        aanbieder = self.aanbieder(ctx)
        bw = [
            ep
            for ep in episodes
            if ep.code in self.bw_codes
            and ep.aanbieder != aanbieder
            and (min(ep.einde, ctx.w1) - max(ep.start, ctx.w0)).days >= 180
        ]
        eigen_clienten = len({ep.client for ep in episodes if ep.aanbieder == aanbieder})
        aantal = min(len(bw), max(2, round(self.p(ctx).getal("aandeel_clienten") * eigen_clienten)))
        for k in rng.choice(len(bw), size=aantal, replace=False):
            basis = bw[int(k)]
            start = max(basis.start, ctx.w0) + kalender.dagen(rng.integers(0, 121))
            einde = min(basis.einde, ctx.w1 + dt.timedelta(days=365))
            if (min(einde, ctx.w1) - start).days < 60:
                continue
            code = str(rng.choice(self.nieuwe_codes))
            volume = float(rng.choice(self.volumes))
            ep = Episode(basis.client, code, aanbieder, start, einde, "19", volume, schema=self.id)
            episodes.append(plan_perioden(ctx, ep, rng))
