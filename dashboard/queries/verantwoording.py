"""Queries for Verantwoording (app_pages/verantwoording.py): turnover against verantwoording."""

from __future__ import annotations

import duckdb
import polars as pl

from dashboard.queries.verbinding import NietBeschikbaar, gecachet, lees


@gecachet
def verantwoording(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Per provider: regional turnover, required verantwoording and the difference.

    Comes from marts.mart_verantwoording_omzet through the role's table macro, in reading
    order, largest turnover first. In a database built before that mart existed the macro
    cannot bind and the page gets NietBeschikbaar.
    """
    try:
        return lees(
            rol,
            ("verantwoording_omzet()",),
            """
            select
                aanbieder_agb,
                naam,
                omzet_regio_eur,
                vereiste_verantwoording,
                heeft_verantwoording,
                verantwoord_eur,
                verschil_eur,
                verschil_aandeel,
                is_verschil_boven_drempel,
                aantal_gemeenten,
                aantal_gemeenten_verantwoord,
                hoogste_omzet_gemeente_eur,
                omzet_per_gemeente,
                is_afgeschermd
            from verantwoording_omzet()
            where jaar = $jaar
            order by omzet_regio_eur desc nulls last, aanbieder_agb
            """,
            {"jaar": jaar},
        )
    except (duckdb.CatalogException, duckdb.BinderException) as fout:
        raise NietBeschikbaar(
            "De verantwoordingscijfers (mart_verantwoording_omzet) zijn in deze database nog "
            "niet berekend. Draai `signaalmonitor run` met een versie die deze mart bevat."
        ) from fout


@gecachet
def verantwoording_jaren(rol: str, dataversie: str) -> list[int]:
    try:
        df = lees(
            rol,
            ("verantwoording_omzet()",),
            "select distinct jaar from verantwoording_omzet() order by jaar desc",
        )
    except (duckdb.CatalogException, duckdb.BinderException):
        return []
    return [int(j) for j in df["jaar"].to_list()]
