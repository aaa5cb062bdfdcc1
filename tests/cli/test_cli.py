"""The command line as a user (and CI) calls it: exit codes, Dutch messages, JSON status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


def _tekst(uitkomst) -> str:  # type: ignore[no-untyped-def]
    # Rich wraps long lines at the terminal width; compare on words.
    return " ".join(uitkomst.output.split())


def _status(db: Path) -> dict:  # type: ignore[type-arg]
    uitkomst = runner.invoke(app, ["status", "--json", "--db", str(db)])
    assert uitkomst.exit_code == 0, uitkomst.output
    return json.loads(uitkomst.stdout)


def test_status_json_vorm_zonder_database(tmp_path: Path) -> None:
    db = tmp_path / "leeg.duckdb"
    status = _status(db)
    assert status["bestanden"] == 0
    assert status["tabellen"]["declaraties"] == {"geladen": 0, "quarantaine": 0}
    assert set(status["tabellen"]) >= {"toewijzingen", "zorgperiodes", "declaraties"}
    assert not db.exists()


def test_ingest_map_en_status(tmp_path: Path) -> None:
    db = tmp_path / "sm.duckdb"
    bron = tmp_path / "bron"
    bron.mkdir()
    for naam in ("declaraties_vijf_kapotte_regels.csv", "toewijzingen_klein.csv"):
        (bron / naam).write_bytes((FIXTURES / naam).read_bytes())
    (bron / "LEESMIJ.md").write_text("geen data", encoding="utf-8")
    uitkomst = runner.invoke(app, ["ingest", str(bron), "--db", str(db)])
    assert uitkomst.exit_code == 0, uitkomst.output
    assert "Overgeslagen" in _tekst(uitkomst)
    status = _status(db)
    assert status["bestanden"] == 2
    assert status["tabellen"]["declaraties"] == {"geladen": 3, "quarantaine": 5}
    assert status["tabellen"]["toewijzingen"] == {"geladen": 3, "quarantaine": 0}


def test_willekeurige_bytes_worden_geweigerd_en_status_blijft_gelijk(tmp_path: Path) -> None:
    db = tmp_path / "sm.duckdb"
    runner.invoke(app, ["ingest", str(FIXTURES / "toewijzingen_klein.csv"), "--db", str(db)])
    voor = _status(db)
    uitkomst = runner.invoke(
        app, ["ingest", str(FIXTURES / "declaraties_kapot_binair.csv"), "--db", str(db)]
    )
    assert uitkomst.exit_code != 0
    assert "binair bestand" in _tekst(uitkomst)
    assert "geweigerd" in _tekst(uitkomst)
    assert _status(db) == voor


def test_geen_herkenbare_kopregel(tmp_path: Path) -> None:
    pad = tmp_path / "declaraties_zonder_kop.csv"
    pad.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    uitkomst = runner.invoke(app, ["ingest", str(pad), "--db", str(tmp_path / "x.duckdb")])
    assert uitkomst.exit_code != 0
    assert "geen herkenbare kopregel" in _tekst(uitkomst)


def test_onbekende_tabelnaam(tmp_path: Path) -> None:
    pad = tmp_path / "facturen.csv"
    pad.write_bytes((FIXTURES / "declaraties_klein.csv").read_bytes())
    uitkomst = runner.invoke(app, ["ingest", str(pad), "--db", str(tmp_path / "x.duckdb")])
    assert uitkomst.exit_code != 0
    assert "moet beginnen met een van" in _tekst(uitkomst)


def test_ontbrekende_verplichte_kolom(tmp_path: Path) -> None:
    regels = (FIXTURES / "declaraties_klein.csv").read_text(encoding="utf-8").splitlines()
    pad = tmp_path / "declaraties_zonder_productcode.csv"
    pad.write_text(
        "\n".join(r.replace(",02A02,", ",").replace(",productcode,", ",") for r in regels[:1])
        + "\n",
        encoding="utf-8",
    )
    uitkomst = runner.invoke(app, ["ingest", str(pad), "--db", str(tmp_path / "x.duckdb")])
    assert uitkomst.exit_code != 0
    assert "productcode" in _tekst(uitkomst)


def test_export_voor_eerste_run_geeft_alleen_kop(tmp_path: Path) -> None:
    db = tmp_path / "sm.duckdb"
    runner.invoke(app, ["ingest", str(FIXTURES / "toewijzingen_klein.csv"), "--db", str(db)])
    doel = tmp_path / "signalen.csv"
    uitkomst = runner.invoke(app, ["export", "signalen", "--out", str(doel), "--db", str(db)])
    assert uitkomst.exit_code == 0, uitkomst.output
    assert doel.read_text(encoding="utf-8").startswith("signaal_id,indicator,categorie,")


def test_demo_run_en_export_zijn_reproduceerbaar(tmp_path: Path) -> None:
    from pipelines.demo.generate_region import genereer_regio

    genereer_regio(tmp_path / "regio", aantal_aanbieders=30, aantal_clienten=800)
    db = str(tmp_path / "sm.duckdb")
    assert (
        runner.invoke(app, ["ingest", str(tmp_path / "regio" / "bron"), "--db", db]).exit_code == 0
    )
    exports = []
    for ronde in (1, 2):
        uitkomst = runner.invoke(app, ["run", "--db", db])
        assert uitkomst.exit_code == 0, uitkomst.output
        for soort in ("signalen", "risico"):
            doel = tmp_path / f"{soort}_{ronde}.csv"
            uitkomst = runner.invoke(app, ["export", soort, "--out", str(doel), "--db", db])
            assert uitkomst.exit_code == 0, uitkomst.output
            exports.append(doel.read_bytes())
    assert exports[0] == exports[2]
    assert exports[1] == exports[3]
    kop = exports[1].decode().splitlines()[0]
    # The contract's columns (data-contract §5, #10): lanes and two kinds of money.
    assert kop == (
        "aanbieder_agb,naam,jaar,risicoscore,rang,rang_zorg,rang_rechtmatigheid,rang_risico,"
        "aantal_signalen,onrechtmatig_eur,geschat_belang_eur,financieel_belang,"
        "belangrijkste_indicator"
    )
    signalen_kop = exports[0].decode().splitlines()[0]
    assert ",afwijking,onrechtmatig_eur,geschat_belang_eur,financieel_belang," in signalen_kop


def test_run_select_op_een_lege_database(tmp_path: Path) -> None:
    """--select builds on existing tables; a missing one is a Dutch refusal, not a traceback."""
    db = tmp_path / "sm.duckdb"
    uitkomst = runner.invoke(app, ["run", "--db", str(db), "--select", "stg_gemeenten"])
    assert uitkomst.exit_code == 0, uitkomst.output
    assert "1 modellen" in _tekst(uitkomst)
    uitkomst = runner.invoke(app, ["run", "--db", str(db), "--select", "int_aanbieders+"])
    assert uitkomst.exit_code == 1
    assert "Traceback" not in uitkomst.output
    assert "tabel stg.stg_aanbieders bestaat nog niet (nodig voor int_aanbieders)" in _tekst(
        uitkomst
    )
    assert "--select +int_aanbieders" in _tekst(uitkomst)


def test_run_help_legt_select_uit() -> None:
    uitkomst = runner.invoke(app, ["run", "--help"])
    assert uitkomst.exit_code == 0
    # The options table draws borders between the wrapped lines.
    tekst = " ".join(uitkomst.output.replace("│", " ").split())
    assert "MODEL+ (met alles wat erop volgt)" in tekst
    assert "+MODEL (met alles waar het op leunt)" in tekst
    assert "signaalmonitor run --select int_declaratieregels_status+" in tekst


def test_run_waarschuwt_bij_te_weinig_schijfruimte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Less free space than twice the database: a Dutch warning before the run (at 40M lines a
    rerun needed more than 31 GB of spill beside a 14 GB database); enough space: none."""
    from collections import namedtuple

    from pipelines import cli

    db = tmp_path / "db.duckdb"
    db.write_bytes(b"x" * 1000)
    Ruimte = namedtuple("Ruimte", "total used free")
    monkeypatch.setattr(cli.shutil, "disk_usage", lambda _pad: Ruimte(10**12, 0, 1500))
    melding = cli._schijfruimte_voor_run(db)
    assert melding is not None and melding.startswith("Let op: er is 0,0 GB vrij")
    assert "$SIGNAALMONITOR_TEMP_MAP" in melding
    monkeypatch.setattr(cli.shutil, "disk_usage", lambda _pad: Ruimte(10**12, 0, 2000))
    assert cli._schijfruimte_voor_run(db) is None
    assert cli._schijfruimte_voor_run(tmp_path / "bestaat_niet.duckdb") is None
