"""Who is logged in to this browser session, and the audit rows the pages write for them.

The login (see the login page) puts a `Gebruiker` in st.session_state; everything else asks
here. Pages that show client-level evidence call `audit()` *before* they render it: when the
row cannot be written, the evidence is not shown (no record, no evidence).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from pipelines.beheeropslag import audit as auditlog

SESSIE_SLEUTEL = "_signaalmonitor_gebruiker"


@dataclass(frozen=True)
class Gebruiker:
    naam: str
    rol: str


def huidige_gebruiker() -> Gebruiker | None:
    gebruiker = st.session_state.get(SESSIE_SLEUTEL)
    return gebruiker if isinstance(gebruiker, Gebruiker) else None


def audit(
    actie: str,
    onderwerp: str | None = None,
    aantal_rijen: int | None = None,
    toelichting: str | None = None,
) -> None:
    """Append an audit row for the logged-in user (raises when it cannot be written)."""
    gebruiker = huidige_gebruiker()
    auditlog.schrijf(
        actie,
        gebruiker=gebruiker.naam if gebruiker else None,
        rol=gebruiker.rol if gebruiker else None,
        onderwerp=onderwerp,
        aantal_rijen=aantal_rijen,
        toelichting=toelichting,
    )
