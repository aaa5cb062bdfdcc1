"""The BSN check in SQL (used at ingest) and in Python agree, and catch every typo of one digit."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.validate_rows import elfproef_sql
from pipelines.privacy import elfproef

negen_cijfers = st.text(alphabet="0123456789", min_size=9, max_size=9)
CON = duckdb.connect()


def _sql_elfproef(bsn: str) -> bool:
    row = CON.execute(f"SELECT {elfproef_sql('$b')}", {"b": bsn}).fetchone()
    return bool(row and row[0])


@settings(max_examples=300)
@given(negen_cijfers)
def test_sql_en_python_zijn_het_eens(bsn: str) -> None:
    assert _sql_elfproef(bsn) == elfproef(bsn)


@st.composite
def geldig_bsn(draw: st.DrawFn) -> str:
    eerste_acht = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    som = sum((9 - i) * int(c) for i, c in enumerate(eerste_acht))
    laatste = som % 11
    if laatste == 10 or eerste_acht + str(laatste) == "000000000":
        # No check digit makes this prefix valid; try a fixed valid number instead.
        return "999900006"
    return eerste_acht + str(laatste)


@settings(max_examples=300)
@given(geldig_bsn(), st.integers(0, 8), st.integers(1, 9))
def test_een_verkeerd_cijfer_valt_altijd_op(bsn: str, positie: int, verschuiving: int) -> None:
    assert elfproef(bsn)
    fout = bsn[:positie] + str((int(bsn[positie]) + verschuiving) % 10) + bsn[positie + 1 :]
    assert not elfproef(fout)
    assert not _sql_elfproef(fout)
