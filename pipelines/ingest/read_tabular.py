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
import io
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.ingest.errors import OnleesbaarBestand

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


def normaliseer_kolomnaam(naam: str) -> str:
    """Header names match case-insensitively; stray BOM, quotes and spaces are forgiven."""
    naam = naam.replace("\ufeff", "").strip().strip('"').strip().lower()
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
    dubbel = sorted({k for k in kolommen if k and kolommen.count(k) > 1})
    if dubbel:
        raise OnleesbaarBestand(
            f"{pad.name}: de kolom(men) {', '.join(dubbel)} komen meer dan eens voor "
            "in de kopregel."
        )


def _kolomnamen_sql(kolommen: list[str]) -> list[str]:
    # Empty header cells still need a name to be kept in the raw layer.
    return [k if k else f"kolom_{i + 1}" for i, k in enumerate(kolommen)]


# --------------------------------------------------------------------------- CSV


def _is_utf8(pad: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with pad.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _is_cp1252(pad: Path) -> bool:
    decoder = codecs.getincrementaldecoder("cp1252")()
    with pad.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    return True


@contextmanager
def _als_utf8(pad: Path) -> Iterator[tuple[Path, str]]:
    """Yield a path DuckDB can read as UTF-8, transcoding Windows-1252 to a temp file."""
    if _is_utf8(pad):
        yield pad, "utf-8"
        return
    if not _is_cp1252(pad):
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
    with pad.open("r", encoding="utf-8-sig", newline="") as handle:
        for regel in handle:
            if regel.strip():
                return regel.rstrip("\r\n")
    raise OnleesbaarBestand(f"{pad.name}: het bestand is leeg.")


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
    with _als_utf8(pad) as (utf8_pad, codering):
        try:
            kopregel = _lees_kopregel(utf8_pad)
            scheidingsteken = _sniff_scheidingsteken(kopregel)
        except OnleesbaarBestand as error:
            raise OnleesbaarBestand(f"{pad.name}: {error}") from None
        kolommen = [
            normaliseer_kolomnaam(k)
            for k in next(csv.reader(io.StringIO(kopregel), delimiter=scheidingsteken))
        ]
        _controleer_kolommen(kolommen, pad)
        namen = _kolomnamen_sql(kolommen)
        # Positional names k0..kn: the header row itself is skipped by DuckDB.
        kolomtypes = {f"k{i}": "VARCHAR" for i in range(len(namen))}
        con.execute("DROP TABLE IF EXISTS laad.gelezen")
        for tabel in ("laad_afgewezen", "laad_scans"):
            con.execute(f"DROP TABLE IF EXISTS {tabel}")
        try:
            con.execute(
                "CREATE TABLE laad.gelezen AS SELECT * FROM read_csv($pad, delim=$delim, "
                "header=true, quote='\"', escape='\"', auto_detect=false, columns=$kolommen, "
                "null_padding=false, store_rejects=true, rejects_table='laad_afgewezen', "
                "rejects_scan='laad_scans', max_line_size=10000000)",
                {"pad": str(utf8_pad), "delim": scheidingsteken, "kolommen": kolomtypes},
            )
        except duckdb.Error as error:
            raise OnleesbaarBestand(
                f"{pad.name}: het CSV-bestand kon niet worden gelezen ({error})."
            ) from None
    fouten = con.execute(
        "SELECT line, string_agg(DISTINCT error_type, ', '), any_value(csv_line) "
        "FROM laad_afgewezen GROUP BY line ORDER BY line"
    ).fetchall()
    afgewezen = [
        Afgewezen(
            int(regel),
            "; ".join(
                _REJECT_REDENEN.get(soort.strip(), f"de regel kon niet worden gelezen ({soort})")
                for soort in str(soorten).split(",")
            )
            + f" (verwacht {len(namen)} velden, scheidingsteken '{scheidingsteken}')",
            tekst,
        )
        for regel, soorten, tekst in fouten
    ]
    con.execute("DROP TABLE IF EXISTS laad_afgewezen")
    con.execute("DROP TABLE IF EXISTS laad_scans")
    gelezen_rijen = _nummer_csv_regels(con, doel, namen, [a.regelnummer for a in afgewezen])
    formaat = f"csv ({codering}, scheidingsteken '{scheidingsteken}')"
    return Gelezen(formaat, namen, gelezen_rijen, afgewezen)


def _nummer_csv_regels(
    con: duckdb.DuckDBPyConnection, doel: str, namen: list[str], afgewezen: list[int]
) -> int:
    """Give each accepted row its line number: the rejected lines are the gaps."""
    aantal = _aantal(con, "laad.gelezen")
    select = ", ".join(f'k{i} AS "{naam}"' for i, naam in enumerate(namen))
    con.execute("DROP TABLE IF EXISTS laad.afgewezen_regels")
    con.execute("CREATE TABLE laad.afgewezen_regels (regelnummer BIGINT)")
    if afgewezen:
        con.executemany("INSERT INTO laad.afgewezen_regels VALUES (?)", [[r] for r in afgewezen])
    con.execute(
        f"""
        CREATE OR REPLACE TABLE laad.{doel} AS
        WITH regels AS (
            SELECT range AS regelnummer FROM range(2, $totaal + 2)
            WHERE range NOT IN (SELECT regelnummer FROM laad.afgewezen_regels)
        ),
        genummerd AS (
            SELECT regelnummer, row_number() OVER (ORDER BY regelnummer) - 1 AS volgnummer
            FROM regels
        )
        SELECT g.regelnummer, {select}
        FROM laad.gelezen AS r
        JOIN genummerd AS g ON g.volgnummer = r.rowid
        """,
        {"totaal": aantal + len(afgewezen)},
    )
    con.execute("DROP TABLE laad.gelezen")
    return aantal


def _aantal(con: duckdb.DuckDBPyConnection, tabel: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {tabel}").fetchone()
    return int(row[0]) if row else 0


# ------------------------------------------------------------------- Excel / Parquet


def lees_xlsx(con: duckdb.DuckDBPyConnection, pad: Path, doel: str) -> Gelezen:
    import fastexcel

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
    namen = _kolomnamen_sql(kolommen)
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
        kolommen_origineel = [
            str(r[0])
            for r in con.execute(
                "SELECT name FROM parquet_schema($pad) WHERE num_children IS NULL "
                "OR num_children = 0",
                {"pad": str(pad)},
            ).fetchall()
        ]
        namen = [normaliseer_kolomnaam(k) for k in kolommen_origineel]
        _controleer_kolommen(namen, pad)
        select = ", ".join(
            f'CAST("{orig}" AS VARCHAR) AS "{naam}"'
            for orig, naam in zip(kolommen_origineel, namen, strict=True)
        )
        con.execute(
            f"CREATE OR REPLACE TABLE laad.{doel} AS "
            f"SELECT row_number() OVER () AS regelnummer, {select} FROM read_parquet($pad)",
            {"pad": str(pad)},
        )
    except duckdb.Error as error:
        raise OnleesbaarBestand(
            f"{pad.name}: het Parquet-bestand kon niet worden gelezen ({error})."
        ) from None
    return Gelezen("parquet", namen, _aantal(con, f"laad.{doel}"))


def _laad_arrow(
    con: duckdb.DuckDBPyConnection, doel: str, tabel: pa.Table, formaat: str, namen: list[str]
) -> Gelezen:
    con.register("laad_arrow", tabel)
    try:
        niet_leeg = " OR ".join(f"nullif(trim(\"{n}\"), '') IS NOT NULL" for n in namen)
        # Fully empty rows are layout, not data: Excel sheets often carry a few.
        con.execute(
            f"CREATE OR REPLACE TABLE laad.{doel} AS SELECT * FROM laad_arrow WHERE {niet_leeg}"
        )
    finally:
        con.unregister("laad_arrow")
    return Gelezen(formaat, namen, _aantal(con, f"laad.{doel}"))


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
