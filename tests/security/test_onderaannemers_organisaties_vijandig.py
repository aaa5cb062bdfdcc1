"""Hostile input for the optional tables onderaannemers and organisaties (issue 13): malformed
codes and periods go to quarantine with a reason, a 9-digit number never loads as a KvK number,
and text that looks like SQL, a formula or HTML loads as data, unchanged."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import rijen, schrijf_csv

GOED_ONDER = {
    "hoofdaannemer_agb": "41000001",
    "onderaannemer_agb": "41000002",
    "akkoord_datum": "2024-01-15",
    "geldig_vanaf": "2024-02-01",
    "geldig_tot": "2024-12-31",
}
GOED_ORG = {"aanbieder_agb": "41000001", "kvk_nummer": "12345678", "organisatienaam": "Zorg BV"}


def test_onderaannemers_kapotte_rijen_naar_quarantaine(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "onderaannemers_2024.csv"
    schrijf_csv(
        pad,
        [
            GOED_ONDER,
            {**GOED_ONDER, "onderaannemer_agb": "4100'; DROP TABLE staging.declaraties; --"},
            {**GOED_ONDER, "hoofdaannemer_agb": ""},
            {**GOED_ONDER, "geldig_vanaf": "2024-12-31", "geldig_tot": "2024-01-01"},
            {**GOED_ONDER, "akkoord_datum": "gisteren"},
        ],
    )
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 4)
    kolommen = {k for (k,) in rijen(con, "SELECT DISTINCT kolom FROM quarantaine.redenen")}
    assert {"onderaannemer_agb", "hoofdaannemer_agb", "akkoord_datum"} <= kolommen
    assert rijen(con, "SELECT count(*) FROM staging.declaraties") == [(0,)]
    assert rijen(con, "SELECT onderaannemer_agb FROM staging.onderaannemers") == [("41000002",)]


def test_organisaties_kvk_en_vijandige_naam(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vijandig = '=HYPERLINK("http://x","klik") <script>alert(1)</script> \'; DROP TABLE x; --'
    pad = tmp_path / "organisaties.csv"
    schrijf_csv(
        pad,
        [
            {**GOED_ORG, "organisatienaam": vijandig},
            # A 9-digit number in the KvK column could be a BSN: never loaded.
            {**GOED_ORG, "aanbieder_agb": "41000002", "kvk_nummer": "999900006"},
            {**GOED_ORG, "aanbieder_agb": "41000003", "kvk_nummer": "KVK1234"},
        ],
    )
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 2)
    assert rijen(con, "SELECT organisatienaam FROM staging.organisaties") == [(vijandig,)]
    assert rijen(
        con, "SELECT count(*) FROM staging.organisaties WHERE kvk_nummer LIKE '9999%'"
    ) == [(0,)]
    # A KvK number that lost its leading zero in Excel gets it back (one, never more).
    pad2 = tmp_path / "organisaties_excel.csv"
    schrijf_csv(pad2, [{**GOED_ORG, "aanbieder_agb": "41000004", "kvk_nummer": "2345678"}])
    laad(pad2)
    assert ("02345678",) in rijen(con, "SELECT kvk_nummer FROM staging.organisaties")
