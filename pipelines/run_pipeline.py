"""`signaalmonitor run`: the SQL pipelines plus the Python models, in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from pipelines.scoring.outlier_model import KOP, bereken_profielsignalen
from pipelines.sql_runner import Model, RunResultaat, draai, lees_drempels


def python_modellen() -> list[Model]:
    return [
        Model(
            "ind_afwijkend_profiel",
            "indicators",
            sql="",
            kop=KOP,
            afhankelijk_van={
                "intermediate.int_declaratieregels_status",
                "intermediate.int_declaraties_gesaldeerd",
                "stg.stg_producten",
            },
            python=bereken_profielsignalen,
        )
    ]


def voer_uit(
    con: duckdb.DuckDBPyConnection,
    drempels_pad: Path | None = None,
    voortgang: Callable[[str], None] | None = None,
    selectie: Sequence[str] | None = None,
    volledig: bool = False,
) -> RunResultaat:
    drempels = lees_drempels(drempels_pad)
    return draai(
        con,
        drempels=drempels,
        python_modellen=python_modellen(),
        voortgang=voortgang,
        selectie=selectie,
        volledig=volledig,
    )
