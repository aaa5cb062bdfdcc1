"""Resource limits and a batch that survives a bad file: nothing hangs, nothing explodes.

Large hostile files are generated at test time. No timing assertions: a hang shows up as a
thread that does not finish within a generous bound, memory as a bounded RSS growth.
"""

from __future__ import annotations

import os
import resource
import threading
import zipfile
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from typer.testing import CliRunner

import pipelines.ingest.load_file as load_file
from pipelines.cli import app
from pipelines.ingest.ingest_run import laad_bronnen
from pipelines.ingest.sources import bronbestanden_in
from tests.conftest import FIXTURES
from tests.security.conftest import tel_alles, verschil

KOP = (FIXTURES / "declaraties_klein.csv").read_text(encoding="utf-8").splitlines()[0]
REGEL = (FIXTURES / "declaraties_klein.csv").read_text(encoding="utf-8").splitlines()[1]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_te_veel_kolommen_wordt_geweigerd(con: duckdb.DuckDBPyConnection, laad, tmp_path: Path):
    pad = tmp_path / "declaraties_breed.csv"
    extra = ",".join(f"x{i}" for i in range(500))
    pad.write_text(f"{KOP},{extra}\n{REGEL}," + ",".join("a" * 500) + "\n", encoding="utf-8")
    voor = tel_alles(con)

    resultaat = laad_of_weigering(laad, pad)

    assert "kolommen" in resultaat and "200" in resultaat
    assert verschil(voor, tel_alles(con)) == {}


def test_veel_extra_kolommen_onder_de_grens_laden(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path
) -> None:
    pad = tmp_path / "declaraties_breed.csv"
    extra = ",".join(f"x{i}" for i in range(180))
    regels = [f"{KOP},{extra}"] + [
        REGEL.replace("R0001", f"R{n:05d}") + "," + ",".join(str(i) for i in range(180))
        for n in range(200)
    ]
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")

    resultaat = laad(pad)

    assert resultaat.status == "geladen" and resultaat.rijen_geladen == 200
    sleutels = con.execute(
        "SELECT json_keys(overige_kolommen::JSON) FROM raw.declaraties LIMIT 1"
    ).fetchone()
    assert sleutels is not None and len(sleutels[0]) == 180


def laad_of_weigering(laad, pad: Path) -> str:
    from pipelines.ingest.errors import OnleesbaarBestand

    with pytest.raises(OnleesbaarBestand) as fout:
        laad(pad)
    return str(fout.value)


def test_eindeloze_kopregel_wordt_geweigerd(con: duckdb.DuckDBPyConnection, laad, tmp_path):
    pad = tmp_path / "declaraties_lang.csv"
    pad.write_text("a;" * 2_000_000 + "\n", encoding="utf-8")
    assert "kopregel is langer" in laad_of_weigering(laad, pad)


def test_te_lange_regel_gaat_ingekort_naar_quarantaine(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path
) -> None:
    pad = tmp_path / "declaraties_lange_regel.csv"
    lang = REGEL + ",x" + "y" * 1_500_000
    pad.write_text(f"{KOP},opmerking\n{REGEL},kort\n{lang}\n", encoding="utf-8")

    resultaat = laad(pad)

    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 1)
    waarde, reden = con.execute("SELECT waarde, reden FROM quarantaine.redenen").fetchone()
    assert "te lang" in reden
    assert waarde is None or len(waarde) < 1_100


def _zip_bom(pad: Path, megabytes: int) -> None:
    nul = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        with archief.open("xl/worksheets/sheet1.xml", "w") as lid:
            for _ in range(megabytes):
                lid.write(nul)


def test_xlsx_zip_bom_wordt_geweigerd_zonder_geheugen_op_te_maken(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path
) -> None:
    pad = tmp_path / "declaraties_bom.xlsx"
    _zip_bom(pad, 300)
    assert pad.stat().st_size < 2 * 1024 * 1024
    voor, rss_voor = tel_alles(con), _rss_mb()

    melding = laad_of_weigering(laad, pad)

    assert "zip-bom" in melding
    assert _rss_mb() - rss_voor < 200
    assert verschil(voor, tel_alles(con)) == {}


def test_grens_voor_uitpakken_is_instelbaar(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter

    pad = tmp_path / "declaraties_gewoon.xlsx"
    boek = xlsxwriter.Workbook(str(pad))
    blad = boek.add_worksheet()
    for r, regel in enumerate([KOP, REGEL]):
        for c, waarde in enumerate(regel.split(",")):
            blad.write_string(r, c, waarde)
    boek.close()
    monkeypatch.setenv("SIGNAALMONITOR_MAX_UITGEPAKT_BYTES", "1000")
    assert "zip-bom" in laad_of_weigering(laad, pad)
    monkeypatch.delenv("SIGNAALMONITOR_MAX_UITGEPAKT_BYTES")
    assert laad(pad).rijen_geladen == 1


def _binnen(seconden: float, functie, *args):  # type: ignore[no-untyped-def]
    uitkomst: list[object] = []
    draad = threading.Thread(target=lambda: uitkomst.append(functie(*args)), daemon=True)
    draad.start()
    draad.join(seconden)
    assert not draad.is_alive(), "hangt"
    return uitkomst[0]


def test_pipe_en_map_met_datanaam_worden_overgeslagen(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "declaraties_pipe.csv")
    (tmp_path / "declaraties_map.csv").mkdir()
    (tmp_path / "declaraties_map.csv" / "declaraties_binnen.csv").write_text(
        f"{KOP}\n{REGEL}\n", encoding="utf-8"
    )
    (tmp_path / "declaraties_goed.csv").write_text(f"{KOP}\n{REGEL}\n", encoding="utf-8")
    (tmp_path / "declaraties_koppeling.csv").symlink_to("/etc/passwd")

    bronnen, overgeslagen = _binnen(
        10, bronbestanden_in, [tmp_path, tmp_path / "declaraties_pipe.csv"]
    )
    te_laden = [b.pad for b in bronnen]

    # A folder is walked recursively (#9): a subfolder, even one named like a data file, is
    # searched instead of skipped.
    assert te_laden == [
        tmp_path / "declaraties_goed.csv",
        tmp_path / "declaraties_map.csv" / "declaraties_binnen.csv",
    ]
    redenen = {o.pad.name: o.reden for o in overgeslagen}
    assert "pipe" in redenen["declaraties_pipe.csv"]
    assert "declaraties_map.csv" not in redenen
    assert "koppeling" in redenen["declaraties_koppeling.csv"]


def test_een_kapot_bestand_stopt_de_rest_niet(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "declaraties_1_binair.csv").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "declaraties_2_goed.csv").write_text(f"{KOP}\n{REGEL}\n", encoding="utf-8")
    (tmp_path / "declaraties_3_onverwacht.csv").write_text(f"{KOP}\n", encoding="utf-8")
    os.mkfifo(tmp_path / "declaraties_4_pipe.csv")
    echte_lees = load_file._lees

    def lees(con: duckdb.DuckDBPyConnection, pad: Path, *rest: object):  # type: ignore[no-untyped-def]
        if "onverwacht" in pad.name:
            raise RuntimeError("kapotte lezer")
        return echte_lees(con, pad, *rest)

    monkeypatch.setattr(load_file, "_lees", lees)
    console = Console(record=True, width=200)

    resultaten = _binnen(60, laad_bronnen, con, [tmp_path], console)

    statussen = {r.pad.name: r.status for r in resultaten}
    assert statussen == {
        "declaraties_1_binair.csv": "geweigerd",
        "declaraties_2_goed.csv": "geladen",
        "declaraties_3_onverwacht.csv": "geweigerd",
    }
    uitvoer = console.export_text()
    assert "Traceback" not in uitvoer and "onverwachte fout" in uitvoer and "pipe" in uitvoer
    assert con.execute("SELECT count(*) FROM staging.declaraties").fetchone() == (1,)


def test_cli_ingest_met_kapot_bestand_geeft_melding_en_code_1(tmp_path: Path) -> None:
    (tmp_path / "declaraties_binair.csv").write_bytes(b"\x00" * 10)
    (tmp_path / "declaraties_goed.csv").write_text(f"{KOP}\n{REGEL}\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"

    uitkomst = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(db)])

    assert uitkomst.exit_code == 1
    assert "binair" in uitkomst.output and "1 bestand(en) geweigerd" in uitkomst.output
    assert "Traceback" not in uitkomst.output
    assert duckdb.connect(str(db), read_only=True).execute(
        "SELECT count(*) FROM staging.declaraties"
    ).fetchone() == (1,)


def test_parquet_dat_te_groot_uitpakt_wordt_geweigerd(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pad = tmp_path / "declaraties_veel.parquet"
    # 200.000 identical long texts compress to a few kilobytes.
    pq.write_table(pa.table({"declaratienummer": ["x" * 200] * 200_000}), str(pad))
    assert pad.stat().st_size < 100_000
    monkeypatch.setenv("SIGNAALMONITOR_MAX_CELLEN", "100000")
    voor = tel_alles(con)

    assert "cellen" in laad_of_weigering(laad, pad)
    assert verschil(voor, tel_alles(con)) == {}
