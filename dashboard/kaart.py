"""The map of the Kaart page: a plotly choropleth per gemeente over the CBS boundaries.

The boundaries are data/reference/gemeenten-2025-wgs84.geojson (CBS/PDOK, generalised by
cartomap/nl; see data/reference/README.md), shipped with the program. The figure is a
`Choroplethmap` on the "white-bg" style: MapLibre with a plain background and no tiles, so it
draws without internet (a gemeente's laptop may have none). plotly's other choropleth (the
`geo` subplot) always fetches a world topojson from cdn.plot.ly and draws nothing offline.

Three layers: the rest of the Netherlands grey, the region's gemeenten without a value (small
cell, no inwoners) light with a dark border, and the region's gemeenten with a value coloured.
Names from the data enter the figure only as text through `plotly_tekst`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.veilige_tekst import plotly_tekst
from pipelines.settings import bundel_map

GEOJSON_BESTAND = "gemeenten-2025-wgs84.geojson"
# The feature property holding "GM" + the 4-digit gemeentecode of the contract.
FEATUREIDKEY = "properties.statcode"
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


def _punten(geometrie: dict[str, Any]) -> list[tuple[float, float]]:
    ringen = (
        geometrie["coordinates"]
        if geometrie["type"] == "Polygon"
        else [ring for polygoon in geometrie["coordinates"] for ring in polygoon]
    )
    return [(float(p[0]), float(p[1])) for ring in ringen for p in ring]


def _beeld(codes: set[str]) -> tuple[dict[str, float], float]:
    """Centre and zoom that show the shapes of `codes` (the whole country when none)."""
    punten = [
        p
        for f in grenzen()["features"]
        if not codes or f["properties"]["statcode"] in codes
        for p in _punten(f["geometry"])
    ]
    lon = [p[0] for p in punten]
    lat = [p[1] for p in punten]
    breedte = max(max(lon) - min(lon), (max(lat) - min(lat)) * 1.6, 0.05)
    zoom = max(5.0, min(11.0, math.log2(360 / breedte) - 1.2))
    return {"lon": (min(lon) + max(lon)) / 2, "lat": (min(lat) + max(lat)) / 2}, zoom


def _kader(codes: set[str]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of the shapes of `codes`."""
    punten = [
        p
        for f in grenzen()["features"]
        if f["properties"]["statcode"] in codes
        for p in _punten(f["geometry"])
    ]
    lon = [p[0] for p in punten]
    lat = [p[1] for p in punten]
    return min(lon), min(lat), max(lon), max(lat)


@lru_cache(maxsize=1)
def _kaders() -> dict[str, tuple[float, float, float, float]]:
    return {
        str(f["properties"]["statcode"]): _kader({f["properties"]["statcode"]})
        for f in grenzen()["features"]
    }


def _in_beeld(regio: set[str]) -> list[str]:
    """The statcodes of the gemeenten that can show around the region: every shape touching the
    region's frame widened by its own width and height on each side (three times the frame;
    the view `_beeld` sets is smaller). The rest of the country is out of view at that zoom:
    not sending it spares the browser ~300 shapes to tessellate per visit (#14). Without a
    region, the whole country."""
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


def _grenzen_van(codes: list[str]) -> dict[str, Any]:
    """Only the boundaries of `codes` (statcodes): each layer sends the shapes it draws, so the
    browser gets and tessellates every gemeente once instead of once per layer (#14)."""
    gevraagd = set(codes)
    return {
        "type": "FeatureCollection",
        "features": [
            f for f in grenzen()["features"] if str(f["properties"]["statcode"]) in gevraagd
        ],
    }


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
    rest = [c for c in _in_beeld(regio_ids) if c not in regio_ids]
    fig = go.Figure()
    fig.add_trace(
        go.Choroplethmap(
            geojson=_grenzen_van(rest),
            featureidkey=FEATUREIDKEY,
            locations=rest,
            z=[0] * len(rest),
            colorscale=[[0, GRIJS], [1, GRIJS]],
            showscale=False,
            marker={"line": {"width": 0.4, "color": "#ffffff"}},
            hoverinfo="skip",
            name="buiten de regio",
        )
    )
    met_waarde = df.filter(pl.col(kolom).is_not_null())
    zonder = df.filter(pl.col(kolom).is_null())
    if zonder.height:
        zonder_codes = [statcode(c) for c in zonder["gemeentecode"].to_list()]
        fig.add_trace(
            go.Choroplethmap(
                geojson=_grenzen_van(zonder_codes),
                featureidkey=FEATUREIDKEY,
                locations=zonder_codes,
                z=[0] * zonder.height,
                colorscale=[[0, LICHT], [1, LICHT]],
                showscale=False,
                marker={"line": {"width": 1.5, "color": RAND}},
                text=[plotly_tekst(n) for n in zonder["naam"].to_list()],
                hovertemplate="%{text}: geen waarde (afgeschermd of onbekend)<extra></extra>",
                name="geen waarde",
            )
        )
    if met_waarde.height:
        waarden = [float(v) for v in met_waarde[kolom].to_list()]
        if soort == "procent":
            waarden = [v * 100 for v in waarden]
            opmaak, achtervoegsel, voorvoegsel = ":,.1f", "%", ""
        elif soort == "euro":
            opmaak, achtervoegsel, voorvoegsel = ":,.0f", "", "€ "
        else:
            opmaak, achtervoegsel, voorvoegsel = ":,.1f", "", ""
        # Growth diverges around 0; the other measures run from low to high.
        schaal: Any = "RdBu_r" if soort == "procent" else "Blues"
        grens = max((abs(v) for v in waarden), default=1.0) or 1.0
        met_codes = [statcode(c) for c in met_waarde["gemeentecode"].to_list()]
        fig.add_trace(
            go.Choroplethmap(
                geojson=_grenzen_van(met_codes),
                featureidkey=FEATUREIDKEY,
                locations=met_codes,
                z=waarden,
                colorscale=schaal,
                zmin=-grens if soort == "procent" else None,
                zmax=grens if soort == "procent" else None,
                marker={"line": {"width": 1.5, "color": RAND}, "opacity": 0.9},
                colorbar={
                    "title": {"text": plotly_tekst(label)},
                    "ticksuffix": achtervoegsel,
                    "tickprefix": voorvoegsel,
                },
                text=[plotly_tekst(n) for n in met_waarde["naam"].to_list()],
                hovertemplate="%{text}: "
                + voorvoegsel
                + "%{z"
                + opmaak
                + "}"
                + achtervoegsel
                + "<extra></extra>",
                name=plotly_tekst(label),
            )
        )
    centrum, zoom = _beeld(regio_ids)
    fig.update_layout(
        map={"style": "white-bg", "center": centrum, "zoom": zoom},
        separators=",.",
        height=hoogte,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        font={"family": "Source Sans Pro, Arial, sans-serif"},
    )
    return fig
