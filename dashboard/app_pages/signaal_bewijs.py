"""Signaal: one signal in full: definition, the provider against its peers, the evidence."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

import polars as pl
import streamlit as st

from dashboard import bewijsaudit, charts, filters, roles, sessie
from dashboard import formatting as fmt
from dashboard.queries import signaal_bewijs as queries
from dashboard.queries import werkvoorraad
from dashboard.veilige_tekst import md
from pipelines import opmaak
from pipelines.beheeropslag.werkvoorraad import (
    AFGESLOTEN_MET_BEVINDING,
    NIEUW,
    volgende_stappen,
)
from pipelines.drempels_schema import met_waarden


def _aanbieder_label(r: dict[str, Any]) -> str:
    """Name, AGB and the flagged signals with both kinds of money apart (never added)."""
    if not r["gemarkeerd"]:
        return f"{r['naam']} ({r['aanbieder_agb']}) — geen gemarkeerde signalen"
    geld = [
        *([f"{opmaak.euro(r['onrechtmatig_eur'])} onrechtmatig"] if r["onrechtmatig_eur"] else []),
        *(
            [f"geschat belang tot {opmaak.euro(r['grootste_schatting_eur'])}"]
            if r["grootste_schatting_eur"]
            else []
        ),
    ]
    return f"{r['naam']} ({r['aanbieder_agb']}) — " + ", ".join(
        [f"{r['gemarkeerd']} gemarkeerd", *geld]
    )


MAX_REGELS = 2000
# What the numbers on the tiles mean, per unit the indicator declares (its SQL header).
UITLEG_EENHEID = {
    "aandeel": "een aandeel: het deel van de cliënten, maanden of euro's dat het betreft",
    "per_100_clienten": "meldingen per 100 cliënten, na krimp naar het peercijfer",
    "euro": "een bedrag in euro's",
    "aantal": "een aantal",
}
UITLEG_AFWIJKING = {
    "z": (
        "z-score: hoeveel standaardafwijkingen de waarde van de peers afligt, na krimp en "
        "correctie voor overdispersie. Rond 0 is gewoon; vanaf de drempel (meestal 3) is het "
        "opvallend. De sterkte (0–100%) staat bij het aantal cliënten."
    ),
    "aandeel": "het deel van de gedeclareerde euro's dat het signaal betreft",
    "euro": "het verschil in euro's",
    "aantal": "het aantal gevallen",
}

st.title("Signaal")
ctx = filters.context("signaal")

# The signal from a link is looked up (a bound parameter) and used only when it exists; the
# link's own text is never shown.
gevraagd = st.query_params.get("signaal") or None
gekozen_signaal = (
    queries.signaal(ctx.rol, ctx.sleutel, gevraagd)
    if gevraagd and len(gevraagd) <= queries.MAX_SIGNAAL_ID
    else None
)
if gevraagd and gekozen_signaal is None:
    st.warning("Het signaal uit de link bestaat niet (meer) in de huidige berekening.")
    gevraagd = None

# Two steps: the provider, then its signals. One list of every signal of the year would grow
# with the region and travel to the browser on every click (#14).
aanbieders = queries.aanbieders_met_signalen(ctx.rol, ctx.sleutel, ctx.jaar)
aanbieder_opties = aanbieders["aanbieder_agb"].to_list()
aanbieder_labels = {
    r["aanbieder_agb"]: _aanbieder_label(r) for r in aanbieders.iter_rows(named=True)
}
aanbieder_index = 0
if gekozen_signaal is not None:
    agb = gekozen_signaal["aanbieder_agb"]
    if agb not in aanbieder_labels:
        # A link to a signal of another year: its provider stays selectable.
        aanbieder_opties.insert(0, agb)
        aanbieder_labels[agb] = f"{gekozen_signaal['naam']} ({agb})"
    aanbieder_index = aanbieder_opties.index(agb)
    if st.session_state.get("signaal_uit_link") != gevraagd:
        # A link (from another page, or a shared URL) opens its own signal, whatever was chosen
        # here before; the page's own choices write the URL below and do not count as a link.
        st.session_state.pop("signaal_aanbieder", None)
        st.session_state.pop("signaal_keuze", None)
if not aanbieder_opties:
    st.info(f"Er zijn geen signalen in {ctx.jaar}. Kies een ander jaar in de zijbalk.")
    st.stop()
if st.session_state.get("signaal_aanbieder") not in aanbieder_labels:
    st.session_state.pop("signaal_aanbieder", None)  # from another year or role
aanbieder = st.selectbox(
    "Aanbieder",
    aanbieder_opties,
    index=aanbieder_index,
    format_func=lambda a: aanbieder_labels.get(a, a),
    key="signaal_aanbieder",
)

lijst = queries.signalen_keuze(ctx.rol, ctx.sleutel, ctx.jaar, aanbieder)
opties = lijst["signaal_id"].to_list()
# Toezicht sees each signal's werkvoorraad status in the list (the others have none).
statussen = (
    dict(werkvoorraad.status_per_signaal().select("signaal_id", "status").iter_rows())
    if roles.mag_beoordelen(ctx.rol)
    else {}
)
labels = {
    r["signaal_id"]: (
        f"{r['indicator_naam']} ({r['indicator']}) — "
        f"{opmaak.euro(r['financieel_belang'])}{'' if r['gemarkeerd'] else ' · niet gemarkeerd'}"
        + (f" · {statussen[r['signaal_id']]}" if r["signaal_id"] in statussen else "")
    )
    for r in lijst.iter_rows(named=True)
}
if (
    gekozen_signaal is not None
    and gekozen_signaal["aanbieder_agb"] == aanbieder
    and gevraagd not in labels
):
    # A link to a signal of another year: keep it selectable next to this year's signals.
    opties.insert(0, gevraagd)
    labels[gevraagd] = (
        f"{gekozen_signaal['indicator_naam']} ({gekozen_signaal['indicator']}, "
        f"{gekozen_signaal['jaar']})"
    )
if not opties:
    st.info(f"{md(aanbieder_labels.get(aanbieder, aanbieder))}: geen signalen in {ctx.jaar}.")
    st.stop()
if st.session_state.get("signaal_keuze") not in labels:
    st.session_state.pop("signaal_keuze", None)  # a signal of the provider chosen before

signaal_id = st.selectbox(
    "Signaal",
    opties,
    index=opties.index(gevraagd) if gevraagd in opties else 0,
    format_func=lambda s: labels.get(s, s),
    key="signaal_keuze",
)
if st.query_params.get("signaal") != signaal_id:
    st.query_params["signaal"] = signaal_id
st.session_state["signaal_uit_link"] = signaal_id
s = queries.signaal(ctx.rol, ctx.sleutel, signaal_id)
if s is None:
    st.warning("Dit signaal bestaat niet meer in de huidige berekening.")
    st.stop()

st.header(f"{md(s['indicator_naam'])} · {md(s['naam'])}")
reikwijdte = [
    f"indicator {md(s['indicator'])}",
    f"categorie {md(s['categorie'])}",
    f"jaar {s['jaar']}",
    md(s["perceel"]) if s["perceel"] else "alle percelen",
]
if s["productcode"]:
    reikwijdte.append(f"product {md(s['productcode'])}")
if s["gemeentecode"]:
    reikwijdte.append(f"gemeente {md(s['gemeentecode'])}")
st.caption(" · ".join(reikwijdte))
st.page_link(
    "app_pages/aanbieder_profiel.py",
    label=f"Naar het profiel van {md(s['naam'])}",
    icon=":material/domain:",
    query_params={"aanbieder": s["aanbieder_agb"]},
)
if s["gemarkeerd"]:
    st.warning(md(s["toelichting"]) or "Gemarkeerd signaal.", icon=":material/flag:")
else:
    st.info(
        md(s["toelichting"]) + " Dit signaal haalt de drempel niet en is alleen ter verkenning.",
        icon=":material/info:",
    )

tegels = st.columns(5)
tegels[0].metric(
    "Waarde",
    opmaak.in_eenheid(s["waarde"], s["eenheid"]),
    help=UITLEG_EENHEID.get(s["eenheid"] or ""),
    border=True,
)
tegels[1].metric(
    "Bij de peers",
    opmaak.in_eenheid(s["referentiewaarde"], s["eenheid"]),
    help=md(s["peergroep"]) or None,
    border=True,
)
tegels[2].metric(
    "Afwijking",
    opmaak.in_eenheid(s["afwijking"], s["eenheid_afwijking"]),
    help=UITLEG_AFWIJKING.get(s["eenheid_afwijking"] or ""),
    border=True,
)
# The signal's money says which kind it is: hard onrechtmatig, an estimate, or none (#10).
soort_geld = {
    "onrechtmatig": ("Onrechtmatig", "hard: uit de status van de declaratieregels hieronder"),
    "schatting": ("Geschat belang", "een schatting van deze indicator, geen bewezen bedrag"),
}.get(s["soort_belang"] or "", ("Financieel belang", "een kwaliteitssignaal heeft geen bedrag"))
tegels[3].metric(
    soort_geld[0], opmaak.euro(s["financieel_belang"]), help=soort_geld[1], border=True
)
tegels[4].metric(
    "Cliënten",
    fmt.clienten_tekst(s["aantal_clienten"], s.get("clienten_weergave")),
    help=f"sterkte {opmaak.procent(s['sterkte'], 0)}",
    border=True,
)

# Threshold names in the texts become the values of the last run: "€ 1.000", not
# "materieel_min_eur".
drempels = queries.drempels_laatste_run(ctx.rol, ctx.sleutel)
with st.expander("Definitie en waarom dit ertoe doet", expanded=True):
    definitie = met_waarden(s["definitie"], drempels)
    st.markdown(f"**Definitie.** {md(definitie) or 'Niet vastgelegd.'}")
    st.markdown(f"**Waarom.** {md(s['waarom']) or 'Niet vastgelegd.'}")
    st.markdown(f"**Drempels.** {md(met_waarden(s['drempels'], drempels)) or 'Niet vastgelegd.'}")
    if s["indicator_bron"]:
        st.markdown(f"**Bron.** {md(s['indicator_bron'])}")
    if s["peergroep"]:
        st.markdown(f"**Peergroep.** {md(s['peergroep'])}")
    # What toezicht learned from closed beoordelingen of this indicator (live, all years).
    precisie = werkvoorraad.precisie(s["indicator"]).tekst()
    st.markdown(
        f"**Trefzekerheid.** {md(precisie)}"
        if precisie
        else f"**Trefzekerheid.** Nog geen afgesloten {md(s['indicator'])}-signalen: nog niets "
        "te zeggen over hoe vaak dit signaal terecht is."
    )

if roles.mag_beoordelen(ctx.rol):
    # A regional signal concerns every gemeente the provider works for: its share per gemeente,
    # so each gemeente sees what is hers (#10).
    gemeenten = queries.per_gemeente(ctx.rol, ctx.sleutel, s["signaal_id"])
    if gemeenten.height:
        # Client counts per gemeente (small cells included): evidence, recorded before shown.
        bewijsaudit.bekeken(bewijsaudit.PER_GEMEENTE, s["signaal_id"], gemeenten.height)
        with st.expander(f"Per gemeente ({gemeenten.height})", expanded=False):
            fmt.tabel(
                gemeenten,
                kolommen=[
                    "gemeente",
                    "gemeentecode",
                    "gedeclareerd_eur",
                    "aantal_clienten",
                    "onrechtmatig_eur",
                ],
                key="signaal_per_gemeente",
            )

st.subheader("Deze aanbieder naast de andere aanbieders")
peers, reikwijdte_peers = queries.signaal_peers(
    ctx.rol, ctx.sleutel, s["indicator"], s["jaar"], s["perceel"], s["productcode"]
)
eigen = (pl.col("aanbieder_agb") == s["aanbieder_agb"]) & (pl.col("jaar") == s["jaar"])
andere = peers.filter(~eigen)
if peers.height >= queries.MIN_PEERS_VERDELING:
    st.plotly_chart(
        charts.peer_verdeling(
            andere, s["waarde"], s["referentiewaarde"], label=f"waarde {s['indicator']}"
        ),
        key="signaal_peers",
    )
    st.caption(
        (
            f"Elke stip is een aanbieder met een waarde voor {md(s['indicator'])} "
            if andere.height <= charts.MAX_STIPPEN
            else f"De doos toont de spreiding van alle aanbieders met een waarde voor "
            f"{md(s['indicator'])}; bij meer dan {charts.MAX_STIPPEN} staan alleen de "
            "gemarkeerde als stip "
        )
        + f"({md(reikwijdte_peers)}; {peers.height} waarden); oranje = ook gemarkeerd, de ruit "
        "is deze aanbieder, de stippellijn de referentiewaarde."
    )
else:
    st.plotly_chart(
        charts.waarde_vs_referentie(s["waarde"], s["referentiewaarde"], f"waarde {s['indicator']}"),
        key="signaal_referentie",
    )
    st.caption(
        "Voor dit signaal hebben te weinig andere aanbieders een waarde voor een verdeling "
        "(bij een regelsignaal telt elke overtreding); de waarde staat naast de referentie."
    )

st.subheader("Bewijsregels")
if not roles.ziet_bewijs(ctx.rol):
    st.info(
        "Bewijsregels op cliëntniveau zijn alleen beschikbaar voor toezicht. De cijfers "
        "hierboven zijn geaggregeerd."
    )
    st.stop()

bewijs = queries.bewijsregels(ctx.rol, ctx.sleutel, signaal_id)
if bewijs.is_empty():
    st.info(
        "Dit signaal heeft geen bewijsregels: het is een vergelijking met peers, geen "
        "overtreding per regel. Het profiel van de aanbieder laat de onderliggende cijfers zien."
    )
else:
    # No record, no evidence: the audit row is written before a single row is shown.
    bewijsaudit.bekeken(bewijsaudit.BEWIJSREGELS, signaal_id, bewijs.height)
    st.caption(
        f"{bewijs.height} regels, samen {opmaak.euro(bewijs['bedrag_eur'].sum())} gedeclareerd "
        f"waarvan {opmaak.euro(bewijs['onrechtmatig_eur'].sum())} onrechtmatig. Cliënten staan er "
        "gepseudonimiseerd in."
    )
    if bewijs.height > MAX_REGELS:
        st.caption(f"De eerste {opmaak.getal(MAX_REGELS)} regels; de download bevat ze allemaal.")
    fmt.tabel(bewijs.head(MAX_REGELS), key="signaal_bewijs", max_rijen=MAX_REGELS)
    fmt.excel_download(
        "Bewijsregels downloaden (Excel)",
        "Bewijsregels",
        bewijs,
        f"bewijsregels_{s['indicator']}_{s['aanbieder_agb']}_{s['jaar']}.xlsx",
        key="signaal_bewijs_excel",
        bij_download=bewijsaudit.bij_download(f"bewijsregels {signaal_id}", bewijs.height),
    )


st.subheader("Werkvoorraad")
# Toezicht only (the page stopped above for every other role). The state lives in the
# beheeropslag; each change keeps its history and writes an audit row.
beoordeling = werkvoorraad.huidige(signaal_id)
huidige_status = beoordeling.status if beoordeling else NIEUW
if beoordeling is None:
    st.caption("Status: **nieuw** (nog niet beoordeeld).")
else:
    delen = [f"Status: **{md(beoordeling.status)}**"]
    if beoordeling.toegewezen_aan:
        delen.append(f"toegewezen aan {md(beoordeling.toegewezen_aan)}")
    if beoordeling.terugvordering_cent is not None:
        delen.append(
            "terugvordering " + opmaak.euro(Decimal(beoordeling.terugvordering_cent).scaleb(-2), 2)
        )
    delen.append(
        f"laatst gewijzigd {md(beoordeling.gewijzigd_op or '')}"
        + (f" door {md(beoordeling.gewijzigd_door)}" if beoordeling.gewijzigd_door else "")
    )
    st.markdown(" · ".join(delen))
historie = werkvoorraad.historie(signaal_id)
if historie.height:
    fmt.tabel(historie, key="signaal_historie")

NIEMAND = "(niemand)"
namen = werkvoorraad.toezichthouders()
ingelogd = sessie.huidige_gebruiker()
with st.form("signaal_beoordeling", clear_on_submit=False):
    status = st.selectbox(
        "Status",
        volgende_stappen(huidige_status),
        key="signaal_status",
        help="Alleen de stappen die vanuit de huidige status kunnen; dezelfde status houden "
        "legt een notitie of toewijzing vast.",
    )
    if namen:
        huidig = beoordeling.toegewezen_aan if beoordeling else None
        keuzes = [NIEMAND, *namen]
        toegewezen: str | None = st.selectbox(
            "Toegewezen aan",
            keuzes,
            index=keuzes.index(huidig) if huidig in keuzes else 0,
            key="signaal_toegewezen",
        )
        toegewezen = None if toegewezen == NIEMAND else toegewezen
    else:
        toegewezen = st.text_input(
            "Toegewezen aan (naam)",
            value=(beoordeling.toegewezen_aan or "") if beoordeling else "",
            key="signaal_toegewezen",
            max_chars=200,
        )
    terugvordering = st.text_input(
        "Terugvordering in euro's (alleen bij 'afgesloten met bevinding', als bekend)",
        key="signaal_terugvordering",
        placeholder="bijvoorbeeld 1.234,56",
        max_chars=30,
    )
    notitie = st.text_area(
        "Notitie", key="signaal_notitie", placeholder="Wat is gedaan of gevonden?", max_chars=4000
    )
    beoordelaar = (
        None
        if ingelogd
        else st.text_input("Uw naam of initialen", key="signaal_beoordelaar", max_chars=200)
    )
    if st.form_submit_button("Vastleggen"):
        try:
            werkvoorraad.bewaar(
                ctx.rol,
                s,
                status,
                toegewezen_aan=toegewezen,
                terugvordering=terugvordering
                if status == AFGESLOTEN_MET_BEVINDING or terugvordering.strip()
                else None,
                notitie=notitie,
                beoordelaar=beoordelaar,
            )
        except werkvoorraad.OvergangGeweigerd as fout:
            st.error(md(str(fout)))
        except sqlite3.OperationalError:
            st.warning(
                "Niet vastgelegd: de beheeropslag is even bezet. Uw tekst staat nog in het "
                "formulier; probeer het zo opnieuw."
            )
        else:
            st.session_state["signaal_opgeslagen"] = signaal_id
            st.rerun()
if st.session_state.pop("signaal_opgeslagen", None) == signaal_id:
    st.success("Vastgelegd in de werkvoorraad. Dit blijft bij elke herberekening bewaard.")
