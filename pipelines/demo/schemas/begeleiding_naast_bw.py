"""Stapeling: begeleiding beside beschermd wonen.

In all years the begeleiding provider gets begeleiding (basis or specialistisch, 2–4 uur
per week) allocated to clients who already live in beschermd wonen at another provider,
within their BW period: 10–80% extra clients (by strength band). Shows as overlapping allocations
matching the samenloopregel Beschermd wonen × Begeleiding (uitgesloten) / D3.
"""

from __future__ import annotations

from pipelines.demo.referentie import BW
from pipelines.demo.schemas._stapeling import Stapeling


class BegeleidingNaastBw(Stapeling):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten die begeleiding "
        "krijgen terwijl zij bij een andere aanbieder beschermd wonen (samenloop uitgesloten)"
    )
    bw_codes = BW
    nieuwe_codes = ("02A16", "02A16", "02A19")
    volumes = (2, 3, 4)
