"""The shared peer statistics (int_peer_statistiek): hand-made observations, expected z-scores.

Each method's formula is recomputed here in Python from the definitions in the model's header
(funnel on the arcsine scale, plain funnel, shift against an expected share, Poisson with
shrinkage, robust z with shrinkage) together with the overdispersion correction per indicator,
year and spreidingsgroep.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pipelines.database import open_for_writing
from pipelines.samengestelde_modellen import WAARNEMING_KOLOMMEN
from pipelines.settings import SQL_DIR
from pipelines.sql_runner import draai

DREMPELS = {
    "z_drempel": 3.0,
    "robuuste_z_drempel": 3.5,
    "robuuste_z_min_mad": 0.02,
    "materieel_min_eur": 1000.0,
}


def _waarde(x: Any, type_: str) -> str:
    type_ = type_ or "double"  # an amount has no fixed type in the long format
    if x is None:
        return f"null::{type_}"
    if isinstance(x, str):
        return f"'{x}'"
    return f"{x!r}::{type_}"


def _bereken(tmp_path: Path, waarnemingen: list[dict[str, Any]]) -> dict[tuple[Any, ...], Any]:
    """Run the real int_peer_statistiek over these observations; rows by (indicator, aanbieder)."""
    sql = tmp_path / "sql"
    (sql / "intermediate").mkdir(parents=True)
    (sql / "macros.sql").write_text((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    model = "int_peer_statistiek.sql"
    (sql / "intermediate" / model).write_text(
        (SQL_DIR / "intermediate" / model).read_text(encoding="utf-8")
    )
    rijen = ",\n".join(
        "(" + ", ".join(_waarde(w.get(k), t) for k, t in WAARNEMING_KOLOMMEN) + ")"
        for w in waarnemingen
    )
    namen = ", ".join(k for k, _ in WAARNEMING_KOLOMMEN)
    (sql / "intermediate" / "int_peer_waarnemingen.sql").write_text(
        f"select * from (values {rijen}) as w ({namen})"
    )
    con = open_for_writing(tmp_path / "peer.duckdb")
    draai(con, sql_dir=sql, drempels=DREMPELS)
    resultaat = con.execute("SELECT * FROM intermediate.int_peer_statistiek")
    namen_uit = [d[0] for d in resultaat.description]
    return {
        (r["indicator"], r["aanbieder_agb"]): r
        for r in (dict(zip(namen_uit, rij, strict=True)) for rij in resultaat.fetchall())
    }


def _phi(z: list[float]) -> float:
    laag, hoog = np.quantile(z, [0.1, 0.9])  # linear interpolation, as quantile_cont
    return max(1.0, float(np.mean(np.clip(z, laag, hoog) ** 2)))


def _hoek(p: float, p0: float, n: float) -> float:
    return 2 * math.sqrt(n) * (math.asin(math.sqrt(p)) - math.asin(math.sqrt(p0)))


def test_funnel_op_de_hoekschaal_met_overdispersie_per_groep(tmp_path: Path) -> None:
    # Two spreidingsgroepen of the same indicator and year: each gets its own phi. The wide
    # group is overdispersed (phi > 1), the narrow one is not (phi = 1).
    breed = [(2, 40), (5, 40), (8, 40), (12, 40), (20, 40), (3, 40), (30, 40), (9, 40)]
    smal = [(8, 40), (9, 40), (7, 40), (8, 40)]
    waarnemingen = [
        {"indicator": "A", "aanbieder_agb": f"b{i}", "jaar": 2024, "methode": "aandeel_hoek",
         "teller": t, "noemer": n, "referentiewaarde": 0.2, "spreidingsgroep": "breed"}
        for i, (t, n) in enumerate(breed)
    ] + [
        {"indicator": "A", "aanbieder_agb": f"s{i}", "jaar": 2024, "methode": "aandeel_hoek",
         "teller": t, "noemer": n, "referentiewaarde": 0.2, "spreidingsgroep": "smal"}
        for i, (t, n) in enumerate(smal)
    ]  # fmt: skip
    uit = _bereken(tmp_path, waarnemingen)

    for groep, prefix in ((breed, "b"), (smal, "s")):
        z = [_hoek(t / n, 0.2, n) for t, n in groep]
        phi = _phi(z)
        for i, zi in enumerate(z):
            rij = uit[("A", f"{prefix}{i}")]
            assert rij["z"] == pytest.approx(zi, rel=1e-12)
            assert rij["phi"] == pytest.approx(phi, rel=1e-12)
            assert rij["afwijking"] == pytest.approx(zi / math.sqrt(phi), rel=1e-12)
            assert rij["is_boven_drempel"] == (zi / math.sqrt(phi) > 3.0)
            sterkte = min(1.0, max(0.0, zi / math.sqrt(phi)) / 6.0)
            assert rij["sterkte"] == pytest.approx(sterkte, rel=1e-12)
    assert uit[("A", "b0")]["phi"] > 1
    assert uit[("A", "s0")]["phi"] == 1


def test_alleen_wie_meetelt_bepaalt_de_spreiding(tmp_path: Path) -> None:
    # A tiny provider with an extreme count is judged but does not widen the peers' spread.
    basis = [
        {"indicator": "K", "aanbieder_agb": f"a{i}", "jaar": 2024, "methode": "telling",
         "teller": t, "noemer": 50, "referentiewaarde": 0.1, "krimp": 10,
         "telt_voor_spreiding": True}
        for i, t in enumerate([2, 5, 9, 4, 6, 3, 12, 5])
    ]  # fmt: skip
    klein = {"indicator": "K", "aanbieder_agb": "klein", "jaar": 2024, "methode": "telling",
             "teller": 9, "noemer": 4, "referentiewaarde": 0.1, "krimp": 10,
             "telt_voor_spreiding": False}  # fmt: skip
    uit = _bereken(tmp_path, [*basis, klein])

    def z(t: float, n: float) -> float:
        return 2 * (math.sqrt(t + 10 * 0.1 + 0.375) - math.sqrt((n + 10) * 0.1 + 0.375))

    phi = _phi([z(w["teller"], 50) for w in basis])
    rij = uit[("K", "klein")]
    assert rij["teller_gekrompen"] == pytest.approx(9 + 10 * 0.1)
    assert rij["z"] == pytest.approx(z(9, 4), rel=1e-12)
    assert rij["phi"] == pytest.approx(phi, rel=1e-12)
    assert rij["afwijking"] == pytest.approx(z(9, 4) / math.sqrt(phi), rel=1e-12)


def test_gewone_funnel_verschuiving_en_robuust_met_richting(tmp_path: Path) -> None:
    waarnemingen = [
        # Plain funnel without width (p0 = 0): z is 0, not null.
        {"indicator": "P", "aanbieder_agb": "x", "jaar": 2024, "methode": "aandeel",
         "teller": 0, "noemer": 30, "referentiewaarde": 0.0},
        {"indicator": "P", "aanbieder_agb": "y", "jaar": 2024, "methode": "aandeel",
         "teller": 6, "noemer": 30, "referentiewaarde": 0.1},
        # Shift: this year's share against the expected one, noise of both years.
        {"indicator": "V", "aanbieder_agb": "x", "jaar": 2024, "methode": "verschuiving",
         "teller": 18, "noemer": 40, "noemer_vorig": 35, "referentiewaarde": 0.25},
        # Robust z after shrinkage, where too low is the risk (richting -1).
        {"indicator": "R", "aanbieder_agb": "laag", "jaar": 2024, "methode": "robuust",
         "waarde": 0.40, "noemer": 60, "krimp": 24, "referentiewaarde": 0.9, "mad": 0.05,
         "richting": -1, "financieel_belang": 999.99},
        {"indicator": "R", "aanbieder_agb": "gelijk", "jaar": 2024, "methode": "robuust",
         "waarde": 0.9, "noemer": 60, "krimp": 24, "referentiewaarde": 0.9, "mad": 0.0,
         "financieel_belang": 1000.0},
    ]  # fmt: skip
    uit = _bereken(tmp_path, waarnemingen)

    assert uit[("P", "x")]["z"] == 0
    assert uit[("P", "y")]["z"] == pytest.approx((0.2 - 0.1) / math.sqrt(0.1 * 0.9 / 30))

    verwacht = 2 * (math.asin(math.sqrt(18 / 40)) - math.asin(math.sqrt(0.25)))
    verwacht /= math.sqrt(1 / 40 + 1 / 35)
    assert uit[("V", "x")]["z"] == pytest.approx(verwacht, rel=1e-12)

    gewicht = 60 / (60 + 24)
    gekrompen = gewicht * 0.40 + (1 - gewicht) * 0.9
    z = (gekrompen - 0.9) / (1.4826 * 0.05)
    laag = uit[("R", "laag")]
    assert laag["gewicht"] == pytest.approx(gewicht)
    assert laag["phi"] == 1  # the MAD is already the peers' spread
    assert laag["afwijking"] == pytest.approx(z, rel=1e-12)
    assert laag["is_boven_drempel"] is True  # z = -4,3: below -3,5 is the risk
    assert laag["sterkte"] == pytest.approx(min(1.0, -z / 7.0))
    assert laag["is_materieel"] is False  # € 999,99 < materieel_min_eur
    # Identical peers: the minimum MAD keeps z finite; exactly the median is no finding.
    gelijk = uit[("R", "gelijk")]
    assert gelijk["afwijking"] == 0
    assert gelijk["is_boven_drempel"] is False
    assert gelijk["is_materieel"] is True


def test_een_eigen_drempel_geldt_voor_de_waarneming_die_hem_meegeeft(tmp_path: Path) -> None:
    # The strongest of five growth components (VOL01) brings a threshold corrected for five
    # tests; the same z without it is judged on the single-test robust threshold (3,5).
    robuust = {"jaar": 2024, "methode": "robuust", "waarde": 0.30, "noemer": 1000,
               "krimp": 0, "referentiewaarde": 0.0, "mad": 0.04}  # fmt: skip
    uit = _bereken(
        tmp_path,
        [
            {"indicator": "G", "aanbieder_agb": "vijf_toetsen", "eigen_drempel": 3.91, **robuust},
            {"indicator": "G", "aanbieder_agb": "een_toets", **robuust},
        ],
    )
    z = 0.30 / (1.4826 * 0.04)  # 5,06 · shrinkage weight 1000/1000
    vijf, een = uit[("G", "vijf_toetsen")], uit[("G", "een_toets")]
    assert vijf["afwijking"] == pytest.approx(z) == een["afwijking"]
    assert vijf["drempel"] == 3.91 and een["drempel"] == 3.5
    assert vijf["sterkte"] == pytest.approx(z / (2 * 3.91))
    assert een["sterkte"] == pytest.approx(min(1.0, z / 7.0))

    # Between the two thresholds only the single test is flagged.
    tussen = {**robuust, "waarde": 0.22}  # z 3,71
    uit = _bereken(
        tmp_path / "tussen",
        [
            {"indicator": "G", "aanbieder_agb": "vijf_toetsen", "eigen_drempel": 3.91, **tussen},
            {"indicator": "G", "aanbieder_agb": "een_toets", **tussen},
        ],
    )
    assert uit[("G", "vijf_toetsen")]["is_boven_drempel"] is False
    assert uit[("G", "een_toets")]["is_boven_drempel"] is True
