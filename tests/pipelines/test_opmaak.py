"""Dutch number and date text (pipelines/opmaak.py): one module for every Python caller."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pipelines import opmaak

MIN = "\u2212"


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        (1234567.891, 0, "€ 1.234.568"),
        (1234567.891, 2, "€ 1.234.567,89"),
        (-86992.4, 0, f"{MIN}€ 86.992"),
        (Decimal("-86992.40"), 2, f"{MIN}€ 86.992,40"),
        (Decimal("1234"), 0, "€ 1.234"),
        (950, 0, "€ 950"),
        (0.4, 0, "€ 0"),
        # Rounded to zero, so no minus: the old text was "−€ 0".
        (-0.4, 0, "€ 0"),
        (Decimal("-0.004"), 2, "€ 0,00"),
        (None, 0, "–"),
        (float("nan"), 0, "–"),
        (Decimal("NaN"), 2, "–"),
    ],
)
def test_euro(waarde: float | Decimal | None, decimalen: int, tekst: str) -> None:
    assert opmaak.euro(waarde, decimalen) == tekst


def test_decimal_wordt_niet_via_float_afgerond() -> None:
    # 1.015 as a float is 1.01499…; as a Decimal it is a tie, rounded half away from zero
    # like the SQL macros (euro_tekst, bedrag_op_centen) do.
    assert opmaak.euro(Decimal("1.015"), 2) == "€ 1,02"
    assert opmaak.euro(Decimal("1.025"), 2) == "€ 1,03"
    assert opmaak.euro(Decimal("-1.025"), 2) == f"{MIN}€ 1,03"
    assert opmaak.euro(1.015, 2) == "€ 1,01"
    # Large amounts keep every digit (no float on the way).
    assert opmaak.euro(Decimal("12345678901234567.89"), 2) == "€ 12.345.678.901.234.567,89"
    assert opmaak.getal(10**17 + 1) == "100.000.000.000.000.001"


def test_getal_met_echt_minteken() -> None:
    assert opmaak.getal(1234.5, 1) == "1.234,5"
    assert opmaak.getal(-1234) == f"{MIN}1.234"
    assert opmaak.getal(-0.2) == "0"
    assert "-" not in opmaak.getal(-5) + opmaak.euro(-5) + opmaak.procent(-0.05)


def test_procent() -> None:
    assert opmaak.procent(0.155) == "15,5%"
    assert opmaak.procent(Decimal("0.125")) == "12,5%"
    assert opmaak.procent(0.1, teken=True) == "+10,0%"
    assert opmaak.procent(-0.032, teken=True) == f"{MIN}3,2%"
    assert opmaak.procent(0.00001, teken=True) == "0,0%"
    assert opmaak.procent(None) == "–"


def test_euro_kort() -> None:
    assert opmaak.euro_kort(2_640_000) == "€ 2,6 mln"
    assert opmaak.euro_kort(Decimal("-2640000.00")) == f"{MIN}€ 2,6 mln"
    assert opmaak.euro_kort(45_600) == "€ 46 dzd"
    assert opmaak.euro_kort(9_999.4) == "€ 9.999"
    assert opmaak.euro_kort(None) == "–"


def test_datums() -> None:
    assert opmaak.datum(date(2025, 2, 1)) == "01-02-2025"
    assert opmaak.datum_tijd(datetime(2025, 2, 1, 9, 5)) == "01-02-2025 09:05"
    assert opmaak.maand(date(2025, 2, 1)) == "feb 2025"
    assert opmaak.maand(date(2025, 3, 1), voluit=True) == "maart 2025"
    assert opmaak.datum(None) == opmaak.maand(None) == opmaak.datum_tijd(None) == "–"
