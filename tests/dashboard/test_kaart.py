"""Kaart: the map renders per role, colours no small cell for contractmanagement and control,
shows data names only as text, and its boundaries cover every gemeente of the reference list."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import kaart, roles
from pipelines.settings import bundel_map
from tests.conftest import rijen_uit
from tests.dashboard.conftest import alle_tekst

PAGINA = "app_pages/kaart.py"
ROLLEN_MET_KAART = [r for r in roles.ROLLEN if "kaart" in roles.PAGINAS_PER_ROL[r]]


def _kleine_cel(db: Path) -> tuple[int, str, str]:
    """A year × gemeente × perceel with 1–4 clients (toezicht's exact figures)."""
    rijen = rijen_uit(
        db,
        "select jaar, gemeentecode, perceel from rol_toezicht.kaart "
        "where perceel is not null and aantal_clienten between 1 and 4 "
        "order by aantal_clienten, gemeentecode, perceel, jaar limit 1",
    )
    assert rijen, "de demoregio heeft geen gemeente × perceel met 1–4 cliënten in een jaar"
    jaar, gemeente, perceel = rijen[0]
    return int(jaar), str(gemeente), str(perceel)


def _figuur(at: AppTest) -> dict[str, Any]:
    grafieken = at.get("plotly_chart")
    assert len(grafieken) == 1, "geen (of meer dan één) kaart op de pagina"
    figuur: dict[str, Any] = json.loads(grafieken[0].proto.spec)
    return figuur


def _gekleurd(figuur: dict[str, Any]) -> set[str]:
    """The statcodes of the coloured layer (a trace per gemeente with its statcode in `meta`, or
    per colour class with a list of statcodes)."""
    codes: set[str] = set()
    for trace in figuur["data"]:
        if trace.get("legendgroup") == kaart.MET_WAARDE:
            meta = trace["meta"]
            codes |= set(meta) if isinstance(meta, list) else {meta}
    return codes


def test_rollen_met_kaart() -> None:
    assert ROLLEN_MET_KAART == [roles.TOEZICHT, roles.CONTRACTMANAGEMENT, roles.CONTROL]


@pytest.mark.parametrize("rol", ROLLEN_MET_KAART)
def test_kaart_rendert_zonder_internet_en_zonder_webgl(
    maak_app: Callable[..., AppTest], rol: str
) -> None:
    at = maak_app(rol)
    at.run()
    at.switch_page(PAGINA).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Kaart"
    figuur = _figuur(at)
    # Polygons on plain axes, drawn in SVG: no map subplot (MapLibre needs WebGL, geo fetches
    # a topojson from the internet).
    assert {t["type"] for t in figuur["data"]} == {"scatter"}
    assert not {"map", "mapbox", "geo"} & figuur["layout"].keys()
    assert all(t.get("fill") == "toself" for t in figuur["data"] if t.get("mode") == "lines")
    assert _gekleurd(figuur), "geen enkele gemeente gekleurd"
    maten = at.segmented_control(key="kaart_maat").options
    assert ("Onrechtmatig geld (hard, gemarkeerde signalen)" in maten) == (rol != roles.CONTROL)
    assert "Bron kaart: CBS / PDOK" in alle_tekst(at)


@pytest.mark.parametrize("maat", ["Euro's per cliënt", "Cliënten per 1.000 inwoners"])
@pytest.mark.parametrize("rol", [roles.CONTRACTMANAGEMENT, roles.CONTROL])
def test_kleine_cel_niet_gekleurd(
    demo_db: Path, maak_app: Callable[..., AppTest], rol: str, maat: str
) -> None:
    jaar, gemeente, perceel = _kleine_cel(demo_db)
    at = maak_app(rol, jaar=str(jaar), perceel=perceel)
    at.run()
    at.switch_page(PAGINA).run()
    at.segmented_control(key="kaart_maat").set_value(maat).run()
    assert not at.exception, [e.value for e in at.exception]
    gekleurd = _gekleurd(_figuur(at))
    assert gekleurd, "de selectie kleurt niets: de test zou niets bewijzen"
    assert kaart.statcode(gemeente) not in gekleurd
    assert "<5" in at.dataframe[0].value["Cliënten"].to_list()
    # Toezicht, same selection: that gemeente coloured with its exact figure.
    exact = maak_app(roles.TOEZICHT, jaar=str(jaar), perceel=perceel)
    exact.run()
    exact.switch_page(PAGINA).run()
    exact.segmented_control(key="kaart_maat").set_value("Euro's per cliënt").run()
    assert kaart.statcode(gemeente) in _gekleurd(_figuur(exact))


def test_gemeentenamen_alleen_als_tekst() -> None:
    vijandig = '<a href="http://x.nl">Stad</a> %{z} [klik](http://x.nl)'
    df = pl.DataFrame(
        {
            "gemeentecode": ["0307", "0342"],
            "naam": [vijandig, "Soest"],
            "eur_per_client": [1200.0, None],
        }
    )
    figuur = kaart.kaart(df, "eur_per_client", "Euro's per cliënt", "euro", ["0307", "0342"])
    zonder, gekleurd = figuur.data[1], figuur.data[2]
    # Over a fill plotly shows only the trace name: the name as escaped text, with the value.
    assert gekleurd.name == (
        '&lt;a href="http://x.nl"&gt;Stad&lt;/a&gt; %{z} [klik](http://x.nl): € 1.200'
    )
    assert gekleurd.meta == "GM0307"
    assert gekleurd.hoverinfo == "name"
    assert zonder.meta == "GM0342"
    assert zonder.name == "Soest: geen waarde (afgeschermd of onbekend)"
    # Data never enters a hover template (plotly would evaluate %{…} there).
    for trace in figuur.data:
        assert trace.hovertemplate is None


def test_grenzen_hebben_elke_gemeente_van_de_referentielijst() -> None:
    with (bundel_map("referentie") / "gemeenten.csv").open(encoding="utf-8") as bestand:
        codes = {r["gemeentecode"] for r in csv.DictReader(bestand)}
    in_grenzen = kaart.codes_in_grenzen()
    assert len(codes) == 342
    assert codes - in_grenzen == set(), "gemeenten zonder vorm op de kaart"
    assert in_grenzen - codes == set(), "vormen zonder gemeente in de referentielijst"
    for feature in kaart.grenzen()["features"]:
        assert feature["properties"]["statcode"].startswith("GM")
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_elke_vorm_gaat_een_keer_naar_de_browser() -> None:
    """Each gemeente's boundary is drawn once (#14): the grey layer holds the gemeenten around
    the region but not the region itself, each gemeente of the region is one trace with exactly
    its own rings, and the colours follow the values (low light, high dark)."""
    df = pl.DataFrame(
        {
            "gemeentecode": ["0307", "0342", "0344"],
            "naam": ["Amersfoort", "Soest", "Utrecht"],
            "eur_per_client": [1200.0, None, 900.0],
        }
    )
    figuur = kaart.kaart(
        df, "eur_per_client", "Euro's per cliënt", "euro", ["0307", "0342", "0344"]
    )
    grijs, *regio, schaal = figuur.data
    assert grijs.legendgroup == kaart.BUITEN and schaal.marker.showscale is True
    assert not {"GM0307", "GM0342", "GM0344"} & set(grijs.meta)
    assert [(t.legendgroup, t.meta) for t in regio] == [
        (kaart.GEEN_WAARDE, "GM0342"),
        (kaart.MET_WAARDE, "GM0307"),
        (kaart.MET_WAARDE, "GM0344"),
    ]
    # Each ring closed by a gap: as many gaps as the boundary file has outer rings.
    vorm = next(
        f["geometry"]
        for f in kaart.grenzen()["features"]
        if f["properties"]["statcode"] == "GM0307"
    )
    ringen = 1 if vorm["type"] == "Polygon" else len(vorm["coordinates"])
    assert regio[1].x.count(None) == ringen
    assert len(regio[1].x) == sum(
        len(p[0]) + 1
        for p in ([vorm["coordinates"]] if vorm["type"] == "Polygon" else vorm["coordinates"])
    )

    # Amersfoort (€ 1.200) is darker than Utrecht (€ 900) on the Blues scale.
    def helderheid(kleur: str) -> int:
        return sum(int(d) for d in kleur.removeprefix("rgb(").removesuffix(")").split(","))

    assert helderheid(regio[1].fillcolor) < helderheid(regio[2].fillcolor)


def test_alleen_de_gemeenten_rond_de_regio_gaan_naar_de_browser() -> None:
    """The grey layer holds the gemeenten around the region, not the whole country (#14): a
    neighbour of Amersfoort is drawn, Groningen (out of view at the region's zoom) is not."""
    df = pl.DataFrame(
        {"gemeentecode": ["0307"], "naam": ["Amersfoort"], "eur_per_client": [1200.0]}
    )
    figuur = kaart.kaart(df, "eur_per_client", "Euro's per cliënt", "euro", ["0307"])
    grijs = set(figuur.data[0].meta)
    assert "GM0355" in grijs  # Zeist, next to Amersfoort
    assert "GM0014" not in grijs  # Groningen
    assert "GM0307" not in grijs  # the region itself is coloured, not grey
    assert len(grijs) < 100
    # Without a region the whole country is drawn.
    leeg = kaart.kaart(df.clear(), "eur_per_client", "Euro's per cliënt", "euro", [])
    assert len(leeg.data[0].meta) == len(kaart.grenzen()["features"])


def test_grote_regio_in_kleurklassen_met_namen_in_het_midden() -> None:
    """More than MAX_GEMEENTEN_PER_VLAK gemeenten (several regions, the whole country): one trace
    per colour class instead of one per gemeente (#14), every gemeente in exactly one of them, and
    name and value of each on an invisible marker, as escaped text."""
    codes = sorted(kaart.codes_in_grenzen())[: kaart.MAX_GEMEENTEN_PER_VLAK + 20]
    waarden = [float(i) if i % 10 else None for i in range(len(codes))]
    namen = [f"<b>Gemeente {i}</b>" for i in range(len(codes))]
    df = pl.DataFrame({"gemeentecode": codes, "naam": namen, "eur_per_client": waarden})
    figuur = kaart.kaart(df, "eur_per_client", "Euro's per cliënt", "euro", codes)

    klassen = [t for t in figuur.data if t.legendgroup == kaart.MET_WAARDE]
    assert 2 <= len(klassen) <= kaart.KLEURKLASSEN
    gekleurd = [c for t in klassen for c in t.meta]
    met_waarde = [kaart.statcode(c) for c, w in zip(codes, waarden, strict=True) if w is not None]
    assert sorted(gekleurd) == sorted(met_waarde)
    [zonder] = [t for t in figuur.data if t.legendgroup == kaart.GEEN_WAARDE]
    assert sorted(zonder.meta) == sorted(
        kaart.statcode(c) for c, w in zip(codes, waarden, strict=True) if w is None
    )
    # Areas carry no hover of their own; the names do, one per gemeente of the region.
    assert all(t.hoverinfo == "skip" for t in [*klassen, zonder])
    [namen_laag] = [t for t in figuur.data if t.legendgroup == kaart.NAMEN]
    assert sorted(namen_laag.meta) == sorted(kaart.statcode(c) for c in codes)
    teksten = dict(zip(namen_laag.meta, namen_laag.text, strict=True))
    assert teksten[kaart.statcode(codes[1])] == "&lt;b&gt;Gemeente 1&lt;/b&gt;: € 1"
    assert teksten[kaart.statcode(codes[0])].endswith(": geen waarde (afgeschermd of onbekend)")
    assert namen_laag.hovertemplate is None
    assert len(figuur.data) <= kaart.KLEURKLASSEN + 4


def test_onbekende_gemeentecode_tekent_het_land() -> None:
    """A region whose codes have no shape (a gemeente after a herindeling newer than the boundary
    file) still draws: the whole country grey, framed on the country, no error."""
    df = pl.DataFrame({"gemeentecode": ["9999"], "naam": ["Nieuw"], "eur_per_client": [10.0]})
    figuur = kaart.kaart(df, "eur_per_client", "Euro's per cliënt", "euro", ["9999"])
    assert len(figuur.data[0].meta) == len(kaart.grenzen()["features"])
    assert figuur.layout.xaxis.range[0] < 3.5 and figuur.layout.xaxis.range[1] > 7.0
