"""No raw BSN anywhere in the database: a SQL scan of every text, JSON and number column.

The region below hides its clients' BSNs everywhere a careless or hostile export could: the
bsn column, a client_id column, extra columns (plain, dotted, spaced), free-text contract
columns, a header, a file name, an unsplittable line, a quarantined row and a numeric field.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import duckdb
import pytest

import pipelines.ingest.load_file as load_file
from pipelines.ingest.ingest_run import laad_bronnen
from pipelines.privacy import Pseudonimiseerder
from tests.conftest import TEST_SLEUTEL
from tests.security.conftest import bsn_vondsten, maak_bsns

AANTAL_REGELS = 20_000


def _opgemaakt(bsn: str, stijl: int) -> str:
    return [bsn, f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}", f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}"][stijl % 3]


def _schrijf_regio(map_: Path, bsns: list[str]) -> None:
    toeval = random.Random(11)
    kop_bsn = bsns[-1]
    declaraties = map_ / f"declaraties_{bsns[-2]}_export.csv"
    with declaraties.open("w", encoding="utf-8", newline="") as handle:
        schrijver = csv.writer(handle, delimiter=";", lineterminator="\n")
        schrijver.writerow(
            [
                "declaratienummer",
                "referentienummer",
                "aanbieder_agb",
                "gemeentecode",
                "bsn",
                "toewijzingnummer",
                "productcategorie",
                "productcode",
                "begindatum",
                "einddatum",
                "geleverd_volume",
                "eenheid",
                "producttarief",
                "ingediend_bedrag",
                "debet_credit",
                "opmerking",
                f"partner {kop_bsn}",
            ]
        )
        for i in range(AANTAL_REGELS):
            bsn = bsns[i % (len(bsns) - 2)]
            slecht = i % 997 == 0  # a few rows with a bad date: they go to quarantine
            bedrag = bsn if i % 1999 == 0 else "65,50"  # a BSN in a numeric field
            schrijver.writerow(
                [
                    f"DN{i // 100:05d}",
                    f"R{i:07d}",
                    "41000001",
                    "0405",
                    _opgemaakt(bsn, i),
                    f"T{i % 500}",
                    "02",
                    "02A02",
                    "31-13-2024" if slecht else "01-03-2024",
                    "31-03-2024",
                    "1",
                    "04",
                    "65,50",
                    bedrag,
                    "D",
                    f"cliënt {_opgemaakt(bsn, i + toeval.randrange(3))} gebeld" if i % 7 else "",
                    bsns[(i * 7) % (len(bsns) - 2)] if i % 11 == 0 else "",
                ]
            )
        # An unsplittable line with a BSN in it (too many fields).
        handle.write(f"DNX;RX;41000001;0405;{bsns[0]};x;x;x;x;x;x;x;x;x;x;x;x;x;x;x\n")
    (map_ / "toewijzingen.csv").write_text(
        "toewijzingnummer,client_id,gemeentecode,aanbieder_agb,productcategorie,productcode,"
        "ingangsdatum,einddatum,volume,eenheid,frequentie,reden_wijziging\n"
        + "".join(
            f"T{i},{_opgemaakt(bsns[i], i)},0405,41000001,02,02A02,2024-01-01,2024-12-31,3,04,2,"
            f"herindicatie na gesprek met {bsns[i + 1]}\n"
            for i in range(50)
        ),
        encoding="utf-8",
    )
    (map_ / "meldingen.csv").write_text(
        "aanbieder_agb,datum,soort,waarde,omschrijving\n"
        f"41000001,2024-04-01,klacht,1,klacht over zorg aan BSN {bsns[3]} (partner {bsns[4]})\n"
        f"41000001,2024-04-02,calamiteit,{bsns[5]},melding\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def regio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    map_ = tmp_path_factory.mktemp("bsn_regio")
    bsns = maak_bsns(2_000)
    _schrijf_regio(map_, bsns)
    return map_, bsns


def _laad(db: Path, map_: Path) -> duckdb.DuckDBPyConnection:
    from rich.console import Console

    from pipelines.database import open_for_writing

    con = open_for_writing(db)
    laad_bronnen(con, [map_], Console(quiet=True))
    return con


def test_geen_ruw_bsn_in_enige_kolom(
    regio: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_, bsns = regio
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    con = _laad(tmp_path / "scan.duckdb", map_)
    try:
        geladen = con.execute("SELECT count(*) FROM staging.declaraties").fetchone()
        quarantaine = con.execute("SELECT count(DISTINCT regelnummer) FROM quarantaine.redenen")
        assert geladen is not None and geladen[0] > AANTAL_REGELS * 0.9
        assert quarantaine.fetchone()[0] > 10
        assert bsn_vondsten(con, bsns) == []
        # What the scrubber put in place of a BSN is its pseudonym, so links still hold.
        pseudo = Pseudonimiseerder(TEST_SLEUTEL.encode())
        assert con.execute(
            "SELECT count(*) FROM staging.toewijzingen WHERE client_id = ?",
            [pseudo.pseudoniem(bsns[0])],
        ).fetchone() == (1,)
        assert con.execute(
            "SELECT count(*) FROM staging.meldingen WHERE contains(omschrijving, ?)",
            [pseudo.pseudoniem(bsns[3])],
        ).fetchone() == (1,)
    finally:
        con.close()


def test_de_scan_vindt_ze_wel_zonder_scrubber(
    regio: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan can fail: with the scrubber switched off it finds the hidden BSNs."""
    map_, bsns = regio
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    monkeypatch.setattr(load_file, "scrub_kolommen", lambda *args, **kwargs: set())
    monkeypatch.setattr(Pseudonimiseerder, "scrub", lambda self, tekst: tekst)
    con = _laad(tmp_path / "zonder.duckdb", map_)
    try:
        vondsten = bsn_vondsten(con, bsns)
    finally:
        con.close()
    plekken = {v.split(":")[0] for v in vondsten}
    assert {
        "raw.declaraties.overige_kolommen",
        "raw.toewijzingen.client_id",
        "staging.meldingen.omschrijving",
        "beheer.laadregister.bestandsnaam",
        "quarantaine.redenen.waarde",
    } <= plekken
