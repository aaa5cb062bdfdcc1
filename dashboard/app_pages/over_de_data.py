"""Datakwaliteit: loaded files, rows per table, quarantined rows with reasons, last run."""

from __future__ import annotations

import streamlit as st

from dashboard import bewijsaudit, filters, roles
from dashboard import formatting as fmt
from dashboard.queries import over_de_data as queries
from dashboard.queries import verbinding
from dashboard.veilige_tekst import md
from pipelines import opmaak

st.title("Datakwaliteit")
rol, versie = filters.databasecontext("datakwaliteit")

if versie.toestand == "geen_database":
    st.info(
        f"Er is nog geen database ({md(verbinding.database_pad())}). Laad bronbestanden met "
        "`signaalmonitor ingest MAP` of maak de demoregio met `make demo`."
    )
    st.stop()
if versie.toestand == "niet_berekend":
    st.info(
        "De database bestaat, maar `signaalmonitor run` is nog niet gedraaid. Het overzicht van "
        "geladen bestanden en quarantaine verschijnt na de eerste run "
        "(`signaalmonitor status` toont het nu al)."
    )
    st.stop()

per_tabel = queries.rijen_per_tabel(rol, versie.sleutel)
if per_tabel.is_empty():
    st.info("De database bestaat, maar er is nog geen bestand geladen.")
    st.stop()

uitvoeringen = queries.runs(rol, versie.sleutel)
tegels = st.columns(4)
tegels[0].metric("Geladen bestanden", opmaak.getal(per_tabel["bestanden"].sum()), border=True)
tegels[1].metric("Geladen rijen", opmaak.getal(per_tabel["geladen"].sum()), border=True)
tegels[2].metric("Rijen in quarantaine", opmaak.getal(per_tabel["quarantaine"].sum()), border=True)
if uitvoeringen.is_empty():
    tegels[3].metric("Laatste run", "nog niet", border=True)
else:
    laatste = uitvoeringen.row(0, named=True)
    tegels[3].metric(
        "Laatste run",
        opmaak.datum(laatste["gestart_op"]),
        delta=f"om {laatste['gestart_op']:%H:%M}, {opmaak.getal(laatste['duur_seconden'], 1)} s",
        delta_color="off",
        delta_arrow="off",
        border=True,
    )

st.subheader("Rijen per tabel")
fmt.tabel(per_tabel, key="data_per_tabel")

st.subheader("Geladen bestanden en berichten")
st.caption(
    "Per bron (een archief of een los bestand) en soort bericht of bestand. Elk iWmo-bericht "
    "staat apart in het laadregister; hieronder de laatste "
    f"{opmaak.getal(queries.MAX_GETOONDE_BESTANDEN)} afzonderlijk."
)
fmt.tabel(queries.laadregister_per_bron(rol, versie.sleutel), key="data_laadregister_per_bron")
with st.expander("Afzonderlijke bestanden en berichten"):
    fmt.tabel(queries.laadregister(rol, versie.sleutel), key="data_laadregister")

st.subheader("Niet geladen")
niet_redenen = queries.niet_geladen_redenen(rol, versie.sleutel)
if niet_redenen.is_empty():
    st.success("Elk aangeboden bestand en bericht is geladen.")
else:
    st.caption(
        "Bestanden en berichten die een ingest zag maar niet laadde: overgeslagen (geen data, "
        "een koppeling, een verborgen bestand) of geweigerd (beschadigd, geen iWmo-bericht, "
        "een te groot of verdacht archief)."
    )
    fmt.tabel(niet_redenen, key="data_niet_geladen_redenen")
    with st.expander("Afzonderlijke bestanden en berichten"):
        fmt.tabel(queries.niet_geladen(rol, versie.sleutel), key="data_niet_geladen")

st.subheader("Quarantaine")
redenen = queries.quarantaine_redenen(rol, versie.sleutel)
if redenen.is_empty():
    st.success("Geen rijen in quarantaine: alle geladen rijen voldeden aan het datacontract.")
else:
    st.markdown("**Redenen**")
    fmt.tabel(
        redenen, extra={"aantal": st.column_config.NumberColumn("Aantal")}, key="data_redenen"
    )
    st.markdown("**Regels** (hooguit 5.000)")
    regels = queries.quarantaine(rol, versie.sleutel)
    if roles.ziet_bewijs(rol):
        # Toezicht sees the rejected values themselves (one can be a client number).
        bewijsaudit.bekeken(bewijsaudit.QUARANTAINE, "afgekeurde waarden", regels.height)
    fmt.tabel(regels, key="data_quarantaine")

st.subheader("Runs")
if uitvoeringen.is_empty():
    st.info("Er is nog geen run geweest.")
else:
    fmt.tabel(
        uitvoeringen,
        extra={
            "run_id": st.column_config.NumberColumn("Run"),
            "gestart_op": st.column_config.DatetimeColumn("Gestart op", format="DD-MM-YYYY HH:mm"),
        },
        key="data_runs",
    )
