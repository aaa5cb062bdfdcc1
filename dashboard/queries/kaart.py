"""Queries for the Kaart page (app_pages/kaart.py): figures per gemeente for one year and perceel.

The role views `kaart` and `kaart_onrechtmatig` (sql/rollen.sql, block "#13 kaart") already
carry the small-cell suppression of contractmanagement and control; this module only filters
and, for the hard onrechtmatige euros, leaves out the signals the role may not see now.
"""

from __future__ import annotations

import polars as pl

from dashboard import roles
from dashboard.queries.verbinding import gecachet, lees
from dashboard.queries.werkvoorraad import verborgen_signalen


@gecachet
def per_gemeente(rol: str, dataversie: str, jaar: int, perceel: str | None) -> pl.DataFrame:
    """One row per gemeente of the region with declarations in `jaar` (perceel None = all)."""
    return lees(
        rol,
        ("kaart",),
        """
        select gemeentecode, naam, inwoners, aantal_clienten, gedeclareerd_eur,
            clienten_per_1000_inwoners, eur_per_client, groei_clienten, groei_gedeclareerd,
            is_afgeschermd, clienten_weergave
        from kaart
        where jaar = $jaar and perceel is not distinct from $perceel
        order by gemeentecode
        """,
        {"jaar": jaar, "perceel": perceel},
    )


@gecachet
def regio_gemeenten(rol: str, dataversie: str) -> pl.DataFrame:
    """Every gemeente with declarations in any year (gemeentecode, naam): the region, which
    the map highlights."""
    return lees(
        rol,
        ("kaart",),
        "select gemeentecode, any_value(naam) as naam from kaart group by 1 order by 1",
    )


def ziet_onrechtmatig(rol: str) -> bool:
    """Whether the role sees flagged (hard onrechtmatige) euros at all: not control."""
    return roles.mag_lezen(rol, "kaart_onrechtmatig")


@gecachet
def onrechtmatig_per_gemeente(
    rol: str, dataversie: str, jaar: int, perceel: str | None
) -> pl.DataFrame:
    """Hard onrechtmatige euros of flagged rule signals per gemeente, without the signals the
    role may not see now; empty (None) for a gemeente where any part is suppressed, because a
    sum without that part would look complete."""
    return lees(
        rol,
        ("kaart_onrechtmatig",),
        """
        select gemeentecode,
            if(bool_or(is_afgeschermd), null, sum(onrechtmatig_eur)) as onrechtmatig_eur,
            bool_or(is_afgeschermd) as is_afgeschermd
        from kaart_onrechtmatig
        where jaar = $jaar and ($perceel is null or perceel = $perceel)
            and not list_contains(cast($verborgen as varchar[]), signaal_id)
        group by gemeentecode
        order by gemeentecode
        """,
        {"jaar": jaar, "perceel": perceel, "verborgen": verborgen_signalen(rol)},
    )
