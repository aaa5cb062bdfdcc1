"""Loading one file: read → validate → pseudonymise → write raw, quarantine, staging, register.

Reading and validating happen in an attached in-memory catalog (`laad`), so raw BSNs only
ever live in memory. Writing to the database file happens in one transaction per file:
either the whole file is recorded (good rows in staging, bad rows in quarantine, the file in
the load register) or nothing is.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from pipelines.contract import TABELLEN, Tabel, herken_tabel
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.read_tabular import (
    Gelezen,
    detecteer_formaat,
    laad_rijen,
    lees_csv,
    lees_parquet,
    lees_xlsx,
)
from pipelines.ingest.scrub_bsn import scrub_kolommen, tekstkolommen
from pipelines.ingest.validate_rows import (
    bouw_genormaliseerd,
    elfproef_sql,
    punt_is_duizendtal,
)
from pipelines.privacy import Pseudonimiseerder
from pipelines.sql_quote import ident

_INTERN = {"regelnummer", "rij"}


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


def inhoud_hash(pad: Path) -> str:
    digest = hashlib.sha256()
    with pad.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _een(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> int:
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _lees(con: duckdb.DuckDBPyConnection, pad: Path) -> tuple[Tabel, Gelezen]:
    with pad.open("rb") as handle:
        kop = handle.read(8)
    formaat = detecteer_formaat(pad, kop)
    if formaat == "xml":
        from pipelines.ingest.read_iwmo_xml import lees_iwmo_xml

        bericht = lees_iwmo_xml(pad)
        tabel = TABELLEN[bericht.tabel]
        kolommen = ["bsn" if k == "client_id" else k for k in tabel.kolomnamen]
        gelezen = laad_rijen(
            con,
            "invoer",
            bericht.rijen,
            kolommen,
            f"iWmo-XML {bericht.berichttype} (release {bericht.release})",
        )
        return tabel, gelezen
    naam = herken_tabel(pad.name)
    if naam is None:
        bekend = ", ".join(TABELLEN)
        raise OnleesbaarBestand(
            f"{pad.name}: uit de bestandsnaam blijkt niet welke tabel dit is. "
            f"De naam moet beginnen met een van: {bekend}."
        )
    lezer = {"csv": lees_csv, "xlsx": lees_xlsx, "parquet": lees_parquet}[formaat]
    return TABELLEN[naam], lezer(con, pad, "invoer")


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
    con: duckdb.DuckDBPyConnection, pseudo: Pseudonimiseerder, heeft_client: bool
) -> None:
    """Map every client BSN of this file to its pseudonym (in memory only), once per BSN."""
    con.execute("CREATE OR REPLACE TABLE laad.pseudoniemen (bsn VARCHAR, pseudoniem VARCHAR)")
    if not heeft_client:
        return
    waarden = [
        w
        for (w,) in con.execute(
            "SELECT DISTINCT bsn_genormaliseerd FROM laad.genormaliseerd "
            f"WHERE {elfproef_sql('bsn_genormaliseerd')}"
        ).fetchall()
    ]
    if waarden:
        # Through Arrow: row-by-row executemany costs seconds for ten thousand clients.
        paren = pa.table({"bsn": waarden, "pseudoniem": [pseudo.pseudoniem(w) for w in waarden]})
        con.register("laad_paren", paren)
        try:
            con.execute("INSERT INTO laad.pseudoniemen SELECT bsn, pseudoniem FROM laad_paren")
        finally:
            con.unregister("laad_paren")


def laad_bestand(
    con: duckdb.DuckDBPyConnection, pad: Path, pseudo: Pseudonimiseerder
) -> LaadResultaat:
    start = time.perf_counter()
    hash_ = inhoud_hash(pad)
    if _een(con, "SELECT count(*) FROM beheer.laadregister WHERE inhoud_hash = ?", [hash_]):
        return LaadResultaat(pad, "al_geladen", f"{pad.name}: al eerder geladen; niets toegevoegd.")

    con.execute("ATTACH IF NOT EXISTS ':memory:' AS laad")
    try:
        tabel, gelezen = _lees(con, pad)
        _controleer_kop(tabel, gelezen.kolommen, pad)
        con.execute(
            "CREATE OR REPLACE TABLE laad.invoer AS "
            "SELECT row_number() OVER () AS rij, * FROM laad.invoer"
        )
        punt = gelezen.formaat.startswith("csv") and punt_is_duizendtal(
            con, tabel, gelezen.kolommen
        )
        bouw_genormaliseerd(con, tabel, gelezen.kolommen, punt_is_duizendtal=punt)
        extra = [
            k
            for k in gelezen.kolommen
            if k not in tabel.kolomnamen and k not in {"bsn", "client_id"} and k not in _INTERN
        ]
        _maak_pseudoniemen(con, pseudo, tabel.heeft_client)
        # Validation saw the values as delivered (in memory); what is written is scrubbed: a
        # BSN in free text, an extra column or a client_id becomes its pseudonym.
        gescrubd = scrub_kolommen(
            con, "invoer", tekstkolommen(con, "invoer", {"bsn", *_INTERN}), pseudo
        )
        return _schrijf(con, pad, hash_, tabel, gelezen, extra, pseudo, gescrubd, start)
    finally:
        con.execute("DETACH DATABASE IF EXISTS laad")


def _schrijf(
    con: duckdb.DuckDBPyConnection,
    pad: Path,
    hash_: str,
    tabel: Tabel,
    gelezen: Gelezen,
    extra: list[str],
    pseudo: Pseudonimiseerder,
    gescrubd: set[str],
    start: float,
) -> LaadResultaat:
    data_kolommen = [k.naam for k in tabel.kolommen if k.soort != "client"]
    hash_sql = ", ".join(
        f"coalesce(CAST(k.{ident(n)} AS VARCHAR), '␀')"
        for n in (*data_kolommen, *(["client_id"] if tabel.heeft_client else []))
    )
    client_sql = "CASE g.client_bron WHEN 'bsn' THEN p.pseudoniem ELSE g.client_id_bron END"
    join_sql = (
        "LEFT JOIN laad.pseudoniemen AS p ON p.bsn = g.bsn_genormaliseerd"
        if tabel.heeft_client
        else ""
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE laad.klaar AS
        SELECT g.* EXCLUDE (bsn_genormaliseerd), {client_sql} AS client_id,
               len(g.fouten) = 0 AS is_goed
        FROM laad.genormaliseerd AS g {join_sql}
        """
        if tabel.heeft_client
        else """
        CREATE OR REPLACE TABLE laad.klaar AS
        SELECT g.*, NULL AS client_id, len(g.fouten) = 0 AS is_goed FROM laad.genormaliseerd AS g
        """
    )
    # The typed columns derive from the delivered text, so only a column in which the scrubber
    # found a BSN can hold one here too (a client_id that is really a BSN included); normalising
    # (trim, case, padding codes to 4 or 8 digits) never makes nine digits out of fewer.
    herkomst = {"client_id": "client_id", "client_id_bron": "client_id"}
    scrub_kolommen(
        con,
        "klaar",
        [k for k in tekstkolommen(con, "klaar", set()) if herkomst.get(k, k) in gescrubd],
        pseudo,
    )
    con.execute(
        f"CREATE OR REPLACE TABLE laad.klaar AS "
        f"SELECT *, md5(concat_ws('|', {hash_sql})) AS rij_hash FROM laad.klaar AS k"
    )
    _bouw_quarantaine(con, gelezen, pseudo)

    bestand_id = _een(con, "SELECT coalesce(max(bestand_id), 0) + 1 FROM beheer.laadregister")
    con.begin()
    try:
        _schrijf_raw(con, tabel, gelezen, extra, bestand_id, pseudo)
        quarantaine_regels = _schrijf_quarantaine(con, tabel, bestand_id) + len(gelezen.afgewezen)
        doel_sql = ", ".join(ident(n) for n in tabel.kolomnamen)
        bron_sql = ", ".join(f"k.{ident(n)}" for n in tabel.kolomnamen)
        staging_sql = f"staging.{ident(tabel.naam)}"
        geladen = _een(
            con,
            f"""
            INSERT INTO {staging_sql} (bestand_id, regelnummer, {doel_sql}, rij_hash)
            SELECT $bestand_id, k.regelnummer, {bron_sql}, k.rij_hash
            FROM laad.klaar AS k
            WHERE k.is_goed
              AND k.rij_hash NOT IN (SELECT rij_hash FROM {staging_sql})
            """,
            {"bestand_id": bestand_id},
        )
        goed = _een(con, "SELECT count(*) FROM laad.klaar WHERE is_goed")
        gelezen_totaal = gelezen.rijen + len(gelezen.afgewezen)
        duur = time.perf_counter() - start
        con.execute(
            "INSERT INTO beheer.laadregister (bestand_id, bestandsnaam, pad, tabel, formaat, "
            "inhoud_hash, rijen_gelezen, rijen_geladen, rijen_quarantaine, rijen_al_aanwezig, "
            "geladen_op, duur_seconden, toelichting) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                bestand_id,
                pseudo.scrub(pad.name),
                pseudo.scrub(str(pad.resolve())),
                tabel.naam,
                gelezen.formaat,
                hash_,
                gelezen_totaal,
                geladen,
                quarantaine_regels,
                goed - geladen,
                datetime.now(),
                duur,
                None,
            ],
        )
        con.commit()
    except Exception:
        con.rollback()
        raise
    bericht = (
        f"{pad.name} → {tabel.naam}: {gelezen_totaal} gelezen, {geladen} geladen, "
        f"{quarantaine_regels} in quarantaine"
        + (f", {goed - geladen} al aanwezig" if goed - geladen else "")
    )
    return LaadResultaat(
        pad,
        "geladen",
        bericht,
        tabel.naam,
        gelezen.formaat,
        gelezen_totaal,
        geladen,
        quarantaine_regels,
        goed - geladen,
        duur,
    )


def _schrijf_raw(
    con: duckdb.DuckDBPyConnection,
    tabel: Tabel,
    gelezen: Gelezen,
    extra: list[str],
    bestand_id: int,
    pseudo: Pseudonimiseerder,
) -> None:
    aanwezig = set(gelezen.kolommen)
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
    con.execute(
        f"""
        INSERT INTO raw.{ident(tabel.naam)}
            (bestand_id, regelnummer, {", ".join(ident(k) for k in kolommen)}, overige_kolommen)
        SELECT $bestand_id, i.regelnummer, {", ".join(waarden_sql)}, {overig_sql}
        FROM laad.invoer AS i
        JOIN laad.klaar AS k ON k.rij = i.rij
        """,
        {"bestand_id": bestand_id},
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
    con: duckdb.DuckDBPyConnection, gelezen: Gelezen, pseudo: Pseudonimiseerder
) -> None:
    """Every failed field and every unsplittable line, with its value BSN-scrubbed."""
    con.execute(
        """
        CREATE OR REPLACE TABLE laad.quarantaine AS
        SELECT regelnummer, fout.kolom AS kolom, fout.waarde AS waarde, fout.reden AS reden
        FROM (SELECT regelnummer, unnest(fouten) AS fout FROM laad.klaar WHERE NOT is_goed)
        """
    )
    if gelezen.afgewezen:
        afgewezen = pa.table(
            {
                "regelnummer": [a.regelnummer for a in gelezen.afgewezen],
                "waarde": [a.tekst for a in gelezen.afgewezen],
                "reden": [a.reden for a in gelezen.afgewezen],
            },
            schema=pa.schema(
                [("regelnummer", pa.int64()), ("waarde", pa.string()), ("reden", pa.string())]
            ),
        )
        con.register("laad_afgewezen_regels", afgewezen)
        try:
            con.execute(
                "INSERT INTO laad.quarantaine "
                "SELECT regelnummer, NULL, waarde, reden FROM laad_afgewezen_regels"
            )
        finally:
            con.unregister("laad_afgewezen_regels")
    scrub_kolommen(con, "quarantaine", ["waarde"], pseudo)


def _schrijf_quarantaine(con: duckdb.DuckDBPyConnection, tabel: Tabel, bestand_id: int) -> int:
    con.execute(
        "INSERT INTO quarantaine.redenen "
        "SELECT $bestand_id, $tabel, regelnummer, kolom, waarde, reden FROM laad.quarantaine",
        {"bestand_id": bestand_id, "tabel": tabel.naam},
    )
    return _een(con, "SELECT count(*) FROM laad.klaar WHERE NOT is_goed")
