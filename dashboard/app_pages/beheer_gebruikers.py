"""Gebruikers (beheer): who may log in, with which role; add, change role, block, unblock.

Every change writes its audit row in the same transaction (pipelines/beheeropslag/
gebruikers.py). A password is typed twice in a form that clears on submit; it is never shown,
logged or kept in the session. A change takes effect at the user's next click.
"""

from __future__ import annotations

import streamlit as st

from dashboard import roles, sessie
from dashboard.veilige_tekst import md
from pipelines.beheeropslag import gebruikers

st.title("Gebruikers")
rol = roles.actieve_rol()
if not roles.mag_pagina(rol, "gebruikers"):
    st.error(f"De rol {roles.ROL_NAAM[rol]} heeft geen toegang tot deze pagina.")
    st.stop()
ik = sessie.huidige_gebruiker()
door = {"door": ik.naam if ik else "onbekend", "door_rol": rol}


def _rolnaam(r: str) -> str:
    return roles.ROL_NAAM[r]


accounts = gebruikers.lijst()
st.dataframe(
    [
        {
            "Naam": a.naam,
            "Rol": roles.ROL_NAAM.get(a.rol, a.rol),
            "Status": gebruikers.status(a),
            "Aangemaakt": f"{a.aangemaakt_op} door {a.aangemaakt_door}",
            "Gewijzigd": f"{a.gewijzigd_op} door {a.gewijzigd_door}",
            "Laatst ingelogd": a.laatst_ingelogd_op or "nooit",
        }
        for a in accounts
    ],
    hide_index=True,
    width="stretch",
)

toevoegen, wijzigen = st.columns(2)
with toevoegen.form("gebruikers_toevoegen", clear_on_submit=True):
    st.subheader("Gebruiker toevoegen")
    naam = st.text_input("Naam", max_chars=gebruikers.MAXIMALE_NAAMLENGTE)
    nieuwe_rol = st.selectbox("Rol", roles.ROLLEN, format_func=_rolnaam)
    wachtwoord = st.text_input(
        f"Wachtwoord (minstens {gebruikers.MINIMALE_WACHTWOORDLENGTE} tekens)",
        type="password",
        autocomplete="new-password",
    )
    herhaald = st.text_input("Herhaal het wachtwoord", type="password", autocomplete="new-password")
    if st.form_submit_button("Toevoegen", type="primary", icon=":material/person_add:"):
        if wachtwoord != herhaald:
            st.error("De twee wachtwoorden verschillen; er is niemand toegevoegd.")
        else:
            try:
                account = gebruikers.voeg_toe(naam, nieuwe_rol, wachtwoord, **door)
            except (gebruikers.GebruikerFout, roles.OnbekendeRol) as fout:
                st.error(md(fout))
            else:
                st.success(f"{md(account.naam)} is toegevoegd als {_rolnaam(account.rol)}.")

with wijzigen.container(border=True):
    st.subheader("Rol of blokkade wijzigen")
    if not accounts:
        st.info("Nog geen gebruikers.")
    else:
        gekozen = st.selectbox("Gebruiker", [a.naam for a in accounts], key="gebruikers_gekozen")
        account = next(a for a in accounts if a.naam == gekozen)
        andere_rol = st.selectbox(
            "Nieuwe rol",
            roles.ROLLEN,
            index=roles.ROLLEN.index(account.rol),
            format_func=_rolnaam,
            key="gebruikers_nieuwe_rol",
        )
        zelf = ik is not None and ik.naam.casefold() == account.naam.casefold()
        links, rechts = st.columns(2)
        try:
            if links.button("Rol wijzigen", key="gebruikers_rol_wijzigen", disabled=zelf):
                gebruikers.wijzig_rol(account.naam, andere_rol, **door)
                st.rerun()
            if account.is_geblokkeerd:
                if rechts.button("Deblokkeren", key="gebruikers_deblokkeren"):
                    gebruikers.zet_geblokkeerd(account.naam, False, **door)
                    st.rerun()
            elif rechts.button("Blokkeren", key="gebruikers_blokkeren", disabled=zelf):
                gebruikers.zet_geblokkeerd(account.naam, True, **door)
                st.rerun()
        except gebruikers.GebruikerFout as fout:
            st.error(md(fout))
        if zelf:
            st.caption(
                "Uw eigen rol en blokkade wijzigt u niet hier: zo sluit beheer zichzelf niet "
                "buiten. Vraag een andere beheerder of gebruik `signaalmonitor gebruiker`."
            )
