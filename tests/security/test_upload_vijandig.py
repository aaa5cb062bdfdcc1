"""Issue #12 point 6: a file name from the browser is hostile until proven otherwise.

The upload page (role beheer) saves files under `veilige_naam` in the inbox next to the
database; a refused type or a too large file writes nothing.
"""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.queries import upload
from pipelines.settings import inbox_pad

VEILIG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(csv|xlsx|parquet|xml|zip)")


def _veilig(naam: str) -> None:
    assert VEILIG.fullmatch(naam), naam
    assert ".." not in naam and len(naam) <= upload.MAX_NAAM_TEKENS + len(".parquet")


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [
        ("../../etc/declaraties.csv", "declaraties.csv"),
        ("..\\..\\Windows\\System32\\declaraties.csv", "declaraties.csv"),
        ("/etc/cron.d/declaraties.csv", "declaraties.csv"),
        # Full-width dots and slashes (U+FF0E, U+FF0F) are path parts after NFKC.
        ("．．／．．／declaraties．csv", "declaraties.csv"),
        ("declaraties.CSV", "declaraties.csv"),
        (
            'declaraties"; drop table laadregister; --.csv',
            "declaraties_drop_table_laadregister.csv",
        ),
        ("declaraties\n\r\t2024.csv", "declaraties2024.csv"),
        ("=cmd|' /C calc'!A0.csv", "C_calc_A0.csv"),
        ("=cmd|' -C calc'!A0.csv", "cmd_-C_calc_A0.csv"),
        ("+SUM(A1).xlsx", "SUM_A1.xlsx"),
        ("@declaraties.csv", "declaraties.csv"),
        ("-rf declaraties.csv", "rf_declaraties.csv"),
        (".verborgen.csv", "verborgen.csv"),
        ("...csv", "bestand.csv"),
        # A right-to-left override (U+202E) that would show "declaraties.exe.csv" reversed.
        ("declaraties\u202eexe.csv", "declaratiesexe.csv"),
        ("déclaratiës.csv", "d_clarati_s.csv"),
        ("nul\x00teken.csv", "nulteken.csv"),
    ],
)
def test_vijandige_naam_wordt_veilig(naam: str, verwacht: str) -> None:
    assert upload.veilige_naam(naam) == verwacht
    _veilig(upload.veilige_naam(naam))


@pytest.mark.parametrize(
    "naam",
    [
        "../../etc/passwd",
        "declaraties.csv.exe",
        "declaraties",
        "declaraties.",
        # A Cyrillic с (U+0441) in the extension: looks like .csv, is not.
        "declaraties.\u0441sv",
        "rapport.xlsm",
        "script.py",
        "declaraties.csv/",
    ],
)
def test_verkeerd_soort_bestand_geweigerd(naam: str) -> None:
    with pytest.raises(upload.UploadGeweigerd, match="toegestaan zijn"):
        upload.veilige_naam(naam)


def test_lange_naam_wordt_afgekapt() -> None:
    naam = upload.veilige_naam("declaraties_" + "a" * 10_000 + ".parquet")
    assert naam.startswith("declaraties_a") and naam.endswith(".parquet")
    assert len(naam) == upload.MAX_NAAM_TEKENS + len(".parquet")


@given(st.text(max_size=300))
def test_elke_naam_wordt_veilig_of_geweigerd(naam: str) -> None:
    try:
        veilig = upload.veilige_naam(naam)
    except upload.UploadGeweigerd:
        return
    _veilig(veilig)


@given(st.text(max_size=200), st.sampled_from(upload.TOEGESTANE_EXTENSIES))
def test_elke_naam_met_goede_extensie_blijft_een_bestand_in_de_map(
    stam: str, extensie: str
) -> None:
    veilig = upload.veilige_naam(f"{stam}.{extensie}")
    _veilig(veilig)
    assert veilig.endswith(f".{extensie}")
    assert Path("/inbox", veilig).parent == Path("/inbox")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pad = tmp_path / "data" / "sm.duckdb"
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(pad))
    return pad


def test_bewaar_in_eigen_map_alleen_voor_eigenaar(db: Path) -> None:
    opgeslagen = upload.bewaar(
        [("../../declaraties.csv", b"a;b\n1;2\n"), ("..\\declaraties.csv", b"x\n")]
    )
    assert opgeslagen.map.parent == inbox_pad(db)
    assert opgeslagen.namen == ("declaraties.csv", "declaraties_2.csv")
    assert sorted(p.name for p in opgeslagen.map.iterdir()) == list(opgeslagen.namen)
    assert (opgeslagen.map / "declaraties.csv").read_bytes() == b"a;b\n1;2\n"
    for pad in opgeslagen.map.iterdir():
        assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    for map_ in (opgeslagen.map, inbox_pad(db)):
        assert stat.S_IMODE(map_.stat().st_mode) == 0o700
    # Nothing outside the inbox.
    assert sorted(p.name for p in db.parent.iterdir()) == [inbox_pad(db).name]


def test_geweigerd_type_schrijft_niets(db: Path) -> None:
    with pytest.raises(upload.UploadGeweigerd):
        upload.bewaar([("declaraties.csv", b"a\n"), ("../../etc/passwd", b"root:x:0:0\n")])
    assert not inbox_pad(db).exists()


def test_te_groot_bestand_geweigerd(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(upload.UploadGeweigerd, match="groter dan"):
        upload.bewaar([("declaraties.csv", b"12345678901")])
    assert not inbox_pad(db).exists()
    opgeslagen = upload.bewaar([("declaraties.csv", b"1234567890")])
    assert (opgeslagen.map / "declaraties.csv").stat().st_size == 10


def test_leeg_bestand_geweigerd(db: Path) -> None:
    with pytest.raises(upload.UploadGeweigerd, match="leeg"):
        upload.bewaar([("declaraties.csv", b"")])
    assert not inbox_pad(db).exists()


def test_uploadlimiet_van_de_server_gelijk_aan_die_van_de_pagina() -> None:
    config = Path(__file__).resolve().parents[2] / "dashboard" / ".streamlit" / "config.toml"
    with config.open("rb") as bestand:
        instellingen = tomllib.load(bestand)
    assert instellingen["server"]["maxUploadSize"] == upload.MAX_UPLOAD_MB
