"""The werkvoorraad for the dashboard: beoordelingen, their history, settings, hidden signals.

All of it lives in the beheeropslag (pipelines/beheeropslag/werkvoorraad.py), not in DuckDB:
the role's data file is published at run time, while a status changes any moment. So the live
status is applied when reading: `verborgen_signalen(rol)` is the list of signal ids a query must
leave out for that role (contractmanagement does not see signals in investigation or handed
over, unless beheer allows it), and `versie()` is part of every cache key (see
`verbinding.dataversie`), so a new status shows at once on every page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import polars as pl

from dashboard import roles, sessie
from dashboard.roles import GeenToegang
from pipelines import privacy
from pipelines.beheeropslag import werkvoorraad
from pipelines.beheeropslag.opslag import verbinding as beheerverbinding
from pipelines.beheeropslag.werkvoorraad import OvergangGeweigerd as OvergangGeweigerd


def versie() -> str:
    """Changes with every beoordeling and setting (cheap: two max() on small tables)."""
    return werkvoorraad.versie()


def verborgen_signalen(rol: str) -> list[str]:
    """Signal ids `rol` must not see now: for contractmanagement those in investigation."""
    if rol != roles.CONTRACTMANAGEMENT or werkvoorraad.cm_ziet_signalen_in_onderzoek():
        return []
    return werkvoorraad.signalen_in_behandeling()


def status_per_signaal() -> pl.DataFrame:
    """The current state of every signal that left 'nieuw' (toezicht's ranking and lists)."""
    rijen = werkvoorraad.alle()
    return pl.DataFrame(
        {
            "signaal_id": [b.signaal_id for b in rijen],
            "status": [b.status for b in rijen],
            "toegewezen_aan": [b.toegewezen_aan for b in rijen],
        },
        schema={"signaal_id": pl.String, "status": pl.String, "toegewezen_aan": pl.String},
    )


def huidige(signaal_id: str) -> werkvoorraad.Beoordeling | None:
    return werkvoorraad.huidige(signaal_id)


def historie(signaal_id: str) -> pl.DataFrame:
    """Every change of one signal, newest first, as a table for the page (amounts as text)."""
    regels = werkvoorraad.historie(signaal_id)
    return pl.DataFrame(
        {
            "tijdstip": [r.tijdstip for r in regels],
            "door": [r.gebruiker for r in regels],
            "van_status": [r.van_status for r in regels],
            "naar_status": [r.naar_status for r in regels],
            "toegewezen_aan": [r.toegewezen_aan for r in regels],
            "terugvordering": [
                werkvoorraad.centen_als_tekst(r.terugvordering_cent) for r in regels
            ],
            "notitie": [r.notitie for r in regels],
        },
        schema=dict.fromkeys(
            (
                "tijdstip",
                "door",
                "van_status",
                "naar_status",
                "toegewezen_aan",
                "terugvordering",
                "notitie",
            ),
            pl.String,
        ),
    )


def precisie(indicator: str) -> werkvoorraad.Precisie:
    return werkvoorraad.precisie().get(indicator, werkvoorraad.Precisie(indicator, 0, 0))


def toezichthouders() -> list[str]:
    """Names a signal can be assigned to: unblocked toezicht users, when the user store exists.

    Empty when there is no user store yet (the page then offers a free text field).
    """
    try:
        with beheerverbinding() as con:
            rijen = con.execute(
                "select naam from gebruikers where rol = ? and not is_geblokkeerd order by naam",
                [roles.TOEZICHT],
            ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [str(r[0]) for r in rijen]


def _bestaande_sleutel() -> bytes | None:
    """The pseudonymisation key if this machine already has a usable one (never creates one)."""
    try:
        return privacy.load_key(maak_aan=False)
    except (privacy.SleutelOngeschikt, OSError):
        return None


def scrubber(rol: str) -> Callable[[str | None], str | None]:
    """The BSN scrubber for text typed in the dashboard.

    With the key the database was built with, a BSN becomes the client's pseudonym (the note
    then points at the same client as the evidence rows); otherwise it is removed. The
    fingerprint of that key is in the beheeropslag (recorded by every `run`); the dashboard
    reads only role files, which do not hold it. Without a recorded fingerprint (no run since
    this version) the key cannot be confirmed, and the safe choice is removal.
    """
    sleutel = _bestaande_sleutel()
    if sleutel is None:
        return privacy.verwijder_bsn
    pseudo = privacy.Pseudonimiseerder(sleutel)
    if werkvoorraad.sleutel_vingerafdruk() == pseudo.fingerprint:
        return pseudo.scrub
    return privacy.verwijder_bsn


def bewaar(
    rol: str,
    signaal: dict[str, Any],
    naar_status: str,
    *,
    toegewezen_aan: str | None,
    terugvordering: str | None,
    notitie: str | None,
    beoordelaar: str | None = None,
) -> werkvoorraad.Beoordeling:
    """Store one step of the werkvoorraad for the logged-in toezicht user.

    The name recorded is the logged-in user's; without a login (before the login page exists,
    or in tests) the name typed in the form, scrubbed like the note.
    """
    if not roles.mag_beoordelen(rol) or rol != roles.actieve_rol():
        raise GeenToegang("Alleen toezicht kan een signaal beoordelen.")
    gebruiker = sessie.huidige_gebruiker()
    return werkvoorraad.wijzig(
        str(signaal["signaal_id"]),
        naar_status,
        gebruiker=gebruiker.naam if gebruiker else beoordelaar,
        rol=rol,
        toegewezen_aan=toegewezen_aan,
        terugvordering_cent=werkvoorraad.bedrag_in_centen(terugvordering),
        notitie=notitie,
        indicator_code=signaal.get("indicator"),
        aanbieder_agb=signaal.get("aanbieder_agb"),
        jaar=signaal.get("jaar"),
        scrub=scrubber(rol),
    )


def cm_ziet_signalen_in_onderzoek() -> bool:
    return werkvoorraad.cm_ziet_signalen_in_onderzoek()


def zet_cm_ziet_signalen_in_onderzoek(rol: str, ziet: bool) -> None:
    if rol != roles.BEHEER or rol != roles.actieve_rol():
        raise GeenToegang("Alleen beheer kan instellingen wijzigen.")
    gebruiker = sessie.huidige_gebruiker()
    werkvoorraad.zet_instelling(
        werkvoorraad.INSTELLING_CM_ZIET_IN_ONDERZOEK,
        "ja" if ziet else "nee",
        gebruiker=gebruiker.naam if gebruiker else None,
        rol=rol,
    )
