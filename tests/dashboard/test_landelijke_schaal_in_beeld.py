"""What the browser gets at national scale (#14, measured at 40M lines): the peer chart of the
Signaal page (charts.peer_verdeling) draws a dot per other provider while that stays readable,
and with thousands of providers the box holds every value and only the flagged ones are dots
(each dot is an element the browser draws); a table sends at most a thousand rows and says so."""

from __future__ import annotations

import polars as pl

from dashboard import charts


def _peers(aantal: int, gemarkeerd_elke: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "aanbieder_agb": [f"{i:08d}" for i in range(aantal)],
            "naam": [f"Aanbieder {i}" for i in range(aantal)],
            "jaar": [2025] * aantal,
            "waarde": [float(i) for i in range(aantal)],
            "gemarkeerd": [i % gemarkeerd_elke == 0 for i in range(aantal)],
        }
    )


def _sporen(figuur: object) -> dict[str, object]:
    return {spoor.name: spoor for spoor in figuur.data}  # type: ignore[attr-defined]


def test_weinig_peers_elk_een_stip() -> None:
    sporen = _sporen(charts.peer_verdeling(_peers(40, 10), 55.0, 20.0))
    assert len(sporen["andere aanbieders"].x) == 40
    assert len(sporen["peers"].x) == 41  # the box: every other value and this provider's


def test_duizenden_peers_alleen_de_gemarkeerde_als_stip() -> None:
    peers = _peers(5000, 4)  # 1.250 flagged
    sporen = _sporen(charts.peer_verdeling(peers, 4999.5, 2500.0))
    stippen = sporen["andere aanbieders"].x
    assert len(stippen) == charts.MAX_STIPPEN
    # The flagged ones with the highest values, and only flagged ones.
    assert max(stippen) == 4996.0 and min(stippen) == 4996.0 - 4 * (charts.MAX_STIPPEN - 1)
    assert all(int(x) % 4 == 0 for x in stippen)
    assert len(sporen["peers"].x) == 5001  # the spread still of all of them
    assert list(sporen["deze aanbieder"].x) == [4999.5]


def test_tabel_stuurt_hoogstens_duizend_rijen_met_uitleg() -> None:
    """A table of thousands of rows (a national ranking) sends its first rows and says so."""
    from streamlit.testing.v1 import AppTest

    def pagina() -> None:
        import polars as pl

        from dashboard import formatting as fmt

        fmt.tabel(pl.DataFrame({"naam": [f"A{i}" for i in range(2500)]}), key="groot")
        fmt.tabel(pl.DataFrame({"naam": ["klein"]}), key="klein")

    at = AppTest.from_function(pagina).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 1000 and len(at.dataframe[1].value) == 1
    [uitleg] = at.caption
    assert uitleg.value.startswith("De eerste 1.000 van 2.500 rijen")
