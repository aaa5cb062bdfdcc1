"""KWA09 "Declaraties van een onderaannemer zonder akkoord" and the roll-up to the hoofdaannemer
and the organisation, on a small region written out by hand: which lines count, the money as an
estimate (never hard onrechtmatig), members and totals per group, and contractmanagement's view
without a small cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.sql_quote import ident
from tests.sql.kleine_regio import AGB_A, AGB_B, bouw, declaratie, rijen, signalen, toewijzing

AGB_C = "41000003"
AGB_D = "41000004"
VIJANDIGE_NAAM = '=HYPERLINK("http://x");\'); DROP TABLE marts.mart_signalen; --<script>'


def _bij(agb: str, referentie: str, client: str, maand: int) -> dict[str, Any]:
    return declaratie(referentie, client, "T" + client, maand=maand, aanbieder_agb=agb)


def _toewijzing(agb: str, client: str) -> dict[str, Any]:
    return toewijzing("T" + client, client, aanbieder_agb=agb)


REGIO: dict[str, list[dict[str, Any]]] = {
    "toewijzingen": [
        _toewijzing(AGB_A, "C1"),
        _toewijzing(AGB_B, "C2"),
        _toewijzing(AGB_C, "C3"),
        _toewijzing(AGB_D, "C4"),
    ],
    "declaraties": [
        _bij(AGB_A, "R1", "C1", 3),
        # B: onderaannemer without any akkoord: both months count (2 × € 840 = € 1.680).
        _bij(AGB_B, "R2", "C2", 3),
        _bij(AGB_B, "R3", "C2", 4),
        # C: akkoord from 1 April: March counts, April is covered.
        _bij(AGB_C, "R4", "C3", 3),
        _bij(AGB_C, "R5", "C3", 4),
        # D: only named in aanbieders.hoofdaannemer_agb: nothing is known about an akkoord.
        _bij(AGB_D, "R6", "C4", 3),
    ],
    "aanbieders": [
        {"aanbieder_agb": AGB_A, "naam": "Hoofd BV"},
        {"aanbieder_agb": AGB_B, "naam": "Onder Zonder BV", "hoofdaannemer_agb": AGB_A},
        {"aanbieder_agb": AGB_C, "naam": "Onder Laat BV"},
        {"aanbieder_agb": AGB_D, "naam": "Onder Onbekend BV", "hoofdaannemer_agb": AGB_A},
    ],
    "onderaannemers": [
        {"hoofdaannemer_agb": AGB_A, "onderaannemer_agb": AGB_B, "geldig_vanaf": "2024-01-01"},
        {
            "hoofdaannemer_agb": AGB_A,
            "onderaannemer_agb": AGB_C,
            "akkoord_datum": "2024-04-01",
            "geldig_vanaf": "2024-01-01",
            "geldig_tot": "2024-12-31",
        },
    ],
    "organisaties": [
        {"aanbieder_agb": AGB_A, "kvk_nummer": "12345678", "organisatienaam": VIJANDIGE_NAAM},
        {"aanbieder_agb": AGB_B, "kvk_nummer": "12345678", "organisatienaam": ""},
        {"aanbieder_agb": AGB_C, "kvk_nummer": "87654321", "organisatienaam": "Alleen"},
    ],
}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    tmp: Path = tmp_path_factory.mktemp("onderaanneming")
    return bouw(tmp, **REGIO)


def test_int_onderaanneming_combineert_aanbieders_en_tabel(con) -> None:  # type: ignore[no-untyped-def]
    relaties = rijen(
        con,
        "SELECT onderaannemer_agb, bron, akkoord_status, akkoord_vanaf, akkoord_tot "
        "FROM intermediate.int_onderaanneming ORDER BY onderaannemer_agb",
    )
    assert [(r["onderaannemer_agb"], r["bron"], r["akkoord_status"]) for r in relaties] == [
        (AGB_B, "onderaannemers", "geen akkoord"),
        (AGB_C, "onderaannemers", "akkoord"),
        (AGB_D, "aanbieders", "onbekend"),
    ]
    assert str(relaties[1]["akkoord_vanaf"]) == "2024-04-01"
    assert str(relaties[1]["akkoord_tot"]) == "2024-12-31"


def test_kwa09_telt_alleen_regels_zonder_geldig_akkoord(con) -> None:  # type: ignore[no-untyped-def]
    per_agb = {s["aanbieder_agb"]: s for s in signalen(con, "KWA09")}
    # D has no signal (akkoord unknown), nor has the hoofdaannemer A.
    assert set(per_agb) == {AGB_B, AGB_C}
    b, c = per_agb[AGB_B], per_agb[AGB_C]
    assert b["financieel_belang"] == Decimal("1680.00")
    assert b["gemarkeerd"] is True
    assert "zonder akkoord" in b["toelichting"] and AGB_A in b["toelichting"]
    # An estimate, never hard onrechtmatig.
    assert b["geschat_belang_eur"] == Decimal("1680.00")
    assert b["onrechtmatig_eur"] == Decimal("0.00")
    # C: only March (before the akkoord); € 840 is below materieel_min_eur.
    assert c["financieel_belang"] == Decimal("840.00")
    assert c["gemarkeerd"] is False
    regels = rijen(
        con,
        "SELECT s.referentienummer, r.reden FROM intermediate.int_kwa_onderaannemer_regels r "
        "JOIN intermediate.int_declaratieregels_status s USING (declaratieregel_id) "
        "ORDER BY s.referentienummer",
    )
    assert [r["referentienummer"] for r in regels] == ["R2", "R3", "R4"]
    assert "vóór het akkoord" in regels[2]["reden"]


def test_kwa09_bewijs_noemt_de_regels(con) -> None:  # type: ignore[no-untyped-def]
    bewijs = rijen(
        con,
        "SELECT b.referentienummer, b.onrechtmatig_eur FROM marts.mart_signaal_bewijsregels b "
        "JOIN marts.mart_signalen s USING (signaal_id) WHERE s.indicator = 'KWA09' "
        "ORDER BY b.referentienummer",
    )
    assert [b["referentienummer"] for b in bewijs] == ["R2", "R3", "R4"]
    assert all(b["onrechtmatig_eur"] == 0 for b in bewijs)


def test_groep_per_hoofdaannemer_en_per_organisatie(con) -> None:  # type: ignore[no-untyped-def]
    leden = rijen(
        con,
        "SELECT groep_soort, groep_id, aanbieder_agb, rol_in_groep, akkoord_status, "
        "gedeclareerd_eur, aantal_clienten, geschat_belang_eur, onrechtmatig_eur "
        "FROM marts.mart_groep_leden WHERE jaar = 2024 ORDER BY groep_soort, aanbieder_agb",
    )
    hoofd = {r["aanbieder_agb"]: r for r in leden if r["groep_soort"] == "hoofdaannemer"}
    assert set(hoofd) == {AGB_A, AGB_B, AGB_C, AGB_D}
    assert {r["groep_id"] for r in hoofd.values()} == {AGB_A}
    assert hoofd[AGB_A]["rol_in_groep"] == "hoofdaannemer"
    assert hoofd[AGB_B]["akkoord_status"] == "geen akkoord"
    assert hoofd[AGB_D]["akkoord_status"] == "onbekend"
    assert hoofd[AGB_C]["gedeclareerd_eur"] == Decimal("1680.00")
    # Only flagged signals carry money: B's KWA09, not C's (below materiality).
    assert hoofd[AGB_B]["geschat_belang_eur"] == Decimal("1680.00")
    assert hoofd[AGB_C]["geschat_belang_eur"] == Decimal("0.00")
    # The organisation: A and B share a KvK number; C alone is no group.
    organisatie = [r for r in leden if r["groep_soort"] == "organisatie"]
    assert {(r["groep_id"], r["aanbieder_agb"]) for r in organisatie} == {
        ("12345678", AGB_A),
        ("12345678", AGB_B),
    }
    groepen = {
        (g["groep_soort"], g["groep_id"]): g
        for g in rijen(con, "SELECT * FROM marts.mart_groep_jaar WHERE jaar = 2024")
    }
    totaal = groepen[("hoofdaannemer", AGB_A)]
    assert totaal["aantal_leden"] == 4
    assert totaal["aantal_zonder_akkoord"] == 1
    assert totaal["gedeclareerd_eur"] == Decimal("5040.00")
    assert totaal["aantal_clienten"] == 4
    # Hard and estimated money stay apart in the total too.
    assert totaal["geschat_belang_eur"] >= Decimal("1680.00")
    assert set(totaal) >= {"onrechtmatig_eur", "geschat_belang_eur"}
    assert "financieel_belang" not in totaal
    assert groepen[("organisatie", "12345678")]["aantal_clienten"] == 2


def test_vijandige_organisatienaam_blijft_tekst(con) -> None:  # type: ignore[no-untyped-def]
    namen = rijen(
        con,
        "SELECT DISTINCT groep_naam FROM marts.mart_groep_jaar WHERE groep_soort = 'organisatie'",
    )
    assert namen == [{"groep_naam": VIJANDIGE_NAAM}]
    assert rijen(con, "SELECT count(*) AS n FROM marts.mart_signalen")[0]["n"] > 0


def test_contractmanagement_ziet_geen_kleine_cel(con) -> None:  # type: ignore[no-untyped-def]
    for weergave in ("groep_leden", "groep_jaar"):
        cellen = rijen(con, f"SELECT * FROM rol_contractmanagement.{ident(weergave)}")
        assert cellen, weergave
        for cel in cellen:
            assert cel["aantal_clienten"] is None or not 1 <= cel["aantal_clienten"] <= 4, cel
            if cel["is_afgeschermd"]:
                assert cel["gedeclareerd_eur"] is None
                assert cel["clienten_weergave"] in ("<5", "—")
        assert "aantal_signalen" not in cellen[0] and "geschat_belang_eur" not in cellen[0]
    # Toezicht sees the exact figures.
    exact = rijen(con, "SELECT aantal_clienten FROM rol_toezicht.groep_leden WHERE jaar = 2024")
    assert any(1 <= r["aantal_clienten"] <= 4 for r in exact)
