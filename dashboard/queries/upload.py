"""Files handed over in the dashboard (role beheer), loaded by the same `signaalmonitor ingest`.

The dashboard never loads data itself (import-linter: no pipelines.ingest here) and never
writes the database: an upload is saved in an inbox folder next to the database, then the CLI
is started on it as a subprocess, so the one writer, its limits (size, zip bombs, columns) and
its quarantine apply exactly as on the command line. What this module adds is what only the
upload has: a name from the browser, which is hostile until proven otherwise.

`veilige_naam` keeps a name only as letters, digits, `_`, `-` and single dots (after NFKC, so a
full-width `．／` becomes `./` and is then split off like any path part), never with a leading
dot or dash, at most `MAX_NAAM_TEKENS` long, with its extension kept: the ingest recognises a
contract table by the name's prefix and the format by the extension.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from dashboard.queries.verbinding import lees
from pipelines import settings

# What `signaalmonitor ingest` reads: contract tables (CSV, Excel, Parquet), iWmo-XML messages
# and zip archives of either.
TOEGESTANE_EXTENSIES: tuple[str, ...] = ("csv", "xlsx", "parquet", "xml", "zip")
# Per file, in megabytes; the same number is server.maxUploadSize in .streamlit/config.toml
# (a test keeps them equal). A larger export goes through `signaalmonitor ingest` directly.
MAX_UPLOAD_MB = 500
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_NAAM_TEKENS = 100
# `ingest` or `run` of a large region takes minutes; beyond this something is wrong.
MAX_SECONDEN = 3600

_NIET_TOEGESTAAN = re.compile(r"[^A-Za-z0-9._-]+")
_PADSCHEIDING = re.compile(r"[/\\]")


class UploadGeweigerd(ValueError):
    """An uploaded file that is not saved (Dutch message for the page)."""


def veilige_naam(naam: str) -> str:
    """A file name that is safe on disk and in the load report, or UploadGeweigerd."""
    naam = unicodedata.normalize("NFKC", naam)
    # Only the last path part, whatever the separator: no folder of the browser comes along.
    naam = _PADSCHEIDING.split(naam)[-1]
    # Control and format characters (newlines, right-to-left marks) disappear; anything else
    # outside the plain set becomes `_`, so quotes, semicolons and `=|` cannot survive.
    naam = "".join(t for t in naam if not unicodedata.category(t).startswith("C"))
    naam = _NIET_TOEGESTAAN.sub("_", naam)
    naam = re.sub(r"\.{2,}", ".", naam)
    naam = re.sub(r"_{2,}", "_", naam)
    stam, punt, extensie = naam.rpartition(".")
    extensie = extensie.lower()
    if not punt or extensie not in TOEGESTANE_EXTENSIES:
        raise UploadGeweigerd(
            "Dit soort bestand kan niet worden aangeleverd; toegestaan zijn "
            + ", ".join(f".{e}" for e in TOEGESTANE_EXTENSIES)
            + "."
        )
    # No leading dot (a hidden file the ingest skips) or dash (read as an option).
    stam = stam.lstrip("._-")[:MAX_NAAM_TEKENS].rstrip("._-") or "bestand"
    return f"{stam}.{extensie}"


def inbox() -> Path:
    return settings.inbox_pad(settings.database_path())


@dataclass(frozen=True)
class Opgeslagen:
    map: Path
    namen: tuple[str, ...]


def bewaar(bestanden: Sequence[tuple[str, bytes]]) -> Opgeslagen:
    """Save the uploaded files (name, content) in a new folder of the inbox, owner-only.

    Every file is checked first (type, size); nothing is written when one is refused.
    """
    if not bestanden:
        raise UploadGeweigerd("Er is geen bestand gekozen.")
    namen: list[str] = []
    for naam, inhoud in bestanden:
        veilig = veilige_naam(naam)
        if len(inhoud) > MAX_UPLOAD_BYTES:
            raise UploadGeweigerd(
                f"{veilig} is groter dan {MAX_UPLOAD_MB} MB. Lever zo'n bestand aan met "
                "`signaalmonitor ingest` op de server."
            )
        if len(inhoud) == 0:
            raise UploadGeweigerd(f"{veilig} is leeg.")
        # Two files with the same safe name in one upload get a number, never overwrite.
        stam, _, extensie = veilig.rpartition(".")
        volgnummer = 2
        while veilig in namen:
            veilig = f"{stam}_{volgnummer}.{extensie}"
            volgnummer += 1
        namen.append(veilig)
    map_ = inbox() / f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
    map_.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    map_.mkdir(mode=0o700)
    for naam, (_, inhoud) in zip(namen, bestanden, strict=True):
        doel = map_ / naam
        # The safe name has no separator; still, refuse anything that would leave the folder.
        if doel.parent != map_:
            raise UploadGeweigerd("Ongeldige bestandsnaam.")
        fd = os.open(doel, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as uit:
            uit.write(inhoud)
    return Opgeslagen(map_, tuple(namen))


@dataclass(frozen=True)
class Uitkomst:
    gelukt: bool
    uitvoer: str


def _signaalmonitor(*argumenten: str) -> Uitkomst:
    """The CLI as a subprocess on this dashboard's database; its own Dutch output back."""
    db = settings.database_path().resolve()
    omgeving = {**os.environ, settings.DB_ENV: str(db)}
    opdracht = [sys.executable, "-m", "pipelines.cli", *argumenten, "--db", str(db)]
    try:
        proces = subprocess.run(
            opdracht,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=MAX_SECONDEN,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Uitkomst(False, f"Afgebroken na {MAX_SECONDEN // 60} minuten.")
    return Uitkomst(proces.returncode == 0, (proces.stdout + proces.stderr).strip())


def laad(opgeslagen: Opgeslagen) -> Uitkomst:
    """`signaalmonitor ingest` on the upload's folder (it also publishes the role files)."""
    return _signaalmonitor("ingest", str(opgeslagen.map))


def bereken() -> Uitkomst:
    """`signaalmonitor run`: the signals with the new data."""
    return _signaalmonitor("run")


def laadverslag(rol: str, sinds: datetime) -> pl.DataFrame:
    """What the load register says about files loaded since `sinds` (uncached: just loaded)."""
    return lees(
        rol,
        ("laadregister",),
        """
        select
            bestandsnaam, tabel, formaat, rijen_gelezen, rijen_geladen, rijen_quarantaine,
            rijen_al_aanwezig, geladen_op
        from laadregister
        where geladen_op >= $sinds
        order by geladen_op, bestandsnaam
        """,
        {"sinds": sinds},
    )


def niet_geladen(rol: str, sinds: datetime) -> pl.DataFrame:
    return lees(
        rol,
        ("niet_geladen",),
        """
        select soort, bestandsnaam, reden
        from niet_geladen
        where gezien_op >= $sinds
        order by gezien_op, bestandsnaam
        """,
        {"sinds": sinds},
    )
