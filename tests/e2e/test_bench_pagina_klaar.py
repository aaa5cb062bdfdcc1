"""The bench's "page is drawn" condition (bench/dashboard_last.py, _KLAAR_JS) in a real browser:
a page still showing a skeleton where a chart or table will come, or a plotly chart without its
SVG, is not drawn yet; the same page with them in place is. Static HTML with Streamlit's test
ids, so the condition is checked without a server."""

from __future__ import annotations

import pytest

from bench.dashboard_last import _KLAAR_JS

pytestmark = pytest.mark.e2e

PAGINA = """<div data-testid="stApp" data-test-script-state="notRunning">
  <div data-testid="stMain"><div data-testid="stMainBlockContainer">
    <h1>Overzicht</h1>{inhoud}
  </div></div>
</div>"""


@pytest.mark.parametrize(
    ("inhoud", "klaar"),
    [
        ('<div data-testid="stSkeleton"></div>', False),
        ('<div data-testid="stPlotlyChart"><div></div></div>', False),
        ('<div data-testid="stPlotlyChart"><svg class="main-svg"></svg></div>', True),
        ("", True),
    ],
)
def test_skelet_of_lege_grafiek_is_nog_niet_klaar(pagina, inhoud: str, klaar: bool) -> None:  # type: ignore[no-untyped-def]
    pagina.set_content(PAGINA.format(inhoud=inhoud))
    assert pagina.evaluate(f"({_KLAAR_JS})('Overzicht')") is klaar
    # Another page's title is never this page.
    assert pagina.evaluate(f"({_KLAAR_JS})('Kaart')") is False
