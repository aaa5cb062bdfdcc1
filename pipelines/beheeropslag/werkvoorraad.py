"""Beoordelen als werkvoorraad: the state of each signal, its history, and the settings.

Statuses follow how the regions work: nieuw → in onderzoek → overgedragen aan toezichthouder
or handhaving → afgesloten zonder or met bevinding (with the terugvordering when known). The
allowed steps are the table `OVERGANGEN`; any other step is refused with a Dutch message.
Every change is one row in `beoordeling_historie` (append-only) and one audit row, in the same
transaction as the new state. Free text (note, assignee, name) passes a BSN scrubber first: the
dashboard passes the pseudonymiser when it has the database's key, else the BSN is removed.
Amounts are whole cents (int), never floats.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from pipelines import privacy
from pipelines.beheeropslag import audit
from pipelines.beheeropslag.opslag import transactie, verbinding

NIEUW: Final = "nieuw"
IN_ONDERZOEK: Final = "in onderzoek"
OVERGEDRAGEN_TOEZICHTHOUDER: Final = "overgedragen aan toezichthouder"
OVERGEDRAGEN_HANDHAVING: Final = "overgedragen aan handhaving"
AFGESLOTEN_ZONDER_BEVINDING: Final = "afgesloten zonder bevinding"
AFGESLOTEN_MET_BEVINDING: Final = "afgesloten met bevinding"

STATUSSEN: Final = (
    NIEUW,
    IN_ONDERZOEK,
    OVERGEDRAGEN_TOEZICHTHOUDER,
    OVERGEDRAGEN_HANDHAVING,
    AFGESLOTEN_ZONDER_BEVINDING,
    AFGESLOTEN_MET_BEVINDING,
)
# What contractmanagement must not see (unless beheer allows it): a contract conversation must
# not tip off a provider about an investigation in progress.
IN_BEHANDELING: Final = frozenset(
    {IN_ONDERZOEK, OVERGEDRAGEN_TOEZICHTHOUDER, OVERGEDRAGEN_HANDHAVING}
)
AFGESLOTEN: Final = frozenset({AFGESLOTEN_ZONDER_BEVINDING, AFGESLOTEN_MET_BEVINDING})
# A closed signal "was terecht" when it was closed with a finding (the live precision).
TERECHT: Final = AFGESLOTEN_MET_BEVINDING

# The allowed next steps per status. Staying in the same status is always allowed (a new note,
# another assignee or the amount): it is a change with a history row, not a step.
OVERGANGEN: Final[Mapping[str, tuple[str, ...]]] = {
    NIEUW: (IN_ONDERZOEK, AFGESLOTEN_ZONDER_BEVINDING),
    IN_ONDERZOEK: (
        OVERGEDRAGEN_TOEZICHTHOUDER,
        OVERGEDRAGEN_HANDHAVING,
        AFGESLOTEN_ZONDER_BEVINDING,
        AFGESLOTEN_MET_BEVINDING,
    ),
    # Handed over: the other party closes it, or gives it back for more investigation.
    OVERGEDRAGEN_TOEZICHTHOUDER: (
        IN_ONDERZOEK,
        AFGESLOTEN_ZONDER_BEVINDING,
        AFGESLOTEN_MET_BEVINDING,
    ),
    OVERGEDRAGEN_HANDHAVING: (IN_ONDERZOEK, AFGESLOTEN_ZONDER_BEVINDING, AFGESLOTEN_MET_BEVINDING),
    # Reopening a closed signal is a step back into investigation, never a silent edit.
    AFGESLOTEN_ZONDER_BEVINDING: (IN_ONDERZOEK,),
    AFGESLOTEN_MET_BEVINDING: (IN_ONDERZOEK,),
}

INSTELLING_CM_ZIET_IN_ONDERZOEK: Final = "contractmanagement_ziet_signalen_in_onderzoek"
INSTELLINGEN: Final[Mapping[str, str]] = {INSTELLING_CM_ZIET_IN_ONDERZOEK: "nee"}
JA_NEE: Final = ("ja", "nee")

MAX_NOTITIE: Final = 4000
MAX_NAAM: Final = 200

# Old DuckDB statuses (beheer.beoordelingen, before #12) and what they mean now. "afgehandeld"
# was the step after "bevestigd" in the old form (the follow-up of a confirmed signal was done),
# so it closed a signal with a finding; the old status stays readable in the history note.
OUDE_STATUS: Final[Mapping[str, str]] = {
    "open": NIEUW,
    "in onderzoek": IN_ONDERZOEK,
    "bevestigd": AFGESLOTEN_MET_BEVINDING,
    "verklaard (geen actie)": AFGESLOTEN_ZONDER_BEVINDING,
    "afgehandeld": AFGESLOTEN_MET_BEVINDING,
}

Scrubber = Callable[[str | None], str | None]


class OvergangGeweigerd(ValueError):
    """A step the werkvoorraad does not allow; the message is Dutch and names the options."""


@dataclass(frozen=True)
class Beoordeling:
    signaal_id: str
    status: str
    toegewezen_aan: str | None
    terugvordering_cent: int | None
    indicator_code: str | None
    aanbieder_agb: str | None
    jaar: int | None
    gewijzigd_op: str | None
    gewijzigd_door: str | None


@dataclass(frozen=True)
class Historieregel:
    volgnummer: int
    signaal_id: str
    tijdstip: str
    gebruiker: str | None
    rol: str | None
    van_status: str
    naar_status: str
    toegewezen_aan: str | None
    terugvordering_cent: int | None
    notitie: str | None


@dataclass(frozen=True)
class Precisie:
    indicator_code: str
    afgesloten: int
    terecht: int

    def tekst(self) -> str | None:
        """The sentence for the indicator's card; nothing is claimed without closed signals."""
        if self.afgesloten == 0:
            return None
        return (
            f"Van de {self.afgesloten} afgesloten {self.indicator_code}-signalen "
            f"{'was' if self.terecht == 1 else 'waren'} er {self.terecht} terecht "
            "(afgesloten met bevinding)."
        )


def _nu() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _tekst(waarde: str | None, scrub: Scrubber, lengte: int) -> str | None:
    if waarde is None:
        return None
    schoon = scrub(str(waarde).strip())
    return schoon[:lengte] if schoon else None


def volgende_stappen(status: str) -> tuple[str, ...]:
    """The statuses a signal in `status` may go to, the current one first (no step)."""
    return (status, *OVERGANGEN[status])


def controleer_overgang(van: str, naar: str) -> None:
    if naar not in STATUSSEN:
        raise OvergangGeweigerd(f"'{naar}' is geen status van de werkvoorraad.")
    if naar != van and naar not in OVERGANGEN[van]:
        toegestaan = ", ".join(f"'{s}'" for s in OVERGANGEN[van])
        raise OvergangGeweigerd(
            f"Van '{van}' kan een signaal niet naar '{naar}'; wel naar {toegestaan}."
        )


def bedrag_in_centen(tekst: str | None) -> int | None:
    """'1.234,56', '1234.56', '€ 1 234' → cents; empty → None; anything else is refused."""
    if tekst is None or not tekst.strip():
        return None
    schoon = tekst.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if "," in schoon:
        # Dutch notation: dots group thousands, the comma is the decimal sign.
        schoon = schoon.replace(".", "").replace(",", ".")
    elif schoon.count(".") > 1 or (schoon.count(".") == 1 and len(schoon.split(".")[1]) == 3):
        # "1.234" and "1.234.567" are thousands in Dutch, not decimals.
        schoon = schoon.replace(".", "")
    try:
        bedrag = Decimal(schoon)
    except InvalidOperation:
        raise OvergangGeweigerd(
            f"'{tekst}' is geen bedrag; schrijf bijvoorbeeld 1.234,56."
        ) from None
    if not bedrag.is_finite() or bedrag < 0:
        raise OvergangGeweigerd("Het terugvorderingsbedrag moet een positief bedrag zijn.")
    centen = bedrag * 100
    if centen != centen.to_integral_value():
        raise OvergangGeweigerd("Een bedrag heeft hooguit twee cijfers achter de komma.")
    return int(centen)


def centen_als_tekst(centen: int | None) -> str | None:
    """Exact decimal text for display and exports ('1234.56'); never via float."""
    if centen is None:
        return None
    return str(Decimal(centen).scaleb(-2).quantize(Decimal("0.01")))


def _beoordeling(rij: sqlite3.Row) -> Beoordeling:
    return Beoordeling(**{k: rij[k] for k in rij.keys()})  # noqa: SIM118 (sqlite3.Row)


def huidige(signaal_id: str, db_pad: str | Path | None = None) -> Beoordeling | None:
    with verbinding(db_pad) as con:
        rij = con.execute(
            "select * from beoordelingen where signaal_id = ?", [signaal_id]
        ).fetchone()
        return _beoordeling(rij) if rij else None


def _huidige_status(con: sqlite3.Connection, signaal_id: str) -> str:
    rij = con.execute("select status from beoordelingen where signaal_id = ?", [signaal_id])
    gevonden = rij.fetchone()
    return str(gevonden[0]) if gevonden else NIEUW


def wijzig(
    signaal_id: str,
    naar_status: str,
    *,
    gebruiker: str | None,
    rol: str | None,
    toegewezen_aan: str | None = None,
    terugvordering_cent: int | None = None,
    notitie: str | None = None,
    indicator_code: str | None = None,
    aanbieder_agb: str | None = None,
    jaar: int | None = None,
    scrub: Scrubber = privacy.verwijder_bsn,
    db_pad: str | Path | None = None,
) -> Beoordeling:
    """Move one signal to `naar_status` (or keep it there with a new note/assignee).

    State, history row and audit row are written in one transaction; a refused step
    (OvergangGeweigerd) writes nothing. The step is checked against the state *inside* the
    transaction, so two sessions cannot both take a step from the same old status.
    """
    if terugvordering_cent is not None and naar_status != AFGESLOTEN_MET_BEVINDING:
        raise OvergangGeweigerd(
            "Een terugvorderingsbedrag hoort alleen bij 'afgesloten met bevinding'."
        )
    if terugvordering_cent is not None and terugvordering_cent < 0:
        raise OvergangGeweigerd("Het terugvorderingsbedrag moet een positief bedrag zijn.")
    naam = _tekst(gebruiker, scrub, MAX_NAAM)
    toegewezen = _tekst(toegewezen_aan, scrub, MAX_NAAM)
    schone_notitie = _tekst(notitie, scrub, MAX_NOTITIE)
    tijdstip = _nu()
    with verbinding(db_pad) as con, transactie(con):
        van = _huidige_status(con, signaal_id)
        controleer_overgang(van, naar_status)
        con.execute(
            """
            insert into beoordelingen (signaal_id, status, toegewezen_aan, terugvordering_cent,
                indicator_code, aanbieder_agb, jaar, gewijzigd_op, gewijzigd_door)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (signaal_id) do update set
                status = excluded.status,
                toegewezen_aan = excluded.toegewezen_aan,
                terugvordering_cent = excluded.terugvordering_cent,
                indicator_code = coalesce(excluded.indicator_code, indicator_code),
                aanbieder_agb = coalesce(excluded.aanbieder_agb, aanbieder_agb),
                jaar = coalesce(excluded.jaar, jaar),
                gewijzigd_op = excluded.gewijzigd_op,
                gewijzigd_door = excluded.gewijzigd_door
            """,
            [
                signaal_id,
                naar_status,
                toegewezen,
                terugvordering_cent,
                indicator_code,
                aanbieder_agb,
                jaar,
                tijdstip,
                naam,
            ],
        )
        con.execute(
            """
            insert into beoordeling_historie (signaal_id, tijdstip, gebruiker, rol, van_status,
                naar_status, toegewezen_aan, terugvordering_cent, notitie)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                signaal_id,
                tijdstip,
                naam,
                rol,
                van,
                naar_status,
                toegewezen,
                terugvordering_cent,
                schone_notitie,
            ],
        )
        audit.schrijf_in(
            con,
            audit.BEOORDELING_GEWIJZIGD,
            gebruiker=naam,
            rol=rol,
            onderwerp=signaal_id,
            toelichting=f"{van} → {naar_status}"
            + (f"; toegewezen aan {toegewezen}" if toegewezen else ""),
        )
        rij = con.execute("select * from beoordelingen where signaal_id = ?", [signaal_id])
        return _beoordeling(rij.fetchone())


def historie(signaal_id: str, db_pad: str | Path | None = None) -> list[Historieregel]:
    """Every change of one signal, newest first."""
    with verbinding(db_pad) as con:
        rijen = con.execute(
            """
            select volgnummer, signaal_id, tijdstip, gebruiker, rol, van_status, naar_status,
                toegewezen_aan, terugvordering_cent, notitie
            from beoordeling_historie where signaal_id = ? order by volgnummer desc
            """,
            [signaal_id],
        )
        return [Historieregel(**{k: r[k] for k in r.keys()}) for r in rijen]  # noqa: SIM118


def alle(db_pad: str | Path | None = None) -> list[Beoordeling]:
    """The current state of every signal that has left 'nieuw' once (one row per signal)."""
    with verbinding(db_pad) as con:
        return [
            _beoordeling(r) for r in con.execute("select * from beoordelingen order by signaal_id")
        ]


def signalen_in_behandeling(db_pad: str | Path | None = None) -> list[str]:
    """The signal ids in investigation or handed over (hidden from contractmanagement)."""
    plekken_sql = ", ".join("?" for _ in IN_BEHANDELING)
    with verbinding(db_pad) as con:
        rijen = con.execute(
            f"select signaal_id from beoordelingen where status in ({plekken_sql}) "
            "order by signaal_id",
            sorted(IN_BEHANDELING),
        )
        return [str(r[0]) for r in rijen]


def precisie(db_pad: str | Path | None = None) -> dict[str, Precisie]:
    """Per indicator: how many signals were closed, and how many of those with a finding."""
    with verbinding(db_pad) as con:
        rijen = con.execute(
            """
            select indicator_code,
                count(*) filter (where status in (?, ?)) as afgesloten,
                count(*) filter (where status = ?) as terecht
            from beoordelingen where indicator_code is not null
            group by indicator_code
            """,
            [AFGESLOTEN_ZONDER_BEVINDING, AFGESLOTEN_MET_BEVINDING, TERECHT],
        )
        return {
            str(r["indicator_code"]): Precisie(
                str(r["indicator_code"]), int(r["afgesloten"]), int(r["terecht"])
            )
            for r in rijen
        }


def versie(db_pad: str | Path | None = None) -> str:
    """Changes with every beoordeling and setting: part of the dashboard's cache key."""
    with verbinding(db_pad) as con:
        rij = con.execute(
            "select (select coalesce(max(volgnummer), 0) from beoordeling_historie), "
            "(select group_concat(sleutel || '=' || waarde, ';') from "
            "(select sleutel, waarde from instellingen order by sleutel))"
        ).fetchone()
        return f"{rij[0]}|{rij[1] or ''}"


# ------------------------------------------------------------------------------------------
# Settings
# ------------------------------------------------------------------------------------------
def instelling(sleutel: str, db_pad: str | Path | None = None) -> str:
    if sleutel not in INSTELLINGEN:
        raise KeyError(sleutel)
    with verbinding(db_pad) as con:
        rij = con.execute("select waarde from instellingen where sleutel = ?", [sleutel])
        gevonden = rij.fetchone()
        return str(gevonden[0]) if gevonden else INSTELLINGEN[sleutel]


def cm_ziet_signalen_in_onderzoek(db_pad: str | Path | None = None) -> bool:
    return instelling(INSTELLING_CM_ZIET_IN_ONDERZOEK, db_pad) == "ja"


def zet_instelling(
    sleutel: str,
    waarde: str,
    *,
    gebruiker: str | None,
    rol: str | None,
    db_pad: str | Path | None = None,
) -> None:
    """Change one setting (known keys, ja/nee) with an audit row, in one transaction."""
    if sleutel not in INSTELLINGEN:
        raise KeyError(sleutel)
    if waarde not in JA_NEE:
        raise ValueError(f"Een instelling is 'ja' of 'nee', niet {waarde!r}.")
    with verbinding(db_pad) as con, transactie(con):
        oud = con.execute("select waarde from instellingen where sleutel = ?", [sleutel])
        vorige = oud.fetchone()
        con.execute(
            "insert into instellingen (sleutel, waarde, gewijzigd_op, gewijzigd_door) "
            "values (?, ?, ?, ?) on conflict (sleutel) do update set waarde = excluded.waarde, "
            "gewijzigd_op = excluded.gewijzigd_op, gewijzigd_door = excluded.gewijzigd_door",
            [sleutel, waarde, _nu(), gebruiker],
        )
        audit.schrijf_in(
            con,
            audit.INSTELLING_GEWIJZIGD,
            gebruiker=gebruiker,
            rol=rol,
            onderwerp=sleutel,
            toelichting=f"{vorige[0] if vorige else INSTELLINGEN[sleutel]} → {waarde}",
        )


# ------------------------------------------------------------------------------------------
# The key fingerprint of the database (for the BSN scrubber of the dashboard)
# ------------------------------------------------------------------------------------------
def leg_sleutel_vingerafdruk_vast(vingerafdruk: str, db_pad: str | Path | None = None) -> None:
    """Record the fingerprint of the key the database was filled with (by `run`)."""
    with verbinding(db_pad) as con, transactie(con):
        con.execute(
            "insert into database_kenmerken (sleutel, waarde, vastgelegd_op) values (?, ?, ?) "
            "on conflict (sleutel) do update set waarde = excluded.waarde, "
            "vastgelegd_op = excluded.vastgelegd_op",
            [privacy.SLEUTEL_INSTELLING, vingerafdruk, _nu()],
        )


def sleutel_vingerafdruk(db_pad: str | Path | None = None) -> str | None:
    with verbinding(db_pad) as con:
        rij = con.execute(
            "select waarde from database_kenmerken where sleutel = ?", [privacy.SLEUTEL_INSTELLING]
        ).fetchone()
        return str(rij[0]) if rij else None


# ------------------------------------------------------------------------------------------
# The move of the old DuckDB beoordelingen (before #12) into the beheeropslag
# ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OudeBeoordeling:
    signaal_id: str
    status: str
    notitie: str | None
    beoordelaar: str | None
    vastgelegd_op: datetime
    indicator_code: str | None = None
    aanbieder_agb: str | None = None
    jaar: int | None = None


def _bron_sleutel(oud: OudeBeoordeling) -> str:
    inhoud = json.dumps(
        [oud.signaal_id, oud.status, oud.notitie, oud.beoordelaar, oud.vastgelegd_op.isoformat()],
        ensure_ascii=False,
    )
    return "duckdb:" + hashlib.sha256(inhoud.encode("utf-8")).hexdigest()


def zet_oude_beoordelingen_over(
    oude: Iterable[OudeBeoordeling],
    *,
    scrub: Scrubber = privacy.verwijder_bsn,
    db_pad: str | Path | None = None,
) -> int:
    """Carry old rows over once; returns how many were new. Running it again adds nothing.

    Each old row (oldest first) becomes a history row with the mapped status; the transition
    rules are not applied (this is history that happened). The current state follows the
    newest old row, unless the signal was changed in the werkvoorraad after it.
    """
    overgezet = 0
    with verbinding(db_pad) as con, transactie(con):
        for oud in sorted(oude, key=lambda o: (o.vastgelegd_op, o.signaal_id)):
            sleutel = _bron_sleutel(oud)
            if con.execute(
                "select 1 from beoordeling_historie where bron_sleutel = ?", [sleutel]
            ).fetchone():
                continue
            naar = OUDE_STATUS.get(oud.status, NIEUW)
            van = _huidige_status(con, oud.signaal_id)
            tijdstip = oud.vastgelegd_op.astimezone().isoformat(timespec="seconds")
            naam = _tekst(oud.beoordelaar, scrub, MAX_NAAM)
            notitie = _tekst(
                f"[overgezet; oude status '{oud.status}'] {oud.notitie or ''}", scrub, MAX_NOTITIE
            )
            con.execute(
                """
                insert into beoordeling_historie (signaal_id, tijdstip, gebruiker, rol,
                    van_status, naar_status, notitie, bron_sleutel)
                values (?, ?, ?, 'toezicht', ?, ?, ?, ?)
                """,
                [oud.signaal_id, tijdstip, naam, van, naar, notitie, sleutel],
            )
            con.execute(
                """
                insert into beoordelingen (signaal_id, status, indicator_code, aanbieder_agb,
                    jaar, gewijzigd_op, gewijzigd_door)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (signaal_id) do update set
                    status = excluded.status,
                    indicator_code = coalesce(excluded.indicator_code, indicator_code),
                    aanbieder_agb = coalesce(excluded.aanbieder_agb, aanbieder_agb),
                    jaar = coalesce(excluded.jaar, jaar),
                    gewijzigd_op = excluded.gewijzigd_op,
                    gewijzigd_door = excluded.gewijzigd_door
                where gewijzigd_op <= excluded.gewijzigd_op
                """,
                [
                    oud.signaal_id,
                    naar,
                    oud.indicator_code,
                    oud.aanbieder_agb,
                    oud.jaar,
                    tijdstip,
                    naam,
                ],
            )
            audit.schrijf_in(
                con,
                audit.BEOORDELING_GEWIJZIGD,
                gebruiker=naam,
                rol="toezicht",
                onderwerp=oud.signaal_id,
                toelichting=f"overgezet uit de database: '{oud.status}' → {naar}",
            )
            overgezet += 1
    return overgezet
