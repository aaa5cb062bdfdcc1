"""The dashboard's query layer: the only code that talks to DuckDB.

`verbinding` opens short read-only connections in the active role's schema (with retries),
keys the cache on the data version; `werkvoorraad` reads and writes the beoordelingen in the
beheeropslag (never in DuckDB). Every other module holds the parameterised queries of one
page in dashboard/app_pages/ (same file name), plus `filters` for the sidebar. Pages call
these functions and never write SQL.
"""
