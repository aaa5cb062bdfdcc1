"""`export signalen|risico`: CSV files with exactly the contract's columns (section 5).

An export cannot harm: text that a spreadsheet would run as a formula is neutralised
(`neutraliseer.py`), and the file is written next to its target under a temporary name with
owner-only permissions, then moved into place, so a failed export never leaves half a file.
`controleer_doel` refuses targets that are the database, its WAL or the pseudonym key, and
files that are not an earlier export unless the user says `--overschrijf`.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.bestanden import stat_gewoon_bestand
from pipelines.exports.neutraliseer import celwaarde
from pipelines.rollen import ROLLEN, TOEZICHT
from pipelines.rollen import schema as rol_schema
from pipelines.sql_quote import ident

SIGNALEN_KOLOMMEN = [
    "signaal_id",
    "indicator",
    "categorie",
    "aanbieder_agb",
    "jaar",
    "gemeentecode",
    "perceel",
    "productcode",
    "waarde",
    "referentiewaarde",
    "afwijking",
    "onrechtmatig_eur",
    "geschat_belang_eur",
    "financieel_belang",
    "aantal_clienten",
    "gemarkeerd",
    "toelichting",
]
RISICO_KOLOMMEN = [
    "aanbieder_agb",
    "naam",
    "jaar",
    "risicoscore",
    "rang",
    "rang_zorg",
    "rang_rechtmatigheid",
    "rang_risico",
    "aantal_signalen",
    "onrechtmatig_eur",
    "geschat_belang_eur",
    "financieel_belang",
    "belangrijkste_indicator",
]
# The vorderingsoverzicht (#10): per gemeente every line of hard onrechtmatig money, to prepare a
# terugvordering line by line. Not in the data contract's §5; a toezicht export.
VORDERING_KOLOMMEN = [
    "gemeentecode",
    "aanbieder_agb",
    "aanbieder_naam",
    "jaar",
    "declaratienummer",
    "referentienummer",
    "productcode",
    "begindatum",
    "einddatum",
    "bedrag_eur",
    "onrechtmatig_eur",
    "retourcode",
    "indicator",
    "reden",
]
# Exports that can be limited to one gemeente (--gemeente).
PER_GEMEENTE = {"vorderingsoverzicht"}
# Money is DECIMAL(18,2) in the marts and in the export, written as plain text with two
# decimals ("1234.50"; never a float repr). The cast states the export's type and is a no-op
# for a mart that already holds DECIMAL(18,2): exact, so identical in every run.
GELD_KOLOMMEN = {"financieel_belang", "onrechtmatig_eur", "geschat_belang_eur", "bedrag_eur"}
GELD_TYPE = "DECIMAL(18, 2)"
# Rates, z-scores and the risk score are DOUBLE (computed from sums of doubles, whose last bits
# differ per run): first to a finer grid that swallows that noise, then to the published
# precision, so a value on a rounding boundary cannot flip between runs.
AFRONDING = {
    "waarde": "round(round(waarde, 10), 6) AS waarde",
    "referentiewaarde": "round(round(referentiewaarde, 10), 6) AS referentiewaarde",
    "afwijking": "round(round(afwijking, 10), 6) AS afwijking",
    "risicoscore": "round(round(risicoscore, 6), 1) AS risicoscore",
}
# Which published mart feeds which export, and its stable sort order.
EXPORTS: dict[str, tuple[str, list[str], str]] = {
    "signalen": ("marts.mart_signalen", SIGNALEN_KOLOMMEN, "jaar, aanbieder_agb, signaal_id"),
    "risico": ("marts.mart_aanbieder_risico", RISICO_KOLOMMEN, "jaar, rang, aanbieder_agb"),
    "vorderingsoverzicht": (
        "marts.mart_vorderingsoverzicht",
        VORDERING_KOLOMMEN,
        "gemeentecode, aanbieder_agb, jaar, declaratienummer, referentienummer, indicator, "
        "declaratieregel_id",
    ),
}


def _bestaat(con: duckdb.DuckDBPyConnection, volledige_naam: str) -> bool:
    schema, naam = volledige_naam.split(".")
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, naam],
    ).fetchone()
    return bool(row and row[0])


def _csv_waarde(waarde: object) -> object:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, Decimal):
        # Plain notation with the column's own scale (two decimals for money), never 1E+3.
        return format(waarde, "f")
    return "" if waarde is None else celwaarde(waarde)


def _kolom_sql(kolom: str) -> str:
    if kolom in GELD_KOLOMMEN:
        return f"CAST({ident(kolom)} AS {GELD_TYPE}) AS {ident(kolom)}"
    return AFRONDING.get(kolom, ident(kolom))


class ExportGeweigerd(Exception):
    """The export target is not safe to write; the message says why (Dutch)."""


def bron(soort: str, rol: str | None = None) -> str:
    """The table an export reads: the full mart (toezicht, the default), or for another role
    the view of the same name in its schema (sql/rollen.sql), so contractmanagement gets the
    same shielded small cells (fewer than 5 clients) as on its pages, never recomputed here."""
    if rol is None or rol == TOEZICHT:
        return EXPORTS[soort][0]
    if rol not in ROLLEN:
        raise ExportGeweigerd(f"onbekende rol '{rol}'; kies uit: {', '.join(ROLLEN)}.")
    return f"{rol_schema(rol)}.{soort}"


def _bron_sql(volledige_naam: str) -> str:
    schema, naam = volledige_naam.split(".")
    return f"{ident(schema)}.{ident(naam)}"


def export_sql(soort: str, rol: str | None = None) -> str:
    """The query behind an export: its columns in contract order, typed and in a stable order."""
    _, kolommen, volgorde_sql = EXPORTS[soort]
    bron_sql = _bron_sql(bron(soort, rol))
    select_sql = ", ".join(_kolom_sql(k) for k in kolommen)
    gemeente_sql = (
        " AND ($gemeente IS NULL OR gemeentecode = $gemeente)" if soort in PER_GEMEENTE else ""
    )
    return (
        f"SELECT {select_sql} FROM {bron_sql} WHERE ($jaar IS NULL OR jaar = $jaar)"
        f"{gemeente_sql} ORDER BY {volgorde_sql}"
    )


def export_parameters(
    soort: str, jaar: int | None, gemeente: str | None = None
) -> dict[str, object]:
    """The bound values of `export_sql(soort)`: the year, and the gemeente where it filters."""
    parameters: dict[str, object] = {"jaar": jaar}
    if soort in PER_GEMEENTE:
        parameters["gemeente"] = gemeente
    return parameters


# How an earlier export is recognised: its first line is exactly the header row of one of our
# exports. Anything else is somebody else's file and is only replaced with --overschrijf.
KOPREGELS = {",".join(kolommen) for _, kolommen, _ in EXPORTS.values()}
_KOP_MAX_BYTES = 4096


def _is_eerdere_export(pad: Path) -> bool:
    try:
        with pad.open("rb") as handle:
            begin = handle.read(_KOP_MAX_BYTES)
    except OSError:
        return False
    eerste = begin.split(b"\n", 1)[0].rstrip(b"\r")
    return eerste.decode("utf-8", errors="replace") in KOPREGELS


def _zelfde_bestand(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def controleer_doel(
    doel: Path, *, database: Path, sleutel: Path | None = None, overschrijf: bool = False
) -> Path:
    """The resolved path the export may be written to, or ExportGeweigerd with the reason.

    Never (not even with `overschrijf`): the database, its WAL (`<db>.wal`), the pseudonym
    key, or anything that is not a regular file (a folder, a FIFO, a device). Paths are
    compared after resolving `..` and symbolic links, and by inode.
    """
    try:
        echt = doel.resolve()
    except (OSError, RuntimeError):  # a symlink loop, or a path that cannot be followed
        raise ExportGeweigerd(f"{doel} is geen bruikbaar pad.") from None
    verboden = {
        database.resolve(): "de database zelf",
        Path(f"{database}.wal").resolve(): "het WAL-bestand van de database",
        Path(f"{database.resolve()}.wal"): "het WAL-bestand van de database",
    }
    if sleutel is not None:
        verboden[sleutel.resolve()] = "de pseudoniemsleutel"
    for pad, wat in verboden.items():
        if echt == pad or _zelfde_bestand(echt, pad):
            raise ExportGeweigerd(f"{doel} is {wat}; kies een ander doelbestand.")
    bestaand = stat_gewoon_bestand(
        echt,
        ExportGeweigerd,
        onleesbaar=lambda fout: f"{doel} is niet te controleren ({_reden(fout)}).",
        is_map=f"{doel} is een map; geef een bestandsnaam, bijv. {doel}/export.csv.",
        geen_gewoon_bestand=f"{doel} is geen gewoon bestand (bijv. een pipe of apparaat).",
    )
    if bestaand is not None and not overschrijf and not _is_eerdere_export(echt):
        raise ExportGeweigerd(
            f"{doel} bestaat al en is geen eerdere export (de eerste regel is niet de kopregel "
            "van een export van de monitor); geef --overschrijf om het toch te vervangen."
        )
    return echt


_REDENEN = {
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "een deel van het pad bestaat al als bestand",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EDQUOT: "schijfquotum bereikt",
}


def _reden(fout: OSError) -> str:
    return _REDENEN.get(fout.errno or 0, f"systeemfout {fout.errno}")


def _schrijf_atomair(doel: Path, kolommen: list[str], rijen: list[tuple[object, ...]]) -> None:
    """Write next to `doel` under a temporary name (mode 0600), then rename it into place."""
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file with mode 0600 whatever the umask.
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=doel.parent)
    except OSError as fout:
        raise ExportGeweigerd(f"kan niet schrijven in {doel.parent}: {_reden(fout)}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            schrijver = csv.writer(handle)
            schrijver.writerow(kolommen)
            for rij in rijen:
                schrijver.writerow([_csv_waarde(w) for w in rij])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tijdelijk, doel)
    except BaseException as fout:
        # Whatever went wrong (disk full, Ctrl+C), the target keeps its old content.
        with contextlib.suppress(OSError):
            os.unlink(tijdelijk)
        if isinstance(fout, OSError):
            raise ExportGeweigerd(f"export naar {doel} mislukt: {_reden(fout)}.") from None
        raise


def schrijf_export(
    con: duckdb.DuckDBPyConnection,
    soort: str,
    doel: Path,
    jaar: int | None,
    gemeente: str | None = None,
    rol: str | None = None,
) -> int:
    """Write the export; before the first `run` it is a header-only file. Returns row count.

    `doel` should have passed `controleer_doel` first; this function only writes, atomically.
    With `rol` the export reads that role's view; a role without it is refused.
    """
    _, kolommen, _ = EXPORTS[soort]
    tabel = bron(soort, rol)
    rijen: list[tuple[object, ...]] = []
    if rol not in (None, TOEZICHT) and not _bestaat(con, tabel):
        raise ExportGeweigerd(f"de rol {rol} kan '{soort}' niet exporteren.")
    if _bestaat(con, tabel):
        rijen = con.execute(
            export_sql(soort, rol), export_parameters(soort, jaar, gemeente)
        ).fetchall()
    _schrijf_atomair(doel, kolommen, rijen)
    return len(rijen)
