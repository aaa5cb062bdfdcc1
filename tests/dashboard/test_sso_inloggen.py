"""Eenmalig inloggen in het dashboard (AppTest): de knop alleen met [auth] in de secrets en
Authlib; een herkende identiteit komt op de startpagina van haar rol, een onbekende niet;
auditregels, uitloggen via st.logout en de controle bij elke klik.

st.user wordt nagebootst met AppTest.user (wat Streamlit na de terugkeer van de provider uit
het identiteitscookie leest); st.login zelf stuurt de browser weg en wordt hier vastgelegd.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from dashboard import roles, sessie, sso
from dashboard.veilige_tekst import md
from pipelines.beheeropslag import audit, gebruikers
from tests.dashboard.conftest import TEST_WACHTWOORD, alle_tekst

DOOR = {"door": "pytest", "door_rol": "beheer (test)"}
AUTH: dict[str, Any] = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "alleen-voor-de-test",
    "entra": {
        "client_id": "test-client",
        "client_secret": "test-geheim",
        "server_metadata_url": "https://login.microsoftonline.com/x/v2.0/.well-known/openid-configuration",
    },
}
ROLCLAIM: dict[str, Any] = {
    "rol_claim": "roles",
    "rollen": {"Wmo-Toezicht": roles.TOEZICHT, "Wmo-Contractmanagement": roles.CONTRACTMANAGEMENT},
}


@pytest.fixture
def st_aanroepen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Records st.login (it would redirect the browser) and st.logout (which still runs)."""
    aanroepen: list[tuple[str, object]] = []
    echte_logout = streamlit.logout

    def login(provider: str | None = None) -> None:
        aanroepen.append(("login", provider))

    def logout() -> None:
        aanroepen.append(("logout", None))
        echte_logout()

    monkeypatch.setattr(streamlit, "login", login)
    monkeypatch.setattr(streamlit, "logout", logout)
    return aanroepen


def _app(
    anonieme_app: Callable[..., AppTest],
    signaalmonitor: dict[str, Any] | None = None,
    **claims: object,
) -> AppTest:
    at = anonieme_app()
    at.secrets["auth"] = AUTH
    if signaalmonitor is not None:
        at.secrets["signaalmonitor"] = signaalmonitor
    # AppTest's default user has no is_logged_in: nobody logged in at the provider.
    at.user = {"is_logged_in": True, **claims} if claims else {"is_logged_in": False}
    return at


def _knoppen(at: AppTest) -> list[str]:
    return [k.label for k in at.button]


def _auditregels() -> list[audit.Auditregel]:
    return audit.lees()


def test_zonder_auth_geen_knop(anonieme_app: Callable[..., AppTest]) -> None:
    at = anonieme_app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert sso.KNOP not in _knoppen(at)
    assert [w.label for w in at.text_input] == ["Naam", "Wachtwoord"]


def test_met_auth_een_knop_naast_het_wachtwoord(
    anonieme_app: Callable[..., AppTest], st_aanroepen: list[tuple[str, object]]
) -> None:
    at = _app(anonieme_app)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert sso.KNOP in _knoppen(at)
    assert [w.label for w in at.text_input] == ["Naam", "Wachtwoord"]
    at.button(key="inloggen_sso").click().run()
    assert st_aanroepen == [("login", "entra")]


def test_zonder_authlib_geen_knop_maar_een_melding(
    anonieme_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sso, "authlib_aanwezig", lambda: False)
    at = _app(anonieme_app, None, email="x@gemeente.nl", roles=["Wmo-Toezicht"])
    at.run()
    assert sso.KNOP not in _knoppen(at)
    assert [w.value for w in at.warning] == [sso.AUTHLIB_ONTBREEKT]
    assert sessie.SESSIE_SLEUTEL not in at.session_state


def test_alleen_organisatie_account_verbergt_het_formulier(
    anonieme_app: Callable[..., AppTest],
) -> None:
    at = _app(anonieme_app, {"alleen_organisatie_account": True})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert sso.KNOP in _knoppen(at)
    assert not at.text_input


def test_verkeerde_instelling_geeft_een_melding_en_het_formulier(
    anonieme_app: Callable[..., AppTest],
) -> None:
    at = _app(anonieme_app, {"rol_claim": "roles", "rollen": {"X": "superuser"}})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert sso.KNOP not in _knoppen(at)
    assert "superuser" in at.error[0].value
    assert [w.label for w in at.text_input] == ["Naam", "Wachtwoord"]


@pytest.mark.parametrize(
    ("rolclaim", "rol"),
    [("Wmo-Toezicht", roles.TOEZICHT), ("Wmo-Contractmanagement", roles.CONTRACTMANAGEMENT)],
)
def test_rol_uit_de_claim_opent_de_startpagina_van_de_rol(
    anonieme_app: Callable[..., AppTest], rolclaim: str, rol: str
) -> None:
    at = _app(anonieme_app, ROLCLAIM, email="cas@gemeente.nl", roles=[rolclaim])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == roles.paginas(rol)[0].titel
    assert at.session_state[sessie.SESSIE_SLEUTEL] == sessie.Gebruiker(
        "cas@gemeente.nl", rol, organisatie_account=True
    )
    laatste = _auditregels()[-1]
    assert (laatste.actie, laatste.gebruiker, laatste.rol, laatste.toelichting) == (
        audit.INLOGGEN,
        "cas@gemeente.nl",
        rol,
        "via organisatie-account",
    )
    # A second click does not log in again.
    at.run()
    assert [r.actie for r in _auditregels()].count(audit.INLOGGEN) == 1


def test_rol_uit_de_gebruikersopslag(anonieme_app: Callable[..., AppTest]) -> None:
    gebruikers.voeg_toe("an@gemeente.nl", roles.CONTROL, TEST_WACHTWOORD, **DOOR)
    at = _app(anonieme_app, None, preferred_username="An@Gemeente.nl")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == roles.paginas(roles.CONTROL)[0].titel
    assert at.session_state[sessie.SESSIE_SLEUTEL].naam == "an@gemeente.nl"


@pytest.mark.parametrize(
    ("signaalmonitor", "claims", "melding", "audit_gebruiker"),
    [
        (None, {"email": "eve@elders.nl"}, sso.ONBEKEND, None),
        (ROLCLAIM, {"email": "eve@elders.nl", "roles": ["Wmo-Beheer"]}, sso.GEEN_ROL, None),
        (ROLCLAIM, {"email": "eve@elders.nl", "roles": "beheer"}, sso.GEEN_ROL, None),
        (None, {"email": "111222333@gemeente.nl"}, sso.GEEN_BRUIKBARE_NAAM, None),
        (None, {"email": "x" * 5000}, sso.GEEN_BRUIKBARE_NAAM, None),
        (
            None,
            {"email": "geblokkeerd@gemeente.nl"},
            gebruikers.GEBLOKKEERD,
            "geblokkeerd@gemeente.nl",
        ),
        (
            ROLCLAIM,
            {"email": "geblokkeerd@gemeente.nl", "roles": ["Wmo-Toezicht"]},
            gebruikers.GEBLOKKEERD,
            "geblokkeerd@gemeente.nl",
        ),
    ],
)
def test_geen_toegang_blijft_op_de_inlogpagina(
    anonieme_app: Callable[..., AppTest],
    st_aanroepen: list[tuple[str, object]],
    signaalmonitor: dict[str, Any] | None,
    claims: dict[str, object],
    melding: str,
    audit_gebruiker: str | None,
) -> None:
    gebruikers.voeg_toe("geblokkeerd@gemeente.nl", roles.TOEZICHT, TEST_WACHTWOORD, **DOOR)
    gebruikers.zet_geblokkeerd("geblokkeerd@gemeente.nl", True, **DOOR)
    at = _app(anonieme_app, signaalmonitor, **claims)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Inloggen"]
    assert not at.dataframe and not at.metric
    assert [e.value for e in at.error] == [md(melding)]
    assert sessie.SESSIE_SLEUTEL not in at.session_state
    at.run()  # once per session in the audit log, not once per click
    mislukt = [r for r in _auditregels() if r.actie == audit.INLOGGEN_MISLUKT]
    assert len(mislukt) == 1
    assert mislukt[0].gebruiker == audit_gebruiker
    assert mislukt[0].toelichting is not None
    assert mislukt[0].toelichting.startswith("organisatie-account: ")
    assert "111222333" not in str(mislukt[0]) and "eve" not in str(mislukt[0])
    # The way out: log out at the provider, then try another account.
    at.button(key="inloggen_sso_uitloggen").click().run()
    assert st_aanroepen == [("logout", None)]
    assert at.user == {"is_logged_in": False}


def test_opmaak_in_de_naam_wordt_tekst(anonieme_app: Callable[..., AppTest]) -> None:
    naam = "**vet** [klik](http://x.nl) <b>x</b>@gemeente.nl"
    at = _app(anonieme_app, ROLCLAIM, email=naam, roles=["Wmo-Contractmanagement"])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"Ingelogd als {md(naam)}" in [c.value for c in at.sidebar.caption]


def test_uitloggen_beeindigt_ook_het_organisatie_account(
    anonieme_app: Callable[..., AppTest], st_aanroepen: list[tuple[str, object]]
) -> None:
    at = _app(anonieme_app, ROLCLAIM, email="cas@gemeente.nl", roles=["Wmo-Toezicht"])
    at.run()
    at.button(key="sessie_uitloggen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert st_aanroepen == [("logout", None)]
    assert [t.value for t in at.title] == ["Inloggen"]
    assert sso.KNOP in _knoppen(at)  # not logged in again by the identity cookie
    assert [r.actie for r in _auditregels()][-2:] == [audit.INLOGGEN, audit.UITLOGGEN]


def test_sessie_verloopt_ook_bij_het_organisatie_account(
    anonieme_app: Callable[..., AppTest], st_aanroepen: list[tuple[str, object]]
) -> None:
    at = _app(anonieme_app, ROLCLAIM, email="cas@gemeente.nl", roles=["Wmo-Toezicht"])
    at.run()
    # Pretend the last click was longer ago than the idle timeout (monotonic seconds).
    at.session_state[sessie.ACTIVITEIT_SLEUTEL] -= sessie.sessieduur_seconden() + 1
    at.run()
    assert [t.value for t in at.title] == ["Inloggen"]
    assert st_aanroepen == [("logout", None)]
    assert [r.actie for r in _auditregels()][-1] == audit.SESSIE_VERLOPEN


def test_claim_weg_of_geblokkeerd_geldt_bij_de_volgende_klik(
    anonieme_app: Callable[..., AppTest], st_aanroepen: list[tuple[str, object]]
) -> None:
    at = _app(anonieme_app, ROLCLAIM, email="cas@gemeente.nl", roles=["Wmo-Toezicht"])
    at.run()
    assert at.title[0].value == "Overzicht"
    # Another mapped role in the claim: the next click has that role's pages.
    at.user = {
        "is_logged_in": True,
        "email": "cas@gemeente.nl",
        "roles": ["Wmo-Contractmanagement"],
    }
    at.run()
    assert at.session_state[sessie.SESSIE_SLEUTEL].rol == roles.CONTRACTMANAGEMENT
    assert "Cliënt (pseudoniem)" not in alle_tekst(at)
    # No role left in the claim: out.
    at.user = {"is_logged_in": True, "email": "cas@gemeente.nl", "roles": []}
    at.run()
    assert [t.value for t in at.title] == ["Inloggen"]
    assert st_aanroepen == [("logout", None)]

    # Store-based: blocking the user ends the session at the next click.
    gebruikers.voeg_toe("an@gemeente.nl", roles.TOEZICHT, TEST_WACHTWOORD, **DOOR)
    at = _app(anonieme_app, None, email="an@gemeente.nl")
    at.run()
    assert at.title[0].value == "Overzicht"
    gebruikers.zet_geblokkeerd("an@gemeente.nl", True, **DOOR)
    at.run()
    assert [t.value for t in at.title] == ["Inloggen"]
    assert [r.actie for r in _auditregels()][-1] == audit.UITLOGGEN
