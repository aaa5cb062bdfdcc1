"""Zip archives as a source: which members may be read, and reading them within bounds.

A delivered archive is hostile until proven otherwise. Its central directory (names, sizes,
flags) is read without unpacking anything; a member is refused when its name could point
outside a folder (absolute, `..`, a drive letter, backslash tricks), contains control
characters, is a link, is encrypted, or declares a size or compression ratio beyond the
limits. The declared sizes are then not trusted either: a member is read up to its declared
size plus one byte, and one that yields more or less is refused.

This module knows nothing of tables or messages; pipelines/ingest/sources.py decides what a
member is and lists the refusals with their reasons.
"""

from __future__ import annotations

import lzma
import os
import re
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, NamedTuple

from pipelines import opmaak
from pipelines.settings import Invoerlimieten

# Methods Python's zipfile unpacks; anything else (deflate64, PPMd, ...) cannot be read here.
_METHODEN = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
# Bit 0 of the general purpose flags: the member is encrypted.
_VERSLEUTELD = 0x1
# Below this size a member may compress extremely well without harm (a megabyte of spaces);
# the same floor as the Excel check in read_tabular.
_VERHOUDING_VANAF = 1024 * 1024
_BLOK = 1024 * 1024
# An archive inside an archive is unpacked into memory up to this size, beyond it to a
# private temporary file (0600, removed on close).
_GENESTE_IN_GEHEUGEN = 32 * 1024 * 1024

# C0 and C1 control characters, line and paragraph separators, BOM; NUL is among them.
STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_SCHEIDING = re.compile(r"[\\/]")
_STATION = re.compile(r"^[A-Za-z]:")

_EIND = struct.Struct("<4s4H2LH")
# The local file header before a member's data: signature, version, flags, method, time, date,
# CRC, sizes, name length, extra field length (APPNOTE 4.3.7).
_LOKALE_KOP = struct.Struct("<4s2B4HL2L2H")
# Bit 11 of the general purpose flags: the name is UTF-8 (else code page 437).
_UTF8_NAAM = 0x800
_ZIP64_WIJZER = struct.Struct("<4sLQL")
_ZIP64_EIND = struct.Struct("<4sQ2H2L4Q")


class ArchiefOnleesbaar(Exception):
    """The archive as a whole is not read; the message is Dutch and names the cause."""


class LidOnleesbaar(Exception):
    """One member cannot be read (CRC error, size lies, unknown method); Dutch message."""


def bytes_tekst(aantal: int) -> str:
    return f"{opmaak.getal(aantal)} bytes"


def lid_delen(naam: str) -> list[str]:
    """The parts of a member name; backslashes count as separators (old Windows tools)."""
    return [deel for deel in _SCHEIDING.split(naam) if deel not in ("", ".")]


# Names with only letters, digits, _ and - in parts joined by single dots and slashes: no
# control character, no absolute path, no `..` (a part cannot be empty or start with a dot).
_DEEL = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*"
GEWONE_LIDNAAM = re.compile(f"{_DEEL}(?:/{_DEEL})*")


def weigerreden(info: zipfile.ZipInfo, limieten: Invoerlimieten) -> str | None:
    """Why this member of an archive is not read, or None when it may be read."""
    # zipfile cuts a name at its first NUL; the name as stored is in orig_filename.
    naam = info.orig_filename
    if GEWONE_LIDNAAM.fullmatch(naam):
        return _grootte_en_methode(info, limieten)
    if STUURTEKENS.search(naam):
        return "de naam in het archief bevat stuurtekens (zoals NUL of een regeleinde); geweigerd"
    if naam.startswith(("/", "\\")) or _STATION.match(naam):
        return (
            "een absoluut pad in het archief; zo'n naam kan buiten de uitpakmap wijzen en "
            "wordt geweigerd"
        )
    if ".." in _SCHEIDING.split(naam):
        return "de naam in het archief bevat '..'; zo'n naam kan buiten de uitpakmap wijzen"
    return _grootte_en_methode(info, limieten)


def _grootte_en_methode(info: zipfile.ZipInfo, limieten: Invoerlimieten) -> str | None:
    """The checks that do not depend on the member's name."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return "een koppeling (symlink) in het archief; wordt niet gevolgd"
    if info.flag_bits & _VERSLEUTELD:
        return "versleuteld met een wachtwoord; lever het archief onversleuteld aan"
    if info.compress_type not in _METHODEN:
        return (
            f"ingepakt met een onbekende compressiemethode ({info.compress_type}); pak het "
            "archief opnieuw in met gewone zip-compressie (deflate)"
        )
    if info.file_size > limieten.max_uitgepakt_bytes:
        return (
            f"pakt uit tot {bytes_tekst(info.file_size)}, meer dan de grens van "
            f"{bytes_tekst(limieten.max_uitgepakt_bytes)} per bestand; verhoog zo nodig "
            "$SIGNAALMONITOR_MAX_UITGEPAKT_BYTES"
        )
    verhouding = info.file_size / max(info.compress_size, 1)
    if info.file_size > _VERHOUDING_VANAF and verhouding > limieten.max_zip_verhouding:
        return (
            f"pakt uit tot {bytes_tekst(info.file_size)} uit {bytes_tekst(info.compress_size)} "
            f"(verhouding {verhouding:.0f}:1, grens {limieten.max_zip_verhouding}:1); dit lijkt "
            "een zip-bom en wordt niet gelezen. Is het echt, verhoog dan "
            "$SIGNAALMONITOR_MAX_ZIP_VERHOUDING"
        )
    return None


def open_gewoon_bestand(pad: Path) -> IO[bytes]:
    """`pad` opened for reading, refused unless it is (still) a regular file.

    Listing saw a regular file, but it could have been replaced by a pipe since; opening
    without blocking and checking the opened file keeps a pipe from hanging the run.
    """
    try:
        handle = os.fdopen(os.open(pad, os.O_RDONLY | os.O_NONBLOCK), "rb")
    except OSError as fout:
        raise ArchiefOnleesbaar(f"niet te openen ({fout.strerror or fout}); niet gelezen") from None
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise ArchiefOnleesbaar("geen gewoon bestand (meer); niet gelezen")
    return handle


def opgegeven_aantal_leden(bestand: IO[bytes]) -> int | None:
    """The member count in the end record, read before zipfile parses the whole directory.

    zipfile builds an object per member; a directory claiming millions of members is refused
    on this number before that costs memory. None when the end record is not found (zipfile
    then reports the damage itself).
    """
    bestand.seek(0, 2)
    grootte = bestand.tell()
    staart_lengte = min(grootte, _EIND.size + 65535)
    bestand.seek(grootte - staart_lengte)
    staart = bestand.read(staart_lengte)
    plek = staart.rfind(b"PK\x05\x06")
    if plek < 0 or plek + _EIND.size > len(staart):
        return None
    totaal = int(_EIND.unpack_from(staart, plek)[4])
    wijzer_plek = grootte - staart_lengte + plek - _ZIP64_WIJZER.size
    if totaal != 0xFFFF or wijzer_plek < 0:
        return totaal
    bestand.seek(wijzer_plek)
    wijzer = bestand.read(_ZIP64_WIJZER.size)
    if len(wijzer) < _ZIP64_WIJZER.size or not wijzer.startswith(b"PK\x06\x07"):
        return totaal
    bestand.seek(_ZIP64_WIJZER.unpack(wijzer)[2])
    eind64 = bestand.read(_ZIP64_EIND.size)
    if len(eind64) < _ZIP64_EIND.size or not eind64.startswith(b"PK\x06\x06"):
        return None
    return int(_ZIP64_EIND.unpack(eind64)[7])


def open_archief(bestand: IO[bytes], limieten: Invoerlimieten) -> zipfile.ZipFile:
    """A ZipFile over `bestand`, or ArchiefOnleesbaar with the reason in Dutch."""
    try:
        aantal = opgegeven_aantal_leden(bestand)
        if aantal is not None and aantal > limieten.max_archiefleden:
            raise ArchiefOnleesbaar(_te_veel_leden(aantal, limieten))
        bestand.seek(0)
        return zipfile.ZipFile(bestand)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as fout:
        raise ArchiefOnleesbaar(
            f"geen geldig zip-archief of beschadigd ({fout}); niet gelezen"
        ) from None


def _te_veel_leden(aantal: int, limieten: Invoerlimieten) -> str:
    return (
        f"het archief bevat {opmaak.getal(aantal)} bestanden, meer dan de grens van "
        f"{opmaak.getal(limieten.max_archiefleden)}; niet gelezen. Verhoog zo nodig "
        "$SIGNAALMONITOR_MAX_ARCHIEFLEDEN"
    )


class Archiefbudget:
    """What one archive (with the archives inside it) may unpack to, summed while listing."""

    def __init__(self, limieten: Invoerlimieten) -> None:
        self.limieten = limieten
        self.leden = 0
        self.uitgepakt = 0

    def tel(self, leden: list[zipfile.ZipInfo]) -> None:
        self.leden += len(leden)
        self.uitgepakt += sum(lid.file_size for lid in leden)
        if self.leden > self.limieten.max_archiefleden:
            raise ArchiefOnleesbaar(_te_veel_leden(self.leden, self.limieten))
        if self.uitgepakt > self.limieten.max_archief_bytes:
            raise ArchiefOnleesbaar(
                f"het archief pakt uit tot meer dan {bytes_tekst(self.uitgepakt)}, boven de grens "
                f"van {bytes_tekst(self.limieten.max_archief_bytes)}; dit lijkt een zip-bom en "
                "wordt niet gelezen. Is het archief echt zo groot, verhoog dan "
                "$SIGNAALMONITOR_MAX_ARCHIEF_BYTES"
            )


def lees_lid(
    archief: zipfile.ZipFile,
    naam: str,
    limieten: Invoerlimieten,
    schrijf: Callable[[bytes], object] | None = None,
) -> bytes:
    """A member's content (or, with `schrijf`, handed over in blocks), checked against its
    declared size: reading stops one byte past it, and a member that yields more or less than
    its directory says is refused, as is one the limits refuse (the archive may have changed
    since it was listed)."""
    try:
        info = archief.getinfo(naam)
    except KeyError:
        raise LidOnleesbaar("staat niet (meer) in het archief") from None
    reden = weigerreden(info, limieten)
    if reden is not None:
        raise LidOnleesbaar(reden)
    verwacht = info.file_size
    try:
        with archief.open(info) as stroom:
            if schrijf is None:
                inhoud = stroom.read(verwacht + 1)
                gelezen = len(inhoud)
            else:
                inhoud, gelezen = b"", 0
                while blok := stroom.read(min(_BLOK, verwacht + 1 - gelezen)):
                    gelezen += len(blok)
                    if gelezen > verwacht:
                        break
                    schrijf(blok)
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as fout:
        raise LidOnleesbaar(f"beschadigd in het archief ({fout}); niet gelezen") from None
    if gelezen != verwacht:
        meer_minder = "meer" if gelezen > verwacht else "minder"
        raise LidOnleesbaar(
            f"pakt uit tot {meer_minder} dan de {bytes_tekst(verwacht)} die het archief opgeeft; "
            "het archief is beschadigd of misleidend en dit bestand wordt niet gelezen"
        )
    return inhoud


class Lidplek(NamedTuple):
    """Where a member of an archive on disk lies, as its central directory says (picklable).

    Enough to read the member straight from the file (`lees_lid_direct`) in another process,
    without reading the central directory of an archive with 50,000 members again.
    """

    kop: int  # offset of the local file header
    naam: str  # the name as stored (orig_filename)
    ingepakt: int
    grootte: int
    methode: int
    crc: int

    @classmethod
    def van(cls, info: zipfile.ZipInfo) -> Lidplek:
        return cls(
            info.header_offset,
            info.orig_filename,
            info.compress_size,
            info.file_size,
            info.compress_type,
            info.CRC,
        )


# Room read past the name for the local extra field in one go; a longer one costs a second read.
_EXTRA_MARGE = 64


def lees_lid_direct(bestand: int, plek: Lidplek) -> bytes | None:
    """A stored or deflated member read from the open file `bestand` at `plek`, or None.

    The fast way for archives with tens of thousands of small messages: one pread and one
    inflate per member, where zipfile builds a stream object with a lock and a shared file
    per member. It is only taken when everything checks: the local header is a local header
    for this name, unencrypted, with the method of the directory, and the data inflates to
    exactly the declared size with the declared CRC. Anything else returns None and the caller
    reads the member with `lees_lid`, which says in Dutch what is wrong (one place for those
    messages). The member's name and limits were checked when the archive was listed.
    """
    if plek.methode not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    lengte = _LOKALE_KOP.size + len(plek.naam.encode("utf-8", "surrogateescape"))
    try:
        blok = os.pread(bestand, lengte + _EXTRA_MARGE + plek.ingepakt, plek.kop)
        if len(blok) < _LOKALE_KOP.size:
            return None
        kop = _LOKALE_KOP.unpack_from(blok)
        handtekening, vlaggen, methode, naamlengte, extralengte = (
            kop[0],
            kop[3],
            kop[4],
            kop[10],
            kop[11],
        )
        if handtekening != b"PK\x03\x04" or vlaggen & _VERSLEUTELD or methode != plek.methode:
            return None
        ruwe_naam = blok[_LOKALE_KOP.size : _LOKALE_KOP.size + naamlengte]
        naam = ruwe_naam.decode("utf-8" if vlaggen & _UTF8_NAAM else "cp437", "replace")
        if naam != plek.naam:
            return None
        begin = _LOKALE_KOP.size + naamlengte + extralengte
        if begin + plek.ingepakt > len(blok):
            blok = os.pread(bestand, begin + plek.ingepakt, plek.kop)
            if len(blok) < begin + plek.ingepakt:
                return None
        data = blok[begin : begin + plek.ingepakt]
        if methode == zipfile.ZIP_STORED:
            inhoud = data
        else:
            # Inflating stops one byte past the declared size: a member that lies about its
            # size cannot make this allocate more.
            inhoud = zlib.decompressobj(-15).decompress(data, plek.grootte + 1)
    except (OSError, zlib.error, ValueError, OverflowError):
        return None
    if len(inhoud) != plek.grootte or zlib.crc32(inhoud) != plek.crc:
        return None
    return inhoud


class Archiefketen:
    """Open archives along a member path, kept open for the next member of the same archive.

    Reading 58,680 messages from one zip opens that zip once; an archive inside it is
    unpacked once (in memory, or in a private temporary file when large) and kept open while
    its members follow one another.
    """

    def __init__(self, limieten: Invoerlimieten) -> None:
        self.limieten = limieten
        # Per level: (key, archive, what to close). Level 0 is the archive on disk.
        self._open: list[tuple[tuple[object, ...], zipfile.ZipFile, IO[bytes]]] = []
        # Archives on disk opened for direct member reads (lees_direct), with their file.
        self._direct: dict[Path, IO[bytes]] = {}

    def lees_direct(self, pad: Path, plek: Lidplek) -> bytes | None:
        """A member of the archive `pad` straight from the file (`lees_lid_direct`), or None
        when that way does not apply; the file is opened once and kept open."""
        bestand = self._direct.get(pad)
        if bestand is None:
            try:
                bestand = self._direct[pad] = open_gewoon_bestand(pad)
            except ArchiefOnleesbaar:
                return None  # read the usual way, which says why
        return lees_lid_direct(bestand.fileno(), plek)

    def archief(self, pad: Path, binnen: tuple[str, ...]) -> zipfile.ZipFile:
        """The archive holding a member whose outer path is `binnen` inside the file `pad`."""
        sleutels = [(pad, *binnen[:niveau]) for niveau in range(len(binnen) + 1)]
        gedeeld = 0
        while (
            gedeeld < min(len(self._open), len(sleutels))
            and self._open[gedeeld][0] == sleutels[gedeeld]
        ):
            gedeeld += 1
        self._sluit_vanaf(gedeeld)
        for niveau in range(gedeeld, len(sleutels)):
            bestand: IO[bytes]
            if niveau == 0:
                bestand = open_gewoon_bestand(pad)
            else:
                # Kept open with its archive; closed in _sluit_vanaf.
                bestand = tempfile.SpooledTemporaryFile(max_size=_GENESTE_IN_GEHEUGEN)  # noqa: SIM115
                try:
                    lees_lid(self._open[-1][1], binnen[niveau - 1], self.limieten, bestand.write)
                except LidOnleesbaar as fout:
                    bestand.close()
                    raise ArchiefOnleesbaar(str(fout)) from None
            try:
                archief = open_archief(bestand, self.limieten)
            except ArchiefOnleesbaar:
                bestand.close()
                raise
            self._open.append((sleutels[niveau], archief, bestand))
        return self._open[-1][1]

    def _sluit_vanaf(self, niveau: int) -> None:
        while len(self._open) > niveau:
            _, archief, bestand = self._open.pop()
            archief.close()
            bestand.close()

    def sluit(self) -> None:
        self._sluit_vanaf(0)
        for bestand in self._direct.values():
            bestand.close()
        self._direct.clear()
