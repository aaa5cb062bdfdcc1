"""Roles are enforced in the data layer: what a role's schema lacks, its browser never gets."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from dashboard.queries import signaal_bewijs, verbinding
from dashboard.roles import GeenToegang
from dashboard.sessie import SESSIE_SLEUTEL
from tests.conftest import rijen_uit
from tests.dashboard.conftest import alle_tekst, ingelogde_gebruiker

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


def _objecten(db: Path, rol: str) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        schema = roles.schema(rol)
        weergaven = con.execute(
            "select view_name from duckdb_views() where schema_name = ?", [schema]
        ).fetchall()
        macros = con.execute(
            "select distinct function_name from duckdb_functions() where schema_name = ?",
            [schema],
        ).fetchall()
    finally:
        con.close()
    return {v for (v,) in weergaven} | {f"{m}()" for (m,) in macros}


@pytest.mark.parametrize("rol", roles.ROLLEN)
def test_rolschema_volgt_roles_py(demo_db: Path, rol: str) -> None:
    """sql/rollen.sql and dashboard/roles.py describe the same views for every role."""
    assert _objecten(demo_db, rol) == set(roles.WEERGAVEN_PER_ROL[rol])


@pytest.mark.parametrize("rol", [roles.CONTRACTMANAGEMENT, roles.CONTROL])
def test_geen_clientkolom_in_schema(demo_db: Path, rol: str) -> None:
    kolommen = rijen_uit(
        demo_db,
        "select table_name, column_name from duckdb_columns() where schema_name = ?",
        [roles.schema(rol)],
    )
    assert kolommen, "schema zonder weergaven"
    verboden = [(t, k) for t, k in kolommen if k in ("client_id", "bsn", "waarde_client")]
    assert not verboden, verboden


def test_bewijs_vragen_als_contractmanagement_faalt(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    versie = verbinding.dataversie(roles.CONTRACTMANAGEMENT).sleutel
    with pytest.raises(GeenToegang):
        signaal_bewijs.bewijsregels(roles.CONTRACTMANAGEMENT, versie, "willekeurig")
    # Even past the check in roles.py, the role's schema has no such view.
    with (
        pytest.raises(duckdb.CatalogException),
        verbinding.leesverbinding(roles.CONTRACTMANAGEMENT) as con,
    ):
        con.sql("select client_id from bewijsregels").fetchall()


def test_andere_rol_dan_de_server_faalt(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page cannot ask for toezicht data on a server that runs as contractmanagement."""
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    with pytest.raises(GeenToegang):
        signaal_bewijs.bewijsregels(roles.TOEZICHT, "x", "willekeurig")


def test_onbekende_rol_weigert(maak_app: Callable[..., AppTest]) -> None:
    # Since #12 the role comes from the user store, which holds only the four roles: a
    # session that claims another role belongs to no user there, so only the login page.
    at = maak_app("beheerder")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Inloggen"]
    assert not at.dataframe


def _clientnummers(db: Path) -> set[str]:
    rijen = rijen_uit(
        db,
        "select distinct client_id from marts.mart_signaal_bewijsregels "
        "where client_id is not null",
    )
    return {c for (c,) in rijen}


@pytest.mark.parametrize("rol", [roles.CONTRACTMANAGEMENT, roles.CONTROL])
def test_geen_clientgegevens_op_enige_pagina(
    maak_app: Callable[..., AppTest], demo_db: Path, rol: str
) -> None:
    clienten = _clientnummers(demo_db)
    assert clienten, "de demo-database heeft geen bewijsregels om tegen te toetsen"
    at = maak_app(rol)
    at.run()
    for pagina in roles.PAGINAS_PER_ROL[rol]:
        at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
        assert not at.exception, (pagina, [e.value for e in at.exception])
        tekst = alle_tekst(at)
        assert "Cliënt (pseudoniem)" not in tekst
        assert "client_id" not in tekst
        gevonden = [c for c in clienten if c in tekst]
        assert not gevonden, f"{pagina}: cliëntnummers zichtbaar voor {rol}"


def test_contractmanagement_ziet_geen_bewijs_of_beoordeling(
    maak_app: Callable[..., AppTest],
) -> None:
    at = maak_app(roles.CONTRACTMANAGEMENT)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert not at.exception
    assert "alleen beschikbaar voor toezicht" in alle_tekst(at)
    assert not at.get("form"), "beoordelingsformulier zichtbaar voor contractmanagement"
    assert not at.download_button, "download van bewijs zichtbaar"


def test_toezicht_ziet_bewijs_met_pseudoniemen(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    at = maak_app(roles.TOEZICHT)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    tabellen = [d.value for d in at.dataframe if "client_id" in d.value.columns]
    assert tabellen and len(tabellen[0]) > 0
    assert set(tabellen[0]["client_id"]) <= _clientnummers(demo_db)


@pytest.mark.parametrize(
    ("rol", "verboden"),
    [
        (roles.CONTROL, ["risico_ranking.py", "aanbieder_profiel.py", "signaal_bewijs.py"]),
        (roles.CONTRACTMANAGEMENT, ["verantwoording.py"]),
    ],
)
def test_verboden_pagina_via_link_weigert_in_het_nederlands(
    maak_app: Callable[..., AppTest], rol: str, verboden: list[str]
) -> None:
    """A link shared by another role opens a hidden page that refuses by itself."""
    at = maak_app(rol, signaal="x", aanbieder="x")
    at.run()
    for bestand in verboden:
        at.switch_page(f"app_pages/{bestand}").run()
        assert not at.exception
        assert "geen toegang" in at.error[0].value
        assert not at.dataframe and not at.metric and not at.get("plotly_chart")


@pytest.mark.parametrize("rol", roles.ROLLEN)
def test_menu_toont_alleen_eigen_paginas(rol: str) -> None:
    plekken = roles.menu(rol)
    zichtbaar = [p.pagina.titel for p in plekken if p.zichtbaar]
    verborgen = {p.pagina.titel for p in plekken if not p.zichtbaar}
    assert zichtbaar == [p.titel for p in roles.paginas(rol)]
    assert verborgen == {p.titel for p in roles.PAGINAS.values()} - set(zichtbaar)
    assert [p.pagina.titel for p in plekken if p.standaard] == [roles.paginas(rol)[0].titel]
    secties_zichtbaar = {p.sectie for p in plekken if p.zichtbaar}
    assert {p.sectie for p in plekken} == secties_zichtbaar, "lege sectie in het menu"


@pytest.mark.parametrize(
    ("rol", "bestand"),
    [(roles.CONTROL, "signaal_bewijs.py"), (roles.CONTRACTMANAGEMENT, "verantwoording.py")],
)
def test_pagina_controleert_zelf_de_rol(
    demo_db: Path, beheer_db: Path, monkeypatch: pytest.MonkeyPatch, rol: str, bestand: str
) -> None:
    """Run a page file directly (bypassing the navigation): it refuses by itself."""
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    at = AppTest.from_file(DASHBOARD / "app_pages" / bestand, default_timeout=60)
    at.session_state[SESSIE_SLEUTEL] = ingelogde_gebruiker(rol)
    at.run()
    assert not at.exception
    assert "geen toegang" in at.error[0].value
    assert not at.dataframe


_GEKWALIFICEERD = re.compile(
    r"\b(marts|intermediate|indicators|stg|staging|raw|beheer|quarantaine|referentie|"
    r"rol_[a-z]+)\.[a-z_]+",
)


def test_querylaag_noemt_geen_schemas() -> None:
    """The query layer names views only unqualified: the search_path is the role's schema."""
    modules = sorted((DASHBOARD / "queries").glob("*.py"))
    assert len(modules) > 2, "querylaag niet gevonden"
    bron = "\n".join(m.read_text(encoding="utf-8") for m in modules)
    sql_teksten = re.findall(r'"""(.*?)"""', bron, flags=re.S) + re.findall(r'"([^"\n]*)"', bron)
    verdacht = [
        t
        for t in sql_teksten
        if re.search(r"\b(select|from|join)\b", t) and _GEKWALIFICEERD.search(t)
    ]
    # Table names in the docstring explain where data comes from; they are not SQL.
    verdacht = [t for t in verdacht if "select" in t.lower() and " from " in t.lower()]
    # The one write (bewaar_beoordeling) reads the key fingerprint the database was built
    # with, to decide between the client's pseudonym and removing a BSN typed in a note.
    verdacht = [t for t in verdacht if t != SLEUTEL_VRAAG]
    assert not verdacht, verdacht


SLEUTEL_VRAAG = "select waarde from beheer.instellingen where sleutel = ?"


def test_paginas_bevatten_geen_sql() -> None:
    for pad in (DASHBOARD / "app_pages").glob("*.py"):
        bron = pad.read_text(encoding="utf-8")
        assert "import duckdb" not in bron, pad.name
        assert not re.search(r"\bselect\b[^\n]*\bfrom\b", bron, flags=re.I), pad.name


def test_quarantainewaarde_alleen_voor_toezicht(
    maak_app: Callable[..., AppTest], demo_db: Path, tmp_path: Path
) -> None:
    from tests.dashboard.demo_db import kopie, signaalmonitor

    db = kopie(demo_db, tmp_path)
    kapot = Path(__file__).resolve().parents[1] / "fixtures" / "declaraties_vijf_kapotte_regels.csv"
    signaalmonitor("ingest", str(kapot), "--db", str(db), map_=tmp_path)
    signaalmonitor("run", "--db", str(db), map_=tmp_path)
    kolommen = {}
    for rol in (roles.TOEZICHT, roles.CONTRACTMANAGEMENT):
        at = maak_app(rol, db=db)
        at.run()
        at.switch_page("app_pages/over_de_data.py").run()
        assert not at.exception
        regels = next(d.value for d in at.dataframe if "regelnummer" in d.value.columns)
        assert len(regels) > 0
        kolommen[rol] = set(regels.columns)
    assert "waarde" in kolommen[roles.TOEZICHT]
    assert "waarde" not in kolommen[roles.CONTRACTMANAGEMENT]
