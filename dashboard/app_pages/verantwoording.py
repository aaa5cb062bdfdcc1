"""Verantwoording (control): per provider the regional turnover, the required type of
verantwoording and any difference with the provider's own productieverantwoording."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import filters
from dashboard import formatting as fmt
from dashboard.queries import verantwoording as queries
from dashboard.queries.verbinding import NietBeschikbaar
from pipelines import opmaak

st.title("Verantwoording")
ctx = filters.context("verantwoording")

try:
    df = queries.verantwoording(ctx.rol, ctx.sleutel, ctx.jaar)
except NietBeschikbaar as fout:
    st.info(str(fout))
    st.stop()

if df.is_empty():
    andere = queries.verantwoording_jaren(ctx.rol, ctx.sleutel)
    st.info(
        f"Er zijn geen verantwoordingscijfers voor {ctx.jaar}."
        + (f" Wel voor: {', '.join(str(j) for j in andere)}." if andere else "")
    )
    st.stop()

tegels = st.columns(4)
tegels[0].metric("Aanbieders", opmaak.getal(df.height), border=True)
afgeschermd = df.filter(pl.col("is_afgeschermd")).height
tegels[1].metric(
    "Omzet in de regio",
    opmaak.euro_kort(df["omzet_regio_eur"].sum()),
    help=opmaak.euro(df["omzet_regio_eur"].sum(), 2)
    + (f", zonder {afgeschermd} afgeschermde aanbieders" if afgeschermd else ""),
    border=True,
)
controle = df.filter(pl.col("vereiste_verantwoording") == "controleverklaring").height
tegels[2].metric("Controleverklaring vereist", opmaak.getal(controle), border=True)
verschillen = df.filter(pl.col("is_verschil_boven_drempel")).height
tegels[3].metric(
    "Verschil boven drempel",
    opmaak.getal(verschillen),
    help="aanbieders waarvan de eigen productieverantwoording materieel afwijkt van de "
    "omzet in de regio",
    border=True,
)

st.caption(
    f"Per aanbieder de omzet in {ctx.jaar} in de regio, het soort verantwoording dat daarbij "
    "hoort en het verschil met de eigen productieverantwoording (omzet − verantwoord)."
)
alleen_verschillen = st.toggle(
    "Alleen aanbieders met een verschil boven de drempel", key="verantwoording_alleen_verschil"
)
getoond = df.filter(pl.col("is_verschil_boven_drempel")) if alleen_verschillen else df
tonen = getoond.with_columns(
    [
        pl.when(pl.col(k)).then(pl.lit("ja")).otherwise(pl.lit("nee")).alias(k)
        for k, t in getoond.schema.items()
        if t == pl.Boolean
    ]
)
fmt.tabel(tonen, key="verantwoording_tabel")
if afgeschermd:
    st.caption(
        f"{afgeschermd} aanbieders afgeschermd: minder dan 5 cliënten (of nodig om een kleine "
        "cel af te schermen); hun omzet en verschil zijn leeg en tellen niet mee in de omzet "
        "hierboven."
    )
fmt.excel_download(
    "Verantwoording downloaden (Excel)",
    f"Verantwoording {ctx.jaar}",
    df,
    f"verantwoording_{ctx.jaar}.xlsx",
    key="verantwoording_excel",
)
