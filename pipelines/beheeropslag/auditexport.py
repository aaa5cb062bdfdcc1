"""The audit log as CSV, for `signaalmonitor audit --uit` and the Auditlog page.

Names, subjects and notes in the log were typed by people (or by someone trying a name at the
login page): each text cell goes through the exports' one formula rule (`neutraliseer`).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from pipelines.beheeropslag.audit import Auditregel
from pipelines.exports.neutraliseer import celwaarde

KOLOMMEN: Final = (
    "volgnummer",
    "tijdstip",
    "gebruiker",
    "rol",
    "actie",
    "onderwerp",
    "aantal_rijen",
    "toelichting",
    "keten",
)


def _rijen(regels: Sequence[Auditregel]) -> list[list[object]]:
    return [[celwaarde(getattr(r, k)) for k in KOLOMMEN] for r in regels]


def csv_tekst(regels: Sequence[Auditregel]) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(KOLOMMEN)
    schrijver.writerows(_rijen(regels))
    return uit.getvalue()


def schrijf_csv(regels: Sequence[Auditregel], doel: Path) -> None:
    """Write next to `doel` under a temporary name (mode 0600), then rename: all or nothing."""
    doel.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = doel.with_name(f".{doel.name}.deels")
    fd = os.open(tijdelijk, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as bestand:
            bestand.write(csv_tekst(regels))
        os.replace(tijdelijk, doel)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
