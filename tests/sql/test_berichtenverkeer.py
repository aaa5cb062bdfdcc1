"""The message traffic of issue 9 in the pipelines: WMO325 answers, eenheid 83 without a tariff,
the domein filter, 305/307 StatusAanlevering and the history of a toewijzing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.sql_quote import ident
from tests.sql.kleine_regio import (
    AGB_A,
    antwoord,
    bouw,
    declaratie,
    rijen,
    toewijzing,
    zorgperiode,
)


def _status(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    return {
        r["referentienummer"]: r
        for r in rijen(con, "SELECT * FROM intermediate.int_declaratieregels_status")
    }


def test_afgewezen_door_gemeente_telt_nooit_als_betaald(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1", volume="20"), toewijzing("T2", "C2")],
        declaraties=[
            # Rejected in March; the provider declares March again under a new reference.
            declaratie("AF", "C1", "T1", maand=3),
            declaratie("AF-OPNIEUW", "C1", "T1", maand=3, declaratiedatum="2024-05-10"),
            # Rejected first, granted on appeal: paid.
            declaratie("LATER-JA", "C1", "T1", maand=4),
            # No answer at all: "niet beantwoord", counted as paid as before.
            declaratie("GEEN-ANTWOORD", "C2", "T2", maand=3),
            # Rejected and also outside the allocation: still not unlawful money.
            declaratie("AF-BUITEN", "C2", "T2", jaar=2025, maand=2),
        ],
        declaratie_antwoorden=[
            antwoord("AF", "nee", retourcode="9321,0611"),
            antwoord("LATER-JA", "nee", antwoorddatum="2024-05-01"),
            antwoord("LATER-JA", "ja", antwoorddatum="2024-06-01"),
            antwoord("AF-BUITEN", "nee", retourcode="9308", antwoorddatum="2025-04-01"),
        ],
    )
    status = _status(con)
    assert status["AF"]["status"] == "afgewezen_door_gemeente"
    assert status["AF"]["onrechtmatig_eur"] == 0
    assert status["AF"]["reden"] == (
        "afgewezen door de gemeente (WMO325, retourcode 9321,0611): niet betaald"
    )
    # The re-declaration after a rejection is not a second (dubbel) prestatie.
    assert status["AF-OPNIEUW"]["status"] == "ok"
    assert status["LATER-JA"]["status"] == "ok"
    assert status["GEEN-ANTWOORD"]["status"] == "ok"
    assert status["AF-BUITEN"]["status"] == "afgewezen_door_gemeente"
    assert status["AF-BUITEN"]["onrechtmatig_eur"] == 0

    [jaar_2024] = rijen(
        con,
        "SELECT * FROM intermediate.int_aanbieder_jaar WHERE aanbieder_agb = ? AND jaar = 2024",
        AGB_A,
    )
    assert jaar_2024["gedeclareerd_eur"] == 3 * 12 * 70  # AF-OPNIEUW, LATER-JA, GEEN-ANTWOORD
    assert jaar_2024["afgewezen_eur"] == 12 * 70
    assert jaar_2024["aantal_regels"] == 3
    assert jaar_2024["aantal_regels_afgewezen"] == 1
    [jaar_2025] = rijen(con, "SELECT * FROM intermediate.int_aanbieder_jaar WHERE jaar = 2025")
    assert (jaar_2025["gedeclareerd_eur"], jaar_2025["afgewezen_eur"]) == (0, 12 * 70)
    # No spookzorg signal on money that was never paid.
    assert rijen(con, "SELECT * FROM marts.mart_signalen WHERE indicator LIKE 'SPK%'") == []

    trends = rijen(
        con,
        "SELECT sum(gedeclareerd_eur) AS betaald, sum(afgewezen_eur) AS afgewezen "
        "FROM marts.mart_controller_trends",
    )
    assert trends == [{"betaald": 3 * 12 * 70, "afgewezen": 2 * 12 * 70}]
    omzet = rijen(
        con, "SELECT jaar, omzet_regio_eur FROM intermediate.int_verantwoording_omzet ORDER BY 1"
    )
    # 2025 had only a rejected line: no turnover, no row.
    assert [(r["jaar"], r["omzet_regio_eur"]) for r in omzet] == [(2024, 3 * 12 * 70)]


def test_euro_zonder_producttarief_wordt_als_euro_getoetst(tmp_path: Path) -> None:
    """Eenheid 83: the volume is the amount and there is no ProductTarief (WMO323)."""
    con = bouw(
        tmp_path,
        toewijzingen=[
            # € 500 per month.
            toewijzing("EU", "C1", volume="500", eenheid="83", frequentie="4"),
        ],
        declaraties=[
            declaratie(
                "EURO",
                "C1",
                "EU",
                geleverd_volume="800.00",
                eenheid="83",
                producttarief="",
                ingediend_bedrag="800.00",
            ),
        ],
        tarieven=[
            {"productcode": "02A16", "geldig_vanaf": "2024-01-01", "tarief": "0.50"},
        ],
    )
    [regel] = rijen(con, "SELECT * FROM intermediate.int_declaratieregels_status")
    assert regel["producttarief_eur"] is None
    assert regel["prijs_per_eenheid_eur"] == 1
    assert regel["status"] == "boven_volume"
    # € 800 declared against € 500 allocated, with the volume tolerance of 1%: € 800 − € 505.
    assert regel["onrechtmatig_eur"] == 295
    # No tariff, so nothing to compare with a contract tariff (UPC04).
    assert regel["boven_contracttarief_eur"] == 0


def test_alleen_wmo_telt(tmp_path: Path) -> None:
    def jeugd_erbij(con: duckdb.DuckDBPyConnection) -> None:
        for tabel in ("declaraties", "toewijzingen", "zorgperiodes"):
            con.execute(
                f"INSERT INTO staging.{ident(tabel)} BY NAME "
                "SELECT * REPLACE ('jeugd' AS domein, regelnummer + 1000 AS regelnummer) "
                f"FROM staging.{ident(tabel)}"
            )

    con = bouw(
        tmp_path,
        voor_de_run=jeugd_erbij,
        toewijzingen=[toewijzing("T1", "C1")],
        zorgperiodes=[zorgperiode("T1", "C1", "2024-01-01")],
        declaraties=[declaratie("R1", "C1", "T1")],
    )
    for schema, tabel, verwacht in (
        ("stg", "stg_declaraties", 1),
        ("stg", "stg_toewijzingen", 1),
        ("stg", "stg_zorgperiodes", 1),
        ("staging", "declaraties", 2),
    ):
        aantal = con.execute(f"SELECT count(*) FROM {ident(schema)}.{ident(tabel)}").fetchone()
        assert aantal == (verwacht,), tabel
    [regel] = rijen(con, "SELECT status FROM intermediate.int_declaratieregels_status")
    assert regel["status"] == "ok"  # the jeugd copy is not a duplicate


def test_status_aanlevering_corrigeert_en_verwijdert(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1"), toewijzing("T2", "C2"), toewijzing("T3", "C3")],
        zorgperiodes=[
            # T1: started, stopped on 29 February, and that stop withdrawn: care goes on.
            zorgperiode("T1", "C1", "2024-01-01"),
            zorgperiode("T1", "C1", "2024-01-01", "2024-02-29", reden_beeindiging="01"),
            zorgperiode("T1", "C1", "2024-01-01", "2024-02-29", status_aanlevering="3"),
            # T2: stopped on 29 February, corrected to 15 March.
            zorgperiode("T2", "C2", "2024-01-01"),
            zorgperiode("T2", "C2", "2024-01-01", "2024-02-29"),
            zorgperiode("T2", "C2", "2024-01-01", "2024-03-15", status_aanlevering="2"),
            # T3: stopped on 29 February; nothing withdrawn.
            zorgperiode("T3", "C3", "2024-01-01"),
            zorgperiode("T3", "C3", "2024-01-01", "2024-02-29"),
        ],
        declaraties=[
            declaratie("R1", "C1", "T1", maand=3),
            declaratie("R2", "C2", "T2", maand=3),
            declaratie("R3", "C3", "T3", maand=3),
        ],
    )
    geldig = rijen(
        con,
        "SELECT toewijzingnummer, soort, einddatum, is_gecorrigeerd "
        "FROM intermediate.int_zorgperiodes_geldig ORDER BY 1, 2",
    )
    assert [(r["toewijzingnummer"], r["soort"], str(r["einddatum"])) for r in geldig] == [
        ("T1", "start", "None"),
        ("T2", "start", "None"),
        ("T2", "stop", "2024-03-15"),
        ("T3", "start", "None"),
        ("T3", "stop", "2024-02-29"),
    ]
    status = _status(con)
    assert status["R1"]["status"] == "ok"
    assert status["R1"]["zorg_einddatum"] is None
    assert status["R2"]["status"] == "na_einde_zorg"
    assert status["R2"]["onrechtmatig_eur"] == Decimal("433.55")  # 16 of 31 days of € 840
    assert status["R3"]["status"] == "na_einde_zorg"
    assert status["R3"]["onrechtmatig_eur"] == 840


def test_toewijzing_historie(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("T1", "C1", toewijzingsdatum="2023-12-15"),
            # Extended with more hours.
            toewijzing("T1", "C1", toewijzingsdatum="2024-03-01", volume="4", reden_wijziging="04"),
            # Withdrawn with retroactive effect: ends before this version was sent.
            toewijzing(
                "T1",
                "C1",
                toewijzingsdatum="2024-06-01",
                einddatum="2024-04-30",
                volume="4",
                reden_wijziging="05",
            ),
            toewijzing("T2", "C2"),
        ],
        declaraties=[declaratie("R1", "C1", "T1", maand=3)],
    )
    versies = rijen(
        con,
        "SELECT * FROM intermediate.int_toewijzing_historie WHERE toewijzingnummer = 'T1' "
        "ORDER BY versienummer",
    )
    assert [v["versienummer"] for v in versies] == [1, 2, 3]
    assert [v["is_actueel"] for v in versies] == [False, False, True]
    assert [v["is_gewijzigd_volume"] for v in versies] == [False, True, False]
    assert [v["is_intrekking"] for v in versies] == [False, False, True]
    assert [str(v["geldig_tot"]) for v in versies] == ["2024-02-29", "2024-05-31", "None"]
    [actueel] = rijen(
        con, "SELECT * FROM intermediate.int_toewijzingen_actueel WHERE toewijzingnummer = 'T1'"
    )
    assert (actueel["bestand_id"], actueel["regelnummer"]) == (
        versies[-1]["bestand_id"],
        versies[-1]["regelnummer"],
    )
