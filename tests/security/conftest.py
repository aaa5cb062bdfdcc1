"""Helpers for the hostile-input tests: table counts over the whole database and a BSN scan."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from pipelines.privacy import elfproef
from tests.conftest import TEST_SLEUTEL

# Column types whose text could show a BSN: text, JSON and every whole-number or decimal type.
_SCANBARE_TYPES = re.compile(r"^(VARCHAR|JSON|.*INT.*|DECIMAL.*|UBIGINT|HUGEINT)$")


def alle_tabellen(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return [
        (str(s), str(t))
        for s, t in con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_type = 'BASE TABLE' "
            "ORDER BY 1, 2"
        ).fetchall()
    ]


def tel_alles(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table in every schema."""
    tellingen = {}
    for schema, tabel in alle_tabellen(con):
        naam = f'"{schema}"."{tabel}"'
        rij = con.execute(f"SELECT count(*) FROM {naam}").fetchone()
        tellingen[f"{schema}.{tabel}"] = int(rij[0]) if rij else 0
    return tellingen


def verschil(voor: dict[str, int], na: dict[str, int]) -> dict[str, int]:
    """Tables whose count changed (or that appeared/disappeared), with the change."""
    return {
        t: na.get(t, 0) - voor.get(t, 0)
        for t in sorted(set(voor) | set(na))
        if na.get(t, -1) != voor.get(t, -1)
    }


def maak_bsns(aantal: int, seed: int = 7) -> list[str]:
    """Distinct valid BSNs (elfproef), deterministic."""
    toeval = random.Random(seed)
    gevonden: set[str] = set()
    while len(gevonden) < aantal:
        kandidaat = f"{toeval.randrange(100_000_000, 999_999_999):09d}"
        if elfproef(kandidaat):
            gevonden.add(kandidaat)
    return sorted(gevonden)


def bsn_vondsten(con: duckdb.DuckDBPyConnection, bsns: list[str]) -> list[str]:
    """Every place (schema.tabel.kolom: waarde) where one of `bsns` is stored in plain sight.

    Scans every text, JSON and number column of every table; separators between digits
    (1234.56.782, 123 456 782) are ignored, so a formatted BSN is found too.
    """
    patroon = re.compile("|".join(re.escape(b) for b in bsns))
    vondsten = []
    for schema, tabel in alle_tabellen(con):
        kolommen = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?",
            [schema, tabel],
        ).fetchall()
        for kolom, soort in kolommen:
            if not _SCANBARE_TYPES.match(str(soort)):
                continue
            waarden = con.execute(
                f'SELECT DISTINCT CAST("{kolom}" AS VARCHAR) FROM "{schema}"."{tabel}" '
                f'WHERE "{kolom}" IS NOT NULL'
            ).fetchall()
            for (waarde,) in waarden:
                cijfers = re.sub(r"(?<=[0-9])[ .\-](?=[0-9])", "", str(waarde))
                if patroon.search(cijfers):
                    vondsten.append(f"{schema}.{tabel}.{kolom}: {str(waarde)[:80]}")
    return vondsten


@contextmanager
def kleine_regio(map_: Path, aanpassen: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """A generated region (30 providers, 800 clients), optionally altered in its source files
    by `aanpassen(bronmap)`, then loaded and run through the CLI; yields the database path."""
    from typer.testing import CliRunner

    from pipelines.cli import app
    from pipelines.demo.generate_region import genereer_regio

    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
        mp.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(map_ / "sleutel"))
        mp.delenv("SIGNAALMONITOR_DB", raising=False)
        genereer_regio(map_ / "regio", aantal_aanbieders=30, aantal_clienten=800)
        bron = map_ / "regio" / "bron"
        if aanpassen is not None:
            aanpassen(bron)
        db = map_ / "sm.duckdb"
        for opdracht in (["ingest", str(bron)], ["run"]):
            uitkomst = runner.invoke(app, [*opdracht, "--db", str(db)])
            assert uitkomst.exit_code == 0, uitkomst.output
        yield db
