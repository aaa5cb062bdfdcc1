"""#10: with a gemeente chosen, the hard money is that gemeente's own lines, so the tile never
exceeds what the gemeente declared (a regional signal once read "105,9% van gedeclareerd")."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import rijen_uit


def _procent(tekst: str) -> float:
    gevonden = re.match(r"([0-9.]+,\d)%", tekst)
    assert gevonden, tekst
    return float(gevonden.group(1).replace(".", "").replace(",", "."))


def test_onrechtmatig_per_gemeente_nooit_boven_gedeclareerd(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    gemeenten = rijen_uit(
        demo_db,
        "select distinct gemeentecode from marts.mart_onrechtmatig_per_gemeente order by 1",
    )
    assert gemeenten, "de demoregio hoort onrechtmatig geld per gemeente te hebben"
    regio = maak_app("toezicht")
    regio.run()
    totaal_regio = next(m for m in regio.metric if m.label == "Onrechtmatig").proto.delta
    for (gemeente,) in gemeenten:
        at = maak_app("toezicht", gemeente=gemeente)
        at.run()
        assert not at.exception
        tegel = next(m for m in at.metric if m.label == "Onrechtmatig")
        assert _procent(tegel.proto.delta) <= 100.0, (gemeente, tegel.proto.delta)
    assert _procent(totaal_regio) <= 100.0
    # A perceel alone, and a perceel within a gemeente: only the lines there count too.
    percelen = rijen_uit(
        demo_db, "select distinct perceel from marts.mart_onrechtmatig_per_gemeente order by 1"
    )
    for (perceel,) in percelen:
        for filters in ({"perceel": perceel}, {"perceel": perceel, "gemeente": gemeenten[0][0]}):
            at = maak_app("toezicht", **filters)
            at.run()
            assert not at.exception
            tegel = next(m for m in at.metric if m.label == "Onrechtmatig")
            # Every selection here has declarations, so the tile has its percentage.
            assert _procent(tegel.proto.delta) <= 100.0, (filters, tegel.proto.delta)


def test_gemeenten_samen_geven_het_bedrag_van_de_regio(demo_db: Path) -> None:
    [(verschil,)] = rijen_uit(
        demo_db,
        """
        select count(*) from marts.mart_aanbieder_risico as r
        left join (
            select aanbieder_agb, jaar, sum(onrechtmatig_eur) as som
            from marts.mart_onrechtmatig_per_gemeente group by all
        ) as g using (aanbieder_agb, jaar)
        where r.onrechtmatig_eur <> coalesce(g.som, 0)
        """,
    )
    assert verschil == 0


def test_vorderingsoverzicht_alleen_voor_toezicht_met_gemeente(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    [(gemeente, jaar)] = rijen_uit(
        demo_db,
        "select gemeentecode, jaar from marts.mart_onrechtmatig_per_gemeente "
        "group by all order by sum(onrechtmatig_eur) desc limit 1",
    )
    toezicht = maak_app("toezicht", gemeente=gemeente, jaar=str(jaar))
    toezicht.run()
    assert not toezicht.exception
    knoppen = [k.label for k in toezicht.get("download_button")]
    assert any(k.startswith(f"Vorderingsoverzicht gemeente {gemeente}") for k in knoppen), knoppen
    # Without a gemeente, and for contractmanagement, there is none.
    zonder = maak_app("toezicht", jaar=str(jaar))
    zonder.run()
    assert not [k for k in zonder.get("download_button") if "Vordering" in k.label]
    cm = maak_app("contractmanagement", gemeente=gemeente, jaar=str(jaar))
    cm.run()
    assert not cm.exception
    assert not [k for k in cm.get("download_button") if "Vordering" in k.label]


def test_regionaal_signaal_per_gemeente_uitgesplitst(
    maak_app: Callable[..., AppTest], demo_db: Path
) -> None:
    """A regional signal (no gemeentecode) is split by the gemeenten of its lines: their hard
    money adds up to the signal's, and toezicht sees the split on the signal page."""
    [(signaal_id, onrechtmatig, som, gemeenten)] = rijen_uit(
        demo_db,
        """
        select s.signaal_id, s.onrechtmatig_eur, sum(g.onrechtmatig_eur), count(*)
        from marts.mart_signalen as s
        join marts.mart_signaal_per_gemeente as g using (signaal_id)
        where s.gemarkeerd and s.soort_belang = 'onrechtmatig' and s.gemeentecode is null
        group by all order by count(*) desc, s.signaal_id limit 1
        """,
    )
    assert gemeenten > 1, "het signaal hoort meer dan één gemeente te raken"
    assert som == onrechtmatig
    at = maak_app("toezicht", signaal=signaal_id)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert not at.exception
    tabel = next(d.value for d in at.dataframe if "gemeentecode" in d.value.columns)
    assert len(tabel) == gemeenten


def test_grafiek_per_categorie_toont_twee_soorten_geld_apart(
    maak_app: Callable[..., AppTest],
) -> None:
    at = maak_app("toezicht")
    at.run()
    assert not at.exception
    figuren = [json.loads(f.proto.spec) for f in at.get("plotly_chart")]
    per_categorie = [
        f for f in figuren if {t.get("name") for t in f["data"]} >= {"onrechtmatig (hard)"}
    ]
    assert per_categorie, "de grafiek per categorie ontbreekt"
    namen = [t["name"] for t in per_categorie[0]["data"]]
    assert namen == ["onrechtmatig (hard)", "geschat belang (schatting)"]
