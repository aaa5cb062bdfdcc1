"""Signaal: one signal in full: definition, the provider against its peers, the evidence."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, filters, roles, sessie
from dashboard import formatting as fmt
from dashboard.queries import signaal_bewijs as queries
from dashboard.queries import verbinding
from dashboard.veilige_tekst import md
from pipelines import opmaak
from pipelines.beheeropslag import audit as auditlog
from pipelines.drempels_schema import met_waarden

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

lijst = queries.signalen_keuze(ctx.rol, ctx.sleutel, ctx.jaar)
opties = lijst["signaal_id"].to_list()
labels = {
    r["signaal_id"]: (
        f"{r['naam']} — {r['indicator_naam']} ({r['indicator']}) — "
        f"{opmaak.euro(r['financieel_belang'])}{'' if r['gemarkeerd'] else ' · niet gemarkeerd'}"
    )
    for r in lijst.iter_rows(named=True)
}
if gekozen_signaal is not None and gevraagd not in labels:
    # A link to a signal of another year: keep it selectable next to this year's signals.
    opties.insert(0, gevraagd)
    labels[gevraagd] = (
        f"{gekozen_signaal['naam']} — {gekozen_signaal['indicator_naam']} "
        f"({gekozen_signaal['jaar']})"
    )
if not opties:
    st.info(f"Er zijn geen signalen in {ctx.jaar}. Kies een ander jaar in de zijbalk.")
    st.stop()

signaal_id = st.selectbox(
    "Signaal",
    opties,
    index=opties.index(gevraagd) if gevraagd in opties else 0,
    format_func=lambda s: labels.get(s, s),
    key="signaal_keuze",
)
if st.query_params.get("signaal") != signaal_id:
    st.query_params["signaal"] = signaal_id
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

if roles.mag_beoordelen(ctx.rol):
    # A regional signal concerns every gemeente the provider works for: its share per gemeente,
    # so each gemeente sees what is hers (#10).
    gemeenten = queries.per_gemeente(ctx.rol, ctx.sleutel, s["signaal_id"])
    if gemeenten.height:
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
        f"Elke stip is een aanbieder met een waarde voor {md(s['indicator'])} "
        f"({md(reikwijdte_peers)}; {peers.height} waarden); oranje = ook gemarkeerd, de ruit "
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
    sessie.audit(auditlog.BEWIJS_BEKEKEN, onderwerp=signaal_id, aantal_rijen=bewijs.height)
    st.caption(
        f"{bewijs.height} regels, samen {opmaak.euro(bewijs['bedrag_eur'].sum())} gedeclareerd "
        f"waarvan {opmaak.euro(bewijs['onrechtmatig_eur'].sum())} onrechtmatig. Cliënten staan er "
        "gepseudonimiseerd in."
    )
    if bewijs.height > MAX_REGELS:
        st.caption(f"De eerste {opmaak.getal(MAX_REGELS)} regels; de download bevat ze allemaal.")
    fmt.tabel(bewijs.head(MAX_REGELS), key="signaal_bewijs")
    fmt.excel_download(
        "Bewijsregels downloaden (Excel)",
        "Bewijsregels",
        bewijs,
        f"bewijsregels_{s['indicator']}_{s['aanbieder_agb']}_{s['jaar']}.xlsx",
        key="signaal_bewijs_excel",
    )

st.subheader("Beoordeling")
if roles.mag_beoordelen(ctx.rol):
    eerder = queries.beoordelingen(ctx.rol, signaal_id)
    if eerder.is_empty():
        st.caption("Nog geen beoordeling vastgelegd.")
    else:
        laatste = eerder.row(0, named=True)
        st.markdown(
            f"Huidige status: **{md(laatste['status'])}** "
            f"({opmaak.datum_tijd(laatste['vastgelegd_op'])}"
            f"{', ' + md(laatste['beoordelaar']) if laatste['beoordelaar'] else ''})"
        )
        fmt.tabel(eerder, key="signaal_beoordelingen")
    with st.form("signaal_beoordeling", clear_on_submit=False):
        status = st.selectbox("Status", verbinding.BEOORDELING_STATUSSEN, key="signaal_status")
        notitie = st.text_area(
            "Notitie", key="signaal_notitie", placeholder="Wat is gedaan of gevonden?"
        )
        beoordelaar = st.text_input("Beoordelaar (naam of initialen)", key="signaal_beoordelaar")
        if st.form_submit_button("Beoordeling opslaan"):
            try:
                verbinding.bewaar_beoordeling(ctx.rol, signaal_id, status, notitie, beoordelaar)
            except verbinding.DatabaseBezig as fout:
                st.warning(str(fout))
            else:
                st.session_state["signaal_opgeslagen"] = signaal_id
                st.rerun()
    if st.session_state.pop("signaal_opgeslagen", None) == signaal_id:
        st.success("Beoordeling opgeslagen. Die blijft bij elke herberekening bewaard.")
