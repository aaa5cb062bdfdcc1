"""Spookzorg indicators SPK02–SPK05: given these toewijzingen/declaraties, expect these signals."""

from __future__ import annotations

import calendar
import math
from pathlib import Path
from typing import Any

import duckdb

from tests.sql.kleine_regio import (
    AGB_A,
    GEMEENTE,
    bouw,
    declaratie,
    signalen,
    toewijzing,
)


def _bewijs(con: duckdb.DuckDBPyConnection, signaal_id: str) -> list[dict[str, Any]]:
    resultaat = con.execute(
        "SELECT * FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ? "
        "ORDER BY bron, referentienummer",
        [signaal_id],
    )
    namen = [d[0] for d in resultaat.description]
    return [dict(zip(namen, rij, strict=True)) for rij in resultaat.fetchall()]


def test_spk02_buiten_toewijzing_en_na_stop_maar_niet_bij_open_einde(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("T1", "C1", einddatum="2024-03-15"),
            toewijzing("T2", "C2", einddatum=""),  # open end, but the care stopped
            toewijzing("T3", "C3", einddatum=""),  # open end, care continues
        ],
        zorgperiodes=[
            {
                "toewijzingnummer": "T2",
                "gemeentecode": GEMEENTE,
                "aanbieder_agb": AGB_A,
                "client_id": "C2",
                "begindatum": "2024-01-01",
                "einddatum": "2024-04-30",
            },
        ],
        declaraties=[
            declaratie("BUITEN", "C1", "T1"),  # 16 of the 31 March days after the end
            declaratie("NA_STOP", "C2", "T2", begindatum="2024-05-01", einddatum="2024-05-31"),
            declaratie("OPEN", "C3", "T3", begindatum="2025-12-01", einddatum="2025-12-31"),
        ],
    )
    [signaal] = signalen(con, "SPK02")  # nothing for 2025: an open end limits nothing
    assert signaal["jaar"] == 2024
    assert abs(float(signaal["financieel_belang"]) - (round(840 * 16 / 31, 2) + 840)) < 0.01
    assert signaal["gemarkeerd"] is True
    assert signaal["referentiewaarde"] is None
    assert "1 buiten de toewijzingsperiode" in signaal["toelichting"]
    assert "1 na de stop van de zorg" in signaal["toelichting"]

    bewijs = _bewijs(con, signaal["signaal_id"])
    assert {(r["bron"], r["referentienummer"]) for r in bewijs} == {
        ("declaratie", "BUITEN"),
        ("declaratie", "NA_STOP"),
        ("toewijzing", None),
        ("zorgperiode", None),
    }


def test_spk03_boven_volume_per_week_en_per_maand(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("WEEK", "C1"),  # 3 uur per week
            toewijzing("MAAND", "C2", volume="12", frequentie="4"),  # 12 uur per maand
        ],
        declaraties=[
            # February 2024 touches 5 calendar weeks: 15 hours allowed.
            declaratie("WEEK_OK", "C1", "WEEK", maand=2, uren=15),
            # March 2024 touches 5 calendar weeks (IV077/IV078): 15 allowed, 17 declared.
            declaratie("WEEK_TE_VEEL", "C1", "WEEK", geleverd_volume="17", ingediend_bedrag="1190"),
            declaratie("MAAND_OK", "C2", "MAAND", begindatum="2024-02-01", einddatum="2024-02-29"),
            declaratie(
                "MAAND_TE_VEEL", "C2", "MAAND", geleverd_volume="15", ingediend_bedrag="1050"
            ),
        ],
    )
    [signaal] = signalen(con, "SPK03")
    boven_week = (17 - 15 * 1.01) * 70
    boven_maand = (15 - 12 * 1.01) * 70
    assert abs(float(signaal["financieel_belang"]) - (boven_week + boven_maand)) < 0.02
    assert signaal["aantal_clienten"] == 2
    assert signaal["gemarkeerd"] is False  # € 330 is below materieel_min_eur
    regels = {r["referentienummer"] for r in _bewijs(con, signaal["signaal_id"])}
    assert regels == {"WEEK_TE_VEEL", "MAAND_TE_VEEL", None}  # None: the two toewijzingen


def test_spk04_dubbel_maar_credit_met_herdeclaratie_niet(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1"), toewijzing("T2", "C2"), toewijzing("T3", "C3")],
        declaraties=[
            # Credit and rebill: the credit cancels R1, R3 is the only standing line.
            declaratie("R1", "C1", "T1"),
            declaratie("R2", "C1", "T1", debet_credit="C", vorig_referentienummer="R1"),
            declaratie("R3", "C1", "T1", geleverd_volume="11", ingediend_bedrag="770.00"),
            # The same month again with a new referentienummer and no credit.
            declaratie("R4", "C2", "T2", declaratiedatum="2024-04-05"),
            declaratie("R5", "C2", "T2", declaratiedatum="2024-05-05"),
            # The same referentienummer twice (8021).
            declaratie("R6", "C3", "T3", declaratienummer="F1", declaratiedatum="2024-04-05"),
            declaratie("R6", "C3", "T3", declaratienummer="F2", declaratiedatum="2024-05-05"),
        ],
    )
    [signaal] = signalen(con, "SPK04")
    assert signaal["financieel_belang"] == 1680.0
    assert signaal["aantal_clienten"] == 2  # not C1
    assert signaal["gemarkeerd"] is True
    assert "1 met een al ingediend referentienummer (8021)" in signaal["toelichting"]

    # Each duplicate comes with the first declaration it repeats (not unlawful itself).
    bewijs = _bewijs(con, signaal["signaal_id"])
    assert sorted((r["referentienummer"], r["onrechtmatig_eur"]) for r in bewijs) == [
        ("R4", 0.0),
        ("R5", 840.0),
        ("R6", 0.0),
        ("R6", 840.0),
    ]


def _maanden_2024(
    agb: str, client: str, nummer: str, aandelen: list[float], *, per_maand: float | None = None
) -> list[dict[str, Any]]:
    """Twelve monthly declarations at the given share of the allowed volume.

    Weekly allocation of 3 hours unless `per_maand` is given (a monthly allocation). A share of
    exactly 1 declares the cap rounded down to two decimals, as a copy-paste declarer would.
    """
    regels = []
    for maand, aandeel in enumerate(aandelen, start=1):
        cap = per_maand if per_maand is not None else 3 * calendar.monthrange(2024, maand)[1] / 7
        uren = int(cap * aandeel * 100) / 100
        regels.append(
            declaratie(
                f"{nummer}-{maand:02d}", client, nummer, maand=maand, uren=uren, aanbieder_agb=agb
            )
        )
    return regels


def _hele_uren_op_maximum(
    agb: str, client: str, nummer: str, afronden: Any, *, in_minuten: bool = False
) -> list[dict]:
    """Twelve months at the full weekly allocation of 3 hours, declared in whole hours
    (`afronden` is math.floor or math.ceil of the fractional cap, 13,29 hours in March), as
    hours or as minutes (780 minuten: whole hours in a finer unit)."""
    regels = []
    for maand in range(1, 13):
        cap = 3 * calendar.monthrange(2024, maand)[1] / 7
        uren = float(afronden(cap))
        velden = (
            {"geleverd_volume": f"{uren * 60:.0f}", "eenheid": "01", "producttarief": "1.17"}
            if in_minuten
            else {}
        )
        if in_minuten:
            velden["ingediend_bedrag"] = f"{uren * 60 * 1.17:.2f}"
        regels.append(
            declaratie(
                f"{nummer}-{maand:02d}",
                client,
                nummer,
                maand=maand,
                uren=uren,
                aanbieder_agb=agb,
                **velden,
            )
        )
    return regels


def test_spk05_piek_op_het_maximum_tegen_peers(tmp_path: Path) -> None:
    toewijzingen: list[dict[str, Any]] = []
    declaraties: list[dict[str, Any]] = []

    def aanbieder(agb: str, clienten: int, aandelen: Any) -> None:
        for c in range(clienten):
            nummer, client = f"{agb}-{c}", f"{agb}-C{c}"
            # Open-ended allocations: the cap per period still applies.
            toewijzingen.append(toewijzing(nummer, client, aanbieder_agb=agb, einddatum=""))
            declaraties.extend(_maanden_2024(agb, client, nummer, aandelen(c)))

    # Twenty honest providers: 75–95% of the allocation, varying by client and month.
    for i in range(20):
        aanbieder(
            f"4200{i:04d}", 3, lambda c, i=i: [0.75 + 0.05 * ((i + c + m) % 5) for m in range(12)]
        )
    # Three of its seven clients at the full allocation every month, in whole hours (13 or 14 of
    # a cap of 13,29, also as 780 minuten: never "exactly" on the cap); the others as usual.
    deels = "42009001"
    aanbieder(deels, 4, lambda c: [0.80 + 0.05 * ((c + m) % 3) for m in range(12)])
    for c, afronden, in_minuten in (
        (7, math.floor, True),
        (8, math.floor, False),
        (9, math.ceil, False),
    ):
        nummer, client = f"{deels}-{c}", f"{deels}-C{c}"
        toewijzingen.append(toewijzing(nummer, client, aanbieder_agb=deels, einddatum=""))
        declaraties.extend(
            _hele_uren_op_maximum(deels, client, nummer, afronden, in_minuten=in_minuten)
        )
    # Truly high delivery: 94–100%, often at the cap, but a continuum, not a peak.
    aanbieder("42009002", 3, lambda c: [0.94 + 0.02 * ((c + m) % 4) for m in range(12)])
    # Tiny provider: one client, three months, all at the cap.
    aanbieder("42009003", 1, lambda c: [1.0] * 3)

    con = bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties)
    per_aanbieder = {s["aanbieder_agb"]: s for s in signalen(con, "SPK05")}

    vol = per_aanbieder[deels]
    assert vol["gemarkeerd"] is True
    assert abs(vol["waarde"] - 36 / 84) < 1e-9
    assert vol["referentiewaarde"] < 0.05
    assert vol["perceel"] == "Begeleiding"
    # The estimate: what the 24 full months cost above peer realisation (about 85%), for the
    # part above the peer expectation; well below the euros of those months.
    op_maximum = sum(
        float(d["ingediend_bedrag"])
        for d in declaraties
        if d["client_id"] in (f"{deels}-C7", f"{deels}-C8", f"{deels}-C9")
    )
    assert 0.08 < float(vol["financieel_belang"]) / op_maximum < 0.20
    assert "42,9% van 84 cliëntmaanden" in vol["toelichting"]
    assert "3 van 7 cliënten" in vol["toelichting"]
    assert "een piek op het maximum" in vol["toelichting"]
    # Whole hours above the fractional cap (14 of 13,29) are not an excess (SPK03).
    assert not [s for s in signalen(con, "SPK03") if s["aanbieder_agb"] == deels]

    hoog = per_aanbieder["42009002"]
    assert hoog["gemarkeerd"] is False  # often at the cap, but its other months are high too
    assert hoog["waarde"] > 0.3
    [boven_drempel] = con.execute(
        "SELECT is_boven_drempel FROM indicators.ind_spookzorg_altijd_vol "
        "WHERE aanbieder_agb = '42009002'"
    ).fetchone()
    assert boven_drempel is True  # far above peers: only the peak test keeps it unflagged
    assert "werkelijk hoge levering" in hoog["toelichting"]

    assert "42009003" not in per_aanbieder  # 3 client-months: too few to judge
    assert not any(s["gemarkeerd"] for agb, s in per_aanbieder.items() if agb < "42009000")

    bewijs = _bewijs(con, vol["signaal_id"])
    assert len(bewijs) == 36
    assert all(
        r["referentienummer"].startswith((f"{deels}-7-", f"{deels}-8-", f"{deels}-9-"))
        for r in bewijs
    )
    assert all(r["onrechtmatig_eur"] is None for r in bewijs)
    assert "van een maximum van" in bewijs[0]["toelichting"]
