"""Hostile begroting (#13) and the prognosis workbook: bad values go to quarantine with a reason,
good rows load, and no text from the data becomes a formula in the export."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from pipelines.exports.excel_prognose import (
    per_gemeente_en_zorgsoort,
    prijsstijging,
    prognose_werkboek,
    vermoedelijke_kosten,
)
from tests.conftest import rijen, schrijf_csv

GOED = {"gemeentecode": "0405", "perceel": "Begeleiding", "jaar": "2026", "bedrag": "1250000.50"}


@pytest.mark.parametrize(
    ("kolom", "waarde", "reden"),
    [
        ("bedrag", "-5", "niet negatief"),
        ("bedrag", "123456789", "9 cijfers"),
        ("bedrag", "1e400", "geen geldig getal"),
        ("bedrag", "NaN", "geen geldig getal"),
        ("bedrag", "=1+1", "geen geldig getal"),
        ("jaar", "20x4", "geen geldig geheel getal"),
        ("jaar", "1850", "jaar"),
        ("gemeentecode", "04O5", "4 cijfers"),
        ("gemeentecode", "'; DROP TABLE staging.begroting; --", "gemeentecode"),
        ("perceel", "", "perceel"),
        ("perceel", "Zé" * 101, "200 tekens"),
    ],
)
def test_vijandige_begroting_in_quarantaine(
    con, laad, tmp_path: Path, kolom: str, waarde: str, reden: str
) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "begroting_2026.csv"
    schrijf_csv(pad, [GOED, {**GOED, "perceel": "Dagbesteding", kolom: waarde}])
    resultaat = laad(pad)
    redenen = rijen(con, "SELECT kolom, reden FROM quarantaine.redenen")
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 1), redenen
    assert any(k == kolom and reden in r for k, r in redenen), (kolom, waarde, redenen)
    assert rijen(con, "SELECT gemeentecode, perceel, jaar, bedrag FROM staging.begroting") == [
        ("0405", "Begeleiding", 2026, Decimal("1250000.50"))
    ]


def test_formule_in_perceelnaam_blijft_tekst(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "begroting.csv"
    schrijf_csv(pad, [{**GOED, "perceel": '=HYPERLINK("http://x")'}])
    assert laad(pad).rijen_geladen == 1
    [(perceel,)] = rijen(con, "SELECT perceel FROM staging.begroting")
    assert perceel == '=HYPERLINK("http://x")'  # stored as data, neutralised only on export


def _cel(gemeente: str, perceel: str, kosten: str | None, **velden: object) -> dict[str, object]:
    bedrag = None if kosten is None else Decimal(kosten)
    rij: dict[str, object] = {
        "jaar": 2025,
        "gemeentecode": {"Baarn": "0308", "Soest": "0342"}[gemeente],
        "gemeente": gemeente,
        "perceel": perceel,
        "peildatum": None,
        "laatste_zorgmaand": None,
        "maanden_gerealiseerd": 12,
        "gerealiseerd_eur": bedrag,
        "nog_te_declareren_eur": None if bedrag is None else Decimal(0),
        "completeringsfactor": None if bedrag is None else 0.95,
        "uitputting_eur": bedrag,
        "nog_te_leveren_eur": None if bedrag is None else Decimal(0),
        "prognose_jaar_eur": bedrag,
        "begroting_eur": None,
        "aandeel_uitgeput": None,
        "verwacht_resultaat_eur": None,
        "aantal_clienten": None if bedrag is None else 20,
        "is_afgeschermd": bedrag is None,
        "clienten_weergave": "<5" if bedrag is None else None,
    }
    rij.update(velden)
    return rij


PROGNOSE = pl.DataFrame(
    [
        _cel("Baarn", "Begeleiding", "1000.50"),
        _cel("Baarn", "=cmd|' /C calc'!A0", "200.00"),
        _cel("Soest", "Begeleiding", "3000.00"),
        _cel("Soest", "=cmd|' /C calc'!A0", None),
    ],
    infer_schema_length=None,
)


def test_een_rij_per_gemeente_en_zorgsoort_met_index_en_completering() -> None:
    per_cel = per_gemeente_en_zorgsoort(PROGNOSE, 2.58)
    assert per_cel.height == 4  # 2 gemeenten × 2 zorgsoorten
    assert set(per_cel["index_procent"]) == {2.58}
    assert per_cel.filter(pl.col("gemeente") == "Baarn")["completeringsfactor"].to_list() == [
        0.95,
        0.95,
    ]
    baarn = per_cel.filter((pl.col("gemeente") == "Baarn") & (pl.col("zorgsoort") == "Begeleiding"))
    # 1.000,50 × 2,58% = 25,8129 → 25,81; half away from zero on cents
    assert baarn["prijsstijging_eur"][0] == Decimal("25.81")
    assert baarn["vermoedelijke_kosten_volgend_jaar_eur"][0] == Decimal("1026.31")
    assert prijsstijging(Decimal("50.00"), 2.57) == Decimal("1.29")  # 1,285 → 1,29
    afgeschermd = per_cel.filter(pl.col("afgeschermd") == "ja")
    assert afgeschermd.height == 1
    assert afgeschermd["prijsstijging_eur"][0] is None
    assert afgeschermd["clienten"][0] == "<5"


def test_totaal_over_een_afgeschermde_cel_is_leeg() -> None:
    breed = vermoedelijke_kosten(per_gemeente_en_zorgsoort(PROGNOSE, 2.58), 2025, 2.58)
    assert breed.height == 2 * 3  # per zorgsoort: kosten, prijsstijging, kosten volgend jaar
    assert breed["regel"].to_list()[:3] == [
        "Vermoedelijke kosten 2025",
        "Prijsstijging 2026 2,58%",
        "Vermoedelijke kosten 2026",
    ]
    begeleiding = breed.filter(pl.col("zorgsoort") == "Begeleiding")
    assert begeleiding["totaal_regio_eur"][0] == Decimal("4000.50")
    formule = breed.filter(pl.col("zorgsoort") != "Begeleiding")
    assert formule["totaal_regio_eur"].to_list() == [None, None, None]
    assert formule["Soest"].to_list() == [None, None, None]


def test_werkboek_zonder_formules() -> None:
    inhoud, aantal = prognose_werkboek(PROGNOSE, pl.DataFrame(), 2025, 2.58)
    assert aantal == 4
    per_cel = pl.read_excel(io.BytesIO(inhoud), sheet_name="Per gemeente en zorgsoort")
    zorgsoorten = set(per_cel["Zorgsoort (perceel)"])
    assert "'=cmd|' /C calc'!A0" in zorgsoorten
    assert not any(z.startswith("=") for z in zorgsoorten)
    assert per_cel.height == 4
    assert "Index (%)" in per_cel.columns and "Completeringsfactor" in per_cel.columns
