"""Plotly figure builders: pure functions from frames to figures, Dutch labels and numbers.

`separators=",."` gives decimal commas and thousands dots in ticks and hovers; month axes get
Dutch month names from explicit tick labels (plotly's own date labels are English).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from dashboard.veilige_tekst import plotly_tekst
from pipelines.opmaak import MAANDEN, euro, getal, maand

BLAUW = "#1f5fa8"
LICHTBLAUW = "#9dbbe0"
ROOD = "#c0392b"
GROEN = "#2e8b57"
GRIJS = "#9aa5b1"
ORANJE = "#e08a1e"
INTENSITEIT_KLEUREN = ("#cfe0f3", "#9dbbe0", "#5f93cc", "#2e6db4", "#15457e", "#0b2a4f")

_HOVER_EURO = "€ %{y:,.0f}"


# plotly_white, trimmed to its layout and the trace types drawn here: the full template holds
# defaults for every trace type, and validating that copy per figure cost ~15 ms of the
# server's CPU per chart on every rerun (#14). What a chart looks like is the same.
_WIT = pio.templates["plotly_white"]
SJABLOON = go.layout.Template(
    layout=_WIT.layout,
    data={soort: _WIT.data[soort] for soort in ("bar", "box", "scatter")},
)


def _opmaak(fig: go.Figure, hoogte: int = 320, titel: str | None = None) -> go.Figure:
    fig.update_layout(
        template=SJABLOON,
        separators=",.",
        height=hoogte,
        margin={"l": 10, "r": 10, "t": 40 if titel else 10, "b": 10},
        title={"text": plotly_tekst(titel), "font": {"size": 15}} if titel else None,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"namelength": -1},
        font={"family": "Source Sans Pro, Arial, sans-serif"},
    )
    return fig


def _maand_as(fig: go.Figure, maanden: list[date]) -> None:
    if not maanden:
        return
    stap = 1 if len(maanden) <= 12 else (3 if len(maanden) <= 40 else 6)
    ticks = [m for i, m in enumerate(sorted(set(maanden))) if i % stap == 0]
    fig.update_xaxes(tickvals=ticks, ticktext=[maand(m) for m in ticks])


def leeg_figuur(tekst: str, hoogte: int = 240) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=plotly_tekst(tekst), showarrow=False, font={"size": 14, "color": GRIJS})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _opmaak(fig, hoogte)


def _liggende_balken(
    x: list[Any], y: list[str], kleur: str | list[str], **opties: Any
) -> go.Figure:
    """One horizontal bar per label in `y`, bar length `x`; `opties` go to go.Bar."""
    return go.Figure(go.Bar(x=x, y=y, orientation="h", marker_color=kleur, **opties))


_SOORT_HOVER = {
    "eur": "€ %{y:,.0f}",
    "getal": "%{y:,.0f}",
    "aandeel": "%{y:.1%}",
}


def per_maand(
    df: pl.DataFrame,
    kolom: str,
    *,
    titel: str | None = None,
    soort: str = "eur",
    naam: str = "",
    hoogte: int = 300,
    jaar: int | None = None,
) -> go.Figure:
    """One monthly series as bars (kolom against 'maand'); the chosen year in full colour."""
    if df.is_empty():
        return leeg_figuur("Geen gegevens voor deze selectie.")
    maanden = df["maand"].to_list()
    kleuren = [BLAUW if jaar is None or m.year == jaar else LICHTBLAUW for m in maanden]
    fig = go.Figure(
        go.Bar(
            x=maanden,
            y=df[kolom].to_list(),
            name=naam or kolom,
            marker_color=kleuren,
            customdata=[maand(m, voluit=True) for m in maanden],
            hovertemplate="%{customdata}: " + _SOORT_HOVER.get(soort, "%{y}") + "<extra></extra>",
        )
    )
    _maand_as(fig, maanden)
    if soort == "eur":
        fig.update_yaxes(tickprefix="€ ", tickformat=",.0f")
    elif soort == "aandeel":
        fig.update_yaxes(tickformat=".0%")
    return _opmaak(fig, hoogte, titel)


def jaar_op_jaar(
    df: pl.DataFrame, jaar: int, kolom: str = "gedeclareerd_eur", *, soort: str = "eur"
) -> go.Figure:
    """This year against last year per calendar month; the gap between them shaded."""
    huidig = df.filter(pl.col("maand").dt.year() == jaar)
    vorig = df.filter(pl.col("maand").dt.year() == jaar - 1)
    if huidig.is_empty():
        return leeg_figuur(f"Geen gegevens voor {jaar}.")
    fig = go.Figure()
    hover = _SOORT_HOVER.get(soort, "%{y}")
    if not vorig.is_empty():
        fig.add_trace(
            go.Scatter(
                x=[MAANDEN[m.month - 1] for m in vorig["maand"].to_list()],
                y=vorig[kolom].to_list(),
                name=str(jaar - 1),
                mode="lines+markers",
                line={"color": GRIJS, "dash": "dot"},
                hovertemplate=f"{jaar - 1} %{{x}}: {hover}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[MAANDEN[m.month - 1] for m in huidig["maand"].to_list()],
            y=huidig[kolom].to_list(),
            name=str(jaar),
            mode="lines+markers",
            line={"color": BLAUW, "width": 3},
            fill="tonexty" if not vorig.is_empty() else None,
            fillcolor="rgba(31,95,168,0.12)",
            hovertemplate=f"{jaar} %{{x}}: {hover}<extra></extra>",
        )
    )
    fig.update_xaxes(categoryorder="array", categoryarray=list(MAANDEN))
    if soort == "eur":
        fig.update_yaxes(tickprefix="€ ", tickformat=",.0f")
    return _opmaak(fig, 320)


def afwijkingen(df: pl.DataFrame, drempel: float) -> go.Figure:
    """Year-over-year change per gemeente × perceel; beyond ±drempel in colour."""
    df = df.filter(pl.col("verschil_aandeel").is_not_null())
    if df.is_empty():
        return leeg_figuur("Geen vorig jaar om mee te vergelijken.")
    df = df.sort("verschil_aandeel")
    labels = [
        f"{plotly_tekst(g)} · {plotly_tekst(p)}"
        for g, p in zip(df["gemeente"], df["perceel"], strict=True)
    ]
    waarden = df["verschil_aandeel"].to_list()
    kleuren = [ROOD if w > drempel else (GROEN if w < -drempel else GRIJS) for w in waarden]
    fig = _liggende_balken(
        waarden,
        labels,
        kleuren,
        customdata=[
            [euro(a), euro(b)]
            for a, b in zip(df["gedeclareerd_eur"], df["vorig_jaar_eur"], strict=True)
        ],
        hovertemplate="%{y}: %{x:+.1%}<br>dit jaar %{customdata[0]}, "
        "vorig jaar %{customdata[1]}<extra></extra>",
    )
    for x in (-drempel, drempel):
        fig.add_vline(x=x, line_dash="dash", line_color=GRIJS)
    fig.update_xaxes(tickformat="+.0%")
    return _opmaak(fig, max(260, 22 * len(labels) + 60))


def mix_vs_peers(df: pl.DataFrame) -> go.Figure:
    """Per perceel two stacked bars (aanbieder, peers): the share of euros per intensiteit.

    A perceel with a shielded cell (`is_afgeschermd`, contractmanagement) gets no bar for the
    provider at all: the gap in a stacked bar would give the shielded shares away.
    """
    if df.is_empty():
        return leeg_figuur("Geen declaraties in dit jaar.")
    fig = go.Figure()
    percelen = df["perceel"].unique(maintain_order=True).to_list()
    afgeschermd = (
        set(df.filter(pl.col("is_afgeschermd"))["perceel"].to_list())
        if "is_afgeschermd" in df.columns
        else set()
    )
    y_labels = [
        lab
        for p in percelen
        for lab in (f"{plotly_tekst(p)} · peers", f"{plotly_tekst(p)} · aanbieder")
    ]
    for intensiteit in sorted(df["intensiteit"].unique().to_list()):
        deel = df.filter(pl.col("intensiteit") == intensiteit)
        per_perceel = {r["perceel"]: r for r in deel.iter_rows(named=True)}
        x, y = [], []
        for p in percelen:
            r = per_perceel.get(p)
            eigen = None if p in afgeschermd else (r["aandeel_eur"] if r else 0)
            x += [r["peer_aandeel_eur"] if r else 0, eigen]
            y += [f"{plotly_tekst(p)} · peers", f"{plotly_tekst(p)} · aanbieder"]
        kleur = INTENSITEIT_KLEUREN[min(int(intensiteit), len(INTENSITEIT_KLEUREN) - 1)]
        fig.add_trace(
            go.Bar(
                x=x,
                y=y,
                orientation="h",
                name=f"intensiteit {intensiteit}" if intensiteit else "onbekend product",
                marker_color=kleur,
                hovertemplate="%{y}: %{x:.1%}<extra>intensiteit "
                + plotly_tekst(intensiteit)
                + "</extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(categoryorder="array", categoryarray=y_labels)
    return _opmaak(fig, max(220, 46 * len(percelen) + 80))


def jaarreeks(df: pl.DataFrame, kolom: str, peer_kolom: str | None, soort: str) -> go.Figure:
    """A provider's yearly figure as bars, with the peers' median as a line."""
    if df.is_empty():
        return leeg_figuur("Geen gegevens.")
    jaren = [str(j) for j in df["jaar"].to_list()]
    hover = {"eur": "€ %{y:,.0f}", "aandeel": "%{y:.1%}", "groei": "%{y:+.1%}"}.get(
        soort, "%{y:,.0f}"
    )
    fig = go.Figure(
        go.Bar(
            x=jaren,
            y=df[kolom].to_list(),
            name="aanbieder",
            marker_color=BLAUW,
            hovertemplate="aanbieder %{x}: " + hover + "<extra></extra>",
        )
    )
    if peer_kolom:
        fig.add_trace(
            go.Scatter(
                x=jaren,
                y=df[peer_kolom].to_list(),
                name="mediaan peers",
                mode="lines+markers",
                line={"color": ORANJE, "width": 3},
                hovertemplate="peers %{x}: " + hover + "<extra></extra>",
            )
        )
    if soort == "eur":
        fig.update_yaxes(tickprefix="€ ", tickformat=",.0f")
    elif soort == "aandeel":
        fig.update_yaxes(tickformat=".0%")
    elif soort == "groei":
        fig.update_yaxes(tickformat="+.0%")
    fig.update_xaxes(type="category")
    return _opmaak(fig, 260)


# Above this many other providers the peer chart draws only the flagged ones as dots.
MAX_STIPPEN = 300


def peer_verdeling(
    andere: pl.DataFrame,
    eigen_waarde: float | None,
    referentie: float | None,
    *,
    label: str = "waarde",
) -> go.Figure:
    """Every other provider's value as a dot (jittered), a box for the spread, this one red.

    With more than MAX_STIPPEN other providers (a national analysis: thousands) only the flagged
    ones are dots, at most MAX_STIPPEN of them with the highest values; the box still holds
    every value. Each dot is an element the browser draws on every visit (#14)."""
    waarden = [*andere["waarde"].to_list(), *([eigen_waarde] if eigen_waarde is not None else [])]
    if not waarden:
        return leeg_figuur("Geen waarden van andere aanbieders.")
    if andere.height > MAX_STIPPEN:
        andere = andere.filter(pl.col("gemarkeerd")).sort("waarde").tail(MAX_STIPPEN)
    meerdere_jaren = andere["jaar"].n_unique() > 1 if "jaar" in andere.columns else False
    namen = [
        plotly_tekst(f"{n} ({j})" if meerdere_jaren else n)
        for n, j in zip(
            andere["naam"].to_list(),
            andere["jaar"].to_list() if "jaar" in andere.columns else [None] * andere.height,
            strict=True,
        )
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Box(
            x=waarden,
            name="peers",
            boxpoints=False,
            marker_color=LICHTBLAUW,
            hoverinfo="skip",
            y0=0,
        )
    )
    # Deterministic jitter so the same data always draws the same picture.
    jitter = [0.25 * math.sin(i * 12.9898) for i in range(andere.height)]
    fig.add_trace(
        go.Scatter(
            x=andere["waarde"].to_list(),
            y=jitter,
            mode="markers",
            name="andere aanbieders",
            marker={
                "color": [ORANJE if g else GRIJS for g in andere["gemarkeerd"].to_list()],
                "size": 8,
                "opacity": 0.8,
            },
            text=namen,
            hovertemplate="%{text}: %{x:,.3~f}<extra></extra>",
        )
    )
    if eigen_waarde is not None:
        fig.add_trace(
            go.Scatter(
                x=[eigen_waarde],
                y=[0],
                mode="markers+text",
                name="deze aanbieder",
                marker={"color": ROOD, "size": 16, "symbol": "diamond"},
                text=["deze aanbieder"],
                textposition="top center",
                hovertemplate="deze aanbieder: %{x:,.3~f}<extra></extra>",
            )
        )
    if referentie is not None and not math.isnan(referentie):
        fig.add_vline(
            x=referentie,
            line_dash="dash",
            line_color=BLAUW,
            annotation_text="referentie",
            annotation_position="top",
        )
    fig.update_yaxes(visible=False, range=[-0.6, 0.8])
    fig.update_xaxes(title=plotly_tekst(label))
    return _opmaak(fig, 260)


def waarde_vs_referentie(waarde: float | None, referentie: float | None, label: str) -> go.Figure:
    """Rule signals without a peer distribution: the value next to its reference."""
    namen, getallen, kleuren = [], [], []
    if waarde is not None:
        namen.append("deze aanbieder")
        getallen.append(waarde)
        kleuren.append(ROOD)
    if referentie is not None:
        namen.append("referentie")
        getallen.append(referentie)
        kleuren.append(GRIJS)
    if not getallen:
        return leeg_figuur("Dit signaal heeft geen waarde om te vergelijken.")
    fig = _liggende_balken(
        getallen,
        namen,
        kleuren,
        text=[getal(g, 2) for g in getallen],
        textposition="auto",
        hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
    )
    fig.update_xaxes(title=plotly_tekst(label))
    return _opmaak(fig, 180)


def prognose(per_maand_rijen: list[dict[str, Any]], jaar: int) -> go.Figure:
    if not per_maand_rijen:
        return leeg_figuur("Geen gegevens voor een prognose.")
    fig = go.Figure()
    for soort, kleur, naam in (
        ("gerealiseerd", BLAUW, "gerealiseerd"),
        ("prognose", LICHTBLAUW, "prognose"),
    ):
        rijen = [r for r in per_maand_rijen if r["soort"] == soort]
        if rijen:
            fig.add_trace(
                go.Bar(
                    x=[MAANDEN[r["maand"].month - 1] for r in rijen],
                    y=[r["gedeclareerd_eur"] for r in rijen],
                    name=naam,
                    marker_color=kleur,
                    hovertemplate=f"{naam} %{{x}} {jaar}: {_HOVER_EURO}<extra></extra>",
                )
            )
    fig.update_xaxes(categoryorder="array", categoryarray=list(MAANDEN))
    fig.update_yaxes(tickprefix="€ ", tickformat=",.0f")
    return _opmaak(fig, 280)


def voorveld(
    meting: pl.DataFrame, basisjaar: int, doeljaar: int, band: tuple[float, float]
) -> go.Figure:
    """The decrease in clients per month against the base year, and the path to the target band.

    `meting` is one gemeente's (or the region's) rows of pipelines.voorveld.meet. The band is
    drawn from the base year (0%) to the target year (`band`); a shielded year has no point.
    """
    if meting.is_empty():
        return leeg_figuur("Geen cliënten in deze percelen in deze selectie.")
    jaren = list(range(basisjaar, doeljaar + 1))
    spanne = max(doeljaar - basisjaar, 1)
    onder = [100 * band[0] * (j - basisjaar) / spanne for j in jaren]
    boven = [100 * band[1] * (j - basisjaar) / spanne for j in jaren]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=jaren, y=onder, mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip"
        )
    )
    fig.add_trace(
        go.Scatter(
            x=jaren,
            y=boven,
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(46, 125, 50, 0.15)",
            name="pad naar de doelband",
            hoverinfo="skip",
        )
    )
    gemeten = meting.filter(pl.col("jaar") >= basisjaar).sort("jaar")
    fig.add_trace(
        go.Scatter(
            x=gemeten["jaar"].to_list(),
            y=[None if a is None else 100 * a for a in gemeten["afname"].to_list()],
            mode="lines+markers",
            line={"color": BLAUW},
            name="afname t.o.v. basisjaar",
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(ticksuffix="%")
    return _opmaak(fig, 300)


def per_categorie(df: pl.DataFrame) -> go.Figure:
    """Hard onrechtmatig euros and estimates per category as two separate bars, never one sum."""
    if df.is_empty():
        return leeg_figuur("Geen gemarkeerde signalen.")
    categorieen = [plotly_tekst(c) for c in df["categorie"].to_list()]
    fig = go.Figure()
    for kolom, naam, kleur in (
        ("onrechtmatig_eur", "onrechtmatig (hard)", ROOD),
        ("geschat_belang_eur", "geschat belang (schatting)", GRIJS),
    ):
        waarden = [float(v or 0) for v in df[kolom].to_list()]
        fig.add_trace(
            go.Bar(
                x=waarden,
                y=categorieen,
                orientation="h",
                name=naam,
                marker_color=kleur,
                text=[euro(v) if v else "" for v in waarden],
                textposition="auto",
                customdata=df["aantal_signalen"].to_list(),
                hovertemplate="%{y}: € %{x:,.0f} " + naam + " (%{customdata} signalen)"
                "<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickprefix="€ ", tickformat=",.0f")
    fig.update_yaxes(autorange="reversed")
    return _opmaak(fig, max(160, 40 * df.height + 60))
