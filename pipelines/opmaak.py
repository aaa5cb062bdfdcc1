"""Dutch text for numbers, amounts, shares and dates: the one home for every Python caller.

`€ 1.234`, `12,5%`, `−€ 86.992`, `1.234.567,8`, `01-02-2025`, `feb 2025`. A negative value gets
a real minus sign (U+2212), never a hyphen, and only when it is still negative after rounding
(−0,4 → `€ 0`). Values may be int, float or Decimal (money is DECIMAL from the database):
a Decimal is rounded as a decimal number, not through a float, so € 1,015 at two decimals is
`€ 1,02`; ties go to the even digit for every type, as Python's own formatting does. None and
NaN read as `–`.

SQL builds its own texts with the macros in sql/ (e.g. `euro_tekst`); this module is for
Python: the dashboard, the CM-gesprek exports and the CLI.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

Getal = int | float | Decimal

LEEG = "–"
MIN = "\u2212"
MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAANDEN_VOLUIT = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def is_leeg(waarde: object) -> bool:
    """None or NaN (float or Decimal): shown as `–`, written as an empty cell."""
    if waarde is None:
        return True
    if isinstance(waarde, float):
        return math.isnan(waarde)
    if isinstance(waarde, Decimal):
        return waarde.is_nan()
    return False


def _afgerond(waarde: Getal, decimalen: int) -> Decimal | float:
    """The value rounded to `decimalen` places, in its own arithmetic (no float for Decimal).

    Money (Decimal) rounds half away from zero, as the SQL macros (`euro_tekst`,
    `bedrag_op_centen`) do, so a report and a toelichting never differ by a euro.
    """
    if isinstance(waarde, Decimal):
        return waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    if isinstance(waarde, int):
        return Decimal(waarde).quantize(Decimal(1).scaleb(-decimalen))
    return float(f"{waarde:.{decimalen}f}")


def _cijfers(absoluut: Decimal | float, decimalen: int) -> str:
    """1234567.8 → '1.234.567,8': point for thousands, comma for decimals."""
    tekst = f"{absoluut:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def _teken_en_cijfers(waarde: Getal, decimalen: int, plus: bool = False) -> tuple[str, str]:
    """The sign ('−', '+' when asked, or '') and the digits, both decided after rounding."""
    afgerond = _afgerond(waarde, decimalen)
    if afgerond < 0:
        return MIN, _cijfers(-afgerond, decimalen)
    # A negative zero (−0.4 rounded) formats as "-0": no sign for what rounds to zero.
    return ("+" if plus and afgerond > 0 else ""), _cijfers(afgerond, decimalen).lstrip("-")


def getal(waarde: Getal | None, decimalen: int = 0) -> str:
    """1234567.8 → '1.234.568' (decimalen=0) or '1.234.567,8' (decimalen=1); −5 → '−5'."""
    if waarde is None or is_leeg(waarde):
        return LEEG
    teken, cijfers = _teken_en_cijfers(waarde, decimalen)
    return teken + cijfers


def euro(waarde: Getal | None, decimalen: int = 0) -> str:
    """−86992.4 → '−€ 86.992'; decimalen=2 → '−€ 86.992,40'."""
    if waarde is None or is_leeg(waarde):
        return LEEG
    teken, cijfers = _teken_en_cijfers(waarde, decimalen)
    return f"{teken}€ {cijfers}"


def euro_kort(waarde: Getal | None) -> str:
    """Compact amounts for tiles: € 1,2 mln, € 845 dzd, € 950."""
    if waarde is None or is_leeg(waarde):
        return LEEG
    absoluut = -waarde if waarde < 0 else waarde
    if absoluut >= 1_000_000:
        teken, cijfers = _teken_en_cijfers(waarde / 1_000_000, 1)
        return f"{teken}€ {cijfers} mln"
    if absoluut >= 10_000:
        teken, cijfers = _teken_en_cijfers(waarde / 1_000, 0)
        return f"{teken}€ {cijfers} dzd"
    return euro(waarde)


def procent(aandeel: Getal | None, decimalen: int = 1, teken: bool = False) -> str:
    """An aandeel (0–1) as '15,5%'; teken=True adds '+' for growth: '+10,0%', '−3,2%'."""
    if aandeel is None or is_leeg(aandeel):
        return LEEG
    voorteken, cijfers = _teken_en_cijfers(100 * aandeel, decimalen, plus=teken)
    return f"{voorteken}{cijfers}%"


def maand(waarde: date | datetime | None, voluit: bool = False) -> str:
    """date(2025, 2, 1) → 'feb 2025'; voluit=True → 'februari 2025'."""
    if waarde is None:
        return LEEG
    namen = MAANDEN_VOLUIT if voluit else MAANDEN
    return f"{namen[waarde.month - 1]} {waarde.year}"


def datum(waarde: date | datetime | None) -> str:
    """date(2025, 2, 1) → '01-02-2025'."""
    if waarde is None:
        return LEEG
    return waarde.strftime("%d-%m-%Y")


def datum_tijd(waarde: datetime | None) -> str:
    """datetime(2025, 2, 1, 9, 5) → '01-02-2025 09:05'."""
    if waarde is None:
        return LEEG
    return waarde.strftime("%d-%m-%Y %H:%M")


# The unit of an indicator's waarde/referentiewaarde and of its afwijking, as its SQL header
# declares it (`-- eenheid:` and `-- eenheid_afwijking:`): what a tile shows and explains.
INDICATOR_EENHEDEN = {
    "aandeel": "percentage",
    "per_100_clienten": "aantal per 100 cliënten",
    "aantal": "aantal",
    "euro": "euro",
    "z": "z-score",
    "getal": "getal zonder vaste eenheid",
}


def in_eenheid(waarde: Getal | None, eenheid: str | None) -> str:
    """A value in its unit: aandeel 0,155 → '15,5%', per_100_clienten 4,25 → '4,3 per 100
    cliënten', z 6,813 → 'z = 6,8', euro → '€ 1.234'; without a known unit a plain number."""
    if waarde is None or is_leeg(waarde):
        return LEEG
    if eenheid == "aandeel":
        return procent(waarde)
    if eenheid == "per_100_clienten":
        return f"{getal(waarde, 1)} per 100 cliënten"
    if eenheid == "aantal":
        return getal(waarde)
    if eenheid == "euro":
        return euro(waarde)
    if eenheid == "z":
        return f"z = {getal(waarde, 1)}"
    return getal(waarde, 3)
