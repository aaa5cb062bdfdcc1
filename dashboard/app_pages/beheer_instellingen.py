"""Instellingen (beheer): what beheer may change in the dashboard; every change is audited."""

from __future__ import annotations

import sqlite3

import streamlit as st

from dashboard import filters
from dashboard.queries import verbinding, werkvoorraad
from dashboard.veilige_tekst import md

st.title("Instellingen")
# Works before anything is computed (the settings live in the beheeropslag), but not before
# there is a database: the beheeropslag is created next to it, never on its own.
rol, versie = filters.databasecontext("instellingen")
if versie.toestand == "geen_database":
    st.info(
        f"Er is nog geen database ({md(verbinding.database_pad())}). Instellingen horen bij een "
        "database; laad eerst bronbestanden met `signaalmonitor ingest MAP`."
    )
    st.stop()

st.subheader("Signalen in onderzoek")
st.caption(
    "Een contractmanager die een aanbieder spreekt, mag een lopend onderzoek niet verraden. "
    "Daarom ziet contractmanagement standaard geen signalen met de status 'in onderzoek' of "
    "'overgedragen aan toezichthouder/handhaving': niet in het overzicht, niet bij de aanbieder "
    "en niet in het verslag voor het contractgesprek. Afgesloten signalen ziet contractmanagement "
    "wel."
)
huidig = werkvoorraad.cm_ziet_signalen_in_onderzoek()
with st.form("instellingen_formulier"):
    ziet = st.toggle(
        "Contractmanagement ziet ook signalen in onderzoek",
        value=huidig,
        key="instellingen_cm_ziet_in_onderzoek",
    )
    if st.form_submit_button("Opslaan"):
        if ziet == huidig:
            st.info("Er is niets gewijzigd.")
        else:
            try:
                werkvoorraad.zet_cm_ziet_signalen_in_onderzoek(rol, ziet)
            except sqlite3.OperationalError:
                st.warning(
                    "Niet opgeslagen: de beheeropslag is even bezet. Probeer het zo opnieuw."
                )
            else:
                st.session_state["instellingen_opgeslagen"] = True
                st.rerun()
if st.session_state.pop("instellingen_opgeslagen", False):
    st.success("Opgeslagen; de wijziging staat in het auditlog.")
st.caption(
    "Nu: contractmanagement ziet signalen in onderzoek "
    + ("**wel**." if huidig else "**niet** (standaard).")
)
