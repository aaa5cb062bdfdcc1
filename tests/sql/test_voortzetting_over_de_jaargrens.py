"""Voortzetting over de jaargrens: a rule signal whose amount in one year stays under the
materiality bar is still flagged when the same signal flags the same provider for material euros
in the year before or after (a scheme that starts in November leaves a remainder in its first
year). Not across a gap year, not for another provider, and the toelichting says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.sql_runner import SQL_DIR
from tests.sql.kleine_regio import AGB_A, AGB_B, bouw, declaratie, signalen, toewijzing


def _na_einde(agb: str, referentie: str, client: str, jaar: int, maand: int, uren: float) -> Any:
    """A declaration on toewijzing T<client>, which ended mid-2023: every euro is after the end."""
    return declaratie(
        referentie, client, "T" + client, jaar=jaar, maand=maand, uren=uren, aanbieder_agb=agb
    )


def _afgelopen(agb: str, client: str) -> dict[str, Any]:
    return toewijzing(
        "T" + client,
        client,
        aanbieder_agb=agb,
        ingangsdatum="2023-01-01",
        einddatum="2023-06-30",
    )


REGIO: dict[str, list[dict[str, Any]]] = {
    "toewijzingen": [
        _afgelopen(AGB_A, "C1"),
        _afgelopen(AGB_B, "C3"),
        # A's ordinary care in 2024, so that € 70 after the end is 0,7% of its declarations.
        toewijzing("T2", "C2", ingangsdatum="2024-01-01", einddatum="2024-12-31"),
    ],
    "declaraties": [
        # A: 2023 material (2 × € 840), 2024 € 70 of € 10.150, 2025 material again.
        _na_einde(AGB_A, "A23_7", "C1", 2023, 7, 12),
        _na_einde(AGB_A, "A23_8", "C1", 2023, 8, 12),
        *(declaratie(f"A24_{m}", "C2", "T2", jaar=2024, maand=m) for m in range(1, 13)),
        _na_einde(AGB_A, "A24_1", "C1", 2024, 1, 1),
        _na_einde(AGB_A, "A25_1", "C1", 2025, 1, 12),
        _na_einde(AGB_A, "A25_2", "C1", 2025, 2, 12),
        # B: 2023 material, nothing in 2024, € 70 in 2025: a gap year is no continuation.
        _na_einde(AGB_B, "B23_7", "C3", 2023, 7, 12),
        _na_einde(AGB_B, "B23_8", "C3", 2023, 8, 12),
        _na_einde(AGB_B, "B25_3", "C3", 2025, 3, 1),
    ],
}


@pytest.fixture(scope="module")
def spk02(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict[str, Any]]:
    con: duckdb.DuckDBPyConnection = bouw(tmp_path_factory.mktemp("voortzetting"), **REGIO)
    return {(s["aanbieder_agb"], s["jaar"]): s for s in signalen(con, "SPK02")}


def test_het_restje_tussen_twee_materiele_jaren_is_gemarkeerd(spk02) -> None:  # type: ignore[no-untyped-def]
    restje = spk02[(AGB_A, 2024)]
    assert float(restje["financieel_belang"]) == 70.0  # under materieel_min_eur on its own
    assert restje["gemarkeerd"] is True
    assert "voortzetting: in 2023 en 2025 is hetzelfde signaal" in restje["toelichting"]
    assert spk02[(AGB_A, 2023)]["gemarkeerd"] is True
    assert spk02[(AGB_A, 2025)]["gemarkeerd"] is True
    assert "voortzetting" not in spk02[(AGB_A, 2025)]["toelichting"]


def test_na_een_jaar_zonder_signaal_is_het_geen_voortzetting(spk02) -> None:  # type: ignore[no-untyped-def]
    assert spk02[(AGB_B, 2023)]["gemarkeerd"] is True
    los = spk02[(AGB_B, 2025)]
    assert float(los["financieel_belang"]) == 70.0
    assert los["gemarkeerd"] is False
    assert "voortzetting" not in los["toelichting"]


def test_voortzetting_van_noemt_alleen_de_materiele_naburige_jaren(tmp_path: Path) -> None:
    con = open_for_writing(tmp_path / "db.duckdb")
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    uitkomst = con.execute(
        "SELECT voortzetting_van([2025, NULL, 2023]), voortzetting_van([NULL, NULL]),"
        " voortzetting_van([]::INTEGER[]), voortzetting_tekst(NULL)"
    ).fetchone()
    assert uitkomst == ("2023 en 2025", None, None, "")


def test_onderaannemer_zonder_akkoord_loopt_door_in_het_volgende_jaar(tmp_path: Path) -> None:
    """KWA09 has its own materiality (an estimate, not a rule signal) but the same continuation:
    B works without akkoord for A in 2024 (€ 1.680) and once more in January 2025 (€ 70)."""
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("TC2", "C2", aanbieder_agb=AGB_B, einddatum="2025-12-31"),
            toewijzing("TC1", "C1", einddatum="2025-12-31"),
        ],
        declaraties=[
            declaratie("A1", "C1", "TC1"),
            declaratie("B1", "C2", "TC2", maand=3, aanbieder_agb=AGB_B),
            declaratie("B2", "C2", "TC2", maand=4, aanbieder_agb=AGB_B),
            declaratie("B3", "C2", "TC2", jaar=2025, maand=1, uren=1, aanbieder_agb=AGB_B),
        ],
        aanbieders=[
            {"aanbieder_agb": AGB_A, "naam": "Hoofd BV"},
            {"aanbieder_agb": AGB_B, "naam": "Onder Zonder BV"},
        ],
        onderaannemers=[
            {"hoofdaannemer_agb": AGB_A, "onderaannemer_agb": AGB_B, "geldig_vanaf": "2024-01-01"}
        ],
    )
    per_jaar = {s["jaar"]: s for s in signalen(con, "KWA09")}
    assert float(per_jaar[2025]["financieel_belang"]) == 70.0
    assert per_jaar[2024]["gemarkeerd"] is True
    assert per_jaar[2025]["gemarkeerd"] is True
    assert "voortzetting: in 2024 is hetzelfde signaal" in per_jaar[2025]["toelichting"]
