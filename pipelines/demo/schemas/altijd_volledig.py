"""Spookzorg: always exactly the allocated volume.

In all years the begeleiding provider declares every client-month at exactly the allocated
volume for the period (cap), including partial months, with no absences, holidays or
illness. Cap per period is volume × days / 7 for frequentie 2 (per week) and volume × days /
days in month for frequentie 4 (per maand); the declared hours are that cap rounded down to
two decimals. Shows as ~100% of client-months at cap and near-zero variation (H1/H2), while
honest peers sit around 75–95%.
"""

from __future__ import annotations

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context
from pipelines.demo.schemas import Schema


class AltijdVolledig(Schema):
    omschrijving = (
        "alle {regels} declaratieregels ({bedrag}, {clienten} cliënten) precies op het "
        "toegewezen volume: geen afwezigheid, vakantie of ziekte"
    )

    def op_realisatie(self, ctx: Context, m: Maandregels) -> None:
        eigen = m.aanbieder == self.aanbieder(ctx)
        m.realisatie[eigen] = 1.0
        m.tag[eigen] = ctx.tag(self.id)
