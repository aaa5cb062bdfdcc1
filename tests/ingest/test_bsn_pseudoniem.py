"""A raw BSN never reaches the database file; pseudonyms are stable and keyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.database import migrations, open_for_writing
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.ingest_run import pseudonimiseerder_voor
from pipelines.privacy import SLEUTEL_INSTELLING, Pseudonimiseerder, elfproef, load_key
from tests.conftest import FIXTURES, TEST_SLEUTEL

BSNS = ["999900006", "123456782", "999900018"]


def test_elfproef_bekende_nummers() -> None:
    assert all(elfproef(b) for b in BSNS)
    assert not elfproef("123456789")
    assert not elfproef("000000000")
    assert not elfproef("12345678")


def test_pseudoniem_stabiel_en_afhankelijk_van_sleutel() -> None:
    a = Pseudonimiseerder(b"sleutel-a")
    assert a.pseudoniem("999900006") == Pseudonimiseerder(b"sleutel-a").pseudoniem("999900006")
    assert a.pseudoniem("999900006") != Pseudonimiseerder(b"sleutel-b").pseudoniem("999900006")
    assert a.pseudoniem("999900006") != a.pseudoniem("123456782")


def test_zelfde_client_zelfde_pseudoniem_over_bestanden(con, laad) -> None:  # type: ignore[no-untyped-def]
    laad(FIXTURES / "declaraties_klein.csv")
    laad(FIXTURES / "declaraties_vijf_kapotte_regels.csv")
    per_bestand = con.execute(
        "SELECT bestand_id, client_id FROM staging.declaraties WHERE referentienummer IN "
        "('R0001', 'GOED1')"
    ).fetchall()
    assert len({c for _, c in per_bestand}) == 1
    assert len({b for b, _ in per_bestand}) == 2


def test_geen_ruw_bsn_in_het_databasebestand(db_pad: Path, con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    laad(FIXTURES / "declaraties_klein.csv")
    laad(FIXTURES / "declaraties_vijf_kapotte_regels.csv")  # incl. a failed elfproef
    # A BSN hidden in an extra column must not slip into raw either.
    extra = tmp_path / "toewijzingen_met_partner.csv"
    extra.write_text(
        "toewijzingnummer,bsn,gemeentecode,aanbieder_agb,productcategorie,ingangsdatum,bsn_partner\n"
        "T9,999900006,0405,41000001,02,2024-01-01,123456782\n",
        encoding="utf-8",
    )
    laad(extra)
    con.execute("CHECKPOINT")
    con.close()
    inhoud = db_pad.read_bytes()
    for bsn in [*BSNS, "123456789"]:
        assert bsn.encode() not in inhoud, bsn
    # And the test can fail: the pseudonyms themselves are in the file.
    pseudo = Pseudonimiseerder(TEST_SLEUTEL.encode())
    assert pseudo.pseudoniem("999900006").encode() in inhoud


def test_sleutelbestand_wordt_afgeschermd_aangemaakt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SIGNAALMONITOR_PSEUDO_KEY")
    sleutel = load_key()
    pad = tmp_path / "sleutel"
    assert pad.exists()
    assert pad.stat().st_mode & 0o777 == 0o600
    assert load_key() == sleutel


def test_andere_sleutel_wordt_geweigerd(db_pad: Path, laad, con, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    laad(FIXTURES / "toewijzingen_klein.csv")
    con.execute(
        "INSERT INTO beheer.instellingen VALUES (?, ?)",
        [SLEUTEL_INSTELLING, Pseudonimiseerder(TEST_SLEUTEL.encode()).fingerprint],
    )
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL[::-1])
    with pytest.raises(OnleesbaarBestand, match="sleutel"):
        pseudonimiseerder_voor(con)
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    assert pseudonimiseerder_voor(con).fingerprint


def test_open_for_writing_is_idempotent(db_pad: Path) -> None:
    open_for_writing(db_pad).close()
    con = open_for_writing(db_pad)
    versies = con.execute("SELECT versie FROM beheer.schema_versie ORDER BY 1").fetchall()
    assert versies == [(v,) for v, _ in migrations()]
    con.close()
