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


def test_twee_soorten_geld_nooit_opgeteld(regio: duckdb.DuckDBPyConnection) -> None:
    """#10: hard onrechtmatige euros and estimates are separate columns, never summed; a
    provider's onrechtmatig_eur never exceeds what it declared and is the sum of its flagged
    rule signals (each euro once)."""
    gemengd = regio.execute(
        "select count(*) from marts.mart_signalen "
        "where onrechtmatig_eur <> 0 and geschat_belang_eur <> 0"
    ).fetchone()
    assert gemengd == (0,)
    # The headline figure is one of the two, per the indicator's header.
    assert regio.execute(
        "select count(*) from marts.mart_signalen where financieel_belang <> case soort_belang "
        "when 'onrechtmatig' then onrechtmatig_eur when 'schatting' then geschat_belang_eur "
        "else 0 end"
    ).fetchone() == (0,)
    # The verantwoording gap (KWA03) is no line-level proof: an estimate, so the duplicates
    # behind both SPK04 and KWA03 are not counted twice as onrechtmatig.
    assert regio.execute(
        "select count(*) from marts.mart_signalen where indicator in ('KWA03', 'VOL01', 'UPC01') "
        "and onrechtmatig_eur <> 0"
    ).fetchone() == (0,)
    te_veel = regio.execute(
        "select count(*) from marts.mart_aanbieder_risico where onrechtmatig_eur > gedeclareerd_eur"
    ).fetchone()
    assert te_veel == (0,)
    verschil = regio.execute(
        """
        select count(*) from marts.mart_aanbieder_risico as r
        left join (
            select aanbieder_agb, jaar, sum(onrechtmatig_eur) as som
            from marts.mart_signalen where gemarkeerd group by all
        ) as s using (aanbieder_agb, jaar)
        where r.onrechtmatig_eur <> coalesce(s.som, 0)
        """
    ).fetchone()
    assert verschil == (0,)
    assert (
        regio.execute(
            "select count(*) from marts.mart_aanbieder_risico where onrechtmatig_eur > 0"
        ).fetchone()[0]
        > 0
    )


def test_banen_van_de_rangorde(regio: duckdb.DuckDBPyConnection) -> None:
    """rang_zorg orders the providers with flagged quality signals (not by euros); a lane is
    empty for a provider without a flagged signal in it; each lane numbers 1..n per year."""
    for baan, kolom in (
        ("zorg", "rang_zorg"),
        ("rechtmatigheid", "rang_rechtmatigheid"),
        ("risico", "rang_risico"),
    ):
        rijen = regio.execute(
            f"""
            select r.jaar, r.{kolom}, count(s.signaal_id) as in_baan
            from marts.mart_aanbieder_risico as r
            left join marts.mart_signalen as s
                on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar and s.gemarkeerd
                and s.baan = ?
            group by all order by all
            """,
            [baan],
        ).fetchall()
        for jaar in {r[0] for r in rijen}:
            rangen = sorted(r[1] for r in rijen if r[0] == jaar and r[1] is not None)
            assert rangen == list(range(1, len(rangen) + 1)), (baan, jaar)
        assert all((r[1] is None) == (r[2] == 0) for r in rijen), baan
    # The quality lane is ordered by how many quality signals are flagged (then their
    # strength), never by euros: down the lane that number never rises.
    zorg = regio.execute(
        """
        select r.jaar, r.rang_zorg, count(*) as aantal
        from marts.mart_aanbieder_risico as r
        join marts.mart_signalen as s
            on s.aanbieder_agb = r.aanbieder_agb and s.jaar = r.jaar and s.gemarkeerd
            and s.baan = 'zorg'
        group by all order by all
        """
    ).fetchall()
    assert zorg, "de regio hoort gemarkeerde kwaliteitssignalen te hebben"
    for jaar in {r[0] for r in zorg}:
        aantallen = [r[2] for r in zorg if r[0] == jaar]
        assert aantallen == sorted(aantallen, reverse=True), jaar


def test_een_regel_die_twee_regelsignalen_raken_telt_een_keer() -> None:
    """int_regelsignaal_regels on its own: a line of € 100 that SPK01 claims whole and UPC04
    claims € 30 of gives SPK01 € 100 and UPC04 nothing; one that only UPC03 (€ 20) and UPC04
    (€ 90) claim gives € 20 and € 80 (what is left of the line)."""
    from pipelines.settings import SQL_DIR

    con = duckdb.connect()
    con.execute("create schema intermediate")
    kolommen = (
        "declaratieregel_id varchar, aanbieder_agb varchar, jaar integer, bedrag_eur "
        "decimal(18, 2), onrechtmatig_eur decimal(18, 2), meerprijs_eur decimal(18, 2), "
        "boven_contracttarief_eur decimal(18, 2)"
    )
    con.execute(f"create table intermediate.int_spk_regels (indicator varchar, {kolommen})")
    con.execute(f"create table intermediate.int_upc_zwaarder_dan_toegewezen ({kolommen})")
    con.execute(f"create table intermediate.int_upc_boven_contracttarief ({kolommen})")
    con.execute(
        "insert into intermediate.int_spk_regels values "
        "('SPK01', 'r1', 'A', 2025, 100, 100, null, null)"
    )
    con.execute(
        "insert into intermediate.int_upc_zwaarder_dan_toegewezen values "
        "('r2', 'A', 2025, 100, 0, 20, null)"
    )
    con.execute(
        "insert into intermediate.int_upc_boven_contracttarief values "
        "('r1', 'A', 2025, 100, 0, null, 30), ('r2', 'A', 2025, 100, 0, null, 90)"
    )
    sql = (SQL_DIR / "intermediate" / "int_regelsignaal_regels.sql").read_text("utf-8")
    rijen = con.execute(
        f"select declaratieregel_id, indicator, onrechtmatig_eur, onrechtmatig_eigen_eur "
        f"from ({sql}) order by all"
    ).fetchall()
    assert [(r, i, float(o), float(e)) for r, i, o, e in rijen] == [
        ("r1", "SPK01", 100.0, 100.0),
        ("r1", "UPC04", 0.0, 30.0),
        ("r2", "UPC03", 20.0, 20.0),
        ("r2", "UPC04", 80.0, 90.0),
    ]
