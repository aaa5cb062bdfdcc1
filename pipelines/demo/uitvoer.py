"""Writing the region: contract column order, one CSV format, Dutch numbers in texts."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.contract import TABELLEN


def kolommen(tabel: str) -> list[str]:
    """Contract column order, with the raw `bsn` in the client column."""
    return ["bsn" if k == "client_id" else k for k in TABELLEN[tabel].kolomnamen]


def schrijf(df: pl.DataFrame, pad: Path) -> None:
    # Two decimals for every float: euros, tariffs and volumes (hours to the quarter).
    df.write_csv(pad, float_precision=2, date_format="%Y-%m-%d")


def getal(aantal: int) -> str:
    """Dutch thousands separator: 12.345."""
    return f"{aantal:,}".replace(",", ".")


def euro(centen: int) -> str:
    euros, cent = divmod(int(centen), 100)
    return f"€ {getal(euros)},{cent:02d}"
