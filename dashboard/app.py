"""Signaalmonitor Wmo — dashboard entrypoint (`signaalmonitor dashboard [--rol ROL]`).

The role comes from the server (SIGNAALMONITOR_ROL, set by the CLI), never from a widget:
the navigation shows only that role's pages, every page checks again, and the query layer
reads only the role's schema. The sidebar holds the global filters, mirrored into the URL.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import filters, roles
from dashboard.queries.verbinding import DatabaseBezig
from dashboard.veilige_tekst import md

PAGINAS = Path(__file__).parent / "app_pages"

st.set_page_config(
    page_title="Signaalmonitor Wmo",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

try:
    rol = roles.actieve_rol()
except roles.OnbekendeRol as fout:
    st.error(md(fout))
    st.stop()

titel_naar_pagina = {p.titel: p.sleutel for p in roles.PAGINAS.values()}
navigatie = st.navigation(roles.navigatie(rol, PAGINAS))
try:
    pagina = titel_naar_pagina.get(navigatie.title)
    # A hidden page of another role (opened from a shared link) gets no filters either.
    filters.zijbalk(rol, pagina if pagina and roles.mag_pagina(rol, pagina) else None)
    navigatie.run()
except DatabaseBezig as fout:
    st.warning(md(fout))
except roles.GeenToegang as fout:
    st.error(md(fout))
