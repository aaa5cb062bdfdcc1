"""The small-cell macros of sql/macros.sql (is_kleine_cel, is_aanvullend_afgeschermd,
min_celgrootte, clienten_weergave) on hand-written rows: one rule for every role view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.sql_runner import SQL_DIR


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh database (migrations, no run yet: beheer.runs empty) with the macros."""
    verbinding = open_for_writing(tmp_path / "db.duckdb")
    verbinding.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    yield verbinding
    verbinding.close()


def _run(con: duckdb.DuckDBPyConnection, drempels: dict[str, object]) -> None:
    con.execute(
        "INSERT INTO beheer.runs "
        "VALUES (nextval('beheer.run_volgnummer'), now(), 0, ?, '{}', '{}')",
        [json.dumps(drempels)],
    )


def _waarde(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    rij = con.execute(sql).fetchone()
    assert rij is not None
    return rij[0]


def test_kleine_cel_is_1_tot_de_drempel(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET VARIABLE min_celgrootte = 5")
    uitkomst = con.execute(
        "select n, is_kleine_cel(n) from (values (null), (0), (1), (4), (5), (6)) as t(n) "
        "order by n nulls first"
    ).fetchall()
    assert uitkomst == [
        (None, False),
        (0, False),
        (1, True),
        (4, True),
        (5, False),
        (6, False),
    ]


def test_drempel_uit_de_laatste_run_zonder_variabele(con: duckdb.DuckDBPyConnection) -> None:
    """A view read later (the dashboard, the role file) has no variables: the last run's
    threshold counts, not an older one."""
    _run(con, {"min_celgrootte": 3})
    _run(con, {"min_celgrootte": 10})
    assert _waarde(con, "select min_celgrootte()") == 10
    assert _waarde(con, "select is_kleine_cel(9)") is True


def test_zonder_drempel_is_elke_cel_klein(con: duckdb.DuckDBPyConnection) -> None:
    """No variable and no run: fail closed (everything shielded), never everything shown."""
    assert _waarde(con, "select is_kleine_cel(1000000)") is True
    _run(con, {})
    assert _waarde(con, "select is_kleine_cel(1000000)") is True


def test_weergave_klein_en_aanvullend(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET VARIABLE min_celgrootte = 5")
    assert _waarde(con, "select clienten_weergave(3, true)") == "<5"
    assert _waarde(con, "select clienten_weergave(12, true)") == "—"
    assert _waarde(con, "select clienten_weergave(12, false)") is None


def test_aanvullend_de_kleinste_andere_cel_van_een_groep(con: duckdb.DuckDBPyConnection) -> None:
    """Group a: one small cell (3) → the next-smallest other cell (7) too, not 9; group b:
    two small cells → nothing extra; group c: one small cell and a zero row and an empty count
    → the smallest cell with clients (6), not the zero; group d: no small cell → nothing."""
    con.execute("SET VARIABLE min_celgrootte = 5")
    con.execute(
        """
        create table cellen as select * from (values
            ('a', 'x', 3), ('a', 'y', 7), ('a', 'z', 9),
            ('b', 'x', 8), ('b', 'y', 2), ('b', 'z', 1),
            ('c', 'x', 0), ('c', 'y', 4), ('c', 'z', 6), ('c', 'w', null),
            ('d', 'x', 5), ('d', 'y', 50)
        ) as t(groep, cel, n)
        """
    )
    uitkomst = con.execute(
        """
        select groep, cel, is_kleine_cel(n) or is_aanvullend_afgeschermd(n, row(groep), cel)
        from cellen order by groep, cel
        """
    ).fetchall()
    afgeschermd = {(g, c) for g, c, a in uitkomst if a}
    assert afgeschermd == {("a", "x"), ("a", "y"), ("b", "y"), ("b", "z"), ("c", "y"), ("c", "z")}


def test_totaal_in_de_groep_wordt_afgeschermd_als_er_geen_andere_cel_is(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """clienten_telling keeps the total ('alle') in the same group: with one small cell and
    nothing else, the total would equal it and is shielded instead."""
    con.execute("SET VARIABLE min_celgrootte = 5")
    uitkomst = con.execute(
        """
        select gemeente, is_kleine_cel(n)
            or is_aanvullend_afgeschermd(n, row(perceel), coalesce(gemeente, '~'))
        from (values ('p', '0307', 2), ('p', null, 2)) as t(perceel, gemeente, n)
        order by gemeente nulls last
        """
    ).fetchall()
    # The total has the same small count, so it is small itself.
    assert uitkomst == [("0307", True), (None, True)]
    uitkomst = con.execute(
        """
        select gemeente, is_kleine_cel(n)
            or is_aanvullend_afgeschermd(n, row(perceel), coalesce(gemeente, '~'))
        from (values ('p', '0307', 2), ('p', '0308', 40), ('p', null, 42))
            as t(perceel, gemeente, n)
        order by gemeente nulls last
        """
    ).fetchall()
    assert uitkomst == [("0307", True), ("0308", True), (None, False)]
