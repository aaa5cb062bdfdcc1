"""Kwaliteit KWA01–KWA03 and mart_verantwoording_omzet: given these rows, expect these signals."""

from __future__ import annotations

import calendar
from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import (
    AGB_A,
    AGB_B,
    bouw,
    declaratie,
    signalen,
    toewijzing,
)

Rijen = list[dict[str, Any]]
TARIEF = 70.0


def _zorg(agb: str, client: str, maanden: range, realisatie: float) -> tuple[Rijen, Rijen]:
    """3 hours a week allocated in 2024; each month `realisatie` × the allowed hours declared."""
    nummer = f"{agb[-3:]}-{client}"
    declaraties = []
    for maand in maanden:
        uren = round(3 * calendar.monthrange(2024, maand)[1] / 7 * realisatie, 2)
        declaraties.append(
            declaratie(
                f"{nummer}-{maand:02d}",
                client,
                nummer,
                maand=maand,
                uren=uren,
                tarief=TARIEF,
                aanbieder_agb=agb,
            )
        )
    return [toewijzing(nummer, client, aanbieder_agb=agb)], declaraties


def _aanbieders(*plan: tuple[str, int, range, float]) -> tuple[Rijen, Rijen]:
    """(agb, number of clients, months, realisatie) per provider."""
    toewijzingen: Rijen = []
    declaraties: Rijen = []
    for agb, aantal, maanden, realisatie in plan:
        for i in range(aantal):
            t, d = _zorg(agb, f"{agb[-3:]}C{i}", maanden, realisatie)
            toewijzingen += t
            declaraties += d
    return toewijzingen, declaraties


def test_kwa01_onderlevering_tegen_peers(tmp_path: Path) -> None:
    onder = "45000019"
    klein = "45000018"
    # Above a fixed 60%, but 19 points below its peers: flagged on the distance to the peers.
    net_boven = "45000017"
    # Far below on the robust scale (peers barely differ), but only 13 points: not far enough.
    iets_lager = "45000016"
    peers = (0.8, 0.78, 0.82, 0.79, 0.81, 0.8, 0.79, 0.81, 0.8, 0.8)
    toewijzingen, declaraties = _aanbieders(
        *[(f"450000{p:02d}", 4, range(1, 13), r) for p, r in enumerate(peers)],
        (onder, 4, range(1, 13), 0.4),
        (net_boven, 4, range(1, 13), 0.61),
        (iets_lager, 4, range(1, 13), 0.67),
        # One client for three months: too few client-months to judge.
        (klein, 1, range(1, 4), 0.3),
    )
    drempels = {"min_peers": 3, "min_clientmaanden": 6}
    con = bouw(tmp_path, drempels=drempels, toewijzingen=toewijzingen, declaraties=declaraties)

    rijen = {s["aanbieder_agb"]: s for s in signalen(con, "KWA01")}
    signaal = rijen[onder]
    assert signaal["gemarkeerd"] is True
    assert abs(signaal["waarde"] - 0.4) < 0.005
    assert abs(signaal["referentiewaarde"] - 0.80) < 0.005  # the median of the others
    assert signaal["afwijking"] < -3.5  # robust z
    assert signaal["financieel_belang"] == 0.0  # nothing was paid for care not declared
    assert rijen[klein]["gemarkeerd"] is False
    assert rijen[net_boven]["gemarkeerd"] is True
    assert rijen[iets_lager]["afwijking"] < -3.5
    assert rijen[iets_lager]["gemarkeerd"] is False
    assert set(rijen) == {onder, klein, net_boven, iets_lager}  # peers at ~80% give no row


def _meldingen(agb: str, soort: str, aantal: int) -> Rijen:
    return [
        {"aanbieder_agb": agb, "datum": f"2024-{1 + i % 12:02d}-15", "soort": soort}
        for i in range(aantal)
    ]


def test_kwa02_meldingen_per_client_met_krimp(tmp_path: Path) -> None:
    slecht = "46000009"
    klein = "46000008"
    toewijzingen, declaraties = _aanbieders(
        *[(f"4600000{p}", 20, range(3, 4), 0.8) for p in range(8)],
        (slecht, 20, range(3, 4), 0.8),
        (klein, 3, range(3, 4), 0.8),
    )
    meldingen = [
        # Peers: 4 klachten among 160 clients.
        *[m for p in range(4) for m in _meldingen(f"4600000{p}", "klacht", 1)],
        *_meldingen(slecht, "klacht", 12),
        *_meldingen(slecht, "calamiteit", 3),
        # Three clients, two complaints: 67 per 100, but noise.
        *_meldingen(klein, "klacht", 2),
        {
            "aanbieder_agb": slecht,
            "datum": "2024-11-30",
            "soort": "cliëntervaring",
            "waarde": "5.4",
        },
    ]
    con = bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties, meldingen=meldingen)
    rijen = {s["aanbieder_agb"]: s for s in signalen(con, "KWA02")}
    signaal = rijen[slecht]
    assert signaal["gemarkeerd"] is True
    assert signaal["aantal_clienten"] == 20
    assert signaal["financieel_belang"] == 0.0
    assert "12 klachten en 3 calamiteiten" in signaal["toelichting"]
    assert "cliëntervaring 5,4" in signaal["toelichting"]
    assert klein not in rijen or rijen[klein]["gemarkeerd"] is False
    bewijs = con.execute(
        "SELECT count(*) FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        [signaal["signaal_id"]],
    ).fetchone()
    assert bewijs == (15,)


def test_kwa02_zonder_meldingen_geen_signaal(tmp_path: Path) -> None:
    toewijzingen, declaraties = _aanbieders((AGB_A, 20, range(3, 4), 0.8))
    con = bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties)
    assert signalen(con, "KWA02") == []


def test_kwa03_en_mart_verantwoording(tmp_path: Path) -> None:
    groot = "47000001"
    toewijzingen = [
        toewijzing("T1", "C1"),
        toewijzing("T2", "C2", aanbieder_agb=AGB_B),
        toewijzing("T3", "C3", aanbieder_agb=groot),
    ]
    declaraties = [
        # A: 10 × € 840 = € 8.400, small enough for a bestuurdersverklaring.
        *[
            declaratie(
                f"A{i}", "C1", "T1", begindatum=f"2024-{i:02d}-01", einddatum=f"2024-{i:02d}-28"
            )
            for i in range(1, 11)
        ],
        declaratie("B1", "C2", "T2", aanbieder_agb=AGB_B),
        declaratie("G1", "C3", "T3", aanbieder_agb=groot, ingediend_bedrag="60000.00"),
    ]
    verantwoording = [
        {"aanbieder_agb": AGB_A, "jaar": "2024", "gemeentecode": "0321", "bedrag": "3000.00"},
        {"aanbieder_agb": AGB_B, "jaar": "2024", "gemeentecode": "0321", "bedrag": "840.00"},
        {"aanbieder_agb": groot, "jaar": "2024", "gemeentecode": "0321", "bedrag": "59000.00"},
    ]
    con = bouw(
        tmp_path,
        toewijzingen=toewijzingen,
        declaraties=declaraties,
        verantwoording=verantwoording,
    )
    [signaal] = signalen(con, "KWA03")  # B agrees; the large one differs by only 1,7%
    assert signaal["aanbieder_agb"] == AGB_A
    assert signaal["gemarkeerd"] is True
    assert signaal["afwijking"] == 8400.0 - 3000.0
    assert signaal["financieel_belang"] == 5400.0
    assert "bestuurdersverklaring" in signaal["toelichting"]

    mart = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT aanbieder_agb, omzet_regio_eur, vereiste_verantwoording, verantwoord_eur, "
            "verschil_eur FROM marts.mart_verantwoording_omzet WHERE jaar = 2024"
        ).fetchall()
    }
    assert mart[AGB_A] == (8400.0, "bestuurdersverklaring", 3000.0, 5400.0)
    assert mart[AGB_B] == (840.0, "bestuurdersverklaring", 840.0, 0.0)
    assert mart[groot] == (60000.0, "controleverklaring", 59000.0, 1000.0)


def test_verantwoordingsgrens_staat_op_een_plek_voor_mart_en_kwa03(tmp_path: Path) -> None:
    # The €50.000 rule lives in int_verantwoording_omzet: move the limit just below A's € 8.400
    # and both the controller's mart and the KWA03 explanation ask for a controleverklaring.
    declaraties = [
        declaratie(f"A{i}", "C1", "T1", begindatum=f"2024-{i:02d}-01", einddatum=f"2024-{i:02d}-28")
        for i in range(1, 11)
    ]
    verantwoording = [
        {"aanbieder_agb": AGB_A, "jaar": "2024", "gemeentecode": "0321", "bedrag": "3000.00"}
    ]
    for grens, soort in ((8400.0, "bestuurdersverklaring"), (8399.99, "controleverklaring")):
        con = bouw(
            tmp_path / soort,
            drempels={"verantwoording_drempel_eur": grens},
            toewijzingen=[toewijzing("T1", "C1")],
            declaraties=declaraties,
            verantwoording=verantwoording,
        )
        [signaal] = signalen(con, "KWA03")
        assert f"een {soort} vereist" in signaal["toelichting"]
        assert con.execute(
            "SELECT vereiste_verantwoording FROM marts.mart_verantwoording_omzet"
        ).fetchall() == [(soort,)]
