"""Datakwaliteit: geladen bestanden, rijen per tabel en quarantaine met redenen."""

from __future__ import annotations

import streamlit as st

from dashboard import queries

st.title("Datakwaliteit")

if not queries.database_bestaat():
    st.info(
        "Er zijn nog geen gegevens geladen. Laad bronbestanden met "
        "`signaalmonitor ingest MAP` of maak de demoregio met `make demo`."
    )
    st.stop()

versie = queries.dataversie()
per_tabel = queries.rijen_per_tabel(versie)
if per_tabel.is_empty():
    st.info("De database bestaat, maar er is nog geen bestand geladen.")
    st.stop()

kolommen = st.columns(3)
kolommen[0].metric("Geladen bestanden", int(per_tabel["bestanden"].sum()))
kolommen[1].metric("Geladen rijen", f"{int(per_tabel['geladen'].sum()):,}".replace(",", "."))
kolommen[2].metric("Rijen in quarantaine", int(per_tabel["quarantaine"].sum()))

st.subheader("Rijen per tabel")
st.dataframe(per_tabel, hide_index=True, width="stretch")

st.subheader("Geladen bestanden")
st.dataframe(queries.laadregister(versie), hide_index=True, width="stretch")

st.subheader("Quarantaine")
redenen = queries.quarantaine_redenen(versie)
if redenen.is_empty():
    st.success("Geen rijen in quarantaine.")
else:
    st.dataframe(redenen, hide_index=True, width="stretch")
