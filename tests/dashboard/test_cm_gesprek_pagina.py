"""The CM-gesprek block on the Aanbieder page (#13): the agenda of a period, with a period choice
and the PDF and Excel downloads, for contractmanagement with small cells shielded."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from dashboard import roles
from tests.dashboard.conftest import alle_tekst


def test_cm_gesprek_agenda_met_periodekeuze(maak_app: Callable[..., AppTest]) -> None:
    at = maak_app(roles.CONTRACTMANAGEMENT)
    at.run()
    at.switch_page(f"app_pages/{roles.PAGINAS['aanbieder'].bestand}").run()
    assert not at.exception
    keuze = at.segmented_control(key="aanbieder_cm_periode")
    assert keuze.value.startswith("Tweede halfjaar")
    tekst = alle_tekst(at)
    assert "Managementinformatie van de aanbieder" in tekst
    agenda = next(d.value for d in at.dataframe if "kerncijfer" in d.value.columns)
    assert "Dagen van toewijzing tot start (mediaan)" in set(agenda["kerncijfer"])
    assert "Klachten per 100 cliënten" in set(agenda["kerncijfer"])
    # No client count of 1–4 on the page: small counts read "<5".
    assert not set(agenda["aanbieder"]) & {"1", "2", "3", "4"}
    knoppen = {k.label for k in at.get("download_button")}
    assert {"Rapport (PDF)", "Excel-werkmap"} <= knoppen
    heel_jaar = next(o for o in keuze.options if o.startswith("Heel"))
    keuze.set_value(heel_jaar).run()
    assert not at.exception
    assert at.segmented_control(key="aanbieder_cm_periode").value == heel_jaar
