"""Overzicht (toezicht): KPI tiles and the flagged providers in rank order, with click-through."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import bewijsaudit, charts, filters, roles
from dashboard import formatting as fmt
from dashboard.queries import risico_ranking as queries
from pipelines import opmaak
from pipelines.beheeropslag.werkvoorraad import STATUSSEN

st.title("Overzicht")
ctx = filters.context("overzicht")
st.caption(f"Selectie: {ctx.selectie_md}")

k = queries.kpis(ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente, ctx.perceel)
tegels = st.columns(5)
# A shielded selection (fewer than 5 clients, contractmanagement) has no euros: no growth.
groei = (
    k["gedeclareerd_eur"] / k["vorig_jaar_eur"] - 1
    if k["vorig_jaar_eur"] and k["gedeclareerd_eur"] is not None
    else None
)
tegels[0].metric(
    "Gedeclareerd",
    opmaak.euro_kort(k["gedeclareerd_eur"]),
    delta=(
        f"{opmaak.procent(groei, teken=True)} t.o.v. {ctx.jaar - 1}" if groei is not None else None
    ),
    delta_color="off",
    delta_arrow="off",
    help=f"{opmaak.euro(k['gedeclareerd_eur'])} in {ctx.jaar}, "
    f"{fmt.clienten_tekst(k['aantal_clienten'], k['clienten_weergave'])} cliënten"
    + ("" if groei is not None else f"; geen gegevens over {ctx.jaar - 1} om mee te vergelijken"),
    border=True,
)
# Two kinds of money, side by side and never added: hard euros from the line statuses, and
# estimates of statistical indicators.
aandeel = k["onrechtmatig_eur"] / k["gedeclareerd_eur"] if k["gedeclareerd_eur"] else None
tegels[1].metric(
    "Onrechtmatig",
    opmaak.euro_kort(k["onrechtmatig_eur"]),
    delta=f"{opmaak.procent(aandeel)} van gedeclareerd" if aandeel is not None else None,
    delta_color="off",
    delta_arrow="off",
    help=f"{opmaak.euro(k['onrechtmatig_eur'])} hard onrechtmatig: uit de status van de "
    "declaratieregels (zonder toewijzing, buiten de periode, boven het volume, dubbel, boven het "
    "tarief), elke euro één keer, te herleiden tot de bewijsregels"
    + (" in deze selectie" if ctx.gemeente or ctx.perceel else ""),
    border=True,
)
tegels[2].metric(
    "Geschat belang",
    opmaak.euro_kort(k["geschat_belang_eur"]),
    delta="schatting, niet opgeteld",
    delta_color="off",
    delta_arrow="off",
    help=f"{opmaak.euro(k['geschat_belang_eur'])}: schattingen van statistische indicatoren "
    "(groei boven de peers, zwaardere mix, altijd vol, stapeling). Geen bewezen onrechtmatig geld "
    "en daarom nooit opgeteld bij het onrechtmatige bedrag"
    + ("; regionaal, niet per gemeente te splitsen" if ctx.gemeente else ""),
    border=True,
)
tegels[3].metric(
    "Aanbieders gemarkeerd",
    f"{k['aanbieders_gemarkeerd']} van {k['aantal_aanbieders']}",
    help="aanbieders met minstens één gemarkeerd signaal in deze selectie",
    border=True,
)
tegels[4].metric(
    "Nieuw sinds vorige lading",
    str(k["nieuw"]) if k["heeft_vorige_lading"] else "–",
    help="gemarkeerde signalen die na de laatste lading voor het eerst verschenen"
    if k["heeft_vorige_lading"]
    else "Eerste berekening: er is nog geen vorige lading om mee te vergelijken.",
    border=True,
)

st.subheader("Risicorangorde")
ranking = queries.risicoranking(ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente, ctx.perceel)
if ranking.is_empty():
    st.success(
        f"Geen aanbieders met gemarkeerde signalen in {ctx.selectie_md}. "
        "Kies een ander jaar, een andere gemeente of een ander perceel."
    )
    st.stop()

BANEN = {
    "Zorg en kwaliteit": "rang_zorg",
    "Rechtmatigheid": "rang_rechtmatigheid",
    "Statistisch risico": "rang_risico",
    "Alle signalen": "rang",
}
baan = st.segmented_control(
    "Baan",
    list(BANEN),
    default="Zorg en kwaliteit",
    key="overzicht_baan",
    help="Drie volgordes naast elkaar, elk met een eigen maat.",
)
baan = baan or "Zorg en kwaliteit"
st.caption(
    {
        "Zorg en kwaliteit": "Eerst de veiligheid van cliënten: aanbieders met gemarkeerde "
        "signalen over onderlevering, klachten en calamiteiten of signalen van de toegang, "
        "geordend op hoeveel zulke signalen er zijn en hoe sterk ze zijn, niet op euro's.",
        "Rechtmatigheid": "Aanbieders met gemarkeerde regelsignalen, geordend op het hard "
        "onrechtmatige bedrag (elke gedeclareerde euro één keer).",
        "Statistisch risico": "Aanbieders met gemarkeerde statistische signalen, geordend op de "
        "sterkste afwijking van hun peers en dan op het geschatte belang.",
        "Alle signalen": "Alle aanbieders met een gemarkeerd signaal op risicoscore: ernst van de "
        "categorie × sterkte × (1 + ln(1 + euro's / € 10.000)) per signaal, samen tot 0–100.",
    }[baan]
    + " Klik een rij aan om het profiel van de aanbieder te openen."
)
rangkolom = BANEN[baan]
alle_gemarkeerd = ranking
ranking = ranking.filter(ranking[rangkolom].is_not_null()).sort(rangkolom)
werkvoorraad_signalen = None
if "beoordeling" in ranking.columns:
    # Toezicht: the werkvoorraad status of each flagged signal. Closed signals are hidden by
    # default (a provider whose flagged signals are all closed drops out), a filter on status.
    links_wv, rechts_wv = st.columns([3, 1], vertical_alignment="bottom")
    gekozen_statussen = links_wv.multiselect(
        "Status in de werkvoorraad",
        STATUSSEN,
        key="overzicht_status",
        placeholder="Alle statussen",
        help="Alleen aanbieders (en signalen) met een signaal in deze status.",
    )
    toon_afgesloten = rechts_wv.toggle(
        "Toon afgesloten", value=False, key="overzicht_toon_afgesloten"
    )
    werkvoorraad_signalen = queries.werkvoorraad_signalen(ctx.rol, ctx.sleutel, ctx.jaar)
    if not toon_afgesloten:
        werkvoorraad_signalen = werkvoorraad_signalen.filter(~pl.col("is_afgesloten"))
        ranking = ranking.filter(pl.col("aantal_open") > 0)
    if gekozen_statussen:
        werkvoorraad_signalen = werkvoorraad_signalen.filter(
            pl.col("status").is_in(gekozen_statussen)
        )
        ranking = ranking.filter(
            pl.col("statussen").list.eval(pl.element().is_in(gekozen_statussen)).list.any()
        )
# #13: rank per organisation (AGB codes with the same KvK number) instead of per AGB code.
organisaties = queries.organisatie_per_aanbieder(ctx.rol, ctx.sleutel)
per_organisatie = st.toggle(
    "Per organisatie",
    value=False,
    key="overzicht_per_organisatie",
    disabled=organisaties.is_empty(),
    help="AGB-codes met hetzelfde KvK-nummer (tabel organisaties) samen op één rij; de rang is "
    "die van het hoogst geplaatste lid. Onrechtmatig en geschat belang blijven apart.",
)
if per_organisatie and not ranking.is_empty():
    ranking = (
        ranking.join(organisaties, on="aanbieder_agb", how="left")
        .with_columns(
            pl.coalesce("groep_id", "aanbieder_agb").alias("organisatie"),
            pl.coalesce("groep_naam", "naam").alias("organisatienaam"),
        )
        .sort(rangkolom)
        .group_by("organisatie", maintain_order=True)
        .agg(
            pl.col(rangkolom).min(),
            pl.col("organisatienaam").first().alias("naam"),
            pl.col("aantal_signalen").sum(),
            pl.col("onrechtmatig_eur").sum(),
            pl.col("geschat_belang_eur").sum(),
            pl.col("gedeclareerd_eur").sum(),
            pl.col("naam").str.join(", ").alias("leden"),
            # A click opens the best-placed member's profile.
            pl.col("aanbieder_agb").first(),
        )
        .sort(rangkolom)
    )
    st.caption("Per organisatie: elke rij telt de leden (AGB-codes) met hetzelfde KvK-nummer op.")
kolommen = [
    rangkolom,
    "naam",
    "risicoscore",
    "aantal_signalen",
    "nieuw",
    "onrechtmatig_eur",
    "geschat_belang_eur",
    "verloop",
    "categorieen",
    "belangrijkste_indicator",
    *(["beoordeling"] if "beoordeling" in ranking.columns else []),
    "gedeclareerd_eur",
    "aanbieder_agb",
]
if per_organisatie:
    kolommen = [k for k in kolommen if k in ranking.columns]
    kolommen.insert(2, "leden")
if ranking.is_empty():
    st.info(f"Geen aanbieders met een gemarkeerd signaal in de baan {baan.lower()}.")
else:
    keuze = fmt.tabel(
        ranking,
        kolommen=kolommen,
        extra={
            rangkolom: st.column_config.NumberColumn("Rang", width=50, pinned=True),
            "naam": st.column_config.TextColumn(
                "Organisatie" if per_organisatie else "Aanbieder", width="medium", pinned=True
            ),
            "leden": st.column_config.TextColumn("Leden (AGB-codes)", width="medium"),
            "verloop": st.column_config.LineChartColumn(
                f"Per maand {ctx.jaar}", y_min=0, width="small"
            ),
            "risicoscore": st.column_config.ProgressColumn(
                "Risicoscore", min_value=0, max_value=100, format="%.0f", width="small"
            ),
            "aantal_signalen": st.column_config.NumberColumn("Signalen", width=70),
            "nieuw": st.column_config.NumberColumn(
                "Nieuw", width=60, help="signalen die na de laatste lading verschenen"
            ),
        },
        on_select="rerun",
        selection_mode="single-row",
        key="overzicht_ranking",
    )
    rijen = keuze.selection.rows if keuze is not None else []
    if rijen:
        agb = ranking["aanbieder_agb"][rijen[0]]
        st.switch_page("app_pages/aanbieder_profiel.py", query_params={"aanbieder": agb})

if werkvoorraad_signalen is not None:
    with st.expander(f"Werkvoorraad: {werkvoorraad_signalen.height} signalen", expanded=False):
        st.caption(
            "De gemarkeerde signalen van dit jaar met hun status"
            + ("" if toon_afgesloten else "; afgesloten signalen zijn verborgen")
            + ". Klik een rij aan om het signaal te openen en te beoordelen."
        )
        wv_keuze = fmt.tabel(
            werkvoorraad_signalen,
            kolommen=[
                "status",
                "naam",
                "indicator_naam",
                "toegewezen_aan",
                "financieel_belang",
                "aanbieder_agb",
            ],
            on_select="rerun",
            selection_mode="single-row",
            key="overzicht_werkvoorraad",
        )
        wv_rijen = wv_keuze.selection.rows if wv_keuze is not None else []
        if wv_rijen:
            st.switch_page(
                "app_pages/signaal_bewijs.py",
                query_params={"signaal": werkvoorraad_signalen["signaal_id"][wv_rijen[0]]},
            )

namen = dict(zip(alle_gemarkeerd["aanbieder_agb"], alle_gemarkeerd["naam"], strict=True))
links, rechts = st.columns([3, 1], vertical_alignment="bottom")
gekozen = links.selectbox(
    "Of kies een aanbieder",
    list(namen),
    format_func=lambda a: f"{namen[a]} ({a})",
    key="overzicht_aanbieder",
)
if rechts.button("Open aanbiederprofiel", key="overzicht_open", width="stretch"):
    st.switch_page("app_pages/aanbieder_profiel.py", query_params={"aanbieder": gekozen})

if ctx.rol == roles.TOEZICHT and ctx.gemeente:
    # What the gemeente needs for its own terugvordering: every line of hard money, with
    # totals per provider and per declaration (#10).
    regels = queries.vorderingsoverzicht(ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente)
    if regels.is_empty():
        st.caption(f"Geen hard onrechtmatig geld voor gemeente {ctx.gemeente} in {ctx.jaar}.")
    else:
        # Line-level evidence of one gemeente: recorded when seen and again at each download.
        bewijsaudit.bekeken(
            bewijsaudit.VORDERINGSOVERZICHT, f"{ctx.gemeente} {ctx.jaar}", regels.height
        )
        geld = [pl.sum("bedrag_eur"), pl.sum("onrechtmatig_eur"), pl.len().alias("regels")]
        per_aanbieder = (
            regels.group_by("aanbieder_agb", "aanbieder_naam").agg(geld).sort("aanbieder_agb")
        )
        per_declaratie = (
            regels.group_by("aanbieder_agb", "declaratienummer")
            .agg(geld)
            .sort("aanbieder_agb", "declaratienummer")
        )
        fmt.excel_download(
            f"Vorderingsoverzicht gemeente {ctx.gemeente} ({regels.height} regels)",
            "Per aanbieder",
            per_aanbieder,
            f"vorderingsoverzicht_{ctx.gemeente}_{ctx.jaar}.xlsx",
            key="overzicht_vorderingsoverzicht",
            meer_bladen={"Per declaratie": per_declaratie, "Regels": regels},
            bij_download=bewijsaudit.bij_download(
                f"vorderingsoverzicht {ctx.gemeente} {ctx.jaar}", regels.height
            ),
        )

st.subheader("Onrechtmatig en geschat belang per categorie")
st.plotly_chart(
    charts.per_categorie(
        queries.signalen_per_categorie(ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente, ctx.perceel)
    ),
    key="overzicht_categorie",
)
