"""Verantwoording (control): per provider the regional turnover, the required type of
verantwoording and any difference with the provider's own productieverantwoording; the
verantwoording as a cycle in three steps per gemeente and product, who is late, and the
rechtmatigheid of the declared euros per gemeente × perceel × month (#13)."""

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

AFGESCHERMD_UITLEG = (
    "Afgeschermd: minder dan 5 cliënten in de cel (of nodig om een kleine cel af te "
    "schermen); de bedragen zijn leeg."
)


def _ja_nee(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        [
            pl.when(pl.col(k)).then(pl.lit("ja")).otherwise(pl.lit("nee")).alias(k)
            for k, t in df.schema.items()
            if t == pl.Boolean
        ]
    )


def omzet_tab() -> None:
    try:
        df = queries.verantwoording(ctx.rol, ctx.sleutel, ctx.jaar)
    except NietBeschikbaar as fout:
        st.info(str(fout))
        return
    if df.is_empty():
        andere = queries.verantwoording_jaren(ctx.rol, ctx.sleutel)
        st.info(
            f"Er zijn geen verantwoordingscijfers voor {ctx.jaar}."
            + (f" Wel voor: {', '.join(str(j) for j in andere)}." if andere else "")
        )
        return

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
    fmt.tabel(_ja_nee(getoond), key="verantwoording_tabel")
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


def cyclus_tab() -> None:
    df = queries.cyclus(ctx.rol, ctx.sleutel, ctx.jaar)
    if df.is_empty():
        st.info(f"Geen declaraties of verantwoording over {ctx.jaar}.")
        return
    st.caption(
        f"De productieverantwoording over {ctx.jaar} in drie stappen: voorlopige inschatting, "
        "concept en definitief met verklaring, elk vóór de uiterste datum (instelbaar in de "
        "drempels). Status: ontvangen, te laat (op of na de uiterste datum), ontbreekt (niet "
        "ontvangen, datum voorbij), nog niet (datum komt nog), n.v.t. (dat jaar leverde niemand "
        "stappen aan). Verklaring: bestuurdersverklaring tot en met de grens (€ 50.000), "
        "daarboven een controleverklaring. Verschil = gedeclareerd − verantwoord (de verste "
        "stap die binnen is)."
    )
    stappen = ("voorlopig", "concept", "definitief")
    tellers = st.columns(3)
    for kolom, stap in zip(tellers, stappen, strict=True):
        status = df[f"{stap}_status"]
        kolom.metric(
            f"{stap.capitalize()}: te laat / ontbreekt",
            f"{(status == 'te laat').sum()} / {(status == 'ontbreekt').sum()}",
            border=True,
        )
    fmt.tabel(df, key="verantwoording_cyclus")
    if fmt.heeft_afgeschermd(df):
        st.caption(AFGESCHERMD_UITLEG)
    fmt.excel_download(
        "Cyclus downloaden (Excel)",
        f"Cyclus {ctx.jaar}",
        df,
        f"verantwoording_cyclus_{ctx.jaar}.xlsx",
        key="verantwoording_cyclus_excel",
    )
    st.download_button(
        "Cyclus downloaden (CSV)",
        data=lambda: csv_bytes(df),
        file_name=f"verantwoording_cyclus_{ctx.jaar}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="verantwoording_cyclus_csv",
    )


def csv_bytes(df: pl.DataFrame) -> bytes:
    """CSV with `;` as Dutch Excel reads it; text that would start a formula gets a `'`."""
    from pipelines.exports.neutraliseer import celwaarde

    veilig = df.with_columns(
        [
            pl.col(k).map_elements(celwaarde, return_dtype=pl.String)
            for k, t in df.schema.items()
            if t == pl.String
        ]
    )
    return veilig.write_csv(separator=";").encode("utf-8-sig")


def te_laat_tab() -> None:
    df = queries.te_laat(ctx.rol, ctx.sleutel, ctx.jaar)
    if df.is_empty():
        st.success(f"Over {ctx.jaar} is niemand te laat en ontbreekt niets.")
        return
    st.caption(
        "Aanbieders met minstens één gemeente of product waarvoor een stap te laat kwam of "
        "ontbreekt; het aantal is het aantal gemeente × product-regels. Zij krijgen een "
        "herinnering of een gesprek."
    )
    fmt.tabel(df, key="verantwoording_te_laat")
    fmt.excel_download(
        "Overzicht te laat downloaden (Excel)",
        f"Te laat {ctx.jaar}",
        df,
        f"verantwoording_te_laat_{ctx.jaar}.xlsx",
        key="verantwoording_te_laat_excel",
    )


def rechtmatigheid_tab() -> None:
    df = queries.rechtmatigheid(ctx.rol, ctx.sleutel, ctx.jaar)
    if df.is_empty():
        st.info(f"Geen declaraties in {ctx.jaar}.")
        return
    st.caption(
        f"De gedeclareerde (betaalde) euro's in {ctx.jaar} per gemeente, perceel en maand naar "
        "de status van de declaratieregels: hard onrechtmatig (geen of een andere toewijzing, "
        "ander product, buiten de periode, dubbel, boven het volume), te controleren (na de "
        "stop van de zorg: een signaal, geen afwijzing) en rechtmatig; samen het totaal. "
        "Afgewezen door de gemeente (niet betaald) staat apart."
    )
    per_jaar = df.group_by("gemeente", "perceel", maintain_order=True).agg(
        *[
            pl.when(pl.col("is_afgeschermd").any()).then(None).otherwise(pl.col(k).sum()).alias(k)
            for k in (
                "gedeclareerd_eur",
                "onrechtmatig_eur",
                "te_controleren_eur",
                "rechtmatig_eur",
                "afgewezen_eur",
            )
        ],
        pl.col("is_afgeschermd").any(),
    )
    tegels = st.columns(3)
    zichtbaar = df.filter(~pl.col("is_afgeschermd"))
    for kolom, (label, veld) in zip(
        tegels,
        (
            ("Hard onrechtmatig", "onrechtmatig_eur"),
            ("Te controleren", "te_controleren_eur"),
            ("Rechtmatig", "rechtmatig_eur"),
        ),
        strict=True,
    ):
        kolom.metric(label, opmaak.euro_kort(zichtbaar[veld].sum()), border=True)
    st.markdown(f"**Per gemeente en perceel, {ctx.jaar}**")
    fmt.tabel(_ja_nee(per_jaar), key="rechtmatigheid_per_jaar")
    with st.expander("Per maand"):
        fmt.tabel(_ja_nee(df), key="rechtmatigheid_per_maand")
    if fmt.heeft_afgeschermd(df):
        st.caption(
            AFGESCHERMD_UITLEG + " Een jaartotaal over een afgeschermde maand is ook leeg; "
            "de tegels tellen alleen de zichtbare cellen."
        )
    fmt.excel_download(
        "Rechtmatigheid downloaden (Excel)",
        f"Rechtmatigheid {ctx.jaar}",
        per_jaar,
        f"rechtmatigheid_{ctx.jaar}.xlsx",
        key="rechtmatigheid_excel",
        meer_bladen={"Per maand": df},
    )


if queries.heeft_cyclus(ctx.rol):
    tab_omzet, tab_cyclus, tab_laat, tab_recht = fmt.tabbladen(
        [
            "Omzet en verklaring",
            "Cyclus per gemeente en product",
            "Wie is te laat",
            "Rechtmatigheid",
        ],
        key="verantwoording_tabblad",
        bewaar={"Omzet en verklaring": ["verantwoording_alleen_verschil"]},
    )
    with tab_omzet:
        if fmt.is_gekozen(tab_omzet):
            omzet_tab()
    with tab_cyclus:
        if fmt.is_gekozen(tab_cyclus):
            cyclus_tab()
    with tab_laat:
        if fmt.is_gekozen(tab_laat):
            te_laat_tab()
    with tab_recht:
        if fmt.is_gekozen(tab_recht):
            rechtmatigheid_tab()
else:
    omzet_tab()
