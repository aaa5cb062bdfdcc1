"""Bestanden aanleveren (beheer): upload, then the same `signaalmonitor ingest` (and `run`).

The files go to an inbox folder next to the database under a safe name (queries/upload.py);
the CLI loads them as a subprocess, so its limits and quarantine apply and it stays the one
writer. Every saved file is recorded in the audit log before it is loaded.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from dashboard import filters, sessie
from dashboard import formatting as fmt
from dashboard.queries import upload, verbinding
from dashboard.queries.verbinding import DatabaseBezig, NietBeschikbaar
from dashboard.veilige_tekst import md
from pipelines.beheeropslag.audit import BESTAND_GEUPLOAD

st.title("Bestanden aanleveren")
rol, versie = filters.databasecontext("upload")
if versie.toestand == "geen_database":
    st.info(
        f"Er is nog geen database ({md(verbinding.database_pad())}); de eerste aanlevering maakt "
        "hem aan."
    )

st.caption(
    "Lever contracttabellen (CSV, Excel, Parquet), iWmo-berichten (XML) of een zip daarvan aan. "
    "Ze worden geladen zoals `signaalmonitor ingest` dat doet: regels die niet aan het "
    "datacontract voldoen gaan naar quarantaine, een bestand dat al geladen is wordt niet "
    f"opnieuw geladen. Hooguit {upload.MAX_UPLOAD_MB} MB per bestand."
)
bestanden = st.file_uploader(
    "Bestanden",
    type=list(upload.TOEGESTANE_EXTENSIES),
    accept_multiple_files=True,
    max_upload_size=upload.MAX_UPLOAD_MB,
    key="upload_bestanden",
)
met_run = st.checkbox(
    "Daarna de signalen opnieuw berekenen (`signaalmonitor run`)",
    value=True,
    key="upload_met_run",
)
if not st.button("Aanleveren en laden", key="upload_laden", type="primary", disabled=not bestanden):
    st.stop()

try:
    opgeslagen = upload.bewaar([(b.name, b.getvalue()) for b in bestanden or []])
except upload.UploadGeweigerd as fout:
    st.error(md(fout))
    st.stop()

# No record, no load: an audit row per file before the CLI reads it.
for naam, bestand in zip(opgeslagen.namen, bestanden or [], strict=True):
    sessie.audit(
        BESTAND_GEUPLOAD,
        onderwerp=naam,
        toelichting=f"{bestand.size} bytes, map {opgeslagen.map.name}",
    )

sinds = datetime.now()
voortgang = st.progress(0.0, text="Opgeslagen; laden…")
with st.status("Bestanden laden (`signaalmonitor ingest`)…", expanded=True) as status:
    geladen = upload.laad(opgeslagen)
    st.code(geladen.uitvoer or "(geen uitvoer)", language=None)
    berekend = None
    if geladen.gelukt and met_run:
        voortgang.progress(0.5, text="Geladen; signalen berekenen…")
        status.update(label="Signalen berekenen (`signaalmonitor run`)…")
        berekend = upload.bereken()
        st.code(berekend.uitvoer or "(geen uitvoer)", language=None)
    gelukt = geladen.gelukt and (berekend is None or berekend.gelukt)
    status.update(
        label="Klaar" if gelukt else "Niet gelukt; zie de meldingen",
        state="complete" if gelukt else "error",
    )
voortgang.progress(1.0, text="Klaar" if gelukt else "Gestopt")

if not geladen.gelukt:
    st.error("Het laden is niet (helemaal) gelukt; de meldingen staan hierboven.")
elif berekend is not None and not berekend.gelukt:
    st.error("Geladen, maar de berekening is niet gelukt; de meldingen staan hierboven.")
elif berekend is not None:
    st.success("Geladen en opnieuw berekend.")
else:
    st.success("Geladen. De signalen zijn nog van de vorige berekening.")

st.subheader("Laadverslag")
try:
    verslag = upload.laadverslag(rol, sinds)
    overgeslagen = upload.niet_geladen(rol, sinds)
except (NietBeschikbaar, DatabaseBezig) as fout:
    st.info(md(fout))
    st.stop()
if verslag.is_empty():
    st.info("Geen nieuwe bestanden geladen (al eerder geladen, of geweigerd).")
else:
    fmt.tabel(verslag, key="upload_verslag")
if not overgeslagen.is_empty():
    st.markdown("**Niet geladen**")
    fmt.tabel(overgeslagen, key="upload_niet_geladen")
