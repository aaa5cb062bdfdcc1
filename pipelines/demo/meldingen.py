"""Quality signals per provider: klachten, calamiteiten, signalen van de toegang (Poisson,
growing with the number of clients) and a yearly client-experience score."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo import kalender
from pipelines.demo.declaraties import Regels, clienten_per_aanbieder_jaar
from pipelines.demo.model import Context
from pipelines.demo.uitvoer import kolommen

_KLACHTEN = (
    "Hulp kwam niet op de afgesproken tijd",
    "Steeds wisselende hulpverleners",
    "Afspraken uit het ondersteuningsplan niet nagekomen",
    "Bejegening door medewerker",
    "Minder uren geleverd dan afgesproken",
    "Slecht bereikbaar bij vragen",
)
_CALAMITEITEN = (
    "Valincident tijdens begeleiding",
    "Medicatiefout",
    "Cliënt vermist tijdens dagbesteding",
    "Agressie-incident",
)
_SIGNALEN = (
    "Cliënt meldt minder uren dan toegewezen",
    "Ondersteuningsplan ontbreekt",
    "Ontevredenheid cliënt gemeld bij het wijkteam",
)


def meldingen(ctx: Context, regels: Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Klachten, calamiteiten, signalen van de toegang and a yearly client-experience score."""
    clienten = clienten_per_aanbieder_jaar(ctx, regels)
    rijen: list[tuple[str, dt.date, str, float | None, str]] = []
    for i, a in enumerate(ctx.aanbieders):
        for j, jaar in enumerate(ctx.jaren):
            aantal = int(clienten[i, j])
            if aantal == 0:
                continue
            for soort, basis, per_client, extra, teksten in (
                ("klacht", 0.3, 0.012, 0, _KLACHTEN),
                ("calamiteit", 0.05, 0.002, a.extra_calamiteiten, _CALAMITEITEN),
                ("signaal toegang", 0.2, 0.008, 0, _SIGNALEN),
            ):
                verwacht = (basis + per_client * aantal) * a.meldingfactor + extra
                for _ in range(int(rng.poisson(verwacht))):
                    tekst = str(rng.choice(teksten))
                    rijen.append((a.agb, kalender.willekeurige_dag(jaar, rng), soort, None, tekst))
            if aantal >= 10:
                score = round(float(np.clip(rng.normal(a.rapportcijfer, 0.3), 4.0, 9.5)), 1)
                rijen.append(
                    (
                        a.agb,
                        dt.date(jaar, 11, 30),
                        "cliëntervaring",
                        score,
                        f"Gemiddeld rapportcijfer cliëntervaringsonderzoek {jaar}",
                    )
                )
    df = pl.DataFrame(
        rijen,
        schema={
            "aanbieder_agb": pl.String,
            "datum": pl.Date,
            "soort": pl.String,
            "waarde": pl.Float64,
            "omschrijving": pl.String,
        },
        orient="row",
    )
    return df.sort("aanbieder_agb", "datum", "soort", "omschrijving").select(kolommen("meldingen"))
