"""PRF01 compares a provider with its peers in the same perceel, not with the whole region.

A small hand-made region, written straight into the three tables the model reads: 40
begeleiding providers, 8 beschermd-wonen providers with five times the euros per client (the
perceel, not a risk) that are ordinary among themselves, one provider with ordinary
begeleiding and ordinary beschermd wonen, one begeleiding provider that is not ordinary among
its peers, and a perceel too small to be a peer group (with a hostile name). As in the demo
region, beschermd wonen is a small, expensive minority: compared with everyone at once, it is
what stands out.

The model gives the most deviating tenth a signal (51 profiles are compared: 6), so besides the
real deviation five ordinary profiles are flagged on noise; peer-fair means the beschermd-wonen
providers get no more of those than their share of the ordinary profiles (8 of 50, so at most
one of five).
"""

from __future__ import annotations

import random
import re
import statistics

import duckdb
import pytest

from pipelines.scoring.outlier_model import bereken_profielsignalen, kenmerk_tegen_peers

JAAR = 2024
DREMPELS = {"min_peers": 8, "isolation_forest_bomen": 200, "seed": 20261123}
CLIENTEN_PER_AANBIEDER = 10
KWARTALEN = 4
AFWIJKER = "B99"
# A perceel name is input: quotes and SQL in it must arrive as text, never as SQL.
KLEIN_PERCEEL = "Dag'besteding\"; drop table stg.stg_producten; --"


def _aanbieder(
    rng: random.Random,
    agb: str,
    perceel: str,
    euro_per_client: float,
    *,
    altijd_vol: bool = False,
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Status rows and gesaldeerde rows of one provider: ten clients, four quarters each."""
    status, gesaldeerd = [], []
    for c in range(CLIENTEN_PER_AANBIEDER):
        client_euro = euro_per_client * rng.uniform(0.85, 1.15)
        intensiteit = 2 if rng.random() < 0.2 else 1
        for _ in range(KWARTALEN):
            if altijd_vol:
                realisatie = 1.0
            else:
                realisatie = 1.0 if rng.random() < 0.1 else rng.uniform(0.6, 0.98)
            bedrag = round(client_euro / KWARTALEN, 2)
            status.append(
                (agb, JAAR, perceel, f"{agb}-{c}", bedrag, realisatie, intensiteit, 0.0, "staand")
            )
            gesaldeerd.append((agb, JAAR, f"P-{perceel}", "02", bedrag, "staand", "D"))
        if rng.random() < 0.3:
            gesaldeerd.append((agb, JAAR, f"P-{perceel}", "02", 100.0, "gecrediteerd", "D"))
    return status, gesaldeerd


def _regio() -> duckdb.DuckDBPyConnection:
    rng = random.Random(7)
    aanbieders = (
        [(f"B{i:02d}", "Begeleiding", 10_000.0, False) for i in range(1, 41)]
        + [(f"W{i:02d}", "Beschermd wonen", 50_000.0, False) for i in range(1, 9)]
        # A provider with both percelen: a profile for each, each among its own peers.
        + [("M01", "Begeleiding", 10_000.0, False), ("M01", "Beschermd wonen", 50_000.0, False)]
        # Twice the euros of its peers, and every quarter exactly the allocated volume.
        + [(AFWIJKER, "Begeleiding", 24_000.0, True)]
        + [(f"D{i:02d}", KLEIN_PERCEEL, 6_000.0, False) for i in range(1, 4)]
    )
    status, gesaldeerd = [], []
    for agb, perceel, euro_per_client, altijd_vol in aanbieders:
        s, g = _aanbieder(rng, agb, perceel, euro_per_client, altijd_vol=altijd_vol)
        status += s
        gesaldeerd += g
    con = duckdb.connect()
    for schema in ("intermediate", "stg", "indicators"):
        con.execute(f"CREATE SCHEMA {schema}")
    con.execute(
        "CREATE TABLE intermediate.int_declaratieregels_status (aanbieder_agb VARCHAR, "
        "jaar INTEGER, perceel VARCHAR, client_id VARCHAR, bedrag_eur DECIMAL(18, 2), "
        "realisatiegraad DOUBLE, intensiteit INTEGER, onrechtmatig_eur DECIMAL(18, 2), "
        "status VARCHAR)"
    )
    con.executemany(
        "INSERT INTO intermediate.int_declaratieregels_status VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        status,
    )
    con.execute(
        "CREATE TABLE intermediate.int_declaraties_gesaldeerd (aanbieder_agb VARCHAR, "
        "jaar INTEGER, productcode VARCHAR, productcategorie VARCHAR, "
        "ingediend_bedrag_eur DECIMAL(18, 2), rol VARCHAR, debet_credit VARCHAR)"
    )
    con.executemany(
        "INSERT INTO intermediate.int_declaraties_gesaldeerd VALUES (?, ?, ?, ?, ?, ?, ?)",
        gesaldeerd,
    )
    con.execute("CREATE TABLE stg.stg_producten (productcode VARCHAR, perceel VARCHAR)")
    con.executemany(
        "INSERT INTO stg.stg_producten VALUES (?, ?)",
        [(f"P-{p}", p) for p in ("Begeleiding", "Beschermd wonen", KLEIN_PERCEEL)],
    )
    return con


@pytest.fixture(scope="module")
def regio() -> duckdb.DuckDBPyConnection:
    con = _regio()
    bereken_profielsignalen(con, DREMPELS)
    return con


def _treffers(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rijen = con.execute(
        "SELECT aanbieder_agb, toelichting FROM indicators.ind_afwijkend_profiel"
    ).fetchall()
    return {str(agb): str(toelichting) for agb, toelichting in rijen}


def test_beschermd_wonen_is_geen_afwijking_van_het_perceel(regio) -> None:  # type: ignore[no-untyped-def]
    # Only columns the model had before it compared per perceel, so this runs on both.
    treffers = [
        str(agb)
        for (agb,) in regio.execute(
            "SELECT aanbieder_agb FROM indicators.ind_afwijkend_profiel "
            "ORDER BY waarde DESC, aanbieder_agb"
        ).fetchall()
    ]
    assert len(treffers) == 6, treffers
    # The real deviation is the strongest lead; beschermd wonen at most its share of the rest.
    assert treffers[0] == AFWIJKER, treffers
    assert len([agb for agb in treffers if agb.startswith("W")]) <= 1, treffers


def test_afwijker_binnen_zijn_perceel_krijgt_een_signaal(regio) -> None:  # type: ignore[no-untyped-def]
    treffers = _treffers(regio)
    assert AFWIJKER in treffers, treffers
    assert regio.execute(
        "SELECT perceel, reikwijdte, gemarkeerd FROM indicators.ind_afwijkend_profiel "
        "WHERE aanbieder_agb = ?",
        [AFWIJKER],
    ).fetchall() == [("Begeleiding", "Begeleiding", False)]


def test_toelichting_noemt_de_peergroep_en_de_verhouding(regio) -> None:  # type: ignore[no-untyped-def]
    toelichting = _treffers(regio)[AFWIJKER]
    # 40 ordinary providers, M01's begeleiding and the deviating one: the group it is compared with.
    assert "ten opzichte van de 42 aanbieders in Begeleiding (2024)" in toelichting
    gevonden = re.search(r"euro's per cliënt € [\d.]+, (\d+),(\d)× hun mediaan", toelichting)
    assert gevonden, toelichting
    euro_per_client = dict(
        regio.execute(
            "SELECT aanbieder_agb, sum(bedrag_eur) / count(DISTINCT client_id) "
            "FROM intermediate.int_declaratieregels_status WHERE perceel = 'Begeleiding' "
            "GROUP BY ALL"
        ).fetchall()
    )
    verwacht = euro_per_client[AFWIJKER] / statistics.median(euro_per_client.values())
    assert float(f"{gevonden[1]}.{gevonden[2]}") == pytest.approx(verwacht, abs=0.051)


def test_te_kleine_peergroep_wordt_niet_beoordeeld_met_reden(regio) -> None:  # type: ignore[no-untyped-def]
    groepen = regio.execute(
        "SELECT perceel, aantal_aanbieders, is_beoordeeld, reden "
        "FROM indicators.ind_afwijkend_profiel_peergroepen ORDER BY perceel"
    ).fetchall()
    assert [(p, n, b) for p, n, b, _ in groepen] == [
        ("Begeleiding", 42, True),
        ("Beschermd wonen", 9, True),
        (KLEIN_PERCEEL, 3, False),
    ]
    assert groepen[2][3].startswith(
        f"niet beoordeeld: 3 aanbieders met minstens 5 cliënten in {KLEIN_PERCEEL}, minder dan "
        "de 8 van een peergroep"
    )
    assert not [agb for agb in _treffers(regio) if agb.startswith("D")]
    # The hostile name stayed text: the table it names is still there.
    assert regio.execute("SELECT count(*) FROM stg.stg_producten").fetchone() == (3,)


def test_zelfde_invoer_geeft_dezelfde_signalen() -> None:
    eerste, tweede = _regio(), _regio()
    bereken_profielsignalen(eerste, DREMPELS)
    bereken_profielsignalen(tweede, DREMPELS)
    vraag = "SELECT * FROM indicators.ind_afwijkend_profiel ORDER BY ALL"
    assert eerste.execute(vraag).fetchall() == tweede.execute(vraag).fetchall()


def test_kenmerk_tegen_peers_veelvoud_of_naast_de_mediaan() -> None:
    assert kenmerk_tegen_peers("euro_per_client", 24_000, 10_000) == (
        "euro's per cliënt € 24.000, 2,4× hun mediaan (€ 10.000)"
    )
    # A multiple of growth, or of a value or median of 0, means nothing: shown side by side.
    assert kenmerk_tegen_peers("groei", 0.5, 0.1) == (
        "groei van de omzet t.o.v. vorig jaar +50,0% tegen hun mediaan van +10,0%"
    )
    assert kenmerk_tegen_peers("creditratio", 0.0, 0.02) == (
        "gecrediteerd / gedeclareerd 0,0% tegen hun mediaan van 2,0%"
    )
