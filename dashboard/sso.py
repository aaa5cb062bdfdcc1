"""Optional single sign-on with the gemeente's organisation account (OIDC via `st.login`).

Streamlit does the OpenID Connect part (redirect, code exchange, ID-token check, identity
cookie) when `.streamlit/secrets.toml` has an `[auth]` section and Authlib is installed
(`pip install "signaalmonitor-wmo[sso]"`). This module decides what that identity may do
here: the name comes from the `email` or `preferred_username` claim, the role either from a
configured claim (`[signaalmonitor] rol_claim`, optionally translated by
`[signaalmonitor.rollen]`) or, without that option, from the user store. A user that exists in
the store and is blocked never gets in, whichever way the role is decided.

The decisions are pure functions of the configuration and a claims dict (tested with
hand-written claims); the few Streamlit calls (st.secrets, st.user) are at the bottom.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

import streamlit as st

from pipelines import rollen
from pipelines.beheeropslag import audit, gebruikers

KNOP: Final = "Inloggen met uw organisatie-account"
UITLOGGEN_KNOP: Final = "Uitloggen bij het organisatie-account"
STANDAARD_NAAMCLAIMS: Final = ("email", "preferred_username")
# A role claim longer than this (a group list of a large tenant, or garbage) is not read.
MAXIMAAL_AANTAL_ROLWAARDEN: Final = 200
MAXIMALE_CLAIMLENGTE: Final = 200
TOELICHTING_GELUKT: Final = "via organisatie-account"

GEEN_BRUIKBARE_NAAM: Final = (
    "Uw organisatie-account gaf geen bruikbare naam door (e-mailadres of gebruikersnaam). "
    "Neem contact op met beheer."
)
ONBEKEND: Final = (
    "Met dit organisatie-account hebt u geen toegang tot de Signaalmonitor. Vraag beheer om "
    "toegang."
)
GEEN_ROL: Final = (
    "Uw organisatie-account heeft geen rol voor de Signaalmonitor. Vraag beheer om een rol."
)
MEERDERE_ROLLEN: Final = (
    "Uw organisatie-account heeft meer dan één rol voor de Signaalmonitor; dat kan niet. "
    "Vraag beheer om één rol."
)
NIET_INGELOGD: Final = "U bent niet (meer) ingelogd met uw organisatie-account."
AUTHLIB_ONTBREEKT: Final = (
    "Inloggen met het organisatie-account is ingesteld, maar het pakket Authlib ontbreekt. "
    'Beheer installeert het met `pip install "signaalmonitor-wmo[sso]"`.'
)


class SsoInstellingFout(ValueError):
    """The single sign-on part of secrets.toml is wrong; the message says what (Dutch)."""


@dataclass(frozen=True)
class SsoInstelling:
    """What secrets.toml says about single sign-on.

    `provider` is the name for st.login (None: the provider settings sit in [auth] itself).
    """

    provider: str | None
    rol_claim: str | None = None
    rollen: Mapping[str, str] = field(default_factory=dict)
    naam_claims: tuple[str, ...] = STANDAARD_NAAMCLAIMS
    alleen_organisatie_account: bool = False


@dataclass(frozen=True)
class Aanmelding:
    """The outcome for one identity: `naam` and `rol` on success, else `weigering`.

    `audit_gebruiker` names the person in the audit row only when the store knows them or the
    login succeeded (like the password path: an unknown name is not recorded).
    """

    naam: str | None
    rol: str | None
    weigering: str | None
    audit_gebruiker: str | None
    audit_rol: str | None
    audit_toelichting: str

    @property
    def gelukt(self) -> bool:
        return self.naam is not None and self.rol is not None


def _geweigerd(
    weigering: str, toelichting: str, account: gebruikers.Account | None = None
) -> Aanmelding:
    return Aanmelding(
        naam=None,
        rol=None,
        weigering=weigering,
        audit_gebruiker=account.naam if account else None,
        audit_rol=account.rol if account else None,
        audit_toelichting=f"organisatie-account: {toelichting}",
    )


def _tekst(waarde: object, naam: str) -> str:
    if not isinstance(waarde, str):
        raise SsoInstellingFout(f"[signaalmonitor] {naam} moet tekst zijn.")
    tekst = waarde.strip()
    if not tekst:
        raise SsoInstellingFout(f"[signaalmonitor] {naam} mag niet leeg zijn.")
    return tekst


def alleen_organisatie_account(secrets: Mapping[str, object]) -> bool:
    """`[signaalmonitor] alleen_organisatie_account = true`: no password form.

    Read on its own, so a mistake elsewhere in the section does not bring the form back.
    """
    sectie = secrets.get("signaalmonitor")
    return isinstance(sectie, Mapping) and sectie.get("alleen_organisatie_account") is True


def lees_instelling(secrets: Mapping[str, object]) -> SsoInstelling | None:
    """The single sign-on settings, None without an [auth] section, or SsoInstellingFout."""
    auth = secrets.get("auth")
    if auth is None:
        return None
    if not isinstance(auth, Mapping):
        raise SsoInstellingFout("[auth] in secrets.toml moet een sectie zijn.")
    sectie = secrets.get("signaalmonitor", {})
    if not isinstance(sectie, Mapping):
        raise SsoInstellingFout("[signaalmonitor] in secrets.toml moet een sectie zijn.")

    benoemd = sorted(naam for naam, waarde in auth.items() if isinstance(waarde, Mapping))
    if "provider" in sectie:
        provider: str | None = _tekst(sectie["provider"], "provider")
        if provider not in benoemd:
            raise SsoInstellingFout(
                f"[signaalmonitor] provider noemt '{provider}', maar er is geen "
                f"[auth.{provider}] in secrets.toml."
            )
    elif len(benoemd) == 1:
        provider = benoemd[0]
    elif not benoemd and "client_id" in auth:
        provider = None
    else:
        raise SsoInstellingFout(
            "Kies in secrets.toml met [signaalmonitor] provider welke [auth.NAAM] het "
            "organisatie-account is."
        )
    if provider is not None and "_" in provider:
        # Streamlit's own rule for provider names.
        raise SsoInstellingFout("Een providernaam in [auth.NAAM] mag geen '_' bevatten.")

    rol_claim = _tekst(sectie["rol_claim"], "rol_claim") if "rol_claim" in sectie else None
    vertaling = sectie.get("rollen", {})
    if not isinstance(vertaling, Mapping):
        raise SsoInstellingFout("[signaalmonitor.rollen] moet een sectie zijn.")
    if vertaling and rol_claim is None:
        raise SsoInstellingFout(
            "[signaalmonitor.rollen] vertaalt een rolclaim, maar rol_claim ontbreekt."
        )
    rolvertaling: dict[str, str] = {}
    for waarde, rol in vertaling.items():
        if not isinstance(rol, str) or rol not in rollen.ROLLEN:
            raise SsoInstellingFout(
                f"[signaalmonitor.rollen] '{waarde}' noemt '{rol}'; dat is geen rol. "
                f"Kies uit {', '.join(rollen.ROLLEN)}."
            )
        rolvertaling[str(waarde)] = rol

    naam_claims: tuple[str, ...] = STANDAARD_NAAMCLAIMS
    if "naam_claim" in sectie:
        naam_claims = (_tekst(sectie["naam_claim"], "naam_claim"),)
    alleen = sectie.get("alleen_organisatie_account", False)
    if not isinstance(alleen, bool):
        raise SsoInstellingFout("[signaalmonitor] alleen_organisatie_account is true of false.")
    return SsoInstelling(
        provider=provider,
        rol_claim=rol_claim,
        rollen=rolvertaling,
        naam_claims=naam_claims,
        alleen_organisatie_account=alleen,
    )


def _naam_uit(claims: Mapping[str, object], naam_claims: tuple[str, ...]) -> str | None:
    """The first name claim that is present, checked like a name typed by beheer.

    A present but unusable claim (a BSN, control characters, too long) refuses the login
    rather than falling through to the next claim: one identity, one name.
    """
    for claim in naam_claims:
        waarde = claims.get(claim)
        if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
            continue
        if not isinstance(waarde, str):
            return None
        try:
            return gebruikers.controleer_naam(waarde)
        except gebruikers.GebruikerFout:
            return None
    return None


def _rollen_uit(claims: Mapping[str, object], instelling: SsoInstelling) -> set[str]:
    """The roles of this app that the role claim names (unknown values are ignored)."""
    assert instelling.rol_claim is not None
    waarde = claims.get(instelling.rol_claim)
    waarden: list[object]
    if isinstance(waarde, str):
        waarden = [waarde]
    elif isinstance(waarde, list | tuple):
        waarden = list(waarde[:MAXIMAAL_AANTAL_ROLWAARDEN])
    else:
        waarden = []
    gevonden: set[str] = set()
    for item in waarden:
        if not isinstance(item, str) or len(item) > MAXIMALE_CLAIMLENGTE:
            continue
        if instelling.rollen:
            rol = instelling.rollen.get(item)
        else:
            rol = item if item in rollen.ROLLEN else None
        if rol is not None:
            gevonden.add(rol)
    return gevonden


def beoordeel(
    claims: Mapping[str, object],
    instelling: SsoInstelling,
    zoek: Callable[[str], gebruikers.Account | None],
) -> Aanmelding:
    """Who this identity is here, and with which role; or why not.

    `zoek` looks a name up in the user store (see `zoek_account`). A user in the store that is
    blocked is refused also when the role comes from the claim: beheer's block always counts.
    A password lockout does not count here: it guards the password, not the person.
    """
    if claims.get("is_logged_in") is not True:
        return _geweigerd(NIET_INGELOGD, "niet ingelogd")
    naam = _naam_uit(claims, instelling.naam_claims)
    if naam is None:
        return _geweigerd(GEEN_BRUIKBARE_NAAM, "geen bruikbare naam")
    account = zoek(naam)
    if account is not None and account.is_geblokkeerd:
        return _geweigerd(gebruikers.GEBLOKKEERD, "account is geblokkeerd", account)

    if instelling.rol_claim is not None:
        gevonden = _rollen_uit(claims, instelling)
        if not gevonden:
            return _geweigerd(GEEN_ROL, f"geen rol in claim {instelling.rol_claim}", account)
        if len(gevonden) > 1:
            return _geweigerd(
                MEERDERE_ROLLEN, f"meer dan één rol in claim {instelling.rol_claim}", account
            )
        (rol,) = gevonden
        # The store's spelling of a known name, so audit rows of both paths line up.
        naam = account.naam if account is not None else naam
    else:
        if account is None:
            return _geweigerd(ONBEKEND, "onbekende naam")
        if account.rol not in rollen.ROLLEN:
            return _geweigerd(GEEN_ROL, "geen geldige rol in de gebruikersopslag", account)
        naam, rol = account.naam, account.rol
    return Aanmelding(
        naam=naam,
        rol=rol,
        weigering=None,
        audit_gebruiker=naam,
        audit_rol=rol,
        audit_toelichting=TOELICHTING_GELUKT,
    )


def herbevestig(
    naam: str,
    claims: Mapping[str, object],
    instelling: SsoInstelling,
    zoek: Callable[[str], gebruikers.Account | None],
) -> Aanmelding:
    """The check on every rerun of a session that began with the organisation account.

    The same decision as at login (still logged in, not blocked, the claim still names a role
    or the store still has one), and it must still be the same person.
    """
    aanmelding = beoordeel(claims, instelling, zoek)
    if aanmelding.gelukt and aanmelding.naam != naam:
        return _geweigerd(NIET_INGELOGD, "andere identiteit in dezelfde sessie")
    return aanmelding


def zoek_account(naam: str) -> gebruikers.Account | None:
    """The store's user for an e-mail address or user name from the provider.

    Names in the store compare without regard to case (schema 0002, `collate nocase`), so the
    provider's spelling of an address finds the user beheer typed.
    """
    return gebruikers.zoek(naam)


def schrijf_audit(aanmelding: Aanmelding) -> None:
    """INLOGGEN or INLOGGEN_MISLUKT for this outcome (no password is involved)."""
    audit.schrijf(
        audit.INLOGGEN if aanmelding.gelukt else audit.INLOGGEN_MISLUKT,
        gebruiker=aanmelding.audit_gebruiker,
        rol=aanmelding.audit_rol,
        toelichting=aanmelding.audit_toelichting,
    )


# --- Streamlit: the configuration and the identity of this browser session ----------------


def authlib_aanwezig() -> bool:
    """st.login needs Authlib; it is an optional extra (`signaalmonitor-wmo[sso]`)."""
    return importlib.util.find_spec("authlib") is not None


def secrets() -> Mapping[str, object]:
    """st.secrets as a plain dict ({} without a secrets.toml)."""
    if not st.secrets.load_if_toml_exists():
        return {}
    return st.secrets.to_dict()


def instelling() -> SsoInstelling | None:
    """The configured single sign-on, or None (raises SsoInstellingFout when it is wrong)."""
    return lees_instelling(secrets())


def claims() -> dict[str, object]:
    """The identity Streamlit holds for this session (`is_logged_in` only when configured)."""
    return dict(st.user.to_dict())


def is_ingelogd() -> bool:
    return st.user.get("is_logged_in") is True
