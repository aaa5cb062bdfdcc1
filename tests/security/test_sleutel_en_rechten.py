"""The pseudonymisation key must be strong and private; the database is created owner-only;
the CLI answers every failure with a Dutch message and a defined exit code."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.privacy import (
    BSN_IN_TEKST,
    Pseudonimiseerder,
    SleutelOngeschikt,
    elfproef,
    load_key,
    verwijder_bsn,
)
from tests.conftest import FIXTURES, TEST_SLEUTEL, python_proces

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sleutelbestand(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv("SIGNAALMONITOR_PSEUDO_KEY")
    pad = tmp_path / "config" / "pseudoniemsleutel"
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(pad))
    return pad


@pytest.mark.parametrize("inhoud", [b"", b"x", b"a" * 64, b"abab" * 16, b"geheim", b"0123" * 8])
def test_zwakke_sleutel_in_bestand_wordt_geweigerd(sleutelbestand: Path, inhoud: bytes) -> None:
    sleutelbestand.parent.mkdir(parents=True)
    sleutelbestand.write_bytes(inhoud)
    sleutelbestand.chmod(0o600)
    with pytest.raises(SleutelOngeschikt, match="te zwak"):
        load_key()


def test_zwakke_sleutel_uit_omgeving_wordt_geweigerd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", "1")
    with pytest.raises(SleutelOngeschikt, match="te zwak"):
        load_key()


def test_sleutel_leesbaar_voor_anderen_wordt_geweigerd(sleutelbestand: Path) -> None:
    sleutelbestand.parent.mkdir(parents=True)
    sleutelbestand.write_text(TEST_SLEUTEL)
    sleutelbestand.chmod(0o644)
    with pytest.raises(SleutelOngeschikt, match="chmod 600"):
        load_key()
    sleutelbestand.chmod(0o600)
    assert load_key() == TEST_SLEUTEL.encode()


def test_nieuwe_sleutel_is_sterk_en_alleen_voor_de_eigenaar(sleutelbestand: Path) -> None:
    sleutel = load_key()
    assert len(sleutel) == 64
    assert stat.S_IMODE(sleutelbestand.stat().st_mode) == 0o600
    assert stat.S_IMODE(sleutelbestand.parent.stat().st_mode) & 0o077 == 0
    assert load_key() == sleutel


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, **(env or {})}
    omgeving.pop("SIGNAALMONITOR_DEBUG", None)
    return python_proces("-m", "pipelines.cli", *args, env=omgeving, cwd=ROOT, timeout=120)


def _ingest_klein(db: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`signaalmonitor ingest` of the small declaraties fixture into `db`."""
    return _cli("ingest", str(FIXTURES / "declaraties_klein.csv"), "--db", str(db), env=env)


def test_database_wordt_alleen_voor_de_eigenaar_aangemaakt(tmp_path: Path) -> None:
    db = tmp_path / "nieuw.duckdb"
    uitkomst = _ingest_klein(db)
    assert uitkomst.returncode == 0, uitkomst.stderr
    for pad in tmp_path.glob("nieuw.duckdb*"):
        assert stat.S_IMODE(pad.stat().st_mode) & 0o077 == 0, pad


def test_cli_weigert_zwakke_sleutel_met_melding(tmp_path: Path) -> None:
    uitkomst = _ingest_klein(tmp_path / "x.duckdb", env={"SIGNAALMONITOR_PSEUDO_KEY": "kort"})
    assert uitkomst.returncode == 1
    assert "te zwak" in uitkomst.stderr and "Traceback" not in uitkomst.stderr


def test_status_en_export_terwijl_een_schrijver_bezig_is(tmp_path: Path) -> None:
    db = tmp_path / "bezet.duckdb"
    assert _ingest_klein(db).returncode == 0
    houder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True);"
            " time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert houder.stdout is not None and houder.stdout.readline().strip() == "ok"
        for opdracht in (
            ["status", "--db", str(db)],
            ["export", "signalen", "--out", str(tmp_path / "s.csv"), "--db", str(db)],
        ):
            uitkomst = _cli(*opdracht)
            assert uitkomst.returncode == 1, opdracht
            assert "in gebruik" in uitkomst.stderr and "Traceback" not in uitkomst.stderr
    finally:
        houder.kill()
        houder.wait()


def test_geen_database_maar_iets_anders(tmp_path: Path) -> None:
    nep = tmp_path / "nep.duckdb"
    nep.write_text("dit is geen database")
    uitkomst = _cli("status", "--db", str(nep))
    assert uitkomst.returncode == 1
    assert uitkomst.stderr.startswith("Fout:") and "Traceback" not in uitkomst.stderr


def test_onverwachte_fout_geeft_code_3_zonder_traceback(tmp_path: Path) -> None:
    # An environment override that is not a number reaches the code as an internal error.
    uitkomst = _ingest_klein(tmp_path / "y.duckdb", env={"SIGNAALMONITOR_MAX_KOLOMMEN": "veel"})
    assert uitkomst.returncode in (1, 3)
    assert "SIGNAALMONITOR_MAX_KOLOMMEN" in uitkomst.stderr + uitkomst.stdout
    assert "Traceback" not in uitkomst.stderr


# --- the scrubber's own properties ---------------------------------------------------------

_PSEUDO = Pseudonimiseerder(TEST_SLEUTEL.encode())
_tekst = st.text(alphabet=st.sampled_from("0123456789 .-abcP,;\n"), max_size=60)


@given(_tekst)
def test_scrubben_is_idempotent_en_laat_geen_bsn_staan(tekst: str) -> None:
    eenmaal = _PSEUDO.scrub(tekst)
    assert _PSEUDO.scrub(eenmaal) == eenmaal
    for gevonden in BSN_IN_TEKST.finditer(eenmaal or ""):
        if gevonden.group("bsn"):
            assert not elfproef("".join(c for c in gevonden.group("bsn") if c.isdigit()))


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("BSN 123456782.", "BSN [BSN verwijderd]."),
        ("1234.56.782 en 123 456 782", "[BSN verwijderd] en [BSN verwijderd]"),
        ("tel 0612345678, iban NL91ABNA0417164300", "tel 0612345678, iban NL91ABNA0417164300"),
        ("123456789", "123456789"),  # fails the elfproef: no BSN
        ("bedrag 1.234,56", "bedrag 1.234,56"),
    ],
)
def test_verwijder_bsn(tekst: str, verwacht: str) -> None:
    assert verwijder_bsn(tekst) == verwacht
