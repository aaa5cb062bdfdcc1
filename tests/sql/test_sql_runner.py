"""The runner: dependency order, headers, and write-audit-publish (nothing half published)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.database import open_for_writing
from pipelines.sql_runner import RunMislukt, draai, lees_kop, vind_modellen, volgorde


def _schrijf(map_: Path, pad: str, sql: str) -> None:
    doel = map_ / pad
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_text(sql, encoding="utf-8")


def test_kop_met_vervolgregels() -> None:
    kop = lees_kop(
        "-- code: X01\n-- definitie: eerste deel\n--   en tweede deel\n-- bron: TR338\nselect 1\n"
    )
    assert kop == {"code": "X01", "definitie": "eerste deel en tweede deel", "bron": "TR338"}


def test_volgorde_volgt_verwijzingen_ook_tegen_de_alfabetische_in(tmp_path: Path) -> None:
    _schrijf(tmp_path, "intermediate/int_a.sql", "select * from intermediate.int_b")
    _schrijf(tmp_path, "intermediate/int_b.sql", "select * from stg.stg_x")
    _schrijf(tmp_path, "staging/stg_x.sql", "select 1 as x")
    namen = [m.naam for m in volgorde(vind_modellen(tmp_path))]
    assert namen.index("stg_x") < namen.index("int_b") < namen.index("int_a")


def test_onbekende_verwijzing_faalt_duidelijk(tmp_path: Path) -> None:
    _schrijf(tmp_path, "marts/mart_a.sql", "select * from intermediate.bestaat_niet")
    with pytest.raises(RunMislukt, match=r"onbekend model intermediate\.bestaat_niet"):
        volgorde(vind_modellen(tmp_path))


def test_falende_controle_publiceert_niets(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})
    assert con.execute("select * from stg.stg_x").fetchall() == [(1,)]

    _schrijf(sql, "staging/stg_x.sql", "select 2 as x")
    _schrijf(sql, "tests/assert_x_is_nooit_twee.sql", "select * from stg.stg_x where x = 2")
    with pytest.raises(RunMislukt, match="assert_x_is_nooit_twee"):
        draai(con, sql_dir=sql, drempels={})
    # The previous, good table is still the published one.
    assert con.execute("select * from stg.stg_x").fetchall() == [(1,)]
    assert con.execute("select count(*) from beheer.runs").fetchone() == (1,)


def test_beoordelingen_overleven_een_run(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    con = open_for_writing(tmp_path / "db.duckdb")
    con.execute(
        "insert into beheer.beoordelingen values ('abc', 'in onderzoek', 'bellen', 'jan', now())"
    )
    draai(con, sql_dir=sql, drempels={})
    draai(con, sql_dir=sql, drempels={})
    assert con.execute("select notitie from beheer.beoordelingen").fetchall() == [("bellen",)]
