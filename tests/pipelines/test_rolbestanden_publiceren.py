"""pipelines/rolbestanden.py is generic over whatever a role schema holds (sql/rollen.sql
changes without it): a new view appears in the role file, a dropped one disappears, names that
need quoting survive, and a role without a schema is left alone."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines import rolbestanden
from pipelines.rollen import BEHEER, CONTRACTMANAGEMENT, CONTROL, TOEZICHT
from pipelines.settings import rolbestand_pad


def _inhoud(pad: Path) -> tuple[set[str], set[str]]:
    with duckdb.connect(str(pad), read_only=True) as con:
        tabellen = {t for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()}
        macros = {
            m
            for (m,) in con.execute(
                "select function_name from duckdb_functions() "
                "where database_name = current_database() and function_type = 'table_macro'"
            ).fetchall()
        }
    return tabellen, macros


def test_publiceert_wat_het_schema_heeft(tmp_path: Path) -> None:
    db = tmp_path / "sm.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            '''
            create schema marts;
            create table marts.geld as select 'A' as agb, 12.34::decimal(18, 2) as bedrag_eur;
            create table marts.geheim as select 'P0123456789abcdef0123' as client_id;
            create schema rol_contractmanagement;
            create view rol_contractmanagement.geld as select agb, bedrag_eur from marts.geld;
            create view rol_contractmanagement."raar ""naam""" as select 1 as x;
            create macro rol_contractmanagement.som(bron := 'marts.geld') as table
                select sum(bedrag_eur) as totaal from query_table(bron);
            create macro rol_contractmanagement.ontbreekt(bron := 'marts.bestaat_niet') as table
                select * from query_table(bron);
            '''
        )
        publicatie = rolbestanden.publiceer(con, db)
        assert set(publicatie.paden) == {CONTRACTMANAGEMENT}
        pad = rolbestand_pad(db, CONTRACTMANAGEMENT)
        assert _inhoud(pad) == ({"geld", 'raar "naam"', "som"}, {"som"})
        with duckdb.connect(str(pad), read_only=True) as rol:
            assert rol.execute("select * from geld").fetchall() == [("A", Decimal("12.34"))]
            assert rol.execute("select totaal from som()").fetchall() == [(Decimal("12.34"),)]
        # The caller's connection still works in its own database.
        assert con.execute("select current_database()").fetchone() == ("sm",)

        # sql/rollen.sql changes: a view dropped, another added; the next publication follows.
        con.execute("drop view rol_contractmanagement.geld")
        con.execute("create view rol_contractmanagement.nieuw as select 2 as y")
        rolbestanden.publiceer(con, db)
    assert _inhoud(pad) == ({"nieuw", 'raar "naam"', "som"}, {"som"})
    for rol in (TOEZICHT, CONTROL, BEHEER):
        assert not rolbestand_pad(db, rol).exists()


def test_na_ingest_alleen_wat_het_laadverslag_leest_met_rare_namen(tmp_path: Path) -> None:
    """After an ingest only the views that read beheer (directly, or through another role's
    view) are written again, also under names that need quoting; the rest is the file of the
    last run. A changed mart shows that: it is not copied until the next run publishes."""
    db = tmp_path / "sm.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            '''
            create schema marts;
            create schema beheer;
            create table marts.geld as select 1 as euro;
            create table beheer."laad ""register""" as select 'a.csv' as bestand;
            create schema rol_toezicht;
            create schema rol_beheer;
            create view rol_toezicht."laad ""register""" as
                select * from beheer."laad ""register""";
            create view rol_beheer."laad ""register""" as
                select * from rol_toezicht."laad ""register""";
            create view rol_toezicht.geld as select euro from marts.geld;
            '''
        )
        rolbestanden.publiceer(con, db)
        con.execute('insert into beheer."laad ""register""" values (\'b.csv\')')
        con.execute("update marts.geld set euro = 2")  # as if a run changed it, unpublished
        rolbestanden.publiceer(con, db, na_ingest=True)
    for rol in (TOEZICHT, BEHEER):
        with duckdb.connect(str(rolbestand_pad(db, rol)), read_only=True) as bestand:
            assert bestand.execute('select count(*) from "laad ""register"""').fetchone() == (2,)
    with duckdb.connect(str(rolbestand_pad(db, TOEZICHT)), read_only=True) as bestand:
        assert bestand.execute("select euro from geld").fetchone() == (1,)
