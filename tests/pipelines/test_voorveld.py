"""Voorveld zoals de regio het doel stelt: maandtellingen met de hand, basisjaar, pad, status."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines import voorveld

DOEL = voorveld.VoorveldDoel(
    percelen=("Begeleiding", "Dagbesteding"),
    basisjaar=0,
    doeljaar=2028,
    afname_minimaal=0.20,
    afname_maximaal=0.40,
    bron="test",
)


def _telling(rijen: list[tuple[int, int, str | None, str, int, bool]]) -> pl.DataFrame:
    return pl.DataFrame(
        rijen,
        schema={
            "jaar": pl.Int64,
            "maand": pl.Int64,
            "gemeentecode": pl.String,
            "perceel": pl.String,
            "aantal_clienten": pl.Int64,
            "is_afgeschermd": pl.Boolean,
        },
        orient="row",
    )


def _maanden(per_jaar: dict[int, int]) -> pl.DataFrame:
    return pl.DataFrame(
        [(j, m) for j, n in per_jaar.items() for m in range(1, n + 1)],
        schema={"jaar": pl.Int64, "maand": pl.Int64},
        orient="row",
    )


def _rij(meting: pl.DataFrame, gemeente: str | None, jaar: int) -> dict[str, object]:
    [rij] = meting.filter(
        pl.col("gemeentecode").eq_missing(gemeente) & (pl.col("jaar") == jaar)
    ).to_dicts()
    return rij


def test_basisjaar_is_eerste_volle_jaar_en_lopend_jaar_telt_per_maand() -> None:
    # 2023 has 6 months of data, 2024 twelve, 2026 three (the current year).
    rijen = []
    for m in range(7, 13):
        rijen.append((2023, m, "0001", "Begeleiding", 99, False))
    for m in range(1, 13):
        rijen.append((2024, m, "0001", "Begeleiding", 40, False))
        rijen.append((2024, m, "0001", "Dagbesteding", 10, False))
        # Huishoudelijke ondersteuning is not to move: it never counts.
        rijen.append((2024, m, "0001", "Huishoudelijke ondersteuning", 500, False))
    for m in range(1, 4):
        rijen.append((2026, m, "0001", "begeleiding", 30, False))  # case does not matter
        rijen.append((2026, m, "0001", "Dagbesteding", 5, False))
    maanden = _maanden({2023: 6, 2024: 12, 2026: 3})
    meting = voorveld.meet(_telling(rijen), maanden, DOEL)
    assert voorveld.gekozen_basisjaar(maanden, DOEL) == 2024
    basis = _rij(meting, "0001", 2024)
    assert basis["clienten_per_maand"] == pytest.approx(50.0)
    assert basis["status"] == voorveld.BASISJAAR
    nu = _rij(meting, "0001", 2026)
    # Three months of 35: the average, not the year total over three months.
    assert nu["clienten_per_maand"] == pytest.approx(35.0)
    assert nu["afname"] == pytest.approx(0.30)
    # Two of four years to 2028: the path is 10%-20% by now, and 30% is ahead of it.
    assert (nu["pad_minimaal"], nu["pad_maximaal"]) == (pytest.approx(0.10), pytest.approx(0.20))
    assert nu["status"] == voorveld.VOOR
    assert _rij(meting, "0001", 2023)["status"] == voorveld.VOOR_BASISJAAR


def test_maand_zonder_rijen_telt_als_nul_en_status_achter_en_op_het_pad() -> None:
    rijen = [(2024, m, None, "Begeleiding", 100, False) for m in range(1, 13)]
    # 2025: twelve months of data in the region, but this perceel only in six of them with 190.
    rijen += [(2025, m, None, "Begeleiding", 190, False) for m in range(1, 7)]
    # gemeente 0002: from 100 to 95 per month (5%), then with one month of 200 behind the path.
    rijen += [(2024, m, "0002", "Begeleiding", 100, False) for m in range(1, 13)]
    rijen += [(2025, m, "0002", "Begeleiding", 95, False) for m in range(1, 13)]
    meting = voorveld.meet(_telling(rijen), _maanden({2024: 12, 2025: 12}), DOEL)
    regio = _rij(meting, None, 2025)
    assert regio["clienten_per_maand"] == pytest.approx(95.0)
    assert regio["afname"] == pytest.approx(0.05)
    # One of four years: path 5%-10%; 5% is on it (the edge counts).
    assert regio["status"] == voorveld.OP_PAD
    rijen[-1] = (2025, 12, "0002", "Begeleiding", 200, False)
    meting = voorveld.meet(_telling(rijen), _maanden({2024: 12, 2025: 12}), DOEL)
    assert _rij(meting, "0002", 2025)["status"] == voorveld.ACHTER


def test_afgeschermde_maand_schermt_het_jaar_af() -> None:
    rijen = [(2024, m, "0003", "Begeleiding", 8, False) for m in range(1, 13)]
    rijen += [(2025, m, "0003", "Begeleiding", 8, False) for m in range(1, 12)]
    rijen += [(2025, 12, "0003", "Begeleiding", None, True)]  # type: ignore[list-item]
    meting = voorveld.meet(_telling(rijen), _maanden({2024: 12, 2025: 12}), DOEL)
    rij = _rij(meting, "0003", 2025)
    assert rij["is_afgeschermd"] is True
    assert rij["clienten_per_maand"] is None
    assert rij["afname"] is None and rij["status"] == ""


def test_ingesteld_basisjaar_en_lege_telling() -> None:
    doel = voorveld.VoorveldDoel(("Dagbesteding",), 2025, 2027, 0.1, 0.2, "")
    rijen = [(j, m, "0001", "Dagbesteding", 20, False) for j in (2024, 2025) for m in (1, 2)]
    maanden = _maanden({2024: 2, 2025: 2})
    assert voorveld.gekozen_basisjaar(maanden, doel) == 2025
    meting = voorveld.meet(_telling(rijen), maanden, doel)
    assert _rij(meting, "0001", 2025)["status"] == voorveld.BASISJAAR
    assert voorveld.meet(_telling([]), maanden, doel).is_empty()


def test_meegeleverd_doel_is_westfriesland() -> None:
    doel = voorveld.lees_doel()
    assert doel.percelen == ("Begeleiding", "Dagbesteding")
    assert (doel.doeljaar, doel.afname_minimaal, doel.afname_maximaal) == (2028, 0.20, 0.40)
    assert "Westfriesland" in doel.bron


@pytest.mark.parametrize(
    ("regel", "melding"),
    [
        ("percelen = []", "'percelen'"),
        ('percelen = "Begeleiding"', "'percelen'"),
        ("basisjaar = 1999", "'basisjaar'"),
        ("basisjaar = true", "'basisjaar'"),
        ("doeljaar = 2020\nbasisjaar = 2024", "'doeljaar'"),
        ("afname_minimaal = 1.5", "'afname_minimaal'"),
        ("afname_maximaal = nan", "'afname_maximaal'"),
        ("afname_minimaal = 0.5\nafname_maximaal = 0.4", "'afname_minimaal'"),
        ("bron = 3", "'bron'"),
        ("percelen = [", "geen geldige TOML"),
    ],
)
def test_ongeldig_doel_geeft_nederlandse_melding(tmp_path: Path, regel: str, melding: str) -> None:
    standaard = {
        "percelen": 'percelen = ["Begeleiding"]',
        "basisjaar": "basisjaar = 0",
        "doeljaar": "doeljaar = 2028",
        "afname_minimaal": "afname_minimaal = 0.2",
        "afname_maximaal": "afname_maximaal = 0.4",
    }
    vervangen = {r.split("=")[0].strip() for r in regel.splitlines()}
    tekst = "\n".join([v for k, v in standaard.items() if k not in vervangen] + [regel])
    (tmp_path / voorveld.BESTAND).write_text(tekst, encoding="utf-8")
    with pytest.raises(voorveld.OngeldigVoorveldDoel, match=melding):
        voorveld.lees_doel(tmp_path)
