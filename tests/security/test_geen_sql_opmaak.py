"""Static rule: SQL built with f-strings interpolates only what cannot carry input.

Allowed inside an SQL f-string: a quoting call (`ident(...)` for identifiers, `sql_tekst(...)`
for literals), a constant (UPPER_CASE name or a literal), a whole number (`len(...)`,
`int(...)`), or a fragment whose name ends in `sql` (`select_sql`, `m.sql`, `elfproef_sql(...)`):
by convention such a fragment is itself built only from these parts, which makes every place
where SQL is composed visible in review. Values from input are bound parameters (`$naam`, `?`).

An f-string counts as SQL when it is the first argument of `execute`/`executemany`/`sql`/
`query`, or when its literal text contains an SQL statement keyword.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BRONNEN = [ROOT / "pipelines", ROOT / "dashboard", ROOT / "bench"]
SQL_WOORDEN = re.compile(
    r"\b(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|CREATE|DROP|FROM|WHERE|JOIN|ATTACH|DETACH|"
    r"COPY|PRAGMA|ALTER|INSTALL|EXPORT\s+DATABASE|IMPORT\s+DATABASE)\b",
    re.IGNORECASE,
)
UITVOER_METHODEN = {"execute", "executemany", "sql", "query"}
QUOTERING = {"ident", "sql_tekst", "len", "int"}


def _naam(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def toegestaan(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name | ast.Attribute):
        naam = _naam(expr) or ""
        return naam.isupper() or naam.lower().endswith("sql")
    if isinstance(expr, ast.Call):
        naam = _naam(expr.func) or ""
        if naam in QUOTERING or naam.lower().endswith("_sql"):
            return True
        if naam == "join" and len(expr.args) == 1:
            arg = expr.args[0]
            if isinstance(arg, ast.GeneratorExp | ast.ListComp):
                return toegestaan(arg.elt)
            return toegestaan(arg)
        return False
    if isinstance(expr, ast.IfExp):
        return toegestaan(expr.body) and toegestaan(expr.orelse)
    if isinstance(expr, ast.BinOp):
        return toegestaan(expr.left) and toegestaan(expr.right)
    return False


def _sql_fstrings(boom: ast.AST) -> list[ast.JoinedStr]:
    gevonden: dict[int, ast.JoinedStr] = {}
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Call) and _naam(knoop.func) in UITVOER_METHODEN and knoop.args:
            eerste = knoop.args[0]
            if isinstance(eerste, ast.JoinedStr):
                gevonden[id(eerste)] = eerste
        if isinstance(knoop, ast.JoinedStr):
            tekst = "".join(deel.value for deel in knoop.values if isinstance(deel, ast.Constant))
            if SQL_WOORDEN.search(tekst):
                gevonden[id(knoop)] = knoop
    return list(gevonden.values())


def overtredingen(bron: str, bestand: str) -> list[str]:
    fouten = []
    for fstring in _sql_fstrings(ast.parse(bron)):
        for deel in fstring.values:
            if isinstance(deel, ast.FormattedValue) and not toegestaan(deel.value):
                fouten.append(f"{bestand}:{fstring.lineno}: {{{ast.unparse(deel.value)}}}")
    return fouten


def test_geen_sql_fstring_met_ongequote_waarden() -> None:
    fouten = []
    for map_ in BRONNEN:
        for pad in sorted(map_.rglob("*.py")):
            fouten += overtredingen(pad.read_text(encoding="utf-8"), str(pad.relative_to(ROOT)))
    assert not fouten, "SQL-tekst met ongequote invoer:\n" + "\n".join(fouten)


@pytest.mark.parametrize(
    ("code", "fout"),
    [
        ("con.execute(f\"SELECT * FROM t WHERE naam = '{naam}'\")", True),
        ('con.execute(f"CREATE TABLE laad.x AS SELECT {kolom} FROM t")', True),
        ("sql = f\"select {', '.join(namen)} from t\"", True),
        ('con.execute(f"SELECT {ident(kolom)} FROM t WHERE x = $x", {"x": waarde})', False),
        ('con.execute(f"SELECT {select_sql} FROM {BRON}")', False),
        ("con.execute(f\"SELECT {', '.join(ident(k) for k in namen)} FROM t\")", False),
        ("con.execute(f\"SELECT {', '.join(k for k in namen)} FROM t\")", True),
        ('bericht = f"bestand {pad.name} niet gevonden"', False),
    ],
)
def test_de_regel_zelf(code: str, fout: bool) -> None:
    """The checker catches what it should (and leaves Dutch messages alone)."""
    assert bool(overtredingen(code, "voorbeeld.py")) is fout
