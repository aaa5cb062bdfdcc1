"""Queries for the sidebar (dashboard/filters.py): the years, gemeenten and percelen to choose."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.queries.verbinding import gecachet, lees


@dataclass(frozen=True)
class Filteropties:
    jaren: tuple[int, ...]
    gemeenten: tuple[tuple[str, str], ...]
    percelen: tuple[str, ...]
    regio: str | None = None


@gecachet
def filteropties(rol: str, dataversie: str) -> Filteropties:
    jaren = lees(rol, ("trends",), "select distinct jaar from trends order by jaar desc")
    gemeenten = lees(
        rol,
        ("trends",),
        "select gemeentecode, any_value(gemeente) as gemeente from trends "
        "group by gemeentecode order by gemeente",
    )
    percelen = lees(rol, ("trends",), "select distinct perceel from trends order by perceel")
    regio = lees(
        rol,
        ("gemeenten", "trends"),
        "select mode(g.regio) as regio from gemeenten as g "
        "where g.gemeentecode in (select gemeentecode from trends)",
    )
    return Filteropties(
        tuple(int(j) for j in jaren["jaar"].to_list()),
        tuple(
            zip(gemeenten["gemeentecode"].to_list(), gemeenten["gemeente"].to_list(), strict=True)
        ),
        tuple(percelen["perceel"].to_list()),
        regio["regio"][0] if regio.height else None,
    )
