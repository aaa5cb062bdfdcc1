"""Physical line numbers of CSV records, so a quarantine reason points at the user's own line.

DuckDB reads the rows but numbers them as records: a blank line or a line break inside a
quoted cell shifts everything after it. The file itself tells where each record starts:

- the common case (no quote character, no blank line) needs no parsing: record n starts on
  line n + 1, and a rejected row's line is found by counting line breaks up to the byte
  DuckDB reports;
- otherwise Python's csv module walks the file once and records the first line and first byte
  of every record, skipping blank lines as DuckDB does.
"""

from __future__ import annotations

import bisect
import csv
from dataclasses import dataclass
from pathlib import Path

from pipelines.settings import invoerlimieten

_BLOK = 1024 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Regelkaart:
    pad: Path
    # Last physical line of the header record (1 unless a header cell holds a line break).
    kop_eind: int
    # Only when the file needed parsing: first line and first byte of every non-blank record
    # after the header, in file order.
    begin_regels: list[int] | None = None
    begin_bytes: list[int] | None = None

    def data_regels(self, aantal: int) -> list[int]:
        """The first physical line of each of the first `aantal` data records."""
        if self.begin_regels is None:
            return list(range(self.kop_eind + 1, self.kop_eind + 1 + aantal))
        return self.begin_regels[:aantal]

    def regels_van_bytes(self, posities: list[int]) -> list[int]:
        """The first line of the record that contains each byte offset (0-based, BOM included)."""
        if self.begin_regels is None or self.begin_bytes is None:
            return _regel_van_bytes(self.pad, posities)
        return [
            self.begin_regels[max(0, bisect.bisect_right(self.begin_bytes, p) - 1)]
            for p in posities
        ]


def _is_eenvoudig(pad: Path) -> bool:
    """No quote character and no blank line anywhere: one record per line."""
    vorige = b""
    with pad.open("rb") as handle:
        eerste = handle.read(_BLOK)
        if eerste.removeprefix(_BOM)[:1] in (b"\n", b"\r"):
            return False
        blok = eerste
        while blok:
            stuk = vorige + blok
            if b'"' in stuk or b"\n\n" in stuk or b"\n\r\n" in stuk or b"\r\r" in stuk:
                return False
            vorige = stuk[-2:]
            blok = handle.read(_BLOK)
    return True


def _regel_van_bytes(pad: Path, posities: list[int]) -> list[int]:
    """For each byte offset, the physical line it is on (1-based), in one pass over the file."""
    if not posities:
        return []
    volgorde = sorted(range(len(posities)), key=lambda i: posities[i])
    uitkomst = [0] * len(posities)
    regel, gelezen, k = 1, 0, 0
    with pad.open("rb") as handle:
        while k < len(volgorde):
            blok = handle.read(_BLOK)
            while k < len(volgorde) and (not blok or posities[volgorde[k]] < gelezen + len(blok)):
                positie = posities[volgorde[k]]
                uitkomst[volgorde[k]] = regel + blok[: max(0, positie - gelezen)].count(b"\n")
                k += 1
            if not blok:
                break
            regel += blok.count(b"\n")
            gelezen += len(blok)
    return uitkomst


def _ontleed(pad: Path, scheidingsteken: str) -> Regelkaart | None:
    regel_begin: list[int] = []

    def regels():  # type: ignore[no-untyped-def]
        offset = 0
        with pad.open("rb") as ruw:
            if ruw.read(3) == _BOM:
                offset = 3
        with pad.open("r", encoding="utf-8-sig", newline="") as handle:
            for regel in handle:
                regel_begin.append(offset)
                offset += len(regel.encode("utf-8"))
                yield regel

    oude_grens = csv.field_size_limit(invoerlimieten().max_regel_bytes)
    try:
        lezer = csv.reader(regels(), delimiter=scheidingsteken)
        vorige, kop_eind = 0, 0
        begin_regels: list[int] = []
        begin_bytes: list[int] = []
        for record in lezer:
            begin, vorige = vorige + 1, lezer.line_num
            if not record:
                continue  # a blank line: DuckDB skips it as well
            if not kop_eind:
                kop_eind = lezer.line_num
                continue
            begin_regels.append(begin)
            begin_bytes.append(regel_begin[begin - 1])
    except csv.Error:
        return None
    finally:
        csv.field_size_limit(oude_grens)
    return Regelkaart(pad, kop_eind or 1, begin_regels, begin_bytes)


def regelkaart(pad: Path, scheidingsteken: str) -> Regelkaart:
    """Where the records of `pad` (UTF-8) start. A file the csv module cannot walk (a stray
    quote, say) falls back to one record per line; DuckDB quarantines the odd line anyway."""
    if _is_eenvoudig(pad):
        return Regelkaart(pad, 1)
    return _ontleed(pad, scheidingsteken) or Regelkaart(pad, 1)
