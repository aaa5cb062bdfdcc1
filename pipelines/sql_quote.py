"""Quoting for the few names that must become part of SQL text.

Values are always bound parameters. Names (columns from a header, tables from the contract)
cannot be bound, so they pass through `ident`, which doubles embedded quotes: whatever a header
cell says, it stays one identifier. `sql_tekst` does the same for a literal we own (a reason
text, a regex from the contract). tests/security/test_geen_sql_opmaak.py enforces their use.
"""

from __future__ import annotations


def ident(naam: str) -> str:
    """A quoted identifier: `a"b` → `"a""b"`."""
    if "\x00" in naam:
        raise ValueError("een naam met een nul-teken kan geen SQL-identifier zijn")
    return '"' + naam.replace('"', '""') + '"'


def sql_tekst(tekst: str) -> str:
    """A quoted string literal: `it's` → `'it''s'`."""
    if "\x00" in tekst:
        raise ValueError("een tekst met een nul-teken kan geen SQL-literal zijn")
    return "'" + tekst.replace("'", "''") + "'"
