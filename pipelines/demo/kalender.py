"""Dates in the demo generator: month arithmetic, and days since 1970 as integers.

The vectorised parts (declaration lines) work on day numbers (`dag`) and month numbers
(months since January 1970) in numpy arrays; `datums` turns day numbers back into a polars
Date column for writing.
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import polars as pl

EPOCH = dt.date(1970, 1, 1)


def dag(datum: dt.date | None, standaard: int) -> int:
    """Day number of a date; `standaard` stands in for an open (None) date."""
    return standaard if datum is None else (datum - EPOCH).days


def dagen(aantal: np.integer | int) -> dt.timedelta:
    return dt.timedelta(days=int(aantal))


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    m = datum.month - 1 + maanden
    jaar, maand = datum.year + m // 12, m % 12 + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def maandeinde(datum: dt.date) -> dt.date:
    return datum.replace(day=calendar.monthrange(datum.year, datum.month)[1])


def maandnummer(datum: dt.date) -> int:
    return (datum.year - 1970) * 12 + datum.month - 1


def maand_naar_datum(maand: int) -> dt.date:
    return dt.date(1970 + maand // 12, maand % 12 + 1, 1)


def maanden(dagnummers: np.ndarray) -> np.ndarray:
    """Month number of each day number."""
    return dagnummers.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def maand_begin(maandnummers: np.ndarray) -> np.ndarray:
    """Day number of the first day of each month number."""
    return maandnummers.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def datums(dagnummers: np.ndarray) -> pl.Series:
    return pl.Series(dagnummers.astype(np.int32)).cast(pl.Date)


def willekeurige_dag(jaar: int, rng: np.random.Generator) -> dt.date:
    return dt.date(jaar, 1, 1) + dagen(rng.integers(0, 365))
