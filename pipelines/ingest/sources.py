"""Turning the SOURCE arguments of `ingest` into the files to load, and what is not loaded.

A source is a file, a folder (walked recursively) or a zip archive (also inside a folder or
inside another archive). Every file found is either a `Bronbestand` to load or an
`Overgeslagen` with a Dutch reason: nothing is skipped silently, so a user who hands over an
archive of 58,680 messages can see what happened to each of them.

Listing is cheap: folders are walked and only the central directories of archives are read
(an archive inside an archive is unpacked to read its directory). `met_inhoud` then streams
the content, opening each archive once.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import shutil
import stat
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipelines.contract import herken_tabel
from pipelines.ingest.archief import (
    GEWONE_LIDNAAM,
    Archiefbudget,
    Archiefketen,
    ArchiefOnleesbaar,
    LidOnleesbaar,
    Lidplek,
    bytes_tekst,
    lees_lid,
    lid_delen,
    open_gewoon_bestand,
    weigerreden,
)
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.settings import Invoerlimieten, invoerlimieten

_DATA_EXTENSIONS = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".parquet", ".xml"}
_ARCHIEF_EXTENSIES = {".zip"}
# What operating systems and archivers leave behind next to the data (lower case).
_SYSTEEMNAMEN = {"__macosx", "thumbs.db", "desktop.ini", "ehthumbs.db"}

REDEN_GEEN_DATA = "geen contracttabel of iWmo-XML (naam of extensie)"
REDEN_VERBORGEN = (
    "verborgen bestand of systeembestand (zoals .DS_Store, __MACOSX of Thumbs.db); niet gelezen"
)
REDEN_VERBORGEN_MAP = (
    "verborgen map of systeemmap (zoals .git of __MACOSX); de inhoud wordt niet gelezen"
)
REDEN_KOPPELING = "een koppeling (symlink); wordt in een map niet gevolgd"
REDEN_LUS = "een koppeling (symlink) die in een kring naar zichzelf terugwijst; niet gevolgd"
REDEN_MAPLUS = "een map die al eerder in deze bron voorkwam (een kring van mappen); niet gevolgd"
REDEN_DUBBEL = (
    "de naam komt meer dan eens voor in het archief; welke de juiste is, is niet te zeggen, "
    "dus geen van beide wordt gelezen"
)

# Shown in place of a control character or an undecodable byte (surrogate) in a name.
_VERVANGTEKEN = "\ufffd"
# The control characters of archief.STUURTEKENS, bidirectional overrides (which make a name
# read differently on screen) and lone surrogates (bytes of a file name that are no UTF-8,
# which would break printing or storing the name).
_ONTOONBAAR = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_VEILIG_IN_BESTANDSNAAM = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class Bronbestand:
    """One file to load: a file on disk or a member of a (nested) zip archive."""

    # Shown to users and stored: the path from the SOURCE argument's own name, "/"-separated;
    # for a member "<archive>/<member path>" ("a.zip/b/c.zip/d.xml"). Data, never SQL text.
    naam: str
    # The file on disk: the file itself, or the outermost archive it sits in.
    pad: Path
    # Member path per archive level: () for a file, ("301/b1.xml",), ("b/c.zip", "d.xml").
    lid: tuple[str, ...] = ()
    # Size in bytes (unpacked size as declared by the archive, checked when read).
    grootte: int = 0
    # For a member of an archive on disk (not nested): where it lies, so it can be read
    # straight from the file without the archive's central directory (archief.Lidplek).
    plek: Lidplek | None = None

    @property
    def archief(self) -> Path | None:
        return self.pad if self.lid else None

    @property
    def opslagpad(self) -> str:
        """Where it is, as the load register records it: the file, or "<archive>!<member>"."""
        return str(self.pad) + ("!" + "/".join(self.lid) if self.lid else "")

    @property
    def extensie(self) -> str:
        return _extensie(self.naam.rsplit("/", 1)[-1])

    def lees(self) -> bytes:
        """The whole content, within the limits; OnleesbaarBestand (Dutch) when it cannot be."""
        for _, inhoud in met_inhoud([self]):
            if isinstance(inhoud, OnleesbaarBestand):
                raise inhoud
            return inhoud
        raise AssertionError("met_inhoud geeft voor elk bestand een uitkomst")


@dataclass(frozen=True)
class Overgeslagen:
    """A file that is not loaded, with the reason in plain Dutch."""

    naam: str  # as Bronbestand.naam
    pad: Path  # the file on disk, or the outermost archive
    reden: str
    # "overgeslagen": not data (another kind of file, a link, a hidden file);
    # "geweigerd": data that is refused (a zip bomb, a path trick, a damaged archive).
    soort: str = "overgeslagen"


def toonbare_naam(naam: str) -> str:
    """A name safe to print: control characters and undecodable bytes replaced."""
    return _ONTOONBAAR.sub(_VERVANGTEKEN, naam)


def _bronnaam(bron: Path) -> str:
    """The SOURCE argument's own name: what every name found under it starts with."""
    return toonbare_naam(os.path.basename(os.path.abspath(bron)) or str(bron))


def _geen_gewoon_bestand(modus: int) -> str | None:
    """Why a file of this mode is not read (a pipe, device or socket would hang or mislead)."""
    if stat.S_ISREG(modus):
        return None
    if stat.S_ISDIR(modus):
        return "een map, geen bestand"
    if stat.S_ISFIFO(modus):
        return "een pipe (FIFO), geen gewoon bestand; zo'n bestand kan het inlezen laten hangen"
    return "geen gewoon bestand (apparaat of socket)"


# A member name that needs none of the checks on characters and path parts (see `leden`).
_GEWONE_LIDNAAM = re.compile(
    r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)*"
)


def _is_systeemnaam(deel: str) -> bool:
    return deel.startswith(".") or deel.lower() in _SYSTEEMNAMEN


def _extensie(bestandsnaam: str) -> str:
    # posixpath.splitext, not PurePosixPath: called per member of archives with 100,000s.
    return posixpath.splitext(bestandsnaam)[1].lower()


def _is_data(bestandsnaam: str) -> bool:
    suffix = _extensie(bestandsnaam)
    return suffix == ".xml" or (
        suffix in _DATA_EXTENSIONS and herken_tabel(bestandsnaam) is not None
    )


def _is_archief(bestandsnaam: str) -> bool:
    return _extensie(bestandsnaam) in _ARCHIEF_EXTENSIES


class _Archieflijst:
    """The members of one archive on disk (and of the archives inside it), listed together so
    that a limit passed anywhere refuses the archive whole."""

    def __init__(self, pad: Path, limieten: Invoerlimieten) -> None:
        self.pad = pad
        self.limieten = limieten
        self.keten = Archiefketen(limieten)
        self.budget = Archiefbudget(limieten)
        self.bestanden: list[Bronbestand] = []
        self.overgeslagen: list[Overgeslagen] = []

    def sla_over(self, naam: str, reden: str, soort: str = "overgeslagen") -> None:
        self.overgeslagen.append(Overgeslagen(naam, self.pad, reden, soort))

    def leden(self, archief: zipfile.ZipFile, naam: str, binnen: tuple[str, ...]) -> None:
        """The members of `archief` (named `naam`, at member path `binnen` in the file)."""
        # Directory entries are no files; nothing is made of them, whatever their names.
        leden = [info for info in archief.infolist() if not info.orig_filename.endswith("/")]
        self.budget.tel(leden)
        hoe_vaak = Counter(info.filename for info in leden)
        for info in leden:
            if GEWONE_LIDNAAM.fullmatch(info.orig_filename):
                # The common case, cheaply: letters, digits, _ and -, parts joined by single
                # dots and slashes; no control characters, no absolute path, no `..`, no hidden
                # part, nothing to replace for display. An archive has tens of thousands.
                delen = info.orig_filename.split("/")
                lidnaam = f"{naam}/{info.orig_filename}"
            else:
                # Users see the name as stored (zipfile's own cuts it at a NUL).
                getoond = "/".join(lid_delen(info.orig_filename)) or info.orig_filename
                lidnaam = f"{naam}/{toonbare_naam(getoond)}"
                delen = lid_delen(info.filename)
            reden = weigerreden(info, self.limieten)
            if reden is None and hoe_vaak[info.filename] > 1:
                reden = REDEN_DUBBEL
            if reden is not None:
                self.sla_over(lidnaam, reden, "geweigerd")
            elif not delen or any(_is_systeemnaam(deel) for deel in delen):
                self.sla_over(lidnaam, REDEN_VERBORGEN)
            elif _is_archief(delen[-1]):
                self.genest(lidnaam, (*binnen, info.filename))
            elif _is_data(delen[-1]):
                lid = (*binnen, info.filename)
                plek = None if binnen else Lidplek.van(info)
                self.bestanden.append(Bronbestand(lidnaam, self.pad, lid, info.file_size, plek))
            else:
                self.sla_over(lidnaam, REDEN_GEEN_DATA)

    def genest(self, naam: str, lid: tuple[str, ...]) -> None:
        """An archive inside an archive: listed like its parent, down to the nesting limit."""
        diepte = len(lid) + 1  # the archive on disk is depth 1
        if diepte > self.limieten.max_archiefnesting:
            self.sla_over(
                naam,
                f"een archief dat {diepte} archieven diep zit, dieper dan de grens van "
                f"{self.limieten.max_archiefnesting}; niet uitgepakt. Verhoog zo nodig "
                "$SIGNAALMONITOR_MAX_ARCHIEFNESTING",
                "geweigerd",
            )
            return
        try:
            binnenste = self.keten.archief(self.pad, lid)
        except ArchiefOnleesbaar as fout:
            self.sla_over(naam, str(fout), "geweigerd")
            return
        # A limit passed in here raises on: the budget covers all levels.
        self.leden(binnenste, naam, lid)
        # Back to the parent for its next member (closes this one).
        self.keten.archief(self.pad, lid[:-1])


class _Verzameling:
    """The two lists `bronbestanden_in` builds, with the limits read once."""

    def __init__(self) -> None:
        self.limieten: Invoerlimieten = invoerlimieten()
        self.bestanden: list[Bronbestand] = []
        self.overgeslagen: list[Overgeslagen] = []

    def sla_over(self, naam: str, pad: Path, reden: str, soort: str = "overgeslagen") -> None:
        self.overgeslagen.append(Overgeslagen(naam, pad, reden, soort))

    def bestand_in_map(self, naam: str, pad: Path, grootte: int) -> None:
        """A regular file found in a folder: data, an archive, or listed with the reason."""
        basisnaam = pad.name
        if _is_systeemnaam(basisnaam):
            self.sla_over(naam, pad, REDEN_VERBORGEN)
        elif _is_archief(basisnaam):
            self.archief(naam, pad)
        elif _is_data(basisnaam):
            self.bestanden.append(Bronbestand(naam, pad, (), grootte))
        else:
            self.sla_over(naam, pad, REDEN_GEEN_DATA)

    def map(self, naam: str, pad: Path) -> None:
        """Walk a folder recursively without following links (they could point anywhere)."""
        gezien: set[tuple[int, int]] = set()
        te_doen = [(naam, pad)]
        while te_doen:
            mapnaam, mappad = te_doen.pop()
            try:
                toestand = mappad.stat()
                sleutel = (toestand.st_dev, toestand.st_ino)
                if sleutel in gezien:
                    self.sla_over(mapnaam, mappad, REDEN_MAPLUS, "geweigerd")
                    continue
                gezien.add(sleutel)
                with os.scandir(mappad) as items:
                    inhoud = list(items)
            except OSError as fout:
                self.sla_over(
                    mapnaam, mappad, f"map niet te openen ({fout.strerror or fout})", "geweigerd"
                )
                continue
            for item in inhoud:
                itemnaam = f"{mapnaam}/{toonbare_naam(item.name)}"
                itempad = Path(item.path)
                try:
                    if item.is_symlink():
                        self.sla_over(itemnaam, itempad, REDEN_KOPPELING)
                        continue
                    toestand = item.stat(follow_symlinks=False)
                except OSError as fout:
                    self.sla_over(
                        itemnaam, itempad, f"niet te openen ({fout.strerror or fout})", "geweigerd"
                    )
                    continue
                modus = toestand.st_mode
                if stat.S_ISDIR(modus):
                    if _is_systeemnaam(item.name):
                        self.sla_over(itemnaam, itempad, REDEN_VERBORGEN_MAP)
                    else:
                        te_doen.append((itemnaam, itempad))
                    continue
                reden = _geen_gewoon_bestand(modus)
                if reden is not None:
                    self.sla_over(itemnaam, itempad, reden)
                    continue
                self.bestand_in_map(itemnaam, itempad, toestand.st_size)

    def archief(self, naam: str, pad: Path) -> None:
        """List an archive's members; refused whole when it is damaged or beyond the limits."""
        lijst = _Archieflijst(pad, self.limieten)
        try:
            lijst.leden(lijst.keten.archief(pad, ()), naam, ())
        except ArchiefOnleesbaar as fout:
            self.sla_over(naam, pad, str(fout), "geweigerd")
            return
        finally:
            lijst.keten.sluit()
        self.bestanden += lijst.bestanden
        self.overgeslagen += lijst.overgeslagen

    def argument(self, bron: Path) -> None:
        """One SOURCE argument: a file (always tried), a folder or an archive."""
        naam = _bronnaam(bron)
        try:
            eigen = bron.lstat()
        except OSError as fout:
            self.sla_over(naam, bron, f"niet te openen ({fout.strerror or fout})", "geweigerd")
            return
        modus = eigen.st_mode
        grootte = eigen.st_size
        if stat.S_ISLNK(modus):
            # Named explicitly, a link is followed once; a loop is refused.
            try:
                bron.resolve(strict=True)
                doel = bron.stat()
            except RuntimeError:
                self.sla_over(naam, bron, REDEN_LUS, "geweigerd")
                return
            except OSError as fout:
                waarom = (
                    REDEN_LUS
                    if fout.errno == errno.ELOOP
                    else f"een koppeling naar iets dat niet te openen is ({fout.strerror or fout})"
                )
                self.sla_over(naam, bron, waarom, "geweigerd")
                return
            modus, grootte = doel.st_mode, doel.st_size
        if stat.S_ISDIR(modus):
            self.map(naam, bron)
            return
        reden = _geen_gewoon_bestand(modus)
        if reden is not None:
            self.sla_over(naam, bron, reden)
        elif _is_archief(bron.name):
            self.archief(naam, bron)
        else:
            self.bestanden.append(Bronbestand(naam, bron, (), grootte))


def bronbestanden_in(bronnen: list[Path]) -> tuple[list[Bronbestand], list[Overgeslagen]]:
    """Files to load and files not loaded (with the reason), both sorted by name.

    A file named explicitly is always tried (and refused with a reason if unreadable), unless
    it is no regular file. In a folder, walked recursively, only regular files count whose
    name is a contract table with a data extension, or XML; links in a folder are not followed,
    since a delivered folder could point at any file of this machine. Zip archives, named or
    found, are opened and their members treated like a folder's files.
    """
    verzameling = _Verzameling()
    for bron in bronnen:
        verzameling.argument(bron)
    return (
        sorted(verzameling.bestanden, key=lambda b: (b.naam, str(b.pad), b.lid)),
        sorted(verzameling.overgeslagen, key=lambda o: (o.naam, str(o.pad))),
    )


def _lees_bestand(bron: Bronbestand, limieten: Invoerlimieten) -> bytes:
    grens = limieten.max_uitgepakt_bytes
    try:
        with open_gewoon_bestand(bron.pad) as handle:
            inhoud = handle.read(grens + 1)
    except OSError as fout:
        raise LidOnleesbaar(f"niet te lezen ({fout.strerror or fout})") from None
    if len(inhoud) > grens:
        raise LidOnleesbaar(
            f"groter dan de grens van {bytes_tekst(grens)} om in het geheugen te lezen; "
            "verhoog zo nodig $SIGNAALMONITOR_MAX_UITGEPAKT_BYTES"
        )
    return inhoud


def met_inhoud(
    bestanden: Iterable[Bronbestand],
    keten: Archiefketen | None = None,
) -> Iterator[tuple[Bronbestand, bytes | OnleesbaarBestand]]:
    """Each file with its content, in the given order; a file that cannot be read comes with
    an OnleesbaarBestand (Dutch, starting with its name) instead, and the rest still follows.

    An archive is opened once for all its members that follow one another (a sorted list from
    `bronbestanden_in` keeps them together). A caller that reads one archive in several
    calls passes its own `keten`, which then stays open (the central directory of an archive
    with 50,000 members costs a good part of a second to read).
    """
    limieten = invoerlimieten()
    eigen_keten = keten is None
    keten = keten or Archiefketen(limieten)
    try:
        for bron in bestanden:
            try:
                if bron.lid:
                    direct = None if bron.plek is None else keten.lees_direct(bron.pad, bron.plek)
                    if direct is not None:
                        yield bron, direct
                        continue
                    archief = keten.archief(bron.pad, bron.lid[:-1])
                    inhoud = lees_lid(archief, bron.lid[-1], limieten)
                else:
                    inhoud = _lees_bestand(bron, limieten)
            except (LidOnleesbaar, ArchiefOnleesbaar) as fout:
                yield bron, OnleesbaarBestand(f"{bron.naam}: {fout}")
                continue
            yield bron, inhoud
    finally:
        if eigen_keten:
            keten.sluit()


def _tijdelijke_naam(bron: Bronbestand) -> str:
    """The member's own file name, reduced to safe characters (readers recognise the table by
    its prefix and the format by its extension); never a path, so it stays in its folder."""
    eigen = bron.lid[-1] if bron.lid else bron.pad.name
    delen = lid_delen(eigen)
    naam = _VEILIG_IN_BESTANDSNAAM.sub("_", delen[-1] if delen else "")
    naam = naam.lstrip(".")[-120:]
    return naam or "bestand"


@contextmanager
def als_bestand(bron: Bronbestand) -> Iterator[Path]:
    """A path on disk for readers that need one: the file itself, or for an archive member a
    private temporary copy (0600 in a 0700 folder) that is removed afterwards."""
    if not bron.lid:
        yield bron.pad
        return
    limieten = invoerlimieten()
    map_ = Path(tempfile.mkdtemp(prefix="signaalmonitor-"))
    keten = Archiefketen(limieten)
    try:
        doel = map_ / _tijdelijke_naam(bron)
        vlaggen = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(doel, vlaggen, 0o600), "wb") as uit:
            try:
                archief = keten.archief(bron.pad, bron.lid[:-1])
                lees_lid(archief, bron.lid[-1], limieten, uit.write)
            except (LidOnleesbaar, ArchiefOnleesbaar) as fout:
                raise OnleesbaarBestand(f"{bron.naam}: {fout}") from None
        keten.sluit()
        yield doel
    finally:
        keten.sluit()
        shutil.rmtree(map_, ignore_errors=True)
