"""Detection scoring of the bench on small hand-written regions: every figure the card reports."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from bench.scoring import (
    IngebrachtSchema,
    Lookalike,
    Rang,
    Signaal,
    detectiekwaliteit,
    fout_positieven_per_categorie,
    gemarkeerde_aanbieders,
    gemarkeerde_categorieen,
    gemarkeerde_lookalikes,
    gemiddelde_fp_rate,
    per_vijftig,
    precision_at_k,
    recall_over_regios,
    recall_per_schema,
    recall_totaal,
    schemas_per_aanbieder_jaar,
    telling_per_indicator,
    vlagpercentage,
)


def schema(naam: str, categorie: str, agb: str, jaar: int) -> IngebrachtSchema:
    return IngebrachtSchema(schema=naam, categorie=categorie, aanbieder_agb=agb, jaar=jaar)


def signaal(
    indicator: str, categorie: str, agb: str, jaar: int, gemarkeerd: bool = True
) -> Signaal:
    return Signaal(
        indicator=indicator,
        categorie=categorie,
        aanbieder_agb=agb,
        jaar=jaar,
        gemarkeerd=gemarkeerd,
    )


# A region of four providers over two years. Schemes: A upcodes in 2024 and 2025, B has
# phantom care in 2024, C's volume jumps in 2025. D is honest.
WAARHEID = [
    schema("boven_contracttarief", "upcoding", "A", 2024),
    schema("boven_contracttarief", "upcoding", "A", 2025),
    schema("dubbele_declaraties", "spookzorg", "B", 2024),
    schema("groeisprong", "volume", "C", 2025),
]
SIGNALEN = [
    signaal("UPC01", "upcoding", "A", 2024),  # finds A 2024
    signaal("UPC01", "upcoding", "A", 2025, gemarkeerd=False),  # computed, not flagged: missed
    signaal("SPK01", "spookzorg", "B", 2024),  # finds B 2024
    signaal("KWA03", "kwaliteit", "B", 2024),  # flagged, but B's scheme is spookzorg: false pos.
    signaal("VOL01", "volume", "C", 2024),  # right category, wrong year: false positive
    signaal("UPC01", "upcoding", "D", 2025),  # honest provider flagged: false positive
    signaal("UPC01", "upcoding", "D", 2024, gemarkeerd=False),
]
RANKING = [
    Rang("A", 2024, 1),
    Rang("D", 2024, 2),
    Rang("B", 2024, 3),
    Rang("C", 2024, 4),
    Rang("D", 2025, 1),
    Rang("C", 2025, 2),
    Rang("A", 2025, 3),
    Rang("B", 2025, 4),
]
ALLE = {(r.aanbieder_agb, r.jaar) for r in RANKING}


def test_schemas_en_markeringen_per_aanbieder_jaar() -> None:
    assert schemas_per_aanbieder_jaar(WAARHEID) == {
        ("A", 2024): {"upcoding"},
        ("A", 2025): {"upcoding"},
        ("B", 2024): {"spookzorg"},
        ("C", 2025): {"volume"},
    }
    # Only flagged signals count; an unflagged one leaves no trace.
    assert gemarkeerde_categorieen(SIGNALEN) == {
        ("A", 2024): {"upcoding"},
        ("B", 2024): {"spookzorg", "kwaliteit"},
        ("C", 2024): {"volume"},
        ("D", 2025): {"upcoding"},
    }


def test_recall_per_schema_telt_alleen_de_eigen_categorie_in_het_eigen_jaar() -> None:
    gemarkeerd = gemarkeerde_categorieen(SIGNALEN)
    assert recall_per_schema(WAARHEID, gemarkeerd) == {
        "boven_contracttarief": {
            "categorie": "upcoding",
            "gevonden": 1,
            "totaal": 2,
            "gemist": ["A/2025"],
            "per_sterkte": {"onbekend": {"gevonden": 1, "totaal": 2}},
            "gemist_details": [{"aanbieder_jaar": "A/2025", "sterkte": "", "parameters": ""}],
        },
        "dubbele_declaraties": {
            "categorie": "spookzorg",
            "gevonden": 1,
            "totaal": 1,
            "gemist": [],
            "per_sterkte": {"onbekend": {"gevonden": 1, "totaal": 1}},
            "gemist_details": [],
        },
        # C was flagged for volume, but in 2024; its scheme is in 2025.
        "groeisprong": {
            "categorie": "volume",
            "gevonden": 0,
            "totaal": 1,
            "gemist": ["C/2025"],
            "per_sterkte": {"onbekend": {"gevonden": 0, "totaal": 1}},
            "gemist_details": [{"aanbieder_jaar": "C/2025", "sterkte": "", "parameters": ""}],
        },
    }


def test_recall_in_een_andere_categorie_is_geen_vondst() -> None:
    waarheid = [schema("dubbele_declaraties", "spookzorg", "B", 2024)]
    gemarkeerd = gemarkeerde_categorieen([signaal("KWA03", "kwaliteit", "B", 2024)])
    assert recall_per_schema(waarheid, gemarkeerd)["dubbele_declaraties"]["gevonden"] == 0


def test_recall_totaal_over_alle_schemas() -> None:
    per_schema = recall_per_schema(WAARHEID, gemarkeerde_categorieen(SIGNALEN))
    assert recall_totaal(per_schema) == 0.5  # 2 of 4 provider-years
    assert recall_totaal({}) is None
    # Rounded to three decimals: 2 of 3.
    drie = {"x": {"gevonden": 2, "totaal": 3}}
    assert recall_totaal(drie) == 0.667


def test_fout_positieven_per_categorie_noemer_zonder_eigen_schema() -> None:
    schemas_per = schemas_per_aanbieder_jaar(WAARHEID)
    fp = fout_positieven_per_categorie(ALLE, schemas_per, gemarkeerde_categorieen(SIGNALEN))
    # upcoding: 8 provider-years, A 2024 and A 2025 have the scheme -> 6 remain; D 2025 flagged.
    assert fp["upcoding"] == {"aantal": 1, "van": 6, "fp_rate": 0.1667, "voorbeelden": ["D/2025"]}
    # spookzorg: B 2024 has the scheme and is flagged -> not a false positive.
    assert fp["spookzorg"] == {"aantal": 0, "van": 7, "fp_rate": 0.0, "voorbeelden": []}
    # volume: C 2025 has the scheme; C 2024 flagged -> a false positive.
    assert fp["volume"] == {"aantal": 1, "van": 7, "fp_rate": 0.1429, "voorbeelden": ["C/2024"]}
    # kwaliteit: no scheme anywhere; B 2024 flagged -> counts, though B has a real scheme.
    assert fp["kwaliteit"] == {"aantal": 1, "van": 8, "fp_rate": 0.125, "voorbeelden": ["B/2024"]}
    assert fp["stapeling"] == {"aantal": 0, "van": 8, "fp_rate": 0.0, "voorbeelden": []}
    assert list(fp) == ["spookzorg", "upcoding", "stapeling", "volume", "kwaliteit"]


def test_fout_positieven_zonder_noemer_en_hoogstens_tien_voorbeelden() -> None:
    alle = {(f"P{i:02d}", 2024) for i in range(12)}
    gemarkeerd = {k: {"volume"} for k in alle}
    fp = fout_positieven_per_categorie(alle, {}, gemarkeerd, categorieen=("volume",))
    assert fp["volume"]["aantal"] == 12
    assert fp["volume"]["fp_rate"] == 1.0
    assert fp["volume"]["voorbeelden"] == [f"P{i:02d}/2024" for i in range(10)]
    # Every provider-year has a volume scheme: nothing to be wrong about.
    overal = {k: {"volume"} for k in alle}
    leeg = fout_positieven_per_categorie(alle, overal, gemarkeerd, categorieen=("volume",))
    assert leeg["volume"] == {"aantal": 0, "van": 0, "fp_rate": None, "voorbeelden": []}


def test_gemiddelde_fp_rate_slaat_lege_categorieen_over() -> None:
    per_categorie: dict[str, dict[str, Any]] = {
        "a": {"fp_rate": 0.1},
        "b": {"fp_rate": None},
        "c": {"fp_rate": 0.0},
        "d": {"fp_rate": 0.02},
    }
    assert gemiddelde_fp_rate(per_categorie) == 0.04
    assert gemiddelde_fp_rate({"a": {"fp_rate": None}}) is None


def test_precision_at_k_per_jaar_met_k_het_aantal_schema_aanbieders() -> None:
    precisie = precision_at_k(RANKING, schemas_per_aanbieder_jaar(WAARHEID))
    assert precisie == {
        # 2024: A and B have schemes (k=2); top 2 = A, D -> one hit.
        "2024": {"k": 2, "raak": 1, "precision_at_k": 0.5},
        # 2025: A and C (k=2); top 2 = D, C -> one hit.
        "2025": {"k": 2, "raak": 1, "precision_at_k": 0.5},
    }


def test_precision_at_k_volgt_de_rang_niet_de_volgorde_van_de_rijen() -> None:
    schemas_per = {("A", 2024): {"upcoding"}}
    # Z's first place is in another year's ranking and takes no place in 2024's top k.
    ranking = [Rang("Z", 2023, 1), Rang("B", 2024, 2), Rang("A", 2024, 1), Rang("C", 2024, 3)]
    assert precision_at_k(ranking, schemas_per) == {
        "2024": {"k": 1, "raak": 1, "precision_at_k": 1.0}
    }
    # A year without schemes has no k and is left out.
    assert precision_at_k([Rang("A", 2023, 1)], schemas_per) == {}
    # Three decimals: 2 of the top 3.
    drie = {(a, 2024): {"volume"} for a in ("A", "B", "Z")}
    ranking = [Rang(a, 2024, r) for r, a in enumerate(("A", "C", "B", "Z"), start=1)]
    assert precision_at_k(ranking, drie)["2024"] == {"k": 3, "raak": 2, "precision_at_k": 0.667}


def test_vlagpercentage_aanbieder_jaren_met_enig_gemarkeerd_signaal() -> None:
    assert vlagpercentage(gemarkeerde_categorieen(SIGNALEN), ALLE) == 0.5  # 4 of 8
    assert vlagpercentage({}, ALLE) == 0.0
    assert vlagpercentage({}, set()) is None


def test_telling_per_indicator_terecht_en_onterecht() -> None:
    telling = telling_per_indicator(SIGNALEN, schemas_per_aanbieder_jaar(WAARHEID))
    assert telling == {
        "KWA03": {"signalen": 1, "onterecht": 1},
        "SPK01": {"signalen": 1, "terecht": 1},
        "UPC01": {"signalen": 4, "terecht": 1, "onterecht": 1},
        "VOL01": {"signalen": 1, "onterecht": 1},
    }
    assert list(telling) == sorted(telling)


def test_detectiekwaliteit_van_de_hele_regio() -> None:
    detectie = detectiekwaliteit(WAARHEID, SIGNALEN, RANKING)
    assert detectie["recall_totaal"] == 0.5
    assert detectie["gemiddelde_fp_rate"] == round((0.0 + 0.1667 + 0.0 + 0.1429 + 0.125) / 5, 4)
    assert detectie["vlagpercentage"] == 0.5
    assert detectie["precision_at_k"]["2025"]["raak"] == 1
    assert detectie["recall_per_schema"]["groeisprong"]["gemist"] == ["C/2025"]
    assert detectie["per_indicator"]["UPC01"] == {"signalen": 4, "terecht": 1, "onterecht": 1}
    assert list(detectie) == [
        "recall_totaal",
        "recall_per_schema",
        "fp_per_categorie",
        "gemiddelde_fp_rate",
        "precision_at_k",
        "vlagpercentage",
        "per_indicator",
        "aanbieders",
        "aanbieders_gemarkeerd",
        "gemarkeerd_per_50",
        "gemarkeerd_per_indicator",
        "lookalikes",
    ]


def test_eerlijke_regio_heeft_geen_recall_en_geen_precisie() -> None:
    signalen = [signaal("UPC01", "upcoding", "D", 2025)]
    detectie = detectiekwaliteit([], signalen, RANKING)
    assert detectie["recall_totaal"] is None
    assert detectie["recall_per_schema"] == {}
    assert detectie["precision_at_k"] == {}
    assert detectie["vlagpercentage"] == 0.125
    assert detectie["fp_per_categorie"]["upcoding"]["fp_rate"] == 0.125


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_volgorde_van_signalen_en_ranking_verandert_niets(seed: int) -> None:
    """The database returns rows in no fixed order; the written figures must not depend on it."""
    signalen, ranking = list(SIGNALEN), list(RANKING)
    random.Random(seed).shuffle(signalen)
    random.Random(seed).shuffle(ranking)
    verwacht = json.dumps(detectiekwaliteit(WAARHEID, SIGNALEN, RANKING))
    assert json.dumps(detectiekwaliteit(WAARHEID, signalen, ranking)) == verwacht


def test_recall_per_sterkte_en_gemiste_schemas_met_hun_parameters() -> None:
    waarheid = [
        IngebrachtSchema("altijd_volledig", "spookzorg", "A", 2024, "zwak", "aandeel=0,40"),
        IngebrachtSchema("altijd_volledig", "spookzorg", "A", 2025, "zwak", "aandeel=0,40"),
        IngebrachtSchema("groeisprong", "volume", "B", 2025, "sterk", "factor=2,00"),
    ]
    gemarkeerd = gemarkeerde_categorieen(
        [signaal("SPK05", "spookzorg", "A", 2024), signaal("VOL01", "volume", "B", 2025)]
    )
    per_schema = recall_per_schema(waarheid, gemarkeerd)
    assert per_schema["altijd_volledig"]["per_sterkte"] == {"zwak": {"gevonden": 1, "totaal": 2}}
    assert per_schema["altijd_volledig"]["gemist_details"] == [
        {"aanbieder_jaar": "A/2025", "sterkte": "zwak", "parameters": "aandeel=0,40"}
    ]
    # Summed over two regions (the rapportseeds): per scheme, per band and in total.
    samen = recall_over_regios({"r1": per_schema, "r2": per_schema})
    assert samen["per_schema"]["altijd_volledig"] == {
        "zwak": {"gevonden": 2, "totaal": 4},
        "totaal": {"gevonden": 2, "totaal": 4},
    }
    assert samen["per_sterkte"] == {
        "zwak": {"gevonden": 2, "totaal": 4},
        "totaal": {"gevonden": 4, "totaal": 6},
        "sterk": {"gevonden": 2, "totaal": 2},
    }
    assert samen["recall"] == 0.667
    assert [(m["regio"], m["schema"], m["sterkte"]) for m in samen["gemist"]] == [
        ("r1", "altijd_volledig", "zwak"),
        ("r2", "altijd_volledig", "zwak"),
    ]
    assert recall_over_regios({})["recall"] is None


def test_gemarkeerde_aanbieders_per_indicator_en_per_vijftig() -> None:
    signalen = [
        signaal("VOL01", "volume", "B", 2024),
        signaal("VOL01", "volume", "B", 2025),
        signaal("SPK05", "spookzorg", "A", 2025),
        Signaal("SPK05", "spookzorg", "C", 2025, False),
    ]
    assert gemarkeerde_aanbieders(signalen) == {"SPK05": ["A"], "VOL01": ["B"]}
    assert per_vijftig(3, 88) == 1.7
    assert per_vijftig(0, 0) is None
    detectie = detectiekwaliteit([], signalen, RANKING)
    # Two of four providers flagged, whatever the number of years: 25 per 50.
    assert (detectie["aanbieders"], detectie["aanbieders_gemarkeerd"]) == (4, 2)
    assert detectie["gemarkeerd_per_50"] == 25.0


def test_gemarkeerde_lookalikes_in_elke_categorie() -> None:
    lookalikes = [
        Lookalike("H", 2024, "hoge_realisatie"),
        Lookalike("H", 2025, "hoge_realisatie"),
        Lookalike("K", 2024, "kleine_aanbieder"),
    ]
    signalen = [
        signaal("UPC01", "upcoding", "H", 2024),
        signaal("SPK05", "spookzorg", "H", 2024),
        Signaal("SPK05", "spookzorg", "H", 2025, False),
        signaal("KWA02", "kwaliteit", "A", 2024),
    ]
    uitkomst = gemarkeerde_lookalikes(lookalikes, signalen)
    assert uitkomst == {
        "totaal": 3,
        "gemarkeerd": [
            {
                "aanbieder_jaar": "H/2024",
                "soort": "hoge_realisatie",
                "indicatoren": ["SPK05", "UPC01"],
            }
        ],
    }
    assert detectiekwaliteit([], signalen, RANKING, lookalikes)["lookalikes"] == uitkomst
    assert detectiekwaliteit([], signalen, RANKING)["lookalikes"] == {"totaal": 0, "gemarkeerd": []}
