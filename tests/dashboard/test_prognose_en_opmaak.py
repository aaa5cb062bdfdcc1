"""Pure helpers: the forecast and Dutch number formatting."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard.prognose import bereken_prognose
from pipelines import opmaak as fmt


def _maanden(jaar: int, bedragen: list[float]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "maand": [date(jaar, m + 1, 1) for m in range(len(bedragen))],
            "gedeclareerd_eur": bedragen,
        }
    )


def test_prognose_volgt_seizoen_van_vorig_jaar() -> None:
    vorig = _maanden(2024, [100.0] * 6 + [200.0] * 6)
    dit = _maanden(2025, [110.0] * 6)
    uitkomst = bereken_prognose(pl.concat([vorig, dit]), 2025, index_pct=3.0)
    assert uitkomst is not None
    assert uitkomst.gerealiseerd_eur == pytest.approx(660)
    assert uitkomst.prognose_jaar_eur == pytest.approx(660 + 6 * 200 * 1.1)
    assert uitkomst.prognose_volgend_jaar_eur == pytest.approx(uitkomst.prognose_jaar_eur * 1.03)


def test_prognose_zonder_vorig_jaar_gebruikt_gemiddelde() -> None:
    uitkomst = bereken_prognose(_maanden(2025, [100.0, 300.0]), 2025, 0.0, volumegroei_pct=10)
    assert uitkomst is not None
    assert uitkomst.prognose_jaar_eur == pytest.approx(400 + 10 * 200)
    assert uitkomst.prognose_volgend_jaar_eur == pytest.approx(2400 * 1.1)


def test_prognose_zonder_gegevens() -> None:
    assert bereken_prognose(_maanden(2024, [1.0]), 2025, 3.0) is None


def test_compleet_jaar_is_realisatie() -> None:
    uitkomst = bereken_prognose(_maanden(2025, [10.0] * 12), 2025, 2.0)
    assert uitkomst is not None and uitkomst.prognose_jaar_eur == pytest.approx(120)


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [(1234567.891, "€ 1.234.568"), (-950, "−€ 950"), (None, "–"), (0.4, "€ 0")],
)
def test_euro(waarde: float | None, tekst: str) -> None:
    assert fmt.euro(waarde) == tekst


def test_procent_en_kort() -> None:
    assert fmt.procent(0.155) == "15,5%"
    assert fmt.procent(0.1, teken=True) == "+10,0%"
    assert fmt.euro_kort(2_640_000) == "€ 2,6 mln"
    assert fmt.euro_kort(45_600) == "€ 46 dzd"
    assert fmt.getal(1234.5, 1) == "1.234,5"


@pytest.mark.parametrize(
    ("verandering", "pijl"),
    [(-0.027, "down"), (0.027, "up"), (-0.0004, "off"), (0.0, "off"), (None, "off")],
)
def test_pijl_volgt_het_teken_zoals_het_getoond_wordt(verandering: float | None, pijl: str) -> None:
    from dashboard.formatting import pijl as kies_pijl

    # opmaak writes a real minus sign, which Streamlit's own arrow takes for a rise.
    assert kies_pijl(verandering) == pijl
