"""Generic checks, generated for every model and run with the assertions in the same transaction.

- A model whose header declares `-- sleutel: kolom1, kolom2` gets two checks: the key is
  unique (empty values count as equal), and every key column is filled — except a column
  followed by a remark that starts with "leeg", e.g. `gemeentecode (leeg = alle gemeenten)`.
  For a view (`-- materialisatie: view`) both are one query, so its rows are computed once.
  `-- sleutel: geen (reden)` says deliberately that rows have no key.
- Evidence points only at signals that exist: each `signaal_id` in
  `marts.mart_signaal_bewijsregels`, and in every evidence model (`indicators/ind_*_bewijs`)
  that has the column, is in `marts.mart_signalen`.
- Every signal model (an indicator with a `code`) names only known aanbieders. The truth is
  `intermediate.int_aanbieders`: the aanbieders file, and when a source has none (or misses
  one), every aanbieder seen in declaraties or toewijzingen.

Each check is a query that returns the offending rows; a failure names the model, the check
and a few offending keys, and nothing is published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from pipelines.sql_quote import ident

if TYPE_CHECKING:
    from pipelines.sql_runner import Model

SIGNALEN = "marts.mart_signalen"
BEWIJSREGELS = "marts.mart_signaal_bewijsregels"
AANBIEDERS = "intermediate.int_aanbieders"
SIGNALEN_SQL = f"{ident('marts')}.{ident('mart_signalen')}"
AANBIEDERS_SQL = f"{ident('intermediate')}.{ident('int_aanbieders')}"
VOORBEELDEN = 3

_KOLOM = re.compile(r"^([a-z_][a-z0-9_]*)\s*(?:\((.*)\))?$")


class SleutelOngeldig(ValueError):
    """A `-- sleutel:` header line that is not a list of column names."""


@dataclass(frozen=True)
class Sleutelkolom:
    naam: str
    mag_leeg: bool


@dataclass(frozen=True)
class Controle:
    model: str
    naam: str
    # Returns the offending rows; empty when the check holds.
    sql: str
    # The tables the check reads: a --select run only checks what it rebuilt.
    leest: frozenset[str]
    # Run only when the model's table has this column (schema, table, column): an evidence
    # model may leave signaal_id to the union mart, which then carries the check.
    alleen_met_kolom: tuple[str, str, str] | None = None


def _splits_buiten_haakjes(tekst: str) -> list[str]:
    delen, diepte, huidig = [], 0, ""
    for teken in tekst:
        if teken == "," and diepte == 0:
            delen.append(huidig)
            huidig = ""
            continue
        diepte += {"(": 1, ")": -1}.get(teken, 0)
        huidig += teken
    delen.append(huidig)
    return [deel.strip() for deel in delen if deel.strip()]


def lees_sleutel(waarde: str) -> list[Sleutelkolom]:
    """`aanbieder_agb, jaar, perceel (leeg = alle percelen)` → columns; [] for `geen …`."""
    if waarde.strip().lower().startswith("geen"):
        return []
    kolommen = []
    for deel in _splits_buiten_haakjes(waarde):
        match = _KOLOM.match(deel)
        if not match:
            raise SleutelOngeldig(
                f"'{deel}' is geen kolomnaam (schrijf kolom of kolom (leeg = betekenis))"
            )
        opmerking = (match.group(2) or "").strip().lower()
        kolommen.append(Sleutelkolom(match.group(1), opmerking.startswith("leeg")))
    if not kolommen:
        raise SleutelOngeldig("de sleutel noemt geen kolommen")
    return kolommen


def materialisatie(m: Model) -> str:
    """'tabel' or 'view' from `-- materialisatie:` (pipelines/sql_runner.py); the first word
    counts, so a reason may follow."""
    waarde = m.kop.get("materialisatie", "tabel").strip().lower()
    return re.split(r"[\s,]", waarde, maxsplit=1)[0] or "tabel"


def is_view(m: Model) -> bool:
    return not m.python and materialisatie(m) == "view"


def _sleutelcontroles(m: Model, kolommen: list[Sleutelkolom]) -> list[Controle]:
    namen = ", ".join(k.naam for k in kolommen)
    kolommen_sql = ", ".join(ident(k.naam) for k in kolommen)
    leest = frozenset({m.tabel})
    verplicht = [k for k in kolommen if not k.mag_leeg]
    if is_view(m) and verplicht:
        # Every check of a view computes its rows again: both conditions in one pass. A key
        # column is grouped on, so an empty key shows up as its own group.
        leeg_sql = " OR ".join(f"{ident(k.naam)} IS NULL" for k in verplicht)
        return [
            Controle(
                m.naam,
                f"sleutel uniek ({namen}) en gevuld ({', '.join(k.naam for k in verplicht)})",
                f"SELECT {kolommen_sql}, count(*) AS aantal_rijen FROM {m.tabel_sql} "
                f"GROUP BY {kolommen_sql} HAVING count(*) > 1 OR {leeg_sql}",
                leest,
            )
        ]
    controles = [
        Controle(
            m.naam,
            f"sleutel uniek ({namen})",
            f"SELECT {kolommen_sql}, count(*) AS aantal_rijen FROM {m.tabel_sql} "
            f"GROUP BY {kolommen_sql} HAVING count(*) > 1",
            leest,
        )
    ]
    if verplicht:
        leeg_sql = " OR ".join(f"{ident(k.naam)} IS NULL" for k in verplicht)
        controles.append(
            Controle(
                m.naam,
                f"sleutel gevuld ({', '.join(k.naam for k in verplicht)})",
                f"SELECT DISTINCT {kolommen_sql} FROM {m.tabel_sql} WHERE {leeg_sql}",
                leest,
            )
        )
    return controles


def is_bewijsmodel(m: Model) -> bool:
    return m.laag == "indicators" and m.naam.endswith("_bewijs")


def is_signaalmodel(m: Model) -> bool:
    return m.laag == "indicators" and "code" in m.kop


def genereer(modellen: Iterable[Model]) -> list[Controle]:
    """Every generic check for these models (raises SleutelOngeldig with the model's name)."""
    modellen = list(modellen)
    tabellen = {m.tabel for m in modellen}
    controles: list[Controle] = []
    for m in modellen:
        if "sleutel" in m.kop:
            try:
                kolommen = lees_sleutel(m.kop["sleutel"])
            except SleutelOngeldig as fout:
                raise SleutelOngeldig(f"model {m.naam}: sleutel in de kop: {fout}") from None
            if kolommen:
                controles += _sleutelcontroles(m, kolommen)
        if (is_bewijsmodel(m) or m.tabel == BEWIJSREGELS) and SIGNALEN in tabellen:
            schema, tabel = m.tabel.split(".")
            controles.append(
                Controle(
                    m.naam,
                    f"signaal_id bestaat in {SIGNALEN}",
                    f"SELECT DISTINCT b.signaal_id, b.bron FROM {m.tabel_sql} AS b "
                    f"WHERE NOT EXISTS (SELECT 1 FROM {SIGNALEN_SQL} AS s "
                    "WHERE s.signaal_id = b.signaal_id)",
                    frozenset({m.tabel, SIGNALEN}),
                    None if m.tabel == BEWIJSREGELS else (schema, tabel, "signaal_id"),
                )
            )
        if is_signaalmodel(m) and AANBIEDERS in tabellen:
            controles.append(
                Controle(
                    m.naam,
                    f"aanbieder_agb bestaat in {AANBIEDERS}",
                    f"SELECT DISTINCT s.aanbieder_agb FROM {m.tabel_sql} AS s WHERE NOT EXISTS "
                    f"(SELECT 1 FROM {AANBIEDERS_SQL} AS a "
                    "WHERE a.aanbieder_agb = s.aanbieder_agb)",
                    frozenset({m.tabel, AANBIEDERS}),
                )
            )
    return controles


def _heeft_kolom(con: duckdb.DuckDBPyConnection, schema: str, tabel: str, kolom: str) -> bool:
    rij = con.execute(
        "SELECT count(*) FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? AND column_name = ?",
        [schema, tabel, kolom],
    ).fetchone()
    return bool(rij and rij[0])


def _waarde(waarde: object) -> str:
    return "leeg" if waarde is None else str(waarde)


def voer_uit(con: duckdb.DuckDBPyConnection, controles: Sequence[Controle]) -> list[str]:
    """A Dutch line per failing check: model, check, how many, and a few offending keys.

    A check that cannot run (a key column that does not exist) is a failure too, and the last:
    DuckDB aborts the transaction, so nothing after it could run.
    """
    fouten = []
    for c in controles:
        if c.alleen_met_kolom and not _heeft_kolom(con, *c.alleen_met_kolom):
            continue
        try:
            cursor = con.execute(
                f"SELECT count(*) OVER () AS aantal_fout, * FROM ({c.sql}) ORDER BY ALL "
                f"LIMIT {int(VOORBEELDEN)}"
            )
            rijen = cursor.fetchall()
            kolommen = [kolom[0] for kolom in cursor.description or ()][1:]
        except duckdb.Error as fout:
            fouten.append(f"{c.model}: controle '{c.naam}' kon niet draaien: {fout}")
            break
        if not rijen:
            continue
        voorbeelden = "; ".join(
            ", ".join(f"{k}={_waarde(w)}" for k, w in zip(kolommen, rij[1:], strict=True))
            for rij in rijen
        )
        fouten.append(
            f"{c.model}: controle '{c.naam}' faalt voor {rijen[0][0]} waarde(n), "
            f"bijvoorbeeld {voorbeelden}"
        )
    return fouten
