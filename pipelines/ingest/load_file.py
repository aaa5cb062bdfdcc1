"""Loading one file: read → validate → pseudonymise → write raw, quarantine, staging, register.

Reading and validating happen in an attached in-memory catalog (`laad`), so raw BSNs only
ever live in memory. Writing to the database file happens in one transaction per file:
either the whole file is recorded (good rows in staging, bad rows in quarantine, the file in
the load register) or nothing is.
"""

from __future__ import annotations

import hashlib
import re
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
from pipelines.ingest.validate_rows import (
    bouw_genormaliseerd,
    elfproef_sql,
    ident,
    punt_is_duizendtal,
)
from pipelines.privacy import Pseudonimiseerder, elfproef

_BSN_IN_TEKST = re.compile(r"(?<!\d)\d{9}(?!\d)")
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
    con: duckdb.DuckDBPyConnection,
    pseudo: Pseudonimiseerder,
    extra_kolommen: list[str],
    heeft_client: bool,
) -> None:
    """Map every BSN-like value of this file to its pseudonym (in memory only)."""
    bronnen = []
    if heeft_client:
        bronnen.append(
            "SELECT bsn_genormaliseerd AS bsn FROM laad.genormaliseerd "
            "WHERE bsn_genormaliseerd IS NOT NULL"
        )
    # A BSN can hide in an extra column (e.g. 'bsn_partner'); it must not reach raw either.
    for kolom in extra_kolommen:
        waarde = f"trim({ident(kolom)})"
        bronnen.append(f"SELECT {waarde} AS bsn FROM laad.invoer WHERE {elfproef_sql(waarde)}")
    con.execute("CREATE OR REPLACE TABLE laad.pseudoniemen (bsn VARCHAR, pseudoniem VARCHAR)")
    if not bronnen:
        return
    waarden = [
        w
        for (w,) in con.execute(
            f"SELECT DISTINCT bsn FROM ({' UNION ALL '.join(bronnen)})"
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


def _scrub_bsn(tekst: str | None, pseudo: Pseudonimiseerder) -> str | None:
    if tekst is None:
        return None
    return _BSN_IN_TEKST.sub(
        lambda m: pseudo.pseudoniem(m.group(0)) if elfproef(m.group(0)) else m.group(0), tekst
    )


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
        _maak_pseudoniemen(con, pseudo, extra, tabel.heeft_client)
        return _schrijf(con, pad, hash_, tabel, gelezen, extra, pseudo, start)
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
    start: float,
) -> LaadResultaat:
    data_kolommen = [k.naam for k in tabel.kolommen if k.soort != "client"]
    hash_delen = ", ".join(
        f"coalesce(CAST(k.{ident(n)} AS VARCHAR), '␀')"
        for n in (*data_kolommen, *(["client_id"] if tabel.heeft_client else []))
    )
    client_sql = (
        "CASE g.client_bron WHEN 'bsn' THEN p.pseudoniem ELSE g.client_id_bron END"
        if tabel.heeft_client
        else "NULL"
    )
    join_sql = (
        "LEFT JOIN laad.pseudoniemen AS p ON p.bsn = g.bsn_genormaliseerd"
        if tabel.heeft_client
        else ""
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE laad.klaar AS
        SELECT *, md5(concat_ws('|', {hash_delen})) AS rij_hash
        FROM (
            SELECT g.*, {client_sql} AS client_id, len(g.fouten) = 0 AS is_goed
            FROM laad.genormaliseerd AS g {join_sql}
        ) AS k
        """
    )

    bestand_id = _een(con, "SELECT coalesce(max(bestand_id), 0) + 1 FROM beheer.laadregister")
    con.begin()
    try:
        _schrijf_raw(con, tabel, gelezen, extra, bestand_id)
        quarantaine_regels = _schrijf_quarantaine(con, tabel, gelezen, bestand_id, pseudo)
        doel = ", ".join(ident(n) for n in tabel.kolomnamen)
        bron = ", ".join(f"k.{ident(n)}" for n in tabel.kolomnamen)
        geladen = _een(
            con,
            f"""
            INSERT INTO staging.{tabel.naam} (bestand_id, regelnummer, {doel}, rij_hash)
            SELECT $bestand_id, k.regelnummer, {bron}, k.rij_hash
            FROM laad.klaar AS k
            WHERE k.is_goed
              AND k.rij_hash NOT IN (SELECT rij_hash FROM staging.{tabel.naam})
            """,
            {"bestand_id": bestand_id},
        )
        goed = _een(con, "SELECT count(*) FROM laad.klaar WHERE is_goed")
        gelezen_totaal = gelezen.rijen + len(gelezen.afgewezen)
        duur = time.perf_counter() - start
        con.execute(
            "INSERT INTO beheer.laadregister VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                bestand_id,
                pad.name,
                str(pad.resolve()),
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
) -> None:
    aanwezig = set(gelezen.kolommen)
    kolommen = [k.naam for k in tabel.kolommen if k.soort != "client"]
    waarden = [f"i.{ident(n)}" if n in aanwezig else "CAST(NULL AS VARCHAR)" for n in kolommen]
    if tabel.heeft_client:
        kolommen += ["client_id", "client_bron"]
        waarden += ["k.client_id", "k.client_bron"]
    joins = "".join(
        f" LEFT JOIN laad.pseudoniemen AS x{n} ON x{n}.bsn = trim(i.{ident(e)})"
        for n, e in enumerate(extra)
    )
    if extra:
        velden = ", ".join(
            f"{ident(e)} := coalesce(x{n}.pseudoniem, i.{ident(e)})" for n, e in enumerate(extra)
        )
        overig = f"CAST(to_json(struct_pack({velden})) AS VARCHAR)"
    else:
        overig = "CAST(NULL AS VARCHAR)"
    con.execute(
        f"""
        INSERT INTO raw.{tabel.naam}
            (bestand_id, regelnummer, {", ".join(ident(k) for k in kolommen)}, overige_kolommen)
        SELECT $bestand_id, i.regelnummer, {", ".join(waarden)}, {overig}
        FROM laad.invoer AS i
        JOIN laad.klaar AS k ON k.rij = i.rij{joins}
        """,
        {"bestand_id": bestand_id},
    )


def _schrijf_quarantaine(
    con: duckdb.DuckDBPyConnection,
    tabel: Tabel,
    gelezen: Gelezen,
    bestand_id: int,
    pseudo: Pseudonimiseerder,
) -> int:
    con.execute(
        """
        INSERT INTO quarantaine.redenen
        SELECT $bestand_id, $tabel, regelnummer, fout.kolom, fout.waarde, fout.reden
        FROM (SELECT regelnummer, unnest(fouten) AS fout FROM laad.klaar WHERE NOT is_goed)
        """,
        {"bestand_id": bestand_id, "tabel": tabel.naam},
    )
    if gelezen.afgewezen:
        con.executemany(
            "INSERT INTO quarantaine.redenen VALUES (?, ?, ?, NULL, ?, ?)",
            [
                [bestand_id, tabel.naam, a.regelnummer, _scrub_bsn(a.tekst, pseudo), a.reden]
                for a in gelezen.afgewezen
            ],
        )
    return _een(con, "SELECT count(*) FROM laad.klaar WHERE NOT is_goed") + len(gelezen.afgewezen)
