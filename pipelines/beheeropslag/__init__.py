"""De beheeropslag: gebruikers, het auditlog, de werkvoorraad van beoordelingen, instellingen.

Why a separate SQLite file next to the DuckDB database (`<db>.beheer.sqlite`):
- the DuckDB file has one writer at a time and `signaalmonitor run` holds it for minutes, while
  a login, a failed login or a look at evidence must be recorded at that very moment;
- one dashboard server serves many users at once and the CLI (`gebruiker toevoegen`) must be
  able to write while it runs: SQLite in WAL mode with a busy timeout takes short concurrent
  transactions from several processes, which is what this store does (a few rows per click);
- the role files that `run` publishes for the dashboard are read-only and replaced on every
  run; what people enter must live apart from what the pipeline computes, so it survives every
  rerun by construction.

Schema files in `schema/` are applied once each, in name order, and never edited after they
are merged (a change is a new file). The file is created with mode 0600.
"""
