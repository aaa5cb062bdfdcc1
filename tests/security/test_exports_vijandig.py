"""Exports that cannot harm: no live formula from data, no export over the database.

Provider and perceel names come from files the providers deliver; the exports are opened in
Excel at the gemeente. Every text that a spreadsheet would read as a formula (it begins with
`=`, `+`, `-`, `@`, a tab or a carriage return) must arrive prefixed with `'`; numbers stay
numbers (a negative amount is not text). And `export --out` must never replace the database,
its WAL, the pseudonym key or a file that is not an earlier export.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from html import escape
from pathlib import Path
from xml.etree import ElementTree

import polars as pl
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.exports import excel_cm_profiel as cm
from pipelines.exports.printable_report import cm_rapport_html
from tests.conftest import FIXTURES, rijen_uit, schrijf_csv
from tests.security.conftest import kleine_regio

runner = CliRunner()

# Payloads of the classic CSV-injection cheat sheets. What a spreadsheet runs: text whose first
# character is one of these, and (LibreOffice and Excel's import trim leading spaces) text whose
# first non-blank character is one of `=+-@`.
VIJANDIG = [
    '=HYPERLINK("http://x","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    " =1+1",
    "-12",
    "=cmd|' /C calc'!A0",
    "\n=1+1",
]
BEGIN_GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def _gevaarlijk(tekst: str) -> bool:
    """The test's own oracle: would a spreadsheet treat this cell as a formula?"""
    return tekst.startswith(BEGIN_GEVAARLIJK) or tekst.lstrip().startswith(BEGIN_GEVAARLIJK)


def _verwacht(tekst: str) -> str:
    return "'" + tekst if _gevaarlijk(tekst) else tekst


def _tekst(uitkomst) -> str:  # type: ignore[no-untyped-def]
    return " ".join(uitkomst.output.split())


# ------------------------------------------------------------------------------------------
# The one neutraliser
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("tekst", [*VIJANDIG, "\u00a0=1", "＝1+1", "-", "@"])
def test_neutraliseer_zet_een_apostrof_voor_formuletekst(tekst: str) -> None:
    from pipelines.exports.neutraliseer import neutraliseer

    assert neutraliseer(tekst) == "'" + tekst


@pytest.mark.parametrize(
    "tekst", ["Zorggroep De Kievit", "", "'=al geneutraliseerd", "a=b", "Huis-aan-huis", "12-3"]
)
def test_neutraliseer_laat_gewone_tekst_staan(tekst: str) -> None:
    from pipelines.exports.neutraliseer import neutraliseer

    assert neutraliseer(tekst) == tekst


@pytest.mark.parametrize("waarde", [-12.5, -3, 0, 7.25, None, True, date(2024, 1, 1)])
def test_celwaarde_laat_getallen_en_andere_typen_staan(waarde: object) -> None:
    from pipelines.exports.neutraliseer import celwaarde

    assert celwaarde(waarde) is waarde


# ------------------------------------------------------------------------------------------
# signalen.csv and risico.csv from a region whose names are hostile
# ------------------------------------------------------------------------------------------
def _maak_namen_vijandig(bron: Path) -> None:
    with (bron / "aanbieders.csv").open(encoding="utf-8", newline="") as handle:
        aanbieders = list(csv.DictReader(handle))
    for i, rij in enumerate(aanbieders):
        # The first providers carry the payload exactly (e.g. a name that is just "-12").
        rij["naam"] = VIJANDIG[i % len(VIJANDIG)] + ("" if i < len(VIJANDIG) else f" {i}")
    schrijf_csv(bron / "aanbieders.csv", aanbieders)
    referentie = Path(__file__).resolve().parents[2] / "data" / "reference" / "producten.csv"
    with referentie.open(encoding="utf-8", newline="") as handle:
        producten = list(csv.DictReader(handle))
    percelen = sorted({p["perceel"] for p in producten})
    vijandig_perceel = {p: f"{VIJANDIG[i % len(VIJANDIG)]} {p}" for i, p in enumerate(percelen)}
    for product in producten:
        product["perceel"] = vijandig_perceel[product["perceel"]]
    schrijf_csv(bron / "producten.csv", producten)


@pytest.fixture(scope="module")
def vijandige_regio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small generated region whose provider names and perceel names are payloads."""
    with kleine_regio(tmp_path_factory.mktemp("vijandig"), _maak_namen_vijandig) as db:
        yield db


def _lees_export(db: Path, soort: str, doel: Path) -> list[dict[str, str]]:
    uitkomst = runner.invoke(app, ["export", soort, "--out", str(doel), "--db", str(db)])
    assert uitkomst.exit_code == 0, uitkomst.output
    with doel.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# Columns that are numbers in the mart (the rest is text, dates or booleans).
GETALKOLOMMEN = {
    "signalen": {
        "jaar",
        "waarde",
        "referentiewaarde",
        "afwijking",
        "onrechtmatig_eur",
        "geschat_belang_eur",
        "financieel_belang",
        "aantal_clienten",
    },
    "risico": {
        "jaar",
        "risicoscore",
        "rang",
        "rang_zorg",
        "rang_rechtmatigheid",
        "rang_risico",
        "aantal_signalen",
        "onrechtmatig_eur",
        "geschat_belang_eur",
        "financieel_belang",
    },
    "vorderingsoverzicht": {"jaar", "bedrag_eur", "onrechtmatig_eur"},
}


@pytest.mark.parametrize("soort", ["signalen", "risico", "vorderingsoverzicht"])
def test_csv_export_bevat_geen_formule(vijandige_regio: Path, tmp_path: Path, soort: str) -> None:
    rijen = _lees_export(vijandige_regio, soort, tmp_path / f"{soort}.csv")
    assert rijen
    for rij in rijen:
        for kolom, waarde in rij.items():
            if kolom in GETALKOLOMMEN[soort]:
                if waarde:
                    float(waarde)  # a number stays a number, also when negative
            else:
                assert not _gevaarlijk(waarde), (kolom, waarde)


def test_risico_csv_zet_apostrof_voor_vijandige_naam(vijandige_regio: Path, tmp_path: Path) -> None:
    rijen = _lees_export(vijandige_regio, "risico", tmp_path / "risico.csv")
    in_mart = {
        (str(agb), int(jaar)): str(naam)  # type: ignore[call-overload]
        for agb, jaar, naam in rijen_uit(
            vijandige_regio, "select aanbieder_agb, jaar, naam from marts.mart_aanbieder_risico"
        )
    }
    vijandige = [n for n in in_mart.values() if _gevaarlijk(n)]
    # The payloads survive ingest (otherwise this test proves nothing).
    assert {'=HYPERLINK("http://x","klik")', "-12", "@SUM(A1)", "\t=1"} <= set(vijandige)
    for rij in rijen:
        assert rij["naam"] == _verwacht(in_mart[(rij["aanbieder_agb"], int(rij["jaar"]))])


def test_signalen_csv_perceel_en_toelichting(vijandige_regio: Path, tmp_path: Path) -> None:
    rijen = _lees_export(vijandige_regio, "signalen", tmp_path / "signalen.csv")
    in_mart = {
        str(sid): (perceel, toelichting)
        for sid, perceel, toelichting in rijen_uit(
            vijandige_regio, "select signaal_id, perceel, toelichting from marts.mart_signalen"
        )
    }
    vijandige_percelen = {p for p, _ in in_mart.values() if p and _gevaarlijk(str(p))}
    assert len(vijandige_percelen) >= 3
    for rij in rijen:
        perceel, toelichting = in_mart[rij["signaal_id"]]
        assert rij["perceel"] == _verwacht(str(perceel or ""))
        assert rij["toelichting"] == _verwacht(str(toelichting or ""))
    # Negative deviations are written as plain numbers, not neutralised.
    assert any(r["afwijking"].startswith("-") for r in rijen)


# ------------------------------------------------------------------------------------------
# Workbooks: read back as XML, so a formula (<f>) or a hyperlink cannot hide
# ------------------------------------------------------------------------------------------
def _werkboek_xml(inhoud: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        return {naam: z.read(naam).decode("utf-8") for naam in z.namelist()}


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _teksten(delen: dict[str, str]) -> list[str]:
    """Every string in the workbook: shared strings and inline strings."""
    teksten = []
    for naam, xml in delen.items():
        if naam == "xl/sharedStrings.xml" or naam.startswith("xl/worksheets/sheet"):
            boom = ElementTree.fromstring(xml)
            for si in boom.iter(f"{{{_NS['m']}}}si"):
                teksten.append("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")))
            for is_ in boom.iter(f"{{{_NS['m']}}}is"):
                teksten.append("".join(t.text or "" for t in is_.iter(f"{{{_NS['m']}}}t")))
    # OOXML escapes control characters as _xHHHH_; Excel shows the character itself.
    return [_OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), t) for t in teksten]


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _formules(delen: dict[str, str]) -> dict[str, list[str]]:
    uitkomst: dict[str, list[str]] = {}
    for naam, xml in delen.items():
        if naam.startswith("xl/worksheets/sheet"):
            boom = ElementTree.fromstring(xml)
            gevonden = [f.text or "" for f in boom.iter(f"{{{_NS['m']}}}f")]
            if gevonden:
                uitkomst[naam] = gevonden
    return uitkomst


def _geen_hyperlinks(delen: dict[str, str]) -> None:
    for naam, xml in delen.items():
        assert "<hyperlink" not in xml, naam
        assert "relationships/hyperlink" not in xml, naam


def _getallen(delen: dict[str, str]) -> list[float]:
    getallen = []
    for naam, xml in delen.items():
        if naam.startswith("xl/worksheets/sheet"):
            boom = ElementTree.fromstring(xml)
            for c in boom.iter(f"{{{_NS['m']}}}c"):
                v = c.find("m:v", _NS)
                if c.get("t") in (None, "n") and v is not None and c.find("m:f", _NS) is None:
                    getallen.append(float(v.text or "nan"))
    return getallen


def _vijandig_profiel(vijandig: str) -> cm.CmProfiel:
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
        per_maand=[
            cm.MaandCijfer(date(2025, m, 1), -12.5 if m == 1 else 1000.0, 3, 4.5) for m in (1, 2)
        ],
        mix=[cm.MixRegel(vijandig, 1, 500.0, 0.5, 0.4)],
        signalen=[cm.SignaalRegel(vijandig, vijandig, vijandig, True, -12.5, vijandig)],
        onderaannemers=[cm.Onderaannemer(vijandig, vijandig, 10.0)],
    )


@pytest.mark.parametrize("vijandig", [*VIJANDIG, "http://aanvaller.example/x"])
def test_cm_werkboek_heeft_geen_formules_uit_data(vijandig: str) -> None:
    delen = _werkboek_xml(cm.schrijf_cm_werkboek(_vijandig_profiel(vijandig)))
    # The only formulas are the totals we write ourselves on 'Per maand' (sheet2).
    assert _formules(delen) == {"xl/worksheets/sheet2.xml": ["SUM(B2:B3)", "SUM(D2:D3)"]}
    _geen_hyperlinks(delen)
    teksten = _teksten(delen)
    assert not [t for t in teksten if _gevaarlijk(t)]
    if _gevaarlijk(vijandig):
        assert "'" + vijandig in teksten
    assert -12.5 in _getallen(delen)


@pytest.mark.parametrize("vijandig", [*VIJANDIG, "http://aanvaller.example/x"])
def test_dashboard_excel_heeft_geen_formules_uit_data(vijandig: str) -> None:
    from dashboard.formatting import excel_bytes

    frame = pl.DataFrame(
        {
            "naam": [vijandig, "Zorggroep De Kievit"],
            "perceel": ["-12", vijandig],  # text that looks like a number stays text
            "bedrag_eur": [-12.5, 3.0],
            "aantal": [-3, 4],
        }
    )
    delen = _werkboek_xml(excel_bytes({"Eerste": frame, "Tweede": frame}))
    assert _formules(delen) == {}
    _geen_hyperlinks(delen)
    teksten = _teksten(delen)
    assert not [t for t in teksten if _gevaarlijk(t)]
    assert "'-12" in teksten
    assert {-12.5, -3.0} <= set(_getallen(delen))


# ------------------------------------------------------------------------------------------
# The printable report is HTML: data is escaped, never markup
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "vijandig",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>"],
)
def test_afdrukrapport_escapet_html(vijandig: str) -> None:
    html = cm_rapport_html(_vijandig_profiel(vijandig), met_printknop=False)
    assert "<script" not in html
    assert "<img" not in html
    assert "<svg onload" not in html
    assert escape(vijandig) in html


# ------------------------------------------------------------------------------------------
# Where an export may be written
# ------------------------------------------------------------------------------------------
@pytest.fixture
def kleine_db(tmp_path: Path) -> Path:
    db = tmp_path / "sm.duckdb"
    uitkomst = runner.invoke(
        app, ["ingest", str(FIXTURES / "toewijzingen_klein.csv"), "--db", str(db)]
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    return db


def _export(db: Path, doel: Path | str, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["export", "signalen", "--out", str(doel), "--db", str(db), *extra])


def _geweigerd(uitkomst) -> None:  # type: ignore[no-untyped-def]
    assert uitkomst.exit_code == 1, uitkomst.output
    assert isinstance(uitkomst.exception, SystemExit), uitkomst.exception
    assert "Fout:" in uitkomst.stderr
    assert "Traceback" not in uitkomst.output


@pytest.mark.parametrize("overschrijf", [[], ["--overschrijf"]])
def test_export_weigert_de_database(kleine_db: Path, overschrijf: list[str]) -> None:
    voor = kleine_db.read_bytes()
    uitkomst = _export(kleine_db, kleine_db, *overschrijf)
    _geweigerd(uitkomst)
    assert "database" in _tekst(uitkomst)
    assert kleine_db.read_bytes() == voor


def test_export_weigert_de_database_via_een_omweg(kleine_db: Path, tmp_path: Path) -> None:
    voor = kleine_db.read_bytes()
    (tmp_path / "sub").mkdir()
    _geweigerd(_export(kleine_db, tmp_path / "sub" / ".." / kleine_db.name, "--overschrijf"))
    link = tmp_path / "link.csv"
    link.symlink_to(kleine_db)
    _geweigerd(_export(kleine_db, link, "--overschrijf"))
    assert link.is_symlink()
    assert kleine_db.read_bytes() == voor


def test_export_weigert_het_wal_bestand(kleine_db: Path) -> None:
    wal = kleine_db.with_name(kleine_db.name + ".wal")
    _geweigerd(_export(kleine_db, wal, "--overschrijf"))
    assert not wal.exists()


def test_export_weigert_de_pseudoniemsleutel(kleine_db: Path, tmp_path: Path) -> None:
    sleutel = tmp_path / "sleutel"  # SIGNAALMONITOR_PSEUDO_KEY_FILE in tests/conftest.py
    sleutel.write_text("geheim", encoding="utf-8")
    _geweigerd(_export(kleine_db, sleutel, "--overschrijf"))
    assert sleutel.read_text(encoding="utf-8") == "geheim"


def test_export_weigert_een_vreemd_bestand_tenzij_overschrijf(
    kleine_db: Path, tmp_path: Path
) -> None:
    vreemd = tmp_path / "begroting.csv"
    vreemd.write_text("post,bedrag\nhuur,1200\n", encoding="utf-8")
    uitkomst = _export(kleine_db, vreemd)
    _geweigerd(uitkomst)
    assert "--overschrijf" in _tekst(uitkomst)
    assert vreemd.read_text(encoding="utf-8") == "post,bedrag\nhuur,1200\n"
    uitkomst = _export(kleine_db, vreemd, "--overschrijf")
    assert uitkomst.exit_code == 0, uitkomst.output
    assert vreemd.read_text(encoding="utf-8").startswith("signaal_id,indicator,")


def test_export_overschrijft_een_eerdere_export(kleine_db: Path, tmp_path: Path) -> None:
    doel = tmp_path / "signalen.csv"
    doel.write_text("signaal_id,indicator,oud\n", encoding="utf-8")  # another header: foreign
    _geweigerd(_export(kleine_db, doel))
    assert _export(kleine_db, doel, "--overschrijf").exit_code == 0
    eerste = doel.read_bytes()
    uitkomst = _export(kleine_db, doel)
    assert uitkomst.exit_code == 0, uitkomst.output
    assert doel.read_bytes() == eerste


def test_export_weigert_map_en_fifo(kleine_db: Path, tmp_path: Path) -> None:
    _geweigerd(_export(kleine_db, tmp_path, "--overschrijf"))
    fifo = tmp_path / "pijp.csv"
    os.mkfifo(fifo)
    _geweigerd(_export(kleine_db, fifo, "--overschrijf"))  # must not block on open
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_nieuwe_export_alleen_voor_eigenaar(kleine_db: Path, tmp_path: Path) -> None:
    oud = os.umask(0o022)
    try:
        doel = tmp_path / "nieuw" / "map" / "signalen.csv"
        uitkomst = _export(kleine_db, doel)
    finally:
        os.umask(oud)
    assert uitkomst.exit_code == 0, uitkomst.output
    assert stat.S_IMODE(doel.stat().st_mode) == 0o600


def test_mislukte_export_laat_geen_half_bestand(
    kleine_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doel = tmp_path / "signalen.csv"
    assert _export(kleine_db, doel).exit_code == 0
    voor = doel.read_bytes()
    bestanden = sorted(tmp_path.iterdir())

    def schijf_vol(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", schijf_vol)
    uitkomst = _export(kleine_db, doel)
    _geweigerd(uitkomst)
    assert doel.read_bytes() == voor
    assert sorted(tmp_path.iterdir()) == bestanden  # no temporary file left behind


def test_export_help_noemt_overschrijf() -> None:
    uitkomst = runner.invoke(app, ["export", "--help"])
    assert uitkomst.exit_code == 0
    assert "--overschrijf" in uitkomst.output


def test_vorderingsoverzicht_per_gemeente_sluit_aan(vijandige_regio: Path, tmp_path: Path) -> None:
    """The vorderingsoverzicht of one gemeente is exactly its share of the hard money: its
    lines add up to the per-gemeente mart, and the --gemeente filter only keeps that gemeente."""
    per_gemeente = rijen_uit(
        vijandige_regio,
        "select gemeentecode, sum(onrechtmatig_eur) from marts.mart_onrechtmatig_per_gemeente "
        "group by all order by 2 desc",
    )
    assert per_gemeente, "de regio hoort hard onrechtmatig geld te hebben"
    gemeente, totaal = per_gemeente[0]
    doel = tmp_path / "vordering.csv"
    uitkomst = runner.invoke(
        app,
        [
            "export",
            "vorderingsoverzicht",
            "--gemeente",
            str(gemeente),
            "--out",
            str(doel),
            "--db",
            str(vijandige_regio),
        ],
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    with doel.open(encoding="utf-8", newline="") as handle:
        rijen = list(csv.DictReader(handle))
    assert {r["gemeentecode"] for r in rijen} == {gemeente}
    assert sum(Decimal(r["onrechtmatig_eur"]) for r in rijen) == totaal
    assert all(r["declaratienummer"] and r["referentienummer"] for r in rijen)


def test_gemeente_alleen_bij_het_vorderingsoverzicht(kleine_db: Path, tmp_path: Path) -> None:
    uitkomst = runner.invoke(
        app,
        [
            "export",
            "signalen",
            "--gemeente",
            "0307",
            "--out",
            str(tmp_path / "s.csv"),
            "--db",
            str(kleine_db),
        ],
    )
    assert uitkomst.exit_code != 0
    assert "--gemeente kan alleen bij vorderingsoverzicht" in uitkomst.output
