"""Loading iWmo/iJw messages in batches: one transaction per batch, identity per message.

The official example messages (tests/fixtures/iwmo/officieel) go in a zip and a folder tree;
the batch loader must give exactly what loading each message on its own gives, keep a load
register row per message, list every refused message with its reason, and add nothing on a
second run.
"""

from __future__ import annotations

import re
import sys
import types
import zipfile
from concurrent.futures import Future
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from pipelines.contract import TABELLEN
from pipelines.database import open_for_writing
from pipelines.ingest import laad_berichten as batch
from pipelines.ingest.ingest_run import laad_bronnen
from pipelines.ingest.sources import Bronbestand
from pipelines.privacy import Pseudonimiseerder
from tests.conftest import FIXTURES, TEST_SLEUTEL

OFFICIEEL = FIXTURES / "iwmo" / "officieel"
# The official WMO323 example declares four prestaties for two clients.
PRESTATIES_IN_WMO323 = 4
BERICHTTABELLEN = ("toewijzingen", "zorgperiodes", "declaraties", "verzoeken")


def _voorbeelden() -> list[Path]:
    return sorted(OFFICIEEL.rglob("*.xml"))


def _stil() -> Console:
    return Console(quiet=True)


def _staging(con: duckdb.DuckDBPyConnection, tabel: str) -> list[tuple[object, ...]]:
    kolommen = ", ".join(k for k in TABELLEN[tabel].kolomnamen)
    return sorted(
        con.execute(f"SELECT {kolommen}, domein FROM staging.{tabel}").fetchall(), key=repr
    )


def _zip_van(map_: Path, paden: list[Path], doel: Path) -> Path:
    with zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as archief:
        for pad in paden:
            archief.write(pad, pad.relative_to(map_).as_posix())
    return doel


@pytest.fixture
def archief(tmp_path: Path) -> Path:
    return _zip_van(OFFICIEEL, _voorbeelden(), tmp_path / "berichten.zip")


def test_batch_geeft_hetzelfde_als_bericht_voor_bericht(
    tmp_path: Path, archief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One by one: every message through the single-file loader.
    los = open_for_writing(tmp_path / "los.duckdb")
    for pad in _voorbeelden():
        laad_bronnen(los, [pad], _stil())
    # In one batch, and in two worker processes with tiny chunks (many chunks, one batch).
    samen = open_for_writing(tmp_path / "samen.duckdb")
    monkeypatch.setattr(batch, "BERICHTEN_PER_TAAK", 3)
    monkeypatch.setenv(batch.PROCESSEN_ENV, "2")
    # A spawned worker imports the parent's __main__; under pytest that may be a script an
    # earlier test ran (Streamlit's AppTest). A clean one keeps this test on the worker path.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    gezien: list[int] = []
    echte = batch._gelezen_reeksen

    def tel_reeksen(*args: object):  # type: ignore[no-untyped-def]
        for reeks, gelezen in echte(*args):  # type: ignore[arg-type]
            gezien.append(len(reeks))
            yield reeks, gelezen

    monkeypatch.setattr(batch, "_gelezen_reeksen", tel_reeksen)
    laad_bronnen(samen, [archief], _stil())
    assert len(gezien) == -(-len(_voorbeelden()) // 3), "niet in reeksen van 3 gelezen"

    for tabel in (*BERICHTTABELLEN, "declaratie_antwoorden"):
        assert _staging(samen, tabel) == _staging(los, tabel), tabel
        assert _staging(samen, tabel), f"de voorbeelden vullen {tabel}"
    telling = "SELECT tabel, count(*) FROM quarantaine.redenen GROUP BY ALL ORDER BY ALL"
    assert samen.execute(telling).fetchall() == los.execute(telling).fetchall()
    # JW315 has a non-existent date (2027-06-31): that row is quarantined with its reason.
    redenen = samen.execute(
        "SELECT reden FROM quarantaine.redenen WHERE waarde = '2027-06-31'"
    ).fetchall()
    assert redenen and all("datum" in str(reden) for (reden,) in redenen)


def test_kapotte_werkprocessen_kosten_de_lading_niet(
    tmp_path: Path, archief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers that die at start (here: the parent's __main__ is a script that exits) must not
    # lose a message: the loader reads the rest itself.
    kapot = tmp_path / "kapot_hoofdscript.py"
    kapot.write_text("raise SystemExit(3)\n", encoding="utf-8")
    hoofd = types.ModuleType("__main__")
    hoofd.__file__ = str(kapot)
    monkeypatch.setitem(sys.modules, "__main__", hoofd)
    monkeypatch.setattr(batch, "BERICHTEN_PER_TAAK", 4)
    monkeypatch.setenv(batch.PROCESSEN_ENV, "2")
    met_processen = open_for_writing(tmp_path / "processen.duckdb")
    laad_bronnen(met_processen, [archief], _stil())

    monkeypatch.setenv(batch.PROCESSEN_ENV, "0")
    zonder = open_for_writing(tmp_path / "zonder.duckdb")
    laad_bronnen(zonder, [archief], _stil())

    for tabel in (*BERICHTTABELLEN, "declaratie_antwoorden"):
        assert _staging(met_processen, tabel) == _staging(zonder, tabel), tabel
    register = "SELECT bestandsnaam, rijen_geladen FROM beheer.laadregister ORDER BY ALL"
    assert met_processen.execute(register).fetchall() == zonder.execute(register).fetchall()


def test_laadregister_per_bericht_met_identiteit(
    con: duckdb.DuckDBPyConnection, archief: Path
) -> None:
    resultaten = laad_bronnen(con, [archief], _stil())

    geladen = [r for r in resultaten if r.status == "geladen"]
    register = con.execute(
        "SELECT bestandsnaam, archief, berichttype, release, domein, berichtidentificatie, "
        "inhoud_hash FROM beheer.laadregister ORDER BY bestandsnaam"
    ).fetchall()
    assert len(register) == len(geladen)
    per_naam = {r[0]: r for r in register}
    wmo323 = per_naam["berichten.zip/iwmo-3/WMO323.xml"]
    assert wmo323[1:6] == (str(archief), "WMO323", "3.2", "wmo", "765432198")
    jw301 = per_naam["berichten.zip/ijw-3/JW301.xml"]
    assert (jw301[2], jw301[4]) == ("JW301", "jeugd")
    assert len({r[6] for r in register}) == len(register)
    # Written together, each message carries the batch's time and says so.
    [(toelichting, duur)] = con.execute(
        "SELECT toelichting, duur_seconden FROM beheer.laadregister "
        "WHERE bestandsnaam = 'berichten.zip/iwmo-3/WMO323.xml'"
    ).fetchall()
    assert "hele batch" in str(toelichting) and duur > 0
    # Every staging row points at its own message.
    assert con.execute(
        "SELECT count(*) FROM staging.declaraties AS d "
        "JOIN beheer.laadregister AS r USING (bestand_id) "
        "WHERE r.berichttype NOT IN ('WMO323', 'JW323')"
    ).fetchone() == (0,)


def test_geweigerde_berichten_staan_met_reden_in_niet_geladen(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    map_ = tmp_path / "levering"
    (map_ / "323").mkdir(parents=True)
    (map_ / "323" / "goed.xml").write_bytes((OFFICIEEL / "iwmo-3" / "WMO323.xml").read_bytes())
    (map_ / "323" / "afgekapt.xml").write_bytes(
        (OFFICIEEL / "iwmo-3" / "WMO323.xml").read_bytes()[:900]
    )
    (map_ / "323" / "retour.xml").write_bytes((OFFICIEEL / "ijw-3" / "JW318.xml").read_bytes())
    (map_ / "notitie.txt").write_text("geen data", encoding="utf-8")

    resultaten = laad_bronnen(con, [map_], _stil())

    statussen = sorted((r.naam, r.status) for r in resultaten)
    assert statussen == [
        ("levering/323/afgekapt.xml", "geweigerd"),
        ("levering/323/goed.xml", "geladen"),
        ("levering/323/retour.xml", "geweigerd"),
    ]
    niet_geladen = dict(
        con.execute("SELECT bestandsnaam, reden FROM beheer.niet_geladen").fetchall()
    )
    assert set(niet_geladen) == {
        "levering/323/afgekapt.xml",
        "levering/323/retour.xml",
        "levering/notitie.txt",
    }
    assert "beschadigd" in niet_geladen["levering/323/afgekapt.xml"]
    assert "retourbericht" in niet_geladen["levering/323/retour.xml"]
    assert con.execute("SELECT count(*) FROM staging.declaraties").fetchone() == (
        PRESTATIES_IN_WMO323,
    )


def test_tweede_keer_laden_voegt_niets_toe(con: duckdb.DuckDBPyConnection, archief: Path) -> None:
    laad_bronnen(con, [archief], _stil())
    tellingen = [
        con.execute(f"SELECT count(*) FROM staging.{t}").fetchone()
        for t in (*BERICHTTABELLEN, "declaratie_antwoorden")
    ]
    register = con.execute("SELECT count(*) FROM beheer.laadregister").fetchone()

    tweede = laad_bronnen(con, [archief], _stil())

    assert {r.status for r in tweede} <= {"al_geladen", "geweigerd"}
    assert [
        con.execute(f"SELECT count(*) FROM staging.{t}").fetchone()
        for t in (*BERICHTTABELLEN, "declaratie_antwoorden")
    ] == tellingen
    assert con.execute("SELECT count(*) FROM beheer.laadregister").fetchone() == register


def test_dubbel_bericht_in_een_lading_telt_een_keer(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    inhoud = (OFFICIEEL / "iwmo-3" / "WMO323.xml").read_bytes()
    for naam in ("a.xml", "b.xml"):
        (tmp_path / naam).write_bytes(inhoud)

    resultaten = laad_bronnen(con, [tmp_path / "a.xml", tmp_path / "b.xml"], _stil())

    assert sorted(r.status for r in resultaten) == ["al_geladen", "geladen"]
    assert con.execute("SELECT count(*) FROM staging.declaraties").fetchone() == (
        PRESTATIES_IN_WMO323,
    )


def test_herhaalde_toewijzing_in_latere_301_komt_een_keer_in_staging(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # A 301 is a snapshot: the next message repeats the unchanged toewijzingen. Loaded in one
    # batch they must land once, as when the messages are loaded one after another.
    eerste = (OFFICIEEL / "iwmo-3" / "WMO301.xml").read_text(encoding="utf-8")
    tweede = eerste.replace("<iwmo:Identificatie>", "<iwmo:Identificatie>9", 1)
    assert tweede != eerste
    (tmp_path / "1.xml").write_text(eerste, encoding="utf-8")
    (tmp_path / "2.xml").write_text(tweede, encoding="utf-8")

    laad_bronnen(con, [tmp_path / "1.xml", tmp_path / "2.xml"], _stil())

    per_bestand = con.execute(
        "SELECT r.bestandsnaam, count(t.bestand_id) FROM beheer.laadregister AS r "
        "LEFT JOIN staging.toewijzingen AS t USING (bestand_id) GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    aantal = len(_staging(con, "toewijzingen"))
    assert aantal > 0
    assert per_bestand == [("1.xml", aantal), ("2.xml", 0)]
    assert con.execute(
        "SELECT rijen_al_aanwezig FROM beheer.laadregister WHERE bestandsnaam = '2.xml'"
    ).fetchone() == (aantal,)


def test_geen_ruw_bsn_uit_berichten(con: duckdb.DuckDBPyConnection, archief: Path) -> None:
    laad_bronnen(con, [archief], _stil())
    # The example messages use these test BSNs; none may be stored anywhere.
    bsns = {"999900006", "999900018", "123456782"}
    for schema, tabel, kolom in con.execute(
        "SELECT table_schema, table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema IN "
        "('raw', 'staging', 'quarantaine', 'beheer')"
    ).fetchall():
        gevonden = con.execute(
            f'SELECT count(*) FROM "{schema}"."{tabel}" WHERE '
            + " OR ".join(f'contains("{kolom}", ?)' for _ in bsns),
            list(bsns),
        ).fetchone()
        assert gevonden == (0,), (schema, tabel, kolom)


def test_toewijzingnummer_dat_een_bsn_kan_zijn_wordt_gepseudonimiseerd(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # iWmo's ToewijzingNummer has up to 9 digits; one that passes the elfproef cannot be told
    # apart from a BSN and is never stored as it is (the same rule as for a CSV column).
    bsn_achtig = "123456782"
    inhoud = (OFFICIEEL / "iwmo-3" / "WMO301.xml").read_text(encoding="utf-8")
    nummer = re.search(r"<wmo301:ToewijzingNummer>(\d+)<", inhoud)
    assert nummer is not None
    (tmp_path / "301.xml").write_text(
        inhoud.replace(f">{nummer.group(1)}<", f">{bsn_achtig}<"), encoding="utf-8"
    )

    laad_bronnen(con, [tmp_path / "301.xml"], _stil())

    nummers = {
        n for (n,) in con.execute("SELECT toewijzingnummer FROM staging.toewijzingen").fetchall()
    }
    assert bsn_achtig not in nummers
    assert Pseudonimiseerder(TEST_SLEUTEL.encode()).pseudoniem(bsn_achtig) in nummers


def test_vooruit_lezen_terwijl_tabelbestanden_laden(
    tmp_path: Path, archief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started early read the first chunks while a tabular file next to the archive
    loads; the load is the same as without workers."""
    tabel = FIXTURES / "declaraties_klein.csv"
    monkeypatch.setattr(batch, "MIN_ARCHIEF_BYTES_VOOR_VROEGE_START", 0)
    monkeypatch.setattr(batch, "BERICHTEN_PER_TAAK", 3)
    monkeypatch.setenv(batch.PROCESSEN_ENV, "2")
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    vooruit: list[int] = []
    echte = batch.Lezers.neem_vooruit

    def tel_vooruit(self: batch.Lezers, bronnen: list[Bronbestand]) -> list[Future[object]]:
        toekomsten = echte(self, bronnen)
        vooruit.append(len(toekomsten))
        return toekomsten  # type: ignore[return-value]

    monkeypatch.setattr(batch.Lezers, "neem_vooruit", tel_vooruit)
    met = open_for_writing(tmp_path / "met.duckdb")
    laad_bronnen(met, [archief, tabel], _stil())
    assert vooruit and vooruit[0] > 0, "de eerste reeksen werden niet vooruit gelezen"

    monkeypatch.setenv(batch.PROCESSEN_ENV, "0")
    zonder = open_for_writing(tmp_path / "zonder.duckdb")
    laad_bronnen(zonder, [archief, tabel], _stil())
    for naam in (*BERICHTTABELLEN, "declaratie_antwoorden"):
        assert _staging(met, naam) == _staging(zonder, naam), naam
    register = "SELECT bestandsnaam, rijen_geladen FROM beheer.laadregister ORDER BY ALL"
    assert met.execute(register).fetchall() == zonder.execute(register).fetchall()
