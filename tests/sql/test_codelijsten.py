"""Code lists: written once in pipelines/contract.py, published as referentie.codelijsten.

The macros that used to spell the codes out in CASE expressions now look them up; these tests
hold them to exactly what the old expressions returned, type included.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines import contract, samengestelde_modellen
from pipelines.contract import CODELIJSTEN, Code
from pipelines.database import open_for_writing
from pipelines.reference import vernieuw_codelijsten
from pipelines.run_pipeline import python_modellen
from pipelines.settings import SQL_DIR
from pipelines.sql_runner import RunMislukt, draai, lees_drempels
from tests.sql.kleine_regio import bouw, declaratie, toewijzing

# The expressions sql/macros.sql (and one evidence model) used before the reference table.
OUD = {
    "eenheid_factor": "case {x} when '01' then 1.0 when '04' then 60.0 when '16' then 240.0 "
    "else 1.0 end",
    "eenheid_dimensie": "case when {x} in ('01', '04', '16') then 'tijd' when {x} = '14' then "
    "'etmaal' when {x} = '82' then 'stuks (output)' when {x} = '84' then 'stuks (inspanning)' "
    "when {x} = '83' then 'euro' end",
    "is_inspanningsgericht": "{x} in ('01', '04', '14', '16', '84')",
    "eenheid_in_zin": "case {x} when '01' then 'minuten' when '04' then 'uur' when '14' then "
    "'etmalen' when '16' then 'dagdelen' when '83' then 'euro' else 'stuks' end",
    "frequentie_in_zin": "case {x} when '1' then 'per dag' when '2' then 'per week' when '4' "
    "then 'per maand' when '6' then 'in totaal over de toewijzing' else '' end",
}
EENHEDEN = [*CODELIJSTEN["WJ756"], "99", "", None]
FREQUENTIES = [*CODELIJSTEN["WJ757"], "3", None]


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    verbinding = open_for_writing(tmp_path / "db.duckdb")
    verbinding.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    return verbinding


def test_tabel_is_de_codelijst_uit_het_contract(con: duckdb.DuckDBPyConnection) -> None:
    rijen = con.execute(
        "select codelijst, code, omschrijving, in_zin, dimensie, factor_naar_basis, "
        "is_inspanningsgericht from referentie.codelijsten order by all"
    ).fetchall()
    verwacht = sorted(
        (
            lijst,
            code,
            c.omschrijving,
            c.in_zin,
            c.dimensie,
            c.factor_naar_basis,
            c.is_inspanningsgericht,
        )
        for lijst, codes in CODELIJSTEN.items()
        for code, c in codes.items()
    )
    assert rijen == verwacht
    # Ingest validates against the same codes.
    assert set(contract.EENHEDEN_WJ756) == set(CODELIJSTEN["WJ756"])
    assert set(contract.FREQUENTIES_WJ757) == set(CODELIJSTEN["WJ757"])
    assert set(contract.DEBET_CREDIT) == {"D", "C"}
    assert set(contract.SAMENLOOP_REGELS) == {"uitgesloten", "signaal"}


@pytest.mark.parametrize("macro", list(OUD))
def test_macro_geeft_wat_de_oude_case_gaf(con: duckdb.DuckDBPyConnection, macro: str) -> None:
    codes = FREQUENTIES if macro.startswith("frequentie") else EENHEDEN
    nieuw = f"{macro}($1::varchar)"
    oud = OUD[macro].format(x="$1::varchar")
    for code in codes:
        rij = con.execute(
            f"select {nieuw}, typeof({nieuw}), {oud}, typeof({oud})", [code]
        ).fetchone()
        assert rij is not None
        assert rij[:2] == rij[2:], (macro, code)


def test_codelijsten_worden_ververst_als_het_contract_verandert(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert vernieuw_codelijsten(con) is False  # unchanged: nothing rewritten
    ander = {**CODELIJSTEN, "WJ757": {**CODELIJSTEN["WJ757"], "9": Code("per jaar", "per jaar")}}
    monkeypatch.setattr("pipelines.reference.CODELIJSTEN", ander)
    assert vernieuw_codelijsten(con) is True
    assert con.execute("select frequentie_in_zin('9')").fetchone() == ("per jaar",)


def test_onbekende_signaalcategorie_faalt_de_assertie(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1", einddatum="2024-03-15")],
        declaraties=[declaratie("BUITEN", "C1", "T1")],
    )
    sql_dir = tmp_path / "sql_kopie"
    shutil.copytree(SQL_DIR, sql_dir)
    # The category comes from the indicator's header: change it and regenerate mart_signalen.
    pad = sql_dir / "indicators" / "ind_spookzorg_buiten_periode.sql"
    tekst = pad.read_text(encoding="utf-8")
    assert "-- categorie: spookzorg\n" in tekst
    pad.write_text(
        tekst.replace("-- categorie: spookzorg\n", "-- categorie: spookzorgachtig\n"),
        encoding="utf-8",
    )
    assert sql_dir / "marts" / "mart_signalen.sql" in samengestelde_modellen.schrijf(sql_dir)
    with pytest.raises(RunMislukt, match=r"assert_signalen_volgens_contract: 1 rij\(en\)"):
        draai(con, sql_dir=sql_dir, drempels=lees_drempels(), python_modellen=python_modellen())
