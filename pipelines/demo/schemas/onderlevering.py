"""Kwaliteit: far less delivered than allocated.

In all years the huishoudelijke-ondersteuning provider delivers (and declares) only 35–65%
(by strength band) of the allocated hours on average, month after month, without sending a
stop; 20–60% of its clients who leave do so with reden 21 (eenzijdig door cliënt beëindigd).
It gets two to six times the klachten of a peer of its size, up to three extra calamiteiten
a year and a low cliëntervaring score (5,2–6,6). Shows as low verzilvering (F1/E3) plus
meldingen."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Aanbieder, Context, Episode
from pipelines.demo.schemas import Banden, Geheel, Schema, Uniform

RUIS = 0.08


class Onderlevering(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met gemiddeld ver "
        "minder dan de toegewezen uren, zonder stopbericht; veel klachten en calamiteiten en "
        "een laag cliëntervaringscijfer"
    )
    # Mean realisation of the allocation (honest providers 0,80–0,93), the chance a leaving
    # client stops with reden 21, a factor on the expected klachten, extra calamiteiten a
    # year and the mean client-experience score (honest ~7,6).
    banden: ClassVar[Banden] = {
        "zwak": {
            "realisatie": Uniform(0.58, 0.65),
            "eenzijdig": Uniform(0.20, 0.35),
            "klachtenfactor": Uniform(2.0, 3.0),
            "extra_calamiteiten": Geheel(0, 1),
            "rapportcijfer": Uniform(6.2, 6.6, 1),
        },
        "middel": {
            "realisatie": Uniform(0.48, 0.58),
            "eenzijdig": Uniform(0.35, 0.50),
            "klachtenfactor": Uniform(3.0, 4.0),
            "extra_calamiteiten": Geheel(1, 2),
            "rapportcijfer": Uniform(5.8, 6.2, 1),
        },
        "sterk": {
            "realisatie": Uniform(0.35, 0.48),
            "eenzijdig": Uniform(0.50, 0.60),
            "klachtenfactor": Uniform(4.0, 6.0),
            "extra_calamiteiten": Geheel(2, 3),
            "rapportcijfer": Uniform(5.2, 5.8, 1),
        },
    }

    def pas_aanbieder_aan(self, ctx: Context, aanbieder: Aanbieder) -> None:
        p = self.p(ctx)
        aanbieder.realisatie, aanbieder.ruis = p.getal("realisatie"), RUIS
        aanbieder.meldingfactor = p.getal("klachtenfactor")
        aanbieder.extra_calamiteiten = int(p["extra_calamiteiten"])
        aanbieder.rapportcijfer = p.getal("rapportcijfer")

    def op_episode(self, ctx: Context, ep: Episode, rng: np.random.Generator) -> None:
        if (
            ep.aanbieder == self.aanbieder(ctx)
            and ep.reden != "21"
            and rng.random() < self.p(ctx).getal("eenzijdig")
        ):
            ep.reden = "21"

    def op_realisatie(self, ctx: Context, m: Maandregels) -> None:
        m.tag[m.aanbieder == self.aanbieder(ctx)] = ctx.tag(self.id)
