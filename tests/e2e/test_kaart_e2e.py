"""Acceptance #13: the map renders in a real browser for every role that may see it.

One page per role: log in on the Kaart page, wait until plotly has drawn the figure (its
`.main-svg` and the filled SVG paths of the gemeenten) and check there is no error, no WebGL
canvas and no request left the machine for map tiles or topojson.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dashboard import roles
from tests.e2e.conftest import log_in, schermafdruk

pytestmark = pytest.mark.e2e

ROLLEN_MET_KAART = [r for r in roles.ROLLEN if "kaart" in roles.PAGINAS_PER_ROL[r]]


@pytest.mark.parametrize("rol", ROLLEN_MET_KAART)
def test_kaart_tekent_per_rol(
    dashboard_server: Callable[[str], str],
    pagina,
    rol: str,  # type: ignore[no-untyped-def]
) -> None:
    verzoeken: list[str] = []
    pagina.on("request", lambda verzoek: verzoeken.append(verzoek.url))
    basis = dashboard_server(rol)
    log_in(pagina, basis, rol, "kaart")
    kop = pagina.locator('[data-testid="stMainBlockContainer"] h1').first
    assert kop.inner_text().strip() == "Kaart"
    figuur = pagina.locator('[data-testid="stPlotlyChart"]').first
    figuur.locator(".main-svg").first.wait_for(state="attached", timeout=30_000)
    # The gemeenten as filled SVG paths; no WebGL canvas.
    figuur.locator(".scatterlayer path.js-fill").first.wait_for(state="attached", timeout=30_000)
    assert figuur.locator("canvas.maplibregl-canvas").count() == 0
    assert pagina.locator('[data-testid="stException"]').count() == 0
    assert pagina.locator('[data-testid="stAlertContentError"]').count() == 0
    schermafdruk(pagina, f"{rol}_kaart")
    buiten = [u for u in verzoeken if not u.startswith((basis, "blob:", "data:"))]
    assert not any("plot.ly" in u or "openmaptiles" in u or "carto" in u for u in buiten), buiten
