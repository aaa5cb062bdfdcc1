"""Audit rows for every look at, and every download of, client-level evidence.

Pages call `bekeken()` *before* they render evidence rows (no record, no evidence: when the row
cannot be written the call raises and nothing is shown). One row per session per view of the
same evidence (kind, subject, number of rows): Streamlit reruns the whole page on every widget
click, and a row per rerun would bury the real looks in noise; a different signal, a changed
number of rows (a new run) or a new session writes a new row.

A download button's file is built only when it is clicked (formatting.excel_download builds it
deferred): `bij_download()` returns the callback that writes the EXPORT_GEDOWNLOAD row at that
click, before the file is built. The user is taken when the button is drawn, because the click
is served outside the page's script run.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import roles, sessie
from pipelines.beheeropslag import audit as auditlog

_GELOGD = "_signaalmonitor_bewijs_gelogd"

# What was looked at, as the audit log names it (the onderwerp is the signal, gemeente, ...).
BEWIJSREGELS = "bewijsregels"
PER_GEMEENTE = "signaal per gemeente"
VORDERINGSOVERZICHT = "vorderingsoverzicht"
TOEGANGSSIGNALEN = "signalen van de toegang"
QUARANTAINE = "quarantaine"


def _wie() -> tuple[str | None, str]:
    """The logged-in user and role; without a login (not yet built) the server's role."""
    gebruiker = sessie.huidige_gebruiker()
    if gebruiker is not None:
        return gebruiker.naam, gebruiker.rol
    return None, roles.actieve_rol()


def bekeken(soort: str, onderwerp: str, aantal_rijen: int) -> None:
    """Record that the logged-in user sees `aantal_rijen` evidence rows of `soort`/`onderwerp`."""
    gelogd: set[tuple[str, str, int]] = st.session_state.setdefault(_GELOGD, set())
    sleutel = (soort, onderwerp, aantal_rijen)
    if sleutel in gelogd:
        return
    naam, rol = _wie()
    auditlog.schrijf(
        auditlog.BEWIJS_BEKEKEN,
        gebruiker=naam,
        rol=rol,
        onderwerp=onderwerp,
        aantal_rijen=aantal_rijen,
        toelichting=soort,
    )
    gelogd.add(sleutel)


def bij_download(exportnaam: str, aantal_rijen: int) -> Callable[[], None]:
    """The callback for a download of evidence: one EXPORT_GEDOWNLOAD row per click."""
    naam, rol = _wie()

    def _schrijf() -> None:
        auditlog.schrijf(
            auditlog.EXPORT_GEDOWNLOAD,
            gebruiker=naam,
            rol=rol,
            onderwerp=exportnaam,
            aantal_rijen=aantal_rijen,
        )

    return _schrijf
