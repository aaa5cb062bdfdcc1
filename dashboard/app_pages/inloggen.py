"""Inloggen: the only page served to a browser session without a logged-in user.

One message for a wrong name and for a wrong password (no probing which names exist); after
repeated failures the name is locked for a while (pipelines/beheeropslag/gebruikers.py). The
form clears on submit, so the password does not stay in the session.
"""

from __future__ import annotations

import streamlit as st

from dashboard import sessie
from dashboard.veilige_tekst import md
from pipelines.beheeropslag import gebruikers

st.title("Inloggen")
st.caption("Signaalmonitor Wmo")

melding = st.session_state.get(sessie.MELDING_SLEUTEL)
if melding:
    st.info(md(melding))

with st.form("inloggen_formulier", clear_on_submit=True, width=420):
    naam = st.text_input("Naam", max_chars=gebruikers.MAXIMALE_NAAMLENGTE, autocomplete="username")
    wachtwoord = st.text_input(
        "Wachtwoord",
        type="password",
        max_chars=gebruikers.MAXIMALE_WACHTWOORDLENGTE,
        autocomplete="current-password",
    )
    verzonden = st.form_submit_button("Inloggen", type="primary", icon=":material/login:")

if verzonden:
    uitkomst = gebruikers.inloggen(naam, wachtwoord)
    if uitkomst.account is not None:
        sessie.meld_aan(uitkomst.account)
        st.rerun()
    st.error(md(uitkomst.melding or gebruikers.ONJUIST))

st.caption(
    "Nog geen account? Vraag het aan beheer. Beheer maakt gebruikers aan met "
    "`signaalmonitor gebruiker toevoegen` of op de pagina Gebruikers."
)
