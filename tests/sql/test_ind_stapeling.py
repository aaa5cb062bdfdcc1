"""Stapeling STP01/STP02: given these toewijzingen/declaraties, expect these signals.

The fixtures bring their own product catalogue (codes 17D01–19V02, unknown to the shipped
catalogue) and rely on the shipped samenloopregels, which work on percelen: the indicators are
shown to work from the reference tables alone. A region's own rules match codes and perceel
names in any case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import AGB_A, AGB_B, bouw, declaratie, signalen, toewijzing

BW = {"productcategorie": "19", "productcode": "19V01", "eenheid": "14", "volume": "7"}
BW_ZWAAR = {"productcategorie": "19", "productcode": "19V02", "eenheid": "14", "volume": "7"}
BEGELEIDING = {"productcategorie": "18", "productcode": "18A01"}
BEGELEIDING_GROEP = {"productcategorie": "18", "productcode": "18A02"}
DAGBESTEDING = {"productcategorie": "17", "productcode": "17D01", "eenheid": "16"}

PRODUCTEN = [
    {
        "productcategorie": cat,
        "productcode": code,
        "omschrijving": code,
        "perceel": perceel,
        "intensiteit": "1",
        "eenheid": eenheid,
    }
    for cat, code, perceel, eenheid in (
        ("19", "19V01", "Beschermd wonen", "14"),
        ("19", "19V02", "Beschermd wonen", "14"),
        ("18", "18A01", "Begeleiding", "04"),
        ("18", "18A02", "Begeleiding", "04"),
        ("17", "17D01", "Dagbesteding", "16"),
    )
]


def _begeleiding_maand(
    ref: str, client: str, nummer: str, maand: int, **velden: Any
) -> dict[str, Any]:
    """12 hours of begeleiding (€ 840) in a month of 2024."""
    return declaratie(ref, client, nummer, maand=maand, **BEGELEIDING, **velden)


def _bouw(tmp_path: Path, **tabellen: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    return bouw(tmp_path, producten=PRODUCTEN, **tabellen)


def _paren(con) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    resultaat = con.execute("SELECT * FROM intermediate.int_stp_samenloop ORDER BY client_id")
    namen = [d[0] for d in resultaat.description]
    return [dict(zip(namen, rij, strict=True)) for rij in resultaat.fetchall()]


def _begeleiding_naast_bw_elders(
    i: int, *, bw_tot: str = "2024-12-31", begeleiding_tot: str = "2024-12-31"
) -> list[dict[str, Any]]:
    """Client C<i>: beschermd wonen at B from June 2023, begeleiding at A from March 2024."""
    return [
        toewijzing(
            f"V{i}", f"C{i}", aanbieder_agb=AGB_B, **BW, ingangsdatum="2023-06-01", einddatum=bw_tot
        ),
        toewijzing(
            f"H{i}", f"C{i}", **BEGELEIDING, ingangsdatum="2024-03-01", einddatum=begeleiding_tot
        ),
    ]


def test_begeleiding_bovenop_beschermd_wonen_elders_is_stapeling(tmp_path: Path) -> None:
    toewijzingen, declaraties = [], []
    for i in (1, 2, 3):
        toewijzingen += _begeleiding_naast_bw_elders(i)
        declaraties += [_begeleiding_maand(f"H{i}-{m}", f"C{i}", f"H{i}", m) for m in (3, 4)]
    declaraties.append(_begeleiding_maand("LAATSTE", "C1", "H1", 12))  # data run to 31 December
    con = _bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties)

    [signaal] = signalen(con, "STP01")
    assert signaal["aanbieder_agb"] == AGB_A  # whose care came on top, not the residence
    assert signaal["jaar"] == 2024
    assert signaal["aantal_clienten"] == 3
    assert signaal["waarde"] == 1.0
    assert signaal["financieel_belang"] == 7 * 840.0
    assert signaal["gemarkeerd"] is True
    assert signaal["sterkte"] == 1.0
    assert "Beschermd wonen + Begeleiding: 3" in signaal["toelichting"]

    # STP01's euros are what is at stake in the overlap, an estimate (#10): on the evidence
    # lines they are geschat_belang_eur, never onrechtmatig.
    bewijs = con.execute(
        "SELECT bron, count(*), sum(onrechtmatig_eur), sum(geschat_belang_eur) "
        "FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ? GROUP BY bron ORDER BY bron",
        [signaal["signaal_id"]],
    ).fetchall()
    assert bewijs == [("declaratie", 7, 0, 7 * 840.0), ("toewijzing", 3, None, None)]


def test_uitgesloten_combinatie_die_doorloopt_is_ook_in_het_randjaar_gemarkeerd(
    tmp_path: Path,
) -> None:
    """Three clients in 2024 reach the minimum; in 2025 one of them is left, for one month: under
    stapeling_min_clienten on its own, but the same excluded combination continuing (#11)."""
    toewijzingen, declaraties = [], []
    for i in (1, 2, 3):
        toewijzingen += _begeleiding_naast_bw_elders(
            i, bw_tot="2025-12-31", begeleiding_tot="2025-03-31" if i == 1 else "2024-12-31"
        )
        declaraties += [_begeleiding_maand(f"H{i}-{m}", f"C{i}", f"H{i}", m) for m in (3, 4)]
    declaraties.append(_begeleiding_maand("H1-2025", "C1", "H1", 2, jaar=2025))
    con = _bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties)

    per_jaar = {s["jaar"]: s for s in signalen(con, "STP01")}
    assert per_jaar[2024]["aantal_clienten"] == 3
    assert per_jaar[2024]["gemarkeerd"] is True
    assert per_jaar[2025]["aantal_clienten"] == 1
    assert per_jaar[2025]["gemarkeerd"] is True
    assert "voortzetting: in 2024 is hetzelfde signaal" in per_jaar[2025]["toelichting"]


def test_eigen_samenloopregels_in_andere_schrijfwijze(tmp_path: Path) -> None:
    toewijzingen = [
        toewijzing("V1", "C1", aanbieder_agb=AGB_B, **BW, ingangsdatum="2023-06-01"),
        toewijzing("D1", "C1", **DAGBESTEDING, ingangsdatum="2024-03-01"),
    ]
    declaraties = [
        declaratie(
            f"D1-{m}",
            "C1",
            "D1",
            **DAGBESTEDING,
            begindatum=f"2024-{m:02d}-01",
            einddatum=f"2024-{m:02d}-28",
        )
        for m in (3, 4, 5, 12)
    ]
    regels = [{"a": "19v01", "b": "DAGBESTEDING", "regel": "Uitgesloten", "toelichting": "eigen"}]
    con = _bouw(
        tmp_path, toewijzingen=toewijzingen, declaraties=declaraties, samenloopregels=regels
    )
    [signaal] = signalen(con, "STP01")
    assert signaal["aanbieder_agb"] == AGB_A
    assert "19v01 + DAGBESTEDING" in signaal["toelichting"]


def test_overstap_met_korte_overlap_is_geen_stapeling(tmp_path: Path) -> None:
    con = _bouw(
        tmp_path,
        toewijzingen=[
            # Beschermd wonen switch: 31 days of overlap (1–31 March) is a switch, not stapeling.
            toewijzing("V1", "C1", **BW, ingangsdatum="2024-01-01", einddatum="2024-03-31"),
            toewijzing(
                "V2",
                "C1",
                aanbieder_agb=AGB_B,
                **BW,
                ingangsdatum="2024-03-01",
                einddatum="2024-12-31",
            ),
            # Begeleiding switch with 15 days of overlap.
            toewijzing(
                "H1", "C2", **BEGELEIDING, ingangsdatum="2024-01-01", einddatum="2024-06-15"
            ),
            toewijzing(
                "H2",
                "C2",
                aanbieder_agb=AGB_B,
                **BEGELEIDING,
                ingangsdatum="2024-06-01",
                einddatum="2024-12-31",
            ),
            # Individual and group begeleiding at the same provider: ordinary samenloop.
            toewijzing("H3", "C3", **BEGELEIDING),
            toewijzing("H4", "C3", **BEGELEIDING_GROEP),
            # Control: begeleiding at two providers for eight months is a 'signaal' pair.
            toewijzing("H5", "C4", **BEGELEIDING),
            toewijzing(
                "H6",
                "C4",
                aanbieder_agb=AGB_B,
                **BEGELEIDING,
                ingangsdatum="2024-05-01",
                einddatum="2024-12-31",
            ),
        ],
        declaraties=[
            _begeleiding_maand("H6-5", "C4", "H6", 5, aanbieder_agb=AGB_B),
            _begeleiding_maand("H6-12", "C4", "H6", 12, aanbieder_agb=AGB_B),
        ],
    )
    [paar] = _paren(con)
    assert (paar["aanbieder_agb"], paar["onder_aanbieder_agb"]) == (AGB_B, AGB_A)
    assert paar["regel"] == "signaal"
    assert paar["overlap_dagen_zorglijn"] == 245
    # One client in a 'signaal' combination: reported, never flagged.
    assert [s["gemarkeerd"] for s in signalen(con, "STP01")] == [False]


def test_herindicatie_legt_stapeling_niet_bij_beschermd_wonen(tmp_path: Path) -> None:
    # Beschermd wonen is re-indicated on 1 April, after begeleiding started on 1 February: the
    # begeleiding still came on top of the running beschermd wonen.
    con = _bouw(
        tmp_path,
        toewijzingen=[
            toewijzing(
                "V1",
                "C1",
                aanbieder_agb=AGB_B,
                **BW,
                ingangsdatum="2023-01-01",
                einddatum="2024-03-31",
            ),
            toewijzing(
                "V2",
                "C1",
                aanbieder_agb=AGB_B,
                **BW_ZWAAR,
                ingangsdatum="2024-04-01",
                einddatum="2024-12-31",
            ),
            toewijzing(
                "H1", "C1", **BEGELEIDING, ingangsdatum="2024-02-01", einddatum="2024-12-31"
            ),
        ],
        declaraties=[_begeleiding_maand(f"H1-{m}", "C1", "H1", m) for m in (2, 3, 4, 12)],
    )
    paren = _paren(con)
    assert len(paren) == 2
    assert {p["aanbieder_agb"] for p in paren} == {AGB_A}
    assert {p["onder_toewijzingnummer"] for p in paren} == {"V1", "V2"}
    # February and March against V1, April and December against V2: every euro once.
    assert sum(p["gedeclareerd_in_overlap_eur"] for p in paren) == 4 * 840.0


def test_stp02_hoge_weekbelasting_over_aanbieders(tmp_path: Path) -> None:
    dag = {**DAGBESTEDING, "volume": "8"}  # 8 dagdelen = 32 uur per week
    con = _bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("D1", "C1", **dag),
            toewijzing("H1", "C1", aanbieder_agb=AGB_B, **BEGELEIDING, volume="10"),  # 42 uur
            toewijzing("D2", "C2", **dag),
            toewijzing("H2", "C2", aanbieder_agb=AGB_B, **BEGELEIDING, volume="6"),  # 38 uur
        ],
        declaraties=[
            declaratie(
                "D1-3",
                "C1",
                "D1",
                **DAGBESTEDING,
                geleverd_volume="30",
                producttarief="28.00",
                ingediend_bedrag="840.00",
            ),
            _begeleiding_maand("H1-3", "C1", "H1", 3, aanbieder_agb=AGB_B),
            _begeleiding_maand("H2-3", "C2", "H2", 3, aanbieder_agb=AGB_B),
        ],
    )
    rijen = signalen(con, "STP02")
    assert [(s["aanbieder_agb"], s["aantal_clienten"]) for s in rijen] == [(AGB_A, 1), (AGB_B, 1)]
    # One client is never enough (stapeling_min_clienten), however far from the peers.
    assert not any(s["gemarkeerd"] for s in rijen)
    # Of the 42 hours, 2 are above the limit: that share of each provider's March euros.
    assert abs(float(rijen[0]["financieel_belang"]) - 840 * 2 / 42) < 0.01
    assert "40 uur" in rijen[0]["toelichting"]
