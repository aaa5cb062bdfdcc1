"""The signals of the toegang on the provider page: toezicht sees each signal with its date and
text, contractmanagement only counts per kwartaal and soort, with small counts left empty."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
from streamlit.testing.v1 import AppTest

from dashboard import roles
from dashboard.queries.aanbieder_profiel import toegang_per_kwartaal
from tests.conftest import rijen_uit
from tests.dashboard.conftest import alle_tekst

TABBLAD = "Signalen van de toegang"


def _aanbieder_met_de_meeste_signalen(db: Path) -> tuple[str, int]:
    [(agb, jaar)] = rijen_uit(
        db,
        "select aanbieder_agb, jaar from marts.mart_toegangssignalen "
        "group by all order by count(*) desc, aanbieder_agb, jaar limit 1",
    )
    return agb, jaar


def _open(maak_app: Callable[..., AppTest], rol: str, agb: str, jaar: int) -> AppTest:
    at = maak_app(rol, aanbieder=agb, jaar=str(jaar))
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _tabblad(at: AppTest) -> AppTest:
    [tab] = [t for t in at.tabs if t.label == TABBLAD]
    return tab  # type: ignore[return-value]


def test_toezicht_ziet_elk_signaal_met_datum_en_soort(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    agb, jaar = _aanbieder_met_de_meeste_signalen(demo_db)
    verwacht = rijen_uit(
        demo_db,
        "select datum, soort, omschrijving from marts.mart_toegangssignalen "
        "where aanbieder_agb = ? and jaar = ? order by datum, soort, omschrijving",
        [agb, jaar],
    )
    at = _open(maak_app, roles.TOEZICHT, agb, jaar)
    tab = _tabblad(at)
    [lijst] = [d.value for d in tab.dataframe if "omschrijving" in d.value.columns]
    assert len(lijst) == len(verwacht) > 0
    assert list(lijst["omschrijving"]) == [o for _, _, o in verwacht]
    assert [d.date() for d in lijst["datum"]] == [d for d, _, _ in verwacht]
    # The count per kwartaal is exact for toezicht: nothing is shielded.
    [telling] = [d.value for d in tab.dataframe if "kwartaal_1" in d.value.columns]
    assert telling["totaal"].sum() == len(verwacht)


def test_contractmanagement_ziet_alleen_tellingen(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    agb, jaar = _aanbieder_met_de_meeste_signalen(demo_db)
    omschrijvingen = {
        o
        for (o,) in rijen_uit(
            demo_db,
            "select distinct omschrijving from marts.mart_toegangssignalen "
            "where omschrijving is not null",
        )
    }
    klein = rijen_uit(
        demo_db,
        "select count(*) from marts.mart_toegangssignalen_telling "
        "where aanbieder_agb = ? and jaar = ? and aantal < 5",
        [agb, jaar],
    )[0][0]
    assert omschrijvingen and klein > 0, "de demo-database toetst zo niets"

    at = _open(maak_app, roles.CONTRACTMANAGEMENT, agb, jaar)
    tab = _tabblad(at)
    assert all("omschrijving" not in d.value.columns for d in at.dataframe)
    assert all("datum" not in d.value.columns for d in tab.dataframe)
    tekst = alle_tekst(at)
    assert not [o for o in omschrijvingen if o in tekst], "vrije tekst zichtbaar"
    [telling] = [d.value for d in tab.dataframe]
    cellen = telling[[f"kwartaal_{k}" for k in range(1, 5)]].to_numpy().ravel().tolist()
    getoond = [c for c in cellen if c == c and c is not None]  # NaN/None: shielded
    assert len(cellen) - len(getoond) >= klein, "een kleine telling is zichtbaar"
    assert all(c == 0 or c >= 5 for c in getoond), cellen
    assert "afgeschermd" in tekst


def test_toegang_per_kwartaal_verbergt_het_totaal_bij_een_afgeschermde_cel() -> None:
    telling = pl.DataFrame(
        {
            "kwartaal": [1, 2, 1],
            "soort": ["signaal toegang", "signaal toegang", "signaal wijkteam"],
            "aantal": [6, None, 7],
            "is_afgeschermd": [False, True, False],
        }
    )
    tabel = toegang_per_kwartaal(telling)
    assert tabel.to_dicts() == [
        {
            "soort": "signaal toegang",
            "kwartaal_1": 6,
            "kwartaal_2": None,
            "kwartaal_3": 0,
            "kwartaal_4": 0,
            "totaal": None,
        },
        {
            "soort": "signaal wijkteam",
            "kwartaal_1": 7,
            "kwartaal_2": 0,
            "kwartaal_3": 0,
            "kwartaal_4": 0,
            "totaal": 7,
        },
    ]
    assert toegang_per_kwartaal(telling.clear()).is_empty()


def test_rolschema_contractmanagement_heeft_geen_kleine_telling_of_vrije_tekst(
    demo_db: Path,
) -> None:
    """In the data layer itself: what the schema lacks, no page can show by mistake."""
    schema = roles.schema(roles.CONTRACTMANAGEMENT)
    kolommen = rijen_uit(
        demo_db,
        "select table_name, column_name from duckdb_columns() where schema_name = ?",
        [schema],
    )
    assert ("toegangssignalen_telling", "aantal") in kolommen
    assert ("toegangssignalen", "omschrijving") not in {(t, k) for t, k in kolommen}
    assert "toegangssignalen" not in {t for t, _ in kolommen}
    [(klein, afgeschermd)] = rijen_uit(
        demo_db,
        "select count(*) filter (where aantal < 5), count(*) filter (where aantal is null) "
        "from rol_contractmanagement.toegangssignalen_telling",
    )
    assert klein == 0
    assert afgeschermd > 0, "de demo-database toetst zo niets"
