"""Who is logged in to this browser session, and the audit rows the pages write for them.

The login (see the login page) puts a `Gebruiker` in st.session_state; everything else asks
here. Pages that show client-level evidence call `audit()` *before* they render it: when the
row cannot be written, the evidence is not shown (no record, no evidence).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Final

import streamlit as st

from dashboard import sso
from pipelines.beheeropslag import audit as auditlog
from pipelines.beheeropslag import gebruikers

SESSIE_SLEUTEL = "_signaalmonitor_gebruiker"
# Monotonic seconds of the last rerun of this session (any click), for the idle timeout.
ACTIVITEIT_SLEUTEL = "_signaalmonitor_laatst_actief"
# Why the last session ended (shown once on the login page).
MELDING_SLEUTEL = "_signaalmonitor_sessiemelding"
SESSIEDUUR_ENV: Final = "SIGNAALMONITOR_SESSIEDUUR_MINUTEN"
STANDAARD_SESSIEDUUR_MINUTEN: Final = 30

SESSIE_VERLOPEN_MELDING: Final = (
    "Uw sessie is verlopen omdat u een tijd niets hebt gedaan. Log opnieuw in."
)
NIET_MEER_ACTIEF_MELDING: Final = (
    "U bent uitgelogd: uw account is geblokkeerd of bestaat niet meer."
)


@dataclass(frozen=True)
class Gebruiker:
    naam: str
    rol: str
    # Logged in with the organisation account (dashboard/sso.py): re-checked against st.user,
    # and logging out also ends Streamlit's identity cookie.
    organisatie_account: bool = False


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


def sessieduur_seconden() -> float:
    """Idle minutes before a session ends ($SIGNAALMONITOR_SESSIEDUUR_MINUTEN, default 30)."""
    tekst = os.environ.get(SESSIEDUUR_ENV, "").strip()
    try:
        minuten = float(tekst) if tekst else STANDAARD_SESSIEDUUR_MINUTEN
    except ValueError:
        minuten = STANDAARD_SESSIEDUUR_MINUTEN
    return max(minuten, 1.0) * 60


def meld_aan(account: gebruikers.Account) -> None:
    """Start the session for a user the store just accepted (login page, single sign-on)."""
    st.session_state[SESSIE_SLEUTEL] = Gebruiker(account.naam, account.rol)
    st.session_state[ACTIVITEIT_SLEUTEL] = time.monotonic()
    st.session_state.pop(MELDING_SLEUTEL, None)


def meld_aan_met_organisatie_account(aanmelding: sso.Aanmelding) -> None:
    """Start the session for an identity dashboard/sso.py accepted (its audit row is written)."""
    assert aanmelding.naam is not None and aanmelding.rol is not None
    st.session_state[SESSIE_SLEUTEL] = Gebruiker(
        aanmelding.naam, aanmelding.rol, organisatie_account=True
    )
    st.session_state[ACTIVITEIT_SLEUTEL] = time.monotonic()
    st.session_state.pop(MELDING_SLEUTEL, None)


def meld_af(actie: str = auditlog.UITLOGGEN, melding: str | None = None) -> None:
    """End the session with an audit row (uitloggen, sessie verlopen, geblokkeerd)."""
    gebruiker = huidige_gebruiker()
    if gebruiker is not None:
        auditlog.schrijf(actie, gebruiker=gebruiker.naam, rol=gebruiker.rol)
    for sleutel in list(st.session_state.keys()):
        # Everything of the session goes: filters, page state, cached choices.
        del st.session_state[sleutel]
    if melding:
        st.session_state[MELDING_SLEUTEL] = melding
    if gebruiker is not None and gebruiker.organisatie_account:
        # Without this the identity cookie would log the same person in again at once (also
        # after the idle timeout). Streamlit then sends the browser to the provider's logout.
        st.logout()


def controleer_sessie(nu: float | None = None) -> Gebruiker | None:
    """The logged-in user for this rerun, or None (then only the login page is served).

    On every rerun: the idle timeout, and a cheap look in the user store, so blocking a user
    or changing a role takes effect at the next click (the role always comes from the store,
    or for the organisation account from the same rule as at its login: dashboard/sso.py).
    """
    gebruiker = huidige_gebruiker()
    if gebruiker is None:
        return None
    moment = time.monotonic() if nu is None else nu
    laatst = st.session_state.get(ACTIVITEIT_SLEUTEL)
    if isinstance(laatst, float) and moment - laatst > sessieduur_seconden():
        meld_af(auditlog.SESSIE_VERLOPEN, SESSIE_VERLOPEN_MELDING)
        return None
    if gebruiker.organisatie_account:
        rol = _rol_van_organisatie_account(gebruiker.naam)
    else:
        account = gebruikers.actief_account(gebruiker.naam)
        rol = account.rol if account is not None else None
    if rol is None:
        meld_af(auditlog.UITLOGGEN, NIET_MEER_ACTIEF_MELDING)
        return None
    if rol != gebruiker.rol:
        gebruiker = Gebruiker(gebruiker.naam, rol, gebruiker.organisatie_account)
        st.session_state[SESSIE_SLEUTEL] = gebruiker
    st.session_state[ACTIVITEIT_SLEUTEL] = moment
    return gebruiker


def _rol_van_organisatie_account(naam: str) -> str | None:
    """The role of a single sign-on session now, or None when it has no access any more.

    The same decision as at login: still logged in with the provider, the claim still names a
    role (or the store still has the user with a role), not blocked, still the same person.
    """
    try:
        instelling = sso.instelling()
    except sso.SsoInstellingFout:
        return None
    if instelling is None:
        return None
    aanmelding = sso.herbevestig(naam, sso.claims(), instelling, sso.zoek_account)
    return aanmelding.rol if aanmelding.gelukt else None
