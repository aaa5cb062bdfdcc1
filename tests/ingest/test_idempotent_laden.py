"""Loading the same data twice adds nothing; a failed load leaves no trace."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest import load_file
from pipelines.ingest.load_register import status
from tests.conftest import FIXTURES, rijen


def test_zelfde_bestand_twee_keer(con, laad) -> None:  # type: ignore[no-untyped-def]
    eerste = laad(FIXTURES / "declaraties_klein.csv")
    voor = status(con)
    tweede = laad(FIXTURES / "declaraties_klein.csv")
    assert eerste.status == "geladen"
    assert tweede.status == "al_geladen"
    assert status(con) == voor
    assert rijen(con, "SELECT count(*) FROM raw.declaraties") == [(5,)]


def test_zelfde_rijen_in_ander_dialect_voegen_niets_toe(con, laad) -> None:  # type: ignore[no-untyped-def]
    laad(FIXTURES / "declaraties_klein.csv")
    tweede = laad(FIXTURES / "declaraties_puntkomma_decimaalkomma.csv")
    assert (tweede.rijen_geladen, tweede.rijen_al_aanwezig) == (0, 5)
    assert status(con)["tabellen"]["declaraties"]["geladen"] == 5


def test_dubbele_rij_binnen_een_bestand_blijft_staan(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A provider that submits the same prestatie twice must stay visible for the
    # 'dubbel' signal; only re-loading already loaded rows is suppressed.
    regels = (FIXTURES / "declaraties_klein.csv").read_text(encoding="utf-8").splitlines()
    pad = tmp_path / "declaraties_dubbel.csv"
    pad.write_text("\n".join([regels[0], regels[1], regels[1]]) + "\n", encoding="utf-8")
    assert laad(pad).rijen_geladen == 2


def test_mislukte_schrijfstap_laat_niets_achter(con, laad, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def kapot(*args: object, **kwargs: object) -> int:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(load_file, "_schrijf_quarantaine", kapot)
    with pytest.raises(RuntimeError):
        laad(FIXTURES / "declaraties_klein.csv")
    assert rijen(con, "SELECT count(*) FROM raw.declaraties") == [(0,)]
    assert rijen(con, "SELECT count(*) FROM beheer.laadregister") == [(0,)]
    monkeypatch.undo()
    assert laad(FIXTURES / "declaraties_klein.csv").rijen_geladen == 5
