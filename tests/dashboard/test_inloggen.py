"""Inloggen in het dashboard: zonder sessie alleen de inlogpagina, onder elke URL; de rol komt
uit de gebruikersopslag en een blokkade of rolwissel geldt bij de volgende klik."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles, sessie
from dashboard.veilige_tekst import md
from pipelines.beheeropslag import audit, gebruikers
from tests.dashboard.conftest import TEST_WACHTWOORD, alle_tekst, ingelogde_gebruiker

DOOR = {"door": "pytest", "door_rol": "beheer (test)"}


def _alleen_inlogpagina(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Inloggen"]
    assert not at.dataframe and not at.metric
    assert "Cliënt (pseudoniem)" not in alle_tekst(at)
    assert [w.label for w in at.text_input] == ["Naam", "Wachtwoord"]


@pytest.mark.parametrize("pagina", list(roles.PAGINAS))
def test_zonder_inloggen_alleen_de_inlogpagina(
    anonieme_app: Callable[..., AppTest], pagina: str
) -> None:
    at = anonieme_app(signaal="iets", aanbieder="iets", jaar="2025")
    at.run()
    _alleen_inlogpagina(at)
    # The page is not in the navigation at all: nothing can run it (its URL, /<pagina>, shows
    # the login page; that is checked in a real browser in tests/e2e).
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}")


def _log_in(at: AppTest, naam: str, wachtwoord: str) -> AppTest:
    at.text_input[0].input(naam)
    at.text_input[1].input(wachtwoord)
    return at.button[0].click().run()


def test_inloggen_geeft_de_rol_uit_de_opslag(anonieme_app: Callable[..., AppTest]) -> None:
    gebruikers.voeg_toe("an", roles.CONTROL, TEST_WACHTWOORD, **DOOR)
    at = anonieme_app()
    at.run()
    _log_in(at, "an", TEST_WACHTWOORD)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == roles.paginas(roles.CONTROL)[0].titel
    assert at.session_state[sessie.SESSIE_SLEUTEL] == sessie.Gebruiker("an", roles.CONTROL)
    assert [r.actie for r in audit.lees()][-1] == audit.INLOGGEN


@pytest.mark.parametrize(
    ("naam", "wachtwoord"),
    [("an", "verkeerd wachtwoord"), ("niemand", TEST_WACHTWOORD), ("x' or '1'='1", "' or 1=1 --")],
)
def test_fout_inloggen_geeft_een_melding_voor_alles(
    anonieme_app: Callable[..., AppTest], naam: str, wachtwoord: str
) -> None:
    gebruikers.voeg_toe("an", roles.TOEZICHT, TEST_WACHTWOORD, **DOOR)
    at = anonieme_app()
    at.run()
    _log_in(at, naam, wachtwoord)
    _alleen_inlogpagina(at)
    assert [e.value for e in at.error] == [md(gebruikers.ONJUIST)]
    assert sessie.SESSIE_SLEUTEL not in at.session_state


def test_blokkeren_en_rolwissel_gelden_bij_de_volgende_klik(
    maak_app: Callable[..., AppTest],
) -> None:
    at = maak_app(roles.TOEZICHT)
    at.run()
    assert at.title[0].value == "Overzicht"
    naam = ingelogde_gebruiker(roles.TOEZICHT).naam
    gebruikers.wijzig_rol(naam, roles.CONTROL, **DOOR)
    at.run()
    # The same page (Overzicht) now refuses: control may not open it.
    assert at.session_state[sessie.SESSIE_SLEUTEL].rol == roles.CONTROL
    assert "geen toegang" in at.error[0].value
    assert not at.dataframe
    gebruikers.zet_geblokkeerd(naam, True, **DOOR)
    at.run()
    _alleen_inlogpagina(at)
    assert "geblokkeerd" in at.info[0].value


def test_sessie_verloopt_na_stilte(maak_app: Callable[..., AppTest]) -> None:
    at = maak_app(roles.TOEZICHT)
    at.run()
    assert at.title[0].value == "Overzicht"
    # Pretend the last click was longer ago than the idle timeout (monotonic seconds).
    at.session_state[sessie.ACTIVITEIT_SLEUTEL] -= sessie.sessieduur_seconden() + 1
    at.run()
    _alleen_inlogpagina(at)
    assert at.info[0].value == md(sessie.SESSIE_VERLOPEN_MELDING)
    assert [r.actie for r in audit.lees()][-1] == audit.SESSIE_VERLOPEN


def test_uitloggen(maak_app: Callable[..., AppTest]) -> None:
    at = maak_app(roles.CONTRACTMANAGEMENT)
    at.run()
    at.button(key="sessie_uitloggen").click().run()
    _alleen_inlogpagina(at)
    assert [r.actie for r in audit.lees()][-1] == audit.UITLOGGEN


def test_beheer_voegt_gebruiker_toe_en_ziet_het_auditlog(
    maak_app: Callable[..., AppTest], beheer_db: Path
) -> None:
    at = maak_app(roles.BEHEER)
    at.run()
    at.switch_page("app_pages/beheer_gebruikers.py").run()
    assert not at.exception, [e.value for e in at.exception]
    naam = "'; drop table gebruikers; --"
    at.text_input[0].input(naam)
    at.text_input[1].input("een lang genoeg wachtwoord")
    at.text_input[2].input("een lang genoeg wachtwoord")
    next(b for b in at.button if b.label == "Toevoegen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    account = gebruikers.zoek(naam)
    assert account is not None and account.rol == roles.TOEZICHT
    assert "een lang genoeg wachtwoord" not in beheer_db.read_bytes().decode("latin-1")

    at.switch_page("app_pages/beheer_auditlog.py").run()
    assert not at.exception, [e.value for e in at.exception]
    tabel = at.dataframe[0].value
    assert audit.GEBRUIKER_TOEGEVOEGD in set(tabel["Actie"])
    assert naam in set(tabel["Onderwerp"])
    assert "klopt" in at.success[0].value


@pytest.mark.parametrize("rol", [roles.TOEZICHT, roles.CONTRACTMANAGEMENT, roles.CONTROL])
def test_andere_rollen_zien_geen_beheerpaginas(maak_app: Callable[..., AppTest], rol: str) -> None:
    for bestand in ("beheer_gebruikers.py", "beheer_auditlog.py"):
        at = maak_app(rol)
        at.run()
        at.switch_page(f"app_pages/{bestand}").run()
        assert "geen toegang" in at.error[0].value
        assert not at.dataframe
