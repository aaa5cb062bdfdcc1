"""The national-size generator (pipelines/demo/schaal.py) on a small region copied a few times:
rows scale with the copies, keys stay unique, BSNs valid and distinct, providers grow less
than clients, and the set loads without quarantine."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipelines.demo.generate_region import genereer_regio
from pipelines.demo.schaal import (
    SchaalSamenvatting,
    aanbiedersets,
    genereer_schaal,
    kopieen_voor,
    maak_macros,
)
from pipelines.privacy import elfproef
from pipelines.settings import reference_dir

KOPIEEN = 3
PER_BESTAND = 2


def _lees(paden: list[Path]) -> list[dict[str, str]]:
    rijen: list[dict[str, str]] = []
    for pad in paden:
        with pad.open(newline="", encoding="utf-8") as f:
            rijen.extend(csv.DictReader(f))
    return rijen


def _van(map_: Path, tabel: str) -> list[dict[str, str]]:
    return _lees(sorted(map_.glob(f"{tabel}*.csv")))


@pytest.fixture(scope="module")
def basis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = tmp_path_factory.mktemp("basis")
    genereer_regio(map_, 7, aantal_aanbieders=30, aantal_clienten=600)
    return map_


@pytest.fixture(scope="module")
def geschaald(basis: Path, tmp_path_factory: pytest.TempPathFactory) -> SchaalSamenvatting:
    return genereer_schaal(
        tmp_path_factory.mktemp("schaal"),
        KOPIEEN,
        basis=basis,
        parquet=True,
        kopieen_per_bestand=PER_BESTAND,
    )


def test_rijen_schalen_met_het_aantal_kopieen(basis: Path, geschaald: SchaalSamenvatting) -> None:
    for tabel in ("toewijzingen", "zorgperiodes"):
        assert len(_van(geschaald.bron, tabel)) == KOPIEEN * len(_van(basis / "bron", tabel))
    declaraties = len(_van(basis / "bron", "declaraties"))
    hoofd = _van(geschaald.bron, "declaraties")
    extra = _van(geschaald.extra, "declaraties")
    assert len(hoofd) + len(extra) == KOPIEEN * declaraties
    assert geschaald.declaratieregels == len(hoofd)
    assert geschaald.extra_maand_rijen == len(extra) > 0


def test_elk_bestand_houdt_hooguit_een_blok_kopieen(
    basis: Path, geschaald: SchaalSamenvatting
) -> None:
    """Memory follows the block, not the size: a file (one COPY) holds at most
    kopieen_per_bestand copies, so more copies mean more files, not bigger ones."""
    per_kopie = len(_van(basis / "bron", "declaraties"))
    bestanden = sorted(geschaald.bron.glob("declaraties_*.csv"))
    assert len(bestanden) == -(-KOPIEEN // PER_BESTAND)
    for pad in bestanden:
        assert len(_lees([pad])) <= PER_BESTAND * per_kopie


def test_de_extra_maand_is_de_laatste_maand_en_staat_alleen_apart(
    geschaald: SchaalSamenvatting,
) -> None:
    maanden_hoofd = {r["begindatum"][:7] for r in _van(geschaald.bron, "declaraties")}
    maanden_extra = {r["begindatum"][:7] for r in _van(geschaald.extra, "declaraties")}
    assert maanden_extra == {geschaald.extra_maand}
    assert geschaald.extra_maand not in maanden_hoofd
    assert max(maanden_hoofd) < geschaald.extra_maand


def test_sleutels_zijn_uniek_over_alle_kopieen(basis: Path, geschaald: SchaalSamenvatting) -> None:
    declaraties = _van(geschaald.bron, "declaraties") + _van(geschaald.extra, "declaraties")
    # A referentienummer is unique per provider (as in the demo region and iWmo).
    referenties = Counter((r["aanbieder_agb"], r["referentienummer"]) for r in declaraties)
    assert max(referenties.values()) == 1
    toewijzingen = _van(geschaald.bron, "toewijzingen")
    # A toewijzingnummer is unique per gemeente (each gemeente numbers its own).
    nummers = Counter((r["gemeentecode"], r["toewijzingnummer"]) for r in toewijzingen)
    assert max(nummers.values()) == 1
    assert all(len(n) == 8 and n.isdigit() for _, n in nummers)
    # Every reference within a copy still points at its own copy's rows.
    vorige = {
        (r["aanbieder_agb"], r["vorig_referentienummer"])
        for r in declaraties
        if r["vorig_referentienummer"]
    }
    assert vorige and vorige <= set(referenties)
    basis_decl = _van(basis / "bron", "declaraties")
    basis_tw = {
        (r["gemeentecode"], r["toewijzingnummer"]) for r in _van(basis / "bron", "toewijzingen")
    }
    met_toewijzing = sum(
        1 for r in basis_decl if (r["gemeentecode"], r["toewijzingnummer"]) in basis_tw
    )
    assert sum(1 for r in declaraties if (r["gemeentecode"], r["toewijzingnummer"]) in nummers) == (
        KOPIEEN * met_toewijzing
    )


def test_bsns_zijn_geldig_en_verschillen_per_kopie(
    basis: Path, geschaald: SchaalSamenvatting
) -> None:
    tabellen = ("toewijzingen", "zorgperiodes", "declaraties")
    bsns = {
        r["bsn"] for t in tabellen for m in (geschaald.bron, geschaald.extra) for r in _van(m, t)
    }
    basis_bsns = {r["bsn"] for t in tabellen for r in _van(basis / "bron", t)}
    assert len(bsns) == KOPIEEN * len(basis_bsns)
    assert all(elfproef(b) for b in bsns)
    # A client keeps one BSN across the tables of its copy: as many pairs of toewijzing and
    # client as in the base region, copy for copy.
    paren = {(r["toewijzingnummer"], r["bsn"]) for r in _van(geschaald.bron, "zorgperiodes")}
    basis_paren = {(r["toewijzingnummer"], r["bsn"]) for r in _van(basis / "bron", "zorgperiodes")}
    tw = {(r["toewijzingnummer"], r["bsn"]) for r in _van(geschaald.bron, "toewijzingen")}
    basis_tw = {(r["toewijzingnummer"], r["bsn"]) for r in _van(basis / "bron", "toewijzingen")}
    assert len(paren & tw) == KOPIEEN * len(basis_paren & basis_tw) > 0


def test_bsn_uit_volgnummer_is_elfproef_en_injectief() -> None:
    con = duckdb.connect()
    maak_macros(con)
    # Over a hundred prefixes: each gives nine distinct valid numbers.
    bsns = [
        r[0] for r in con.execute("SELECT bsn_uit_volgnummer(n) FROM range(900) AS t(n)").fetchall()
    ]
    assert all(elfproef(b) for b in bsns)
    assert len(set(bsns)) == len(bsns)
    # The largest sequence number still gives nine digits.
    (hoogste,) = con.execute("SELECT bsn_uit_volgnummer(9000000 - 1)").fetchone() or ("",)
    assert len(hoogste) == 9 and elfproef(hoogste)


def test_aanbieders_groeien_minder_dan_clienten(basis: Path, geschaald: SchaalSamenvatting) -> None:
    assert aanbiedersets(1) == 1
    assert aanbiedersets(5) == 5
    # 40 million lines (~200 copies of the demo region): tens of sets, a few thousand providers.
    assert 40 <= aanbiedersets(200) <= 60
    aanbieders = _van(geschaald.bron, "aanbieders")
    agb = Counter(r["aanbieder_agb"] for r in aanbieders)
    assert max(agb.values()) == 1
    assert all(len(a) == 8 and a.isdigit() for a in agb)
    assert len(agb) == geschaald.aanbiedersets * len(_van(basis / "bron", "aanbieders"))
    for tabel in ("declaraties", "toewijzingen", "meldingen", "verantwoording"):
        assert {r["aanbieder_agb"] for r in _van(geschaald.bron, tabel)} <= set(agb)


def test_gemeenten_zijn_echte_cbs_codes(basis: Path, geschaald: SchaalSamenvatting) -> None:
    landelijk = {r["gemeentecode"] for r in _lees([reference_dir() / "gemeenten.csv"])}
    gebruikt = {r["gemeentecode"] for r in _van(geschaald.bron, "declaraties")}
    assert gebruikt <= landelijk
    # Each copy has gemeenten of its own: copies do not share them (fewer than 342 in all).
    regio = {r["gemeentecode"] for r in _van(basis / "bron", "declaraties")}
    assert len(gebruikt) == KOPIEEN * len(regio)


def test_parquet_heeft_dezelfde_rijen(geschaald: SchaalSamenvatting) -> None:
    assert geschaald.bron_parquet is not None and geschaald.extra_parquet is not None
    con = duckdb.connect()
    for csv_pad in sorted(geschaald.bron.glob("*.csv")) + sorted(geschaald.extra.glob("*.csv")):
        twin = csv_pad.parent.with_name(csv_pad.parent.name + "_parquet") / (
            csv_pad.stem + ".parquet"
        )
        uit_csv = con.execute(
            "SELECT count(*) FROM read_csv($p, all_varchar = true)", {"p": str(csv_pad)}
        ).fetchone()
        uit_parquet = con.execute(
            "SELECT count(*) FROM read_parquet($p)", {"p": str(twin)}
        ).fetchone()
        assert uit_csv == uit_parquet


def test_kopieen_voor_een_aantal_regels() -> None:
    assert kopieen_voor(1_000_000, 200_000) == 5
    assert kopieen_voor(10, 200_000) == 1
    with pytest.raises(ValueError, match="kopieën"):
        genereer_schaal(Path("/nergens"), 0)


def test_de_geschaalde_set_laadt_zonder_quarantaine(geschaald: SchaalSamenvatting, laad) -> None:  # type: ignore[no-untyped-def]
    for pad in sorted(geschaald.bron.glob("*.csv")) + sorted(geschaald.extra.glob("*.csv")):
        resultaat = laad(pad)
        assert resultaat.rijen_quarantaine == 0, pad.name
        assert resultaat.rijen_geladen > 0 or pad.name.startswith("onderaannemers")


def test_demo_schaal_via_de_cli_schrijft_alleen_bestanden(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import app

    db = tmp_path / "x.duckdb"
    uitkomst = CliRunner().invoke(
        app,
        [
            "demo",
            "--schaal",
            "2",
            "--map",
            str(tmp_path / "d"),
            "--alleen-bestanden",
            "--db",
            str(db),
        ],
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    # Rich wraps at the terminal's width, and a long temporary path moves the break.
    assert "2 kopieën van de demoregio" in " ".join(uitkomst.output.split())
    assert sorted(p.name for p in (tmp_path / "d" / "extra_maand").iterdir()) == [
        "declaraties_2025-12_blok_0000_0001.csv"
    ]
    assert not db.exists()
    fout = CliRunner().invoke(app, ["demo", "--parquet", "--db", str(db)])
    assert fout.exit_code == 1
    assert "horen bij --schaal" in fout.output


def test_een_tweede_schrijfronde_laat_geen_oude_tabelbestanden_staan(
    basis: Path, tmp_path: Path
) -> None:
    """A plain demo's declaraties.csv (or blocks of a larger run) in bron/ would load along with
    the new blocks; other files stay."""
    bron = tmp_path / "bron"
    bron.mkdir()
    (bron / "declaraties.csv").write_text("oud")
    (bron / "declaraties_blok_0005_0009.csv").write_text("oud")
    (bron / "lees_mij.txt").write_text("van de gebruiker")
    genereer_schaal(tmp_path, 1, basis=basis)
    namen = {p.name for p in bron.iterdir()}
    assert "declaraties.csv" not in namen and "declaraties_blok_0005_0009.csv" not in namen
    assert "lees_mij.txt" in namen
    assert "declaraties_blok_0000_0000.csv" in namen
