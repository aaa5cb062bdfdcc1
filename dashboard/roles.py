"""Which pages each dashboard role may open and which views its schema holds.

The role names live in pipelines/rollen.py (shared with the CLI). The role is the logged-in
user's, from the user store (dashboard/sessie.py, the login page), never a widget.
What a role may *read* is enforced in the data layer: sql/rollen.sql creates one schema per
role (`rol_toezicht`, `rol_contractmanagement`, `rol_control`, `rol_beheer`), `run` publishes
each as its own read-only file (pipelines/rolbestanden.py) and the query layer
(dashboard/queries/verbinding.py) opens only the active role's file. The page lists
below decide what the navigation shows; every page checks again when it runs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from pipelines.rollen import BEHEER as BEHEER
from pipelines.rollen import CONTRACTMANAGEMENT as CONTRACTMANAGEMENT
from pipelines.rollen import CONTROL as CONTROL
from pipelines.rollen import ROL_NAAM as ROL_NAAM
from pipelines.rollen import ROLLEN as ROLLEN
from pipelines.rollen import STANDAARD_ROL as STANDAARD_ROL
from pipelines.rollen import TOEZICHT as TOEZICHT
from pipelines.rollen import OnbekendeRol as OnbekendeRol
from pipelines.rollen import rol_uit as rol_uit
from pipelines.rollen import schema as schema
from pipelines.settings import ROL_ENV


class GeenToegang(Exception):
    """The active role may not open this page or read this view."""


@dataclass(frozen=True)
class Pagina:
    sleutel: str
    bestand: str
    titel: str
    icoon: str
    sectie: str


PAGINAS: Final = {
    p.sleutel: p
    for p in (
        Pagina("overzicht", "risico_ranking.py", "Overzicht", ":material/traffic:", "Signalen"),
        Pagina("aanbieder", "aanbieder_profiel.py", "Aanbieder", ":material/domain:", "Signalen"),
        Pagina("signaal", "signaal_bewijs.py", "Signaal", ":material/search:", "Signalen"),
        Pagina(
            "volumetrends",
            "controller_trends.py",
            "Volumetrends",
            ":material/trending_up:",
            "Sturing",
        ),
        Pagina(
            "verantwoording",
            "verantwoording.py",
            "Verantwoording",
            ":material/receipt_long:",
            "Sturing",
        ),
        Pagina(
            "datakwaliteit", "over_de_data.py", "Datakwaliteit", ":material/fact_check:", "Gegevens"
        ),
        Pagina(
            "upload",
            "beheer_upload.py",
            "Bestanden aanleveren",
            ":material/upload_file:",
            "Gegevens",
        ),
        Pagina("gebruikers", "beheer_gebruikers.py", "Gebruikers", ":material/group:", "Beheer"),
        Pagina("auditlog", "beheer_auditlog.py", "Auditlog", ":material/policy:", "Beheer"),
        Pagina(
            "instellingen",
            "beheer_instellingen.py",
            "Instellingen",
            ":material/settings:",
            "Beheer",
        ),
        Pagina("kaart", "kaart.py", "Kaart", ":material/map:", "Sturing"),
    )
}

# The first page of each list is the role's start page.
PAGINAS_PER_ROL: Final[dict[str, tuple[str, ...]]] = {
    TOEZICHT: (
        "overzicht",
        "aanbieder",
        "signaal",
        "volumetrends",
        "verantwoording",
        "datakwaliteit",
        "kaart",
    ),
    CONTRACTMANAGEMENT: (
        "overzicht",
        "aanbieder",
        "signaal",
        "volumetrends",
        "datakwaliteit",
        "kaart",
    ),
    CONTROL: ("volumetrends", "verantwoording", "datakwaliteit", "kaart"),
    BEHEER: ("datakwaliteit", "upload", "gebruikers", "auditlog", "instellingen"),
}

# What each role's schema holds: a copy of sql/rollen.sql that the query layer checks before
# it asks (a test keeps both in step). Views are tables; `()` marks a table macro.
_ALGEMEEN = (
    "laadregister",
    "niet_geladen",
    "runs",
    "quarantaine",
    "gemeenten",
    "producten",
    "aanbieders",
    "trends",
    "clienten_telling",
    "aanbieder_activiteit",
)
_AANBIEDERCIJFERS = (
    "aanbieder_maand",
    "aanbieder_mix",
    "cm_profiel",
    "risico",
    "signalen",
    "indicatoren",
    "signalen_eerst_gezien",
    # Onrechtmatig euros per provider × gemeente: aggregate, no client rows.
    "onrechtmatig_per_gemeente",
    # Signals of the toegang counted per kwartaal and soort; each role's view decides whether
    # small counts are shown (toezicht) or left empty (contractmanagement).
    "toegangssignalen_telling",
)
WEERGAVEN_PER_ROL: Final[dict[str, frozenset[str]]] = {
    TOEZICHT: frozenset(
        (
            *_ALGEMEEN,
            *_AANBIEDERCIJFERS,
            "bewijsregels",
            # Line by line, for a gemeente's terugvordering: toezicht only.
            "vorderingsoverzicht",
            # Each signal split by gemeente (with client counts per gemeente): toezicht only.
            "signaal_per_gemeente",
            "toegangssignalen",
            "verantwoording_omzet()",
        )
    ),
    CONTRACTMANAGEMENT: frozenset((*_ALGEMEEN, *_AANBIEDERCIJFERS)),
    CONTROL: frozenset((*_ALGEMEEN, "verantwoording_omzet()")),
    BEHEER: frozenset(("laadregister", "niet_geladen", "runs", "quarantaine")),
}
# #13 kaart: the map per gemeente (control sees no signals, so no onrechtmatig geld).
WEERGAVEN_PER_ROL[TOEZICHT] |= {"kaart", "kaart_onrechtmatig"}
WEERGAVEN_PER_ROL[CONTRACTMANAGEMENT] |= {"kaart", "kaart_onrechtmatig"}
WEERGAVEN_PER_ROL[CONTROL] |= {"kaart"}
# #13 control: prognose, completeringsfactoren, rechtmatigheid and the verantwoording cycle
# (sql/rollen.sql, block "#13 control"); toezicht sees them exact, control suppressed.
_CONTROLCIJFERS = ("prognose", "completeringsfactoren", "rechtmatigheid", "verantwoording_cyclus")
WEERGAVEN_PER_ROL[TOEZICHT] = WEERGAVEN_PER_ROL[TOEZICHT] | frozenset(_CONTROLCIJFERS)
WEERGAVEN_PER_ROL[CONTROL] = WEERGAVEN_PER_ROL[CONTROL] | frozenset(_CONTROLCIJFERS)
# #13 cmgesprek: the CM-gesprek's agenda per aanbieder and period (sql/rollen.sql, own block).
for _rol in (TOEZICHT, CONTRACTMANAGEMENT):
    WEERGAVEN_PER_ROL[_rol] = WEERGAVEN_PER_ROL[_rol] | {
        "cm_periode",
        "cm_productie",
        "cm_managementinformatie",
    }


def actieve_rol() -> str:
    """The role of the user logged in to this browser session (GeenToegang when none).

    In the dashboard the role comes only from the session, which the app re-checks against
    the user store on every rerun (dashboard/sessie.py). $SIGNAALMONITOR_ROL counts only
    outside a Streamlit session, where there is no browser and no user: scripts and tests
    that call the query layer directly from Python.
    """
    if get_script_run_ctx(suppress_warning=True) is None:
        return rol_uit(os.environ.get(ROL_ENV) or STANDAARD_ROL, herkomst=f" in {ROL_ENV}")
    from dashboard import sessie

    gebruiker = sessie.huidige_gebruiker()
    if gebruiker is None:
        raise GeenToegang("U bent niet ingelogd. Log eerst in.")
    return rol_uit(gebruiker.rol)


def paginas(rol: str) -> list[Pagina]:
    return [PAGINAS[s] for s in PAGINAS_PER_ROL[rol]]


@dataclass(frozen=True)
class Menuplek:
    sectie: str
    pagina: Pagina
    zichtbaar: bool
    standaard: bool


def menu(rol: str) -> list[Menuplek]:
    """Every page with its place in a role's menu: the role's own pages visible, others hidden.

    A hidden page still has a URL, so a link shared by another role opens and then says in
    Dutch that this role has no access (the page's own check), instead of Streamlit's English
    "page not found". The menu shows only the role's pages; the data layer decides the rest.
    Hidden pages join the first visible section, so no empty section header appears.
    """
    eigen = PAGINAS_PER_ROL[rol]
    return [
        Menuplek(
            PAGINAS[s].sectie if s in eigen else PAGINAS[eigen[0]].sectie,
            PAGINAS[s],
            s in eigen,
            s == eigen[0],
        )
        for s in (*eigen, *(s for s in PAGINAS if s not in eigen))
    ]


def navigatie(rol: str, map_: Path) -> dict[str, list[st.Page]]:
    """The st.navigation sections for a role (see `menu`)."""
    secties: dict[str, list[st.Page]] = {}
    for plek in menu(rol):
        secties.setdefault(plek.sectie, []).append(
            st.Page(
                map_ / plek.pagina.bestand,
                title=plek.pagina.titel,
                icon=plek.pagina.icoon,
                url_path=plek.pagina.sleutel,
                default=plek.standaard,
                visibility="visible" if plek.zichtbaar else "hidden",
            )
        )
    return secties


def mag_pagina(rol: str, pagina: str) -> bool:
    return pagina in PAGINAS_PER_ROL.get(rol, ())


def mag_lezen(rol: str, weergave: str) -> bool:
    return weergave in WEERGAVEN_PER_ROL.get(rol, frozenset())


def ziet_bewijs(rol: str) -> bool:
    """Client-level evidence rows (pseudonymised): toezicht only."""
    return mag_lezen(rol, "bewijsregels")


def ziet_toegangssignalen(rol: str) -> bool:
    """Each signal of the toegang with its date and free text: toezicht only."""
    return mag_lezen(rol, "toegangssignalen")


def mag_beoordelen(rol: str) -> bool:
    """The werkvoorraad (beheeropslag, not a DuckDB view): toezicht only."""
    return rol == TOEZICHT


def ziet_signalen(rol: str) -> bool:
    return mag_lezen(rol, "signalen")


# #13 onderaannemers: hoofdaannemer with onderaannemers and organisations (one KvK), per member
# and per group; contractmanagement's views are suppressed and carry no signal counts.
_GROEPEN = frozenset(("groep_leden", "groep_jaar"))
WEERGAVEN_PER_ROL[TOEZICHT] = WEERGAVEN_PER_ROL[TOEZICHT] | _GROEPEN
WEERGAVEN_PER_ROL[CONTRACTMANAGEMENT] = WEERGAVEN_PER_ROL[CONTRACTMANAGEMENT] | _GROEPEN


# #13 point 8: links across roles. Every page has the same URL for every role (url_path = its
# key), so a link to a page the role also has (/signaal?signaal=… from toezicht, opened by
# contractmanagement) opens that role's own page. A page of another role and an unknown path
# get a Dutch page with a link to the role's start page (dashboard/app.py).
_PAD = re.compile(r"[A-Za-z0-9_-]{1,100}")


def startpagina(rol: str) -> Pagina:
    """The page a role lands on (the first of its pages)."""
    return PAGINAS[PAGINAS_PER_ROL[rol][0]]


def onbekend_pad() -> str | None:
    """The path the browser asked for when no page has it, else None.

    Streamlit answers an unknown path with an English "Page not found" dialog; the app gives
    such a path a hidden Dutch page instead. Only a plain path segment qualifies (Streamlit's
    url_path cannot hold a slash); anything else keeps Streamlit's own handling."""
    ctx = get_script_run_ctx(suppress_warning=True)
    naam = ctx.pages_manager.intended_page_name if ctx is not None else None
    if not naam or naam in PAGINAS or not _PAD.fullmatch(naam):
        return None
    return naam
