"""Stapeling: dagbesteding beside beschermd wonen that already includes it.

In all years the dagbesteding provider gets dagbesteding allocated to clients whose
beschermd wonen product already includes dagbesteding (15A34, "incl.DB"), within that BW
period. Shows as samenloopregel 15A34 × Dagbesteding (uitgesloten) / D2. In very small
regions there may be too few 15A34 clients for it to appear.
"""

from __future__ import annotations

from pipelines.demo.schemas._stapeling import Stapeling


class DagbestedingNaastBwInclDb(Stapeling):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met dagbesteding "
        "naast beschermd wonen inclusief dagbesteding (15A34)"
    )
    bw_codes = ("15A34",)
    nieuwe_codes = ("07A03", "07A04")
    volumes = (3, 4, 6)
