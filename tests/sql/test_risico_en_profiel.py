"""Risk ranking and the IsolationForest profile on a small generated region."""

from __future__ import annotations

import os
from collections.abc import Iterator

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.demo.generate_region import genereer_regio
from pipelines.ingest.ingest_run import laad_bronnen
from pipelines.run_pipeline import voer_uit
from tests.conftest import TEST_SLEUTEL


@pytest.fixture(scope="module")
def regio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    from rich.console import Console

    os.environ.setdefault("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    map_ = tmp_path_factory.mktemp("regio")
    genereer_regio(map_, aantal_aanbieders=40, aantal_clienten=2000)
    con = open_for_writing(map_ / "regio.duckdb")
    laad_bronnen(con, [map_ / "bron"], Console(quiet=True))
    voer_uit(con)
    yield con
    con.close()


def _profiel(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "select aanbieder_agb, jaar, categorie, round(sterkte, 9), toelichting "
        "from marts.mart_signalen where indicator = 'PRF01' order by all"
    ).fetchall()


def test_profielmodel_is_reproduceerbaar_en_nooit_gemarkeerd(regio) -> None:  # type: ignore[no-untyped-def]
    eerste = _profiel(regio)
    voer_uit(regio)
    assert _profiel(regio) == eerste
    assert eerste, "het profielmodel gaf geen enkel signaal"
    assert regio.execute(
        "select count(*) from marts.mart_signalen where indicator = 'PRF01' and gemarkeerd"
    ).fetchone() == (0,)
    # Every explanation names the features that drive it.
    assert all("het meest afwijkend" in str(rij[4]) for rij in eerste)


def test_rangorde_zet_gemarkeerde_aanbieders_bovenaan(regio: duckdb.DuckDBPyConnection) -> None:
    for (jaar,) in regio.execute(
        "select distinct jaar from marts.mart_aanbieder_risico"
    ).fetchall():
        rijen = regio.execute(
            "select rang, aantal_signalen, risicoscore from marts.mart_aanbieder_risico "
            "where jaar = ? order by rang",
            [jaar],
        ).fetchall()
        assert [r[0] for r in rijen] == list(range(1, len(rijen) + 1))
        scores = [r[2] for r in rijen]
        assert scores == sorted(scores, reverse=True)
        gemarkeerd = [r for r in rijen if r[1] > 0]
        if gemarkeerd:
            # A provider with a flagged signal always outranks one without.
            assert max(r[0] for r in gemarkeerd) < min(
                (r[0] for r in rijen if r[1] == 0), default=10**9
            )
