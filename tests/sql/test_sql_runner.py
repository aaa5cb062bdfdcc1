"""The runner: dependency order, headers, and write-audit-publish (nothing half published)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.settings import SQL_DIR
from pipelines.sql_runner import Model, RunMislukt, draai, lees_kop, vind_modellen, volgorde
from pipelines.sql_verwijzingen import SqlOnleesbaar, tabelverwijzingen

# How the runner found dependencies before it asked DuckDB's parser: kept here only to prove
# the parser finds at least as much in every model.
_OUDE_REGEX = re.compile(r"\b(stg|intermediate|indicators|marts)\.([a-z0-9_]+)\b")


def _schrijf(map_: Path, pad: str, sql: str) -> None:
    doel = map_ / pad
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_text(sql, encoding="utf-8")


def test_kop_met_vervolgregels() -> None:
    kop = lees_kop(
        "-- code: X01\n-- definitie: eerste deel\n--   en tweede deel\n-- bron: TR338\nselect 1\n"
    )
    assert kop == {"code": "X01", "definitie": "eerste deel en tweede deel", "bron": "TR338"}


def test_vervolgregel_die_met_een_woord_en_dubbele_punt_begint_hoort_bij_de_tekst() -> None:
    kop = lees_kop(
        "-- definitie: twee keer dezelfde prestatie\n"
        "--   declareren: een referentienummer dat al eerder is ingediend.\n"
        "-- drempels: x\n"
    )
    assert kop == {
        "definitie": "twee keer dezelfde prestatie declareren: een referentienummer dat al "
        "eerder is ingediend.",
        "drempels": "x",
    }


def _kopregels(sql: str) -> list[str]:
    regels = []
    for regel in sql.splitlines():
        if not regel.startswith("--"):
            if regel.strip():
                break
            continue
        regels.append(regel)
    return regels


@pytest.mark.parametrize("model", vind_modellen(), ids=lambda m: m.naam)
def test_elke_kop_verliest_geen_woord(model: Model) -> None:
    """Every word of every header reaches a value: a continuation line read as a new key loses
    its first word and cuts the text before it (as SPK04, UPC01 and UPC02 once were)."""
    woorden_in_kop = 0
    for regel in _kopregels(model.sql):
        tekst = regel.removeprefix("--")
        if not tekst.startswith("  "):
            tekst = tekst.split(":", 1)[1] if ":" in tekst else tekst
        woorden_in_kop += len(tekst.split())
    assert sum(len(w.split()) for w in model.kop.values()) == woorden_in_kop


def test_volgorde_volgt_verwijzingen_ook_tegen_de_alfabetische_in(tmp_path: Path) -> None:
    _schrijf(tmp_path, "intermediate/int_a.sql", "select * from intermediate.int_b")
    _schrijf(tmp_path, "intermediate/int_b.sql", "select * from stg.stg_x")
    _schrijf(tmp_path, "staging/stg_x.sql", "select 1 as x")
    namen = [m.naam for m in volgorde(vind_modellen(tmp_path))]
    assert namen.index("stg_x") < namen.index("int_b") < namen.index("int_a")


def test_onbekende_verwijzing_faalt_duidelijk(tmp_path: Path) -> None:
    _schrijf(tmp_path, "marts/mart_a.sql", "select * from intermediate.bestaat_niet")
    with pytest.raises(
        RunMislukt, match=r"mart_a: verwijst naar onbekend model intermediate\.bestaat_niet"
    ):
        volgorde(vind_modellen(tmp_path))


@pytest.mark.parametrize("model", vind_modellen(SQL_DIR), ids=lambda m: m.naam)
def test_parser_vindt_minstens_wat_de_regex_vond(model: Model) -> None:
    geparsed = tabelverwijzingen(model.sql)
    regex = {f"{schema}.{naam}" for schema, naam in _OUDE_REGEX.findall(model.sql)}
    assert regex <= geparsed
    # Every table a model reads has a schema: the rest are its own CTEs.
    assert all("." in tabel for tabel in geparsed)


def test_parser_ziet_subqueries_ctes_joins_en_unions_maar_geen_commentaar() -> None:
    sql = """
        -- leest ook marts.alleen_in_commentaar (telt niet)
        with a as (select * from stg.x), b as (select * from a join intermediate.y using (k))
        select 'marts.in_een_tekst' as t from b
        where k in (select k from marts.z) and exists (select 1 from staging.w)
        union all
        select 1 from (select * from indicators.v) as sub
        """
    assert tabelverwijzingen(sql) == {
        "stg.x",
        "intermediate.y",
        "marts.z",
        "staging.w",
        "indicators.v",
    }


def test_cte_naam_geldt_alleen_binnen_zijn_query() -> None:
    # `a` is a CTE inside the subquery only; outside it is an (unqualified) table.
    sql = "select * from (with a as (select 1 as k) select * from a) as s join a using (k)"
    assert tabelverwijzingen(sql) == {"a"}


def test_onleesbare_sql_faalt_met_de_naam_van_het_model(tmp_path: Path) -> None:
    with pytest.raises(SqlOnleesbaar):
        tabelverwijzingen("select * form stg.x")
    _schrijf(tmp_path, "staging/stg_kapot.sql", "select * form stg.x")
    with pytest.raises(RunMislukt, match=r"model stg_kapot .*niet te lezen"):
        volgorde(vind_modellen(tmp_path))


@pytest.mark.parametrize(
    ("modellen", "melding"),
    [
        pytest.param(
            {"intermediate/int_a.sql": "with b as (select 1) select * from b, c"},
            r"int_a: verwijst naar c zonder schema",
            id="tabel-zonder-schema-die-geen-cte-is",
        ),
        pytest.param(
            {
                "intermediate/int_a.sql": "select * from intermediate.int_b",
                "intermediate/int_b.sql": "select * from intermediate.int_c",
                "intermediate/int_c.sql": "select * from intermediate.int_a",
            },
            r"kringverwijzing .*int_a → int_b → int_c → int_a",
            id="kringverwijzing-noemt-de-kring",
        ),
        pytest.param(
            {"marts/mart_a.sql": "select * from marts.mart_a"},
            r"kringverwijzing: mart_a leest zijn eigen tabel",
            id="model-dat-zichzelf-leest-is-een-kring",
        ),
    ],
)
def test_volgorde_weigert_met_de_reden(
    tmp_path: Path, modellen: dict[str, str], melding: str
) -> None:
    for pad, sql in modellen.items():
        _schrijf(tmp_path, pad, sql)
    with pytest.raises(RunMislukt, match=melding):
        volgorde(vind_modellen(tmp_path))


def test_falende_controle_publiceert_niets(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})
    assert con.execute("select * from stg.stg_x").fetchall() == [(1,)]

    _schrijf(sql, "staging/stg_x.sql", "select 2 as x")
    _schrijf(sql, "tests/assert_x_is_nooit_twee.sql", "select * from stg.stg_x where x = 2")
    with pytest.raises(RunMislukt, match="assert_x_is_nooit_twee"):
        draai(con, sql_dir=sql, drempels={})
    # The previous, good table is still the published one.
    assert con.execute("select * from stg.stg_x").fetchall() == [(1,)]
    assert con.execute("select count(*) from beheer.runs").fetchone() == (1,)


def test_beoordelingen_overleven_een_run(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    con = open_for_writing(tmp_path / "db.duckdb")
    con.execute(
        "insert into beheer.beoordelingen values ('abc', 'in onderzoek', 'bellen', 'jan', now())"
    )
    draai(con, sql_dir=sql, drempels={})
    draai(con, sql_dir=sql, drempels={})
    assert con.execute("select notitie from beheer.beoordelingen").fetchall() == [("bellen",)]


def _keten(sql: Path) -> None:
    """stg_x → int_y → mart_z, and mart_los that reads nothing."""
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    _schrijf(sql, "intermediate/int_y.sql", "select x + 1 as y from stg.stg_x")
    _schrijf(sql, "marts/mart_z.sql", "select y * 10 as z from intermediate.int_y")
    _schrijf(sql, "marts/mart_los.sql", "select 5 as w")


def _waarden(con: duckdb.DuckDBPyConnection) -> tuple[object, ...]:
    rij = con.execute(
        "select (select x from stg.stg_x), (select y from intermediate.int_y), "
        "(select z from marts.mart_z), (select w from marts.mart_los)"
    ).fetchone()
    assert rij is not None
    return rij


@pytest.mark.parametrize(
    ("keuze", "gebouwd", "verwacht"),
    [
        # After the first run stg_x yields 2 and mart_los 6: only rebuilt models show it.
        (["int_y"], {"int_y"}, (1, 2, 20, 5)),
        (["int_y+"], {"int_y", "mart_z"}, (1, 2, 20, 5)),
        (["stg_x+"], {"stg_x", "int_y", "mart_z"}, (2, 3, 30, 5)),
        (["+int_y"], {"stg_x", "int_y"}, (2, 3, 20, 5)),
        (["+mart_z"], {"stg_x", "int_y", "mart_z"}, (2, 3, 30, 5)),
        (["stg.stg_x", "marts.mart_los"], {"stg_x", "mart_los"}, (2, 2, 20, 6)),
        (["+int_y+", "mart_los"], {"stg_x", "int_y", "mart_z", "mart_los"}, (2, 3, 30, 6)),
    ],
)
def test_select_bouwt_alleen_de_gekozen_modellen(
    tmp_path: Path, keuze: list[str], gebouwd: set[str], verwacht: tuple[int, ...]
) -> None:
    sql = tmp_path / "sql"
    _keten(sql)
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})
    assert _waarden(con) == (1, 2, 20, 5)
    _schrijf(sql, "staging/stg_x.sql", "select 2 as x")
    _schrijf(sql, "marts/mart_los.sql", "select 6 as w")
    resultaat = draai(con, sql_dir=sql, drempels={}, selectie=keuze)
    assert set(resultaat.per_model) == gebouwd
    assert _waarden(con) == verwacht


def test_select_weigert_als_een_tabel_ervoor_nog_niet_bestaat(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _keten(sql)
    con = open_for_writing(tmp_path / "db.duckdb")
    with pytest.raises(RunMislukt) as fout:
        draai(con, sql_dir=sql, drempels={}, selectie=["mart_los", "int_y+"])
    assert str(fout.value) == (
        "tabel stg.stg_x bestaat nog niet (nodig voor int_y). Draai eerst alles (signaalmonitor "
        "run zonder --select) of neem de modellen ervoor mee (--select +int_y)."
    )
    # Refused before anything ran: not even the independent mart_los was published.
    assert con.execute(
        "select count(*) from information_schema.tables where table_name = 'mart_los'"
    ).fetchone() == (0,)
    draai(con, sql_dir=sql, drempels={}, selectie=["+int_y"])
    assert con.execute("select y from intermediate.int_y").fetchall() == [(2,)]


def test_select_met_onbekende_naam_stelt_een_model_voor(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _keten(sql)
    con = open_for_writing(tmp_path / "db.duckdb")
    with pytest.raises(
        RunMislukt,
        match=r"--select int_yy\+: er is geen model met de naam int_yy\. Bedoelde u int_y\?",
    ):
        draai(con, sql_dir=sql, drempels={}, selectie=["int_yy+"])
    with pytest.raises(RunMislukt, match=r"geef de naam van een model"):
        draai(con, sql_dir=sql, drempels={}, selectie=["+"])


def test_select_draait_de_asserties_die_een_gekozen_model_lezen(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _keten(sql)
    _schrijf(sql, "tests/assert_z_klein.sql", "select * from marts.mart_z where z > 25")
    _schrijf(sql, "tests/assert_los_klein.sql", "select * from marts.mart_los where w > 5")
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})
    _schrijf(sql, "marts/mart_los.sql", "select 6 as w")
    # mart_los now breaks its assertion, but a run of int_y+ neither builds nor checks it.
    resultaat = draai(con, sql_dir=sql, drempels={}, selectie=["int_y+"])
    assert resultaat.asserties == 1
    _schrijf(sql, "staging/stg_x.sql", "select 2 as x")
    with pytest.raises(RunMislukt, match="assert_z_klein"):
        draai(con, sql_dir=sql, drempels={}, selectie=["stg_x+"])
    # Nothing of the failed selection was published.
    assert _waarden(con) == (1, 2, 20, 5)
    with pytest.raises(RunMislukt, match="assert_los_klein"):
        draai(con, sql_dir=sql, drempels={}, selectie=["mart_los"])


def _soort(con: duckdb.DuckDBPyConnection, schema: str, naam: str) -> str | None:
    rij = con.execute(
        "select table_type from information_schema.tables "
        "where table_schema = ? and table_name = ?",
        [schema, naam],
    ).fetchone()
    return None if rij is None else str(rij[0])


def test_view_model_is_een_view_en_tabelmodel_een_tabel(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _keten(sql)
    _schrijf(
        sql,
        "intermediate/int_y.sql",
        "-- materialisatie: view\nselect x + 1 as y from stg.stg_x",
    )
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})
    assert _soort(con, "intermediate", "int_y") == "VIEW"
    assert _soort(con, "stg", "stg_x") == "BASE TABLE"
    assert _soort(con, "marts", "mart_z") == "BASE TABLE"
    assert _waarden(con) == (1, 2, 20, 5)
    # A view reads the table under it at query time: the stored view follows a new stg_x.
    _schrijf(sql, "staging/stg_x.sql", "select 2 as x")
    draai(con, sql_dir=sql, drempels={}, selectie=["stg_x"])
    assert con.execute("select y from intermediate.int_y").fetchall() == [(3,)]


def test_model_wisselt_tussen_tabel_en_view(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _keten(sql)
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})
    assert _soort(con, "intermediate", "int_y") == "BASE TABLE"
    _schrijf(
        sql,
        "intermediate/int_y.sql",
        "-- materialisatie: view, niemand anders leest de regels\nselect x + 1 as y from stg.stg_x",
    )
    draai(con, sql_dir=sql, drempels={})
    assert _soort(con, "intermediate", "int_y") == "VIEW"
    assert _waarden(con) == (1, 2, 20, 5)
    _schrijf(
        sql, "intermediate/int_y.sql", "-- materialisatie: tabel\nselect x + 1 as y from stg.stg_x"
    )
    draai(con, sql_dir=sql, drempels={})
    assert _soort(con, "intermediate", "int_y") == "BASE TABLE"
    assert _waarden(con) == (1, 2, 20, 5)


@pytest.mark.parametrize(
    ("waarden", "voorbeeld"),
    [
        ("(1), (1), (2)", "y=1, aantal_rijen=2"),
        ("(1), (null), (2)", "y=leeg, aantal_rijen=1"),
        ("(null), (null), (2)", "y=leeg, aantal_rijen=2"),
    ],
    ids=["dubbel", "leeg", "leeg-en-dubbel"],
)
def test_view_met_sleutelcontrole_faalt_als_de_sleutel_dubbel_of_leeg_is(
    tmp_path: Path, waarden: str, voorbeeld: str
) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", f"select * from (values {waarden}) as t(x)")
    _schrijf(
        sql,
        "intermediate/int_y.sql",
        "-- sleutel: y\n-- materialisatie: view\nselect x as y from stg.stg_x",
    )
    con = open_for_writing(tmp_path / "db.duckdb")
    with pytest.raises(RunMislukt) as fout:
        draai(con, sql_dir=sql, drempels={})
    assert (
        "int_y: controle 'sleutel uniek (y) en gevuld (y)' faalt voor 1 waarde(n), "
        f"bijvoorbeeld {voorbeeld}"
    ) in str(fout.value)
    assert _soort(con, "intermediate", "int_y") is None
    # The same rows without a duplicate or an empty key pass.
    _schrijf(sql, "staging/stg_x.sql", "select * from (values (1), (2)) as t(x)")
    draai(con, sql_dir=sql, drempels={})
    assert _soort(con, "intermediate", "int_y") == "VIEW"


@pytest.mark.parametrize(
    ("kop", "sql_tekst", "macros", "melding"),
    [
        ("-- materialisatie: soms", "select 1 as y", "", r"'materialisatie: soms'.*tabel of view"),
        (
            "-- materialisatie: view",
            "select getvariable('gr' || 'ens') as y",
            "",
            r"int_y is een view maar .* via getvariable\(\) zonder vaste naam",
        ),
        (
            "-- materialisatie: view",
            "select boven_grens(3) as y",
            "create or replace macro grens() as getvariable('grens');\n"
            "create or replace macro boven_grens(x) as x > grens();\n",
            r"int_y is een view .* via de macro boven_grens;",
        ),
        (
            "-- materialisatie: view\n-- incrementeel: bestand_id",
            "select 1 as y",
            "",
            r"een incrementeel model is altijd een tabel",
        ),
    ],
    ids=["onbekend", "getvariable", "macro-met-variabele", "incrementeel"],
)
def test_view_wordt_geweigerd_met_de_reden(
    tmp_path: Path, kop: str, sql_tekst: str, macros: str, melding: str
) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "intermediate/int_y.sql", f"{kop}\n{sql_tekst}")
    if macros:
        _schrijf(sql, "macros.sql", macros)
    con = open_for_writing(tmp_path / "db.duckdb")
    with pytest.raises(RunMislukt, match=melding):
        draai(con, sql_dir=sql, drempels={"grens": 2})


def test_view_houdt_de_drempels_van_de_run_ook_buiten_de_run(tmp_path: Path) -> None:
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select * from (values (1), (2), (3)) as t(x)")
    _schrijf(
        sql,
        "intermediate/int_y.sql",
        "-- materialisatie: view\n"
        "select x, x >= getvariable('grens') as is_groot, getvariable( 'factor' ) * x as f,\n"
        "    getvariable('naam') as naam\nfrom stg.stg_x",
    )
    _schrijf(sql, "marts/mart_z.sql", "select * from intermediate.int_y")
    pad = tmp_path / "db.duckdb"
    con = open_for_writing(pad)
    draai(con, sql_dir=sql, drempels={"grens": 2, "factor": 0.1, "naam": "it's"})
    con.close()
    # A new connection has no variables: the view still yields what the run's table holds.
    con = duckdb.connect(str(pad), read_only=True)
    verwacht = [(1, False, 0.1, "it's"), (2, True, 0.2, "it's"), (3, True, 0.1 * 3, "it's")]
    assert con.execute("select * from intermediate.int_y order by x").fetchall() == verwacht
    assert con.execute("select * from marts.mart_z order by x").fetchall() == verwacht
    assert con.execute(
        "select data_type from information_schema.columns "
        "where table_name = 'int_y' order by ordinal_position"
    ).fetchall() == [("INTEGER",), ("BOOLEAN",), ("DOUBLE",), ("VARCHAR",)]


def test_model_dat_niet_in_het_geheugen_past_meldt_dat_in_het_nederlands(tmp_path: Path) -> None:
    """DuckDB's own advice is English and names SET statements a user cannot give; the run says
    in Dutch which model did not fit, the limit, and which setting raises it (#14)."""
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    # One list of ten million numbers cannot be spilled to disk.
    _schrijf(sql, "intermediate/int_groot.sql", "select list(range) as l from range(10000000)")
    con = open_for_writing(tmp_path / "db.duckdb")
    con.execute("set memory_limit = '32MB'")
    with pytest.raises(RunMislukt) as fout:
        draai(con, sql_dir=sql, drempels={})
    melding = str(fout.value)
    assert "model int_groot paste niet in het geheugen" in melding
    assert "(30.5 MiB)" in melding  # the limit, as DuckDB reports it
    assert "$SIGNAALMONITOR_GEHEUGEN" in melding and "niets gepubliceerd" in melding
    assert "Possible solutions" not in melding
    assert con.execute("select count(*) from beheer.runs").fetchone() == (0,)


def test_volle_schijf_meldt_wat_er_nodig_is(tmp_path: Path) -> None:
    """A full disk during a run (the 40M rerun after an extra month hit it): a Dutch message
    that says nothing was published and how much room a run needs, not DuckDB's IO error."""
    sql = tmp_path / "sql"
    _schrijf(sql, "staging/stg_x.sql", "select 1 as x")
    con = open_for_writing(tmp_path / "db.duckdb")
    draai(con, sql_dir=sql, drempels={})

    def _vol(_con: duckdb.DuckDBPyConnection, _drempels: dict[str, object]) -> None:
        raise duckdb.IOException(
            'IO Error: Could not write file "x.tmp/duckdb_temp_1.tmp": No space left on device'
        )

    model = Model("int_vol", "intermediate", sql="", kop={}, python=_vol)
    with pytest.raises(RunMislukt) as fout:
        draai(con, sql_dir=sql, drempels={}, python_modellen=[model])
    melding = str(fout.value)
    assert "de schijf raakte vol tijdens model int_vol" in melding
    assert "niets gepubliceerd" in melding and "twee keer de grootte" in melding
    assert "$SIGNAALMONITOR_TEMP_MAP" in melding and "No space" not in melding
    assert con.execute("select count(*) from beheer.runs").fetchone() == (1,)
