"""The backbone: every standing declaration line gets exactly one status and its euros."""

from __future__ import annotations

from pathlib import Path

from tests.sql.kleine_regio import AGB_B, bouw, declaratie, signalen, toewijzing


def _statussen(con) -> dict[str, tuple[str, float]]:  # type: ignore[no-untyped-def]
    return {
        ref: (status, float(euro))
        for ref, status, euro in con.execute(
            "SELECT referentienummer, status, onrechtmatig_eur "
            "FROM intermediate.int_declaratieregels_status"
        ).fetchall()
    }


def test_elke_status(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("T1", "C1"),
            toewijzing("T2", "C2", einddatum="2024-03-15"),
            toewijzing("T3", "C3", aanbieder_agb=AGB_B),
            toewijzing("T4", "C4", volume="12", frequentie="4"),  # 12 uur per maand
        ],
        declaraties=[
            declaratie("OK", "C1", "T1"),  # 12 uur ≤ 3 × 31/7 = 13,3
            declaratie("GEEN", "C9", None),
            declaratie("ANDERE_CLIENT", "C9", "T1"),
            declaratie("ANDERE_AANBIEDER", "C3", "T3"),
            declaratie("ANDER_PRODUCT", "C1", "T1", productcategorie="07", productcode="07A03"),
            declaratie("BUITEN", "C2", "T2"),  # 16 van de 31 dagen na einddatum
            declaratie("DUBBEL", "C1", "T1"),  # zelfde cliënt, product en periode als OK
            declaratie("BOVEN", "C4", "T4", geleverd_volume="15", ingediend_bedrag="1050.00"),
        ],
    )
    status = _statussen(con)
    assert status["OK"] == ("ok", 0.0)
    assert status["GEEN"] == ("geen_toewijzing", 840.0)
    assert status["ANDERE_CLIENT"] == ("geen_toewijzing", 840.0)
    assert status["ANDERE_AANBIEDER"] == ("andere_aanbieder", 840.0)
    assert status["ANDER_PRODUCT"] == ("ander_product", 840.0)
    assert status["BUITEN"] == ("buiten_periode", round(840 * 16 / 31, 2))
    assert status["DUBBEL"] == ("dubbel", 840.0)
    # 15 uur declared against 12 per month: 3 hours (minus 1% tolerance) × € 70.
    assert status["BOVEN"][0] == "boven_volume"
    assert abs(status["BOVEN"][1] - (15 - 12 * 1.01) * 70) < 0.01


def test_credit_met_herdeclaratie_is_geen_dubbel(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1")],
        declaraties=[
            declaratie("R1", "C1", "T1"),
            declaratie("R2", "C1", "T1", debet_credit="C", vorig_referentienummer="R1"),
            declaratie("R3", "C1", "T1", geleverd_volume="11", ingediend_bedrag="770.00"),
        ],
    )
    assert _statussen(con) == {"R3": ("ok", 0.0)}


def test_maximum_per_periode_telt_aangeraakte_weken_en_hele_eenheden(tmp_path: Path) -> None:
    """TR321 as IV077/IV078 compute it: a (partial) calendar week the period touches within the
    toewijzing counts whole, and GeleverdVolume is whole units of the declared eenheid."""
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("T1", "C1"),  # 3 uur per week in 2024
            # IV078's own example: 3 uur per week from Tuesday 12 October 2021.
            toewijzing("IV078", "C2", ingangsdatum="2021-10-12", einddatum="2021-12-13"),
            toewijzing("IV078B", "C4", ingangsdatum="2021-10-12", einddatum="2021-12-13"),
            # 100 minuten per week, declared in whole hours.
            toewijzing("MIN", "C3", volume="100", eenheid="01"),
        ],
        declaraties=[
            # February 2024 (Thursday 1 to Thursday 29) touches 5 weeks: 15 uur allowed, where
            # 3 × 29 / 7 = 12,43 would call 2,57 hours an excess.
            declaratie("FEB_OK", "C1", "T1", maand=2, uren=15),
            declaratie("MRT_TE_VEEL", "C1", "T1", maand=3, uren=16),
            declaratie(
                "OKT_OK", "C2", "IV078", uren=9, begindatum="2021-10-12", einddatum="2021-10-31"
            ),
            declaratie(
                "OKT_TE_VEEL",
                "C4",
                "IV078B",
                uren=10,
                begindatum="2021-10-12",
                einddatum="2021-10-31",
                referentienummer="OKT_TE_VEEL",
            ),
            # March 2024: 5 weeks × 100 minuten = 8,33 uur, so 9 whole hours are allowed.
            declaratie("UUR_OK", "C3", "MIN", uren=9),
            declaratie(
                "UUR_TE_VEEL", "C3", "MIN", uren=10, begindatum="2024-04-01", einddatum="2024-04-30"
            ),
        ],
    )
    status = _statussen(con)
    assert status["FEB_OK"] == ("ok", 0.0)
    # March 2024 also touches 5 weeks: 15 uur (+1%) allowed, 16 declared.
    assert status["MRT_TE_VEEL"][0] == "boven_volume"
    assert abs(status["MRT_TE_VEEL"][1] - (16 - 15 * 1.01) * 70) < 0.01
    assert status["OKT_OK"] == ("ok", 0.0)
    assert status["OKT_TE_VEEL"][0] == "boven_volume"
    assert abs(status["OKT_TE_VEEL"][1] - (10 - 9 * 1.01) * 70) < 0.01
    assert status["UUR_OK"] == ("ok", 0.0)
    # April 2024 (Monday 1 to Tuesday 30) touches 5 weeks as well: 9 whole hours allowed.
    assert status["UUR_TE_VEEL"][0] == "boven_volume"
    assert abs(status["UUR_TE_VEEL"][1] - (10 - 9) * 70) < 0.01


def test_open_einde_en_na_stop_zorg(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1", einddatum="")],
        zorgperiodes=[
            {
                "toewijzingnummer": "T1",
                "gemeentecode": "0321",
                "aanbieder_agb": "41000001",
                "client_id": "C1",
                "begindatum": "2024-01-01",
                "einddatum": "2024-02-29",
            },
        ],
        declaraties=[
            declaratie("FEB", "C1", "T1", maand=2, uren=10),
            declaratie("DEC", "C1", "T1", begindatum="2025-12-01", einddatum="2025-12-31"),
        ],
    )
    status = _statussen(con)
    assert status["FEB"] == ("ok", 0.0)
    assert status["DEC"] == ("na_einde_zorg", 840.0)


def test_spk01_markeert_alleen_materieel(tmp_path: Path) -> None:
    veel_goed = [
        declaratie(f"G{i}", "C1", "T1", begindatum=f"2024-{i:02d}-01", einddatum=f"2024-{i:02d}-28")
        for i in range(1, 13)
    ]
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1")],
        declaraties=[
            *veel_goed,
            declaratie(
                "ZONDER",
                "C9",
                None,
                ingediend_bedrag="90.00",
                geleverd_volume="1",
                producttarief="90.00",
            ),
        ],
    )
    [signaal] = signalen(con, "SPK01")
    assert signaal["financieel_belang"] == 90.0
    assert signaal["gemarkeerd"] is False  # € 90 is below materieel_min_eur
    assert (
        signaal["signaal_id"]
        == con.execute("SELECT signaal_id FROM marts.mart_signaal_bewijsregels").fetchone()[0]
    )
