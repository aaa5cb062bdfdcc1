"""Aanbieder: one provider against its peers, its signals, and the CM-gesprek export."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import cycle
from typing import Any

import polars as pl
import streamlit as st

from dashboard import bewijsaudit, charts, filters, roles
from dashboard import formatting as fmt
from dashboard.queries import aanbieder_profiel as queries
from dashboard.veilige_tekst import is_agb, md
from pipelines import opmaak
from pipelines.exports import cm_pdf
from pipelines.exports.cm_pakket import bestandsdeel
from pipelines.exports.excel_cm_profiel import schrijf_cm_werkboek

st.title("Aanbieder")
ctx = filters.context("aanbieder")

lijst = queries.aanbieders(ctx.rol, ctx.sleutel, ctx.jaar)
if lijst.is_empty():
    st.info(f"Er zijn geen aanbieders met declaraties in {ctx.jaar}.")
    st.stop()

namen = dict(zip(lijst["aanbieder_agb"], lijst["naam"], strict=True))
signaalaantal = dict(zip(lijst["aanbieder_agb"], lijst["aantal_signalen"], strict=True))
gevraagd = st.query_params.get("aanbieder")
if gevraagd and gevraagd not in namen:
    # Only a well-formed AGB code is repeated; any other text from the link is not shown.
    wie = f"Aanbieder {gevraagd}" if is_agb(gevraagd) else "De aanbieder uit de link"
    st.warning(
        f"{wie} heeft in {ctx.jaar} niet gedeclareerd of bestaat niet; "
        "kies hieronder een aanbieder of een ander jaar."
    )


def _label(agb: str) -> str:
    aantal = signaalaantal.get(agb)
    extra = f" · {aantal} signalen" if aantal else ""
    return f"{namen[agb]} ({agb}){extra}"


agbs = list(namen)
agb = st.selectbox(
    "Aanbieder",
    agbs,
    index=agbs.index(gevraagd) if gevraagd in namen else 0,
    format_func=_label,
    key="aanbieder_keuze",
)
if st.query_params.get("aanbieder") != agb:
    st.query_params["aanbieder"] = agb

jaren = queries.profiel(ctx.rol, ctx.sleutel, agb)
dit_jaar = jaren.filter(pl.col("jaar") == ctx.jaar)
if dit_jaar.is_empty():
    st.info(f"{md(namen[agb])} heeft in {ctx.jaar} niets gedeclareerd.")
    st.stop()
p = dit_jaar.row(0, named=True)

st.subheader(md(p["naam"]))
regels = [
    f"AGB {md(agb)}",
    f"percelen: {md(p['percelen'])}",
    f"vergeleken met {p['aantal_peers'] or 0} andere aanbieders met hoofdperceel "
    f"{md(p['hoofdperceel'])} (mediaan)",
]
if p["hoofdaannemer_agb"]:
    regels.append(f"onderaannemer van {md(p['hoofdaannemer_naam'])} ({md(p['hoofdaannemer_agb'])})")
st.caption(" · ".join(regels))


_REALISATIE_UITLEG = "geleverd volume / toegewezen volume (inspanningsgerichte producten)"
# The tiles next to the peers: label, column (the peers' median is in peer_<column>), how the
# value and the median are written, and a help text.
_PEERTEGELS: tuple[tuple[str, str, Callable[[Any], str], str | None], ...] = (
    ("Cliënten", "aantal_clienten", opmaak.getal, None),
    ("Euro's per cliënt", "euro_per_client", opmaak.euro, None),
    ("Realisatiegraad", "realisatiegraad", opmaak.procent, _REALISATIE_UITLEG),
    ("Groei t.o.v. vorig jaar", "groei", partial(opmaak.procent, teken=True), None),
)

tegels = st.columns(1 + len(_PEERTEGELS))
tegels[0].metric(
    "Gedeclareerd",
    opmaak.euro_kort(p["gedeclareerd_eur"]),
    help=opmaak.euro(p["gedeclareerd_eur"], 2),
    border=True,
)
for tegel, (label, kolom, schrijf, uitleg) in zip(tegels[1:], _PEERTEGELS, strict=True):
    peers = p[f"peer_{kolom}"]
    tegel.metric(
        label,
        fmt.clienten_tekst(p[kolom], p["clienten_weergave"])
        if kolom == "aantal_clienten"
        else schrijf(p[kolom]),
        delta=None if p[kolom] is None or peers is None else f"peers {schrijf(peers)}",
        delta_color="off",
        delta_arrow="off",
        help=uitleg,
        border=True,
    )
if p["is_afgeschermd"]:
    st.caption(
        f"Cliënten {p['clienten_weergave']}: minder dan 5 cliënten of nodig om een kleine cel af "
        "te schermen. Euro's, bedragen per cliënt en volumes van deze aanbieder in dit jaar zijn "
        "afgeschermd."
    )
elif p["groei"] is None:
    if not p["heeft_vorig_jaar_regio"]:
        st.info(
            f"Voor {ctx.jaar} is er geen voorgaand jaar in de gegevens; groei is niet te berekenen."
        )
    else:
        st.info(f"{md(p['naam'])} declareerde niet in {ctx.jaar - 1}; groei is niet te berekenen.")

ziet_signalen = roles.ziet_signalen(ctx.rol)


@st.fragment
def _per_maand(ctx: filters.PaginaContext, agb: str) -> None:
    """The maatstaf reruns only this chart, not the whole page (#14)."""
    maanden = queries.per_maand(ctx.rol, ctx.sleutel, agb)
    maatstaf = st.segmented_control(
        "Maatstaf",
        ["Euro's", "Cliënten", "Uren zorg", "Realisatiegraad"],
        default="Euro's",
        key="aanbieder_maatstaf",
    )
    kolom, soort = {
        "Cliënten": ("aantal_clienten", "getal"),
        "Uren zorg": ("uren", "getal"),
        "Realisatiegraad": ("realisatiegraad", "aandeel"),
    }.get(maatstaf or "", ("gedeclareerd_eur", "eur"))
    if maanden.filter(pl.col("jaar") == ctx.jaar)[kolom].is_null().all():
        # No chart of shielded months: a monthly bar of one client is that client's care.
        st.info(f"Geen maandcijfers te tonen voor {ctx.jaar}: minder dan 5 cliënten: afgeschermd.")
    else:
        st.plotly_chart(
            charts.per_maand(maanden, kolom, soort=soort, jaar=ctx.jaar), key="aanbieder_maand"
        )
    st.caption(
        f"Alle maanden in de gegevens, {ctx.jaar} donker; cliënten zijn unieke cliënten per maand."
    )
    if uitleg := fmt.afscherming_uitleg(maanden):
        st.caption(uitleg)


tabbladen = ["Per maand", "Per jaar", "Product- en intensiteitsmix"]
if ziet_signalen:
    tabbladen += ["Signalen", "Signalen van de toegang"]
tabbladen += ["Onderaannemers", "CM-gesprek"]
tabs = dict(
    zip(
        tabbladen,
        fmt.tabbladen(
            tabbladen,
            key="aanbieder_tabblad",
            bewaar={"Per maand": ["aanbieder_maatstaf"], "CM-gesprek": ["aanbieder_cm_periode"]},
        ),
        strict=True,
    )
)

with tabs["Per maand"]:
    if fmt.is_gekozen(tabs["Per maand"]):
        _per_maand(ctx, agb)

with tabs["Per jaar"]:
    if fmt.is_gekozen(tabs["Per jaar"]):
        # Two charts a row: title, column (the peers' median is in peer_<column>), kind, key.
        for plek, (titel, kolom, soort, sleutel) in zip(
            cycle(st.columns(2)),
            (
                ("Gedeclareerd", "gedeclareerd_eur", "eur", "aanbieder_jaar_eur"),
                ("Euro's per cliënt", "euro_per_client", "eur", "aanbieder_jaar_epc"),
                ("Realisatiegraad", "realisatiegraad", "aandeel", "aanbieder_jaar_real"),
                ("Groei t.o.v. vorig jaar", "groei", "groei", "aanbieder_jaar_groei"),
            ),
            strict=False,
        ):
            # The first year has no growth: it is left off that chart's axis.
            reeks = jaren.filter(pl.col("groei").is_not_null()) if kolom == "groei" else jaren
            plek.markdown(f"**{titel}**")
            plek.plotly_chart(charts.jaarreeks(reeks, kolom, f"peer_{kolom}", soort), key=sleutel)
        jarentabel = fmt.met_clienten_als_tekst(jaren.with_columns(pl.col("jaar").cast(pl.String)))
        fmt.tabel(
            jarentabel,
            kolommen=[
                "jaar",
                "gedeclareerd_eur",
                "aantal_clienten",
                "aantal_regels",
                "uren",
                "euro_per_client",
                "realisatiegraad",
                "groei",
            ],
            extra={
                "euro_per_client": fmt.euro_kolom("Euro's per cliënt"),
                "groei": st.column_config.NumberColumn("Groei", format="percent"),
                **fmt.clienten_kolomconfig(jarentabel),
            },
        )
        if uitleg := fmt.afscherming_uitleg(jaren):
            st.caption(uitleg)

with tabs["Product- en intensiteitsmix"]:
    if fmt.is_gekozen(tabs["Product- en intensiteitsmix"]):
        mengsel = queries.mix(ctx.rol, ctx.sleutel, agb, ctx.jaar)
        st.caption(
            "Per perceel het deel van de euro's op elke intensiteit (1 = lichtst), naast alle "
            "andere aanbieders in hetzelfde perceel en jaar. Een mix die zwaarder is dan die van "
            "de peers is een gespreksonderwerp, geen bewijs."
        )
        st.plotly_chart(charts.mix_vs_peers(mengsel), key="aanbieder_mix")
        mixtabel = fmt.met_clienten_als_tekst(mengsel)
        fmt.tabel(
            mixtabel,
            kolommen=[
                "perceel",
                "intensiteit",
                "productcodes",
                "gedeclareerd_eur",
                "aantal_clienten",
                "aandeel_eur",
                "peer_aandeel_eur",
            ],
            extra={
                "productcodes": st.column_config.TextColumn("Producten"),
                **fmt.clienten_kolomconfig(mixtabel),
            },
        )
        if uitleg := fmt.afscherming_uitleg(mengsel):
            st.caption(uitleg)

if ziet_signalen:
    with tabs["Signalen"]:
        if fmt.is_gekozen(tabs["Signalen"]):
            signalen = queries.signalen_aanbieder(ctx.rol, ctx.sleutel, agb, ctx.jaar)
            if signalen.is_empty():
                st.info(f"Voor {md(p['naam'])} zijn in {ctx.jaar} geen signalen gevonden.")
            else:
                st.caption(
                    "Klik een signaal aan voor de definitie, de peervergelijking en het bewijs."
                )
                keuze = fmt.tabel(
                    signalen.with_columns(
                        pl.when(pl.col("gemarkeerd"))
                        .then(pl.lit("ja"))
                        .otherwise(pl.lit("nee"))
                        .alias("gemarkeerd")
                    ),
                    kolommen=[
                        "indicator_naam",
                        "categorie",
                        "gemarkeerd",
                        "onrechtmatig_eur",
                        "geschat_belang_eur",
                        "toelichting",
                        "indicator",
                    ],
                    extra={
                        "toelichting": st.column_config.TextColumn("Toelichting", width="large")
                    },
                    on_select="rerun",
                    selection_mode="single-row",
                    key="aanbieder_signalen",
                )
                rijen = keuze.selection.rows if keuze is not None else []
                if rijen:
                    st.switch_page(
                        "app_pages/signaal_bewijs.py",
                        query_params={"signaal": signalen["signaal_id"][rijen[0]]},
                    )

if ziet_signalen:
    with tabs["Signalen van de toegang"]:
        if fmt.is_gekozen(tabs["Signalen van de toegang"]):
            st.caption(
                "Wat toegangsmedewerkers (wijkteam, Wmo-consulent) over deze aanbieder meldden, "
                "per kwartaal en soort. Veel signalen in verhouding tot het aantal cliënten geven "
                "het kwaliteitssignaal KWA05; één signaal is een aanleiding om door te vragen, "
                "geen oordeel."
            )
            telling = queries.toegangssignalen_telling(ctx.rol, ctx.sleutel, agb, ctx.jaar)
            if telling.is_empty():
                st.info(
                    f"Over {md(p['naam'])} zijn in {ctx.jaar} geen signalen van de toegang gemeld."
                )
            else:
                kwartaaltabel = queries.toegang_per_kwartaal(telling)
                fmt.tabel(
                    kwartaaltabel,
                    extra={
                        "soort": st.column_config.TextColumn("Soort"),
                        **{
                            f"kwartaal_{k}": st.column_config.NumberColumn(f"Kwartaal {k}")
                            for k in queries.KWARTALEN
                        },
                        "totaal": st.column_config.NumberColumn("Totaal"),
                    },
                    key="aanbieder_toegang_telling",
                )
                if telling["is_afgeschermd"].any():
                    st.caption(
                        f"{opmaak.LEEG} = afgeschermd: een klein aantal signalen kan naar één "
                        "cliënt wijzen en wordt alleen aan toezicht getoond."
                    )
            if roles.ziet_toegangssignalen(ctx.rol):
                meldingen = queries.toegangssignalen(ctx.rol, ctx.sleutel, agb, ctx.jaar)
                if not meldingen.is_empty():
                    # Free text of the toegang can point at a client: recorded before shown.
                    bewijsaudit.bekeken(
                        bewijsaudit.TOEGANGSSIGNALEN, f"{agb} {ctx.jaar}", meldingen.height
                    )
                    st.markdown("**Alle signalen** (alleen zichtbaar voor toezicht)")
                    fmt.tabel(
                        meldingen,
                        kolommen=["datum", "soort", "omschrijving"],
                        extra={
                            "datum": st.column_config.DateColumn("Datum", format="DD-MM-YYYY"),
                            "soort": st.column_config.TextColumn("Soort"),
                            "omschrijving": st.column_config.TextColumn(
                                "Omschrijving", width="large"
                            ),
                        },
                        key="aanbieder_toegang_meldingen",
                    )

with tabs["Onderaannemers"]:
    if fmt.is_gekozen(tabs["Onderaannemers"]):
        onder = queries.onderaannemers(ctx.rol, ctx.sleutel, agb, ctx.jaar)
        if p["hoofdaannemer_agb"]:
            st.info(
                f"{md(p['naam'])} is onderaannemer van {md(p['hoofdaannemer_naam'])} "
                f"({md(p['hoofdaannemer_agb'])})."
            )
        if onder.is_empty():
            st.info(f"Er zijn geen onderaannemers van {md(p['naam'])} bekend.")
        else:
            ondertabel = fmt.met_clienten_als_tekst(onder)
            fmt.tabel(
                ondertabel,
                kolommen=["naam", "aanbieder_agb", "gedeclareerd_eur", "aantal_clienten"],
                extra=fmt.clienten_kolomconfig(ondertabel),
            )
            if uitleg := fmt.afscherming_uitleg(onder):
                st.caption(uitleg)

with tabs["CM-gesprek"]:
    if fmt.is_gekozen(tabs["CM-gesprek"]):
        st.markdown(
            "De agenda van het CM-gesprek voor een periode, alleen op geaggregeerd niveau (geen "
            "cliëntgegevens; individuele casussen horen niet in het gesprek): productie en trend, "
            "cliënten in en uit, realisatie, doorlooptijd tot de start van de zorg, klachten, "
            "calamiteiten en cliëntervaring naast de peers, de verantwoording, de gemarkeerde "
            "signalen, onderaannemers en de eigen managementinformatie van de aanbieder. Als PDF "
            "(hoogstens twee A4) en als Excel-werkmap met dezelfde cijfers."
        )
        periodes = {
            f"Tweede halfjaar {ctx.jaar}": f"{ctx.jaar}-H2",
            f"Eerste halfjaar {ctx.jaar}": f"{ctx.jaar}-H1",
            f"Heel {ctx.jaar}": str(ctx.jaar),
        }
        keuze_periode = st.segmented_control(
            "Periode", list(periodes), default=next(iter(periodes)), key="aanbieder_cm_periode"
        )
        periode = periodes.get(keuze_periode or "", f"{ctx.jaar}-H2")
        profiel = queries.cm_profiel(ctx.rol, ctx.versie, agb, ctx.jaar, periode)
        if profiel is None:
            st.info(f"{md(p['naam'])} heeft in deze periode niets gedeclareerd.")
        else:
            links, rechts = st.columns(2)
            links.download_button(
                "Rapport (PDF)",
                data=partial(cm_pdf.cm_rapport_pdf, profiel),
                file_name=f"cm-gesprek_{bestandsdeel(agb)}_{bestandsdeel(periode)}.pdf",
                mime="application/pdf",
                icon=":material/print:",
                on_click="ignore",
                key="aanbieder_cm_pdf",
                width="stretch",
            )
            rechts.download_button(
                "Excel-werkmap",
                data=partial(schrijf_cm_werkboek, profiel),
                file_name=f"cm-gesprek_{bestandsdeel(agb)}_{bestandsdeel(periode)}.xlsx",
                mime=fmt.EXCEL_MIME,
                icon=":material/table_view:",
                on_click="ignore",
                key="aanbieder_cm_excel",
                width="stretch",
            )
            agenda = pl.DataFrame(
                {
                    "kerncijfer": [k.label for k in profiel.agenda],
                    "aanbieder": [cm_pdf.kerncijfer_tekst(k) for k in profiel.agenda],
                    "peers": [cm_pdf.peer_tekst(k) for k in profiel.agenda],
                },
                schema={"kerncijfer": pl.String, "aanbieder": pl.String, "peers": pl.String},
            )
            fmt.tabel(
                agenda,
                extra={
                    "kerncijfer": st.column_config.TextColumn("Kerncijfer"),
                    "aanbieder": st.column_config.TextColumn("Aanbieder"),
                    "peers": st.column_config.TextColumn("Mediaan peers"),
                },
                key="aanbieder_cm_agenda",
            )
            if profiel.verantwoording:
                st.caption(profiel.verantwoording)
            productie = pl.DataFrame(
                {
                    "indeling": [r.indeling for r in profiel.productie],
                    "gemeente_of_perceel": [r.omschrijving for r in profiel.productie],
                    "gedeclareerd_eur": [r.gedeclareerd_eur for r in profiel.productie],
                    "clienten": [
                        r.clienten_weergave or opmaak.getal(r.aantal_clienten)
                        for r in profiel.productie
                    ],
                    "vorig_jaar_eur": [r.vorig_jaar_eur for r in profiel.productie],
                    "groei": [r.groei for r in profiel.productie],
                },
                schema={
                    "indeling": pl.String,
                    "gemeente_of_perceel": pl.String,
                    "gedeclareerd_eur": pl.Float64,
                    "clienten": pl.String,
                    "vorig_jaar_eur": pl.Float64,
                    "groei": pl.Float64,
                },
            )
            if not productie.is_empty():
                st.markdown(
                    "**Productie per gemeente en perceel** (met dezelfde periode vorig jaar)"
                )
                fmt.tabel(
                    productie,
                    extra={
                        "indeling": st.column_config.TextColumn("Indeling"),
                        "gemeente_of_perceel": st.column_config.TextColumn("Gemeente of perceel"),
                        "clienten": st.column_config.TextColumn("Cliënten"),
                        "vorig_jaar_eur": fmt.euro_kolom("Vorig jaar"),
                        "groei": st.column_config.NumberColumn("Groei", format="percent"),
                    },
                    key="aanbieder_cm_productie",
                )
            if ziet_signalen:
                st.markdown("**Gemarkeerde signalen**")
                if not profiel.signalen:
                    st.caption("Geen gemarkeerde signalen in dit jaar.")
                else:
                    # A table, not markdown: names and explanations are data, shown as text.
                    fmt.tabel(
                        pl.DataFrame(
                            {
                                "indicator": [g.indicator for g in profiel.signalen],
                                "naam": [g.naam for g in profiel.signalen],
                                "toelichting": [g.toelichting for g in profiel.signalen],
                            },
                            schema={
                                "indicator": pl.String,
                                "naam": pl.String,
                                "toelichting": pl.String,
                            },
                        ),
                        extra={
                            "indicator": st.column_config.TextColumn("Code"),
                            "naam": st.column_config.TextColumn("Signaal"),
                            "toelichting": st.column_config.TextColumn("Reden", width="large"),
                        },
                        key="aanbieder_cm_signalen",
                    )
            if profiel.onderaannemers:
                st.markdown("**Onderaannemers**")
                fmt.tabel(
                    pl.DataFrame(
                        {
                            "naam": [o.naam for o in profiel.onderaannemers],
                            "aanbieder_agb": [o.aanbieder_agb for o in profiel.onderaannemers],
                            "akkoord": [o.akkoord for o in profiel.onderaannemers],
                            "aandeel": [o.aandeel_productie for o in profiel.onderaannemers],
                        },
                        schema={
                            "naam": pl.String,
                            "aanbieder_agb": pl.String,
                            "akkoord": pl.String,
                            "aandeel": pl.Float64,
                        },
                    ),
                    extra={
                        "akkoord": st.column_config.TextColumn("Akkoord"),
                        "aandeel": st.column_config.NumberColumn(
                            "Aandeel van de productie", format="percent"
                        ),
                    },
                    key="aanbieder_cm_onder",
                )
            st.markdown("**Managementinformatie van de aanbieder** (naast ons cijfer)")
            if not profiel.managementinformatie:
                st.caption("Geen managementinformatie aangeleverd voor deze periode.")
            else:
                fmt.tabel(
                    pl.DataFrame(
                        {
                            "kenmerk": [m.kenmerk for m in profiel.managementinformatie],
                            "aanbieder": [m.waarde_aanbieder for m in profiel.managementinformatie],
                            "ons": [
                                m.onze_waarde or opmaak.LEEG for m in profiel.managementinformatie
                            ],
                            "toelichting": [m.toelichting for m in profiel.managementinformatie],
                        },
                        schema={
                            "kenmerk": pl.String,
                            "aanbieder": pl.String,
                            "ons": pl.String,
                            "toelichting": pl.String,
                        },
                    ),
                    extra={
                        "kenmerk": st.column_config.TextColumn("Kenmerk"),
                        "aanbieder": st.column_config.TextColumn("Aanbieder"),
                        "ons": st.column_config.TextColumn("Onze waarde"),
                        "toelichting": st.column_config.TextColumn("Toelichting", width="large"),
                    },
                    key="aanbieder_cm_mi",
                )
            if profiel.afscherming:
                st.caption(profiel.afscherming)

# Issue 13: the groups this provider belongs to (hoofdaannemer with onderaannemers, organisation
# with the same KvK number), each member with its figures, akkoord status and flagged signals.
groepsleden = queries.groep_leden(ctx.rol, ctx.sleutel, agb, ctx.jaar)
if roles.mag_lezen(ctx.rol, "groep_leden"):
    st.subheader("Organisatie en onderaannemers")
    if groepsleden.is_empty():
        st.info(
            f"{md(p['naam'])} hoort in {ctx.jaar} niet bij een hoofdaannemer met onderaannemers "
            "of bij een organisatie met meer AGB-codes (tabellen onderaannemers, organisaties "
            "en aanbieders)."
        )
    _GROEPSOORT = {
        "hoofdaannemer": "Hoofdaannemer met onderaannemers",
        "organisatie": "Organisatie (zelfde KvK-nummer)",
    }
    _ROL_IN_GROEP = {"hoofdaannemer": "hoofdaannemer", "onderaannemer": "onderaannemer", "lid": "—"}
    for (soort, groep_id), leden in groepsleden.group_by(
        ["groep_soort", "groep_id"], maintain_order=True
    ):
        eerste = leden.row(0, named=True)
        kop = _GROEPSOORT.get(str(soort), str(soort))
        kenmerk = "KvK" if soort == "organisatie" else "AGB"
        st.markdown(f"**{kop}: {md(eerste['groep_naam'])}** ({kenmerk} {md(groep_id)})")
        zonder = leden.filter(pl.col("akkoord_status") == "geen akkoord").height
        if zonder:
            st.warning(
                f"{zonder} onderaannemer(s) zonder akkoord van de gemeente "
                "(signaal KWA09 als zij declareren)."
            )
        weergave = fmt.met_clienten_als_tekst(
            leden.with_columns(
                pl.col("rol_in_groep").replace_strict(_ROL_IN_GROEP, default="—"),
                pl.col("akkoord_status").fill_null("—"),
            )
        )
        fmt.tabel(
            weergave,
            kolommen=[
                "naam",
                "aanbieder_agb",
                "rol_in_groep",
                "akkoord_status",
                "akkoord_vanaf",
                "akkoord_tot",
                "gedeclareerd_eur",
                "aantal_clienten",
                "aantal_signalen",
                "onrechtmatig_eur",
                "geschat_belang_eur",
            ],
            extra={
                "rol_in_groep": st.column_config.TextColumn("Rol in de groep"),
                "akkoord_status": st.column_config.TextColumn(
                    "Akkoord", help="akkoord van de gemeente voor de inzet als onderaannemer"
                ),
                "akkoord_vanaf": st.column_config.DateColumn("Akkoord vanaf", format="DD-MM-YYYY"),
                "akkoord_tot": st.column_config.DateColumn("Akkoord tot", format="DD-MM-YYYY"),
                **fmt.clienten_kolomconfig(weergave),
            },
            key=f"aanbieder_groep_{soort}_{groep_id}",
        )
        if uitleg := fmt.afscherming_uitleg(leden):
            st.caption(uitleg)
    if not groepsleden.is_empty():
        st.caption(
            "Onrechtmatig (hard, uit regelstatussen) en geschat belang (schatting) staan apart "
            "en worden nooit opgeteld; signalen zijn de gemarkeerde signalen van het jaar."
        )
