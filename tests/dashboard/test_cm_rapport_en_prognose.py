"""Pure parts of the dashboard: the CM-gesprek assembly and the forecast with Decimal money."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import polars as pl
import pytest

from dashboard import cm_rapport
from dashboard.prognose import bereken_prognose
from pipelines.exports.excel_cm_profiel import CmProfiel

PROFIELRIJ = {
    "naam": "Zorg & Co",
    "aantal_peers": 7,
    "hoofdperceel": "Begeleiding",
    "percelen": "Begeleiding, Dagbesteding",
    "hoofdaannemer_agb": "12345678",
    "hoofdaannemer_naam": "Hoofd BV",
    "gedeclareerd_eur": Decimal("120000.50"),
    "peer_gedeclareerd_eur": Decimal("90000.00"),
    "aantal_clienten": 40,
    "peer_aantal_clienten": 35.0,
    "euro_per_client": Decimal("3000.01"),
    "peer_euro_per_client": Decimal("2571.43"),
    "realisatiegraad": 0.93,
    "peer_realisatiegraad": 0.88,
    "groei": 0.12,
    "peer_groei": 0.03,
    "uren": 2100.0,
}


def _samengesteld(
    profiel: dict[str, Any] = PROFIELRIJ,
    gegenereerd_op: datetime = datetime(2026, 1, 1),
    **frames: pl.DataFrame,
) -> CmProfiel:
    """cm_rapport.stel_samen for provider 11112222 in 2025; frames not given are empty."""
    leeg = pl.DataFrame()
    return cm_rapport.stel_samen(
        aanbieder="11112222",
        jaar=2025,
        profiel=profiel,
        per_maand=frames.get("per_maand", leeg),
        mix=frames.get("mix", leeg),
        signalen=frames.get("signalen", leeg),
        onderaannemers=frames.get("onderaannemers", leeg),
        gegenereerd_op=gegenereerd_op,
        gegevens_tot=None,
    )


def test_cm_profiel_uit_de_frames() -> None:
    maanden = pl.DataFrame(
        {
            "maand": [date(2025, 1, 1), date(2025, 2, 1)],
            "gedeclareerd_eur": [10_000.0, 11_000.0],
            "aantal_clienten": [30, 31],
            "uren": [170.0, 180.0],
        }
    )
    mix = pl.DataFrame(
        {
            "perceel": ["Begeleiding"],
            "intensiteit": [2],
            "gedeclareerd_eur": [120_000.5],
            "aandeel_eur": [1.0],
            "peer_aandeel_eur": [0.8],
        }
    )
    signalen = pl.DataFrame(
        {
            "indicator": ["S1"],
            "indicator_naam": ["Spookzorg"],
            "categorie": ["rechtmatigheid"],
            "gemarkeerd": [1],
            "financieel_belang": [5_000.0],
            "toelichting": ["uitleg"],
        }
    )
    onder = pl.DataFrame(
        {"aanbieder_agb": ["87654321"], "naam": ["Onder BV"], "gedeclareerd_eur": [1_000.0]}
    )
    gemaakt = datetime(2026, 1, 2, 3, 4)
    profiel = _samengesteld(
        per_maand=maanden, mix=mix, signalen=signalen, onderaannemers=onder, gegenereerd_op=gemaakt
    )
    assert profiel.peergroep == "7 andere aanbieders met hoofdperceel Begeleiding"
    assert profiel.hoofdaannemer == "Hoofd BV (12345678)"
    assert [k.label for k in profiel.kerncijfers][:2] == ["Gedeclareerd", "Cliënten"]
    assert profiel.kerncijfers[0].waarde == Decimal("120000.50")
    assert profiel.kerncijfers[-1].peers is None
    assert [m.maand.month for m in profiel.per_maand] == [1, 2]
    assert profiel.signalen[0].gemarkeerd is True
    assert profiel.onderaannemers[0].naam == "Onder BV"
    assert profiel.gegenereerd_op == gemaakt
    assert cm_rapport.html_bytes(profiel).decode("utf-8").startswith("<!DOCTYPE html>")


def test_cm_profiel_zonder_signalen_en_hoofdaannemer() -> None:
    rij = {**PROFIELRIJ, "hoofdaannemer_agb": None, "aantal_peers": None, "percelen": None}
    profiel = _samengesteld(rij)
    assert profiel.hoofdaannemer is None
    assert profiel.percelen == ""
    assert profiel.peergroep.startswith("0 andere aanbieders")
    assert profiel.signalen == [] and profiel.per_maand == []


def test_prognose_met_decimal_gelijk_aan_float() -> None:
    maanden = [date(2024, m, 1) for m in range(1, 13)] + [date(2025, m, 1) for m in range(1, 7)]
    bedragen = ["100.10"] * 6 + ["200.20"] * 6 + ["110.11"] * 6
    als_float = pl.DataFrame({"maand": maanden, "gedeclareerd_eur": [float(b) for b in bedragen]})
    als_decimal = pl.DataFrame(
        {"maand": maanden, "gedeclareerd_eur": [Decimal(b) for b in bedragen]},
        schema={"maand": pl.Date, "gedeclareerd_eur": pl.Decimal(18, 2)},
    )
    f = bereken_prognose(als_float, 2025, 3.0)
    d = bereken_prognose(als_decimal, 2025, 3.0)
    assert f is not None and d is not None
    assert d.prognose_jaar_eur == pytest.approx(f.prognose_jaar_eur)
    assert d.methode == f.methode
    assert all(isinstance(r["gedeclareerd_eur"], float) for r in d.per_maand)
    # A frame of realised and forecast months together (what the chart builds).
    assert pl.DataFrame(d.per_maand).height == 12
