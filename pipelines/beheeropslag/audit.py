"""Write and read the audit log (append-only; see schema/0001_audit.sql).

Every look at client-level evidence, every export with client rows, every login (also a
failed one), every beoordeling and every user or role change is one row: who, when, what, how
many rows. Free text passes the BSN scrubber; a password is never an argument here.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from pipelines import privacy
from pipelines.beheeropslag.opslag import transactie, verbinding

INLOGGEN: Final = "inloggen"
INLOGGEN_MISLUKT: Final = "inloggen mislukt"
ACCOUNT_VERGRENDELD: Final = "account tijdelijk vergrendeld"
UITLOGGEN: Final = "uitloggen"
SESSIE_VERLOPEN: Final = "sessie verlopen"
BEWIJS_BEKEKEN: Final = "bewijs bekeken"
EXPORT_GEDOWNLOAD: Final = "export gedownload"
BEOORDELING_GEWIJZIGD: Final = "beoordeling gewijzigd"
GEBRUIKER_TOEGEVOEGD: Final = "gebruiker toegevoegd"
ROL_GEWIJZIGD: Final = "rol gewijzigd"
GEBRUIKER_GEBLOKKEERD: Final = "gebruiker geblokkeerd"
GEBRUIKER_GEDEBLOKKEERD: Final = "gebruiker gedeblokkeerd"
WACHTWOORD_GEWIJZIGD: Final = "wachtwoord gewijzigd"
INSTELLING_GEWIJZIGD: Final = "instelling gewijzigd"
BESTAND_GEUPLOAD: Final = "bestand geüpload"
AUDIT_GEEXPORTEERD: Final = "auditlog geëxporteerd"

_BEGIN_KETEN: Final = "0" * 64


@dataclass(frozen=True)
class Auditregel:
    volgnummer: int
    tijdstip: str
    gebruiker: str | None
    rol: str | None
    actie: str
    onderwerp: str | None
    aantal_rijen: int | None
    toelichting: str | None
    keten: str


def _keten(vorige: str, velden: list[object]) -> str:
    inhoud = json.dumps([vorige, *velden], ensure_ascii=False, default=str)
    return hashlib.sha256(inhoud.encode("utf-8")).hexdigest()


def _schoon(tekst: str | None, lengte: int = 500) -> str | None:
    if tekst is None:
        return None
    schoon = privacy.verwijder_bsn(str(tekst).strip())
    return schoon[:lengte] if schoon else None


def schrijf(
    actie: str,
    *,
    gebruiker: str | None,
    rol: str | None,
    onderwerp: str | None = None,
    aantal_rijen: int | None = None,
    toelichting: str | None = None,
    db_pad: str | Path | None = None,
    con: sqlite3.Connection | None = None,
) -> int:
    """Append one row and return its volgnummer; raises when it cannot be written.

    Callers that show evidence write the row *before* they show it: no record, no evidence.
    With `con` (inside the caller's `transactie`) the row is part of the caller's change: a
    beoordeling and its audit row are stored together or not at all.
    """
    tijdstip = datetime.now().astimezone().isoformat(timespec="seconds")
    velden: list[object] = [
        tijdstip,
        _schoon(gebruiker, 200),
        _schoon(rol, 50),
        actie,
        _schoon(onderwerp),
        aantal_rijen,
        _schoon(toelichting, 2000),
    ]
    if con is not None:
        return _voeg_toe(con, velden)
    with verbinding(db_pad) as eigen, transactie(eigen):
        return _voeg_toe(eigen, velden)


def _voeg_toe(con: sqlite3.Connection, velden: list[object]) -> int:
    rij = con.execute("select keten from audit order by volgnummer desc limit 1").fetchone()
    keten = _keten(rij[0] if rij else _BEGIN_KETEN, velden)
    cursor = con.execute(
        "insert into audit (tijdstip, gebruiker, rol, actie, onderwerp, aantal_rijen, "
        "toelichting, keten) values (?, ?, ?, ?, ?, ?, ?, ?)",
        [*velden, keten],
    )
    return int(cursor.lastrowid or 0)


def _regel(rij: sqlite3.Row) -> Auditregel:
    return Auditregel(**{k: rij[k] for k in rij.keys()})  # noqa: SIM118 (sqlite3.Row)


def lees(
    *,
    sinds: datetime | None = None,
    tot: datetime | None = None,
    gebruiker: str | None = None,
    actie: str | None = None,
    db_pad: str | Path | None = None,
) -> list[Auditregel]:
    """Rows in order, filtered with bound parameters only."""
    voorwaarden_sql: list[str] = []
    waarden: list[object] = []
    if sinds is not None:
        voorwaarden_sql.append("tijdstip >= ?")
        waarden.append(sinds.astimezone().isoformat(timespec="seconds"))
    if tot is not None:
        voorwaarden_sql.append("tijdstip < ?")
        waarden.append(tot.astimezone().isoformat(timespec="seconds"))
    if gebruiker is not None:
        voorwaarden_sql.append("gebruiker = ?")
        waarden.append(gebruiker)
    if actie is not None:
        voorwaarden_sql.append("actie = ?")
        waarden.append(actie)
    waar_sql = f"where {' and '.join(voorwaarden_sql)}" if voorwaarden_sql else ""
    with verbinding(db_pad) as con:
        rijen = con.execute(f"select * from audit {waar_sql} order by volgnummer", waarden)
        return [_regel(r) for r in rijen]


def controleer_keten(db_pad: str | Path | None = None) -> int | None:
    """The volgnummer of the first row whose chain does not hold, or None when all hold."""
    vorige = _BEGIN_KETEN
    for r in lees(db_pad=db_pad):
        velden: list[object] = [
            r.tijdstip,
            r.gebruiker,
            r.rol,
            r.actie,
            r.onderwerp,
            r.aantal_rijen,
            r.toelichting,
        ]
        if _keten(vorige, velden) != r.keten:
            return r.volgnummer
        vorige = r.keten
    return None
