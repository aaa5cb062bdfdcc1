"""Every dialect the contract allows loads to the same typed rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from pipelines.ingest import read_tabular
from pipelines.ingest.errors import OnleesbaarBestand
from tests.conftest import FIXTURES, rijen

VERWACHTE_KOLOMMEN = (
    "referentienummer, vorig_referentienummer, aanbieder_agb, gemeentecode, client_id, "
    "productcategorie, productcode, begindatum, einddatum, geleverd_volume, eenheid, "
    "producttarief, ingediend_bedrag, debet_credit, declaratiedatum"
)


def _declaraties(con) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return rijen(
        con, f"SELECT {VERWACHTE_KOLOMMEN} FROM staging.declaraties ORDER BY referentienummer"
    )


def test_komma_utf8_laadt_getypeerd(con, laad) -> None:  # type: ignore[no-untyped-def]
    resultaat = laad(FIXTURES / "declaraties_klein.csv")
    assert (resultaat.rijen_gelezen, resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (
        5,
        5,
        0,
    )
    eerste = _declaraties(con)[0]
    assert eerste[0] == "R0001"
    assert eerste[2:4] == ("41000001", "0405")
    assert str(eerste[4]).startswith("P")  # pseudonym, not the BSN
    assert eerste[7] == dt.date(2024, 1, 1)
    assert eerste[12] == Decimal("655.00")
    derde = _declaraties(con)[2]
    assert derde[9] == Decimal("1234.5")


def test_nederlandse_excel_export_laadt_identiek(con, laad, tmp_path) -> None:  # type: ignore[no-untyped-def]
    laad(FIXTURES / "declaraties_klein.csv")
    referentie = _declaraties(con)
    con.execute("DELETE FROM staging.declaraties")
    resultaat = laad(FIXTURES / "declaraties_puntkomma_decimaalkomma.csv")
    assert resultaat.rijen_quarantaine == 0
    assert "windows-1252" in (resultaat.formaat or "")
    assert "';'" in (resultaat.formaat or "")
    assert _declaraties(con) == referentie
    # The extra column is kept in raw, euro sign intact after the Windows-1252 transcoding.
    opmerking = rijen(
        con,
        "SELECT overige_kolommen FROM raw.declaraties WHERE bestand_id = 2 AND regelnummer = 2",
    )
    assert "€ 65,50" in str(opmerking[0][0])


def test_bom_wordt_genegeerd(con, laad) -> None:  # type: ignore[no-untyped-def]
    resultaat = laad(FIXTURES / "declaraties_utf8_bom.csv")
    assert resultaat.rijen_geladen == 5
    assert rijen(
        con, "SELECT count(*) FROM staging.declaraties WHERE declaratienummer IS NULL"
    ) == [(0,)]


@pytest.mark.parametrize(
    ("ruwe_waarde", "verwacht"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("05-03-2024", dt.date(2024, 3, 5)),
        ("2024-03-05 00:00:00", dt.date(2024, 3, 5)),
    ],
)
def test_datumvormen(con, laad, tmp_path: Path, ruwe_waarde: str, verwacht: dt.date) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "toewijzingen_datum.csv"
    pad.write_text(
        "toewijzingnummer,client_id,gemeentecode,aanbieder_agb,productcategorie,ingangsdatum\n"
        f"T1,C1,0405,41000001,02,{ruwe_waarde}\n",
        encoding="utf-8",
    )
    assert laad(pad).rijen_geladen == 1
    assert rijen(con, "SELECT ingangsdatum FROM staging.toewijzingen") == [(verwacht,)]


def test_codes_blijven_tekst_en_worden_aangevuld(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "toewijzingen_codes.csv"
    pad.write_text(
        "toewijzingnummer;client_id;gemeentecode;aanbieder_agb;productcategorie;productcode;"
        "ingangsdatum;volume;eenheid;frequentie\n"
        "0007;C1;59;1234567;2;2001;2024-01-01;3;4;02\n",
        encoding="utf-8",
    )
    assert laad(pad).rijen_geladen == 1
    assert rijen(
        con,
        "SELECT toewijzingnummer, gemeentecode, aanbieder_agb, productcategorie, productcode, "
        "eenheid, frequentie FROM staging.toewijzingen",
    ) == [("0007", "0059", "01234567", "02", "02001", "04", "2")]


def test_excel_met_getallen_als_codes_en_echte_datums(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "toewijzingen_uit_excel.xlsx"
    boek = xlsxwriter.Workbook(str(pad))
    blad = boek.add_worksheet()
    datum = boek.add_format({"num_format": "dd-mm-yyyy"})
    blad.write_row(
        0,
        0,
        [
            "Toewijzingnummer",
            "Client_ID",
            "Gemeentecode",
            "Aanbieder_AGB",
            "Productcategorie",
            "Productcode",
            "Ingangsdatum",
            "Volume",
            "Eenheid",
            "Frequentie",
        ],
    )
    blad.write_row(1, 0, ["T1", "C1", 405, 41000001, 2, "02A02"])
    blad.write_datetime(1, 6, dt.datetime(2024, 2, 1), datum)
    blad.write_row(1, 7, [2.5, 4, 2])
    boek.close()
    resultaat = laad(pad)
    assert resultaat.formaat == "xlsx"
    assert resultaat.rijen_geladen == 1, resultaat.bericht
    assert rijen(
        con,
        "SELECT gemeentecode, aanbieder_agb, productcategorie, ingangsdatum, volume, eenheid "
        "FROM staging.toewijzingen",
    ) == [("0405", "41000001", "02", dt.date(2024, 2, 1), Decimal("2.5"), "04")]


def test_parquet_met_getypeerde_kolommen(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tabel = pacsv.read_csv(
        FIXTURES / "declaraties_klein.csv",
        convert_options=pacsv.ConvertOptions(
            column_types={"gemeentecode": pa.int32(), "begindatum": pa.date32()}
        ),
    )
    pad = tmp_path / "declaraties.parquet"
    pq.write_table(tabel, pad)
    resultaat = laad(pad)
    assert resultaat.formaat == "parquet"
    assert resultaat.rijen_geladen == 5
    assert rijen(con, "SELECT DISTINCT gemeentecode FROM staging.declaraties") == [("0405",)]


def _met_opmerking(tmp_path: Path, opmerking: bytes, laatste: bytes = b"") -> Path:
    """declaraties_klein.csv with an extra column `opmerking` of these bytes on every row, and
    `laatste` as the very last bytes of the file."""
    regels = (FIXTURES / "declaraties_klein.csv").read_bytes().splitlines()
    pad = tmp_path / "declaraties_opmerking.csv"
    pad.write_bytes(
        b"\n".join([regels[0] + b",opmerking", *(r + b"," + opmerking for r in regels[1:])])
        + laatste
    )
    return pad


def test_utf8_over_een_leesblokgrens_blijft_utf8(  # type: ignore[no-untyped-def]
    con, laad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Blocks of one byte: every two-byte character is cut in half between two reads.
    monkeypatch.setattr(read_tabular, "_CHUNK", 1)
    resultaat = laad(_met_opmerking(tmp_path, "café €".encode()))
    assert resultaat.rijen_geladen == 5
    assert "windows-1252" not in (resultaat.formaat or "")
    assert "café €" in str(rijen(con, "SELECT overige_kolommen FROM raw.declaraties")[0][0])


def test_afgebroken_utf8_teken_aan_het_eind_is_geen_utf8(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # "é" is C3 A9 in UTF-8; a file that ends after C3 is not UTF-8 (in Windows-1252 it is "Ã").
    resultaat = laad(_met_opmerking(tmp_path, "café".encode(), laatste=b"\xc3"))
    assert "windows-1252" in (resultaat.formaat or "")
    assert resultaat.rijen_geladen == 5


def test_geen_utf8_en_geen_windows_1252_geweigerd(laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 0x81 is not a character in Windows-1252 and cannot start a UTF-8 character.
    with pytest.raises(OnleesbaarBestand, match="geen UTF-8 en geen Windows-1252"):
        laad(_met_opmerking(tmp_path, b"\x81"))
