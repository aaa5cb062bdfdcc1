"""Same tables, same signals (#9 deel 5): one region written as iWmo 3.2 messages and as its
CSV twin loads into the same staging rows, the same euros and, after `run`, the same signals.

The region is the demo generator's smallest (30 providers, 100 clients, two years) cut down
to a few providers, a few hundred messages: loading XML goes file by file today. The cut keeps
the providers of rule-based schemes (declaring without toewijzing, after the end of care, above
the contract tariff), so flagged signals exist to compare.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.demo.generate_region import maak_tabellen
from pipelines.demo.iwmo_xml import schrijf_xml_en_tweeling
from pipelines.sql_quote import ident
from tests.conftest import TEST_SLEUTEL, rijen_uit

runner = CliRunner()

TABELLEN = (
    "toewijzingen",
    "zorgperiodes",
    "declaraties",
    "aanbieders",
    "meldingen",
    "verantwoording",
)
# Kept whatever their size; then the smallest providers until about this many declarations.
SCHEMAS_IN_DE_SNEDE = ("zonder_toewijzing", "na_einde_zorg", "boven_contracttarief")
MAX_DECLARATIES = 120


def _snede(map_: Path) -> None:
    regio = maak_tabellen(aantal_aanbieders=30, aantal_clienten=100, jaren=(2024, 2025))
    waarheid = regio.antwoorden["grondwaarheid"]
    verplicht = set(waarheid.filter(pl.col("schema").is_in(SCHEMAS_IN_DE_SNEDE))["aanbieder_agb"])
    per_aanbieder = (
        regio.tabellen["declaraties"]
        .group_by("aanbieder_agb")
        .agg(pl.col("declaratienummer").n_unique().alias("declaraties"))
        .sort("declaraties", "aanbieder_agb")
    )
    gekozen: list[str] = []
    totaal = 0
    for agb, aantal in per_aanbieder.iter_rows():
        if agb in verplicht or totaal + aantal <= MAX_DECLARATIES:
            gekozen.append(agb)
            totaal += aantal
    tabellen = {
        # onderaannemers (#13) names its provider onderaannemer_agb; begroting (#13) is per
        # gemeente and has no provider: it is not an iWmo message and stays whole.
        naam: (
            tabel.filter(
                pl.col(
                    "aanbieder_agb" if "aanbieder_agb" in tabel.columns else "onderaannemer_agb"
                ).is_in(gekozen)
            )
            if {"aanbieder_agb", "onderaannemer_agb"} & set(tabel.columns)
            else tabel
        )
        for naam, tabel in regio.tabellen.items()
    }
    schrijf_xml_en_tweeling(tabellen, map_ / "xml", map_ / "csv")


def _laad_en_reken(db: Path, bronnen: list[Path]) -> None:
    uitkomst = runner.invoke(app, ["ingest", *map(str, bronnen), "--db", str(db)])
    assert uitkomst.exit_code == 0, uitkomst.output
    uitkomst = runner.invoke(app, ["run", "--db", str(db)])
    assert uitkomst.exit_code == 0, uitkomst.output


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    map_ = tmp_path_factory.mktemp("tweeling")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
        mp.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(map_ / "sleutel"))
        mp.delenv("SIGNAALMONITOR_DB", raising=False)
        _snede(map_)
        xml = map_ / "xml"
        archief = map_ / "berichten.zip"
        with zipfile.ZipFile(archief, "w", zipfile.ZIP_DEFLATED) as zip_:
            for pad in sorted(xml.rglob("*.xml")):
                zip_.write(pad, pad.relative_to(xml).as_posix())
        dbs = {
            "csv": map_ / "csv.duckdb",
            "xml": map_ / "xml.duckdb",
            "zip": map_ / "zip.duckdb",
        }
        _laad_en_reken(dbs["csv"], [map_ / "csv"])
        # The folder tree as delivered (messages in subfolders per type, tables next to them).
        _laad_en_reken(dbs["xml"], [xml])
        # The same messages from one zip, in worker processes.
        mp.setenv("SIGNAALMONITOR_INLEESPROCESSEN", "2")
        _laad_en_reken(dbs["zip"], [archief, *sorted(xml.glob("*.csv"))])
        yield dbs


def _beide(dbs: dict[str, Path], sql: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """CSV and XML results; the zip must give exactly what the folder tree gives."""
    xml = rijen_uit(dbs["xml"], sql)
    assert rijen_uit(dbs["zip"], sql) == xml, f"zip ≠ mappen: {sql}"
    return rijen_uit(dbs["csv"], sql), xml


def test_de_snede_is_klein_maar_niet_leeg(databases: dict[str, Path]) -> None:
    berichten = rijen_uit(
        databases["xml"], "SELECT count(*) FROM beheer.laadregister WHERE bestandsnaam LIKE '%.xml'"
    )[0][0]
    assert 100 <= berichten <= 600


@pytest.mark.parametrize("tabel", TABELLEN)
def test_zelfde_aantal_rijen_in_staging_en_niets_in_quarantaine(
    databases: dict[str, Path], tabel: str
) -> None:
    csv, xml = _beide(databases, f"SELECT count(*) FROM staging.{ident(tabel)}")
    assert csv == xml
    assert csv[0][0] > 0
    quarantaine = "SELECT count(*) FROM quarantaine.redenen WHERE tabel = ?"
    for db in databases.values():
        assert rijen_uit(db, quarantaine, [tabel]) == [(0,)]


def test_zelfde_euros_per_aanbieder(databases: dict[str, Path]) -> None:
    csv, xml = _beide(
        databases,
        "SELECT aanbieder_agb, debet_credit, sum(ingediend_bedrag), sum(geleverd_volume), count(*) "
        "FROM staging.declaraties GROUP BY ALL ORDER BY ALL",
    )
    assert csv == xml
    assert len(csv) > 3


def test_zelfde_client_product_periode(databases: dict[str, Path]) -> None:
    for sql in (
        "SELECT DISTINCT client_id, productcode, begindatum, einddatum FROM staging.declaraties "
        "ORDER BY ALL",
        "SELECT client_id, gemeentecode, toewijzingnummer, productcode, ingangsdatum, einddatum, "
        "volume FROM staging.toewijzingen ORDER BY ALL",
        "SELECT client_id, toewijzingnummer, begindatum, einddatum, reden_beeindiging, "
        "status_aanlevering FROM staging.zorgperiodes ORDER BY ALL",
    ):
        csv, xml = _beide(databases, sql)
        assert csv == xml, sql


def test_zelfde_gemarkeerde_signalen(databases: dict[str, Path]) -> None:
    csv, xml = _beide(
        databases,
        "SELECT indicator, aanbieder_agb, jaar, financieel_belang FROM marts.mart_signalen "
        "WHERE gemarkeerd ORDER BY ALL",
    )
    assert csv == xml
    assert {indicator for indicator, *_ in csv} >= {"SPK01", "SPK02"}


def test_zelfde_signalen_ook_onder_de_drempel(databases: dict[str, Path]) -> None:
    csv, xml = _beide(
        databases,
        "SELECT indicator, aanbieder_agb, jaar, reikwijdte, round(waarde, 9), financieel_belang, "
        "gemarkeerd FROM marts.mart_signalen ORDER BY ALL",
    )
    assert csv == xml
