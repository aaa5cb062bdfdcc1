"""Inloggen: the only page served to a browser session without a logged-in user.

One message for a wrong name and for a wrong password (no probing which names exist); after
repeated failures the name is locked for a while (pipelines/beheeropslag/gebruikers.py). The
form clears on submit, so the password does not stay in the session.

With single sign-on configured (secrets.toml [auth], Authlib installed) the page also offers
the organisation account (dashboard/sso.py); `alleen_organisatie_account` hides the form.
"""

from __future__ import annotations

import streamlit as st

from dashboard import sessie, sso
from dashboard.veilige_tekst import md
from pipelines.beheeropslag import gebruikers

st.title("Inloggen")
st.caption("Signaalmonitor Wmo")

melding = st.session_state.get(sessie.MELDING_SLEUTEL)
if melding:
    st.info(md(melding))

# One audit row for a refused organisation account per session, not one per rerun: the
# identity cookie stays until the person logs out at the provider.
SSO_GEWEIGERD_SLEUTEL = "inloggen_sso_geweigerd"

try:
    instelling = sso.instelling()
except sso.SsoInstellingFout as fout:
    instelling = None
    st.error(md(f"Inloggen met het organisatie-account is verkeerd ingesteld: {fout}"))
sso_beschikbaar = instelling is not None and sso.authlib_aanwezig()
if instelling is not None and not sso_beschikbaar:
    st.warning(sso.AUTHLIB_ONTBREEKT)

if instelling is not None and sso_beschikbaar:
    if sso.is_ingelogd():
        aanmelding = sso.beoordeel(sso.claims(), instelling, sso.zoek_account)
        if aanmelding.gelukt:
            # No record, no access: the audit row first.
            sso.schrijf_audit(aanmelding)
            sessie.meld_aan_met_organisatie_account(aanmelding)
            st.rerun()
        if not st.session_state.get(SSO_GEWEIGERD_SLEUTEL):
            sso.schrijf_audit(aanmelding)
            st.session_state[SSO_GEWEIGERD_SLEUTEL] = True
        st.error(md(aanmelding.weigering))
        if st.button(sso.UITLOGGEN_KNOP, icon=":material/logout:", key="inloggen_sso_uitloggen"):
            st.logout()
    elif st.button(sso.KNOP, type="primary", icon=":material/badge:", key="inloggen_sso"):
        # None: the provider settings sit in [auth] itself (Streamlit's "default").
        st.login(instelling.provider)

if sso.alleen_organisatie_account(sso.secrets()):
    st.stop()

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
