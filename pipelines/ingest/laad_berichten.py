"""Loading many iWmo/iJw messages at once: read in parallel, write in batches.

A gemeente's archive holds tens of thousands of small messages (one 301 per client per change,
one 323 per declaration). Loading them one transaction per file costs a second each; here
they are

1. read in worker processes (lxml, no database) in chunks, each message hashed so a message
   that is already in the load register is not parsed again;
2. collected per contract table into a batch of many messages, and
3. written with the same validation, pseudonymisation and write path as a tabular file
   (`load_file.verwerk_en_schrijf`), one transaction per batch.

Every message keeps its own identity: its own bestand_id and load-register row (name inside
the archive, BerichtIdentificatie, content hash), so re-loading is idempotent per message, and
its rows can be traced to it. A message that cannot be read is recorded whole in
beheer.niet_geladen with its reason; the rest of the batch loads.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.contract import TABELLEN
from pipelines.ingest.archief import Archiefketen
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.load_file import (
    Herkomst,
    Verwerkt,
    berichtformaat,
    invoerkolommen,
    laadcatalogus,
    verwerk_en_schrijf,
)
from pipelines.ingest.sources import Bronbestand, met_inhoud
from pipelines.privacy import Pseudonimiseerder
from pipelines.settings import invoerlimieten

# Messages per worker task: large enough that pickling and scheduling are noise, small enough
# that progress moves and both workers stay busy.
BERICHTEN_PER_TAAK = 1000
# A batch is written when it holds this many rows or messages (memory stays bounded: some
# 60 MB of text), and when the messages of its table stop coming. Every batch costs a fixed
# few tenths of a second (planning the validation query, the transaction), so fewer and
# larger batches load faster: measured on the demo archive (72,199 messages), batches of
# 50,000 rows took 10.7 s, of 250,000 rows 9.8 s.
MAX_RIJEN_PER_BATCH = 250_000
MAX_BERICHTEN_PER_BATCH = 50_000
# Below this many messages the worker processes cost more than they save.
MIN_BERICHTEN_VOOR_PROCESSEN = 400
PROCESSEN_ENV = "SIGNAALMONITOR_INLEESPROCESSEN"
# Chunks read ahead per worker: both stay busy, and memory stays bounded on a national archive.
REEKSEN_ONDERWEG_PER_PROCES = 4


@contextmanager
def zonder_kringloopopruiming() -> Iterator[None]:
    """Python's cycle collector paused while an archive is listed, read and loaded.

    Every collection of the oldest generation walks every live object, and loading an archive
    keeps hundreds of thousands alive (a source, an origin and an outcome per message), none of
    them in a cycle: the collector ran ever longer for nothing (measured: 2 s CPU of a 12 s
    load of 72,199 messages). Reference counting still frees everything as before; a cycle
    made meanwhile is collected once the collector is back on.
    """
    was_aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_aan:
            gc.enable()


@dataclass
class Berichtuitkomst:
    """What became of one message."""

    bron: Bronbestand
    status: str  # "geladen" | "al_geladen" | "geweigerd"
    reden: str = ""
    inhoud_hash: str | None = None
    tabel: str | None = None
    verwerkt: Verwerkt | None = None


class _Berichtinfo(NamedTuple):
    """What a worker found out about one message (picklable)."""

    status: str  # "nieuw" | "al_geladen" | "geweigerd"
    reden: str = ""
    inhoud_hash: str | None = None
    tabel: str | None = None
    berichttype: str = ""
    release: str = ""
    domein: str = "wmo"
    berichtidentificatie: str | None = None


@dataclass
class _Gelezen:
    """A worker's result for one chunk of messages (picklable)."""

    berichten: list[_Berichtinfo]
    # Per table: the rows of the chunk, text columns + regelnummer + `bericht` (index above).
    rijen: dict[str, pa.Table]


_bekende_hashes: frozenset[str] = frozenset()
# Open archives of this process, kept across chunks: reopening a zip with 50,000 members per
# chunk of 1,000 would read its central directory fifty times.
_keten: Archiefketen | None = None


def _zet_bekende_hashes(hashes: frozenset[str]) -> None:
    global _bekende_hashes, _keten
    _bekende_hashes = hashes
    if _keten is not None:
        _keten.sluit()
    _keten = Archiefketen(invoerlimieten())


def _sluit_archieven() -> None:
    global _keten
    if _keten is not None:
        _keten.sluit()
        _keten = None


def _onverwacht(naam: str, fout: Exception) -> str:
    return (
        f"{naam}: kon niet worden gelezen door een onverwachte fout "
        f"({type(fout).__name__}: {fout}); de andere berichten worden wel geladen."
    )


def lees_reeks(bronnen: list[Bronbestand]) -> _Gelezen:
    """Read a chunk of messages into columnar rows per table (runs in a worker process)."""
    with zonder_kringloopopruiming():
        return _lees_reeks(bronnen)


def _lees_reeks(bronnen: list[Bronbestand]) -> _Gelezen:
    from pipelines.ingest.read_iwmo_xml import lees_iwmo_bericht

    berichten: list[_Berichtinfo] = []
    # Per table: rows as tuples in column order (itemgetter and zip work in C; a loop over
    # columns per row costs seconds on an archive).
    per_tabel: dict[str, list[tuple[str | None, ...]]] = {}
    bericht_index: dict[str, list[int]] = {}
    plukkers: dict[str, Callable[[dict[str, str | None]], tuple[str | None, ...]]] = {}
    for index, (bron, inhoud) in enumerate(met_inhoud(bronnen, _keten)):
        if isinstance(inhoud, OnleesbaarBestand):
            berichten.append(_Berichtinfo("geweigerd", str(inhoud)))
            continue
        hash_ = hashlib.sha256(inhoud).hexdigest()
        if hash_ in _bekende_hashes:
            berichten.append(_Berichtinfo("al_geladen", inhoud_hash=hash_))
            continue
        try:
            bericht = lees_iwmo_bericht(inhoud, bron.naam)
        except OnleesbaarBestand as fout:
            berichten.append(_Berichtinfo("geweigerd", str(fout), hash_))
            continue
        except Exception as fout:  # one bad message must not stop the archive
            berichten.append(_Berichtinfo("geweigerd", _onverwacht(bron.naam, fout), hash_))
            continue
        tabel = bericht.tabel
        plukker = plukkers.get(tabel)
        if plukker is None:
            plukker = plukkers[tabel] = itemgetter("regelnummer", *invoerkolommen(TABELLEN[tabel]))
            per_tabel[tabel] = []
            bericht_index[tabel] = []
        per_tabel[tabel].extend(map(plukker, bericht.rijen))
        bericht_index[tabel].extend([index] * len(bericht.rijen))
        berichten.append(
            _Berichtinfo(
                "nieuw",
                inhoud_hash=hash_,
                tabel=tabel,
                berichttype=bericht.berichttype,
                release=bericht.release,
                domein=bericht.domein,
                berichtidentificatie=bericht.berichtidentificatie,
            )
        )
    rijen = {}
    for tabel, tupels in per_tabel.items():
        namen = ["regelnummer", *invoerkolommen(TABELLEN[tabel])]
        kolommen = list(zip(*tupels, strict=True)) if tupels else [() for _ in namen]
        arrays: dict[str, pa.Array] = {
            "bericht": pa.array(bericht_index[tabel], pa.int64()),
            "regelnummer": pa.array(kolommen[0], pa.string()).cast(pa.int64()),
        }
        for naam, waarden in zip(namen[1:], kolommen[1:], strict=True):
            arrays[naam] = pa.array(waarden, pa.string())
        rijen[tabel] = pa.table(arrays)
    return _Gelezen(berichten, rijen)


@dataclass
class _Batch:
    herkomsten: list[Herkomst] = field(default_factory=list)
    uitkomsten: list[Berichtuitkomst] = field(default_factory=list)
    delen: list[pa.Table] = field(default_factory=list)
    rijen: int = 0


def _aantal_processen(berichten: int) -> int:
    tekst = os.environ.get(PROCESSEN_ENV)
    if tekst:
        if not tekst.isdigit():
            raise ValueError(f"${PROCESSEN_ENV} moet een geheel getal zijn, niet {tekst!r}.")
        return int(tekst)
    if berichten < MIN_BERICHTEN_VOOR_PROCESSEN:
        return 0
    return max(1, min(os.cpu_count() or 1, 4))


def _reeksen(bronnen: list[Bronbestand]) -> Iterator[list[Bronbestand]]:
    for start in range(0, len(bronnen), BERICHTEN_PER_TAAK):
        yield bronnen[start : start + BERICHTEN_PER_TAAK]


def _begin_lezer(hashes: frozenset[str]) -> None:
    """A worker's start: known hashes, the reader imported (its cost paid up front)."""
    _zet_bekende_hashes(hashes)
    from pipelines.ingest import read_iwmo_xml  # noqa: F401


def _niets() -> None:
    return None


class Lezers:
    """Worker processes started before the sources are listed.

    Listing a zip of tens of thousands of messages takes most of a second; starting the
    workers (a fresh interpreter each, importing the reader) takes about as long. Started
    here, both happen at once. Workers read archive members straight from the file at the
    place the listing found them (archief.Lidplek), so they never read the central directory.
    """

    def __init__(self, bekend: frozenset[str], processen: int) -> None:
        self.bekend = bekend
        self.processen = processen
        # spawn: the parent holds a DuckDB connection and its threads; a forked child must not
        # inherit those.
        self.uitvoerder = ProcessPoolExecutor(
            max_workers=processen,
            mp_context=get_context("spawn"),
            initializer=_begin_lezer,
            initargs=(bekend,),
        )
        # The executor starts a worker per submitted task while none is idle: start them all.
        for _ in range(processen):
            self.uitvoerder.submit(_niets)
        self._vooruit: tuple[list[Bronbestand], list[Future[_Gelezen]]] | None = None

    def lees_vooruit(self, bronnen: list[Bronbestand]) -> None:
        """Start reading the first chunks of `bronnen` now, while the caller does other work
        (loading the tabular files next to an archive); `laad_berichten` picks them up."""
        reeksen = list(_reeksen(bronnen))[: REEKSEN_ONDERWEG_PER_PROCES * self.processen]
        self._vooruit = (bronnen, [self.uitvoerder.submit(lees_reeks, r) for r in reeksen])

    def neem_vooruit(self, bronnen: list[Bronbestand]) -> list[Future[_Gelezen]]:
        """The chunks already being read for exactly this list of sources (in order)."""
        vooruit, self._vooruit = self._vooruit, None
        if vooruit is None or vooruit[0] is not bronnen:
            for toekomst in vooruit[1] if vooruit else []:
                toekomst.cancel()
            return []
        return vooruit[1]

    def __enter__(self) -> Lezers:
        return self

    def __exit__(self, *_: object) -> None:
        self.sluit()

    def sluit(self) -> None:
        """Stop the workers (again is harmless); a chunk being read is finished first."""
        self.uitvoerder.shutdown(wait=True, cancel_futures=True)


# A zip this large holds enough messages to start the workers before it is even listed.
MIN_ARCHIEF_BYTES_VOOR_VROEGE_START = 5 * 1024 * 1024


def vroege_lezers(con: duckdb.DuckDBPyConnection, bronnen: list[Path]) -> Lezers | None:
    """Workers started now when an argument is a large zip (and workers are wanted)."""
    archieven = [
        b
        for b in bronnen
        if b.suffix.lower() == ".zip"
        and b.is_file()
        and b.stat().st_size >= MIN_ARCHIEF_BYTES_VOOR_VROEGE_START
    ]
    processen = _aantal_processen(MIN_BERICHTEN_VOOR_PROCESSEN)
    if not archieven or processen == 0:
        return None
    return Lezers(bekende_hashes(con), processen)


def bekende_hashes(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    return frozenset(
        h for (h,) in con.execute("SELECT inhoud_hash FROM beheer.laadregister").fetchall()
    )


def _gelezen_reeksen(
    bronnen: list[Bronbestand], bekend: frozenset[str], lezers: Lezers | None = None
) -> Iterator[tuple[list[Bronbestand], _Gelezen]]:
    """Chunks read in order; in worker processes when there are many messages."""
    processen = lezers.processen if lezers is not None else _aantal_processen(len(bronnen))
    if processen == 0:
        _zet_bekende_hashes(bekend)
        try:
            for reeks in _reeksen(bronnen):
                yield reeks, lees_reeks(reeks)
        finally:
            _sluit_archieven()
        return
    # spawn: the parent holds a DuckDB connection and its threads; a forked child must not
    # inherit those.
    reeksen = list(_reeksen(bronnen))
    volgende = 0
    try:
        with lezers or Lezers(bekend, processen) as actief:
            uitvoerder = actief.uitvoerder
            # At most a few chunks in flight: memory stays bounded on a national archive.
            onderweg = actief.neem_vooruit(bronnen)
            for reeks in reeksen[len(onderweg) :]:
                onderweg.append(uitvoerder.submit(lees_reeks, reeks))
                if len(onderweg) >= REEKSEN_ONDERWEG_PER_PROCES * processen:
                    gelezen = onderweg.pop(0).result()
                    yield reeksen[volgende], gelezen
                    volgende += 1
            for toekomst in onderweg:
                gelezen = toekomst.result()
                yield reeksen[volgende], gelezen
                volgende += 1
    except BrokenProcessPool:
        # A worker that cannot start or dies (out of memory, a host that runs an unguarded
        # script as __main__) must not cost the load: the rest is read in this process.
        _zet_bekende_hashes(bekend)
        try:
            for reeks in reeksen[volgende:]:
                yield reeks, lees_reeks(reeks)
        finally:
            _sluit_archieven()


def laad_berichten(
    con: duckdb.DuckDBPyConnection,
    bronnen: list[Bronbestand],
    pseudo: Pseudonimiseerder,
    voortgang: Callable[[int, int], None] | None = None,
    lezers: Lezers | None = None,
) -> list[Berichtuitkomst]:
    """Load iWmo/iJw messages in batches; one outcome per message, in input order.

    `voortgang(berichten, rijen)` is called after every chunk with the numbers just read;
    `lezers` are worker processes started earlier (`vroege_lezers`), used and shut down here.
    """
    bekend = lezers.bekend if lezers is not None else bekende_hashes(con)
    uitkomsten: list[Berichtuitkomst] = []
    batches: dict[str, _Batch] = {}
    in_deze_lading: set[str] = set()
    # One writer thread: DuckDB releases the GIL while it validates and writes a batch, so
    # reading the next messages goes on meanwhile. Only that thread uses `con` from here on;
    # batches are written in the order they were filled.
    schrijver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="berichten-schrijver")
    onderweg: list[Future[None]] = []

    def schrijf_en_koppel(tabel: str, batch: _Batch) -> None:
        resultaten = _schrijf_batch(con, tabel, batch, pseudo)
        for uitkomst, verwerkt in zip(batch.uitkomsten, resultaten, strict=True):
            uitkomst.verwerkt = verwerkt

    def schrijf(tabel: str) -> None:
        batch = batches.pop(tabel, None)
        if batch is None or not batch.herkomsten:
            return
        # At most one batch waits while another is written: memory stays bounded.
        while len(onderweg) >= 2:
            onderweg.pop(0).result()
        onderweg.append(schrijver.submit(schrijf_en_koppel, tabel, batch))

    try:
        _lees_en_verdeel(
            bronnen, bekend, uitkomsten, batches, in_deze_lading, schrijf, voortgang, lezers
        )
        for tabel in list(batches):
            schrijf(tabel)
        for toekomst in onderweg:
            toekomst.result()
    finally:
        # On an error: let a running write finish (its own transaction) and start no new one.
        schrijver.shutdown(wait=True, cancel_futures=True)
    return uitkomsten


def _lees_en_verdeel(
    bronnen: list[Bronbestand],
    bekend: frozenset[str],
    uitkomsten: list[Berichtuitkomst],
    batches: dict[str, _Batch],
    in_deze_lading: set[str],
    schrijf: Callable[[str], None],
    voortgang: Callable[[int, int], None] | None,
    lezers: Lezers | None,
) -> None:
    """Read the messages chunk by chunk and add each to the batch of its table."""
    for reeks, gelezen in _gelezen_reeksen(bronnen, bekend, lezers):
        # Per table: which herkomst index each message of this chunk gets (-1: not loaded).
        toewijzing: dict[str, list[int]] = {t: [-1] * len(reeks) for t in gelezen.rijen}
        for index, (bron, info) in enumerate(zip(reeks, gelezen.berichten, strict=True)):
            status, hash_, tabel = info.status, info.inhoud_hash, info.tabel
            if status == "nieuw" and hash_ in in_deze_lading:
                status = "al_geladen"
            if status != "nieuw" or tabel is None or hash_ is None:
                uitkomsten.append(Berichtuitkomst(bron, status, info.reden, hash_))
                continue
            in_deze_lading.add(hash_)
            batch = batches.setdefault(tabel, _Batch())
            toewijzing.setdefault(tabel, [-1] * len(reeks))[index] = len(batch.herkomsten)
            batch.herkomsten.append(
                Herkomst(
                    naam=bron.naam,
                    pad=bron.opslagpad,
                    inhoud_hash=hash_,
                    formaat=berichtformaat(info.berichttype, info.release, info.domein),
                    archief=str(bron.archief) if bron.archief else None,
                    berichttype=info.berichttype,
                    release=info.release,
                    domein=info.domein,
                    berichtidentificatie=info.berichtidentificatie,
                )
            )
            uitkomst = Berichtuitkomst(bron, "geladen", "", hash_, tabel)
            batch.uitkomsten.append(uitkomst)
            uitkomsten.append(uitkomst)
        rijen_gelezen = 0
        for tabel, deel in gelezen.rijen.items():
            kaart = pa.array(toewijzing[tabel], pa.int64())
            herkomst = pc.take(kaart, deel.column("bericht"))
            deel = deel.drop_columns(["bericht"]).append_column("herkomst", herkomst)
            deel = deel.filter(pc.greater_equal(deel.column("herkomst"), 0))
            batch = batches[tabel]
            batch.delen.append(deel)
            batch.rijen += deel.num_rows
            rijen_gelezen += deel.num_rows
            if (
                batch.rijen >= MAX_RIJEN_PER_BATCH
                or len(batch.herkomsten) >= MAX_BERICHTEN_PER_BATCH
            ):
                schrijf(tabel)
        # A table whose messages stopped coming (an archive is sorted per message type: first
        # the 301s, then the 305s, ...) is written now, while the next type is read, instead
        # of after the last message.
        for tabel in [t for t in batches if t not in gelezen.rijen]:
            schrijf(tabel)
        if voortgang is not None:
            voortgang(len(reeks), rijen_gelezen)


def _schrijf_batch(
    con: duckdb.DuckDBPyConnection, tabel: str, batch: _Batch, pseudo: Pseudonimiseerder
) -> list[Verwerkt]:
    contract = TABELLEN[tabel]
    kolommen = invoerkolommen(contract)
    if batch.delen:
        rijen = pa.concat_tables(batch.delen)
    else:
        rijen = pa.table(
            {
                "regelnummer": pa.array([], pa.int64()),
                **{k: pa.array([], pa.string()) for k in kolommen},
                "herkomst": pa.array([], pa.int64()),
            }
        )
    with laadcatalogus(con):
        con.register("laad_berichten", rijen)
        try:
            con.execute(
                # Chunks arrive in message order and rows in message order within them.
                "CREATE OR REPLACE TABLE laad.invoer AS SELECT * FROM laad_berichten"
            )
        finally:
            con.unregister("laad_berichten")
        return verwerk_en_schrijf(
            con, contract, kolommen, batch.herkomsten, pseudo, heeft_herkomst=True
        )
