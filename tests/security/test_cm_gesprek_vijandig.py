"""Hostile input for the CM-gesprek (#13): the new contract tables managementinformatie and
wachttijden, and provider names / management information text in the PDF, the workbook and the
pack's file names."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from pipelines.exports import excel_cm_profiel as cm
from pipelines.exports.cm_pakket import bestandsdeel, schrijf_pakket
from pipelines.exports.cm_pdf import cm_rapport_pdf
from pipelines.exports.printable_report import cm_rapport_html
from tests.conftest import rijen, schrijf_csv
from tests.dashboard.test_cm_gesprekken_pakket import pdf_paginas, pdf_teksten

VIJANDIG = [
    '=HYPERLINK("http://x","klik")',
    "@SUM(A1)",
    "+1+1",
    "**vet** [link](http://aanvaller.example) <script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "../../etc/passwd",
    'a/b\\c:d*e?f"g<h>i|j',
    "naam\nmet\rregeleinden\t en tab",
    "ŽĐ€ ≈ − 漢字",
]
BSN = "123456782"  # passes the elfproef


def test_managementinformatie_laadt_vijandige_tekst_als_data(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "managementinformatie_2025.csv"
    schrijf_csv(
        pad,
        [
            {
                "aanbieder_agb": "41000001",
                "periode": "2025-H2",
                "kenmerk": tekst,
                "waarde": tekst[:200],
                "toelichting": f"{tekst} cliënt BSN {BSN}",
            }
            for tekst in VIJANDIG
        ]
        + [
            # not a period, and a BSN in a number-looking waarde: quarantine / scrubbed
            {
                "aanbieder_agb": "41000001",
                "periode": "2025-H3",
                "kenmerk": "omzet",
                "waarde": "1",
                "toelichting": "",
            },
            {
                "aanbieder_agb": "41000001",
                "periode": "2025'; drop table x; --",
                "kenmerk": "omzet",
                "waarde": "1",
                "toelichting": "",
            },
            {
                "aanbieder_agb": "41000001",
                "periode": "2025",
                "kenmerk": "aantal_clienten",
                "waarde": BSN,
                "toelichting": "",
            },
        ],
    )
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (len(VIJANDIG) + 1, 2)
    redenen = rijen(con, "select kolom, reden from quarantaine.redenen order by regelnummer")
    assert [k for k, _ in redenen] == ["periode", "periode"]
    assert all("halfjaar" in r for _, r in redenen)
    opgeslagen = rijen(con, "select kenmerk, waarde, toelichting from staging.managementinformatie")
    tekst = repr(opgeslagen)
    assert BSN not in tekst, "a raw BSN is never stored"
    kenmerken = {k for k, _, _ in opgeslagen}
    # Text is data: stored as delivered (formula, markdown, HTML, path characters).
    assert set(VIJANDIG) <= kenmerken


def test_wachttijden_weigert_negatief_en_negen_cijfers(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "wachttijden.csv"
    goed = {
        "aanbieder_agb": "41000001",
        "gemeentecode": "0405",
        "perceel": "=cmd|' /C calc'!A0",
        "peildatum": "2025-06-30",
        "aantal_wachtenden": "7",
        "gemiddelde_wachttijd_dagen": "41.5",
    }
    schrijf_csv(
        pad,
        [
            goed,
            {**goed, "aantal_wachtenden": "-1"},
            {**goed, "aantal_wachtenden": BSN},
            {**goed, "peildatum": "gisteren"},
            {**goed, "aanbieder_agb": "4100000X"},
        ],
    )
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 4)
    assert BSN not in repr(rijen(con, "select * from staging.wachttijden"))
    assert rijen(con, "select perceel from staging.wachttijden") == [("=cmd|' /C calc'!A0",)]


def _profiel(vijandig: str) -> cm.CmProfiel:
    return cm.CmProfiel(
        aanbieder_agb=vijandig,
        naam=vijandig,
        jaar=2025,
        gegenereerd_op=datetime(2026, 1, 2, 3, 4),
        gegevens_tot=datetime(2025, 12, 31),
        peergroep=vijandig,
        percelen=vijandig,
        hoofdaannemer=vijandig,
        kerncijfers=[cm.Kerncijfer(vijandig, -12.5, 100.0, "eur")],
        per_maand=[cm.MaandCijfer(date(2025, 7, 1), 1000.0, 8, 4.5)],
        signalen=[cm.SignaalRegel("SPK01", vijandig, vijandig, True, 10.0, vijandig)],
        onderaannemers=[cm.Onderaannemer(vijandig, vijandig, 10.0, vijandig)],
        periode="2025-H2",
        agenda=[cm.Kerncijfer(vijandig, 12.0, 10.0, "decimaal")],
        productie=[cm.ProductieRegel("gemeente", vijandig, 100.0, 9, 90.0, 0.1)],
        verantwoording=vijandig,
        managementinformatie=[cm.ManagementRegel(vijandig, vijandig, vijandig, vijandig)],
    )


@pytest.mark.parametrize("vijandig", VIJANDIG)
def test_pdf_en_werkboek_veilig_met_vijandige_tekst(vijandig: str) -> None:
    pdf = cm_rapport_pdf(_profiel(vijandig))
    assert 1 <= pdf_paginas(pdf) <= 2
    # No link, JavaScript or launch action from data: text is drawn as text.
    assert b"/URI" not in pdf and b"/JavaScript" not in pdf and b"/Launch" not in pdf
    assert any("CM-gesprek" in t for t in pdf_teksten(pdf))
    boek = cm.schrijf_cm_werkboek(_profiel(vijandig))
    with zipfile.ZipFile(__import__("io").BytesIO(boek)) as z:
        for naam in z.namelist():
            if naam.startswith("xl/worksheets/sheet"):
                xml = z.read(naam).decode()
                formules = re.findall(r"<f>(.*?)</f>", xml)
                assert all(f.startswith("SUM(") for f in formules), (naam, formules)
                assert "<hyperlink" not in xml
        gedeeld = z.read("xl/sharedStrings.xml").decode()
    if vijandig.lstrip().startswith(("=", "+", "@")):
        assert (
            "&apos;" + vijandig[:5].replace('"', "&quot;") in gedeeld
            or "'" + vijandig[:5] in gedeeld
        )


@pytest.mark.parametrize("vijandig", VIJANDIG)
def test_afdrukbare_html_met_agenda_escapet(vijandig: str) -> None:
    html = cm_rapport_html(_profiel(vijandig), met_printknop=False)
    assert "Managementinformatie van de aanbieder" in html
    assert "<script>" not in html and "<img" not in html and "<a " not in html


@pytest.mark.parametrize("vijandig", VIJANDIG)
def test_bestandsnamen_uit_agb_alleen(vijandig: str, tmp_path: Path) -> None:
    index = schrijf_pakket([_profiel(vijandig)], tmp_path / "pak", "2025-H2")
    namen = {p.name for p in (tmp_path / "pak").iterdir()}
    assert all(re.fullmatch(r"[0-9A-Za-z_.\-]+", n) for n in namen), namen
    assert all(p.parent == tmp_path / "pak" for p in (tmp_path / "pak").iterdir())
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in (tmp_path / "pak").iterdir())
    assert index[0].rapport == f"cm-gesprek_{bestandsdeel(vijandig)}_2025_H2.pdf"
    html = (tmp_path / "pak" / "index.html").read_text()
    assert "<script>" not in html and "<img" not in html
    regels = (tmp_path / "pak" / "index.csv").read_text().splitlines()[1:]
    assert not any(r[:1] in "=+@-" for r in regels)
