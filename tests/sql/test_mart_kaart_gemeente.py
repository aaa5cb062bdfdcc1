"""mart_kaart_gemeente and the role views `kaart`: given these gemeenten and declarations,
expect these figures per gemeente × jaar × perceel (perceel leeg = alle percelen)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import bouw, declaratie, toewijzing

VIJANDIG = "<b>Gemeente</b> [klik](http://x.nl) =1+1"
GEMEENTEN = [
    {"gemeentecode": "0321", "naam": VIJANDIG, "regio": "Testregio", "inwoners": "2000"},
    # No inwoners delivered: no clients per 1.000 inwoners, the other measures stay.
    {"gemeentecode": "0307", "naam": "Amersfoort", "regio": "Testregio", "inwoners": ""},
]
TARIEVEN = [
    {"productcode": "02A16", "geldig_vanaf": "2020-01-01", "geldig_tot": "", "tarief": "70.00"}
]


def _zorg(gemeente: str, clienten: dict[int, int]) -> tuple[list[Any], list[Any]]:
    """Per year the given number of clients in `gemeente`, each 10 hours (€ 700) in March."""
    toewijzingen, declaraties = [], []
    for jaar, aantal in clienten.items():
        for i in range(aantal):
            client = f"{gemeente}-{i}"
            nummer = f"T{gemeente}{jaar}{i}"
            toewijzingen.append(
                toewijzing(
                    nummer,
                    client,
                    gemeentecode=gemeente,
                    ingangsdatum=f"{jaar}-01-01",
                    einddatum=f"{jaar}-12-31",
                )
            )
            declaraties.append(
                declaratie(f"D{nummer}", client, nummer, jaar=jaar, uren=10, gemeentecode=gemeente)
            )
    return toewijzingen, declaraties


def test_kaart_per_gemeente_jaar_en_perceel(tmp_path: Path) -> None:
    t1, d1 = _zorg("0321", {2023: 2, 2024: 3})
    t2, d2 = _zorg("0307", {2024: 6})
    con = bouw(
        tmp_path,
        gemeenten=GEMEENTEN,
        tarieven=TARIEVEN,
        toewijzingen=t1 + t2,
        declaraties=d1 + d2,
    )
    rijen = {
        (r[0], r[1], r[2]): r[3:]
        for r in con.execute(
            "select gemeentecode, jaar, perceel, naam, inwoners, aantal_clienten, "
            "gedeclareerd_eur, clienten_per_1000_inwoners, eur_per_client, groei_clienten, "
            "groei_gedeclareerd from marts.mart_kaart_gemeente"
        ).fetchall()
    }
    # One row per gemeente × year × perceel, plus 'alle percelen' (None).
    assert set(rijen) == {
        ("0321", 2023, "Begeleiding"),
        ("0321", 2023, None),
        ("0321", 2024, "Begeleiding"),
        ("0321", 2024, None),
        ("0307", 2024, "Begeleiding"),
        ("0307", 2024, None),
    }
    naam, inwoners, clienten, eur, per_1000, per_client, groei_c, groei_e = rijen[
        ("0321", 2024, None)
    ]
    assert naam == VIJANDIG  # stored as data; the page shows it as text only
    assert (inwoners, clienten, eur) == (2000, 3, Decimal("2100.00"))
    assert per_1000 == Decimal("1.50")
    assert per_client == Decimal("700.00")
    assert groei_c == 0.5 and groei_e == 0.5
    # No year before: no growth. No inwoners: no clients per 1.000, still euros per client.
    assert rijen[("0321", 2023, None)][6:] == (None, None)
    amersfoort = rijen[("0307", 2024, None)]
    assert amersfoort[1] is None and amersfoort[4] is None
    assert amersfoort[5] == Decimal("700.00")

    # Contractmanagement and control: 0321 has 2 and 3 clients, a small cell every year;
    # 0307 (6) is then the only other cell with a total above it: also shielded (—).
    for rol in ("rol_contractmanagement", "rol_control"):
        cm = {
            (r[0], r[1], r[2]): r[3:]
            for r in con.execute(
                "select gemeentecode, jaar, perceel, aantal_clienten, gedeclareerd_eur, "
                "clienten_per_1000_inwoners, eur_per_client, groei_clienten, groei_gedeclareerd, "
                f"is_afgeschermd, clienten_weergave from {rol}.kaart"
            ).fetchall()
        }
        assert cm[("0321", 2024, None)] == (None, None, None, None, None, None, True, "<5")
        assert cm[("0307", 2024, None)][-2:] == (True, "—")
        assert all(v[0] is None for v in cm.values()), cm
    # Toezicht: exact.
    assert con.execute(
        "select aantal_clienten, is_afgeschermd from rol_toezicht.kaart "
        "where gemeentecode = '0321' and jaar = 2024 and perceel is null"
    ).fetchall() == [(3, False)]
