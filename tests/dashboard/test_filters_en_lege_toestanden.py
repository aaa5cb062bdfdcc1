"""Global filters in the URL, filters that change content, and the Dutch empty states."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from pipelines import opmaak
from tests.conftest import rijen_uit
from tests.dashboard.conftest import alle_tekst
from tests.dashboard.demo_db import lege_berekende_database


def _jaren(db: Path) -> list[int]:
    rijen = rijen_uit(db, "select distinct jaar from marts.mart_controller_trends")
    return sorted(int(j) for (j,) in rijen)


def test_filters_komen_uit_de_url_en_gaan_erin_terug(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    eerste = _jaren(demo_db)[0]
    at = maak_app("toezicht", jaar=str(eerste), perceel="Begeleiding")
    at.run()
    assert at.sidebar.selectbox(key="w_jaar").value == eerste
    assert at.sidebar.selectbox(key="w_perceel").value == "Begeleiding"
    assert at.query_params["jaar"] == str(eerste)
    at.sidebar.selectbox(key="w_perceel").set_value("*").run()
    assert "perceel" not in at.query_params


def test_ongeldige_url_waarden_vallen_terug(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    at = maak_app("toezicht", jaar="1999", gemeente="9999'; drop table x", perceel="Onzin")
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="w_jaar").value == _jaren(demo_db)[-1]
    assert at.sidebar.selectbox(key="w_gemeente").value == "*"
    assert at.sidebar.selectbox(key="w_perceel").value == "*"
    assert "gemeente" not in at.query_params


def test_jaarfilter_verandert_overzicht(maak_app: Callable[..., AppTest], demo_db: Path) -> None:
    jaren = _jaren(demo_db)
    at = maak_app("toezicht")
    at.run()
    voor = [m.value for m in at.metric]
    at.sidebar.selectbox(key="w_jaar").set_value(jaren[0]).run()
    na = [m.value for m in at.metric]
    assert voor != na
    assert at.query_params["jaar"] == str(jaren[0])


def test_gemeentefilter_verandert_volumetrends(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    [(gemeente,)] = rijen_uit(
        demo_db,
        "select gemeentecode from marts.mart_controller_trends "
        "group by gemeentecode order by sum(gedeclareerd_eur) desc limit 1",
    )
    at = maak_app("control")
    at.run()
    voor = at.metric[0].value
    at.sidebar.selectbox(key="w_gemeente").set_value(gemeente).run()
    assert at.metric[0].value != voor
    assert at.query_params["gemeente"] == gemeente


def test_filter_blijft_over_paginas(maak_app: Callable[..., AppTest], demo_db: Path) -> None:
    eerste = _jaren(demo_db)[0]
    at = maak_app("toezicht")
    at.run()
    at.sidebar.selectbox(key="w_jaar").set_value(eerste).run()
    at.switch_page("app_pages/over_de_data.py").run()  # shows no filters
    at.switch_page("app_pages/controller_trends.py").run()
    assert at.sidebar.selectbox(key="w_jaar").value == eerste
    assert at.query_params["jaar"] == str(eerste)


def test_doorklikken_van_ranking_naar_aanbieder(maak_app: Callable[..., AppTest]) -> None:
    at = maak_app("toezicht")
    at.run()
    at.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    eerste = at.dataframe[0].value.iloc[0]
    at.selectbox(key="overzicht_aanbieder").set_value(eerste["aanbieder_agb"])
    at.button(key="overzicht_open").click().run()
    assert at.title[0].value == "Aanbieder"
    assert at.query_params["aanbieder"] == eerste["aanbieder_agb"]
    assert at.subheader[0].value == eerste["naam"]


def test_gedeelde_link_naar_signaal(maak_app: Callable[..., AppTest], demo_db: Path) -> None:
    [(signaal_id, indicator)] = rijen_uit(
        demo_db,
        "select signaal_id, indicator from marts.mart_signalen where gemarkeerd "
        "order by financieel_belang limit 1",
    )
    at = maak_app("toezicht", signaal=signaal_id)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert at.selectbox(key="signaal_keuze").value == signaal_id
    assert f"indicator {indicator}" in alle_tekst(at)


def test_jaar_zonder_vorig_jaar(maak_app: Callable[..., AppTest], demo_db: Path) -> None:
    eerste = str(_jaren(demo_db)[0])
    at = maak_app("toezicht", jaar=eerste)
    at.run()
    at.switch_page("app_pages/controller_trends.py").run()
    assert not at.exception
    assert any("geen voorgaand jaar" in i.value for i in at.info)
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception
    assert any("geen voorgaand jaar" in i.value for i in at.info)


def test_aanbieder_zonder_signalen(maak_app: Callable[..., AppTest], demo_db: Path) -> None:
    [(jaar, agb)] = rijen_uit(
        demo_db,
        "select p.jaar, p.aanbieder_agb from marts.mart_cm_profiel as p "
        "where not exists (select 1 from marts.mart_signalen as s "
        "  where s.aanbieder_agb = p.aanbieder_agb and s.jaar = p.jaar) "
        "order by p.jaar desc, p.gedeclareerd_eur desc limit 1",
    )
    at = maak_app("toezicht", jaar=str(jaar), aanbieder=agb)
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception
    assert any("geen signalen gevonden" in i.value for i in at.info)


def test_onbekende_aanbieder_in_link(maak_app: Callable[..., AppTest]) -> None:
    at = maak_app("contractmanagement", aanbieder="00000000")
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception
    assert "00000000" in at.warning[0].value


@pytest.mark.parametrize("rol", roles.ROLLEN)
def test_geen_database(maak_app: Callable[..., AppTest], tmp_path: Path, rol: str) -> None:
    at = maak_app(rol, db=tmp_path / "bestaat-niet.duckdb")
    at.run()
    for pagina in roles.PAGINAS_PER_ROL[rol]:
        at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
        assert not at.exception, pagina
        # Gebruikers and Auditlog read the beheeropslag only (#12): users come before data.
        if pagina not in ("gebruikers", "auditlog"):
            assert "nog geen database" in at.info[0].value, pagina
    assert not (tmp_path / "bestaat-niet.duckdb").exists(), "het dashboard maakte een bestand"


def test_lege_berekende_database(maak_app: Callable[..., AppTest], tmp_path: Path) -> None:
    db = lege_berekende_database(tmp_path)
    at = maak_app("toezicht", db=db)
    at.run()
    for pagina in roles.PAGINAS_PER_ROL["toezicht"]:
        at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
        assert not at.exception, pagina
        assert at.info, pagina
        tekst = " ".join(i.value for i in at.info)
        assert "nog geen" in tekst, (pagina, tekst)


def test_database_zonder_run(maak_app: Callable[..., AppTest], tmp_path: Path) -> None:
    from pipelines.database import open_for_writing

    db = tmp_path / "alleen-migraties.duckdb"
    open_for_writing(db).close()
    at = maak_app("contractmanagement", db=db)
    at.run()
    for pagina in roles.PAGINAS_PER_ROL["contractmanagement"]:
        at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
        assert not at.exception, pagina
        assert "signaalmonitor run" in at.info[0].value, pagina


def test_signaal_kiezen_in_twee_stappen(maak_app: Callable[..., AppTest], demo_db: Path) -> None:
    """First the provider, then its signals (#14): the second list holds one provider's signals
    of the year, not every signal of the region; a link opens its own provider and signal."""
    [(signaal_id, agb, jaar)] = rijen_uit(
        demo_db,
        "select signaal_id, aanbieder_agb, jaar from marts.mart_signalen where gemarkeerd "
        "and jaar = (select max(jaar) from marts.mart_signalen) "  # the page's default year
        "order by financieel_belang limit 1",
    )
    at = maak_app("toezicht", signaal=signaal_id)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert at.selectbox(key="signaal_aanbieder").value == agb
    assert at.selectbox(key="signaal_keuze").value == signaal_id
    [(van_aanbieder,)] = rijen_uit(
        demo_db,
        f"select count(*) from marts.mart_signalen where aanbieder_agb = '{agb}' and jaar = {jaar}",
    )
    assert len(at.selectbox(key="signaal_keuze").options) == van_aanbieder
    # Another provider: its own signals, the first one shown and in the URL.
    ander = next(a for a in at.selectbox(key="signaal_aanbieder").options if agb not in a)
    at.selectbox(key="signaal_aanbieder").select(ander).run()
    assert not at.exception
    nieuw = at.selectbox(key="signaal_keuze").value
    assert nieuw != signaal_id and at.query_params["signaal"] == nieuw
    [(eigenaar,)] = rijen_uit(
        demo_db, f"select aanbieder_agb from marts.mart_signalen where signaal_id = '{nieuw}'"
    )
    assert eigenaar == at.selectbox(key="signaal_aanbieder").value != agb


def test_aanbiederkeuze_houdt_onrechtmatig_en_schatting_apart(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    """The provider's label in the first step names the hard onrechtmatige euros of its flagged
    signals (summed: each declared euro counts once) and the largest estimate, never their sum."""
    rijen = rijen_uit(
        demo_db,
        "select aanbieder_agb, sum(onrechtmatig_eur), max(geschat_belang_eur) "
        "from marts.mart_signalen where gemarkeerd "
        "and jaar = (select max(jaar) from marts.mart_signalen) "
        "group by aanbieder_agb having sum(onrechtmatig_eur) > 0 and max(geschat_belang_eur) > 0 "
        "order by aanbieder_agb limit 1",
    )
    assert rijen, "de demoregio heeft geen aanbieder met beide soorten geld: de test bewijst niets"
    [(agb, onrechtmatig, schatting)] = rijen
    at = maak_app("toezicht")
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    [label] = [a for a in at.selectbox(key="signaal_aanbieder").options if f"({agb})" in a]
    assert f"{opmaak.euro(onrechtmatig)} onrechtmatig" in label
    assert f"geschat belang tot {opmaak.euro(schatting)}" in label
    assert opmaak.euro(onrechtmatig + schatting) not in label


def test_ander_jaar_op_signaalpagina_toont_signalen_van_dat_jaar(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    jaren = _jaren(demo_db)
    at = maak_app("toezicht")
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    eerste = at.selectbox(key="signaal_keuze").value
    assert at.query_params["signaal"] == eerste
    at.sidebar.selectbox(key="w_jaar").set_value(jaren[0]).run()
    assert not at.exception
    assert f"jaar {jaren[0]}" in alle_tekst(at)
    assert at.query_params["signaal"] == at.selectbox(key="signaal_keuze").value != eerste


def test_verantwoording_zonder_mart(
    maak_app: Callable[..., AppTest], demo_db: Path, tmp_path: Path
) -> None:
    """The Verantwoording page survives a database without mart_verantwoording_omzet."""
    from tests.dashboard.demo_db import kopie, publiceer_opnieuw

    db = kopie(demo_db, tmp_path)
    with duckdb.connect(str(db)) as con:
        con.execute("drop table marts.mart_verantwoording_omzet")
    publiceer_opnieuw(db)
    at = maak_app("control", db=db)
    at.run()
    at.switch_page("app_pages/verantwoording.py").run()
    assert not at.exception
    assert "nog niet berekend" in at.info[0].value
