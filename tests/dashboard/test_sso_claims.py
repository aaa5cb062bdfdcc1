"""Eenmalig inloggen (dashboard/sso.py): instellingen uit secrets.toml en de beslissing per
identiteit, met handgeschreven claims. Geen Streamlit-sessie nodig."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import sso
from pipelines import rollen
from pipelines.beheeropslag import gebruikers

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "alleen-voor-de-test",
}
ENTRA = {
    "client_id": "test-client",
    "client_secret": "test-geheim",
    "server_metadata_url": "https://login.microsoftonline.com/x/v2.0/.well-known/openid-configuration",
}
ROLCLAIM = sso.SsoInstelling(
    provider="entra",
    rol_claim="roles",
    rollen={"Wmo-Toezicht": rollen.TOEZICHT, "Wmo-Control": rollen.CONTROL},
)
OPSLAG = sso.SsoInstelling(provider="entra")


def _account(naam: str, rol: str, geblokkeerd: bool = False) -> gebruikers.Account:
    return gebruikers.Account(
        naam=naam,
        rol=rol,
        is_geblokkeerd=geblokkeerd,
        vergrendeld_tot=None,
        aangemaakt_op="2026-01-01T00:00:00+00:00",
        aangemaakt_door="test",
        gewijzigd_op="2026-01-01T00:00:00+00:00",
        gewijzigd_door="test",
        laatst_ingelogd_op=None,
    )


OPSLAG_ACCOUNTS = {
    "an@gemeente.nl": _account("an@gemeente.nl", rollen.CONTROL),
    "bo@gemeente.nl": _account("bo@gemeente.nl", rollen.TOEZICHT, geblokkeerd=True),
}


def _zoek(naam: str) -> gebruikers.Account | None:
    return OPSLAG_ACCOUNTS.get(naam)


def _claims(**extra: object) -> dict[str, object]:
    return {"is_logged_in": True, **extra}


# --- instellingen ---------------------------------------------------------------------------


def test_zonder_auth_geen_eenmalig_inloggen() -> None:
    assert sso.lees_instelling({}) is None
    assert sso.lees_instelling({"signaalmonitor": {"rol_claim": "roles"}}) is None
    assert not sso.alleen_organisatie_account({})


def test_provider_uit_de_instellingen() -> None:
    # One named provider: that one. Settings in [auth] itself: Streamlit's default (None).
    assert sso.lees_instelling({"auth": {**AUTH, "entra": ENTRA}}) == sso.SsoInstelling("entra")
    assert sso.lees_instelling({"auth": {**AUTH, **ENTRA}}) == sso.SsoInstelling(None)
    twee = {"auth": {**AUTH, "entra": ENTRA, "google": ENTRA}}
    with pytest.raises(sso.SsoInstellingFout, match="provider"):
        sso.lees_instelling(twee)
    gekozen = sso.lees_instelling({**twee, "signaalmonitor": {"provider": "google"}})
    assert gekozen is not None and gekozen.provider == "google"


@pytest.mark.parametrize(
    ("secrets", "fout"),
    [
        ({"auth": "tekst"}, r"\[auth\]"),
        ({"auth": AUTH}, "provider"),
        ({"auth": {**AUTH, "entra": ENTRA}, "signaalmonitor": {"provider": "okta"}}, "okta"),
        ({"auth": {**AUTH, "mijn_idp": ENTRA}}, "'_'"),
        (
            {"auth": {**AUTH, "entra": ENTRA}, "signaalmonitor": {"rollen": {"X": "toezicht"}}},
            "rol_claim ontbreekt",
        ),
        (
            {
                "auth": {**AUTH, "entra": ENTRA},
                "signaalmonitor": {"rol_claim": "roles", "rollen": {"X": "superuser"}},
            },
            "superuser",
        ),
        (
            {"auth": {**AUTH, "entra": ENTRA}, "signaalmonitor": {"rol_claim": " "}},
            "leeg",
        ),
        (
            {
                "auth": {**AUTH, "entra": ENTRA},
                "signaalmonitor": {"alleen_organisatie_account": "ja"},
            },
            "true of false",
        ),
    ],
)
def test_verkeerde_instelling_geeft_een_melding(secrets: Mapping[str, object], fout: str) -> None:
    with pytest.raises(sso.SsoInstellingFout, match=fout):
        sso.lees_instelling(secrets)


def test_volledige_instelling() -> None:
    instelling = sso.lees_instelling(
        {
            "auth": {**AUTH, "entra": ENTRA},
            "signaalmonitor": {
                "rol_claim": "roles",
                "rollen": {"Wmo-Toezicht": "toezicht", "Wmo-Control": "control"},
                "alleen_organisatie_account": True,
                "naam_claim": "upn",
            },
        }
    )
    assert instelling == sso.SsoInstelling(
        provider="entra",
        rol_claim="roles",
        rollen={"Wmo-Toezicht": "toezicht", "Wmo-Control": "control"},
        naam_claims=("upn",),
        alleen_organisatie_account=True,
    )
    assert sso.alleen_organisatie_account(
        {"signaalmonitor": {"alleen_organisatie_account": True, "rollen": "kapot"}}
    )


# --- rol uit de gebruikersopslag ------------------------------------------------------------


def test_bekende_gebruiker_krijgt_de_rol_uit_de_opslag() -> None:
    uitkomst = sso.beoordeel(_claims(email="an@gemeente.nl"), OPSLAG, _zoek)
    assert (uitkomst.naam, uitkomst.rol, uitkomst.weigering) == (
        "an@gemeente.nl",
        rollen.CONTROL,
        None,
    )
    assert uitkomst.audit_gebruiker == "an@gemeente.nl"
    assert uitkomst.audit_toelichting == "via organisatie-account"


def test_preferred_username_als_er_geen_email_is() -> None:
    uitkomst = sso.beoordeel(_claims(preferred_username="an@gemeente.nl"), OPSLAG, _zoek)
    assert uitkomst.gelukt and uitkomst.rol == rollen.CONTROL


def test_onbekende_gebruiker_geweigerd_zonder_naam_in_het_auditlog() -> None:
    uitkomst = sso.beoordeel(_claims(email="eve@elders.nl"), OPSLAG, _zoek)
    assert not uitkomst.gelukt
    assert uitkomst.weigering == sso.ONBEKEND
    assert uitkomst.audit_gebruiker is None
    assert "eve" not in uitkomst.audit_toelichting


def test_geblokkeerde_gebruiker_geweigerd() -> None:
    uitkomst = sso.beoordeel(_claims(email="bo@gemeente.nl"), OPSLAG, _zoek)
    assert uitkomst.weigering == gebruikers.GEBLOKKEERD
    assert uitkomst.audit_gebruiker == "bo@gemeente.nl"
    # Also when the role claim would grant a role: beheer's block counts.
    uitkomst = sso.beoordeel(
        _claims(email="bo@gemeente.nl", roles=["Wmo-Toezicht"]), ROLCLAIM, _zoek
    )
    assert uitkomst.weigering == gebruikers.GEBLOKKEERD


def test_niet_ingelogd_bij_de_provider() -> None:
    for claims in ({"email": "an@gemeente.nl"}, {"is_logged_in": False}, {}):
        assert sso.beoordeel(claims, OPSLAG, _zoek).weigering == sso.NIET_INGELOGD


def test_hoofdletters_in_het_emailadres(beheer_db: Path) -> None:
    gebruikers.voeg_toe(
        "an@gemeente.nl", rollen.TOEZICHT, "lang genoeg testwachtwoord", door="t", door_rol="t"
    )
    uitkomst = sso.beoordeel(_claims(email="An@Gemeente.NL"), OPSLAG, sso.zoek_account)
    assert (uitkomst.naam, uitkomst.rol) == ("an@gemeente.nl", rollen.TOEZICHT)
    assert sso.zoek_account("bo@gemeente.nl") is None


# --- rol uit een claim ----------------------------------------------------------------------


def test_rol_uit_de_claim_ook_zonder_account_in_de_opslag() -> None:
    uitkomst = sso.beoordeel(
        _claims(email="cas@gemeente.nl", roles=["Andere-App", "Wmo-Toezicht"]), ROLCLAIM, _zoek
    )
    assert (uitkomst.naam, uitkomst.rol) == ("cas@gemeente.nl", rollen.TOEZICHT)
    # The claim wins over the store's role (the gemeente manages roles in its directory).
    uitkomst = sso.beoordeel(_claims(email="an@gemeente.nl", roles="Wmo-Toezicht"), ROLCLAIM, _zoek)
    assert uitkomst.rol == rollen.TOEZICHT


@pytest.mark.parametrize(
    "rolclaim",
    [
        None,
        [],
        ["Andere-App"],
        "toezicht",  # not in the configured translation
        [["Wmo-Toezicht"]],  # nested, not a role name
        {"Wmo-Toezicht": True},
        ["Wmo-Toezicht" + "x" * 300],
    ],
)
def test_claim_zonder_bekende_rol_geweigerd(rolclaim: object) -> None:
    uitkomst = sso.beoordeel(_claims(email="cas@gemeente.nl", roles=rolclaim), ROLCLAIM, _zoek)
    assert not uitkomst.gelukt
    assert uitkomst.weigering == sso.GEEN_ROL
    assert uitkomst.audit_gebruiker is None


def test_twee_rollen_in_de_claim_geweigerd() -> None:
    uitkomst = sso.beoordeel(
        _claims(email="an@gemeente.nl", roles=["Wmo-Toezicht", "Wmo-Control"]), ROLCLAIM, _zoek
    )
    assert uitkomst.weigering == sso.MEERDERE_ROLLEN
    assert uitkomst.audit_gebruiker == "an@gemeente.nl"


def test_claim_zonder_vertaling_noemt_de_rol_zelf() -> None:
    instelling = replace(ROLCLAIM, rollen={})
    assert sso.beoordeel(_claims(email="x@y.nl", roles=["control"]), instelling, _zoek).rol == (
        rollen.CONTROL
    )
    for onbestaand in (["Toezicht "], ["superuser"], ["beheerder"], ["*"]):
        uitkomst = sso.beoordeel(_claims(email="x@y.nl", roles=onbestaand), instelling, _zoek)
        assert uitkomst.weigering == sso.GEEN_ROL


# --- vijandige claims -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "111222333@gemeente.nl",  # a valid BSN (elfproef) as the local part
        "x" * 101,
        "an@gemeente.nl\nrol=beheer",
        "an\u0000@gemeente.nl",
        12345,
    ],
)
def test_onbruikbare_naam_geweigerd_en_niet_vastgelegd(email: object) -> None:
    uitkomst = sso.beoordeel(_claims(email=email, roles=["Wmo-Toezicht"]), ROLCLAIM, _zoek)
    assert uitkomst.weigering == sso.GEEN_BRUIKBARE_NAAM
    assert uitkomst.audit_gebruiker is None
    assert "111222333" not in repr(uitkomst)
    # No falling through to another claim: one identity, one name.
    uitkomst = sso.beoordeel(
        _claims(email=email, preferred_username="an@gemeente.nl"), OPSLAG, _zoek
    )
    assert uitkomst.weigering == sso.GEEN_BRUIKBARE_NAAM


def test_opmaak_in_een_naam_blijft_data() -> None:
    # Accepted as a name (the claim decides the role); rendered through md() by the app,
    # see test_sso_inloggen.py.
    naam = "**vet** <img src=x onerror=alert(1)>@gemeente.nl"
    uitkomst = sso.beoordeel(_claims(email=naam, roles=["Wmo-Control"]), ROLCLAIM, _zoek)
    assert (uitkomst.naam, uitkomst.rol) == (naam, rollen.CONTROL)


def test_herbevestigen_eist_dezelfde_persoon() -> None:
    claims = _claims(email="an@gemeente.nl")
    assert sso.herbevestig("an@gemeente.nl", claims, OPSLAG, _zoek).rol == rollen.CONTROL
    assert not sso.herbevestig("bo@gemeente.nl", claims, OPSLAG, _zoek).gelukt
    assert not sso.herbevestig("an@gemeente.nl", {}, OPSLAG, _zoek).gelukt


def test_voorbeeld_in_de_readme_is_een_geldige_instelling() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blokken = [b for b in re.findall(r"```toml\n(.*?)```", readme, re.DOTALL) if "[auth]" in b]
    assert len(blokken) == 1
    instelling = sso.lees_instelling(tomllib.loads(blokken[0]))
    assert instelling is not None
    assert (instelling.provider, instelling.rol_claim) == ("entra", "roles")
    assert set(instelling.rollen.values()) == set(rollen.ROLLEN)
    assert not instelling.alleen_organisatie_account
