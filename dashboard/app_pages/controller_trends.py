"""Volumetrends (control): spend, clients and volume per gemeente × perceel × month."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from dashboard import charts, filters
from dashboard import formatting as fmt
from dashboard.prognose import bereken_prognose
from dashboard.queries import controller_trends as queries
from dashboard.veilige_tekst import md
from pipelines import opmaak, voorveld
from pipelines.exports import excel_prognose

# Without a run that stored prognose_index_procent (an older database): the BNO-O index.
STANDAARD_INDEX = 2.58


def prognose_sectie(index_pct: float) -> None:
    """#13: the prognosis per gemeente × zorgsoort a controller can defend: completion
    factors, begroting and uitputting, the table "vermoedelijke kosten" and its export."""
    cellen = queries.prognose(ctx.rol, ctx.sleutel, ctx.jaar)
    factoren = queries.completeringsfactoren(ctx.rol, ctx.sleutel)
    st.subheader(f"Vermoedelijke kosten per gemeente en zorgsoort, {ctx.jaar}")
    if cellen.is_empty():
        st.info(f"Geen declaraties of begroting in {ctx.jaar}: geen prognose per gemeente.")
        return
    per_cel = excel_prognose.per_gemeente_en_zorgsoort(cellen, index_pct)
    peil = cellen["peildatum"][0]
    laatste = cellen["laatste_zorgmaand"][0]
    st.caption(
        f"Peildatum {opmaak.datum(peil) if peil else '—'} (laatste declaratiedatum), laatste "
        f"zorgmaand {opmaak.datum(laatste) if laatste else '—'}. Per zorgmaand: gedeclareerd / "
        "completeringsfactor (het deel dat na zoveel maanden gewoonlijk binnen is); de rest "
        "van het jaar uit dezelfde maanden vorig jaar, geschaald. Volgend jaar = vermoedelijke "
        f"kosten × (1 + {opmaak.getal(index_pct, 2)}%)."
    )
    fmt.tabel(
        per_cel.drop("jaar", "gemeentecode"),
        extra={
            "zorgsoort": st.column_config.TextColumn("Zorgsoort"),
            "clienten": st.column_config.TextColumn("Cliënten"),
            "completeringsfactor": st.column_config.NumberColumn(
                "Completeringsfactor", format="%.3f"
            ),
            "index_procent": st.column_config.NumberColumn("Index (%)", format="%.2f"),
            "aandeel_uitgeput": st.column_config.NumberColumn("Uitgeput", format="percent"),
            **{
                k: fmt.euro_kolom(excel_prognose.KOLOMMEN_PER_CEL[k][0])
                for k in per_cel.columns
                if k.endswith("_eur")
            },
        },
        key="trends_prognose_per_cel",
    )
    if fmt.heeft_afgeschermd(cellen):
        st.caption(
            "Afgeschermd: minder dan 5 cliënten in de cel (of nodig om een kleine cel af te "
            "schermen); de bedragen zijn leeg, en een totaal over een lege cel ook."
        )
    st.markdown("**Vermoedelijke kosten met prijsstijging (zoals de BNO-O-bijlage)**")
    breed = excel_prognose.vermoedelijke_kosten(per_cel, ctx.jaar, index_pct)
    fmt.tabel(
        breed,
        extra={
            k: fmt.euro_kolom("Totaal regio" if k == "totaal_regio_eur" else k)
            for k in breed.columns
            if k not in ("zorgsoort", "regel")
        },
        key="trends_vermoedelijke_kosten",
    )
    st.markdown("**Completeringsfactoren**")
    st.caption(
        "Per perceel het deel van de uiteindelijk gedeclareerde euro's van een zorgmaand dat "
        "binnen zoveel maanden na die maand gedeclareerd was, uit zorgmaanden die minstens 12 "
        "maanden oud zijn; na 12 maanden geldt een maand als compleet. Zonder historie van "
        "een perceel geldt de regio."
    )
    fmt.tabel(
        excel_prognose.factoren_tabel(factoren),
        extra={
            k: st.column_config.NumberColumn(k, format="%.3f")
            for k in excel_prognose.factoren_tabel(factoren).columns
            if k != "perceel"
        },
        key="trends_completeringsfactoren",
    )

    def _prognose_bestand() -> bytes:
        # Built at the click only, not on every rerun of the page (#14).
        inhoud, _ = excel_prognose.prognose_werkboek(cellen, factoren, ctx.jaar, index_pct)
        return inhoud

    st.download_button(
        "Prognose downloaden (Excel)",
        data=_prognose_bestand,
        file_name=f"prognose_{ctx.jaar}.xlsx",
        mime=fmt.EXCEL_MIME,
        icon=":material/download:",
        on_click="ignore",
        key="trends_prognose_excel",
    )


@st.fragment
def _afwijkingen(ctx: filters.PaginaContext) -> None:
    """The threshold slider reruns only this part of the page, not the whole page (#14)."""
    drempel_pct = st.slider(
        "Markeer een verschil groter dan (%)", 0, 50, 10, step=1, key="trends_drempel"
    )
    drempel = drempel_pct / 100
    vergelijking = queries.jaarvergelijking(
        ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente, ctx.perceel
    )
    st.markdown(f"**Verschil in euro's per gemeente en perceel, {ctx.jaar} t.o.v. {ctx.jaar - 1}**")
    st.plotly_chart(charts.afwijkingen(vergelijking, drempel), key="trends_afwijkingen")
    gemarkeerd = vergelijking.with_columns(
        pl.when(pl.col("verschil_aandeel") > drempel)
        .then(pl.lit("▲ sterke stijging"))
        .when(pl.col("verschil_aandeel") < -drempel)
        .then(pl.lit("▼ sterke daling"))
        .when(pl.col("is_afgeschermd"))
        .then(pl.lit("afgeschermd"))
        .when(pl.col("vorig_jaar_eur").is_null())
        .then(pl.lit("nieuw"))
        .otherwise(pl.lit(""))
        .alias("afwijking")
    )
    gemarkeerd = fmt.met_clienten_als_tekst(gemarkeerd)
    fmt.tabel(
        gemarkeerd,
        kolommen=[
            "gemeente",
            "perceel",
            "gedeclareerd_eur",
            "vorig_jaar_eur",
            "verschil_eur",
            "verschil_aandeel",
            "afwijking",
            "aantal_clienten",
            "clienten_vorig_jaar",
        ],
        extra={
            "gedeclareerd_eur": fmt.euro_kolom(str(ctx.jaar)),
            "vorig_jaar_eur": fmt.euro_kolom(str(ctx.jaar - 1)),
            "afwijking": st.column_config.TextColumn(
                "Afwijking", help=f"verschil groter dan {drempel_pct}%"
            ),
            **fmt.clienten_kolomconfig(gemarkeerd),
            "clienten_vorig_jaar": st.column_config.NumberColumn(
                "Cliënten vorig jaar", format="localized"
            ),
        },
        key="trends_vergelijking",
    )
    if uitleg := fmt.afscherming_uitleg(vergelijking):
        st.caption(uitleg)


st.title("Volumetrends")
ctx = filters.context("volumetrends")
st.caption(f"Selectie: {ctx.selectie_md}")

maanden = queries.trend_per_maand(ctx.rol, ctx.sleutel, ctx.gemeente, ctx.perceel)
if maanden.is_empty():
    st.info("Geen declaraties voor deze gemeente en dit perceel. Kies een andere selectie.")
    st.stop()

dit_jaar = maanden.filter(pl.col("jaar") == ctx.jaar)
heeft_vorig_jaar = not maanden.filter(pl.col("jaar") == ctx.jaar - 1).is_empty()
omvang = queries.omvang(ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente, ctx.perceel)


def _groei(nu: float | None, vorig: float | None) -> dict[str, Any]:
    """The change against last year as a tile's delta, with an arrow that follows its sign."""
    if not nu or not vorig:
        return {"delta": None}
    groei = nu / vorig - 1
    return {
        "delta": f"{opmaak.procent(groei, teken=True)} t.o.v. {ctx.jaar - 1}",
        "delta_arrow": fmt.pijl(groei),
    }


uren = float(dit_jaar["uren"].sum() or 0)
uren_vorig = float(maanden.filter(pl.col("jaar") == ctx.jaar - 1)["uren"].sum() or 0)
tegels = st.columns(4)
tegels[0].metric(
    f"Gedeclareerd {ctx.jaar}",
    opmaak.euro_kort(omvang["gedeclareerd_eur"]),
    **_groei(omvang["gedeclareerd_eur"], omvang["vorig_jaar_eur"]),
    delta_color="off",
    help=opmaak.euro(omvang["gedeclareerd_eur"], 2),
    border=True,
)
tegels[1].metric(
    "Unieke cliënten",
    fmt.clienten_tekst(omvang["aantal_clienten"], omvang["clienten_weergave"]),
    **_groei(omvang["aantal_clienten"], omvang["clienten_vorig_jaar"]),
    delta_color="off",
    border=True,
)
tegels[2].metric(
    "Uren zorg",
    opmaak.getal(uren),
    **_groei(uren, uren_vorig),
    delta_color="off",
    help="volume in tijdseenheden (minuut, uur, dagdeel), omgerekend naar uren",
    border=True,
)
tegels[3].metric("Aanbieders", opmaak.getal(omvang["aantal_aanbieders"]), border=True)
if omvang["is_afgeschermd"]:
    st.caption(
        "Minder dan 5 cliënten in deze selectie (of nodig om een kleine cel af te schermen): "
        "euro's en aantallen zijn afgeschermd."
    )
if uitleg := fmt.afscherming_uitleg(dit_jaar):
    st.caption(
        "Uren zorg tellen alleen de cellen (gemeente × product × maand) met minstens 5 "
        "cliënten; euro's en cliënten per maand komen uit een eigen, zelf afgeschermde telling. "
        + uitleg
    )

maatstaf = st.segmented_control(
    "Maatstaf",
    ["Euro's", "Cliënten", "Uren zorg"],
    default="Euro's",
    key="trends_maatstaf",
)
kolom, soort = {
    "Cliënten": ("aantal_clienten", "getal"),
    "Uren zorg": ("uren", "getal"),
}.get(maatstaf or "", ("gedeclareerd_eur", "eur"))


def _voorveld() -> None:
    """The region's voorveld target (data/reference/voorveld.toml) measured per gemeente."""
    try:
        doel = voorveld.lees_doel()
    except voorveld.OngeldigVoorveldDoel as fout:
        st.error(md(fout))
        return
    maanden_ = queries.maanden_met_declaraties(ctx.rol, ctx.sleutel)
    meting = voorveld.meet(queries.voorveld_telling(ctx.rol, ctx.sleutel), maanden_, doel)
    basisjaar = voorveld.gekozen_basisjaar(maanden_, doel)
    percelen = " en ".join(p.lower() for p in doel.percelen)
    if meting.is_empty() or basisjaar is None:
        st.info(f"Er is geen {percelen} gedeclareerd in deze gegevens.")
        return
    st.caption(
        f"Doel van de regio: in {doel.doeljaar} {opmaak.procent(doel.afname_minimaal, 0)}–"
        f"{opmaak.procent(doel.afname_maximaal, 0)} minder cliënten in {percelen} dan in het "
        f"basisjaar {basisjaar}, doordat zij in het voorveld geholpen worden; daartussen een "
        "rechtlijnig pad. Gemeten als gemiddeld aantal cliënten per maand (een lopend jaar telt "
        "zo even zwaar als een heel jaar); een cliënt in beide percelen telt in elk. "
        f"Bron van het doel: {md(doel.bron)}. Het perceelfilter geldt hier niet."
    )
    keuze = meting.filter(pl.col("gemeentecode").eq_missing(ctx.gemeente))
    st.plotly_chart(
        charts.voorveld(
            keuze, basisjaar, doel.doeljaar, (doel.afname_minimaal, doel.afname_maximaal)
        ),
        key="trends_voorveld",
    )
    namen = queries.gemeentenamen(ctx.rol, ctx.sleutel)
    jaar = meting.filter(pl.col("jaar") == ctx.jaar)
    basis = meting.filter(pl.col("jaar") == basisjaar).select(
        "gemeentecode", pl.col("clienten_per_maand").alias("basis")
    )
    overzicht = jaar.join(basis, on="gemeentecode", how="left", nulls_equal=True).sort(
        pl.col("gemeentecode").is_not_null(), "gemeentecode"
    )
    if overzicht.is_empty():
        st.info(f"Geen {percelen} in {ctx.jaar}.")
        return
    st.markdown(f"**Per gemeente in {ctx.jaar}**")
    fmt.tabel(
        pl.DataFrame(
            {
                "Gemeente": [
                    "Hele regio" if c is None else namen.get(c, c)
                    for c in overzicht["gemeentecode"].to_list()
                ],
                f"Cliënten per maand {basisjaar}": [
                    opmaak.getal(v, 1) for v in overzicht["basis"].to_list()
                ],
                f"Cliënten per maand {ctx.jaar}": [
                    opmaak.getal(v, 1) for v in overzicht["clienten_per_maand"].to_list()
                ],
                "Afname": [opmaak.procent(v) for v in overzicht["afname"].to_list()],
                "Pad dit jaar": [
                    f"{opmaak.procent(lo, 0)}–{opmaak.procent(hi, 0)}"
                    for lo, hi in overzicht.select("pad_minimaal", "pad_maximaal").rows()
                ],
                "Status": overzicht["status"].to_list(),
            }
        ),
        key="trends_voorveld_gemeenten",
    )
    if overzicht["is_afgeschermd"].any():
        st.caption(
            f"{opmaak.LEEG} = afgeschermd: in een maand van dat jaar minder dan 5 cliënten in "
            "een van de percelen."
        )


tab_maand, tab_jaar, tab_spec, tab_prognose, tab_voorveld = fmt.tabbladen(
    [
        "Per maand",
        "Jaar op jaar",
        "Specificatie per zorgsoort",
        "Prognose",
        "Voorveld",
    ],
    key="trends_tabblad",
    bewaar={
        "Jaar op jaar": ["trends_drempel"],
        "Prognose": ["trends_index", "trends_volumegroei"],
    },
)

with tab_maand:
    if fmt.is_gekozen(tab_maand):
        st.plotly_chart(
            charts.per_maand(maanden, kolom, soort=soort, jaar=ctx.jaar), key="trends_maand"
        )
        st.caption(
            f"Alle maanden in de gegevens, {ctx.jaar} donker (maand van de begindatum van de "
            "prestatie); cliënten zijn unieke cliënten per maand."
        )

with tab_jaar:
    if fmt.is_gekozen(tab_jaar):
        if not heeft_vorig_jaar:
            st.info(
                f"Voor {ctx.jaar} is er geen voorgaand jaar in de gegevens; een vergelijking "
                "jaar op jaar is niet mogelijk. Kies een later jaar."
            )
        else:
            st.plotly_chart(
                charts.jaar_op_jaar(maanden, ctx.jaar, kolom, soort=soort),
                key="trends_jaar_op_jaar",
            )
            _afwijkingen(ctx)

with tab_spec:
    if fmt.is_gekozen(tab_spec):
        spec = queries.specificatie(ctx.rol, ctx.sleutel, ctx.jaar, ctx.gemeente, ctx.perceel)
        if spec.is_empty():
            st.info(f"Geen declaraties in {ctx.jaar} voor deze selectie.")
        else:
            st.caption(
                f"Gedeclareerde euro's in {ctx.jaar} per productcode en gemeente, zoals in de "
                "regionale inkoopplannen."
            )
            vast = {"perceel", "productcode", "productomschrijving", "totaal"}
            fmt.tabel(
                spec,
                extra={k: fmt.euro_kolom(k) for k in spec.columns if k not in vast},
                key="trends_specificatie",
            )
            if spec.select(pl.exclude(vast - {"totaal"}).is_null().any()).row(0).count(True):
                st.caption(
                    f"{opmaak.LEEG} = afgeschermd: in een maand minder dan 5 cliënten; een totaal "
                    "over een afgeschermde cel is ook leeg."
                )
            fmt.excel_download(
                "Specificatie downloaden (Excel)",
                f"Specificatie {ctx.jaar}",
                spec,
                f"specificatie_per_zorgsoort_{ctx.jaar}.xlsx",
                key="trends_specificatie_excel",
            )

with tab_prognose:
    if fmt.is_gekozen(tab_prognose):
        heeft_prognose = queries.heeft_prognose(ctx.rol)
        standaard_index = (
            queries.standaard_index(ctx.rol, ctx.sleutel) if heeft_prognose else STANDAARD_INDEX
        )
        links, rechts = st.columns(2)
        # Percentages with two decimals: an index such as 2,58% must not become 2,6%.
        index_pct, volume_pct = (
            kolom.number_input(
                label,
                min_value=laagste,
                max_value=hoogste,
                value=standaard,
                step=0.01,
                format="%.2f",
                help=uitleg,
                key=sleutel,
            )
            for kolom, label, laagste, hoogste, standaard, uitleg, sleutel in (
                (
                    links,
                    "Indexatie (%)",
                    -25.0,
                    50.0,
                    standaard_index,
                    "prijsindex voor het volgende jaar, bijvoorbeeld de OVA; standaard "
                    "prognose_index_procent uit de drempels",
                    "trends_index",
                ),
                (rechts, "Volumegroei (%)", -50.0, 50.0, 0.0, None, "trends_volumegroei"),
            )
        )
        uitkomst = (
            None
            if maanden["gedeclareerd_eur"].is_null().any()
            else bereken_prognose(
                maanden.select("maand", "gedeclareerd_eur"), ctx.jaar, index_pct, volume_pct
            )
        )
        if maanden["gedeclareerd_eur"].is_null().any():
            st.info(
                "Geen prognose voor deze selectie: een maand heeft minder dan 5 cliënten en is "
                "afgeschermd. Kies een grotere selectie (alle gemeenten of alle percelen)."
            )
        elif uitkomst is None:
            st.info(f"Geen declaraties in {ctx.jaar}: een prognose is niet mogelijk.")
        else:
            t = st.columns(3)
            t[0].metric(
                f"Gerealiseerd {uitkomst.jaar}",
                opmaak.euro_kort(uitkomst.gerealiseerd_eur),
                help=f"t/m maand {uitkomst.maanden_gerealiseerd}",
                border=True,
            )
            t[1].metric(
                f"Prognose {uitkomst.jaar}",
                opmaak.euro_kort(uitkomst.prognose_jaar_eur),
                border=True,
            )
            t[2].metric(
                f"Prognose {uitkomst.volgend_jaar}",
                opmaak.euro_kort(uitkomst.prognose_volgend_jaar_eur),
                delta=f"{opmaak.procent(index_pct / 100, teken=True)} index, "
                f"{opmaak.procent(volume_pct / 100, teken=True)} volume",
                delta_color="off",
                delta_arrow="off",
                border=True,
            )
            st.plotly_chart(
                charts.prognose(uitkomst.per_maand, uitkomst.jaar), key="trends_prognose"
            )
            st.caption(
                uitkomst.methode
                + f" {uitkomst.volgend_jaar} = prognose {uitkomst.jaar} × (1 + indexatie) × "
                "(1 + volumegroei)."
            )
        if heeft_prognose:
            prognose_sectie(index_pct)

with tab_voorveld:
    if fmt.is_gekozen(tab_voorveld):
        _voorveld()
