"""The bench's region variants on tiny hand-made regions: the units rewrite converts allocations
exactly and declarations to whole units with volume × tarief, the varied honest region moves
clients on a merger and a new contract; hostile names and values pass through untouched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.region_variants import herschrijf_eenheden, herschrijf_gevarieerd

VIJANDIGE_KOLOM = 'x"); DROP TABLE declaraties; --'
VIJANDIGE_WAARDE = "'); DROP TABLE declaraties; --"

TOEWIJZING_KOLOMMEN = [
    "toewijzingnummer",
    "bsn",
    "gemeentecode",
    "aanbieder_agb",
    "productcategorie",
    "productcode",
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "budget",
    "toewijzingsdatum",
    "reden_wijziging",
]
DECLARATIE_KOLOMMEN = [
    "declaratienummer",
    "referentienummer",
    "vorig_referentienummer",
    "aanbieder_agb",
    "gemeentecode",
    "bsn",
    "toewijzingnummer",
    "productcategorie",
    "productcode",
    "begindatum",
    "einddatum",
    "geleverd_volume",
    "eenheid",
    "producttarief",
    "ingediend_bedrag",
    "debet_credit",
    "declaratiedatum",
]
ZORGPERIODE_KOLOMMEN = [
    "toewijzingnummer",
    "gemeentecode",
    "aanbieder_agb",
    "bsn",
    "productcategorie",
    "productcode",
    "begindatum",
    "einddatum",
    "reden_beeindiging",
]


def _schrijf(pad: Path, kolommen: list[str], rijen: list[dict[str, str]]) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    with pad.open("w", newline="", encoding="utf-8") as f:
        schrijver = csv.DictWriter(f, fieldnames=kolommen)
        schrijver.writeheader()
        for rij in rijen:
            schrijver.writerow({k: rij.get(k, "") for k in kolommen})


def _lees(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _toewijzing(nummer: str, agb: str, code: str, volume: str, **extra: str) -> dict[str, str]:
    return {
        "toewijzingnummer": nummer,
        "bsn": "999999990",
        "gemeentecode": "0307",
        "aanbieder_agb": agb,
        "productcategorie": code[:2],
        "productcode": code,
        "ingangsdatum": "2023-01-01",
        "volume": volume,
        "eenheid": "04",
        "frequentie": "2",
        **extra,
    }


def _declaratie(
    ref: str, agb: str, nummer: str, code: str, minuten: str, tarief: str, **extra: str
) -> dict[str, str]:
    bedrag = f"{float(minuten) * float(tarief):.2f}"
    return {
        "declaratienummer": "D1",
        "referentienummer": ref,
        "aanbieder_agb": agb,
        "gemeentecode": "0307",
        "bsn": "999999990",
        "toewijzingnummer": nummer,
        "productcategorie": code[:2],
        "productcode": code,
        "begindatum": "2023-03-01",
        "einddatum": "2023-03-31",
        "geleverd_volume": minuten,
        "eenheid": "01",
        "producttarief": tarief,
        "ingediend_bedrag": bedrag,
        "debet_credit": "D",
        **extra,
    }


@pytest.fixture
def kleine_regio(tmp_path: Path) -> Path:
    bron = tmp_path / "regio"
    _schrijf(
        bron / "bron" / "toewijzingen.csv",
        TOEWIJZING_KOLOMMEN,
        [
            _toewijzing("T1", "11111111", "01A04", "1.50"),
            _toewijzing("T2", "11111111", "02A18", "1.50"),
            _toewijzing("T3", "11111111", "01A06", "2.00"),
            _toewijzing("T4", "11111111", "02A03", "2.00"),
            {**_toewijzing("T5", "11111111", "07A03", "3.00"), "eenheid": "16"},
            # Category level: no productcode.
            {**_toewijzing("T6", "11111111", "02A18", "2.00"), "productcode": ""},
        ],
    )
    _schrijf(
        bron / "bron" / "declaraties.csv",
        [*DECLARATIE_KOLOMMEN, VIJANDIGE_KOLOM],
        [
            # 2023: 01A04 costs 31,40 per hour, 0,52 per minute as the generator declares it.
            {**_declaratie("R1", "11111111", "T1", "01A04", "375", "0.52"), VIJANDIGE_KOLOM: "v"},
            # The credit line converts exactly like the line it cancels.
            {
                **_declaratie("R1C", "11111111", "T1", "01A04", "375", "0.52"),
                "debet_credit": "C",
                "vorig_referentienummer": "R1",
            },
            # A quarter of an hour is still a delivered prestatie: one whole hour.
            _declaratie("R2", "11111111", "T1", "01A04", "15", "0.52"),
            # A tariff that is not the reference one converts per unit as declared.
            _declaratie("R3", "11111111", "T1", "01A04", "120", "0.60"),
            # 02A18: sessions of half an hour (84) at half the hour tariff (49,00 in 2023).
            _declaratie("R4", "11111111", "T2", "02A18", "75", "0.82"),
            # 01A06: a lump sum in euro, no producttarief.
            _declaratie("R5", "11111111", "T3", "01A06", "300", "0.58"),
            # On a category-level allocation in hours, sessions would not match: minutes stay;
            # whole hours still do.
            _declaratie("R7", "11111111", "T6", "02A18", "75", "0.82"),
            _declaratie("R8", "11111111", "T6", "01A04", "75", "0.52"),
            # 02A03 stays in minutes.
            {
                **_declaratie("R6", "11111111", "T4", "02A03", "90", "0.86"),
                "declaratienummer": VIJANDIGE_WAARDE,
            },
        ],
    )
    _schrijf(bron / "grondwaarheid.csv", ["aanbieder_agb", "jaar", "schema"], [])
    return bron


def test_eenheden_zetten_toewijzingen_exact_en_declaraties_in_hele_eenheden_om(
    kleine_regio: Path, tmp_path: Path
) -> None:
    doel = tmp_path / "eenheden"
    herschrijf_eenheden(kleine_regio, doel)

    toewijzingen = {r["toewijzingnummer"]: r for r in _lees(doel / "bron" / "toewijzingen.csv")}
    assert float(toewijzingen["T1"]["volume"]) == 1.5 and toewijzingen["T1"]["eenheid"] == "04"
    assert float(toewijzingen["T2"]["volume"]) == 3.0 and toewijzingen["T2"]["eenheid"] == "84"
    # The most a full month (31 days) may cost at the highest 01A06 tariff (39,18 in 2025).
    assert toewijzingen["T3"]["eenheid"] == "83" and toewijzingen["T3"]["frequentie"] == "4"
    assert toewijzingen["T3"]["volume"] == str(-(-2 * 31 * 3918 // 700))
    assert toewijzingen["T4"]["eenheid"] == "04" and toewijzingen["T5"]["eenheid"] == "16"

    declaraties = {r["referentienummer"]: r for r in _lees(doel / "bron" / "declaraties.csv")}

    def regel(ref: str) -> tuple[float, str, float | None, float]:
        r = declaraties[ref]
        tarief = float(r["producttarief"]) if r["producttarief"] else None
        return float(r["geleverd_volume"]), r["eenheid"], tarief, float(r["ingediend_bedrag"])

    assert regel("R1") == (6.0, "04", 31.40, 188.40)
    assert regel("R1C") == regel("R1")
    assert regel("R2") == (1.0, "04", 31.40, 31.40)
    assert regel("R3") == (2.0, "04", 36.00, 72.00)
    assert regel("R4") == (2.0, "84", 24.50, 49.00)
    assert regel("R5") == (174.0, "83", None, 174.0)
    assert regel("R6") == (90.0, "01", 0.86, 77.40)
    assert regel("R7") == (75.0, "01", 0.82, 61.50)
    assert regel("R8") == (1.0, "04", 31.40, 31.40)
    # Hostile names and values pass through as data.
    assert declaraties["R1"][VIJANDIGE_KOLOM] == "v"
    assert declaraties["R6"]["declaratienummer"] == VIJANDIGE_WAARDE

    producten = {
        r["productcode"]: r["eenheid"] for r in _lees(doel / "bron" / "producten_eigen.csv")
    }
    assert producten["01A04"] == "04" and producten["02A18"] == "84"
    assert producten["01A06"] == "83" and producten["07A03"] == "16"
    tarieven = {
        (r["productcode"], r["geldig_vanaf"]): float(r["tarief"])
        for r in _lees(doel / "bron" / "tarieven_eigen.csv")
    }
    assert tarieven[("02A18", "2023-01-01")] == 24.50
    assert tarieven[("01A04", "2023-01-01")] == 31.40
    assert (doel / "grondwaarheid.csv").exists()


def _gevarieerde_bron(tmp_path: Path) -> Path:
    """Two product groups of three providers each; A1 and B1 are the largest of their group."""
    bron = tmp_path / "eerlijk"
    groepen = {"01A04": ("A1", "A2", "A3"), "07A03": ("B1", "B2", "B3")}
    toewijzingen, declaraties, zorgperiodes, verantwoording = [], [], [], []
    for code, agbs in groepen.items():
        for grootte, agb in zip((300, 200, 100), agbs, strict=True):
            nummer = f"T{agb}"
            eenheid = "16" if code == "07A03" else "04"
            toewijzingen.append({**_toewijzing(nummer, agb, code, "3.00"), "eenheid": eenheid})
            zorgperiodes.append(
                {
                    "toewijzingnummer": nummer,
                    "gemeentecode": "0307",
                    "aanbieder_agb": agb,
                    "bsn": "999999990",
                    "productcode": code,
                    "begindatum": "2023-01-01",
                }
            )
            for maand in range(1, 13):
                for jaar in (2024, 2025):
                    declaraties.append(
                        {
                            **_declaratie(
                                f"{agb}-{jaar}-{maand}", agb, nummer, code, str(grootte), "1.00"
                            ),
                            "begindatum": f"{jaar}-{maand:02d}-01",
                            "einddatum": f"{jaar}-{maand:02d}-28",
                            "eenheid": "16" if code == "07A03" else "01",
                        }
                    )
            verantwoording.append(
                {"aanbieder_agb": agb, "jaar": "2024", "gemeentecode": "0307", "bedrag": "1"}
            )
    _schrijf(bron / "bron" / "toewijzingen.csv", TOEWIJZING_KOLOMMEN, toewijzingen)
    _schrijf(bron / "bron" / "declaraties.csv", DECLARATIE_KOLOMMEN, declaraties)
    _schrijf(bron / "bron" / "zorgperiodes.csv", ZORGPERIODE_KOLOMMEN, zorgperiodes)
    _schrijf(
        bron / "bron" / "verantwoording.csv",
        ["aanbieder_agb", "jaar", "gemeentecode", "productcode", "bedrag"],
        verantwoording,
    )
    _schrijf(
        bron / "bron" / "aanbieders.csv",
        ["aanbieder_agb", "naam", "hoofdaannemer_agb", "contract_vanaf", "contract_tot"],
        [
            {"aanbieder_agb": agb, "naam": f"Zorg {agb}", "contract_vanaf": "2015-01-01"}
            for agbs in groepen.values()
            for agb in agbs
        ],
    )
    return bron


def test_gevarieerd_fuseert_en_verplaatst_clienten_vanaf_de_datum(tmp_path: Path) -> None:
    doel = tmp_path / "gevarieerd"
    gebeurd = herschrijf_gevarieerd(_gevarieerde_bron(tmp_path), doel)
    # A1's group is listed first (same size, ordered by products); A2 and A3 merge into A1.
    assert gebeurd == {"fusie A2": "A1", "fusie A3": "A1", "nieuw contract B1": "B3"}

    aanbieders = {r["aanbieder_agb"]: r for r in _lees(doel / "bron" / "aanbieders.csv")}
    assert aanbieders["A2"]["naam"] == "Zorg A2 (fusie)"
    assert aanbieders["A2"]["contract_tot"] == "2024-06-30"
    assert aanbieders["A2"]["hoofdaannemer_agb"] == ""
    assert aanbieders["A1"]["naam"] == "Zorg A1" and aanbieders["A1"]["contract_tot"] == ""

    toewijzingen = {r["toewijzingnummer"]: r for r in _lees(doel / "bron" / "toewijzingen.csv")}
    assert toewijzingen["TA2"]["einddatum"] == "2024-06-30"
    assert toewijzingen["TA2F"]["aanbieder_agb"] == "A1"
    assert toewijzingen["TA2F"]["ingangsdatum"] == "2024-07-01"
    zorgperiodes = {r["toewijzingnummer"]: r for r in _lees(doel / "bron" / "zorgperiodes.csv")}
    assert zorgperiodes["TA2"]["einddatum"] == "2024-06-30"
    assert zorgperiodes["TB1F"]["aanbieder_agb"] == "B3"
    assert zorgperiodes["TB1F"]["begindatum"] == "2025-01-01"

    declaraties = _lees(doel / "bron" / "declaraties.csv")
    van_a2 = [r for r in declaraties if r["toewijzingnummer"] in ("TA2", "TA2F")]
    assert {r["aanbieder_agb"] for r in van_a2 if r["begindatum"] < "2024-07-01"} == {"A2"}
    na = [r for r in van_a2 if r["begindatum"] >= "2024-07-01"]
    assert len(na) == 18
    assert {(r["aanbieder_agb"], r["toewijzingnummer"]) for r in na} == {("A1", "TA2F")}
    assert all(r["referentienummer"].startswith("F") for r in na)
    # B3 grows: it declares B1's clients from 2025 on.
    b3_2025 = {r["toewijzingnummer"] for r in declaraties if r["aanbieder_agb"] == "B3"}
    assert b3_2025 == {"TB3", "TB1F"}

    verantwoord = {
        (r["aanbieder_agb"], r["jaar"]): float(r["bedrag"])
        for r in _lees(doel / "bron" / "verantwoording.csv")
    }
    # Recomputed from the moved declarations and then following the units rewrite: 01A04 at
    # 1,00 per minute (not the reference tariff) becomes whole hours at 60,00: 200 minutes is
    # 3 hours (180,00), 300 is 5 (300,00), 100 is 1 (60,00). A2 half a year on its own, A1 a
    # full year plus both merged halves.
    assert verantwoord[("A2", "2024")] == pytest.approx(6 * 180.0)
    assert verantwoord[("A1", "2024")] == pytest.approx(12 * 300.0 + 6 * 180.0 + 6 * 60.0)
    assert ("A2", "2025") not in verantwoord
