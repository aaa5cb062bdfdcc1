"""The set-based scrubber (elfproef and HMAC in DuckDB) gives exactly what Python's scrubber
gives, cell for cell, and the pseudonym in SQL equals Pseudonimiseerder.pseudoniem."""

from __future__ import annotations

import random

import duckdb
import pytest

from pipelines.ingest.scrub_bsn import hmac_parameters, pseudoniem_sql, scrub_kolommen
from pipelines.privacy import Pseudonimiseerder, elfproef


def _geldige_bsns(aantal: int, rng: random.Random) -> list[str]:
    gevonden: list[str] = []
    while len(gevonden) < aantal:
        kandidaat = f"{rng.randrange(10**8, 10**9):09d}"
        if elfproef(kandidaat):
            gevonden.append(kandidaat)
    return gevonden


@pytest.mark.parametrize(
    "sleutel",
    [b"test", b"5f1c0a3e9b7d42c8a6e0f3b19d7c5a2e8b4f6d0c1a3e5b7d9f2c4a6e8b0d1f3a", b"x" * 100],
    ids=["kort", "64 bytes", "langer dan een blok"],
)
def test_pseudoniem_in_sql_gelijk_aan_python(sleutel: bytes) -> None:
    pseudo = Pseudonimiseerder(sleutel)
    bsns = _geldige_bsns(200, random.Random(7))
    con = duckdb.connect()
    con.execute("CREATE TABLE t (bsn VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[b] for b in bsns])
    uit_sql = dict(
        con.execute(
            f"SELECT bsn, {pseudoniem_sql('bsn')} FROM t", hmac_parameters(pseudo)
        ).fetchall()
    )
    assert uit_sql == {b: pseudo.pseudoniem(b) for b in bsns}


def test_scrub_set_based_gelijk_aan_python_per_cel() -> None:
    rng = random.Random(14)
    pseudo = Pseudonimiseerder(b"test")
    geldig = _geldige_bsns(30, rng)
    ongeldig = [b[:8] + str((int(b[8]) + 1) % 10) for b in geldig]
    cellen = [
        *geldig,
        *ongeldig,
        *(f"{b}-{k}" for b, k in zip(geldig, range(30), strict=True)),
        *(f"{b}-12345678" for b in geldig[:5]),
        *(f"{b}-123456789" for b in geldig[:5]),
        *(f"{b} en {c}" for b, c in zip(geldig[:10], geldig[10:20], strict=True)),
        *(f"{b[:4]}.{b[4:6]}.{b[6:]}" for b in geldig[:5]),
        *(f"{b}{b}" for b in geldig[:3]),
        *(f"{b}x1 2" for b in geldig[:3]),
        *(f"{b}-1-2" for b in geldig[:3]),
        *(f"{b}" + " 12345678" for b in geldig[:3]),
        *(f"client {b}" for b in geldig[:5]),
        *(f"{o}-3" for o in ongeldig[:5]),
        "P0123456789abcdef0123",
        "niets",
        "",
        None,
    ]
    con = duckdb.connect()
    con.execute("ATTACH ':memory:' AS laad")
    con.execute("CREATE TABLE laad.t (nr INTEGER, a VARCHAR, b VARCHAR)")
    con.executemany(
        "INSERT INTO laad.t VALUES (?, ?, ?)",
        [[i, c, cellen[-1 - i]] for i, c in enumerate(cellen)],
    )
    geraakt = scrub_kolommen(con, "t", ["a", "b"], pseudo)
    assert geraakt == {"a", "b"}
    for nr, a, b in con.execute("SELECT nr, a, b FROM laad.t ORDER BY nr").fetchall():
        assert a == pseudo.scrub(cellen[nr]), cellen[nr]
        assert b == pseudo.scrub(cellen[-1 - nr]), cellen[-1 - nr]
    # Nothing left to scrub: a second pass changes nothing.
    assert scrub_kolommen(con, "t", ["a", "b"], pseudo) == set()
