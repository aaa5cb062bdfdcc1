"""Generic checks per model (pipelines/sql_controles.py), each shown failing once.

A tiny region is built and published with the real models; then a copy of sql/ with one
doctored model runs against it. Every failure must name the model, the check and a few
offending keys, and publish nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.run_pipeline import python_modellen
from pipelines.settings import SQL_DIR
from pipelines.sql_controles import (
    Sleutelkolom,
    SleutelOngeldig,
    genereer,
    lees_sleutel,
    voer_uit,
)
from pipelines.sql_runner import (
    Model,
    RunMislukt,
    draai,
    lees_drempels,
    lees_kop,
    vind_modellen,
)
from tests.sql.kleine_regio import AGB_A, bouw, declaratie, toewijzing


@pytest.fixture
def regio(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """One provider, one client: a declaration partly after the allocation ended (SPK02)."""
    return bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1", einddatum="2024-03-15")],
        declaraties=[declaratie("BUITEN", "C1", "T1")],
    )


@pytest.fixture
def sql_kopie(tmp_path: Path) -> Path:
    """A copy of sql/ that a test may doctor without touching the real models."""
    doel = tmp_path / "sql_kopie"
    shutil.copytree(SQL_DIR, doel)
    return doel


def _omhul(sql_dir: Path, model: str, voor: str, na: str) -> None:
    """Wrap a model's SELECT as a subquery, keeping its header (the runner reads it)."""
    pad = next(sql_dir.glob(f"*/{model}.sql"))
    tekst = pad.read_text(encoding="utf-8")
    kop = "".join(regel for regel in tekst.splitlines(keepends=True) if regel.startswith("--"))
    pad.write_text(f"{kop}{voor}\n{tekst}\n{na}\n", encoding="utf-8")


def _faalt(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> str:
    voor = con.execute("select count(*) from marts.mart_signalen").fetchone()
    runs = con.execute("select count(*) from beheer.runs").fetchone()
    with pytest.raises(RunMislukt) as fout:
        draai(con, sql_dir=sql_dir, drempels=lees_drempels(), python_modellen=python_modellen())
    # Nothing of the failed run was published.
    assert con.execute("select count(*) from marts.mart_signalen").fetchone() == voor
    assert con.execute("select count(*) from beheer.runs").fetchone() == runs
    return str(fout.value)


def _omhuld_faalt(
    con: duckdb.DuckDBPyConnection, sql_dir: Path, model: str, voor: str, na: str
) -> str:
    """Wrap one model (see `_omhul`), run, and return the failure's message (see `_faalt`)."""
    _omhul(sql_dir, model, voor, na)
    return _faalt(con, sql_dir)


def test_dubbele_sleutel_faalt(regio: duckdb.DuckDBPyConnection, sql_kopie: Path) -> None:
    bericht = _omhuld_faalt(
        regio,
        sql_kopie,
        "mart_dash_aanbieder_maand",
        "select o.* from (",
        ") as o cross join (values (1), (2)) as dubbel(n)",
    )
    assert bericht == (
        "controles faalden, niets gepubliceerd: mart_dash_aanbieder_maand: controle "
        "'sleutel uniek (aanbieder_agb, maand)' faalt voor 1 waarde(n), bijvoorbeeld "
        f"aanbieder_agb={AGB_A}, maand=2024-03-01, aantal_rijen=2"
    )


def test_lege_sleutel_faalt_maar_een_kolom_die_leeg_mag_niet(
    regio: duckdb.DuckDBPyConnection, sql_kopie: Path
) -> None:
    # mart_dash_clienten: maand may be empty ("het hele jaar"), jaar may not.
    bericht = _omhuld_faalt(
        regio,
        sql_kopie,
        "mart_dash_clienten",
        "select * replace (cast(null as integer) as jaar) from (",
        ")",
    )
    # Eight grouping sets (year or month × gemeente or all × perceel or all), all without jaar.
    assert bericht.startswith(
        "controles faalden, niets gepubliceerd: mart_dash_clienten: controle "
        "'sleutel gevuld (jaar)' faalt voor 8 waarde(n), bijvoorbeeld jaar=leeg, "
        "maand=2024-03-01, gemeentecode=0321, perceel=Begeleiding; "
    )


def test_bewijsregel_zonder_signaal_faalt(
    regio: duckdb.DuckDBPyConnection, sql_kopie: Path
) -> None:
    # Evidence for a provider and year without an SPK02 signal: the union mart finds no signal
    # for it (an evidence model computes no signaal_id; the mart joins the signal).
    bericht = _omhuld_faalt(
        regio,
        sql_kopie,
        "ind_spookzorg_buiten_periode_bewijs",
        "select * from (",
        ") union all by name select '99999999' as aanbieder_agb, 2024 as jaar, "
        "'toewijzing' as bron, 'C1' as client_id, 'T1' as toewijzingnummer, "
        "date '2024-03-01' as begindatum",
    )
    # The assertion on the union and the generated check on the union.
    assert bericht == (
        "controles faalden, niets gepubliceerd: assert_bewijs_hoort_bij_signaal: 1 rij(en) "
        "schenden de regel; mart_signaal_bewijsregels: controle "
        "'signaal_id bestaat in marts.mart_signalen' faalt voor 1 waarde(n), bijvoorbeeld "
        "signaal_id=leeg, bron=toewijzing"
    )


def test_bewijsmodel_zonder_signaal_id_laat_de_controle_aan_de_unie() -> None:
    """An evidence model may leave signaal_id to the union mart (it joins the signal there)."""
    con = duckdb.connect()
    con.execute("create schema indicators; create schema marts")
    con.execute("create table marts.mart_signalen as select 'a' as signaal_id")
    con.execute("create table indicators.ind_x_bewijs as select 'declaratie' as bron")
    (controle,) = genereer(
        [
            Model("ind_x_bewijs", "indicators", "select 1", {}),
            Model("mart_signalen", "marts", "select 1", {}),
        ]
    )
    assert controle.alleen_met_kolom == ("indicators", "ind_x_bewijs", "signaal_id")
    assert voer_uit(con, [controle]) == []
    con.execute(
        "create or replace table indicators.ind_x_bewijs as "
        "select 'b' as signaal_id, 'declaratie' as bron"
    )
    assert voer_uit(con, [controle]) == [
        "ind_x_bewijs: controle 'signaal_id bestaat in marts.mart_signalen' faalt voor 1 "
        "waarde(n), bijvoorbeeld signaal_id=b, bron=declaratie"
    ]


def test_signaal_voor_onbekende_aanbieder_faalt(
    regio: duckdb.DuckDBPyConnection, sql_kopie: Path
) -> None:
    bericht = _omhuld_faalt(
        regio,
        sql_kopie,
        "ind_spookzorg_buiten_periode",
        "select * from (",
        ") union all by name select '99999999' as aanbieder_agb, 2024 as jaar, "
        "false as gemarkeerd, 0.0 as sterkte, 0.0 as financieel_belang, 0 as aantal_clienten, "
        "'regelsignaal (geen peervergelijking)' as peergroep, "
        "'een signaal over een aanbieder die nergens voorkomt' as toelichting",
    )
    assert bericht == (
        "controles faalden, niets gepubliceerd: ind_spookzorg_buiten_periode: controle "
        "'aanbieder_agb bestaat in intermediate.int_aanbieders' faalt voor 1 waarde(n), "
        "bijvoorbeeld aanbieder_agb=99999999"
    )


def test_sleutelkolom_die_niet_bestaat_faalt_met_de_naam_van_het_model(
    regio: duckdb.DuckDBPyConnection, sql_kopie: Path
) -> None:
    pad = sql_kopie / "marts" / "mart_cm_profiel.sql"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(
        tekst.replace("-- sleutel: aanbieder_agb, jaar", "-- sleutel: aanbieder, jaar"),
        encoding="utf-8",
    )
    bericht = _faalt(regio, sql_kopie)
    assert "mart_cm_profiel: controle 'sleutel uniek (aanbieder, jaar)' kon niet draaien" in bericht


def test_select_controleert_wat_hij_opnieuw_bouwt(
    regio: duckdb.DuckDBPyConnection, sql_kopie: Path
) -> None:
    _omhul(
        sql_kopie,
        "mart_dash_aanbieder_maand",
        "select o.* from (",
        ") as o cross join (values (1), (2)) as dubbel(n)",
    )
    drempels = lees_drempels()
    # A selection that does not rebuild the doctored mart does not check it ...
    draai(
        regio,
        sql_dir=sql_kopie,
        drempels=drempels,
        python_modellen=python_modellen(),
        selectie=["mart_cm_profiel"],
    )
    # ... one that does, fails like a full run.
    with pytest.raises(RunMislukt, match=r"mart_dash_aanbieder_maand: controle 'sleutel uniek"):
        draai(
            regio,
            sql_dir=sql_kopie,
            drempels=drempels,
            python_modellen=python_modellen(),
            selectie=["+mart_dash_aanbieder_maand"],
        )


def test_aanbieders_uit_de_declaraties_tellen_zonder_aanbiedersbestand(
    regio: duckdb.DuckDBPyConnection,
) -> None:
    # The region has no aanbieders file: the provider is known from its declarations, so the
    # published SPK02 signal passed the check.
    assert regio.execute("select count(*) from staging.aanbieders").fetchone() == (0,)
    assert regio.execute(
        "select aanbieder_agb from marts.mart_signalen where indicator = 'SPK02'"
    ).fetchall() == [(AGB_A,)]
    assert regio.execute(
        "select count(*) from intermediate.int_aanbieders where aanbieder_agb = ?", [AGB_A]
    ).fetchone() == (1,)


@pytest.mark.parametrize(
    ("waarde", "kolommen"),
    [
        (
            "aanbieder_agb, jaar",
            [Sleutelkolom("aanbieder_agb", False), Sleutelkolom("jaar", False)],
        ),
        (
            "jaar, maand (leeg = het hele jaar), perceel (een opmerking, met komma)",
            [
                Sleutelkolom("jaar", False),
                Sleutelkolom("maand", True),
                Sleutelkolom("perceel", False),
            ],
        ),
        ("geen (rijen zonder nummer)", []),
    ],
)
def test_sleutel_lezen(waarde: str, kolommen: list[Sleutelkolom]) -> None:
    assert lees_sleutel(waarde) == kolommen


@pytest.mark.parametrize("waarde", ["aanbieder agb", "jaar;maand", "", "1jaar"])
def test_ongeldige_sleutel(waarde: str) -> None:
    with pytest.raises(SleutelOngeldig):
        lees_sleutel(waarde)


def test_ongeldige_sleutel_in_een_kop_noemt_het_model(tmp_path: Path) -> None:
    (tmp_path / "staging").mkdir()
    (tmp_path / "staging" / "stg_x.sql").write_text(
        "-- grain: één rij per x\n-- sleutel: x y\nselect 1 as x\n", encoding="utf-8"
    )
    with pytest.raises(
        RunMislukt, match=r"model stg_x: sleutel in de kop: 'x y' is geen kolomnaam"
    ):
        draai(duckdb.connect(), sql_dir=tmp_path, drempels={})


def test_elk_indicator_bewijs_en_martmodel_heeft_een_sleutel() -> None:
    """Every indicator, evidence model and mart declares its key (or says why it has none)."""
    zonder = [
        m.naam
        for m in vind_modellen(SQL_DIR)
        if m.laag in ("indicators", "marts") and "sleutel" not in m.kop
    ]
    assert zonder == []
    for m in vind_modellen(SQL_DIR):
        if "sleutel" in m.kop:
            lees_sleutel(m.kop["sleutel"])


def test_kop_met_sleutel_over_twee_regels() -> None:
    kop = lees_kop("-- grain: x\n-- sleutel: a (leeg = alle),\n--   b\nselect 1\n")
    assert lees_sleutel(kop["sleutel"]) == [Sleutelkolom("a", True), Sleutelkolom("b", False)]


def test_rollen_sql_maakt_alleen_schemas_en_weergaven() -> None:
    soorten = {
        str(statement.type)
        for statement in duckdb.extract_statements(
            (SQL_DIR / "rollen.sql").read_text(encoding="utf-8")
        )
    }
    assert soorten == {"StatementType.CREATE", "StatementType.DROP"}


def test_eerst_gezien_blijft_staan_over_runs(tmp_path: Path) -> None:
    # Two lines after the allocation ended: material enough for a flagged SPK02 signal.
    regio = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1", einddatum="2024-03-15")],
        declaraties=[
            declaratie("BUITEN", "C1", "T1"),
            declaratie("LATER", "C1", "T1", begindatum="2024-05-01", einddatum="2024-05-31"),
        ],
    )
    [(signaal_id,)] = regio.execute(
        "select signaal_id from marts.mart_signalen where gemarkeerd"
    ).fetchall()
    eerst = regio.execute(
        "select signaal_id, eerst_gezien_op, bestand_id_bij_eerste_keer "
        "from beheer.signalen_eerst_gezien"
    ).fetchall()
    assert [rij[0] for rij in eerst] == [signaal_id]
    draai(regio, drempels=lees_drempels(), python_modellen=python_modellen())
    assert (
        regio.execute(
            "select signaal_id, eerst_gezien_op, bestand_id_bij_eerste_keer "
            "from beheer.signalen_eerst_gezien"
        ).fetchall()
        == eerst
    )
