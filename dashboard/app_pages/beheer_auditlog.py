"""Auditlog (beheer): who logged in, looked at evidence, downloaded, changed users or
beoordelingen; filtered by period, user and action, with the result of the chain check.

The log is append-only (schema/0001_audit.sql); this page only reads it. A download of the
log is itself written to the log before the file is made.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial

import streamlit as st

from dashboard import roles, sessie
from pipelines.beheeropslag import audit, auditexport

st.title("Auditlog")
rol = roles.actieve_rol()
if not roles.mag_pagina(rol, "auditlog"):
    st.error(f"De rol {roles.ROL_NAAM[rol]} heeft geen toegang tot deze pagina.")
    st.stop()

ACTIES = (
    audit.INLOGGEN,
    audit.INLOGGEN_MISLUKT,
    audit.ACCOUNT_VERGRENDELD,
    audit.UITLOGGEN,
    audit.SESSIE_VERLOPEN,
    audit.BEWIJS_BEKEKEN,
    audit.EXPORT_GEDOWNLOAD,
    audit.BEOORDELING_GEWIJZIGD,
    audit.GEBRUIKER_TOEGEVOEGD,
    audit.ROL_GEWIJZIGD,
    audit.GEBRUIKER_GEBLOKKEERD,
    audit.GEBRUIKER_GEDEBLOKKEERD,
    audit.WACHTWOORD_GEWIJZIGD,
    audit.INSTELLING_GEWIJZIGD,
    audit.BESTAND_GEUPLOAD,
    audit.AUDIT_GEEXPORTEERD,
)

breuk = audit.controleer_keten()
if breuk is None:
    st.success("De keten van het auditlog klopt: geen regel is buiten het programma om gewijzigd.")
else:
    st.error(
        f"De keten van het auditlog breekt bij regel {breuk}: die regel of een regel ervoor "
        "is buiten het programma om gewijzigd of gewist."
    )

vandaag = date.today()
kolommen = st.columns([2, 2, 2])
periode = kolommen[0].date_input(
    "Periode",
    value=(vandaag - timedelta(days=7), vandaag),
    format="DD-MM-YYYY",
    key="auditlog_periode",
)
gebruiker = kolommen[1].text_input("Gebruiker (precies de naam)", key="auditlog_gebruiker")
actie = kolommen[2].selectbox("Actie", ACTIES, index=None, placeholder="Alle", key="auditlog_actie")

begin, einde = (periode[0], periode[-1]) if periode else (vandaag, vandaag)
regels = audit.lees(
    sinds=datetime.combine(begin, time.min).astimezone(),
    tot=datetime.combine(einde + timedelta(days=1), time.min).astimezone(),
    gebruiker=gebruiker.strip() or None,
    actie=actie,
)
st.caption(f"{len(regels)} regels")
st.dataframe(
    [
        {
            "Nr": r.volgnummer,
            "Tijdstip": r.tijdstip,
            "Gebruiker": r.gebruiker,
            "Rol": r.rol,
            "Actie": r.actie,
            "Onderwerp": r.onderwerp,
            "Rijen": r.aantal_rijen,
            "Toelichting": r.toelichting,
        }
        for r in reversed(regels)
    ],
    hide_index=True,
    width="stretch",
)


def _csv_na_auditregel(regels: list[audit.Auditregel]) -> bytes:
    """The file, made only after its download is in the log (no record, no file)."""
    sessie.audit(
        audit.AUDIT_GEEXPORTEERD,
        onderwerp=f"auditlog {begin.isoformat()} t/m {einde.isoformat()}",
        aantal_rijen=len(regels),
    )
    return auditexport.csv_tekst(regels).encode("utf-8")


st.download_button(
    "Download als CSV",
    data=partial(_csv_na_auditregel, regels),
    file_name=f"auditlog_{begin.isoformat()}_{einde.isoformat()}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
    key="auditlog_download",
)
