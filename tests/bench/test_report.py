"""The detection card (docs/detectiekwaliteit.md) written from a hand-made bench result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.report import detectiekaart, schrijf_regios
from bench.scoring import (
    IngebrachtSchema,
    Rang,
    Signaal,
    detectiekwaliteit,
    recall_over_regios,
)

WAARHEID = [
    IngebrachtSchema("dubbele_declaraties", "spookzorg", "A", 2024),
    IngebrachtSchema("groeisprong", "volume", "B", 2024),
]
RANKING = [Rang("A", 2024, 1), Rang("C", 2024, 2), Rang("B", 2024, 3)]
GEVONDEN = [Signaal("SPK01", "spookzorg", "A", 2024, True)]
VALS_ALARM = [Signaal("SPK01", "spookzorg", "C", 2024, True)]

REGISTER = [
    {
        "indicator": "SPK01",
        "naam": "Declaraties zonder toewijzing",
        "categorie": "spookzorg",
        "definitie": "Gedeclareerd zonder geldige toewijzing.",
        "waarom": "Zorg zonder besluit.",
        "drempels": "minstens 1 regel",
        "bron": "declaraties",
    }
]


def resultaat(**extra: Any) -> dict[str, Any]:
    def regio(seed: int, detectie: dict[str, Any]) -> dict[str, Any]:
        return {
            "seed": seed,
            "detectie": detectie,
            "rijen_geladen": 1234,
            "laden_s": 0.5,
            "rijen_per_seconde": 2468,
            "run_s": 1.25,
            "tweede_run_s": 1.0,
        }

    return {
        "gemeten_op": "2026-01-02 03:04",
        "machine": "testmachine",
        "regios": {
            "demo": regio(7, detectiekwaliteit(WAARHEID, GEVONDEN, RANKING)),
            "tweede_seed": regio(8, detectiekwaliteit(WAARHEID, [], RANKING)),
            "eerlijk": regio(7, detectiekwaliteit([], VALS_ALARM, RANKING)),
            "eigen_codes": regio(7, detectiekwaliteit(WAARHEID, GEVONDEN, RANKING)),
        },
        **extra,
    }


def test_kaart_vat_de_vier_regios_samen() -> None:
    kaart = detectiekaart(resultaat(), REGISTER).splitlines()
    assert kaart[2].startswith("Gemeten met `make bench` op 2026-01-02 03:04 (testmachine).")
    assert "| recall (schema's gevonden in hun categorie) | 0.5 | 0.0 | – | 0.5 |" in kaart
    vlag = "| aandeel aanbieder-jaren met een gemarkeerd signaal | 0.3333 | 0.0 | 0.3333 | 0.3333 |"
    assert vlag in kaart


def test_kaart_recall_per_schema_met_tweede_seed_tussen_haakjes() -> None:
    kaart = detectiekaart(resultaat(), REGISTER).splitlines()
    assert "| dubbele_declaraties | spookzorg | 1/1 (0/1) | – |" in kaart
    assert "| groeisprong | volume | 0/1 (0/1) | B/2024 |" in kaart


def test_kaart_fout_positieven_precisie_en_indicator() -> None:
    kaart = detectiekaart(resultaat(), REGISTER).splitlines()
    # spookzorg: demo none of 2, second seed none of 2, honest region C flagged, 1 of 3.
    assert "| spookzorg | 0/2 (0.0) | 0/2 (0.0) | 1/3 (0.3333) |" in kaart
    assert "| 2024 | 2 | 1 | 0.5 |" in kaart
    assert "### SPK01 – Declaraties zonder toewijzing (spookzorg)" in kaart
    assert "- **Demoregio**: 1 signalen, 1 terecht gemarkeerd, 0 onterecht gemarkeerd." in kaart
    assert "- **Eerlijke regio**: 1 signalen, 1 gemarkeerd." in kaart
    assert "- `run`: 1.25 s (tweede run 1.0 s)" in kaart


def test_snelle_meting_zegt_dat_op_de_kaart() -> None:
    kaart = detectiekaart(resultaat(opdracht="python -m bench --snel"), REGISTER)
    assert kaart.splitlines()[2].startswith("Gemeten met `python -m bench --snel` op")


def test_schrijft_json_en_kaart_in_de_gekozen_map(tmp_path: Path) -> None:
    paden = schrijf_regios(tmp_path, resultaat(), REGISTER)
    assert paden == [tmp_path / "bench" / "laatste.json", tmp_path / "detectiekwaliteit.md"]
    assert json.loads(paden[0].read_text(encoding="utf-8")) == resultaat()
    assert paden[1].read_text(encoding="utf-8") == detectiekaart(resultaat(), REGISTER)


def test_kaart_recall_per_sterkte_over_rapportseeds_en_eerlijke_regios() -> None:
    waarheid = [
        IngebrachtSchema("altijd_volledig", "spookzorg", "A", 2024, "zwak", "aandeel=0,40"),
        IngebrachtSchema("groeisprong", "volume", "B", 2024, "sterk", "vorm=intensiteit"),
    ]
    rapport = detectiekwaliteit(waarheid, GEVONDEN, RANKING)
    basis = resultaat()
    basis["regios"]["demo"]["rol"] = "keuze"
    basis["regios"]["eerlijk"]["rol"] = "eerlijk"
    basis["regios"]["rapport_1"] = {**basis["regios"]["demo"], "rol": "rapport", "seed": 9}
    basis["regios"]["rapport_1"]["detectie"] = rapport
    basis["rapportseeds"] = recall_over_regios({"rapport_1": rapport["recall_per_schema"]})
    kaart = detectiekaart(basis, REGISTER).splitlines()
    assert "| altijd_volledig | 1/1 (1.00) | – | – | 1/1 (1.00) |" in kaart
    assert "| groeisprong | – | – | 0/1 (0.00) | 0/1 (0.00) |" in kaart
    assert "| rapport_1 | groeisprong | B/2024 | sterk | vorm=intensiteit |" in kaart
    # The honest region flagged C (1 of 3 providers) with SPK01.
    assert "| eerlijk | 3 | 1 | 16.67 |" in kaart
    assert "| eerlijk | SPK01 | C |" in kaart


def test_kaart_noemt_gemarkeerde_lookalikes() -> None:
    basis = resultaat()
    basis["regios"]["demo"]["detectie"] = {
        **basis["regios"]["demo"]["detectie"],
        "lookalikes": {
            "totaal": 6,
            "gemarkeerd": [
                {"aanbieder_jaar": "H/2024", "soort": "hoge_realisatie", "indicatoren": ["UPC01"]}
            ],
        },
    }
    kaart = detectiekaart(basis, REGISTER).splitlines()
    assert "## Eerlijke look-alikes" in kaart
    assert "| demo | 6 | 1 | H/2024 (hoge_realisatie: UPC01) |" in kaart


def test_kaart_zonder_rollen_heeft_geen_sterktetabel() -> None:
    assert "sterkteband" not in detectiekaart(resultaat(), REGISTER)
