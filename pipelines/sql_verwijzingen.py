"""Which tables a SQL text reads, found by DuckDB's own parser (not by a regular expression).

`json_serialize_sql` turns a statement into its parse tree; every `BASE_TABLE` in that tree is
a table reference — in the FROM clause, a join, a subquery, a CTE body or one side of a UNION.
Names defined by a `WITH` are not tables: a reference without schema to a CTE in scope is
skipped. Comments and string literals never count, so a model that only *mentions*
`intermediate.x` in its header does not depend on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

_parser: duckdb.DuckDBPyConnection | None = None


class SqlOnleesbaar(ValueError):
    """DuckDB cannot parse the text; the message is DuckDB's own."""


def _verbinding() -> duckdb.DuckDBPyConnection:
    # Parsing needs no data: one in-memory connection serves every call in the process.
    global _parser
    if _parser is None:
        _parser = duckdb.connect(":memory:")
    return _parser


def _cte_namen(knoop: dict[str, Any]) -> set[str]:
    cte_map = knoop.get("cte_map")
    if not isinstance(cte_map, dict):
        return set()
    return {str(cte["key"]).lower() for cte in cte_map.get("map", [])}


def _tabellen(boom: Any, ctes: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(schema, tabel) for every table reference below `boom`; schema '' when unqualified."""
    if isinstance(boom, list):
        for kind in boom:
            yield from _tabellen(kind, ctes)
        return
    if not isinstance(boom, dict):
        return
    # A query node's CTEs are in scope for the whole node, the CTE bodies included (a later
    # CTE reads an earlier one; a recursive CTE reads itself).
    ctes = ctes | _cte_namen(boom)
    if boom.get("type") == "BASE_TABLE" and "table_name" in boom:
        schema = str(boom.get("schema_name") or "").lower()
        tabel = str(boom["table_name"]).lower()
        if schema or tabel not in ctes:
            yield schema, tabel
    for waarde in boom.values():
        yield from _tabellen(waarde, ctes)


def tabelverwijzingen(sql: str) -> set[str]:
    """The tables `sql` reads: 'schema.tabel', or 'tabel' when written without a schema.

    Raises SqlOnleesbaar when DuckDB cannot parse the text.
    """
    rij = _verbinding().execute("SELECT json_serialize_sql(?)", [sql]).fetchone()
    boom = json.loads(rij[0]) if rij else {"error": True, "error_message": "geen uitvoer"}
    if boom.get("error"):
        raise SqlOnleesbaar(str(boom.get("error_message", "onbekende fout")))
    return {
        f"{schema}.{tabel}" if schema else tabel
        for schema, tabel in _tabellen(boom.get("statements", []), frozenset())
    }
