"""iWmo XML goes through the same validation and pseudonymisation as a table export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.conftest import FIXTURES, rijen

IWMO = FIXTURES / "iwmo"


def test_wmo323_laadt_in_euro(con, laad) -> None:  # type: ignore[no-untyped-def]
    resultaat = laad(IWMO / "WMO323_3.2_voorbeeld.xml")
    assert resultaat.tabel == "declaraties"
    assert resultaat.formaat == "iWmo-XML WMO323 (release 3.2)"
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (4, 0)
    assert rijen(
        con,
        "SELECT referentienummer, producttarief, ingediend_bedrag, debet_credit, gemeentecode, "
        "aanbieder_agb FROM staging.declaraties ORDER BY referentienummer LIMIT 1",
    ) == [("RN001", Decimal("12.50"), Decimal("50.00"), "D", "0384", "65656055")]
    assert rijen(con, "SELECT sum(ingediend_bedrag) FROM staging.declaraties") == [
        (Decimal("580.00"),)
    ]
    assert rijen(con, "SELECT count(*) FROM staging.declaraties WHERE client_id LIKE 'P%'") == [
        (4,)
    ]


def test_officiele_voorbeelden_301_305_307(con, laad) -> None:  # type: ignore[no-untyped-def]
    for naam in ("WMO301_3.2_voorbeeld.xml", "WMO305_3.2_voorbeeld.xml"):
        assert laad(IWMO / naam).rijen_quarantaine == 0
    stop = laad(IWMO / "WMO307_3.2_voorbeeld.xml")
    assert (stop.tabel, stop.rijen_quarantaine) == ("zorgperiodes", 0)
    assert rijen(con, "SELECT count(*) FROM staging.toewijzingen") == [(1,)]
    assert rijen(
        con,
        "SELECT count(*) FROM staging.zorgperiodes WHERE einddatum IS NOT NULL "
        "AND reden_beeindiging = '31'",
    ) >= [(1,)]


def test_xml_met_verkeerde_naam_wordt_herkend(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "export.txt"
    pad.write_bytes((IWMO / "WMO323_3.2_voorbeeld.xml").read_bytes())
    assert laad(pad).tabel == "declaraties"
