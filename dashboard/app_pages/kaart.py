"""Kaart (toezicht, contractmanagement, control): one measure per gemeente on a map.

Measures: clients per 1.000 inwoners (where the gemeenten table has inwoners), euros per client,
growth of clients or euros against the year before, and, for toezicht and contractmanagement,
the hard onrechtmatige euros of flagged signals (estimates are never added to them). Small
cells are suppressed in the role views: such a gemeente is drawn without colour.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import filters, kaart
from dashboard import formatting as fmt
from dashboard.queries import kaart as queries
from dashboard.veilige_tekst import md
from pipelines import opmaak

st.title("Kaart")
ctx = filters.context("kaart")
selectie = f"{ctx.jaar} · {ctx.perceel or 'alle percelen'}"
st.caption(f"Selectie: {md(selectie)}")

# measure label → (column, kind)
MATEN: dict[str, tuple[str, str]] = {
    "Cliënten per 1.000 inwoners": ("clienten_per_1000_inwoners", "getal"),
    "Euro's per cliënt": ("eur_per_client", "euro"),
    "Groei cliënten t.o.v. vorig jaar": ("groei_clienten", "procent"),
    "Groei euro's t.o.v. vorig jaar": ("groei_gedeclareerd", "procent"),
}
ONRECHTMATIG = "Onrechtmatig geld (hard, gemarkeerde signalen)"
if queries.ziet_onrechtmatig(ctx.rol):
    MATEN[ONRECHTMATIG] = ("onrechtmatig_eur", "euro")

maat = st.segmented_control(
    "Maat", list(MATEN), default=next(iter(MATEN)), key="kaart_maat", width="stretch"
)
maat = maat or next(iter(MATEN))
kolom, soort = MATEN[maat]

regio = queries.regio_gemeenten(ctx.rol, ctx.sleutel)
if regio.is_empty():
    st.info("Er zijn nog geen declaraties om op de kaart te zetten.")
    st.stop()
cijfers = queries.per_gemeente(ctx.rol, ctx.sleutel, ctx.jaar, ctx.perceel)
if maat == ONRECHTMATIG:
    geld = queries.onrechtmatig_per_gemeente(ctx.rol, ctx.sleutel, ctx.jaar, ctx.perceel)
    cijfers = cijfers.join(
        geld.select("gemeentecode", "onrechtmatig_eur"), on="gemeentecode", how="left"
    ).with_columns(
        # No flagged money in a gemeente that is not itself shielded is € 0, not unknown.
        pl.when(
            pl.col("is_afgeschermd")
            | pl.col("gemeentecode").is_in(
                geld.filter(pl.col("is_afgeschermd"))["gemeentecode"].implode()
            )
        )
        .then(None)
        .otherwise(pl.col("onrechtmatig_eur").fill_null(0))
        .alias("onrechtmatig_eur")
    )
# Every gemeente of the region is on the map, also without declarations this year.
tabel = regio.join(cijfers.drop("naam"), on="gemeentecode", how="left")
if cijfers.is_empty():
    st.info(f"Geen declaraties in {ctx.jaar} voor deze selectie. Kies een ander jaar of perceel.")

st.plotly_chart(
    kaart.kaart(tabel, kolom, maat, soort, regio["gemeentecode"].to_list()),
    key="kaart_figuur",
    config={"scrollZoom": False},
)
st.caption(kaart.BRON)
if kolom == "clienten_per_1000_inwoners" and tabel["inwoners"].is_null().all():
    st.info(
        "De gemeententabel heeft geen inwoners: lever een gemeenten-bestand met de kolom "
        "inwoners aan (zie het datacontract) om cliënten per 1.000 inwoners te zien."
    )
if maat == ONRECHTMATIG:
    st.caption(
        "Alleen hard onrechtmatig geld van gemarkeerde regelsignalen; geschatte bedragen "
        "staan er nooit bij opgeteld."
    )

weergave = fmt.met_clienten_als_tekst(tabel).select(
    pl.col("naam").alias("Gemeente"),
    pl.col("aantal_clienten").alias("Cliënten"),
    pl.col("inwoners").alias("Inwoners"),
    pl.col(kolom).alias(maat),
)
uitleg = fmt.afscherming_uitleg(tabel)
waarden = weergave[maat].to_list()
tekst = [
    ""
    if opmaak.is_leeg(w)
    else (
        opmaak.procent(w, teken=True)
        if soort == "procent"
        else opmaak.euro(w)
        if soort == "euro"
        else opmaak.getal(w, 1)
    )
    for w in waarden
]
st.dataframe(
    weergave.with_columns(pl.Series(maat, tekst, dtype=pl.String)),
    hide_index=True,
    width="stretch",
)
if uitleg:
    st.caption(uitleg)
