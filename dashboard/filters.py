"""Global filters (jaar, gemeente, perceel) that live in the URL, and the page context.

The entrypoint draws the filters in the sidebar and mirrors them into `st.query_params`, so a
view can be shared as a link; a link opened in a new session fills the filters from the URL
(values are checked against what the data and the role allow). Filter values are kept in
plain session-state keys (not widget keys), so they survive pages that do not show them.
Every page starts with `context(pagina)`, which re-checks the role and the database state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st

from dashboard import roles
from dashboard.queries import verbinding
from dashboard.queries.filters import Filteropties, filteropties
from dashboard.queries.verbinding import Dataversie
from dashboard.veilige_tekst import md
from pipelines import opmaak

ALLE_GEMEENTEN = "Alle gemeenten"
ALLE_PERCELEN = "Alle percelen"
# A selectbox treats None as "nothing chosen"; the widgets use this marker for "alle" instead.
ALLE = "*"

# Which global filters a page uses (the others stay set, but are not shown there).
FILTERS_PER_PAGINA: dict[str, tuple[str, ...]] = {
    "overzicht": ("jaar", "gemeente", "perceel"),
    "aanbieder": ("jaar",),
    "signaal": ("jaar",),
    "volumetrends": ("jaar", "gemeente", "perceel"),
    "verantwoording": ("jaar",),
    "datakwaliteit": (),
    "kaart": ("jaar", "perceel"),
}
_STAAT = {"jaar": "filter_jaar", "gemeente": "filter_gemeente", "perceel": "filter_perceel"}
_VERSIE = "signaalmonitor_dataversie"


@dataclass(frozen=True)
class PaginaContext:
    rol: str
    versie: Dataversie
    opties: Filteropties
    jaar: int
    gemeente: str | None
    perceel: str | None

    @property
    def sleutel(self) -> str:
        return self.versie.sleutel

    @property
    def gemeente_naam(self) -> str:
        namen = dict(self.opties.gemeenten)
        return namen.get(self.gemeente or "", ALLE_GEMEENTEN)

    @property
    def selectie_tekst(self) -> str:
        """The selection as plain text; gemeente and perceel names come from the data."""
        delen = [str(self.jaar)]
        delen.append(self.gemeente_naam if self.gemeente else "alle gemeenten")
        delen.append(self.perceel or "alle percelen")
        return " · ".join(delen)

    @property
    def selectie_md(self) -> str:
        """`selectie_tekst` for a caption or alert: shown as text, never as markdown."""
        return md(self.selectie_tekst)


def _uit_url(naam: str, bekend: Iterable[object]) -> object | None:
    """The URL value of a filter if it is one of the known values (compared as text), else
    None: a link can only choose what the data and the role offer, never bring its own text."""
    waarde = st.query_params.get(naam)
    if not waarde:
        return None
    return next((b for b in bekend if str(b) == waarde), None)


def _initialiseer(opties: Filteropties) -> None:
    """Fill missing or no-longer-valid filter values from the URL, else the defaults."""
    jaar = st.session_state.get(_STAAT["jaar"])
    if jaar not in opties.jaren:
        kandidaat = _uit_url("jaar", opties.jaren)
        st.session_state[_STAAT["jaar"]] = kandidaat if kandidaat is not None else opties.jaren[0]
    codes = [c for c, _ in opties.gemeenten]
    if _STAAT["gemeente"] not in st.session_state or (
        st.session_state[_STAAT["gemeente"]] not in codes
        and st.session_state[_STAAT["gemeente"]] is not None
    ):
        st.session_state[_STAAT["gemeente"]] = _uit_url("gemeente", codes)
    if _STAAT["perceel"] not in st.session_state or (
        st.session_state[_STAAT["perceel"]] not in opties.percelen
        and st.session_state[_STAAT["perceel"]] is not None
    ):
        st.session_state[_STAAT["perceel"]] = _uit_url("perceel", opties.percelen)


def _kopieer(naam: str) -> None:
    waarde = st.session_state[f"w_{naam}"]
    st.session_state[_STAAT[naam]] = None if waarde == ALLE else waarde
    if naam == "jaar" and "signaal" in st.query_params:
        # A signal belongs to one year: another year starts from that year's list.
        del st.query_params["signaal"]
        st.session_state.pop("signaal_keuze", None)


def _widgetwaarde(naam: str) -> object:
    waarde = st.session_state[_STAAT[naam]]
    return ALLE if waarde is None else waarde


def _schrijf_url() -> None:
    for naam, sleutel in _STAAT.items():
        waarde = st.session_state.get(sleutel)
        if waarde is None:
            if naam in st.query_params:
                del st.query_params[naam]
        elif st.query_params.get(naam) != str(waarde):
            st.query_params[naam] = str(waarde)


def zijbalk(rol: str, pagina: str | None) -> Dataversie:
    """Draw the role, the data state and the page's filters in the sidebar."""
    zij = st.sidebar
    zij.caption(f"Rol: **{roles.ROL_NAAM[rol]}**")
    try:
        versie = verbinding.dataversie(rol)
    except verbinding.DatabaseBezig:
        vorige = st.session_state.get(_VERSIE)
        if vorige is None or vorige.toestand != "klaar":
            raise
        # signaalmonitor is loading or computing: show what this session saw before (cached).
        zij.warning("De database wordt bijgewerkt; u ziet de vorige gegevens.")
        versie = vorige
    st.session_state[_VERSIE] = versie
    # Beheer has no figures, so no year, gemeente or perceel to choose.
    if versie.toestand != "klaar" or not roles.mag_lezen(rol, "trends"):
        return versie
    opties = filteropties(rol, versie.sleutel)
    if not opties.jaren:
        return versie
    _initialiseer(opties)
    zichtbaar = FILTERS_PER_PAGINA.get(pagina or "", ())
    if "jaar" in zichtbaar:
        st.session_state["w_jaar"] = st.session_state[_STAAT["jaar"]]
        zij.selectbox(
            "Jaar",
            opties.jaren,
            key="w_jaar",
            on_change=_kopieer,
            args=("jaar",),
        )
    if "gemeente" in zichtbaar:
        namen = dict(opties.gemeenten)
        st.session_state["w_gemeente"] = _widgetwaarde("gemeente")
        zij.selectbox(
            "Gemeente" + (f" (regio {md(opties.regio)})" if opties.regio else ""),
            [ALLE, *namen],
            key="w_gemeente",
            format_func=lambda c: namen.get(c, ALLE_GEMEENTEN),
            on_change=_kopieer,
            args=("gemeente",),
        )
    if "perceel" in zichtbaar:
        st.session_state["w_perceel"] = _widgetwaarde("perceel")
        zij.selectbox(
            "Perceel",
            [ALLE, *opties.percelen],
            key="w_perceel",
            format_func=lambda p: ALLE_PERCELEN if p == ALLE else p,
            on_change=_kopieer,
            args=("perceel",),
        )
    _schrijf_url()
    if versie.laatste_lading_op:
        zij.caption(
            f"Laatste lading: {opmaak.datum_tijd(versie.laatste_lading_op)}"
            + (
                f" · berekend: {opmaak.datum_tijd(versie.laatste_run_op)}"
                if versie.laatste_run_op
                else ""
            )
        )
    return versie


def context(pagina: str) -> PaginaContext:
    """Check the role and the database; stop the page with a Dutch message if it cannot run."""
    rol = roles.actieve_rol()
    if not roles.mag_pagina(rol, pagina):
        st.error(
            f"De rol {roles.ROL_NAAM[rol]} heeft geen toegang tot deze pagina. "
            "Kies een pagina in het menu."
        )
        st.stop()
    versie = st.session_state.get(_VERSIE) or verbinding.dataversie(rol)
    if versie.toestand == "geen_database":
        st.info(
            f"Er is nog geen database ({md(verbinding.database_pad())}). Laad bronbestanden met "
            "`signaalmonitor ingest MAP` en bereken de signalen met `signaalmonitor run`, of "
            "maak de demoregio met `make demo`."
        )
        st.stop()
    if versie.toestand == "niet_berekend":
        st.info(
            "De database bestaat, maar de signalen en overzichten zijn nog niet berekend. "
            "Draai `signaalmonitor run` en vernieuw deze pagina."
        )
        st.stop()
    opties = filteropties(rol, versie.sleutel)
    if not opties.jaren:
        st.info(
            "Er zijn nog geen declaraties geladen. Laad bronbestanden met "
            "`signaalmonitor ingest MAP` en draai daarna `signaalmonitor run`."
        )
        st.stop()
    _initialiseer(opties)
    return PaginaContext(
        rol=rol,
        versie=versie,
        opties=opties,
        jaar=int(st.session_state[_STAAT["jaar"]]),
        gemeente=st.session_state[_STAAT["gemeente"]],
        perceel=st.session_state[_STAAT["perceel"]],
    )


def databasecontext(pagina: str) -> tuple[str, Dataversie]:
    """For pages that work before anything is computed (Datakwaliteit): role and version only."""
    rol = roles.actieve_rol()
    if not roles.mag_pagina(rol, pagina):
        st.error(f"De rol {roles.ROL_NAAM[rol]} heeft geen toegang tot deze pagina.")
        st.stop()
    versie = st.session_state.get(_VERSIE) or verbinding.dataversie(rol)
    return rol, versie
