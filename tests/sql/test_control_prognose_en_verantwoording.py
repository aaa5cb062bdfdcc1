"""Control (#13): completion factors, prognosis with begroting, rechtmatigheid by line status and
the verantwoording cycle. Given these rows, expect these figures (hand-computed below)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.sql.kleine_regio import AGB_A, AGB_B, GEMEENTE, bouw, declaratie, rijen, toewijzing

PERCEEL = "Begeleiding"  # of product 02A16 in data/reference/producten.csv


def _lopend(nummer: str, client: str, **velden: str) -> dict[str, str]:
    return toewijzing(nummer, client, ingangsdatum="2023-01-01", **velden)


@pytest.fixture(scope="module")
def prognose_db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """History: care of January 2023 (€ 1.000) came in for 70% one month later and 30% two
    months later; June 2023 (€ 500) is not yet 12 months old at the peildatum, so it is no
    history. Current: March 2024 (€ 800), declared one month later; peildatum 5 April 2024."""
    tmp_path = tmp_path_factory.mktemp("prognose")
    toewijzingen = [_lopend("T1", "C1"), _lopend("T2", "C2"), _lopend("T3", "C3")]
    declaraties = [
        declaratie("R1", "C1", "T1", jaar=2023, maand=1, uren=10, declaratiedatum="2023-02-10"),
        declaratie(
            "R2", "C2", "T2", jaar=2023, maand=1, uren=3, tarief=100, declaratiedatum="2023-03-15"
        ),
        declaratie(
            "R3", "C3", "T3", jaar=2023, maand=6, uren=5, tarief=100, declaratiedatum="2023-07-10"
        ),
        declaratie(
            "R4", "C1", "T1", jaar=2024, maand=3, uren=10, tarief=80, declaratiedatum="2024-04-05"
        ),
    ]
    begroting = [
        {"gemeentecode": GEMEENTE, "perceel": PERCEEL, "jaar": "2024", "bedrag": "2000.00"},
        # A budget without any declaration still gets its row (all spend to come).
        {"gemeentecode": GEMEENTE, "perceel": "Dagbesteding", "jaar": "2024", "bedrag": "900"},
    ]
    return bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties, begroting=begroting)


def test_completeringsfactoren_uit_de_historie(prognose_db) -> None:  # type: ignore[no-untyped-def]
    factoren = {
        r["maanden_na_zorgmaand"]: r
        for r in rijen(
            prognose_db,
            "select * from marts.mart_prognose_completeringsfactoren where perceel = ?",
            PERCEEL,
        )
    }
    assert set(factoren) == set(range(12))
    assert factoren[0]["aandeel_gedeclareerd"] == 0.0
    assert factoren[1]["aandeel_gedeclareerd"] == pytest.approx(0.7)
    assert factoren[2]["aandeel_gedeclareerd"] == pytest.approx(1.0)
    # Only January 2023 is old enough: June 2023 is not history yet.
    assert factoren[1]["uitgedeclareerd_eur"] == Decimal("1000.00")
    assert factoren[1]["aantal_zorgmaanden"] == 1
    regio = rijen(
        prognose_db,
        "select aandeel_gedeclareerd from marts.mart_prognose_completeringsfactoren "
        "where is_regio and maanden_na_zorgmaand = 1",
    )
    assert regio == [{"aandeel_gedeclareerd": pytest.approx(0.7)}]


def test_prognose_met_completering_uitputting_en_resultaat(prognose_db) -> None:  # type: ignore[no-untyped-def]
    [cel] = rijen(
        prognose_db,
        "select * from marts.mart_prognose_gemeente_perceel where jaar = 2024 and perceel = ?",
        PERCEEL,
    )
    assert cel["gerealiseerd_eur"] == Decimal("800.00")
    # 800 / 0,7 = 1.142,857…: 342,86 still to be declared for March
    assert cel["nog_te_declareren_eur"] == Decimal("342.86")
    assert cel["uitputting_eur"] == Decimal("1142.86")
    assert cel["completeringsfactor"] == pytest.approx(0.7)
    # April–December: last year's June (€ 500) × this year / last year up to March
    # (1.142,857… / 1.000)
    assert cel["nog_te_leveren_eur"] == Decimal("571.43")
    assert cel["prognose_jaar_eur"] == Decimal("1714.29")
    assert cel["begroting_eur"] == Decimal("2000.00")
    assert cel["aandeel_uitgeput"] == pytest.approx(1142.857142857 / 2000)
    assert cel["verwacht_resultaat_eur"] == Decimal("285.71")
    [alleen_begroting] = rijen(
        prognose_db,
        "select gerealiseerd_eur, prognose_jaar_eur, verwacht_resultaat_eur "
        "from marts.mart_prognose_gemeente_perceel where perceel = 'Dagbesteding'",
    )
    assert alleen_begroting == {
        "gerealiseerd_eur": Decimal("0.00"),
        "prognose_jaar_eur": Decimal("0.00"),
        "verwacht_resultaat_eur": Decimal("900.00"),
    }
    # 2023 is complete: no correction, nothing still to come.
    [vorig] = rijen(
        prognose_db,
        "select nog_te_declareren_eur, nog_te_leveren_eur, prognose_jaar_eur "
        "from marts.mart_prognose_gemeente_perceel where jaar = 2023",
    )
    assert vorig == {
        "nog_te_declareren_eur": Decimal("0.00"),
        "nog_te_leveren_eur": Decimal("0.00"),
        "prognose_jaar_eur": Decimal("1500.00"),
    }


def test_control_ziet_de_kleine_cel_niet_toezicht_wel(prognose_db) -> None:  # type: ignore[no-untyped-def]
    sql = (
        "select prognose_jaar_eur, gerealiseerd_eur, begroting_eur, is_afgeschermd, "
        "clienten_weergave from {} where jaar = 2024 and perceel = ?"
    )
    [control] = rijen(prognose_db, sql.format("rol_control.prognose"), PERCEEL)
    [toezicht] = rijen(prognose_db, sql.format("rol_toezicht.prognose"), PERCEEL)
    assert control == {
        "prognose_jaar_eur": None,
        "gerealiseerd_eur": None,
        "begroting_eur": Decimal("2000.00"),  # not client data
        "is_afgeschermd": True,
        "clienten_weergave": "<5",
    }
    assert toezicht["prognose_jaar_eur"] == Decimal("1714.29")
    assert toezicht["is_afgeschermd"] is False
    # Three clients in the history: the factors are shielded for control as well.
    factor = rijen(
        prognose_db,
        "select aandeel_gedeclareerd, is_afgeschermd from rol_control.completeringsfactoren "
        "where perceel = ? and maanden_na_zorgmaand = 1",
        PERCEEL,
    )
    assert factor == [{"aandeel_gedeclareerd": None, "is_afgeschermd": True}]


def test_rechtmatigheid_statussen_tellen_op_tot_het_totaal(tmp_path: Path) -> None:
    toewijzingen = [toewijzing("T1", "C1"), toewijzing("T2", "C2", einddatum="2024-03-15")]
    declaraties = [
        declaratie("R1", "C1", "T1"),  # rechtmatig: 12 × 70 = 840
        declaratie("R2", "C3", None, uren=2),  # no toewijzing: 140 hard onrechtmatig
        declaratie("R3", "C2", "T2", uren=6),  # half outside the toewijzing (buiten_periode)
        declaratie("R4", "C1", "T1", maand=4, uren=4),  # April: all rechtmatig
    ]
    con = bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties)
    cellen = rijen(
        con,
        "select * from marts.mart_rechtmatigheid_gemeente_perceel order by maand",
    )
    assert [c["maand"].month for c in cellen] == [3, 4]
    maart, april = cellen
    status = {
        r["declaratieregel_id"]: r
        for r in rijen(con, "select * from intermediate.int_declaratieregels_status")
    }
    hard = sum(
        (r["onrechtmatig_eur"] for r in status.values() if r["maand"].month == 3),
        Decimal(0),
    )
    assert maart["gedeclareerd_eur"] == Decimal("840.00") + Decimal("140.00") + Decimal("420.00")
    assert maart["onrechtmatig_eur"] == hard
    assert Decimal("140.00") < hard < Decimal("560.00")  # all of R2, part of R3
    assert maart["te_controleren_eur"] == 0
    for cel in cellen:
        assert (
            cel["onrechtmatig_eur"] + cel["te_controleren_eur"] + cel["rechtmatig_eur"]
            == cel["gedeclareerd_eur"]
        )
    assert april["rechtmatig_eur"] == april["gedeclareerd_eur"] == Decimal("280.00")
    # In total the statuses give exactly the declared euros of the region.
    [totaal] = rijen(
        con,
        "select sum(gedeclareerd_eur) as g, "
        "sum(onrechtmatig_eur + te_controleren_eur + rechtmatig_eur) as s "
        "from marts.mart_rechtmatigheid_gemeente_perceel",
    )
    assert totaal["g"] == totaal["s"] == Decimal("1680.00")


def test_verantwoording_in_drie_stappen(tmp_path: Path) -> None:
    toewijzingen = [toewijzing("T1", "C1"), toewijzing("T2", "C2", aanbieder_agb=AGB_B)]
    declaraties = [
        declaratie("A1", "C1", "T1"),  # AGB_A 2024: € 840
        declaratie("B1", "C2", "T2", aanbieder_agb=AGB_B, jaar=2023, maand=5),
    ]
    basis = {"aanbieder_agb": AGB_A, "jaar": "2024", "gemeentecode": GEMEENTE}
    verantwoording = [
        # voorlopig on time (before 1 February 2025), concept on the deadline itself (late),
        # no definitief (its deadline, 1 April 2025, has passed).
        basis | {"bedrag": "800.00", "stap": "voorlopig", "ontvangen_datum": "2025-01-20"},
        basis | {"bedrag": "830.00", "stap": "concept", "ontvangen_datum": "2025-03-01"},
        # An old file without steps: one definitive total.
        {"aanbieder_agb": AGB_B, "jaar": "2023", "gemeentecode": GEMEENTE, "bedrag": "840.00"},
    ]
    con = bouw(
        tmp_path, toewijzingen=toewijzingen, declaraties=declaraties, verantwoording=verantwoording
    )
    cyclus = {
        r["aanbieder_agb"]: r for r in rijen(con, "select * from marts.mart_verantwoording_cyclus")
    }
    a = cyclus[AGB_A]
    assert a["productcode"] == "alle producten"
    assert (a["voorlopig_status"], a["concept_status"], a["definitief_status"]) == (
        "ontvangen",
        "te laat",
        "ontbreekt",
    )
    assert str(a["voorlopig_uiterste_datum"]) == "2025-02-01"
    assert str(a["definitief_uiterste_datum"]) == "2025-04-01"
    assert a["vereiste_verantwoording"] == "bestuurdersverklaring"
    assert a["gedeclareerd_eur"] == Decimal("840.00")
    assert a["verantwoord_eur"] == Decimal("830.00")  # the furthest step that is in
    assert a["verschil_eur"] == Decimal("10.00")
    b = cyclus[AGB_B]
    assert (b["voorlopig_status"], b["concept_status"], b["definitief_status"]) == (
        "n.v.t.",
        "n.v.t.",
        "ontvangen",
    )
    # The turnover comparison (and KWA03) count the furthest step once, not the three summed.
    [omzet] = rijen(
        con,
        "select verantwoord_eur from marts.mart_verantwoording_omzet where aanbieder_agb = ?",
        AGB_A,
    )
    assert omzet["verantwoord_eur"] == Decimal("830.00")


def test_deadlines_zijn_instelbaar(tmp_path: Path) -> None:
    toewijzingen = [toewijzing("T1", "C1")]
    declaraties = [declaratie("A1", "C1", "T1")]
    verantwoording = [
        {
            "aanbieder_agb": AGB_A,
            "jaar": "2024",
            "gemeentecode": GEMEENTE,
            "bedrag": "840.00",
            "stap": "definitief",
            "ontvangen_datum": "2025-04-20",
        }
    ]
    con = bouw(
        tmp_path,
        drempels={"verantwoording_definitief_voor_maand": 5},
        toewijzingen=toewijzingen,
        declaraties=declaraties,
        verantwoording=verantwoording,
    )
    [rij] = rijen(
        con,
        "select definitief_uiterste_datum, definitief_status from marts.mart_verantwoording_cyclus",
    )
    assert str(rij["definitief_uiterste_datum"]) == "2025-05-01"
    assert rij["definitief_status"] == "ontvangen"
