"""The dashboard's query layer: the only code that talks to DuckDB.

`verbinding` opens short read-only connections in the active role's schema (with retries),
keys the cache on the data version and holds the one write (`bewaar_beoordeling`). Every other
module holds the parameterised queries of one page in dashboard/app_pages/ (same file name),
plus `filters` for the sidebar. Pages call these functions and never write SQL.
"""
