"""Spookzorg: always the full allocated volume, for part of the clients.

In all years the begeleiding provider declares, for a share of its clients (a third to half
when weak, three quarters to all when strong), every month the full allocated volume for the
period (cap), including partial months, with no absences, holidays or illness; its other
clients are declared honestly. Cap per period is volume × days / 7 for frequentie 2 (per
week) and volume × days / days in month for frequentie 4 (per maand), so it is usually
fractional (2 per week over a 30-day month is 8,57). How the provider writes the cap down is
drawn per region (`afronding`): to two decimals (8,57), or in whole units as a provider that
declares in whole hours or dagdelen does — rounded down (8) or to the nearest unit (9, just
above the cap). Shows as a share of client-months at the maximum far above peers and little
variation (H1/H2), while honest peers sit around 75–95%.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Banden, Keuze, Schema, Uniform

AFRONDINGEN = ("twee_decimalen", "hele_eenheden_omlaag", "hele_eenheden_afgerond")


class AltijdVolledig(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}, {clienten} cliënten) elke maand op het volledige "
        "toegewezen volume: geen afwezigheid, vakantie of ziekte"
    )
    # Share of the provider's clients declared at the full allocation, and how the
    # fractional cap is written down.
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_clienten": Uniform(0.33, 0.50), "afronding": Keuze(AFRONDINGEN)},
        "middel": {"aandeel_clienten": Uniform(0.50, 0.75), "afronding": Keuze(AFRONDINGEN)},
        "sterk": {"aandeel_clienten": Uniform(0.75, 1.00), "afronding": Keuze(AFRONDINGEN)},
    }

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        p = self.p(ctx)
        # A client is either always at the cap with this provider or declared honestly.
        gekozen_client = rng.random(len(ctx.bsn)) < p.getal("aandeel_clienten")
        masker = (
            self.vrije_eigen_regels(ctx, m) & gekozen_client[m.eenheden.client[m.eenheid_index]]
        )
        cap = m.cap
        if p["afronding"] == "twee_decimalen":
            # Hours to two decimals; dagdelen and etmalen can only be whole.
            vol = np.where(m.is_uur, np.floor(cap * 100 + 1e-6), np.floor(cap + 1e-9) * 100)
        elif p["afronding"] == "hele_eenheden_omlaag":
            vol = np.floor(cap + 1e-9) * 100
        else:
            vol = np.floor(cap + 0.5) * 100
        vol = np.maximum(vol, 100)
        m.v100 = np.where(masker, vol, m.v100).astype(np.int64)
        m.tag[masker] = ctx.tag(self.id)
