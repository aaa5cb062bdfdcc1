"""Carry the old beoordelingen (DuckDB beheer.beoordelingen, before #12) into the beheeropslag,
and record the database's key fingerprint there.

A step of `signaalmonitor run`, because only the CLI opens the DuckDB file for writing and a
run is the moment the signals (indicator, provider, year of each signal_id) are known. It runs
on every run and is idempotent: a row that was carried once is recognised by its hash and never
carried again (pipelines/beheeropslag/werkvoorraad.py). The old table is left as it is: nothing
is lost, and the dashboard no longer reads or writes it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines import privacy
from pipelines.beheeropslag import werkvoorraad


def _bestaat(con: duckdb.DuckDBPyConnection, schema: str, tabel: str) -> bool:
    rij = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, tabel],
    ).fetchone()
    return bool(rij and rij[0])


def oude_beoordelingen(con: duckdb.DuckDBPyConnection) -> list[werkvoorraad.OudeBeoordeling]:
    if not _bestaat(con, "beheer", "beoordelingen"):
        return []
    met_signalen = _bestaat(con, "marts", "mart_signalen")
    signaalgegevens_sql = (
        "s.indicator, s.aanbieder_agb, s.jaar"
        if met_signalen
        else "null::varchar, null::varchar, null::integer"
    )
    koppeling_sql = (
        "left join marts.mart_signalen as s on s.signaal_id = b.signaal_id" if met_signalen else ""
    )
    rijen = con.execute(
        f"""
        select b.signaal_id, b.status, b.notitie, b.beoordelaar, b.vastgelegd_op,
            {signaalgegevens_sql}
        from beheer.beoordelingen as b
        {koppeling_sql}
        order by b.vastgelegd_op, b.signaal_id
        """
    ).fetchall()
    return [
        werkvoorraad.OudeBeoordeling(
            signaal_id=r[0],
            status=r[1],
            notitie=r[2],
            beoordelaar=r[3],
            vastgelegd_op=r[4],
            indicator_code=r[5],
            aanbieder_agb=r[6],
            jaar=r[7],
        )
        for r in rijen
    ]


def zet_over(con: duckdb.DuckDBPyConnection, db_pad: str | Path | None = None) -> int:
    """How many old rows were carried over now (0 when all were carried before)."""
    oude = oude_beoordelingen(con)
    if not oude:
        return 0
    return werkvoorraad.zet_oude_beoordelingen_over(oude, db_pad=db_pad)


def leg_vingerafdruk_vast(con: duckdb.DuckDBPyConnection, db_pad: str | Path | None = None) -> None:
    """Copy the key fingerprint of the database into the beheeropslag.

    The dashboard needs it to scrub a BSN typed in a note (pseudonym with the right key, else
    removed), and reads only the role's own data file, which need not hold it.
    """
    if not _bestaat(con, "beheer", "instellingen"):
        return
    rij = con.execute(
        "select waarde from beheer.instellingen where sleutel = ?", [privacy.SLEUTEL_INSTELLING]
    ).fetchone()
    if rij is not None:
        werkvoorraad.leg_sleutel_vingerafdruk_vast(str(rij[0]), db_pad=db_pad)
