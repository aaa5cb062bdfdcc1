"""The dashboard's four roles, one list for the CLI and the dashboard.

A user's role is one of these (pipelines/beheeropslag/gebruikers.py checks it, the database
too); the dashboard takes it from the logged-in user. What a role may read is decided by
sql/rollen.sql (one schema per role, `rol_<rol>`, published as the role's own file); which pages
it sees by dashboard/roles.py.
"""

from __future__ import annotations

from typing import Final

TOEZICHT: Final = "toezicht"
CONTRACTMANAGEMENT: Final = "contractmanagement"
CONTROL: Final = "control"
# Beheer manages users, reads the audit log, uploads files and sees the load report; no
# figures about providers or clients.
BEHEER: Final = "beheer"
ROLLEN: Final = (TOEZICHT, CONTRACTMANAGEMENT, CONTROL, BEHEER)
STANDAARD_ROL: Final = TOEZICHT

ROL_NAAM: Final = {
    TOEZICHT: "Toezicht",
    CONTRACTMANAGEMENT: "Contractmanagement",
    CONTROL: "Control",
    BEHEER: "Beheer",
}


class OnbekendeRol(ValueError):
    """A role name that is not one of ROLLEN; the CLI and the app refuse to start."""


def rol_uit(tekst: str, herkomst: str = "") -> str:
    """The role named by `tekst` (case and surrounding spaces ignored), or OnbekendeRol.

    `herkomst` says in the message where the name came from, e.g. " in SIGNAALMONITOR_ROL".
    """
    rol = tekst.strip().lower()
    if rol not in ROLLEN:
        raise OnbekendeRol(f"Onbekende rol '{rol}'{herkomst}; kies uit: {', '.join(ROLLEN)}.")
    return rol


def schema(rol: str) -> str:
    """The role's schema in the database (sql/rollen.sql): its only search_path."""
    if rol not in ROLLEN:
        raise OnbekendeRol(f"Onbekende rol '{rol}'.")
    return f"rol_{rol}"
