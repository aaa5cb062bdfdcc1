"""`export cm-gesprekken` (#13) on the session's demo database: one PDF and one workbook per
provider with declarations in the period, each PDF at most two A4 pages, no client count 1–4."""

from __future__ import annotations

import itertools
import re
import zlib
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines.exports.cm_pakket import profielen, schrijf_pakket
from pipelines.rollen import CONTRACTMANAGEMENT, TOEZICHT
from pipelines.settings import rolbestand_pad

PERIODE = "2025-H2"
KLEIN = {"1", "2", "3", "4"}
CLIENTLABELS = {
    "Cliënten",
    "Instroom (nieuwe cliënten)",
    "Uitstroom (vertrokken cliënten)",
    "Wachtenden (laatste peildatum)",
    # kenmerken of managementinformatie that are client counts
    "aantal_clienten",
    "instroom",
    "uitstroom",
    "aantal_wachtenden",
}


def pdf_paginas(inhoud: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", inhoud))


def pdf_teksten(inhoud: bytes) -> list[str]:
    """Every text string the PDF draws, in order (core fonts: literal strings before Tj)."""
    teksten: list[str] = []
    for stroom in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", inhoud, re.S):
        try:
            # Tolerant of a stream whose last byte the regex took for a line end.
            ruw = zlib.decompressobj().decompress(stroom)
        except zlib.error:
            ruw = stroom
        for s in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", ruw):
            teksten.append(re.sub(rb"\\(.)", rb"\1", s).decode("latin-1").strip())
    return teksten


def _pakket(demo_db: Path, map_: Path, verborgen: list[str] | None = None) -> list:
    con = duckdb.connect(str(rolbestand_pad(demo_db, CONTRACTMANAGEMENT)), read_only=True)
    try:
        pakket = profielen(con, PERIODE, verborgen or [], datetime(2026, 1, 5, 9, 0))
    finally:
        con.close()
    return schrijf_pakket(pakket, map_, PERIODE)


def test_pakket_per_aanbieder_twee_paginas_geen_kleine_aantallen(
    demo_db: Path, tmp_path: Path
) -> None:
    index = _pakket(demo_db, tmp_path)
    con = duckdb.connect(str(rolbestand_pad(demo_db, TOEZICHT)), read_only=True)
    try:
        verwacht = {
            r[0]
            for r in con.execute(
                "select distinct aanbieder_agb from cm_periode where periode = $p "
                "and gedeclareerd_eur <> 0",
                {"p": PERIODE},
            ).fetchall()
        }
    finally:
        con.close()
    assert {r.aanbieder_agb for r in index} == verwacht
    assert len(verwacht) > 10
    geindexeerd = pl.read_csv(tmp_path / "index.csv", schema_overrides={"aanbieder_agb": pl.String})
    assert set(geindexeerd["aanbieder_agb"]) == verwacht
    assert "index.html" in {p.name for p in tmp_path.iterdir()}
    afgeschermd_gezien = False
    for regel in index:
        pdf = (tmp_path / regel.rapport).read_bytes()
        assert 1 <= pdf_paginas(pdf) <= 2, regel.rapport
        teksten = pdf_teksten(pdf)
        assert any("CM-gesprek" in t for t in teksten)
        for vorige, tekst in itertools.pairwise(teksten):
            # A client count follows its label (agenda) or the euros of its row (productie).
            if vorige in CLIENTLABELS or vorige.startswith("EUR") or vorige == "-":
                assert tekst not in KLEIN, (regel.rapport, vorige, tekst)
        assert not re.search(r"\b[1-4] cli[eë]nt", " ".join(teksten)), regel.rapport
        afgeschermd_gezien |= "<5" in teksten
        bladen = pl.read_excel(tmp_path / regel.werkmap, sheet_id=0, has_header=False)
        for naam, blad in bladen.items():
            for rij in blad.iter_rows():
                cellen = ["" if c is None else str(c) for c in rij]
                if cellen and cellen[0] in CLIENTLABELS:
                    assert cellen[1] not in KLEIN and cellen[1] not in {
                        "1.0",
                        "2.0",
                        "3.0",
                        "4.0",
                    }, (
                        regel.werkmap,
                        naam,
                        cellen,
                    )
            koppen = ["" if c is None else str(c) for c in blad.row(0)] if blad.height else []
            if "Cliënten" in koppen:
                kolom = blad.columns[koppen.index("Cliënten")]
                waarden = {str(w) for w in blad[kolom][1:].to_list() if w is not None}
                assert not waarden & (KLEIN | {"1.0", "2.0", "3.0", "4.0"}), (regel.werkmap, naam)
    assert afgeschermd_gezien, "the demo region has shielded cells; the pack must show <5"


def test_signaal_in_onderzoek_niet_in_pakket(demo_db: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(rolbestand_pad(demo_db, CONTRACTMANAGEMENT)), read_only=True)
    try:
        signaal_id, agb, toelichting_indicator = con.execute(
            "select s.signaal_id, s.aanbieder_agb, s.indicator from signalen as s "
            "where s.jaar = 2025 and s.gemarkeerd order by s.signaal_id limit 1"
        ).fetchall()[0]
        met = profielen(con, PERIODE, [], datetime(2026, 1, 5))
        zonder = profielen(con, PERIODE, [signaal_id], datetime(2026, 1, 5))
    finally:
        con.close()

    def signalen(pakket: list) -> list[str]:
        return [s.indicator for p in pakket if p.aanbieder_agb == agb for s in p.signalen]

    assert (
        signalen(met).count(toelichting_indicator)
        == signalen(zonder).count(toelichting_indicator) + 1
    )
    assert all(s.gemarkeerd for p in met for s in p.signalen)


def test_onderaannemers_met_akkoordstatus_en_periode(demo_db: Path) -> None:
    """The pack names each onderaannemer's akkoord from the table onderaannemers (#13)."""
    with duckdb.connect(str(rolbestand_pad(demo_db, CONTRACTMANAGEMENT)), read_only=True) as con:
        verwacht = con.execute(
            "select groep_id, aanbieder_agb, akkoord_status from groep_leden "
            "where groep_soort = 'hoofdaannemer' and rol_in_groep = 'onderaannemer' "
            "and jaar = 2025"
        ).fetchall()
        pakket = profielen(con, PERIODE, [], datetime(2026, 1, 5))
    assert verwacht, "de demo heeft onderaannemers"
    gezien = {(p.aanbieder_agb, o.aanbieder_agb): o for p in pakket for o in p.onderaannemers}
    gevonden = [(h, o, s) for h, o, s in verwacht if (h, o) in gezien]
    assert gevonden
    for hoofd, onder, status in gevonden:
        assert gezien[(hoofd, onder)].akkoord == status
        if status == "akkoord":
            assert gezien[(hoofd, onder)].periode
    assert {"akkoord", "geen akkoord"} & {s for _, _, s in gevonden}
