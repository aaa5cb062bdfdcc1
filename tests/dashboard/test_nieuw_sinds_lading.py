"""'Nieuw sinds vorige lading': signals first seen after the latest load are counted as new."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from tests.dashboard.demo_db import kopie, publiceer_opnieuw


def test_eerste_berekening_heeft_geen_vorige_lading(maak_app: Callable[..., AppTest]) -> None:
    at = maak_app("toezicht")
    at.run()
    tegel = next(m for m in at.metric if m.label == "Nieuw sinds vorige lading")
    assert tegel.value == "–"
    at.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    assert (at.dataframe[0].value["nieuw"] == 0).all()


def test_signaal_na_nieuwe_lading_telt_als_nieuw(
    maak_app: Callable[..., AppTest], demo_db: Path, tmp_path: Path
) -> None:
    db = kopie(demo_db, tmp_path)
    with duckdb.connect(str(db)) as con:
        jaar, signaal_id, agb = con.execute(
            "select jaar, signaal_id, aanbieder_agb from marts.mart_signalen where gemarkeerd "
            "order by jaar desc, financieel_belang desc limit 1"
        ).fetchone()
        # As if every other signal was already there before the latest file was loaded.
        con.execute(
            "update beheer.signalen_eerst_gezien "
            "set bestand_id_bij_eerste_keer = bestand_id_bij_eerste_keer - 1 "
            "where signaal_id <> ?",
            [signaal_id],
        )
    publiceer_opnieuw(db)
    at = maak_app("toezicht", db=db, jaar=str(jaar))
    at.run()
    tegel = next(m for m in at.metric if m.label == "Nieuw sinds vorige lading")
    assert tegel.value == "1"
    at.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    ranking = at.dataframe[0].value
    assert ranking.loc[ranking["aanbieder_agb"] == agb, "nieuw"].tolist() == [1]
    assert ranking["nieuw"].sum() == 1
