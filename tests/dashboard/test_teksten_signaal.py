"""Texts on the signal page read like a professional wrote them (#10 item 6).

Every indicator of the demo region is opened once: its tiles carry a unit (a z-score says so,
an aandeel is a percentage), its definition and thresholds show values from the last run
instead of variable names, and no number is written with a hyphen for a minus sign.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.drempels_schema import SCHEMA, met_waarden
from pipelines.sql_runner import lees_drempels
from tests.conftest import rijen_uit
from tests.dashboard.conftest import alle_tekst

# What a tile shows per unit the indicator declares; "–" when there is no value.
_TEGEL_PER_EENHEID = {
    "aandeel": r"−?[0-9.]+,\d%",
    "per_100_clienten": r"[0-9.]+,\d per 100 cliënten",
    "z": r"z = −?[0-9.]+,\d",
    "euro": r"−?€ [0-9.]+",
    "aantal": r"−?[0-9.]+",
    "getal": r"−?[0-9.]+(,\d+)?",
}


def test_drempelnamen_worden_waarden_met_eenheid() -> None:
    drempels = lees_drempels()
    tekst = met_waarden(
        "minstens materieel_min_eur én materieel_min_aandeel, z boven z_drempel, "
        "min_clienten cliënten; materieel_min_eur_x blijft staan",
        drempels,
    )
    assert tekst == (
        "minstens € 1.000 én 1,0%, z boven z 3,3, 10 cliënten; materieel_min_eur_x blijft staan"
    )
    assert met_waarden(None, drempels) is None


def test_elk_signaal_toont_eenheden_en_drempelwaarden(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    per_indicator = rijen_uit(
        demo_db,
        "select s.indicator, min(s.signaal_id), any_value(i.eenheid), "
        "any_value(i.eenheid_afwijking) from marts.mart_signalen as s "
        "join marts.indicator_register as i using (indicator) group by s.indicator "
        "order by s.indicator",
    )
    assert len(per_indicator) >= 10, "de demoregio hoort de meeste indicatoren te raken"
    for indicator, signaal_id, eenheid, eenheid_afwijking in per_indicator:
        at = maak_app("toezicht", signaal=signaal_id)
        at.run()
        at.switch_page("app_pages/signaal_bewijs.py").run()
        assert not at.exception, (indicator, [e.value for e in at.exception])
        tegels = {m.label: m.value for m in at.metric}
        for label, soort in (
            ("Waarde", eenheid),
            ("Bij de peers", eenheid),
            ("Afwijking", eenheid_afwijking),
        ):
            patroon = _TEGEL_PER_EENHEID[soort]
            assert re.fullmatch(f"{patroon}|–", tegels[label]), (indicator, label, tegels[label])
        tekst = alle_tekst(at)
        genoemd = [naam for naam in SCHEMA if re.search(rf"\b{naam}\b", tekst)]
        assert not genoemd, (indicator, genoemd)
        assert not re.search(r"€ -|(?<![\w-])-\d", tekst), indicator
