"""Signaalmonitor Wmo — dashboard entrypoint (`signaalmonitor dashboard`).

One server for all roles. Without a logged-in user the navigation holds only the login page,
under every page's URL too, so any link opens the login form and nothing else. After login
the role is the user's, from the user store (re-checked on every rerun in dashboard/sessie.py,
with the idle timeout): the navigation shows that role's pages, every page checks again, and
the query layer reads only that role's data. The sidebar holds the global filters, mirrored
into the URL, and the logout button.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import filters, roles, sessie
from dashboard.queries.verbinding import DatabaseBezig
from dashboard.veilige_tekst import GEEN_ANIMATIES_HTML, md
from pipelines.beheeropslag.opslag import BeheeropslagFout

PAGINAS = Path(__file__).parent / "app_pages"
INLOGPAGINA = PAGINAS / "inloggen.py"

st.set_page_config(
    page_title="Signaalmonitor Wmo",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

# No CSS transitions or animations (see veilige_tekst.GEEN_ANIMATIES_HTML): a constant.
st.html(GEEN_ANIMATIES_HTML)

try:
    gebruiker = sessie.controleer_sessie()
except BeheeropslagFout as fout:
    st.error(md(fout))
    st.stop()

if gebruiker is None:
    # The login page, also at each page's own URL (no "page not found", no page content):
    # after login the same URL, with its query parameters, opens the page asked for.
    st.navigation(
        [st.Page(INLOGPAGINA, title="Inloggen", icon=":material/login:", default=True)]
        + [
            st.Page(INLOGPAGINA, title="Inloggen", url_path=sleutel, visibility="hidden")
            for sleutel in (*roles.PAGINAS, *filter(None, [roles.onbekend_pad()]))
        ],
        position="hidden",
    ).run()
    st.stop()

try:
    rol = roles.rol_uit(gebruiker.rol)
except roles.OnbekendeRol as fout:
    st.error(md(fout))
    st.stop()

titel_naar_pagina = {p.titel: p.sleutel for p in roles.PAGINAS.values()}
STARTPAGINA = str(PAGINAS / roles.startpagina(rol).bestand)


def _pagina_niet_gevonden() -> None:
    st.title("Pagina niet gevonden")
    st.error("Deze pagina bestaat niet in de Signaalmonitor. Controleer de link.")
    st.page_link(STARTPAGINA, label="Naar de startpagina", icon=":material/home:")


secties = roles.navigatie(rol, PAGINAS)
if onbekend := roles.onbekend_pad():
    # A hidden Dutch page at the unknown path, instead of Streamlit's English dialog.
    secties.setdefault("", []).append(
        st.Page(
            _pagina_niet_gevonden,
            title="Pagina niet gevonden",
            url_path=onbekend,
            visibility="hidden",
        )
    )
navigatie = st.navigation(secties)
try:
    pagina = titel_naar_pagina.get(navigatie.title)
    # A hidden page of another role (opened from a shared link) gets no filters either.
    filters.zijbalk(rol, pagina if pagina and roles.mag_pagina(rol, pagina) else None)
    with st.sidebar:
        st.caption(f"Ingelogd als {md(gebruiker.naam)}")
        if st.button("Uitloggen", icon=":material/logout:", key="sessie_uitloggen"):
            sessie.meld_af(melding="U bent uitgelogd.")
            st.rerun()
    if pagina and not roles.mag_pagina(rol, pagina):
        # A page of another role (a shared link): say so in Dutch, point to the own start page.
        st.error(
            f"De rol {md(roles.ROL_NAAM.get(rol, rol))} heeft geen toegang tot de pagina "
            f"{md(navigatie.title)}. Deze pagina hoort bij een andere rol."
        )
        st.page_link(STARTPAGINA, label="Naar uw startpagina", icon=":material/home:")
        st.stop()
    navigatie.run()
except DatabaseBezig as fout:
    st.warning(md(fout))
except roles.GeenToegang as fout:
    st.error(md(fout))
except BeheeropslagFout as fout:
    st.error(md(fout))
