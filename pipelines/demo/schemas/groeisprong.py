"""Volume: a growth jump without a takeover or new contract — in clients or in intensity.

In the last year of the window the begeleiding + dagbesteding provider grows far beyond its
peers, in one of two forms drawn per region (`vorm`):
- instroom: it takes 6–18% (by strength band) of all new begeleiding and dagbesteding
  clients of the region, against a few percent before; shows as a year-over-year jump in
  euros and new clients (E1/E5); all its lines of that year are marked;
- intensiteit: from a drawn month of that year it has a share of its running clients
  re-indicated at a much higher volume (the gemeente follows the provider's request: the
  old allocation ends with reden_wijziging 12, geïnitieerd door de aanbieder, and a new one
  starts with 1,4–2,5 × the volume, rounded up to whole units), without more clients; shows
  as growth in volume per client while client numbers barely move; the lines of the raised
  allocations are marked.
The generator writes no verzoeken (315/317), so the requests behind the re-indications are
not in the data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import ClassVar

import numpy as np

from pipelines.demo.declaraties import Maandregels
from pipelines.demo.model import Context, Toewijzing
from pipelines.demo.schemas import Banden, Bereik, Geheel, Keuze, Parameters, Schema, Uniform

VORMEN = ("instroom", "intensiteit")
HERINDICATIE = "12"  # LDT_RedenWijziging: geïnitieerd door de aanbieder
MINIMALE_RESTDUUR = 60  # days the raised allocation must still run
INTENSITEIT = ("aandeel_clienten", "factor", "startmaand_sprongjaar")


def _band(
    instroom: tuple[float, float], clienten: tuple[float, float], factor: tuple[float, float]
) -> dict[str, Bereik]:
    return {
        "vorm": Keuze(VORMEN),
        "aandeel_instroom": Uniform(*instroom),
        "aandeel_clienten": Uniform(*clienten),
        "factor": Uniform(*factor),
        "startmaand_sprongjaar": Geheel(1, 4),
    }


class Groeisprong(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten in een jaar waarin de "
        "aanbieder ver boven zijn peers groeit (in nieuwe cliënten of in volume per cliënt, "
        "zie parameters), zonder overname of nieuw contract"
    )
    # vorm instroom uses aandeel_instroom (share of the region's new clients in the jump
    # year); vorm intensiteit uses aandeel_clienten (share of running clients re-indicated),
    # factor (on their volume) and the month of the jump year the re-indications start.
    banden: ClassVar[Banden] = {
        "zwak": _band((0.06, 0.09), (0.40, 0.55), (1.40, 1.60)),
        "middel": _band((0.09, 0.12), (0.55, 0.70), (1.60, 1.90)),
        "sterk": _band((0.12, 0.18), (0.70, 0.90), (1.90, 2.50)),
    }

    def trek_parameters(self, rng: np.random.Generator, sterkte: str | None = None) -> Parameters:
        # Everything is drawn (a fixed number of draws), but only the drawn form's
        # parameters are kept, so grondwaarheid.csv names what acted.
        getrokken = super().trek_parameters(rng, sterkte)
        weg = ("aandeel_instroom",) if getrokken["vorm"] == "intensiteit" else INTENSITEIT
        return Parameters(
            getrokken.sterkte, {k: v for k, v in getrokken.waarden.items() if k not in weg}
        )

    def _vorm(self, ctx: Context) -> str:
        return str(self.p(ctx)["vorm"])

    def instroomgewichten(
        self, ctx: Context, aanbieders: np.ndarray, gewicht: np.ndarray
    ) -> dict[int, np.ndarray]:
        groeier = self.aanbieder(ctx)
        if self._vorm(ctx) != "instroom" or groeier not in aanbieders:
            return {}
        # Boost the jump provider to the drawn share of the new clients of that year.
        aandeel = self.p(ctx).getal("aandeel_instroom")
        pos = int(np.flatnonzero(aanbieders == groeier)[0])
        geboost = gewicht.copy()
        overig = gewicht.sum() - gewicht[pos]
        geboost[pos] = overig * aandeel / (1 - aandeel)
        return {ctx.jaren[-1]: geboost}

    def op_toewijzingen(
        self, ctx: Context, toewijzingen: list[Toewijzing], rng: np.random.Generator
    ) -> list[Toewijzing]:
        if self._vorm(ctx) != "intensiteit":
            return toewijzingen
        p = self.p(ctx)
        sprong = dt.date(ctx.jaren[-1], int(p["startmaand_sprongjaar"]), 1)
        uitkomst: list[Toewijzing] = []
        for t in toewijzingen:
            # A re-indication on a fixed day of the month, spread over the first months.
            dag = sprong + dt.timedelta(days=int(rng.integers(0, 90)))
            loopt = (
                t.aanbieder == self.aanbieder(ctx)
                and not t.schema
                and t.ingang < dag
                and t.zp_begin is not None
                and t.zp_begin < dag
                and all(
                    d is None or (d - dag).days >= MINIMALE_RESTDUUR for d in (t.einde, t.zp_einde)
                )
            )
            if not loopt or rng.random() >= p.getal("aandeel_clienten"):
                uitkomst.append(t)
                continue
            oud = dataclasses.replace(
                t,
                einde=dag - dt.timedelta(days=1),
                reden_wijziging=HERINDICATIE,
                zp_einde=dag - dt.timedelta(days=1),
                zp_reden="19",
                zorg_echt_beeindigd=False,
            )
            nieuw = dataclasses.replace(
                t,
                ingang=dag,
                volume=float(math.ceil(t.volume * p.getal("factor"))),
                toewijzingsdatum=dag - dt.timedelta(days=int(rng.integers(3, 21))),
                zp_begin=dag,
                zp_gemeld=True,
                schema=self.id,
            )
            uitkomst += [oud, nieuw]
        return uitkomst

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        if self._vorm(ctx) != "instroom":
            return  # intensiteit: the raised allocations carry the tag already
        sprongjaar = m.jaar_index == len(ctx.jaren) - 1
        m.tag[(m.aanbieder == self.aanbieder(ctx)) & sprongjaar & (m.tag == 0)] = ctx.tag(self.id)
