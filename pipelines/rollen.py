"""The dashboard's four roles, one list for the CLI and the dashboard.

`signaalmonitor dashboard --rol ROL` checks the name here and passes it to the app in
$SIGNAALMONITOR_ROL (`settings.ROL_ENV`); the app checks it again with the same function.
What a role may read is decided by sql/rollen.sql (one schema per role, `rol_<rol>`); which
pages it sees by dashboard/roles.py.
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
