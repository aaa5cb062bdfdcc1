"""Turning the SOURCE arguments of `ingest` into an ordered list of files."""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipelines.contract import herken_tabel
from pipelines.ingest.errors import OnleesbaarBestand

_DATA_EXTENSIONS = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".parquet", ".xml"}


@dataclass(frozen=True)
class Overgeslagen:
    pad: Path
    reden: str


def _geen_gewoon_bestand(pad: Path) -> str | None:
    """Why `pad` is not read (a pipe, device, socket or folder would hang or mislead), or None."""
    try:
        modus = pad.stat().st_mode
    except OSError as fout:
        return f"niet te openen ({fout.strerror or fout})"
    if stat.S_ISREG(modus):
        return None
    if stat.S_ISDIR(modus):
        return "een map, geen bestand"
    if stat.S_ISFIFO(modus):
        return "een pipe (FIFO), geen gewoon bestand; zo'n bestand kan het inlezen laten hangen"
    return "geen gewoon bestand (apparaat of socket)"


def bestanden_in(bronnen: list[Path]) -> tuple[list[Path], list[Overgeslagen]]:
    """Files to load, and what was skipped with the reason.

    A file named explicitly is always tried (and refused with a reason if unreadable), unless
    it is no regular file. In a folder, only regular files with a data extension whose name
    is a contract table, or XML, count; links in a folder are not followed, since a delivered
    folder could point at any file of this machine.
    """
    te_laden: list[Path] = []
    overgeslagen: list[Overgeslagen] = []
    for bron in bronnen:
        if bron.is_dir():
            for pad in sorted(bron.iterdir()):
                if pad.is_symlink():
                    overgeslagen.append(
                        Overgeslagen(pad, "een koppeling (symlink); wordt in een map niet gevolgd")
                    )
                    continue
                reden = _geen_gewoon_bestand(pad)
                if reden is not None:
                    if pad.is_dir():
                        reden = "een submap; geef een submap apart op om die te laden"
                    overgeslagen.append(Overgeslagen(pad, reden))
                    continue
                suffix = pad.suffix.lower()
                herkend = suffix == ".xml" or (
                    suffix in _DATA_EXTENSIONS and herken_tabel(pad.name) is not None
                )
                if herkend:
                    te_laden.append(pad)
                else:
                    overgeslagen.append(
                        Overgeslagen(pad, "geen contracttabel of iWmo-XML (naam of extensie)")
                    )
        else:
            reden = _geen_gewoon_bestand(bron)
            if reden is None:
                te_laden.append(bron)
            else:
                overgeslagen.append(Overgeslagen(bron, reden))
    return te_laden, overgeslagen


# Interim API for the batch loader; the archive-aware version replaces it.
@dataclass(frozen=True)
class Bronbestand:
    naam: str
    pad: Path
    lid: tuple[str, ...] = ()
    grootte: int = 0

    @property
    def archief(self) -> Path | None:
        return self.pad if self.lid else None

    @property
    def extensie(self) -> str:
        return Path(self.lid[-1] if self.lid else self.pad.name).suffix.lower()

    def lees(self) -> bytes:
        return self.pad.read_bytes()


def met_inhoud(
    bestanden: Iterable[Bronbestand],
) -> Iterator[tuple[Bronbestand, bytes | OnleesbaarBestand]]:
    for bron in bestanden:
        try:
            yield bron, bron.lees()
        except OSError as fout:
            yield bron, OnleesbaarBestand(f"{bron.naam}: kan niet worden gelezen ({fout})")


@contextmanager
def als_bestand(bron: Bronbestand) -> Iterator[Path]:
    yield bron.pad
