"""Reading CSV, XLSX and Parquet into an all-text table in the in-memory `laad` catalog.

The input lands as text, one column per header name plus `regelnummer` (the line in the
file, header = line 1; for Parquet the row number). Typing and validation happen afterwards
in SQL (validate_rows.py), so every format goes through the same rules.

CSV dialect is sniffed, never assumed: delimiter `,`/`;` (also tab and `|`), UTF-8 with or
without BOM, else Windows-1252 (transcoded to UTF-8 first, since DuckDB's reader only knows
latin-1, which maps € and typographic quotes to control characters).
"""

from __future__ import annotations

import codecs
import csv
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.ingest.csv_regels import Regelkaart, regelkaart
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.settings import invoerlimieten
from pipelines.sql_quote import ident

_SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_DELIMITERS = (";", ",", "\t", "|")
# Names some exports use for contract columns.
KOLOM_ALIASSEN = {"burgerservicenummer": "bsn", "clientid": "client_id"}


@dataclass
class Afgewezen:
    """A line the CSV reader could not split into the header's columns."""

    regelnummer: int
    reden: str
    tekst: str | None


@dataclass
class Gelezen:
    formaat: str
    kolommen: list[str]
    rijen: int
    afgewezen: list[Afgewezen] = field(default_factory=list)


# Control characters (newlines, NUL, escape sequences) have no place in a column name.
_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def normaliseer_kolomnaam(naam: str) -> str:
    """Header names match case-insensitively; stray BOM, quotes and spaces are forgiven.

    The result is only ever used as a quoted identifier (`ident`) or a bound value, never
    spliced into SQL as it is; control characters are removed so it also prints safely.
    """
    naam = _STUURTEKENS.sub(" ", naam).strip()
    if len(naam) >= 2 and naam[0] == naam[-1] == '"':
        naam = naam[1:-1].strip()
    naam = naam.lower()
    naam = re.sub(r"[\s\-]+", "_", naam)
    return KOLOM_ALIASSEN.get(naam, naam)


def detecteer_formaat(pad: Path, kop: bytes) -> str:
    """Format from content first (magic bytes), file extension second."""
    if kop.startswith(b"PAR1"):
        return "parquet"
    # .xlsx is a zip; the old binary .xls an OLE2 container. fastexcel (calamine) reads both.
    if kop.startswith(b"PK\x03\x04") or kop.startswith(b"\xd0\xcf\x11\xe0"):
        return "xlsx"
    stripped = kop.lstrip(b"\xef\xbb\xbf").lstrip()
    if stripped.startswith(b"<"):
        return "xml"
    suffix = pad.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        return "xlsx"
    if suffix == ".parquet":
        return "parquet"
    if suffix == ".xml":
        return "xml"
    return "csv"


def _controleer_kolommen(kolommen: list[str], pad: Path) -> None:
    if not any(kolommen):
        raise OnleesbaarBestand(f"{pad.name}: geen kopregel met kolomnamen gevonden.")
    limieten = invoerlimieten()
    if len(kolommen) > limieten.max_kolommen:
        raise OnleesbaarBestand(
            f"{pad.name}: de kopregel heeft {len(kolommen)} kolommen; meer dan "
            f"{limieten.max_kolommen} wordt niet gelezen (het datacontract kent hooguit 20 "
            "kolommen per tabel)."
        )
    te_lang = [k for k in kolommen if len(k) > limieten.max_kolomnaam]
    if te_lang:
        raise OnleesbaarBestand(
            f"{pad.name}: een kolomnaam is langer dan {limieten.max_kolomnaam} tekens; "
            "is de eerste regel wel een kopregel?"
        )
    dubbel = sorted({k for k in kolommen if k and kolommen.count(k) > 1})
    if dubbel:
        raise OnleesbaarBestand(
            f"{pad.name}: de kolom(men) {', '.join(dubbel)} komen meer dan eens voor "
            "in de kopregel."
        )


# Columns the loader adds itself; an input column with such a name is kept under another name.
GERESERVEERDE_KOLOMMEN = frozenset({"rij", "regelnummer", "herkomst"})


def _kolomnamen_sql(kolommen: list[str], pad: Path) -> list[str]:
    """Names for the all-text table: empty header cells get a name (they are kept in the raw
    layer), and a name the loader uses itself gets the suffix `_invoer`."""
    namen = [k if k else f"kolom_{i + 1}" for i, k in enumerate(kolommen)]
    namen = [f"{n}_invoer" if n in GERESERVEERDE_KOLOMMEN else n for n in namen]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise OnleesbaarBestand(
            f"{pad.name}: de kolom(men) {', '.join(dubbel)} komen meer dan eens voor in de "
            "kopregel."
        )
    return namen


# DuckDB's readers expand globs (`*`, `?`, `[…]`, `{…}`), `~` and URL schemes in a path. A
# file name is data, so a path that is not plainly a local path is read through a link
# with a neutral name in a private temporary folder.
_GEWOON_PAD = re.compile(r"[A-Za-z0-9_./ \-]+")


@contextmanager
def duckdb_leespad(pad: Path, achtervoegsel: str) -> Iterator[str]:
    """A path DuckDB reads literally: the file itself, never another file by pattern."""
    absoluut = pad.resolve()
    if _GEWOON_PAD.fullmatch(str(absoluut)):
        yield str(absoluut)
        return
    with tempfile.TemporaryDirectory(prefix="signaalmonitor-") as tmp:
        koppeling = Path(tmp) / f"invoer{achtervoegsel}"
        koppeling.symlink_to(absoluut)
        yield str(koppeling)


# --------------------------------------------------------------------------- CSV


def _is_leesbaar_als(pad: Path, codering: str) -> bool:
    """True if the whole file decodes in `codering`; read in chunks, so any size is fine.

    The final decode catches a multi-byte UTF-8 character cut off at the end of the file.
    """
    decoder = codecs.getincrementaldecoder(codering)()
    try:
        with pad.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


@contextmanager
def _als_utf8(pad: Path) -> Iterator[tuple[Path, str]]:
    """Yield a path DuckDB can read as UTF-8, transcoding Windows-1252 to a temp file."""
    if _is_leesbaar_als(pad, "utf-8"):
        yield pad, "utf-8"
        return
    if not _is_leesbaar_als(pad, "cp1252"):
        raise OnleesbaarBestand(
            f"{pad.name}: de tekens zijn geen UTF-8 en geen Windows-1252; "
            "is dit wel een CSV-bestand?"
        )
    with tempfile.TemporaryDirectory(prefix="signaalmonitor-") as tmp:
        doel = Path(tmp) / "utf8.csv"
        with (
            pad.open("r", encoding="cp1252", newline="") as src,
            doel.open("w", encoding="utf-8", newline="") as dst,
        ):
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
        yield doel, "windows-1252"


def _sniff_scheidingsteken(kopregel: str) -> str:
    counts = {d: 0 for d in _DELIMITERS}
    in_quotes = False
    for char in kopregel:
        if char == '"':
            in_quotes = not in_quotes
        elif not in_quotes and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    if counts[best] == 0:
        raise OnleesbaarBestand(
            "geen scheidingsteken (; of ,) gevonden in de kopregel; "
            "verwacht een kopregel met kolomnamen."
        )
    return best


def _lees_kopregel(pad: Path) -> str:
    """The header as text: the first non-blank line, bounded so that a file that is one endless
    line is not read into memory whole."""
    max_tekens = invoerlimieten().max_regel_bytes
    with pad.open("r", encoding="utf-8-sig", newline="") as handle:
        while regel := handle.readline(max_tekens + 1):
            if len(regel) > max_tekens:
                raise OnleesbaarBestand(
                    f"de kopregel is langer dan {max_tekens:,} tekens; ".replace(",", ".")
                    + "is dit wel een CSV-bestand met een kopregel?"
                )
            if regel.strip():
                return regel.rstrip("\r\n")
    raise OnleesbaarBestand("het bestand is leeg.")


def _regeleinde(kop: bytes) -> str:
    """The record separator, spelled as DuckDB's `new_line` option wants it.

    Most line ends are record ends, so the majority decides.
    """
    crlf, lf, cr = kop.count(b"\r\n"), kop.count(b"\n"), kop.count(b"\r")
    if crlf and crlf * 2 >= lf:
        return "\\r\\n"
    if cr > lf:
        return "\\r"
    return "\\n"


def _lees_kopcellen(pad: Path, scheidingsteken: str) -> list[str]:
    """The header cells as one CSV record: a quoted header cell may span lines, and DuckDB
    skips exactly one record as header, so both must agree on where the header ends."""
    grens = invoerlimieten().max_regel_bytes
    oude_grens = csv.field_size_limit(grens)
    try:
        with pad.open("r", encoding="utf-8-sig", newline="") as handle:
            for cellen in csv.reader(handle, delimiter=scheidingsteken):
                if any(c.strip() for c in cellen):
                    return cellen
    except csv.Error as fout:
        raise OnleesbaarBestand(f"de kopregel kon niet worden gelezen ({fout}).") from None
    finally:
        csv.field_size_limit(oude_grens)
    raise OnleesbaarBestand("het bestand is leeg.")


_REJECT_REDENEN = {
    "TOO MANY COLUMNS": "de regel heeft meer velden dan de kopregel",
    "MISSING COLUMNS": "de regel heeft minder velden dan de kopregel",
    "UNQUOTED VALUE": "aanhalingstekens in de regel zijn niet goed afgesloten",
    "INVALID UNICODE": "de regel bevat ongeldige tekens",
    "LINE SIZE OVER MAXIMUM": "de regel is te lang",
}


def lees_csv(con: duckdb.DuckDBPyConnection, pad: Path, doel: str) -> Gelezen:
    with pad.open("rb") as handle:
        kop = handle.read(_SNIFF_BYTES)
    if b"\x00" in kop:
        raise OnleesbaarBestand(
            f"{pad.name}: dit is een binair bestand, geen CSV (bevat nul-bytes)."
        )
    with _als_utf8(pad) as (utf8_pad, codering), duckdb_leespad(utf8_pad, ".csv") as leespad:
        try:
            kopregel = _lees_kopregel(utf8_pad)
            scheidingsteken = _sniff_scheidingsteken(kopregel)
            kopcellen = _lees_kopcellen(utf8_pad, scheidingsteken)
            kolommen = [normaliseer_kolomnaam(k) for k in kopcellen]
        except OnleesbaarBestand as error:
            raise OnleesbaarBestand(f"{pad.name}: {error}") from None
        _controleer_kolommen(kolommen, pad)
        namen = _kolomnamen_sql(kolommen, pad)
        # Positional names k0..kn: the header row itself is skipped by DuckDB.
        kolomtypes = {f"k{i}": "VARCHAR" for i in range(len(namen))}
        # A line break inside a quoted header cell misleads DuckDB's own guess of the line
        # ending (it then silently reads nothing): only then is it told. Otherwise it keeps its
        # tolerance for files that mix CRLF and LF.
        regeleinde = _regeleinde(kop) if any("\n" in c or "\r" in c for c in kopcellen) else None
        con.execute("DROP TABLE IF EXISTS laad.gelezen")
        for tabel in ("laad_afgewezen", "laad_scans"):
            con.execute(f"DROP TABLE IF EXISTS {ident(tabel)}")
        try:
            con.execute(
                "CREATE TABLE laad.gelezen AS SELECT * FROM read_csv($pad, delim=$delim, "
                "header=true, quote='\"', escape='\"', auto_detect=false, columns=$kolommen, "
                "null_padding=false, store_rejects=true, rejects_table='laad_afgewezen', "
                "rejects_scan='laad_scans', max_line_size=$max_regel"
                + (", new_line=$regeleinde)" if regeleinde else ")"),
                {
                    "pad": leespad,
                    "delim": scheidingsteken,
                    "kolommen": kolomtypes,
                    "max_regel": invoerlimieten().max_regel_bytes,
                    **({"regeleinde": regeleinde} if regeleinde else {}),
                },
            )
        except duckdb.OutOfMemoryException:
            raise  # laad_bestand says in Dutch what to do (split the file, more memory)
        except duckdb.Error as error:
            raise OnleesbaarBestand(
                f"{pad.name}: het CSV-bestand kon niet worden gelezen ({error})."
            ) from None
        # Physical line numbers, as the user sees them in an editor: computed from the file
        # itself (blank lines and quoted line breaks shift them), while the copy exists.
        fouten = con.execute(
            # `line` numbers records (blank lines counted), not physical lines.
            "SELECT line, string_agg(DISTINCT error_type, ', '), "
            "any_value(csv_line) FROM laad_afgewezen GROUP BY line ORDER BY 1"
        ).fetchall()
        afgewezen_regels, regels = _fysieke_regels(
            utf8_pad, scheidingsteken, [int(p) for p, _, _ in fouten], _aantal(con, "gelezen")
        )
    afgewezen = [
        Afgewezen(
            regel,
            "; ".join(
                _REJECT_REDENEN.get(soort.strip(), f"de regel kon niet worden gelezen ({soort})")
                for soort in str(soorten).split(",")
            )
            + f" (verwacht {len(namen)} velden, scheidingsteken '{scheidingsteken}')",
            _ingekort(tekst),
        )
        for regel, (_, soorten, tekst) in zip(afgewezen_regels, fouten, strict=True)
    ]
    con.execute("DROP TABLE IF EXISTS laad_afgewezen")
    con.execute("DROP TABLE IF EXISTS laad_scans")
    gelezen_rijen = _nummer_csv_regels(con, doel, namen, regels)
    if gelezen_rijen == 0 and not afgewezen and _heeft_regels_na_kop(pad):
        # Nothing read and nothing rejected, yet there is data: never report "0 gelezen".
        raise OnleesbaarBestand(
            f"{pad.name}: er staan regels onder de kopregel, maar geen enkele kon als CSV worden "
            "gelezen (controleer scheidingsteken, aanhalingstekens en regeleinden)."
        )
    formaat = f"csv ({codering}, scheidingsteken '{scheidingsteken}')"
    return Gelezen(formaat, namen, gelezen_rijen, afgewezen)


def _heeft_regels_na_kop(pad: Path) -> bool:
    niet_leeg = 0
    with pad.open("rb") as handle:
        for regel in handle:
            niet_leeg += bool(regel.strip())
            if niet_leeg > 1:
                return True
    return False


def _ingekort(tekst: str | None) -> str | None:
    """A rejected line is kept for the reviewer, shortened like a refused value (validate_rows)."""
    grens = invoerlimieten().max_getoonde_tekens
    if tekst is None or len(tekst) <= grens:
        return tekst
    return f"{tekst[:grens]}… (ingekort; {len(tekst)} tekens)"


def _fysieke_regels(
    pad: Path, scheidingsteken: str, afgewezen_records: list[int], aantal: int
) -> tuple[list[int], Sequence[int]]:
    """The physical first line of each rejected record and of each accepted row, in order."""
    for kaart in (regelkaart(pad, scheidingsteken), Regelkaart()):
        afgewezen = kaart.regels_van_records(afgewezen_records)
        alle = kaart.data_regels(aantal + len(afgewezen))
        uit = set(afgewezen)
        regels = [r for r in alle if r not in uit] if uit else alle
        if len(regels) == aantal:
            return afgewezen, regels
    # The file's own reading and DuckDB's disagree (a stray quote): number by record.
    return afgewezen, range(2, aantal + 2)


def _nummer_csv_regels(
    con: duckdb.DuckDBPyConnection, doel: str, namen: list[str], regels: Sequence[int]
) -> int:
    """Give each accepted row the physical line it starts on: DuckDB keeps the file's order,
    so the n-th accepted row is the n-th record of the file that was not rejected."""
    aantal = _aantal(con, "gelezen")
    select_sql = ", ".join(f"k{i} AS {ident(naam)}" for i, naam in enumerate(namen))
    positioneel = {f"k{i}" for i in range(len(namen))}
    if (
        isinstance(regels, range)
        and regels.step == 1
        and not positioneel & {n.lower() for n in namen}
    ):
        # The common case (one record per line, nothing rejected): the n-th row is line
        # start + n, so the table read becomes laad.<doel> in place, without a copy of the
        # file: a column for the line number (filled while the columns still have their
        # positional names, so an input column named rowid cannot hide DuckDB's), then the
        # header's names (unless a header name is itself like k0: then a copy below).
        con.execute("ALTER TABLE laad.gelezen ADD COLUMN regelnummer BIGINT")
        con.execute(
            "UPDATE laad.gelezen SET regelnummer = rowid + $eerste", {"eerste": regels.start}
        )
        for i, naam in enumerate(namen):
            con.execute(f"ALTER TABLE laad.gelezen RENAME COLUMN k{int(i)} TO {ident(naam)}")
        con.execute(f"DROP TABLE IF EXISTS laad.{ident(doel)}")
        con.execute(f"ALTER TABLE laad.gelezen RENAME TO {ident(doel)}")
        return aantal
    if isinstance(regels, range) and regels.step == 1:
        con.execute(
            f"CREATE OR REPLACE TABLE laad.{ident(doel)} AS "
            f"SELECT rowid + $eerste AS regelnummer, {select_sql} FROM laad.gelezen",
            {"eerste": regels.start},
        )
        con.execute("DROP TABLE laad.gelezen")
        return aantal
    genummerd = pa.table(
        {
            "volgnummer": pa.array(range(len(regels)), pa.int64()),
            "regelnummer": pa.array(regels, pa.int64()),
        }
    )
    con.register("laad_regelnummers", genummerd)
    try:
        con.execute(
            f"""
            CREATE OR REPLACE TABLE laad.{ident(doel)} AS
            SELECT g.regelnummer, {select_sql}
            FROM laad.gelezen AS r
            JOIN laad_regelnummers AS g ON g.volgnummer = r.rowid
            ORDER BY g.regelnummer
            """
        )
    finally:
        con.unregister("laad_regelnummers")
    con.execute("DROP TABLE laad.gelezen")
    return aantal


def _aantal(con: duckdb.DuckDBPyConnection, laadtabel: str) -> int:
    # fetchall: a half-read result blocks the next register() on this connection.
    ((aantal,),) = con.execute(f"SELECT count(*) FROM laad.{ident(laadtabel)}").fetchall()
    return int(aantal)


# ------------------------------------------------------------------- Excel / Parquet


def controleer_zip_uitpakken(pad: Path) -> None:
    """Refuse a zip container (xlsx) whose content would unpack beyond the limits.

    The sizes in a zip's directory can lie, so the members are decompressed as a stream and
    counted, stopping as soon as a limit is passed: a 10 MB bomb costs a second, not 4 GB.
    """
    limieten = invoerlimieten()
    try:
        with zipfile.ZipFile(pad) as archief:
            leden = archief.infolist()
            if len(leden) > limieten.max_zip_leden:
                raise OnleesbaarBestand(
                    f"{pad.name}: het bestand bevat {len(leden)} onderdelen; meer dan "
                    f"{limieten.max_zip_leden} wordt niet uitgepakt."
                )
            totaal = 0
            for lid in leden:
                uitgepakt = 0
                with archief.open(lid) as stroom:
                    while blok := stroom.read(1024 * 1024):
                        uitgepakt += len(blok)
                        totaal += len(blok)
                        verhouding = uitgepakt / max(lid.compress_size, 1)
                        if totaal > limieten.max_uitgepakt_bytes or (
                            uitgepakt > 1024 * 1024 and verhouding > limieten.max_zip_verhouding
                        ):
                            raise OnleesbaarBestand(
                                f"{pad.name}: het bestand pakt uit tot meer dan toegestaan "
                                f"(verhouding {verhouding:.0f}:1, grens "
                                f"{limieten.max_zip_verhouding}:1; totaal grens "
                                f"{limieten.max_uitgepakt_bytes // 1024 // 1024} MB). "
                                "Dit lijkt een zip-bom en wordt niet gelezen."
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as fout:
        raise OnleesbaarBestand(
            f"{pad.name}: het Excel-bestand is beschadigd en kon niet worden gelezen ({fout})."
        ) from None


def lees_xlsx(con: duckdb.DuckDBPyConnection, pad: Path, doel: str) -> Gelezen:
    import fastexcel

    with pad.open("rb") as handle:
        if handle.read(4) == b"PK\x03\x04":
            controleer_zip_uitpakken(pad)
    try:
        reader = fastexcel.read_excel(str(pad))
        blad = reader.load_sheet(
            0, header_row=None, dtypes="string", skip_whitespace_tail_rows=True
        )
        batch = blad.to_arrow()
    except Exception as error:  # fastexcel raises its own hierarchy for corrupt workbooks
        raise OnleesbaarBestand(
            f"{pad.name}: het Excel-bestand kon niet worden gelezen ({error})."
        ) from None
    if batch.num_rows == 0:
        raise OnleesbaarBestand(f"{pad.name}: het eerste werkblad is leeg.")
    kop = [batch.column(i)[0].as_py() for i in range(batch.num_columns)]
    kolommen = [normaliseer_kolomnaam(str(k) if k is not None else "") for k in kop]
    _controleer_kolommen(kolommen, pad)
    namen = _kolomnamen_sql(kolommen, pad)
    # Excel row 1 is the header, so data row i (0-based after it) is line i + 2.
    data = batch.slice(1)
    tabel = pa.table(
        [pa.array(range(2, data.num_rows + 2), type=pa.int64())]
        + [data.column(i).cast(pa.string()) for i in range(len(namen))],
        names=["regelnummer", *namen],
    )
    return _laad_arrow(con, doel, tabel, "xlsx", namen)


def lees_parquet(con: duckdb.DuckDBPyConnection, pad: Path, doel: str) -> Gelezen:
    try:
        with duckdb_leespad(pad, ".parquet") as leespad:
            kolommen_origineel = [
                str(r[0])
                for r in con.execute(
                    "SELECT name FROM parquet_schema($pad) WHERE num_children IS NULL "
                    "OR num_children = 0",
                    {"pad": leespad},
                ).fetchall()
            ]
            kolommen = [normaliseer_kolomnaam(k) for k in kolommen_origineel]
            _controleer_kolommen(kolommen, pad)
            namen = _kolomnamen_sql(kolommen, pad)
            ((rijen,),) = con.execute(
                "SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata($pad)",
                {"pad": leespad},
            ).fetchall()
            grens = invoerlimieten().max_cellen
            if int(rijen) * len(namen) > grens:
                raise OnleesbaarBestand(
                    f"{pad.name}: {int(rijen):,} rijen van {len(namen)} kolommen is meer dan de "
                    f"grens van {grens:,} cellen per bestand; splits het bestand of verhoog "
                    "SIGNAALMONITOR_MAX_CELLEN.".replace(",", ".")
                )
            select_sql = ", ".join(
                f"CAST({ident(orig)} AS VARCHAR) AS {ident(naam)}"
                for orig, naam in zip(kolommen_origineel, namen, strict=True)
            )
            con.execute(
                f"CREATE OR REPLACE TABLE laad.{ident(doel)} AS "
                f"SELECT row_number() OVER () AS regelnummer, {select_sql} FROM read_parquet($pad)",
                {"pad": leespad},
            )
    except duckdb.OutOfMemoryException:
        raise  # laad_bestand says in Dutch what to do (split the file, more memory)
    except duckdb.Error as error:
        raise OnleesbaarBestand(
            f"{pad.name}: het Parquet-bestand kon niet worden gelezen ({error})."
        ) from None
    return Gelezen("parquet", namen, _aantal(con, doel))


def _laad_arrow(
    con: duckdb.DuckDBPyConnection, doel: str, tabel: pa.Table, formaat: str, namen: list[str]
) -> Gelezen:
    con.register("laad_arrow", tabel)
    try:
        niet_leeg_sql = " OR ".join(f"nullif(trim({ident(n)}), '') IS NOT NULL" for n in namen)
        # Fully empty rows are layout, not data: Excel sheets often carry a few.
        con.execute(
            f"CREATE OR REPLACE TABLE laad.{ident(doel)} AS "
            f"SELECT * FROM laad_arrow WHERE {niet_leeg_sql}"
        )
    finally:
        con.unregister("laad_arrow")
    return Gelezen(formaat, namen, _aantal(con, doel))


def laad_rijen(
    con: duckdb.DuckDBPyConnection,
    doel: str,
    rijen: list[dict[str, str | None]],
    kolommen: list[str],
    formaat: str,
) -> Gelezen:
    """Rows from a message reader (iWmo XML) into the same all-text shape."""
    arrays = [pa.array([int(r["regelnummer"] or 0) for r in rijen], type=pa.int64())]
    arrays += [pa.array([r.get(k) for r in rijen], type=pa.string()) for k in kolommen]
    tabel = pa.table(arrays, names=["regelnummer", *kolommen])
    return _laad_arrow(con, doel, tabel, formaat, kolommen)
