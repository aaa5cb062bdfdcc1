"""Schemes at several strengths: the band and parameters are drawn per seed, stay inside the
band's ranges, are written to grondwaarheid.csv and change what is injected."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from pipelines.demo.generate_region import maak_tabellen
from pipelines.demo.injected_schemes import SCHEMAS
from pipelines.demo.schemas import STERKTES, Geheel, Keuze, Uniform

KLEIN = {"aantal_aanbieders": 30, "aantal_clienten": 800, "jaren": (2024, 2025)}


def test_getrokken_parameters_liggen_in_het_bereik_van_hun_band() -> None:
    for schema in SCHEMAS:
        for seed in range(40):
            p = schema.trek_parameters(np.random.default_rng(seed))
            assert p.sterkte in STERKTES
            for naam, waarde in p.waarden.items():
                if naam == "startmaand":
                    assert 1 <= int(waarde) <= 7
                    continue
                bereik = schema.banden[p.sterkte][naam]
                if isinstance(bereik, Keuze):
                    assert waarde in bereik.opties, (schema.id, naam)
                elif isinstance(bereik, Geheel | Uniform):
                    assert bereik.laag <= float(waarde) <= bereik.hoog, (schema.id, naam)


def test_over_seeds_komt_elke_band_voor() -> None:
    gezien = {s.id: set() for s in SCHEMAS}
    for seed in range(30):
        rng = np.random.default_rng(seed)
        for schema in SCHEMAS:
            gezien[schema.id].add(schema.trek_parameters(rng).sterkte)
    assert all(banden == set(STERKTES) for banden in gezien.values()), gezien


def test_grondwaarheid_noemt_band_en_parameters() -> None:
    regio = maak_tabellen(**KLEIN)
    waarheid = regio.antwoorden["grondwaarheid"]
    assert set(waarheid["sterkte"]) <= set(STERKTES)
    assert waarheid["parameters"].str.len_chars().min() > 0
    # One band per scheme in a region.
    assert waarheid.group_by("schema").agg(pl.col("sterkte").n_unique())["sterkte"].max() == 1


def test_een_gekozen_sterkte_geldt_voor_elk_schema() -> None:
    waarheid = maak_tabellen(**KLEIN, sterkte="zwak").antwoorden["grondwaarheid"]
    # The onderaannemer without akkoord (#13) is a contract fact without strength bands.
    waarheid = waarheid.filter(pl.col("schema") != "onderaannemer_zonder_akkoord")
    assert set(waarheid["sterkte"]) == {"zwak"}
    with pytest.raises(ValueError, match="onbekende sterkte"):
        maak_tabellen(**KLEIN, sterkte="heel sterk")


def test_zwak_raakt_minder_regels_dan_sterk() -> None:
    def regels(sterkte: str) -> dict[str, int]:
        waarheid = maak_tabellen(**KLEIN, sterkte=sterkte).antwoorden["grondwaarheid"]
        aantallen = waarheid.select(
            "schema", pl.col("omschrijving").str.extract(r"(\d[\d.]*)").str.replace_all(r"\.", "")
        )
        return {
            s: int(n)
            for s, n in aantallen.group_by("schema")
            .agg(pl.col("omschrijving").cast(pl.Int64).sum())
            .iter_rows()
        }

    zwak, sterk = regels("zwak"), regels("sterk")
    # Schemes that act on a share of lines or clients leave fewer lines when weak.
    for schema in ("altijd_volledig", "dubbele_declaratie", "zwaarder_dan_toegewezen"):
        assert zwak[schema] < sterk[schema], schema
