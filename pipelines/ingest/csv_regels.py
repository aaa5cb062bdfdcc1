"""Physical line numbers of CSV records, so a quarantine reason points at the user's own line.

DuckDB reads the rows but numbers them as records: a blank line or a line break inside a
quoted cell shifts everything after it. The file itself tells where each record starts:

- the common case (no quote character, no blank line) needs no parsing: record n is line n;
- otherwise Python's csv module walks the file once and records the first line of every
  record; DuckDB's reject table numbers records the same way (blank lines counted, a record
  with a line break in a quoted cell counted once).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.settings import invoerlimieten

_BLOK = 1024 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Regelkaart:
    # Last physical line of the header record (1 unless a header cell holds a line break).
    kop_eind: int = 1
    # Only when the file needed parsing: the first physical line of every record in file
    # order, header and blank lines included (DuckDB's `line` in its reject table counts
    # records the same way), and which of them are non-blank data records.
    begin_per_record: list[int] | None = None
    data_records: list[int] | None = None

    def data_regels(self, aantal: int) -> Sequence[int]:
        """The first physical line of each of the first `aantal` data records."""
        if self.begin_per_record is None or self.data_records is None:
            return range(self.kop_eind + 1, self.kop_eind + 1 + aantal)
        return [self.begin_per_record[i] for i in self.data_records[:aantal]]

    def regels_van_records(self, records: list[int]) -> list[int]:
        """The first physical line of each record, by its 1-based number as DuckDB reports it."""
        if self.begin_per_record is None:
            return list(records)
        laatste = len(self.begin_per_record) - 1
        return [self.begin_per_record[min(max(r - 1, 0), laatste)] for r in records]


def _blanco_of_quote(stuk: bytes) -> bool:
    """A quote character or a blank line (LF, CRLF or CR line ends) in `stuk`."""
    # rfind rather than `in`: for a two-byte pattern whose first byte is everywhere (a newline)
    # CPython's reverse search is about three times faster. The patterns with a carriage
    # return are only searched for where there is one (a single-byte search is faster still).
    if b'"' in stuk or stuk.rfind(b"\n\n") >= 0:
        return True
    return b"\r" in stuk and (stuk.rfind(b"\n\r\n") >= 0 or stuk.rfind(b"\r\r") >= 0)


def _is_eenvoudig(pad: Path) -> bool:
    """No quote character and no blank line anywhere: one record per line."""
    vorige = b""
    with pad.open("rb") as handle:
        eerste = handle.read(_BLOK)
        if eerste.removeprefix(_BOM)[:1] in (b"\n", b"\r"):
            return False
        blok = eerste
        while blok:
            # A pattern across the block boundary lies within the previous block's last two
            # bytes and this block's first two; the block itself is searched without first
            # copying it behind those.
            if _blanco_of_quote(blok) or _blanco_of_quote(vorige + blok[:2]):
                return False
            vorige = (vorige + blok[-2:])[-2:]
            blok = handle.read(_BLOK)
    return True


def _ontleed(pad: Path, scheidingsteken: str) -> Regelkaart | None:
    oude_grens = csv.field_size_limit(invoerlimieten().max_regel_bytes)
    try:
        with pad.open("r", encoding="utf-8-sig", newline="") as handle:
            lezer = csv.reader(handle, delimiter=scheidingsteken)
            vorige, kop_eind = 0, 0
            begin_per_record: list[int] = []
            data_records: list[int] = []
            for record in lezer:
                begin_per_record.append(vorige + 1)
                vorige = lezer.line_num
                if not record:
                    continue  # a blank line: DuckDB skips it as well (but counts it)
                if not kop_eind:
                    kop_eind = lezer.line_num
                    continue
                data_records.append(len(begin_per_record) - 1)
    except csv.Error:
        return None
    finally:
        csv.field_size_limit(oude_grens)
    return Regelkaart(kop_eind or 1, begin_per_record, data_records)


def regelkaart(pad: Path, scheidingsteken: str) -> Regelkaart:
    """Where the records of `pad` (UTF-8) start. A file the csv module cannot walk (a stray
    quote, say) falls back to one record per line; DuckDB quarantines the odd line anyway."""
    if _is_eenvoudig(pad):
        return Regelkaart()
    return _ontleed(pad, scheidingsteken) or Regelkaart()
