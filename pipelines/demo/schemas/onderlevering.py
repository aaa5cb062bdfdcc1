"""Kwaliteit: far less delivered than allocated.

In all years the huishoudelijke-ondersteuning provider delivers (and declares) only ~40% of
the allocated hours on average, month after month, without sending a stop; half of its
clients who leave do so with reden 21 (eenzijdig door cliënt beëindigd). It gets about five
times the klachten of a peer of its size, two extra calamiteiten a year and a low
cliëntervaring score (~5.6). Shows as low verzilvering (F1/E3) plus meldingen.
"""

from __future__ import annotations

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Aanbieder, Context, Episode
from pipelines.demo.schemas import Schema

REALISATIE = 0.42
RUIS = 0.08
EENZIJDIG = 0.5  # chance a leaving client stops with reden 21
KLACHTEN_FACTOR = 5.0
EXTRA_CALAMITEITEN = 2
RAPPORTCIJFER = 5.6


class Onderlevering(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met gemiddeld ruim "
        "40% van de toegewezen uren, zonder stopbericht; veel klachten en calamiteiten en "
        "een laag cliëntervaringscijfer"
    )

    def pas_aanbieder_aan(self, aanbieder: Aanbieder) -> None:
        aanbieder.realisatie, aanbieder.ruis = REALISATIE, RUIS
        aanbieder.meldingfactor = KLACHTEN_FACTOR
        aanbieder.extra_calamiteiten = EXTRA_CALAMITEITEN
        aanbieder.rapportcijfer = RAPPORTCIJFER

    def op_episode(self, ctx: Context, ep: Episode, rng: np.random.Generator) -> None:
        if ep.aanbieder == self.aanbieder(ctx) and ep.reden != "21" and rng.random() < EENZIJDIG:
            ep.reden = "21"

    def op_realisatie(self, ctx: Context, m: Maandregels) -> None:
        m.tag[m.aanbieder == self.aanbieder(ctx)] = ctx.tag(self.id)
