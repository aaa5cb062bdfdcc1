"""The dashboard's users: Argon2id hashes, roles, blocking and lockout (see schema/0002).

Passwords are hashed with argon2-cffi's PasswordHasher (Argon2id, the library's current
parameters; a hash made with older parameters is replaced at the next good login). A password
is only ever an argument of `voeg_toe`, `wijzig_wachtwoord` and `inloggen`: never stored, never
in the audit log, never in a message.

Lockout: after MAX_MISLUKTE_POGINGEN failures in a row a name is locked for VERGRENDELDUUR.
Names that do not exist are counted the same way (in their own table) and a dummy hash is
verified for them, so the answer, its wording and its time do not tell whether a name exists.
Every change writes its audit row in the same transaction as the change: both or neither.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pipelines import privacy, rollen
from pipelines.beheeropslag import audit
from pipelines.beheeropslag.opslag import transactie, verbinding

MINIMALE_WACHTWOORDLENGTE: Final = 12
# Beyond this a password is surely pasted by mistake; Argon2 would take it, we refuse it.
MAXIMALE_WACHTWOORDLENGTE: Final = 1024
MAXIMALE_NAAMLENGTE: Final = 100
MAX_MISLUKTE_POGINGEN: Final = 5
VERGRENDELDUUR: Final = timedelta(minutes=15)

ONJUIST: Final = "Onbekende naam of onjuist wachtwoord."
VERGRENDELD: Final = (
    "Te veel mislukte pogingen: inloggen met deze naam kan pas over "
    f"{int(VERGRENDELDUUR.total_seconds() // 60)} minuten weer."
)
GEBLOKKEERD: Final = "Dit account is geblokkeerd. Neem contact op met beheer."

_hasher = PasswordHasher()


class GebruikerFout(ValueError):
    """A refused user change; the message is Dutch and names no password."""


@dataclass(frozen=True)
class Account:
    naam: str
    rol: str
    is_geblokkeerd: bool
    vergrendeld_tot: str | None
    aangemaakt_op: str
    aangemaakt_door: str
    gewijzigd_op: str
    gewijzigd_door: str
    laatst_ingelogd_op: str | None


@dataclass(frozen=True)
class Inlogresultaat:
    """`account` is set only on success; `melding` is the Dutch text for the login page."""

    account: Account | None
    melding: str | None

    @property
    def gelukt(self) -> bool:
        return self.account is not None


def _nu(nu: datetime | None) -> datetime:
    return (nu or datetime.now(UTC)).astimezone(UTC)


def _tijd(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@cache
def _dummy_hash() -> str:
    # Verified for names that do not exist, so a wrong name costs as long as a wrong password.
    return _hasher.hash("geen-echt-wachtwoord-alleen-voor-gelijke-rekentijd")


def controleer_naam(naam: str) -> str:
    """The name as stored (surrounding spaces removed), or GebruikerFout with the reason.

    A name is data: it may contain quotes or SQL words (it is always a bound value), but no
    control characters and no BSN.
    """
    schoon = naam.strip()
    if not schoon:
        raise GebruikerFout("Een naam mag niet leeg zijn.")
    if len(schoon) > MAXIMALE_NAAMLENGTE:
        raise GebruikerFout(f"Een naam is hoogstens {MAXIMALE_NAAMLENGTE} tekens.")
    if any(unicodedata.category(teken).startswith("C") for teken in schoon):
        raise GebruikerFout("Een naam mag geen stuurtekens (zoals een regeleinde) bevatten.")
    if privacy.verwijder_bsn(schoon) != schoon:
        raise GebruikerFout("Een naam mag geen BSN bevatten.")
    return schoon


def controleer_wachtwoord(wachtwoord: str, naam: str | None = None) -> None:
    if len(wachtwoord) < MINIMALE_WACHTWOORDLENGTE:
        raise GebruikerFout(f"Een wachtwoord heeft minstens {MINIMALE_WACHTWOORDLENGTE} tekens.")
    if len(wachtwoord) > MAXIMALE_WACHTWOORDLENGTE:
        raise GebruikerFout(f"Een wachtwoord is hoogstens {MAXIMALE_WACHTWOORDLENGTE} tekens.")
    if naam is not None and wachtwoord.strip().casefold() == naam.strip().casefold():
        raise GebruikerFout("Het wachtwoord mag niet gelijk zijn aan de naam.")


def _account(rij: sqlite3.Row) -> Account:
    return Account(
        naam=rij["naam"],
        rol=rij["rol"],
        is_geblokkeerd=bool(rij["is_geblokkeerd"]),
        vergrendeld_tot=rij["vergrendeld_tot"],
        aangemaakt_op=rij["aangemaakt_op"],
        aangemaakt_door=rij["aangemaakt_door"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
        laatst_ingelogd_op=rij["laatst_ingelogd_op"],
    )


def _rij(con: sqlite3.Connection, naam: str) -> sqlite3.Row | None:
    rij: sqlite3.Row | None = con.execute(
        "select * from gebruikers where naam = ?", [naam]
    ).fetchone()
    return rij


def _bestaand(con: sqlite3.Connection, naam: str) -> sqlite3.Row:
    rij = _rij(con, naam)
    if rij is None:
        raise GebruikerFout(f"Er is geen gebruiker '{naam}'.")
    return rij


def lijst(db_pad: str | Path | None = None) -> list[Account]:
    """Every user, by name; no hashes."""
    with verbinding(db_pad) as con:
        return [_account(r) for r in con.execute("select * from gebruikers order by naam")]


def zoek(naam: str, db_pad: str | Path | None = None) -> Account | None:
    with verbinding(db_pad) as con:
        rij = _rij(con, naam)
        return _account(rij) if rij else None


def actief_account(naam: str, db_pad: str | Path | None = None) -> Account | None:
    """The user when it exists and is not blocked: the check on every dashboard rerun."""
    account = zoek(naam, db_pad)
    return account if account and not account.is_geblokkeerd else None


def voeg_toe(
    naam: str,
    rol: str,
    wachtwoord: str,
    *,
    door: str,
    door_rol: str,
    db_pad: str | Path | None = None,
) -> Account:
    naam = controleer_naam(naam)
    rol = rollen.rol_uit(rol)
    controleer_wachtwoord(wachtwoord, naam)
    wachtwoord_hash = _hasher.hash(wachtwoord)
    nu = _tijd(_nu(None))
    with verbinding(db_pad) as con, transactie(con):
        if _rij(con, naam) is not None:
            raise GebruikerFout(f"Er is al een gebruiker '{naam}'.")
        con.execute(
            "insert into gebruikers (naam, rol, wachtwoord_hash, aangemaakt_op, "
            "aangemaakt_door, gewijzigd_op, gewijzigd_door) values (?, ?, ?, ?, ?, ?, ?)",
            [naam, rol, wachtwoord_hash, nu, door, nu, door],
        )
        audit.schrijf_in(
            con,
            audit.GEBRUIKER_TOEGEVOEGD,
            gebruiker=door,
            rol=door_rol,
            onderwerp=naam,
            toelichting=f"rol {rol}",
        )
        return _account(_bestaand(con, naam))


def wijzig_rol(
    naam: str, rol: str, *, door: str, door_rol: str, db_pad: str | Path | None = None
) -> Account:
    rol = rollen.rol_uit(rol)
    with verbinding(db_pad) as con, transactie(con):
        oud = _bestaand(con, naam)
        if oud["rol"] == rol:
            return _account(oud)
        con.execute(
            "update gebruikers set rol = ?, gewijzigd_op = ?, gewijzigd_door = ? where naam = ?",
            [rol, _tijd(_nu(None)), door, naam],
        )
        audit.schrijf_in(
            con,
            audit.ROL_GEWIJZIGD,
            gebruiker=door,
            rol=door_rol,
            onderwerp=oud["naam"],
            toelichting=f"van {oud['rol']} naar {rol}",
        )
        return _account(_bestaand(con, naam))


def zet_geblokkeerd(
    naam: str,
    geblokkeerd: bool,
    *,
    door: str,
    door_rol: str,
    db_pad: str | Path | None = None,
) -> Account:
    """Block or unblock; unblocking also lifts a lockout (beheer vouches for the person)."""
    with verbinding(db_pad) as con, transactie(con):
        oud = _bestaand(con, naam)
        con.execute(
            "update gebruikers set is_geblokkeerd = ?, mislukte_pogingen = 0, "
            "vergrendeld_tot = null, gewijzigd_op = ?, gewijzigd_door = ? where naam = ?",
            [int(geblokkeerd), _tijd(_nu(None)), door, naam],
        )
        audit.schrijf_in(
            con,
            audit.GEBRUIKER_GEBLOKKEERD if geblokkeerd else audit.GEBRUIKER_GEDEBLOKKEERD,
            gebruiker=door,
            rol=door_rol,
            onderwerp=oud["naam"],
        )
        return _account(_bestaand(con, naam))


def wijzig_wachtwoord(
    naam: str,
    wachtwoord: str,
    *,
    door: str,
    door_rol: str,
    db_pad: str | Path | None = None,
) -> Account:
    with verbinding(db_pad) as con:
        oud = _bestaand(con, naam)
    controleer_wachtwoord(wachtwoord, oud["naam"])
    wachtwoord_hash = _hasher.hash(wachtwoord)
    with verbinding(db_pad) as con, transactie(con):
        _bestaand(con, naam)
        con.execute(
            "update gebruikers set wachtwoord_hash = ?, mislukte_pogingen = 0, "
            "vergrendeld_tot = null, gewijzigd_op = ?, gewijzigd_door = ? where naam = ?",
            [wachtwoord_hash, _tijd(_nu(None)), door, naam],
        )
        audit.schrijf_in(
            con, audit.WACHTWOORD_GEWIJZIGD, gebruiker=door, rol=door_rol, onderwerp=oud["naam"]
        )
        return _account(_bestaand(con, naam))


def _naam_hash(naam: str) -> str:
    """What the lockout of an unknown name keeps: the typed text may be a password."""
    return hashlib.sha256(naam.casefold().encode("utf-8")).hexdigest()


def _is_vergrendeld(vergrendeld_tot: str | None, nu: datetime) -> bool:
    return vergrendeld_tot is not None and datetime.fromisoformat(vergrendeld_tot) > nu


def _klopt(wachtwoord_hash: str, wachtwoord: str) -> bool:
    try:
        return _hasher.verify(wachtwoord_hash, wachtwoord)
    except (VerificationError, InvalidHashError):
        return False


def inloggen(
    naam: str,
    wachtwoord: str,
    *,
    db_pad: str | Path | None = None,
    nu: datetime | None = None,
) -> Inlogresultaat:
    """Check a login; `nu` is injectable so tests can step past a lockout without waiting.

    Every outcome writes an audit row. For an unknown name the row names no user: what was
    typed in the name field may well be a password.
    """
    moment = _nu(nu)
    naam = naam.strip()[:MAXIMALE_NAAMLENGTE]
    with verbinding(db_pad) as con:
        rij = _rij(con, naam) if naam else None
        if rij is not None:
            vergrendeld_tot = rij["vergrendeld_tot"]
        else:
            onbekend = con.execute(
                "select vergrendeld_tot from mislukte_inlogpogingen where naam_hash = ?",
                [_naam_hash(naam)],
            ).fetchone()
            vergrendeld_tot = onbekend[0] if onbekend else None
    # Always one Argon2 verification, also for unknown or locked names (same time).
    klopt = _klopt(rij["wachtwoord_hash"] if rij else _dummy_hash(), wachtwoord)
    bekende_naam = rij["naam"] if rij else None
    if _is_vergrendeld(vergrendeld_tot, moment):
        audit.schrijf(
            audit.INLOGGEN_MISLUKT,
            gebruiker=bekende_naam,
            rol=rij["rol"] if rij else None,
            toelichting="naam is tijdelijk vergrendeld"
            if rij
            else "onbekende naam, tijdelijk vergrendeld",
            db_pad=db_pad,
        )
        return Inlogresultaat(None, VERGRENDELD)
    if rij is not None and klopt:
        return _gelukt(rij, wachtwoord, moment, db_pad)
    return _mislukt(naam, rij, moment, db_pad)


def _gelukt(
    rij: sqlite3.Row, wachtwoord: str, moment: datetime, db_pad: str | Path | None
) -> Inlogresultaat:
    if rij["is_geblokkeerd"]:
        audit.schrijf(
            audit.INLOGGEN_MISLUKT,
            gebruiker=rij["naam"],
            rol=rij["rol"],
            toelichting="account is geblokkeerd",
            db_pad=db_pad,
        )
        return Inlogresultaat(None, GEBLOKKEERD)
    nieuwe_hash = (
        _hasher.hash(wachtwoord) if _hasher.check_needs_rehash(rij["wachtwoord_hash"]) else None
    )
    with verbinding(db_pad) as con, transactie(con):
        con.execute(
            "update gebruikers set mislukte_pogingen = 0, vergrendeld_tot = null, "
            "laatst_ingelogd_op = ?, wachtwoord_hash = coalesce(?, wachtwoord_hash) "
            "where naam = ?",
            [_tijd(moment), nieuwe_hash, rij["naam"]],
        )
        audit.schrijf_in(con, audit.INLOGGEN, gebruiker=rij["naam"], rol=rij["rol"])
        return Inlogresultaat(_account(_bestaand(con, rij["naam"])), None)


def _mislukt(
    naam: str,
    rij: sqlite3.Row | None,
    moment: datetime,
    db_pad: str | Path | None,
) -> Inlogresultaat:
    # Constants, never input: the user's row, or the hash of an unknown name.
    tabel_sql = "gebruikers" if rij is not None else "mislukte_inlogpogingen"
    sleutel_sql = "naam" if rij is not None else "naam_hash"
    sleutel = rij["naam"] if rij is not None else _naam_hash(naam)
    with verbinding(db_pad) as con, transactie(con):
        if rij is None:
            con.execute(
                "insert or ignore into mislukte_inlogpogingen (naam_hash) values (?)", [sleutel]
            )
        con.execute(
            f"update {tabel_sql} set mislukte_pogingen = mislukte_pogingen + 1 "
            f"where {sleutel_sql} = ?",
            [sleutel],
        )
        (pogingen,) = con.execute(
            f"select mislukte_pogingen from {tabel_sql} where {sleutel_sql} = ?", [sleutel]
        ).fetchone()
        vergrendelt = pogingen >= MAX_MISLUKTE_POGINGEN
        if vergrendelt:
            con.execute(
                f"update {tabel_sql} set mislukte_pogingen = 0, vergrendeld_tot = ? "
                f"where {sleutel_sql} = ?",
                [_tijd(moment + VERGRENDELDUUR), sleutel],
            )
        gebruiker = rij["naam"] if rij is not None else None
        rol = rij["rol"] if rij is not None else None
        audit.schrijf_in(
            con,
            audit.INLOGGEN_MISLUKT,
            gebruiker=gebruiker,
            rol=rol,
            toelichting="onjuist wachtwoord" if rij is not None else "onbekende naam",
        )
        if vergrendelt:
            audit.schrijf_in(
                con,
                audit.ACCOUNT_VERGRENDELD,
                gebruiker=gebruiker,
                rol=rol,
                toelichting=f"na {MAX_MISLUKTE_POGINGEN} mislukte pogingen, "
                f"{int(VERGRENDELDUUR.total_seconds() // 60)} minuten",
            )
    return Inlogresultaat(None, VERGRENDELD if vergrendelt else ONJUIST)


def status(account: Account, nu: datetime | None = None) -> str:
    """Dutch status for lists: geblokkeerd, tijdelijk vergrendeld (until when) or actief."""
    if account.is_geblokkeerd:
        return "geblokkeerd"
    if _is_vergrendeld(account.vergrendeld_tot, _nu(nu)):
        return f"vergrendeld tot {account.vergrendeld_tot}"
    return "actief"
