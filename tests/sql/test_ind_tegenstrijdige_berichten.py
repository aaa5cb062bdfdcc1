"""KWA04 "Berichten die elkaar tegenspreken": each kind of contradiction fires on a small region
written out by hand, an honest region stays quiet, and no declaration line is dropped or changed
(OP364: a contradiction is a signal, never grounds to refuse a declaration)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from tests.sql.kleine_regio import (
    AGB_A,
    AGB_B,
    antwoord,
    bouw,
    declaratie,
    rijen,
    signalen,
    toewijzing,
    zorgperiode,
)


def _tegenstrijdig(con: duckdb.DuckDBPyConnection, soort: str) -> list[dict[str, Any]]:
    return rijen(
        con,
        "SELECT * FROM intermediate.int_tegenstrijdige_berichten WHERE soort = ? "
        "ORDER BY aanbieder_agb, begindatum, referentienummer, toewijzingnummer, "
        "einddatum NULLS FIRST",
        soort,
    )


def _bewijs(con: duckdb.DuckDBPyConnection, signaal_id: str) -> list[dict[str, Any]]:
    return rijen(
        con,
        "SELECT * FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ? "
        "ORDER BY referentienummer, toewijzingnummer, begindatum",
        signaal_id,
    )


# --- (1) declaratie op een ingetrokken toewijzing ---------------------------------------------

# Five hours a week: 20 hours a month stays within the allocated volume.
INGETROKKEN = {
    "toewijzingen": [
        # T1: allocated for all of 2024, then on 1 June ended on 15 April (retroactively).
        toewijzing("T1", "C1", toewijzingsdatum="2023-12-15", volume="5"),
        toewijzing(
            "T1",
            "C1",
            toewijzingsdatum="2024-06-01",
            einddatum="2024-04-15",
            reden_wijziging="05",
            volume="5",
        ),
        # T2: removed by the gemeente on 1 May (RedenWijziging 13), dates unchanged.
        toewijzing("T2", "C2", toewijzingsdatum="2023-12-15", volume="5"),
        toewijzing("T2", "C2", toewijzingsdatum="2024-05-01", reden_wijziging="13", volume="5"),
        # T3: shortened to 30 June, but only declared up to May: no contradiction.
        toewijzing("T3", "C3", toewijzingsdatum="2023-12-15", volume="5"),
        toewijzing(
            "T3",
            "C3",
            toewijzingsdatum="2024-04-01",
            einddatum="2024-06-30",
            reden_wijziging="05",
            volume="5",
        ),
    ],
    "declaraties": [
        declaratie("R1", "C1", "T1", maand=3, uren=20, declaratiedatum="2024-04-05"),
        declaratie("R2", "C1", "T1", maand=4, uren=20, declaratiedatum="2024-05-05"),
        declaratie("R3", "C1", "T1", maand=5, uren=20, declaratiedatum="2024-06-05"),
        declaratie("R4", "C2", "T2", maand=3, uren=20, declaratiedatum="2024-04-05"),
        declaratie("R5", "C3", "T3", maand=5, uren=20, declaratiedatum="2024-06-05"),
    ],
}


def test_declaratie_na_intrekking_met_euros_die_nog_niet_tellen(tmp_path: Path) -> None:
    con = bouw(tmp_path, **INGETROKKEN)
    per_referentie = {
        r["referentienummer"]: r for r in _tegenstrijdig(con, "declaratie_na_intrekking")
    }
    assert set(per_referentie) == {"R2", "R3", "R4"}

    # April: 15 of 30 days after the new end; SPK02 already counts them (buiten_periode).
    april = per_referentie["R2"]
    assert april["na_intrekking_eur"] == Decimal("700.00")
    assert april["al_geteld_eur"] == Decimal("700.00")
    assert april["onrechtmatig_eur"] == 0
    assert april["is_ingediend_na_intrekking"] is False
    assert "declaratie voor 15 dagen na 2024-04-15" in april["toelichting"]
    assert "een latere 301 van 2024-06-01" in april["toelichting"]
    assert "een eerdere versie liep tot 2024-12-31" in april["toelichting"]
    assert "met terugwerkende kracht ingetrokken" in april["toelichting"]
    assert "al meetelt in een ander signaal (9308" in april["toelichting"]
    # May was declared after the withdrawal message.
    assert per_referentie["R3"]["is_ingediend_na_intrekking"] is True
    assert "ingediend na de intrekking" in per_referentie["R3"]["toelichting"]
    # T2 was removed (13): the whole line, less the € 102 above the contract tariff (€ 70 an
    # hour against € 64,90) that UPC04 already counts.
    verwijderd = per_referentie["R4"]
    assert verwijderd["na_intrekking_eur"] == Decimal("1400.00")
    assert verwijderd["onrechtmatig_eur"] == Decimal("1298.00")
    assert (
        "waarvan € 102 al meetelt in een ander signaal (€ 102 boven het contracttarief)"
        in (verwijderd["toelichting"])
    )
    assert "RedenWijziging 13 van 2024-05-01" in verwijderd["toelichting"]
    assert "9384" in verwijderd["toelichting"]

    [signaal] = signalen(con, "KWA04")
    assert signaal["aanbieder_agb"] == AGB_A
    assert signaal["categorie"] == "kwaliteit"
    assert signaal["waarde"] == 3
    assert signaal["financieel_belang"] == Decimal("1298.00")
    assert signaal["aantal_clienten"] == 2
    # 3 contradictions stay under tegenspraak_min_aantal (5), but € 1.298 of € 7.000 is material.
    assert signaal["gemarkeerd"] is True
    assert (
        "3 declaraties voor dagen die een latere toewijzing introk (€ 3.500"
        in (signaal["toelichting"])
    )
    bewijs = _bewijs(con, signaal["signaal_id"])
    assert [b["referentienummer"] for b in bewijs] == ["R2", "R3", "R4"]
    assert all(b["bron"] == "declaratie" for b in bewijs)
    assert sum(b["onrechtmatig_eur"] for b in bewijs) == signaal["financieel_belang"]
    # The mart fills in the line itself.
    assert [b["bedrag_eur"] for b in bewijs] == [Decimal("1400.00")] * 3

    # Nothing dropped or changed: every line still stands with the status it had.
    status = {
        r["referentienummer"]: r["status"]
        for r in rijen(con, "SELECT * FROM intermediate.int_declaratieregels_status")
    }
    assert status == {
        "R1": "ok",
        "R2": "buiten_periode",
        "R3": "buiten_periode",
        "R4": "ok",
        "R5": "ok",
    }
    [jaar] = rijen(con, "SELECT gedeclareerd_eur FROM intermediate.int_aanbieder_jaar")
    assert jaar["gedeclareerd_eur"] == 5 * 1400


def test_afgewezen_regel_spreekt_niets_tegen(tmp_path: Path) -> None:
    # The gemeente already refused R4: it was never paid, so there is nothing to signal.
    con = bouw(
        tmp_path,
        **INGETROKKEN,
        declaratie_antwoorden=[antwoord("R4", "nee", retourcode="9384")],
    )
    assert {r["referentienummer"] for r in _tegenstrijdig(con, "declaratie_na_intrekking")} == {
        "R2",
        "R3",
    }
    [signaal] = signalen(con, "KWA04")
    assert signaal["financieel_belang"] == 0
    assert signaal["gemarkeerd"] is False


def test_declaratie_van_een_andere_client_is_geen_tegenspraak(tmp_path: Path) -> None:
    # A line of C9 on C1's withdrawn toewijzing is SPK01 (toewijzing of another client); the
    # withdrawal does not concern C9, so KWA04 leaves it alone.
    con = bouw(
        tmp_path,
        toewijzingen=INGETROKKEN["toewijzingen"][:2],
        declaraties=[declaratie("R9", "C9", "T1", maand=5, uren=20)],
    )
    assert _tegenstrijdig(con, "declaratie_na_intrekking") == []
    [spk01] = signalen(con, "SPK01")
    assert spk01["aanbieder_agb"] == AGB_A


# --- (2) start of stop zonder toewijzing -------------------------------------------------------


def test_melding_zonder_toewijzing(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1"), toewijzing("T2", "C2")],
        zorgperiodes=[
            zorgperiode("T1", "C1", "2024-01-08"),
            zorgperiode("T2", "C2", "2024-01-08", "2024-06-30"),
            # Never allocated, well inside the loaded 301s (from 1 January).
            zorgperiode("T9", "C9", "2024-06-03"),
            zorgperiode("T9", "C9", "2024-06-03", "2024-08-31"),
            # Never allocated, but in the first 90 days: its 301 may predate the data.
            zorgperiode("T8", "C8", "2024-02-05"),
            # Allocated to AGB_A, started by AGB_B.
            zorgperiode("T1", "C1", "2024-07-01", aanbieder_agb=AGB_B),
            # Allocated to C2, started for C3.
            zorgperiode("T2", "C3", "2024-07-01"),
        ],
    )
    gevonden = [
        (r["aanbieder_agb"], r["toewijzingnummer"], str(r["einddatum"]), r["toelichting"])
        for r in _tegenstrijdig(con, "melding_zonder_toewijzing")
    ]
    assert gevonden == [
        (
            AGB_A,
            "T9",
            "None",
            "startmelding (305) voor toewijzing T9, die geen 301 van gemeente 0321 ooit toewees "
            "(iWmo TR019, retourcode 9019)",
        ),
        (
            AGB_A,
            "T9",
            "2024-08-31",
            "stopmelding (307) voor toewijzing T9, die geen 301 van gemeente 0321 ooit toewees "
            "(iWmo TR019, retourcode 9019)",
        ),
        (
            AGB_A,
            "T2",
            "None",
            "startmelding (305) voor toewijzing T2, die gemeente 0321 aan een andere cliënt "
            "toewees (iWmo TR019, retourcode 9019)",
        ),
        (
            AGB_B,
            "T1",
            "None",
            f"startmelding (305) voor toewijzing T1, die gemeente 0321 aan aanbieder {AGB_A} "
            "toewees (iWmo TR019, retourcode 9019)",
        ),
    ]
    kwa04 = {s["aanbieder_agb"]: s for s in signalen(con, "KWA04")}
    assert kwa04[AGB_A]["waarde"] == 3
    assert kwa04[AGB_A]["financieel_belang"] == 0
    assert "3 start- of stopmeldingen zonder toewijzing (TR019)" in kwa04[AGB_A]["toelichting"]
    assert "(administratief)" in kwa04[AGB_A]["toelichting"]
    # AGB_B only sent a start message: still a known provider, with a signal of its own.
    assert kwa04[AGB_B]["waarde"] == 1
    assert not any(s["gemarkeerd"] for s in kwa04.values())
    bewijs = _bewijs(con, kwa04[AGB_B]["signaal_id"])
    assert [(b["bron"], b["toewijzingnummer"], str(b["begindatum"])) for b in bewijs] == [
        ("zorgperiode", "T1", "2024-07-01")
    ]
    assert bewijs[0]["onrechtmatig_eur"] == 0


def test_drempel_tegenspraak_min_aantal(tmp_path: Path) -> None:
    meldingen = [zorgperiode(f"T9{i}", f"C9{i}", "2024-06-03") for i in range(5)]
    con = bouw(tmp_path, toewijzingen=[toewijzing("T1", "C1")], zorgperiodes=meldingen)
    [signaal] = signalen(con, "KWA04")
    assert (signaal["waarde"], signaal["gemarkeerd"]) == (5, True)
    con.close()
    con = bouw(
        tmp_path / "hoger",
        drempels={"tegenspraak_min_aantal": 6},
        toewijzingen=[toewijzing("T1", "C1")],
        zorgperiodes=meldingen,
    )
    [signaal] = signalen(con, "KWA04")
    assert (signaal["waarde"], signaal["gemarkeerd"]) == (5, False)


def test_zonder_geladen_toewijzingen_geen_oordeel(tmp_path: Path) -> None:
    # Only 305/307 messages loaded: nothing to test them against, so no contradiction.
    con = bouw(tmp_path, zorgperiodes=[zorgperiode("T9", "C9", "2024-06-03")])
    assert _tegenstrijdig(con, "melding_zonder_toewijzing") == []


# --- (3) antwoord op een prestatie die niet gedeclareerd is -------------------------------------


def test_antwoord_zonder_declaratie(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1")],
        declaraties=[
            declaratie("R1", "C1", "T1", maand=3),
            declaratie("R2", "C1", "T1", maand=4),
            # Declared and credited: still declared.
            declaratie("R3", "C1", "T1", maand=5),
            declaratie("R3C", "C1", "T1", maand=5, debet_credit="C", vorig_referentienummer="R3"),
        ],
        declaratie_antwoorden=[
            antwoord("R1", "nee", antwoorddatum="2024-04-10"),
            antwoord("R3", "ja", antwoorddatum="2024-06-10"),
            # In the loaded declaration FR1, but R9 is not among its prestaties.
            antwoord("R9", "nee", antwoorddatum="2024-04-10", declaratienummer="FR1"),
            # Unknown declaration and within 90 days of the first loaded prestatie (1 March).
            antwoord("R8", "nee", antwoorddatum="2024-04-10"),
            # Unknown declaration, well after the first loaded prestatie.
            antwoord("R7", "ja", antwoorddatum="2024-07-01"),
        ],
    )
    gevonden = [
        (r["referentienummer"], r["jaar"], r["toelichting"])
        for r in _tegenstrijdig(con, "antwoord_zonder_declaratie")
    ]
    assert gevonden == [
        (
            "R9",
            2024,
            "antwoord van gemeente 0321 (325 van 2024-04-10, afgewezen, retourcode 0611) op "
            "prestatie R9, die deze aanbieder nooit declareerde (declaratie FR1 is wel geladen, "
            "zonder deze prestatie)",
        ),
        (
            "R7",
            2024,
            "antwoord van gemeente 0321 (325 van 2024-07-01, toegekend) op prestatie R7, die "
            "deze aanbieder nooit declareerde",
        ),
    ]
    [signaal] = signalen(con, "KWA04")
    assert (
        "2 antwoorden van de gemeente op een prestatie die niet gedeclareerd is"
        in (signaal["toelichting"])
    )
    bewijs = _bewijs(con, signaal["signaal_id"])
    assert [(b["bron"], b["referentienummer"]) for b in bewijs] == [
        ("antwoord", "R7"),
        ("antwoord", "R9"),
    ]
    # An answer changes nothing about the declaration lines.
    assert rijen(
        con,
        "SELECT referentienummer, status FROM intermediate.int_declaratieregels_status ORDER BY 1",
    ) == [
        {"referentienummer": "R1", "status": "afgewezen_door_gemeente"},
        {"referentienummer": "R2", "status": "ok"},
    ]


# --- (4) stop vóór de start --------------------------------------------------------------------


def test_stop_voor_start(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing("T1", "C1"), toewijzing("T2", "C2")],
        zorgperiodes=[
            # T1: the start was corrected to 1 March, the old stop (ended 15 February) stayed.
            zorgperiode("T1", "C1", "2024-01-08"),
            zorgperiode("T1", "C1", "2024-01-08", status_aanlevering="3"),
            zorgperiode("T1", "C1", "2024-03-01"),
            zorgperiode("T1", "C1", "2024-01-08", "2024-02-15"),
            # T2: an ordinary start and stop.
            zorgperiode("T2", "C2", "2024-03-01"),
            zorgperiode("T2", "C2", "2024-03-01", "2024-05-31"),
        ],
    )
    [stop] = _tegenstrijdig(con, "stop_voor_start")
    assert (stop["toewijzingnummer"], str(stop["einddatum"])) == ("T1", "2024-02-15")
    assert stop["toelichting"] == (
        "stopmelding (307) met einddatum 2024-02-15 vóór de begindatum 2024-03-01 van de zorg "
        "uit de geldende startmelding (305)"
    )
    [signaal] = signalen(con, "KWA04")
    assert "1 stopmeldingen vóór de start van de zorg" in signaal["toelichting"]


# --- (5) verwijdering die niets intrekt ---------------------------------------------------------


def test_verwijdering_zonder_melding(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[toewijzing(f"T{i}", f"C{i}") for i in range(1, 5)],
        zorgperiodes=[
            zorgperiode("T1", "C1", "2024-01-08"),
            # T2: delivered, deleted, and deleted again.
            zorgperiode("T2", "C2", "2024-01-08"),
            zorgperiode("T2", "C2", "2024-01-08", status_aanlevering="3"),
            zorgperiode("T2", "C2", "2024-01-08", status_aanlevering="3"),
            # T3: deletes a start that was never delivered.
            zorgperiode("T3", "C3", "2024-06-03", status_aanlevering="3"),
            # T4: the same early on: the start may predate the loaded messages.
            zorgperiode("T4", "C4", "2024-02-05", status_aanlevering="3"),
        ],
    )
    gevonden = [
        (r["toewijzingnummer"], r["toelichting"])
        for r in _tegenstrijdig(con, "verwijdering_zonder_melding")
    ]
    assert gevonden == [
        (
            "T2",
            "verwijdering (StatusAanlevering 3) van een startmelding (305) voor toewijzing T2 "
            "met begindatum 2024-01-08 die al verwijderd was (iWmo TR063, retourcode 9063)",
        ),
        (
            "T3",
            "verwijdering (StatusAanlevering 3) van een startmelding (305) voor toewijzing T3 "
            "met begindatum 2024-06-03 die nooit is aangeleverd (iWmo TR063, retourcode 9063)",
        ),
    ]
    [signaal] = signalen(con, "KWA04")
    assert signaal["waarde"] == 2
    assert "2 verwijderingen die niets intrekken (TR063)" in signaal["toelichting"]


# --- een eerlijke regio ---------------------------------------------------------------------------


def test_eerlijke_regio_blijft_stil(tmp_path: Path) -> None:
    con = bouw(
        tmp_path,
        toewijzingen=[
            toewijzing("T1", "C1", toewijzingsdatum="2023-12-15"),
            # Shortened to 31 May; declared up to May only.
            toewijzing(
                "T1",
                "C1",
                toewijzingsdatum="2024-04-01",
                einddatum="2024-05-31",
                reden_wijziging="05",
            ),
            toewijzing("T2", "C2", toewijzingsdatum="2023-12-15"),
            # Extended with more hours: no withdrawal.
            toewijzing("T2", "C2", toewijzingsdatum="2024-03-01", volume="5", reden_wijziging="04"),
        ],
        zorgperiodes=[
            zorgperiode("T1", "C1", "2024-01-08"),
            zorgperiode("T1", "C1", "2024-01-08", "2024-05-15"),
            # A stop corrected (2) and a start deleted (3) and sent again with the right date.
            zorgperiode("T1", "C1", "2024-01-08", "2024-05-31", status_aanlevering="2"),
            zorgperiode("T2", "C2", "2024-01-01"),
            zorgperiode("T2", "C2", "2024-01-01", status_aanlevering="3"),
            zorgperiode("T2", "C2", "2024-01-08"),
        ],
        declaraties=[
            declaratie("R1", "C1", "T1", maand=4),
            declaratie("R2", "C1", "T1", maand=5),
            declaratie("R3", "C2", "T2", maand=4),
            declaratie("R4", "C2", "T2", maand=5),
        ],
        declaratie_antwoorden=[
            antwoord("R1", "ja", declaratienummer="FR1"),
            antwoord("R3", "nee", antwoorddatum="2024-09-01"),
        ],
    )
    assert rijen(con, "SELECT * FROM intermediate.int_tegenstrijdige_berichten") == []
    assert signalen(con, "KWA04") == []
