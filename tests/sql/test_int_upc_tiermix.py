"""int_upc_tiermix on hand-made clients: the peer group and the peer counts of every provider.

The model runs on its own (with a hand-written int_upc_clienten) and with small thresholds, so
each figure below can be counted by hand: the peers never include the provider itself, the peer
group falls back from the same offer to the whole perceel below min_peers, and the fallback
counts only the provider's own levels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.database import open_for_writing
from pipelines.settings import SQL_DIR
from pipelines.sql_runner import draai

DREMPELS = {"min_peers": 2, "min_clienten": 5, "aanbod_min_aandeel": 0.10}

# aanbieder → jaar → perceel → {intensiteit: aantal cliënten}
CLIENTEN: dict[str, dict[int, dict[str, dict[int, int]]]] = {
    # Offer 1, 2 in 2024; last year also level 3 (so UPC02 counts on 1, 2, 3).
    "A": {2023: {"P": {1: 5, 2: 3, 3: 2}}, 2024: {"P": {1: 6, 2: 4}}},
    "B": {2023: {"P": {1: 5, 2: 5}}, 2024: {"P": {1: 5, 2: 5}}},
    # One stray client at level 3 (1 of 11, under 10%): offer still 1, 2.
    "G": {2023: {"P": {1: 2, 3: 8}}, 2024: {"P": {1: 7, 2: 3, 3: 1}}},
    # Offer 1, 2 but only 3 clients: judged, never a peer.
    "D": {2024: {"P": {1: 2, 2: 1}}},
    "C": {2024: {"P": {1: 3, 2: 3, 3: 4}}},
    "E": {2024: {"P": {1: 4, 2: 4, 3: 2}}},
    "F": {2024: {"P": {2: 5, 3: 5}}},
    # Alone in its perceel.
    "H": {2024: {"Q": {1: 5, 2: 5}}},
}


def _tiermix(tmp_path: Path) -> dict[str, dict[str, Any]]:
    """Run the real int_upc_tiermix over CLIENTEN; the 2024 rows by provider."""
    sql = tmp_path / "sql"
    (sql / "intermediate").mkdir(parents=True)
    (sql / "macros.sql").write_text((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    model = "int_upc_tiermix.sql"
    (sql / "intermediate" / model).write_text(
        (SQL_DIR / "intermediate" / model).read_text(encoding="utf-8")
    )
    (sql / "intermediate" / "int_upc_clienten.sql").write_text(
        "select * from main.upc_invoer", encoding="utf-8"
    )
    con = open_for_writing(tmp_path / "tiermix.duckdb")
    con.execute(
        "CREATE TABLE main.upc_invoer (aanbieder_agb VARCHAR, jaar INTEGER, perceel VARCHAR, "
        "client_id VARCHAR, intensiteit INTEGER, bedrag_eur DECIMAL(18, 2), "
        "aantal_regels BIGINT)"
    )
    rijen = [
        (agb, jaar, perceel, f"{agb}-{jaar}-{niveau}-{c}", niveau, 10 * niveau, 1)
        for agb, per_jaar in CLIENTEN.items()
        for jaar, per_perceel in per_jaar.items()
        for perceel, aantallen in per_perceel.items()
        for niveau, aantal in aantallen.items()
        for c in range(aantal)
    ]
    con.executemany("INSERT INTO main.upc_invoer VALUES (?, ?, ?, ?, ?, ?, ?)", rijen)
    draai(con, sql_dir=sql, drempels=DREMPELS)
    resultaat = con.execute("SELECT * FROM intermediate.int_upc_tiermix WHERE jaar = 2024")
    namen = [d[0] for d in resultaat.description]
    return {
        r["aanbieder_agb"]: r
        for r in (dict(zip(namen, rij, strict=True)) for rij in resultaat.fetchall())
    }


def _peers(rij: dict[str, Any]) -> tuple[Any, ...]:
    return (
        rij["peergroep_soort"],
        rij["aantal_peers"],
        rij["peer_clienten"],
        rij["peer_clienten_zwaar"],
        rij["peer_nu"],
        rij["peer_vorig"],
        rij["peer_zwaar_vorig"],
    )


def test_peers_zonder_de_aanbieder_zelf_en_terugval_op_het_perceel(tmp_path: Path) -> None:
    rijen = _tiermix(tmp_path)
    assert set(rijen) == {"A", "B", "G", "D", "C", "E", "F", "H"}

    # A: same offer as B and G (D has too few clients to be a peer), so two peers, not A itself.
    # This year on 1, 2: B 10 + G 10, heavy (2) 5 + 3. UPC02 on 1, 2, 3: G's stray client
    # counts now; last year B 10 + G 10, at level 2 only B's 5.
    assert _peers(rijen["A"]) == ("zelfde aanbod", 2, 20, 8, 21, 20, 5)
    assert rijen["A"]["niveaus_twee_jaar"] == "1, 2, 3"
    assert rijen["A"]["clienten_vorig"] == 10 and rijen["A"]["zwaar_vorig"] == 3
    # B: A and G; heavy this year A 4 + G 3. Last year on B's 1, 2: A 8 + G 2, heavy A 3.
    assert _peers(rijen["B"]) == ("zelfde aanbod", 2, 20, 7, 20, 10, 3)
    # D is no peer itself, so all three of A, B and G are its peers.
    assert _peers(rijen["D"]) == ("zelfde aanbod", 3, 30, 12, 30, 20, 8)

    # C: only E has exactly 1, 2, 3 (fewer than min_peers): every provider offering at least
    # 1, 2, 3 is still just E (F lacks level 1).
    assert _peers(rijen["C"]) == ("perceel", 1, 10, 2, 10, 0, 0)
    assert "teruggevallen op het hele perceel" in rijen["C"]["peergroep"]
    # F: nobody offers exactly 2, 3; C and E offer at least that, counted on 2 and 3 only.
    assert _peers(rijen["F"]) == ("perceel", 2, 13, 6, 13, 0, 0)
    assert rijen["F"]["peergroep"].startswith("2 aanbieders van P die minstens intensiteiten 2, 3")

    # H is alone: no peers, zero counts.
    assert _peers(rijen["H"]) == ("perceel", 0, 0, 0, 0, 0, 0)
