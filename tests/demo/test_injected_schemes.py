"""The scheme registry: one module per scheme, each registered once, and a new scheme is a
module plus a line in the registry."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import pipelines.demo.schemas
from pipelines.demo import generate_region
from pipelines.demo.declaraties import Maandregels
from pipelines.demo.injected_schemes import CATEGORIEEN, SCHEMA_PER_ID, SCHEMAS, Schema
from pipelines.demo.model import Context
from pipelines.demo.referentie import PROFIELEN
from pipelines.demo.schemas import VANAF_TWEEDE_JAAR

# A region with room for one provider more than the registry asks for.
REGIO = {"aantal_aanbieders": 40, "aantal_clienten": 800, "jaren": (2024, 2025)}


def schemamodules() -> list[str]:
    """The scheme modules in pipelines/demo/schemas/ (helpers start with an underscore)."""
    pad = pipelines.demo.schemas.__path__
    return sorted(m.name for m in pkgutil.iter_modules(pad) if not m.name.startswith("_"))


def test_elke_schemamodule_staat_een_keer_in_het_register_onder_zijn_eigen_naam() -> None:
    geregistreerd = [s.id for s in SCHEMAS]
    assert sorted(geregistreerd) == schemamodules()
    for naam in schemamodules():
        module = importlib.import_module(f"pipelines.demo.schemas.{naam}")
        eigen = [
            k
            for k in vars(module).values()
            if isinstance(k, type) and issubclass(k, Schema) and k.__module__ == module.__name__
        ]
        # One scheme class per module, and the registry's scheme of that name is made from it.
        assert len(eigen) == 1, naam
        assert type(SCHEMA_PER_ID[naam]) is eigen[0], naam


def test_elk_schema_heeft_een_bekende_categorie_en_een_bestaand_profiel() -> None:
    for schema in SCHEMAS:
        assert schema.categorie in CATEGORIEEN, schema.id
        assert schema.profiel in PROFIELEN, schema.id
        tekst = schema.omschrijving.format(regels=3, clienten=2, bedrag="€ 1,00")
        assert "3" in tekst and "2" in tekst and "€ 1,00" in tekst, schema.id


class Proefschema(Schema):
    """A scheme that only exists in this test: it marks its provider's own lines."""

    omschrijving = "{regels} regels ({bedrag}) voor {clienten} cliënten in de proef"

    def op_maandregels(self, ctx: Context, m: Maandregels, rng: np.random.Generator) -> None:
        m.tag[self.vrije_eigen_regels(ctx, m)] = ctx.tag(self.id)


def test_een_nieuw_schema_is_een_module_en_een_regel_in_het_register(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        generate_region,
        "SCHEMAS",
        (*SCHEMAS, Proefschema("proefschema", "volume", "HO", VANAF_TWEEDE_JAAR)),
    )
    samenvatting = generate_region.genereer_regio(tmp_path, **REGIO)
    grondwaarheid = pl.read_csv(tmp_path / "grondwaarheid.csv", infer_schema_length=0)
    proef = grondwaarheid.filter(pl.col("schema") == "proefschema")
    # Its own provider, only from the second year, described with its own text.
    assert proef["aanbieder_agb"].n_unique() == 1
    assert proef["jaar"].to_list() == ["2025"]
    assert proef["categorie"].to_list() == ["volume"]
    assert proef["omschrijving"].str.ends_with("cliënten in de proef").all()
    anderen = grondwaarheid.filter(pl.col("schema") != "proefschema")
    assert not set(proef["aanbieder_agb"]) & set(anderen["aanbieder_agb"])
    assert samenvatting.schemas == anderen.select("aanbieder_agb", "schema").n_unique() + 1
