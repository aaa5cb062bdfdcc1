"""Loading one file: read → validate → pseudonymise → write raw, quarantine, staging, register.

Reading and validating happen in an attached in-memory catalog (`laad`), so raw BSNs only
ever live in memory. Writing to the database file happens in one transaction per file:
either the whole file is recorded (good rows in staging, bad rows in quarantine, the file in
the load register) or nothing is.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from pipelines.contract import TABELLEN, Tabel, herken_tabel
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.read_tabular import GERESERVEERDE_KOLOMMEN as _INTERN
from pipelines.ingest.read_tabular import (
    Afgewezen,
    Gelezen,
    detecteer_formaat,
    laad_rijen,
    lees_csv,
    lees_parquet,
    lees_xlsx,
)
from pipelines.ingest.scrub_bsn import (
    hmac_parameters,
    pseudoniem_sql,
    scrub_kolommen,
    tekstkolommen,
)
from pipelines.ingest.validate_rows import (
    elfproef_sql,
    genormaliseerd_sql,
    punt_is_duizendtal,
    verschillende_bsns_sql,
    zet_getalnotatie,
)
from pipelines.privacy import Pseudonimiseerder
from pipelines.sql_quote import ident, sql_tekst


@dataclass
class LaadResultaat:
    pad: Path
    status: Literal["geladen", "al_geladen", "geweigerd"]
    bericht: str
    tabel: str | None = None
    formaat: str | None = None
    rijen_gelezen: int = 0
    rijen_geladen: int = 0
    rijen_quarantaine: int = 0
    rijen_al_aanwezig: int = 0
    duur_seconden: float = 0.0
    # Name shown to users: the file's name, or its path inside an archive or folder.
    naam: str = ""

    def __post_init__(self) -> None:
        if not self.naam:
            self.naam = self.pad.name


def inhoud_hash(pad: Path) -> str:
    digest = hashlib.sha256()
    with pad.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _een(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> int:
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _controleer_kop(tabel: Tabel, kolommen: list[str], pad: Path) -> None:
    ontbrekend = [
        k.naam
        for k in tabel.kolommen
        if k.verplicht and k.soort != "client" and k.naam not in kolommen
    ]
    if tabel.heeft_client and "bsn" not in kolommen and "client_id" not in kolommen:
        ontbrekend.append("bsn of client_id")
    if ontbrekend:
        herkend = [k for k in kolommen if k in tabel.kolomnamen or k == "bsn"]
        if not herkend:
            raise OnleesbaarBestand(
                f"{pad.name}: geen herkenbare kopregel voor tabel '{tabel.naam}'. "
                f"Verwachte kolommen: {', '.join(tabel.kolomnamen)}."
            )
        raise OnleesbaarBestand(
            f"{pad.name}: verplichte kolom(men) ontbreken voor tabel '{tabel.naam}': "
            f"{', '.join(ontbrekend)}."
        )


def _maak_pseudoniemen(
    con: duckdb.DuckDBPyConnection, pseudo: Pseudonimiseerder, tabel: Tabel, kolommen: list[str]
) -> None:
    """Map every client BSN of laad.invoer to its pseudonym (in memory only), once per BSN."""
    con.execute("CREATE OR REPLACE TABLE laad.pseudoniemen (bsn VARCHAR, pseudoniem VARCHAR)")
    if not tabel.heeft_client:
        return
    # Set-based: the HMAC in DuckDB, once per distinct valid BSN (scrub_bsn.pseudoniem_sql); the
    # elfproef too, once per distinct BSN: a statement of its own, as in one query the optimizer
    # pushes the filter below the DISTINCT, onto every line.
    con.execute(
        f"CREATE OR REPLACE TABLE laad.verschillende_bsns AS {verschillende_bsns_sql(kolommen)}"
    )
    con.execute(
        f"""
        INSERT INTO laad.pseudoniemen
        SELECT bsn, {pseudoniem_sql("bsn")} FROM laad.verschillende_bsns
        WHERE {elfproef_sql("bsn")}
        """,
        hmac_parameters(pseudo),
    )
    con.execute("DROP TABLE laad.verschillende_bsns")


@dataclass
class Herkomst:
    """Where a group of rows comes from: one file, or one message of an archive or folder.

    Each origin gets its own bestand_id and row in the load register, so loading stays
    idempotent per file and per message even when many are written in one transaction.
    """

    naam: str
    pad: str
    inhoud_hash: str
    formaat: str
    archief: str | None = None
    berichttype: str | None = None
    release: str | None = None
    domein: str = "wmo"
    berichtidentificatie: str | None = None
    # Lines the tabular reader could not split (only for a file).
    afgewezen: list[Afgewezen] = field(default_factory=list)


@dataclass
class Verwerkt:
    """Counts of one origin after writing."""

    herkomst: Herkomst
    bestand_id: int
    gelezen: int
    geladen: int
    quarantaine: int
    al_aanwezig: int


@contextmanager
def laadcatalogus(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The in-memory catalog `laad` where raw input (with raw BSNs) is read and validated.

    While it exists DuckDB may not spill to disk: an in-memory table or a large join would
    otherwise be written to the temp folder, raw BSNs included. Without a temp folder, input too
    large for memory fails (duckdb.OutOfMemoryException) instead; the previous temp folder is
    restored afterwards, so `run` can still spill.
    """
    rij = con.execute("SELECT current_setting('temp_directory')").fetchone()
    temp_map = str(rij[0]) if rij and rij[0] else ""
    con.execute("ATTACH IF NOT EXISTS ':memory:' AS laad")
    con.execute("SET temp_directory = ''")
    try:
        yield
    finally:
        con.execute("DETACH DATABASE IF EXISTS laad")
        con.execute(f"SET temp_directory = {sql_tekst(temp_map)}")


def te_groot_voor_geheugen(naam: str) -> str:
    return (
        f"{naam}: te groot om in het werkgeheugen te controleren en te pseudonimiseren (ruwe "
        "BSN's gaan nooit naar schijf). Splits het bestand per maand of kwartaal, of geef DuckDB "
        "meer geheugen met $SIGNAALMONITOR_GEHEUGEN (bijvoorbeeld 70%)."
    )


def laad_bestand(
    con: duckdb.DuckDBPyConnection,
    pad: Path,
    pseudo: Pseudonimiseerder,
    *,
    naam: str | None = None,
    bron_pad: str | None = None,
    archief: str | None = None,
) -> LaadResultaat:
    """Load one file (tabular or one iWmo message) in one transaction.

    `naam`, `bron_pad` and `archief` name a file that was unpacked from an archive to `pad`:
    the load register records where it came from, not the temporary copy.
    """
    start = time.perf_counter()
    hash_ = inhoud_hash(pad)
    if _een(con, "SELECT count(*) FROM beheer.laadregister WHERE inhoud_hash = ?", [hash_]):
        return LaadResultaat(pad, "al_geladen", f"{pad.name}: al eerder geladen; niets toegevoegd.")

    try:
        with laadcatalogus(con):
            tabel, gelezen, herkomst = _lees(con, pad, hash_)
            if naam is not None:
                herkomst.naam = naam
            if bron_pad is not None:
                herkomst.pad = bron_pad
            herkomst.archief = archief
            _controleer_kop(tabel, gelezen.kolommen, pad)
            punt = gelezen.formaat.startswith("csv") and punt_is_duizendtal(
                con, tabel, gelezen.kolommen
            )
            [verwerkt] = verwerk_en_schrijf(con, tabel, gelezen.kolommen, [herkomst], pseudo, punt)
    except duckdb.OutOfMemoryException:
        raise OnleesbaarBestand(te_groot_voor_geheugen(pad.name)) from None
    duur = time.perf_counter() - start
    con.execute(
        "UPDATE beheer.laadregister SET duur_seconden = ? WHERE bestand_id = ?",
        [duur, verwerkt.bestand_id],
    )
    bericht = (
        f"{herkomst.naam} → {tabel.naam}: {verwerkt.gelezen} gelezen, {verwerkt.geladen} geladen, "
        f"{verwerkt.quarantaine} in quarantaine"
        + (f", {verwerkt.al_aanwezig} al aanwezig" if verwerkt.al_aanwezig else "")
    )
    return LaadResultaat(
        pad,
        "geladen",
        bericht,
        tabel.naam,
        gelezen.formaat,
        verwerkt.gelezen,
        verwerkt.geladen,
        verwerkt.quarantaine,
        verwerkt.al_aanwezig,
        duur,
        naam=herkomst.naam,
    )


def verwerk_en_schrijf(
    con: duckdb.DuckDBPyConnection,
    tabel: Tabel,
    kolommen: list[str],
    herkomsten: list[Herkomst],
    pseudo: Pseudonimiseerder,
    punt_is_duizendtal: bool = False,
    heeft_herkomst: bool = False,
) -> list[Verwerkt]:
    """Validate, pseudonymise and write laad.invoer in ONE transaction.

    laad.invoer holds text columns `kolommen` plus `regelnummer`; with several origins also
    `herkomst` (index into `herkomsten`). Everything before the transaction happens in the
    in-memory catalog `laad`, so raw BSNs never reach the database file.
    """
    start = time.perf_counter()
    # A single file is origin 0; a batch of messages brings its own `herkomst` column. A row's
    # `rij` is its place in laad.invoer: the rowid of a table written once (and only updated in
    # place by the scrubber) numbers its rows in order, as row_number() OVER () would, without
    # copying the file. An input column named rowid hides DuckDB's, so then a copy numbers them.
    herkomst_sql = "herkomst" if heeft_herkomst else "0 AS herkomst"
    rij_is_kolom = "rowid" in kolommen
    if rij_is_kolom:
        con.execute(
            "CREATE OR REPLACE TABLE laad.invoer AS "
            "SELECT row_number() OVER () AS rij, * FROM laad.invoer"
        )
    rij_sql = "rij" if rij_is_kolom else "rowid + 1 AS rij"
    zet_getalnotatie(con, punt_is_duizendtal)
    _maak_pseudoniemen(con, pseudo, tabel, kolommen)
    # Typing and checking every row is not a table of its own: laad.klaar is built from it in
    # the same query (one copy of the file less in memory).
    genormaliseerd_select_sql = genormaliseerd_sql(
        tabel, kolommen, f"{rij_sql}, {herkomst_sql}, regelnummer"
    )
    extra = [
        k
        for k in kolommen
        if k not in tabel.kolomnamen and k not in {"bsn", "client_id"} and k not in _INTERN
    ]
    return _schrijf(
        con,
        tabel,
        kolommen,
        herkomsten,
        extra,
        pseudo,
        genormaliseerd_select_sql,
        rij_is_kolom,
        start,
    )


def _lees(con: duckdb.DuckDBPyConnection, pad: Path, hash_: str) -> tuple[Tabel, Gelezen, Herkomst]:
    with pad.open("rb") as handle:
        kop = handle.read(8)
    formaat = detecteer_formaat(pad, kop)
    if formaat == "xml":
        from pipelines.ingest.read_iwmo_xml import lees_iwmo_xml

        bericht = lees_iwmo_xml(pad)
        tabel = TABELLEN[bericht.tabel]
        gelezen = laad_rijen(
            con,
            "invoer",
            bericht.rijen,
            invoerkolommen(tabel),
            berichtformaat(bericht.berichttype, bericht.release, bericht.domein),
        )
        herkomst = Herkomst(
            naam=pad.name,
            pad=str(pad.resolve()),
            inhoud_hash=hash_,
            formaat=gelezen.formaat,
            berichttype=bericht.berichttype,
            release=bericht.release,
            domein=bericht.domein,
            berichtidentificatie=bericht.berichtidentificatie,
        )
        return tabel, gelezen, herkomst
    naam = herken_tabel(pad.name)
    if naam is None:
        bekend = ", ".join(TABELLEN)
        raise OnleesbaarBestand(
            f"{pad.name}: uit de bestandsnaam blijkt niet welke tabel dit is. "
            f"De naam moet beginnen met een van: {bekend}."
        )
    lezer = {"csv": lees_csv, "xlsx": lees_xlsx, "parquet": lees_parquet}[formaat]
    gelezen = lezer(con, pad, "invoer")
    herkomst = Herkomst(
        naam=pad.name,
        pad=str(pad.resolve()),
        inhoud_hash=hash_,
        formaat=gelezen.formaat,
        afgewezen=list(gelezen.afgewezen),
    )
    return TABELLEN[naam], gelezen, herkomst


def invoerkolommen(tabel: Tabel) -> list[str]:
    """The text columns a message reader delivers for `tabel` (bsn in place of client_id)."""
    return ["bsn" if k == "client_id" else k for k in tabel.kolomnamen]


def berichtformaat(berichttype: str, release: str, domein: str) -> str:
    """How the load register names a message's format: "iWmo-XML WMO323 (release 3.2)"."""
    standaard = "iWmo" if domein == "wmo" else "iJw"
    return f"{standaard}-XML {berichttype} (release {release})"


def _schrijf(
    con: duckdb.DuckDBPyConnection,
    tabel: Tabel,
    kolommen: list[str],
    herkomsten: list[Herkomst],
    extra: list[str],
    pseudo: Pseudonimiseerder,
    genormaliseerd_select_sql: str,
    rij_is_kolom: bool,
    start: float,
) -> list[Verwerkt]:
    data_kolommen = [k.naam for k in tabel.kolommen if k.soort != "client"]
    hash_sql = ", ".join(
        f"coalesce(CAST(k.{ident(n)} AS VARCHAR), '␀')"
        for n in (*data_kolommen, *(["client_id"] if tabel.heeft_client else []))
    )
    client_sql = "CASE g.client_bron WHEN 'bsn' THEN g.bsn_pseudoniem ELSE g.client_id_bron END"
    if tabel.heeft_client:
        klaar_sql = f"""
            SELECT g.* EXCLUDE (bsn_pseudoniem), {client_sql} AS client_id,
                   len(g.fouten) = 0 AS is_goed
            FROM ({genormaliseerd_select_sql}) AS g
            """
    else:
        klaar_sql = f"""
            SELECT g.*, NULL AS client_id, len(g.fouten) = 0 AS is_goed
            FROM ({genormaliseerd_select_sql}) AS g
            """
    # Toewijzingen and zorgperiodes keep every delivered row in a history table; staging holds
    # their current state (migration 0007), brought up to date below.
    staging_sql = f"staging.{ident(GESCHIEDENIS.get(tabel.naam, tabel.naam))}"
    # A row loads when it is good, new to staging, and not already delivered by an earlier
    # origin of this batch: the same as loading the origins one after another (within one
    # origin identical rows all load, as they would from one file).
    # Every good row loads, except the few found below: one pass over the rows, the md5 once.
    rij_hash_sql = f"md5(concat_ws('|', {hash_sql}))"
    # Stored in `rij` order: the pseudonym join may reorder rows, and sorting here once lets
    # raw and staging be written by plain scans, which keep that order (insertion order is
    # preserved), instead of each sorting its own copy of the file again.
    con.execute(
        f"""
        CREATE OR REPLACE TABLE laad.klaar AS
        SELECT *, {rij_hash_sql} AS rij_hash, is_goed AS wordt_geladen
        FROM ({klaar_sql}) AS k
        ORDER BY rij
        """
    )
    # The n-th row of laad.klaar is the n-th of laad.invoer (`rij` = rowid + 1 there): checked,
    # not assumed, since the cheaper writes below depend on it. Otherwise they sort, as before.
    op_volgorde = not rij_is_kolom and not _een(
        con, "SELECT count(*) FROM laad.klaar WHERE rij <> rowid + 1"
    )
    # Validation saw the values as delivered (in memory); what is written is scrubbed: a
    # BSN in free text, an extra column or a client_id becomes its pseudonym.
    gescrubd = scrub_kolommen(
        con, "invoer", tekstkolommen(con, "invoer", {"bsn", *_INTERN}), pseudo
    )
    # The typed columns derive from the delivered text, so only a column in which the scrubber
    # found a BSN can hold one here too (a client_id that is really a BSN included); normalising
    # (trim, case, padding codes to 4 or 8 digits) never makes nine digits out of fewer.
    herkomst_kolom = {"client_id": "client_id", "client_id_bron": "client_id"}
    te_scrubben = [
        k for k in tekstkolommen(con, "klaar", {"rij_hash"}) if herkomst_kolom.get(k, k) in gescrubd
    ]
    if scrub_kolommen(con, "klaar", te_scrubben, pseudo):
        # The row hash is that of the row as it is written.
        con.execute(f"UPDATE laad.klaar AS k SET rij_hash = {rij_hash_sql}")
    # Rows already in staging. Only the hashes this file brings are read: staging grows with
    # every load, and a DISTINCT over all of it would cost each new file the whole history.
    con.execute(
        f"""
        UPDATE laad.klaar AS k SET wordt_geladen = false
        FROM (
            SELECT DISTINCT s.rij_hash FROM {staging_sql} AS s
            SEMI JOIN laad.klaar AS n ON n.rij_hash = s.rij_hash
        ) AS s
        WHERE s.rij_hash = k.rij_hash AND k.wordt_geladen
        """
    )
    if len(herkomsten) > 1:
        # A row an earlier origin of this batch already brings (a single origin has none).
        con.execute(
            """
            UPDATE laad.klaar AS k SET wordt_geladen = false
            FROM (
                SELECT rij_hash, min(herkomst) AS eerste_herkomst
                FROM laad.klaar WHERE is_goed GROUP BY rij_hash
                HAVING count(DISTINCT herkomst) > 1
            ) AS e
            WHERE e.rij_hash = k.rij_hash AND k.herkomst <> e.eerste_herkomst AND k.wordt_geladen
            """
        )
    _bouw_quarantaine(con, herkomsten, pseudo)

    eerste_id = _een(con, "SELECT coalesce(max(bestand_id), 0) + 1 FROM beheer.laadregister")
    con.execute(
        "CREATE OR REPLACE TABLE laad.tellingen AS "
        "SELECT herkomst, count(*) AS gelezen, count(*) FILTER (WHERE NOT is_goed) AS fout, "
        "count(*) FILTER (WHERE wordt_geladen) AS geladen, "
        "count(*) FILTER (WHERE is_goed AND NOT wordt_geladen) AS al_aanwezig "
        "FROM laad.klaar GROUP BY herkomst"
    )
    tellingen = {
        int(h): (int(g), int(f), int(ge), int(a))
        for h, g, f, ge, a in con.execute("SELECT * FROM laad.tellingen").fetchall()
    }
    verwerkt = []
    for index, herkomst in enumerate(herkomsten):
        gelezen, fout, geladen, al = tellingen.get(index, (0, 0, 0, 0))
        afgewezen = len(herkomst.afgewezen)
        verwerkt.append(
            Verwerkt(
                herkomst, eerste_id + index, gelezen + afgewezen, geladen, fout + afgewezen, al
            )
        )
    register = pa.table(
        {
            "herkomst": pa.array(range(len(herkomsten)), pa.int64()),
            "bestand_id": [v.bestand_id for v in verwerkt],
            "bestandsnaam": [h.naam for h in herkomsten],
            "pad": [h.pad for h in herkomsten],
            "formaat": [h.formaat for h in herkomsten],
            "inhoud_hash": [h.inhoud_hash for h in herkomsten],
            "rijen_gelezen": [v.gelezen for v in verwerkt],
            "rijen_geladen": [v.geladen for v in verwerkt],
            "rijen_quarantaine": [v.quarantaine for v in verwerkt],
            "rijen_al_aanwezig": [v.al_aanwezig for v in verwerkt],
            "berichttype": [h.berichttype for h in herkomsten],
            "release": [h.release for h in herkomsten],
            "domein": [h.domein for h in herkomsten],
            "berichtidentificatie": [h.berichtidentificatie for h in herkomsten],
            "archief": [h.archief for h in herkomsten],
        }
    )
    con.register("laad_register", register)
    try:
        con.execute("CREATE OR REPLACE TABLE laad.register AS SELECT * FROM laad_register")
    finally:
        con.unregister("laad_register")
    # Names and paths are data too (a BSN in a file name); scrubbed set-based, as the rows are:
    # an archive has tens of thousands of messages.
    scrub_kolommen(
        con, "register", ["bestandsnaam", "pad", "berichtidentificatie", "archief"], pseudo
    )

    con.begin()
    try:
        _schrijf_raw(con, tabel, kolommen, extra, eerste_id, pseudo, rij_is_kolom, op_volgorde)
        _schrijf_quarantaine(con, tabel, eerste_id)
        doel_sql = ", ".join(ident(n) for n in tabel.kolomnamen)
        bron_sql = ", ".join(f"k.{ident(n)}" for n in tabel.kolomnamen)
        domein_sql = ", domein" if tabel.naam in _MET_DOMEIN else ""
        params: dict[str, object] = {"eerste": eerste_id}
        if op_volgorde and len(herkomsten) == 1:
            # One origin: its domain is a parameter, and a filtered scan of laad.klaar (already
            # in `rij` order) writes the rows in that order without a join or a sort.
            domein_waarde_sql = ", $domein" if domein_sql else ""
            if domein_sql:
                params["domein"] = herkomsten[0].domein
            register_sql, volgorde_sql = "", ""
        else:
            domein_waarde_sql = ", r.domein" if domein_sql else ""
            register_sql = "JOIN laad.register AS r ON r.herkomst = k.herkomst"
            volgorde_sql = "ORDER BY k.rij"
        con.execute(
            f"""
            INSERT INTO {staging_sql} (bestand_id, regelnummer, {doel_sql}, rij_hash{domein_sql})
            SELECT $eerste + k.herkomst, k.regelnummer, {bron_sql}, k.rij_hash{domein_waarde_sql}
            FROM laad.klaar AS k
            {register_sql}
            WHERE k.wordt_geladen
            {volgorde_sql}
            """,
            params,
        )
        werk_huidige_stand_bij(con, tabel.naam, eerste_id)
        con.execute(
            """
            INSERT INTO beheer.laadregister (bestand_id, bestandsnaam, pad, tabel, formaat,
                inhoud_hash, rijen_gelezen, rijen_geladen, rijen_quarantaine, rijen_al_aanwezig,
                geladen_op, duur_seconden, toelichting, berichttype, release, domein,
                berichtidentificatie, archief)
            SELECT bestand_id, bestandsnaam, pad, $tabel, formaat, inhoud_hash, rijen_gelezen,
                rijen_geladen, rijen_quarantaine, rijen_al_aanwezig, $nu, $duur, $toelichting,
                berichttype, release, domein, berichtidentificatie, archief
            FROM laad.register ORDER BY bestand_id
            """,
            {
                "tabel": tabel.naam,
                "nu": datetime.now(),
                # Messages are written together: their time is the batch's, and says so.
                "duur": time.perf_counter() - start,
                "toelichting": (
                    f"duur van de hele batch van {len(herkomsten)} berichten"
                    if len(herkomsten) > 1
                    else None
                ),
            },
        )
        con.commit()
    except Exception:
        con.rollback()
        raise
    return verwerkt


# Tables whose staging holds the current state; every delivered row goes to the history table.
GESCHIEDENIS = {"toewijzingen": "toewijzingen_versies", "zorgperiodes": "zorgperiode_meldingen"}
_TOEWIJZING_SLEUTEL = ("gemeentecode", "toewijzingnummer")
_ZORGPERIODE_SLEUTEL = (
    "gemeentecode",
    "aanbieder_agb",
    "client_id",
    "toewijzingnummer",
    "begindatum",
)


def werk_huidige_stand_bij(con: duckdb.DuckDBPyConnection, tabel: str, vanaf_bestand: int) -> None:
    """Recompute the current state of every key that rows from `vanaf_bestand` on touched.

    A toewijzing: its newest version (toewijzingsdatum, then the last loaded), as
    int_toewijzingen_actueel chooses. A zorgperiode: the last start (305, or a row without
    einddatum) and the last stop (307, or a row with einddatum) of its key together, where a
    delivery with StatusAanlevering 3 withdraws the one it names (TR074/TR414: Bsn,
    ToewijzingNummer and Begindatum identify a start or stop); with a valid stop the stop's
    row is the period, else the start's. Same rules as migration 0007.
    """
    if tabel not in GESCHIEDENIS:
        return
    sleutel = _TOEWIJZING_SLEUTEL if tabel == "toewijzingen" else _ZORGPERIODE_SLEUTEL
    doel_sql = f"staging.{ident(tabel)}"
    bron_sql = f"staging.{ident(GESCHIEDENIS[tabel])}"
    sleutel_sql = ", ".join(ident(k) for k in sleutel)
    gelijk_sql = " AND ".join(f"t.{ident(k)} = k.{ident(k)}" for k in sleutel)
    kolommen_sql = ", ".join(
        ident(k)
        for (k,) in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'staging' AND table_name = ? ORDER BY ordinal_position",
            [tabel],
        ).fetchall()
    )
    geraakt_sql = f"(SELECT DISTINCT {sleutel_sql} FROM {bron_sql} WHERE bestand_id >= $vanaf) AS k"
    con.execute(
        f"DELETE FROM {doel_sql} AS t USING {geraakt_sql} WHERE {gelijk_sql}",
        {"vanaf": vanaf_bestand},
    )
    if tabel == "toewijzingen":
        keuze_sql = f"""
            SELECT t.*, row_number() OVER (
                PARTITION BY {sleutel_sql}
                ORDER BY toewijzingsdatum DESC NULLS LAST, bestand_id DESC, regelnummer DESC
            ) AS keuze
            FROM {bron_sql} AS t SEMI JOIN {geraakt_sql} ON {gelijk_sql}
        """
    else:
        keuze_sql = f"""
            SELECT *, row_number() OVER (PARTITION BY {sleutel_sql} ORDER BY is_stop DESC) AS keuze
            FROM (
                SELECT
                    t.*,
                    t.einddatum IS NOT NULL AS is_stop,
                    coalesce(t.status_aanlevering, '1') = '3' AS is_verwijdering,
                    row_number() OVER (
                        PARTITION BY {sleutel_sql}, t.einddatum IS NOT NULL
                        ORDER BY bestand_id DESC, regelnummer DESC
                    ) AS rang
                FROM {bron_sql} AS t SEMI JOIN {geraakt_sql} ON {gelijk_sql}
            )
            WHERE rang = 1 AND NOT is_verwijdering
        """
    con.execute(
        f"INSERT INTO {doel_sql} ({kolommen_sql}) "
        f"SELECT {kolommen_sql} FROM ({keuze_sql}) WHERE keuze = 1",
        {"vanaf": vanaf_bestand},
    )


# Staging tables of the message traffic record the domain (wmo / jeugd) of every row.
_MET_DOMEIN = frozenset(
    {"toewijzingen", "zorgperiodes", "declaraties", "verzoeken", "declaratie_antwoorden"}
)


def _schrijf_raw(
    con: duckdb.DuckDBPyConnection,
    tabel: Tabel,
    kolommen_gelezen: list[str],
    extra: list[str],
    eerste_id: int,
    pseudo: Pseudonimiseerder,
    rij_is_kolom: bool,
    op_volgorde: bool,
) -> None:
    """A row's `rij` is its rowid + 1 in laad.invoer, or a column `rij` (verwerk_en_schrijf).

    `op_volgorde`: the n-th row of laad.klaar belongs to the n-th row of laad.invoer, so the
    two are read side by side (POSITIONAL JOIN) in file order, without a hash join and a sort.
    """
    rij_sql = "i.rij" if rij_is_kolom else "i.rowid + 1"
    aanwezig = set(kolommen_gelezen)
    kolommen = [k.naam for k in tabel.kolommen if k.soort != "client"]
    waarden_sql = [f"i.{ident(n)}" if n in aanwezig else "CAST(NULL AS VARCHAR)" for n in kolommen]
    if tabel.heeft_client:
        kolommen += ["client_id", "client_bron"]
        waarden_sql += ["k.client_id", "k.client_bron"]
    if extra:
        # Column names are data too: a BSN in a header becomes its pseudonym in the JSON key.
        sleutels = _unieke_sleutels([pseudo.scrub(e) or e for e in extra])
        velden_sql = ", ".join(
            f"{ident(sleutel)} := i.{ident(e)}" for sleutel, e in zip(sleutels, extra, strict=True)
        )
        overig_sql = f"CAST(to_json(struct_pack({velden_sql})) AS VARCHAR)"
    else:
        overig_sql = "CAST(NULL AS VARCHAR)"
    bron_sql = (
        "FROM laad.invoer AS i POSITIONAL JOIN laad.klaar AS k"
        if op_volgorde
        else f"FROM laad.invoer AS i JOIN laad.klaar AS k ON k.rij = {rij_sql} ORDER BY k.rij"
    )
    con.execute(
        f"""
        INSERT INTO raw.{ident(tabel.naam)}
            (bestand_id, regelnummer, {", ".join(ident(k) for k in kolommen)}, overige_kolommen)
        SELECT $eerste + k.herkomst, i.regelnummer, {", ".join(waarden_sql)}, {overig_sql}
        {bron_sql}
        """,
        {"eerste": eerste_id},
    )


def _schrijf_quarantaine(con: duckdb.DuckDBPyConnection, tabel: Tabel, eerste_id: int) -> None:
    con.execute(
        "INSERT INTO quarantaine.redenen "
        "SELECT $eerste + herkomst, $tabel, regelnummer, kolom, waarde, reden "
        "FROM laad.quarantaine",
        {"eerste": eerste_id, "tabel": tabel.naam},
    )


def _unieke_sleutels(namen: list[str]) -> list[str]:
    """JSON keys must stay distinct after scrubbing (two headers with one BSN, say)."""
    gezien: dict[str, int] = {}
    uniek = []
    for naam in namen:
        gezien[naam] = gezien.get(naam, 0) + 1
        uniek.append(naam if gezien[naam] == 1 else f"{naam}_{gezien[naam]}")
    return uniek


def _bouw_quarantaine(
    con: duckdb.DuckDBPyConnection, herkomsten: list[Herkomst], pseudo: Pseudonimiseerder
) -> None:
    """Every failed field and every unsplittable line, with its value BSN-scrubbed."""
    con.execute(
        """
        CREATE OR REPLACE TABLE laad.quarantaine AS
        SELECT herkomst, regelnummer, fout.kolom AS kolom, fout.waarde AS waarde,
               fout.reden AS reden
        FROM (
            SELECT herkomst, regelnummer, unnest(fouten) AS fout FROM laad.klaar WHERE NOT is_goed
        )
        """
    )
    afgewezen = [(i, a) for i, h in enumerate(herkomsten) for a in h.afgewezen]
    if afgewezen:
        regels = pa.table(
            {
                "herkomst": [i for i, _ in afgewezen],
                "regelnummer": [a.regelnummer for _, a in afgewezen],
                "waarde": [a.tekst for _, a in afgewezen],
                "reden": [a.reden for _, a in afgewezen],
            },
            schema=pa.schema(
                [
                    ("herkomst", pa.int64()),
                    ("regelnummer", pa.int64()),
                    ("waarde", pa.string()),
                    ("reden", pa.string()),
                ]
            ),
        )
        con.register("laad_afgewezen_regels", regels)
        try:
            con.execute(
                "INSERT INTO laad.quarantaine "
                "SELECT herkomst, regelnummer, NULL, waarde, reden FROM laad_afgewezen_regels"
            )
        finally:
            con.unregister("laad_afgewezen_regels")
    scrub_kolommen(con, "quarantaine", ["waarde"], pseudo)
