"""#13 point 8, links across roles: every role opening a page of another role (a shared link)
gets a Dutch "geen toegang" with a link to its own start page and nothing of the page; a page
the role also has opens as its own; an unknown path gets a Dutch page, not Streamlit's English
"Page not found"."""

from __future__ import annotations

from collections.abc import Callable
from unittest import mock

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from dashboard import roles

ANDERMANS = [
    (rol, pagina)
    for rol in roles.ROLLEN
    for pagina in roles.PAGINAS
    if not roles.mag_pagina(rol, pagina)
    # one page of each other role's set is enough per role: the first it lacks per section
]
EEN_PER_ROL = sorted({rol: (rol, p) for rol, p in reversed(ANDERMANS)}.values())


@pytest.mark.parametrize(("rol", "pagina"), EEN_PER_ROL, ids=[f"{r}-{p}" for r, p in EEN_PER_ROL])
def test_pagina_van_een_andere_rol_zegt_het_in_het_nederlands(
    maak_app: Callable[..., AppTest], rol: str, pagina: str
) -> None:
    at = maak_app(rol)
    at.run()
    at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"De rol {roles.ROL_NAAM[rol]} heeft geen toegang tot de pagina "
        f"{roles.PAGINAS[pagina].titel}. Deze pagina hoort bij een andere rol."
    ]
    links = at.get("page_link")
    assert len(links) == 1
    assert links[0].proto.page_script_hash == calc_hash(roles.startpagina(rol).sleutel)
    # Nothing of the page itself ran: no title, no table, no chart.
    assert not at.title and not at.dataframe and not at.get("plotly_chart")


def test_signaallink_van_toezicht_opent_de_eigen_signaalpagina(
    maak_app: Callable[..., AppTest],
) -> None:
    at = maak_app("contractmanagement")
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert not at.exception
    assert not any("geen toegang" in e.value for e in at.error)


@pytest.mark.parametrize("rol", roles.ROLLEN)
def test_onbekend_pad_geeft_een_nederlandse_pagina(
    maak_app: Callable[..., AppTest], rol: str
) -> None:
    at = maak_app(rol)
    echte = roles.onbekend_pad

    def browser_vraagt_bestaat_niet() -> str | None:
        # What Streamlit does when the browser opens /bestaat-niet (AppTest cannot open a path).
        ctx = get_script_run_ctx()
        assert ctx is not None
        ctx.pages_manager.set_script_intent("", "bestaat-niet")
        return echte()

    with mock.patch.object(roles, "onbekend_pad", browser_vraagt_bestaat_niet):
        at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Pagina niet gevonden"]
    assert "bestaat niet" in at.error[0].value
    assert at.get("page_link")[0].proto.page_script_hash == calc_hash(
        roles.startpagina(rol).sleutel
    )


def test_onbekend_pad_alleen_een_los_padsegment() -> None:
    class Paginas:
        intended_page_name = ""

    class Ctx:
        pages_manager = Paginas()

    with mock.patch.object(roles, "get_script_run_ctx", return_value=Ctx()):
        for naam, verwacht in [
            ("", None),
            ("signaal", None),  # a page that exists
            ("bestaat-niet", "bestaat-niet"),
            ("a/b", None),
            ("<script>", None),
        ]:
            Paginas.intended_page_name = naam
            assert roles.onbekend_pad() == verwacht, naam


@pytest.mark.parametrize("rol", ["toezicht", "contractmanagement"])
def test_overzicht_per_organisatie_en_groepssectie(
    maak_app: Callable[..., AppTest], rol: str
) -> None:
    """#13: the Overzicht ranks per AGB by default and per organisation with the toggle; the
    Aanbieder page has the section "Organisatie en onderaannemers"."""
    at = maak_app(rol)
    at.run()
    at.switch_page("app_pages/risico_ranking.py").run()
    assert not at.exception
    schakelaar = at.toggle(key="overzicht_per_organisatie")
    assert schakelaar.value is False
    at.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    per_agb = at.dataframe[0].value
    assert "leden" not in per_agb.columns
    schakelaar.set_value(True).run()
    assert not at.exception
    per_org = at.dataframe[0].value
    assert "leden" in per_org.columns
    assert len(per_org) <= len(per_agb)
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception
    assert "Organisatie en onderaannemers" in [s.value for s in at.subheader]
