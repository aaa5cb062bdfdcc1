"""The CM-gesprek export: same figures in Excel and HTML, aggregate only."""

from __future__ import annotations

from pathlib import Path

import fastexcel
import pytest

from dashboard import roles
from dashboard.queries import aanbieder_profiel, risico_ranking, verbinding
from pipelines.exports.excel_cm_profiel import schrijf_cm_werkboek
from pipelines.exports.printable_report import cm_rapport_html
from tests.conftest import rijen_uit


@pytest.fixture
def profiel(demo_db: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    versie = verbinding.dataversie(roles.CONTRACTMANAGEMENT)
    ranking = risico_ranking.risicoranking(
        roles.CONTRACTMANAGEMENT, versie.sleutel, 2025, None, None
    )
    agb = ranking["aanbieder_agb"][0]
    uitkomst = aanbieder_profiel.cm_profiel(roles.CONTRACTMANAGEMENT, versie, agb, 2025)
    assert uitkomst is not None
    return uitkomst


def _clientnummers(db: Path) -> set[str]:
    rijen = rijen_uit(db, "select distinct client_id from intermediate.int_declaratieregels_status")
    return {c for (c,) in rijen}


def _bladen(inhoud: bytes) -> dict[str, list[list[object]]]:
    """Read the workbook back with calamine (a reader independent of the writer)."""
    boek = fastexcel.read_excel(inhoud)
    return {
        naam: boek.load_sheet(naam, header_row=None).to_polars().rows() for naam in boek.sheet_names
    }


def test_excel_opent_en_heeft_dezelfde_cijfers(profiel) -> None:  # type: ignore[no-untyped-def]
    bladen = _bladen(schrijf_cm_werkboek(profiel))
    assert list(bladen) == ["Profiel", "Per maand", "Mix", "Signalen", "Onderaannemers"]
    kern = {r[0]: r[1] for r in bladen["Profiel"] if r and r[0]}
    # Without a header row calamine reads mixed columns as text; the value must parse back.
    # Money arrives as an exact Decimal and an Excel cell holds a double: compare as doubles.
    gedeclareerd = float(profiel.kerncijfers[0].waarde)
    assert float(kern["Gedeclareerd"]) == pytest.approx(gedeclareerd)
    maanden = bladen["Per maand"][1 : 1 + len(profiel.per_maand)]
    totaal = sum(float(r[1] or 0) for r in maanden)
    assert totaal == pytest.approx(gedeclareerd, rel=1e-6)
    assert len(bladen["Signalen"]) == 1 + max(1, len(profiel.signalen))


def test_html_is_een_zelfstandige_pagina(profiel) -> None:  # type: ignore[no-untyped-def]
    html = cm_rapport_html(profiel)
    assert html.startswith("<!DOCTYPE html>")
    assert "@page { size: A4 portrait" in html
    assert profiel.naam in html
    assert "<script" not in html and "http" not in html


def test_export_bevat_geen_clientgegevens(profiel, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    html = cm_rapport_html(profiel)
    cellen = " ".join(
        str(c) for rijen in _bladen(schrijf_cm_werkboek(profiel)).values() for r in rijen for c in r
    )
    for client in _clientnummers(demo_db):
        assert client not in html
        assert client not in cellen


def test_twee_soorten_geld_apart_in_werkmap_en_rapport(profiel) -> None:  # type: ignore[no-untyped-def]
    """#10: the CM report and workbook show hard money and estimates separately, never one sum."""
    bladen = _bladen(schrijf_cm_werkboek(profiel))
    kop = bladen["Signalen"][0]
    assert "Onrechtmatig" in kop and "Geschat belang" in kop
    assert "Financieel belang" not in kop
    met_geld = [s for s in profiel.signalen if s.onrechtmatig_eur or s.geschat_belang_eur]
    assert met_geld, "de aanbieder bovenaan de rangorde hoort signalen met geld te hebben"
    for s in met_geld:
        assert not (s.onrechtmatig_eur and s.geschat_belang_eur), s.indicator
    html = cm_rapport_html(profiel)
    if any(s.geschat_belang_eur for s in met_geld):
        assert " geschat</td>" in html
    if any(s.onrechtmatig_eur for s in met_geld):
        assert " onrechtmatig</td>" in html
