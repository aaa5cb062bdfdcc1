"""The dashboard's only door to DuckDB: short-lived read-only connections, bound parameters.

Page files call these functions and never write SQL themselves. Results are cached per
`dataversie` (the newest load in the register), so a new load shows up without a restart.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

DB_ENV = "SIGNAALMONITOR_DB"


def database_pad() -> Path:
    return Path(os.environ.get(DB_ENV) or "data/signaalmonitor.duckdb")


def _lees(sql: str, params: dict[str, object] | None = None) -> pl.DataFrame:
    con = duckdb.connect(str(database_pad()), read_only=True)
    try:
        return con.sql(sql, params=params or {}).pl()
    finally:
        con.close()


def database_bestaat() -> bool:
    return database_pad().exists()


def dataversie() -> str:
    """Changes whenever a file is loaded; the cache key for every query below."""
    if not database_bestaat():
        return "leeg"
    df = _lees("SELECT count(*) AS n, max(geladen_op) AS laatst FROM beheer.laadregister")
    return f"{df['n'][0]}-{df['laatst'][0]}"


@st.cache_data(ttl=600, max_entries=16)
def rijen_per_tabel(dataversie: str) -> pl.DataFrame:
    return _lees(
        """
        WITH q AS (
            SELECT tabel, count(DISTINCT (bestand_id, regelnummer)) AS quarantaine
            FROM quarantaine.redenen GROUP BY tabel
        ), l AS (
            SELECT tabel, sum(rijen_geladen) AS geladen, count(*) AS bestanden
            FROM beheer.laadregister GROUP BY tabel
        )
        SELECT l.tabel, l.bestanden, l.geladen, coalesce(q.quarantaine, 0) AS quarantaine
        FROM l LEFT JOIN q USING (tabel) ORDER BY l.tabel
        """
    )


@st.cache_data(ttl=600, max_entries=16)
def laadregister(dataversie: str) -> pl.DataFrame:
    return _lees(
        "SELECT bestandsnaam, tabel, formaat, rijen_gelezen, rijen_geladen, rijen_quarantaine, "
        "rijen_al_aanwezig, geladen_op, round(duur_seconden, 2) AS duur_seconden "
        "FROM beheer.laadregister ORDER BY bestand_id DESC"
    )


@st.cache_data(ttl=600, max_entries=16)
def quarantaine_redenen(dataversie: str) -> pl.DataFrame:
    return _lees(
        "SELECT q.tabel, r.bestandsnaam, q.regelnummer, q.kolom, q.waarde, q.reden "
        "FROM quarantaine.redenen AS q JOIN beheer.laadregister AS r USING (bestand_id) "
        "ORDER BY r.bestand_id, q.regelnummer LIMIT 5000"
    )
