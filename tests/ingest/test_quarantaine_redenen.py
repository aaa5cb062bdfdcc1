"""Bad rows go to quarantine with a plain Dutch reason; the rest of the file loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, rijen

KOP = (
    "toewijzingnummer,client_id,bsn,gemeentecode,aanbieder_agb,productcategorie,productcode,"
    "ingangsdatum,einddatum,volume,eenheid,frequentie,budget"
)
GOED = "T1,,999900006,0405,41000001,02,02A02,2024-01-01,2024-12-31,3,04,2,"


def test_vijf_kapotte_regels_tussen_goede(con, laad) -> None:  # type: ignore[no-untyped-def]
    resultaat = laad(FIXTURES / "declaraties_vijf_kapotte_regels.csv")
    assert (resultaat.rijen_gelezen, resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (
        8,
        3,
        5,
    )
    assert rijen(con, "SELECT referentienummer FROM staging.declaraties ORDER BY 1") == [
        ("GOED1",),
        ("GOED2",),
        ("GOED3",),
    ]
    redenen = dict(
        rijen(
            con,
            "SELECT regelnummer, string_agg(reden, ' | ' ORDER BY reden) "
            "FROM quarantaine.redenen GROUP BY regelnummer",
        )
    )
    assert set(redenen) == {3, 4, 5, 7, 8}
    assert "elfproef" in redenen[3]
    assert "geen geldige datum" in redenen[4]
    assert "onbekende code voor eenheid (WJ756)" in redenen[5]
    assert "einddatum ligt vóór begindatum" in redenen[7]
    assert "minder velden dan de kopregel" in redenen[8]
    # The unsplittable line is kept (BSN replaced by its pseudonym) so nothing is lost.
    regel = rijen(con, "SELECT waarde FROM quarantaine.redenen WHERE regelnummer = 8")[0][0]
    assert "TE_WEINIG_VELDEN" in str(regel)
    assert "999900006" not in str(regel)
    # Every row read is in raw, good or bad (the unsplittable line aside).
    assert rijen(con, "SELECT count(*) FROM raw.declaraties") == [(7,)]


@pytest.mark.parametrize(
    ("regel", "kolom", "reden_bevat"),
    [
        ("T1,,999900006,0405,41000001,02,02A02,,,,,,", "ingangsdatum", "verplicht maar leeg"),
        (",,999900006,0405,41000001,02,02A02,2024-01-01,,,,,", "toewijzingnummer", "verplicht"),
        ("T1,,,0405,41000001,02,02A02,2024-01-01,,,,,", "bsn", "bsn of client_id is verplicht"),
        ("T1,,99990000,0405,41000001,02,,2024-01-01,,,,,", "bsn", "elfproef"),
        ("T1,,1234,0405,41000001,02,,2024-01-01,,,,,", "bsn", "9 cijfers"),
        ("T1,,999900006,04051,41000001,02,,2024-01-01,,,,,", "gemeentecode", "4 cijfers"),
        ("T1,,999900006,0405,4100,02,,2024-01-01,,,,,", "aanbieder_agb", "8 cijfers"),
        ("T1,,999900006,0405,41000001,02,,1-13-2024,,,,,", "ingangsdatum", "geen geldige datum"),
        ("T1,,999900006,0405,41000001,02,,0024-01-01,,,,,", "ingangsdatum", "1900 en 2100"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,drie,04,2,", "volume", "geen geldig getal"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,-3,04,2,", "volume", "niet negatief"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,3,05,2,", "eenheid", "WJ756"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,3,04,3,", "frequentie", "WJ757"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,3,,2,", "eenheid", "als volume is ingevuld"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,3,04,,", "frequentie", "als volume"),
        ("T1,,999900006,0405,41000001,02,,2024-02-01,2024-01-31,,,,", "einddatum", "vóór"),
        ("T1,,999900006,0405,41000001,02,,2024-01-01,,,,,1.2.3", "budget", "geen geldig getal"),
    ],
)
def test_elke_reden(con, laad, tmp_path: Path, regel: str, kolom: str, reden_bevat: str) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "toewijzingen_reden.csv"
    pad.write_text(f"{KOP}\n{GOED}\n{regel}\n", encoding="utf-8")
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 1)
    gevonden = rijen(con, "SELECT regelnummer, kolom, reden FROM quarantaine.redenen")
    assert any(r[0] == 3 and r[1] == kolom and reden_bevat in str(r[2]) for r in gevonden), gevonden


def test_debet_credit_en_negatief_bedrag(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bron = (FIXTURES / "declaraties_klein.csv").read_text(encoding="utf-8").splitlines()
    kapot = bron[1].replace(",D,", ",X,").replace("655.00", "-655.00")
    pad = tmp_path / "declaraties_dc.csv"
    pad.write_text("\n".join([bron[0], kapot, bron[2]]) + "\n", encoding="utf-8")
    laad(pad)
    redenen = {r[0]: r[1] for r in rijen(con, "SELECT kolom, reden FROM quarantaine.redenen")}
    assert "toegestaan: D, C" in redenen["debet_credit"]
    assert "debet_credit = C" in redenen["ingediend_bedrag"]


def test_te_veel_velden(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "toewijzingen_velden.csv"
    pad.write_text(f"{KOP}\n{GOED}\n{GOED},extra,velden\n{GOED}\n", encoding="utf-8")
    resultaat = laad(pad)
    assert (resultaat.rijen_gelezen, resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (
        3,
        2,
        1,
    )
    reden = rijen(con, "SELECT regelnummer, reden FROM quarantaine.redenen")
    assert reden[0][0] == 3 and "meer velden" in str(reden[0][1])
    assert rijen(con, "SELECT regelnummer FROM staging.toewijzingen_versies ORDER BY 1") == [
        (2,),
        (4,),
    ]


def test_samenloopregels_in_elke_schrijfwijze(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "samenloopregels_eigen.csv"
    pad.write_text(
        "a,b,regel,toelichting\n"
        "Beschermd wonen,Begeleiding,Uitgesloten,x\n"
        "Begeleiding,Begeleiding,signaal,y\n"
        "Begeleiding,Dagbesteding,misschien,z\n",
        encoding="utf-8",
    )
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (2, 1)
    assert rijen(con, "SELECT regel FROM staging.samenloopregels ORDER BY 1") == [
        ("signaal",),
        ("uitgesloten",),
    ]


def test_gemeenten_met_vijandige_inwoners(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The optional `inwoners` column (the map): only a whole number in range loads."""
    pad = tmp_path / "gemeenten_eigen.csv"
    pad.write_text(
        "gemeentecode,naam,regio,inwoners\n"
        "0307,Amersfoort,Eemland,160000\n"
        "0308,Baarn,Eemland,\n"
        "0310,De Bilt,Eemland,-5\n"
        "0312,Bunnik,Eemland,=1+1\n"
        "0313,Bunschoten,Eemland,10000000000\n"
        "0317,Eemnes,Eemland,9.5\n"
        '0327,Leusden,Eemland,"1; drop table staging.gemeenten"\n',
        encoding="utf-8",
    )
    resultaat = laad(pad)
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (2, 5)
    assert rijen(con, "SELECT gemeentecode, inwoners FROM staging.gemeenten ORDER BY 1") == [
        ("0307", 160000),
        ("0308", None),
    ]
    redenen = rijen(
        con, "SELECT kolom, count(*) FROM quarantaine.redenen GROUP BY kolom ORDER BY 1"
    )
    assert redenen == [("inwoners", 5)]
