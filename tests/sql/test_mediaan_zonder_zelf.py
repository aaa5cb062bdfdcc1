"""mediaan_zonder_zelf (sql/macros.sql): the median of a peer group without the provider itself,
from one sorted list per group. It replaced a join of every provider with every other one in
mart_cm_profiel and mart_cm_periode (#14), so it must give exactly what that join's median()
gave: checked against median() over the other values, on hand-written groups and on random
ones (ties, NULLs, even and odd counts)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.sql_runner import SQL_DIR


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    verbinding = open_for_writing(tmp_path_factory.mktemp("macro") / "db.duckdb")
    verbinding.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    yield verbinding
    verbinding.close()


def _zonder_zelf(con: duckdb.DuckDBPyConnection, waarden: list[float | None]) -> list[object]:
    """Per value: the macro's answer, from the group's sorted list without NULLs."""
    return [
        rij[0]
        for rij in con.execute(
            "select mediaan_zonder_zelf("
            "  list_sort(list_filter($waarden::double[], lambda v: v is not null)), x) "
            "from unnest($waarden::double[]) with ordinality as t(x, i) order by i",
            {"waarden": waarden},
        ).fetchall()
    ]


def _median_van_de_anderen(
    con: duckdb.DuckDBPyConnection, waarden: list[float | None]
) -> list[object]:
    """What the old self-join computed: median() over every other value of the group."""
    return [
        rij[0]
        for rij in con.execute(
            "select (select median(y) from unnest($waarden::double[]) with ordinality as a(y, j) "
            "        where j <> t.i) "
            "from unnest($waarden::double[]) with ordinality as t(x, i) order by i",
            {"waarden": waarden},
        ).fetchall()
    ]


def test_hand_berekend(con: duckdb.DuckDBPyConnection) -> None:
    # Without 1: median of 2, 3, 10 = 3. Without 3: median of 1, 2, 10 = 2. Without 10: 2.
    # Without 2: median of 1, 3, 10 = 3.
    assert _zonder_zelf(con, [1, 2, 3, 10]) == [3, 3, 2, 2]
    # Odd count: without 1 the others are 2, 3 (mean 2,5); a tie removes one copy only.
    assert _zonder_zelf(con, [1, 2, 3]) == [2.5, 2.0, 1.5]
    assert _zonder_zelf(con, [5, 5, 7]) == [6.0, 6.0, 5.0]
    # A provider without a value: the median of all the others; alone: no peers, no median.
    assert _zonder_zelf(con, [None, 4, 8]) == [6.0, 8, 4]
    assert _zonder_zelf(con, [9]) == [None]
    assert _zonder_zelf(con, [None]) == [None]


def test_gelijk_aan_median_van_de_anderen(con: duckdb.DuckDBPyConnection) -> None:
    toeval = random.Random(20261130)
    for _ in range(300):
        n = toeval.randint(1, 12)
        waarden: list[float | None] = [
            None if toeval.random() < 0.2 else float(toeval.randint(0, 6)) for _ in range(n)
        ]
        assert _zonder_zelf(con, waarden) == pytest.approx(
            _median_van_de_anderen(con, waarden), nan_ok=True
        ), waarden
