"""The map of the Kaart page: a choropleth per gemeente over the CBS boundaries.

The boundaries are data/reference/gemeenten-2025-wgs84.geojson (CBS/PDOK, generalised by
cartomap/nl; see data/reference/README.md), shipped with the program. The figure draws each
gemeente as a filled polygon on plain x/y axes (longitude, latitude scaled by 1/cos of the
region's latitude), in SVG: no map tiles and no request to the internet (a gemeente's laptop may
have none), and no WebGL. plotly's map traces need one or the other: `Choroplethmap` is
MapLibre in WebGL, which on a laptop without a GPU (and on a server running the browsers of a
whole team) cost ~0,45 s of browser CPU per visit, a fifth of a round of seven pages (#14); the
`geo` subplot fetches a world topojson from cdn.plot.ly and draws nothing offline.

Three layers: the gemeenten around the region grey, the region's gemeenten without a value
(small cell, no inwoners) light with a dark border, and the region's gemeenten with a value
coloured, with a colour bar. A polygon's hover shows its trace name (plotly shows nothing else
over a fill), so each gemeente of the region is one trace named "naam: waarde"; `meta` holds
its statcode (a list of statcodes for a trace of several) and `legendgroup` its layer. A region
of more than MAX_GEMEENTEN_PER_VLAK gemeenten is drawn in colour classes with the names at the
centres instead. Names from the data enter the figure only as text through `plotly_tekst`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale

from dashboard.veilige_tekst import plotly_tekst
from pipelines import opmaak
from pipelines.settings import bundel_map

GEOJSON_BESTAND = "gemeenten-2025-wgs84.geojson"
BRON = "Bron kaart: CBS / PDOK (gebiedsindelingen), vereenvoudigd door cartomap/nl (CC BY 4.0)"

GRIJS = "#d5dae0"
LICHT = "#f4f6f8"
RAND = "#33475b"


@lru_cache(maxsize=1)
def grenzen() -> dict[str, Any]:
    """The generalised municipal boundaries as a GeoJSON FeatureCollection."""
    pad = bundel_map("referentie") / GEOJSON_BESTAND
    with pad.open(encoding="utf-8") as bestand:
        gegevens: dict[str, Any] = json.load(bestand)
    return gegevens


def statcode(gemeentecode: str) -> str:
    """The boundary file's key for a gemeentecode of the contract ('0307' → 'GM0307')."""
    return "GM" + gemeentecode


def codes_in_grenzen() -> set[str]:
    """Every gemeentecode (4 digits) the boundary file has a shape for."""
    return {str(f["properties"]["statcode"]).removeprefix("GM") for f in grenzen()["features"]}


def _ringen(geometrie: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The outer rings of a (Multi)Polygon; holes are left out (an enclave is a gemeente of its
    own and is drawn over it)."""
    polygonen = (
        [geometrie["coordinates"]] if geometrie["type"] == "Polygon" else geometrie["coordinates"]
    )
    return [[(float(p[0]), float(p[1])) for p in polygoon[0]] for polygoon in polygonen]


@lru_cache(maxsize=1)
def _vormen() -> dict[str, list[list[tuple[float, float]]]]:
    return {str(f["properties"]["statcode"]): _ringen(f["geometry"]) for f in grenzen()["features"]}


@lru_cache(maxsize=1)
def _kaders() -> dict[str, tuple[float, float, float, float]]:
    """Per statcode (min lon, min lat, max lon, max lat) of its shape."""
    kaders = {}
    for code, ringen in _vormen().items():
        lon = [p[0] for ring in ringen for p in ring]
        lat = [p[1] for ring in ringen for p in ring]
        kaders[code] = (min(lon), min(lat), max(lon), max(lat))
    return kaders


def _kader(codes: set[str]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of the shapes of `codes` (the known ones)."""
    kaders = [k for c, k in _kaders().items() if c in codes]
    return (
        min(k[0] for k in kaders),
        min(k[1] for k in kaders),
        max(k[2] for k in kaders),
        max(k[3] for k in kaders),
    )


def _in_beeld(regio: set[str]) -> list[str]:
    """The statcodes of the gemeenten that can show around the region: every shape touching the
    region's frame widened by its own width and height on each side (three times the frame; the
    view `kaart` sets is the frame with a small margin). The rest of the country is out of view:
    not sending it spares the browser ~300 shapes per visit (#14). Without a region, the whole
    country."""
    kaders = _kaders()
    if not regio or not regio & kaders.keys():
        return list(kaders)
    x0, y0, x1, y1 = _kader(regio)
    dx, dy = x1 - x0, y1 - y0
    x0, y0, x1, y1 = x0 - dx, y0 - dy, x1 + dx, y1 + dy
    return [
        code
        for code, (a0, b0, a1, b1) in kaders.items()
        if a0 <= x1 and a1 >= x0 and b0 <= y1 and b1 >= y0
    ]


# Blues without its almost white start: the lowest value must not look like LICHT (no value).
OPLOPEND = [
    [i / 10, kleur]
    for i, kleur in enumerate(sample_colorscale("Blues", [0.15 + 0.085 * i for i in range(11)]))
]

# Up to this many gemeenten in the region, each is a trace of its own with its name and value over
# its whole area. Beyond (several regions, a shared service centre, the whole country) plotly's
# cost per trace dominates (175 gemeenten: 0,56 s of browser CPU per visit, #14): the areas are
# then grouped into KLEURKLASSEN traces of one colour, and name and value show at the centre of
# each gemeente (an invisible marker per gemeente in one trace).
MAX_GEMEENTEN_PER_VLAK = 60
KLEURKLASSEN = 24

# The layers, as legendgroup of their traces.
BUITEN = "buiten de regio"
GEEN_WAARDE = "geen waarde"
MET_WAARDE = "met waarde"
NAMEN = "namen"


def _lijn(codes: list[str]) -> tuple[list[float | None], list[float | None]]:
    """x and y of the shapes of `codes` as one line, the rings separated by a gap: with
    fill="toself" plotly closes and fills every ring on its own."""
    vormen = _vormen()
    x: list[float | None] = []
    y: list[float | None] = []
    for code in codes:
        for ring in vormen.get(code, []):
            x += [p[0] for p in ring] + [None]
            y += [p[1] for p in ring] + [None]
    return x, y


def _vlak(codes: list[str], naam: str, vulling: str, rand: str, dikte: float, laag: str) -> Any:
    x, y = _lijn(codes)
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        fill="toself",
        fillcolor=vulling,
        line={"color": rand, "width": dikte},
        hoveron="fills",
        hoverinfo="name" if naam else "skip",
        # The whole name: plotly cuts a trace name in a hover label at 15 characters.
        hoverlabel={"namelength": -1},
        name=naam,
        legendgroup=laag,
        meta=codes[0] if naam else codes,
        showlegend=False,
    )


def _midden(code: str) -> tuple[float, float]:
    """A point for the name of a gemeente: the mean of the points of its largest ring (inside
    for the compact shapes of Dutch gemeenten; the frame's centre may fall outside)."""
    ring = max(_vormen().get(code, [[(0.0, 0.0)]]), key=len)
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def _namen(codes: list[str], teksten: list[str]) -> Any:
    """Name and value of each gemeente at its centre, for a map with grouped areas."""
    punten = [_midden(c) for c in codes]
    return go.Scatter(
        x=[p[0] for p in punten],
        y=[p[1] for p in punten],
        mode="markers",
        marker={"size": 14, "opacity": 0},
        text=teksten,
        hoverinfo="text",
        hoverlabel={"bgcolor": "#ffffff", "bordercolor": RAND, "font": {"color": RAND}},
        legendgroup=NAMEN,
        meta=codes,
        showlegend=False,
    )


def _waarde_tekst(waarde: float, soort: str) -> str:
    if soort == "procent":
        return opmaak.procent(waarde)
    if soort == "euro":
        return opmaak.euro(waarde)
    return opmaak.getal(waarde, 1)


def kaart(
    df: pl.DataFrame,
    kolom: str,
    label: str,
    soort: str,
    regio: list[str],
    hoogte: int = 560,
) -> go.Figure:
    """A choropleth of `kolom` per gemeente of `df` (gemeentecode, naam, kolom).

    `soort` is "euro", "procent" (a share, 0.12 = 12%) or "getal"; `regio` the gemeentecodes
    of the region (highlighted). A row whose value is None (small cell, no inwoners) gets no
    colour: it is drawn light with the region's border.
    """
    regio_ids = {statcode(c) for c in regio}
    in_beeld = _in_beeld(regio_ids)
    rest = [c for c in in_beeld if c not in regio_ids]
    fig = go.Figure()
    fig.add_trace(_vlak(rest, "", GRIJS, "#ffffff", 0.4, BUITEN))
    per_vlak = df.height <= MAX_GEMEENTEN_PER_VLAK
    namen_codes: list[str] = []
    namen_teksten: list[str] = []
    zonder = df.filter(pl.col(kolom).is_null())
    zonder_codes = [statcode(c) for c in zonder["gemeentecode"].to_list()]
    zonder_teksten = [
        plotly_tekst(naam) + ": geen waarde (afgeschermd of onbekend)"
        for naam in zonder["naam"].to_list()
    ]
    if per_vlak:
        for code, tekst in zip(zonder_codes, zonder_teksten, strict=True):
            fig.add_trace(_vlak([code], tekst, LICHT, RAND, 1.5, GEEN_WAARDE))
    elif zonder_codes:
        fig.add_trace(_vlak(zonder_codes, "", LICHT, RAND, 0.8, GEEN_WAARDE))
        namen_codes += zonder_codes
        namen_teksten += zonder_teksten
    met_waarde = df.filter(pl.col(kolom).is_not_null())
    if met_waarde.height:
        waarden = [float(v) for v in met_waarde[kolom].to_list()]
        # Growth diverges around 0; the other measures run from low to high.
        schaal: Any = "RdBu_r" if soort == "procent" else OPLOPEND
        if soort == "procent":
            grens = max((abs(v) for v in waarden), default=1.0) or 1.0
            laag, hoog = -grens, grens
        else:
            laag, hoog = min(waarden), max(waarden)
        breedte = (hoog - laag) or 1.0
        posities = [(v - laag) / breedte for v in waarden]
        codes = [statcode(c) for c in met_waarde["gemeentecode"].to_list()]
        teksten = [
            plotly_tekst(naam) + ": " + _waarde_tekst(waarde, soort)
            for naam, waarde in zip(met_waarde["naam"].to_list(), waarden, strict=True)
        ]
        if per_vlak:
            kleuren = sample_colorscale(schaal, posities)
            for code, tekst, kleur in zip(codes, teksten, kleuren, strict=True):
                fig.add_trace(_vlak([code], tekst, kleur, RAND, 1.5, MET_WAARDE))
        else:
            per_klasse: dict[int, list[str]] = {}
            for code, positie in zip(codes, posities, strict=True):
                per_klasse.setdefault(round(positie * (KLEURKLASSEN - 1)), []).append(code)
            for klasse, leden in sorted(per_klasse.items()):
                [kleur] = sample_colorscale(schaal, [klasse / (KLEURKLASSEN - 1)])
                fig.add_trace(_vlak(leden, "", kleur, RAND, 0.8, MET_WAARDE))
            namen_codes += codes
            namen_teksten += teksten
        # The colour bar: an invisible marker trace carrying the scale.
        schaalwaarden = [v * 100 for v in (laag, hoog)] if soort == "procent" else [laag, hoog]
        fig.add_trace(
            go.Scatter(
                x=[None, None],
                y=[None, None],
                mode="markers",
                marker={
                    "color": schaalwaarden,
                    "colorscale": schaal,
                    "cmin": schaalwaarden[0],
                    "cmax": schaalwaarden[1],
                    "showscale": True,
                    "colorbar": {
                        "title": {"text": plotly_tekst(label)},
                        "ticksuffix": "%" if soort == "procent" else "",
                        "tickprefix": "€ " if soort == "euro" else "",
                    },
                },
                hoverinfo="skip",
                showlegend=False,
                legendgroup="kleurenschaal",
            )
        )
    if namen_codes:
        fig.add_trace(_namen(namen_codes, namen_teksten))
    x0, y0, x1, y1 = _kader(regio_ids & set(in_beeld) or set(in_beeld))
    marge_x, marge_y = (x1 - x0) * 0.08 + 0.01, (y1 - y0) * 0.08 + 0.01
    fig.update_layout(
        xaxis={"visible": False, "range": [x0 - marge_x, x1 + marge_x], "fixedrange": False},
        # Degrees of latitude are longer than degrees of longitude in the Netherlands.
        yaxis={
            "visible": False,
            "range": [y0 - marge_y, y1 + marge_y],
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians((y0 + y1) / 2)),
        },
        plot_bgcolor="#ffffff",
        hovermode="closest",
        separators=",.",
        height=hoogte,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        font={"family": "Source Sans Pro, Arial, sans-serif"},
    )
    return fig
