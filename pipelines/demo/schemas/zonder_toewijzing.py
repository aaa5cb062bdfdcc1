"""Spookzorg: declarations for clients the provider has no toewijzing for.

From scheme start the provider (begeleiding + dagbesteding) declares extra monthly
prestaties (3–9 months each) for 6–30% extra clients (by strength band) whom it has no
toewijzing for: region clients with a toewijzingnummer the gemeente never issued, region
clients with the toewijzingnummer of another provider's allocation, and BSNs unknown in the
region (valid elfproef, unissued number). Shows as prestaties without a matching toewijzing
for (gemeente, toewijzingnummer, BSN, AGB) — iWmo TR338 / indicator A1."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipelines.demo import kalender
from pipelines.demo.clienten import VOLUMES, bsns
from pipelines.demo.declaraties import Eenheid
from pipelines.demo.model import Context, Toewijzing
from pipelines.demo.schemas import Banden, Schema, Uniform

MAANDEN = (3, 9)
ONBEKEND_NUMMER = 90_000_001  # eight digits, like the gemeenten's numbers
PRODUCTEN = (("02A16", "07A03"), (0.6, 0.4))  # what is declared, and how often


class ZonderToewijzing(Schema):
    omschrijving = (
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten zonder geldige "
        "toewijzing: een nooit uitgegeven toewijzingnummer, het toewijzingnummer van een "
        "andere aanbieder of een BSN dat de regio niet kent"
    )
    # Extra clients without a toewijzing, as a share of the provider's own clients.
    banden: ClassVar[Banden] = {
        "zwak": {"aandeel_clienten": Uniform(0.06, 0.10)},
        "middel": {"aandeel_clienten": Uniform(0.10, 0.18)},
        "sterk": {"aandeel_clienten": Uniform(0.18, 0.30)},
    }

    def extra_eenheden(
        self, ctx: Context, toewijzingen: list[Toewijzing], rng: np.random.Generator
    ) -> list[Eenheid]:
        aanbieder = self.aanbieder(ctx)
        eigen = {t.client for t in toewijzingen if t.aanbieder == aanbieder}
        elders: dict[int, list[Toewijzing]] = {}
        for t in toewijzingen:
            if t.aanbieder != aanbieder and t.client not in eigen:
                elders.setdefault(t.client, []).append(t)
        clienten = sorted(elders)
        aantal = max(3, round(self.p(ctx).getal("aandeel_clienten") * len(eigen)))
        start_maand = kalender.maandnummer(self.vanaf(ctx))
        laatste_maand = kalender.maandnummer(ctx.w1) - 2
        bekend = [
            int(c) for c in rng.choice(clienten, size=min(aantal, len(clienten)), replace=False)
        ]
        # Unknown BSNs become extra clients that only this provider's declarations mention.
        for bsn in bsns(max(1, aantal // 3), set(ctx.bsn), rng):
            ctx.bsn.append(bsn)
            ctx.client_gemeente.append(str(rng.choice(ctx.gemeenten)))
        onbekend = list(range(len(ctx.bsn) - max(1, aantal // 3), len(ctx.bsn)))
        rijen = []
        for k, client in enumerate(bekend + onbekend):
            maand = int(rng.integers(start_maand, laatste_maand + 1))
            lengte = int(rng.integers(MAANDEN[0], MAANDEN[1] + 1))
            van = kalender.maand_naar_datum(maand)
            tot = min(ctx.w1, kalender.maandeinde(kalender.plus_maanden(van, lengte - 1)))
            code = str(rng.choice(PRODUCTEN[0], p=PRODUCTEN[1]))
            # A WMO323 prestatie always names a ToewijzingNummer; without a toewijzing the
            # provider fills in a number the gemeente never issued (gemeenten count from 10⁷).
            nummer, gemeente = str(ONBEKEND_NUMMER + k), ctx.client_gemeente[client]
            if client in elders and k % 2 == 1:
                # Every other known client: declared on the number of another provider.
                anders = elders[client][int(rng.integers(0, len(elders[client])))]
                nummer, gemeente = anders.nummer, anders.gemeente
            rijen.append(
                Eenheid(
                    aanbieder=aanbieder,
                    client=client,
                    gemeente=gemeente,
                    code=ctx.codes.index(code),
                    toegewezen_code=-1,
                    volume=float(rng.choice(VOLUMES[code])),
                    van=kalender.dag(van, 0),
                    tot=kalender.dag(tot, 0),
                    tot_origineel=kalender.dag(tot, 0),
                    tag=ctx.tag(self.id),
                    nummer=nummer,
                )
            )
        return rijen
