"""Runs the SQL pipelines in sql/ (write-audit-publish, after carbonfact/lea).

Every `sql/<laag>/<model>.sql` file holds one SELECT; the runner materialises it as table
`<laag>.<model>` in dependency order (the tables its SQL reads, from DuckDB's own parser),
runs the Python models (scoring), then every `sql/tests/assert_*.sql` (each returns the rows
that violate it) and the checks generated per model (pipelines/sql_controles.py: declared
key, evidence → signal, signal → aanbieder). All of it happens in one DuckDB transaction: if
any model or check fails, nothing is published and the previous tables stay. Reviewer notes
live in `beheer.beoordelingen`, which a run never touches. `--select` (pipelines/sql_selectie.py)
rebuilds only some models, on top of the tables that exist.
"""

from __future__ import annotations

import errno
import json
import re
import stat
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb

from pipelines.drempels_schema import valideer
from pipelines.settings import SQL_DIR, reference_dir
from pipelines.sql_controles import SIGNALEN, SleutelOngeldig
from pipelines.sql_controles import genereer as genereer_controles
from pipelines.sql_controles import voer_uit as voer_controles_uit
from pipelines.sql_quote import ident
from pipelines.sql_selectie import (
    OngeldigeKeuze,
    kies_modellen,
    meld_ontbrekend,
    ontbrekende_invoer,
)
from pipelines.sql_verwijzingen import SqlOnleesbaar, tabelverwijzingen

LAGEN = ("staging", "intermediate", "indicators", "marts")
# The SQL layer 'staging' lives in schema `stg`: schema `staging` holds the loaded rows.
SCHEMA_PER_LAAG = {
    "staging": "stg",
    "intermediate": "intermediate",
    "indicators": "indicators",
    "marts": "marts",
}
_KOPREGEL = re.compile(r"^--\s*([a-z_]+)\s*:\s*(.*)$")
_VERVOLG = re.compile(r"^--\s{2,}(.*)$")


class RunMislukt(Exception):
    """A model or assertion failed; nothing was published."""


@dataclass
class Model:
    naam: str
    laag: str
    sql: str
    kop: dict[str, str]
    pad: Path | None = None
    afhankelijk_van: set[str] = field(default_factory=set)
    # Tables outside the model schemas that the SQL reads (staging.*, referentie.*, beheer.*).
    bronnen: set[str] = field(default_factory=set)
    python: Callable[[duckdb.DuckDBPyConnection, dict[str, Any]], None] | None = None

    @property
    def tabel(self) -> str:
        return f"{SCHEMA_PER_LAAG[self.laag]}.{self.naam}"

    @property
    def tabel_sql(self) -> str:
        return f"{ident(SCHEMA_PER_LAAG[self.laag])}.{ident(self.naam)}"


def lees_kop(sql: str) -> dict[str, str]:
    """The leading comment block: `-- sleutel: waarde` lines, continued by indented lines."""
    kop: dict[str, str] = {}
    laatste: str | None = None
    for regel in sql.splitlines():
        if not regel.startswith("--"):
            if regel.strip():
                break
            continue
        match = _KOPREGEL.match(regel)
        vervolg = _VERVOLG.match(regel)
        if match:
            laatste = match.group(1)
            kop[laatste] = match.group(2).strip()
        elif vervolg and laatste:
            kop[laatste] = f"{kop[laatste]} {vervolg.group(1).strip()}".strip()
    return kop


def vind_modellen(sql_dir: Path = SQL_DIR) -> list[Model]:
    modellen = []
    for laag in LAGEN:
        for pad in sorted((sql_dir / laag).glob("*.sql")):
            sql = pad.read_text(encoding="utf-8")
            modellen.append(Model(pad.stem, laag, sql, lees_kop(sql), pad))
    return modellen


SIGNAAL_KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("signaal_id", "varchar"),
    ("indicator", "varchar"),
    ("categorie", "varchar"),
    ("aanbieder_agb", "varchar"),
    ("jaar", "integer"),
    ("gemeentecode", "varchar"),
    ("perceel", "varchar"),
    ("productcode", "varchar"),
    ("waarde", "double"),
    ("referentiewaarde", "double"),
    ("afwijking", "double"),
    ("financieel_belang", "double"),
    ("aantal_clienten", "integer"),
    ("gemarkeerd", "boolean"),
    ("sterkte", "double"),
    ("peergroep", "varchar"),
    ("toelichting", "varchar"),
)
BEWIJS_KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("signaal_id", "varchar"),
    ("bron", "varchar"),
    ("declaratieregel_id", "varchar"),
    ("client_id", "varchar"),
    ("toewijzingnummer", "varchar"),
    ("referentienummer", "varchar"),
    ("productcode", "varchar"),
    ("begindatum", "date"),
    ("einddatum", "date"),
    ("volume", "double"),
    ("bedrag_eur", "double"),
    ("onrechtmatig_eur", "double"),
    ("toelichting", "varchar"),
)


def samengestelde_modellen(modellen: list[Model]) -> list[Model]:
    """All signals and all evidence in one table each, generated from the indicator files.

    Adding an indicator is adding a file: nobody edits a hand-kept UNION.
    """
    indicatoren = sorted(
        m.tabel_sql for m in modellen if m.laag == "indicators" and "code" in m.kop
    )
    bewijs = sorted(
        m.tabel_sql for m in modellen if m.laag == "indicators" and m.naam.endswith("_bewijs")
    )
    uitvoer = []
    for naam, tabellen, kolommen, doel in (
        ("mart_signalen", indicatoren, SIGNAAL_KOLOMMEN, "alle signalen van alle indicatoren"),
        ("mart_signaal_bewijsregels", bewijs, BEWIJS_KOLOMMEN, "de bewijsregels per signaal"),
    ):
        # Casting every column keeps the union's types fixed whatever an indicator computes.
        select_sql = ", ".join(f"cast({ident(k)} as {t}) as {ident(k)}" for k, t in kolommen)
        if tabellen:
            sql = "\nunion all\n".join(
                f"select {select_sql} from {tabel_sql}" for tabel_sql in tabellen
            )
        else:
            leeg_sql = ", ".join(f"cast(null as {t}) as {ident(k)}" for k, t in kolommen)
            sql = f"select {leeg_sql} where false"
        uitvoer.append(Model(naam, "marts", sql, {"doel": doel}))
    return uitvoer


def _koppel(modellen: list[Model]) -> None:
    """Fill `afhankelijk_van` and `bronnen` from the tables each model's SQL reads.

    The references come from DuckDB's parser (pipelines/sql_verwijzingen.py): a table in a
    model schema must be a model, a name without a schema must be a CTE. A Python model
    declares its dependencies itself.
    """
    per_tabel = {m.tabel: m for m in modellen}
    modelschemas = set(SCHEMA_PER_LAAG.values())
    for m in modellen:
        if not m.sql.strip():
            continue
        try:
            verwijzingen = tabelverwijzingen(m.sql)
        except SqlOnleesbaar as fout:
            raise RunMislukt(
                f"model {m.naam} ({m.pad or 'gegenereerd'}): de SQL is niet te lezen: {fout}"
            ) from None
        zonder_schema = sorted(v for v in verwijzingen if "." not in v)
        if zonder_schema:
            raise RunMislukt(
                f"{m.naam}: verwijst naar {', '.join(zonder_schema)} zonder schema; schrijf "
                "<schema>.<tabel> (zoals intermediate.int_aanbieders) of maak een CTE met die naam"
            )
        modelverwijzingen = {v for v in verwijzingen if v.split(".")[0] in modelschemas}
        onbekend = modelverwijzingen - per_tabel.keys()
        if onbekend:
            raise RunMislukt(
                f"{m.naam}: verwijst naar onbekend model {', '.join(sorted(onbekend))}"
            )
        if m.tabel in modelverwijzingen:
            raise RunMislukt(f"kringverwijzing: {m.naam} leest zijn eigen tabel {m.tabel}")
        m.afhankelijk_van |= modelverwijzingen
        m.bronnen |= verwijzingen - modelverwijzingen


def volgorde(modellen: list[Model]) -> list[Model]:
    """Topological order; ties broken by layer, then name, so runs are reproducible."""
    _koppel(modellen)
    per_tabel = {m.tabel: m for m in modellen}
    rang = {laag: i for i, laag in enumerate(LAGEN)}
    klaar: list[Model] = []
    gedaan: set[str] = set()
    pad: list[str] = []

    def bezoek(m: Model) -> None:
        if m.tabel in gedaan:
            return
        if m.tabel in pad:
            kring = [*pad[pad.index(m.tabel) :], m.tabel]
            raise RunMislukt(
                f"kringverwijzing tussen modellen bij {m.naam}: "
                + " → ".join(per_tabel[t].naam for t in kring)
            )
        pad.append(m.tabel)
        for dep in sorted(m.afhankelijk_van, key=lambda t: (rang[per_tabel[t].laag], t)):
            bezoek(per_tabel[dep])
        pad.pop()
        gedaan.add(m.tabel)
        klaar.append(m)

    for m in sorted(modellen, key=lambda m: (rang[m.laag], m.naam)):
        bezoek(m)
    return klaar


# A thresholds file is a few kilobytes; anything far larger is the wrong file.
_DREMPELS_MAX_BYTES = 1_000_000
_TOML_POSITIE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _leesfout(fout: OSError) -> str:
    if fout.errno in (errno.EACCES, errno.EPERM):
        return "geen leesrechten"
    return f"systeemfout {fout.errno}"


def _lees_toml(pad: Path) -> dict[str, Any]:
    """A TOML file as a dict, or RunMislukt with a Dutch reason (never a traceback)."""
    try:
        toestand = pad.stat()
    except FileNotFoundError:
        raise RunMislukt(f"drempelbestand {pad} bestaat niet.") from None
    except OSError as fout:
        raise RunMislukt(f"drempelbestand {pad} is niet te lezen ({_leesfout(fout)}).") from None
    if stat.S_ISDIR(toestand.st_mode):
        raise RunMislukt(f"drempelbestand {pad} is een map; geef een .toml-bestand.")
    if not stat.S_ISREG(toestand.st_mode):
        # A FIFO or device would block or never end.
        raise RunMislukt(f"drempelbestand {pad} is geen gewoon bestand.")
    if toestand.st_size > _DREMPELS_MAX_BYTES:
        raise RunMislukt(f"drempelbestand {pad} is te groot ({toestand.st_size} bytes).")
    try:
        with pad.open("rb") as handle:
            inhoud = handle.read(_DREMPELS_MAX_BYTES + 1)
    except OSError as fout:
        raise RunMislukt(f"drempelbestand {pad} is niet te lezen ({_leesfout(fout)}).") from None
    try:
        return tomllib.loads(inhoud.decode("utf-8"))
    except UnicodeDecodeError as fout:
        raise RunMislukt(
            f"drempelbestand {pad} is geen geldig TOML-bestand: geen UTF-8 (byte {fout.start})."
        ) from None
    except tomllib.TOMLDecodeError as fout:
        positie = _TOML_POSITIE.search(str(fout))
        waar = f" (regel {positie.group(1)}, kolom {positie.group(2)})" if positie else ""
        raise RunMislukt(f"drempelbestand {pad} is geen geldig TOML-bestand{waar}.") from None


def lees_drempels(pad: Path | None = None) -> dict[str, Any]:
    """Thresholds: the documented defaults in data/reference/drempels.toml, then overrides.

    Both files are validated against `pipelines.drempels_schema` (type, range, known key)
    before anything runs; every problem is reported at once, in Dutch, as RunMislukt.
    """
    standaard = reference_dir() / "drempels.toml"
    drempels, fouten = valideer(_lees_toml(standaard), volledig=True)
    if fouten:
        raise RunMislukt(f"drempels in {standaard} kloppen niet: " + "; ".join(fouten) + ".")
    if pad:
        eigen, fouten = valideer(_lees_toml(pad), volledig=False)
        if fouten:
            raise RunMislukt(
                f"drempels in {pad} kloppen niet, niets berekend: " + "; ".join(fouten) + "."
            )
        drempels.update(eigen)
    return drempels


def _zet_variabelen(con: duckdb.DuckDBPyConnection, drempels: dict[str, Any]) -> None:
    for naam, waarde in drempels.items():
        con.execute(f"SET VARIABLE {ident(naam)} = ?", [waarde])


@dataclass
class RunResultaat:
    modellen: int
    asserties: int
    seconden: float
    per_model: dict[str, float]
    # Generated per model (pipelines/sql_controles.py), next to the assertions in sql/tests/.
    controles: int = 0


def _asserties(sql_dir: Path) -> list[tuple[str, str]]:
    return [
        (pad.stem, pad.read_text(encoding="utf-8"))
        for pad in sorted((sql_dir / "tests").glob("assert_*.sql"))
    ]


def _leest(naam: str, sql: str) -> set[str]:
    try:
        return tabelverwijzingen(sql)
    except SqlOnleesbaar as fout:
        raise RunMislukt(f"assertie {naam}: de SQL is niet te lezen: {fout}") from None


def _registreer_indicatoren(con: duckdb.DuckDBPyConnection, modellen: list[Model]) -> None:
    con.execute(
        """
        CREATE OR REPLACE TABLE marts.indicator_register (
            indicator VARCHAR PRIMARY KEY, naam VARCHAR, categorie VARCHAR, definitie VARCHAR,
            waarom VARCHAR, drempels VARCHAR, bron VARCHAR, model VARCHAR, grain VARCHAR
        )
        """
    )
    rijen = [
        [
            m.kop["code"],
            m.kop.get("naam"),
            m.kop.get("categorie"),
            m.kop.get("definitie"),
            m.kop.get("waarom"),
            m.kop.get("drempels"),
            m.kop.get("bron"),
            m.naam,
            m.kop.get("grain"),
        ]
        for m in modellen
        if m.laag == "indicators" and "code" in m.kop
    ]
    if rijen:
        con.executemany(
            "INSERT INTO marts.indicator_register VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rijen
        )


def _versies() -> dict[str, str]:
    pakketten = ("duckdb", "scikit-learn", "numpy", "polars", "signaalmonitor-wmo")
    versies = {}
    for pakket in pakketten:
        try:
            versies[pakket] = metadata.version(pakket)
        except metadata.PackageNotFoundError:
            versies[pakket] = "onbekend"
    return versies


def draai(
    con: duckdb.DuckDBPyConnection,
    *,
    sql_dir: Path = SQL_DIR,
    drempels: dict[str, Any] | None = None,
    python_modellen: list[Model] | None = None,
    voortgang: Callable[[str], None] | None = None,
    selectie: Sequence[str] | None = None,
) -> RunResultaat:
    """Build every model (or only `selectie`, see pipelines/sql_selectie.py), run the checks,
    and publish all of it in one transaction, or nothing."""
    drempels = drempels if drempels is not None else lees_drempels()
    modellen = vind_modellen(sql_dir) + list(python_modellen or [])
    modellen += samengestelde_modellen(modellen)
    geordend = volgorde(modellen)
    try:
        te_draaien = kies_modellen(geordend, selectie) if selectie else geordend
    except OngeldigeKeuze as fout:
        raise RunMislukt(str(fout)) from None
    gebouwd = {m.tabel for m in te_draaien}
    asserties = [
        (naam, sql)
        for naam, sql in _asserties(sql_dir)
        if not selectie or _leest(naam, sql) & gebouwd
    ]
    try:
        controles = [c for c in genereer_controles(geordend) if not selectie or c.leest & gebouwd]
    except SleutelOngeldig as fout:
        raise RunMislukt(str(fout)) from None
    start = time.perf_counter()
    per_model: dict[str, float] = {}
    con.begin()
    try:
        _zet_variabelen(con, drempels)
        for schema in SCHEMA_PER_LAAG.values():
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {ident(schema)}")
        ontbrekend = ontbrekende_invoer(con, te_draaien)
        if ontbrekend:
            raise RunMislukt(meld_ontbrekend(ontbrekend, met_keuze=bool(selectie)))
        macros = sql_dir / "macros.sql"
        if macros.exists():
            con.execute(macros.read_text(encoding="utf-8"))
        for m in te_draaien:
            if voortgang:
                voortgang(m.naam)
            begin = time.perf_counter()
            try:
                if m.python:
                    m.python(con, drempels)
                else:
                    con.execute(f"CREATE OR REPLACE TABLE {m.tabel_sql} AS\n{m.sql}")
            except duckdb.Error as error:
                raise RunMislukt(f"model {m.naam} ({m.pad or 'python'}) faalde: {error}") from None
            per_model[m.naam] = time.perf_counter() - begin
        _registreer_indicatoren(con, geordend)
        eerst_gezien = sql_dir / "signalen_eerst_gezien.sql"
        if eerst_gezien.exists() and SIGNALEN in gebouwd:
            try:
                con.execute(eerst_gezien.read_text(encoding="utf-8"))
            except duckdb.Error as error:
                raise RunMislukt(f"signalen_eerst_gezien.sql faalde: {error}") from None
        # Role-scoped views (what each dashboard role may read) are rebuilt with the tables
        # they select from, inside the same transaction.
        rollen = sql_dir / "rollen.sql"
        # A --select run on a database that never had a full run lacks tables the views read;
        # the first full run builds them.
        if rollen.exists() and not ontbrekende_invoer(con, geordend, alleen_modellen=True):
            try:
                con.execute(rollen.read_text(encoding="utf-8"))
            except duckdb.Error as error:
                raise RunMislukt(f"rolweergaven (rollen.sql) faalden: {error}") from None
        fouten = []
        for naam, sql in asserties:
            if voortgang:
                voortgang(naam)
            try:
                aantal = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
            except duckdb.Error as error:
                raise RunMislukt(f"assertie {naam} faalde: {error}") from None
            if aantal and aantal[0]:
                fouten.append(f"{naam}: {aantal[0]} rij(en) schenden de regel")
        if voortgang:
            voortgang("gegenereerde controles")
        fouten += voer_controles_uit(con, controles)
        if fouten:
            raise RunMislukt("controles faalden, niets gepubliceerd: " + "; ".join(fouten))
        seconden = time.perf_counter() - start
        con.execute(
            "INSERT INTO beheer.runs VALUES (nextval('beheer.run_volgnummer'), ?, ?, ?, ?, ?)",
            [
                datetime.now(),
                seconden,
                json.dumps(drempels, sort_keys=True, default=str),
                json.dumps(_versies(), sort_keys=True),
                json.dumps({k: round(v, 3) for k, v in per_model.items()}),
            ],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return RunResultaat(len(te_draaien), len(asserties), seconden, per_model, len(controles))
