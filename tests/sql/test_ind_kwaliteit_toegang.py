"""KWA05 "Veel signalen van de toegang per cliënt" and the marts behind the provider page:
given these rows, expect these signals and these counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from tests.sql.kleine_regio import bouw, declaratie, rijen, signalen, toewijzing

Rijen = list[dict[str, Any]]

PEERS = [f"4800000{p}" for p in range(8)]
VEEL = "48000009"  # 20 clients, 20 signals: flagged
GROOT = "48000010"  # the same 20 signals, but 200 clients: in line with the peers
KLEIN = "48000011"  # 3 clients, 4 signals: many per client, too few to mean anything


def _clienten(agb: str, aantal: int) -> tuple[Rijen, Rijen]:
    """`aantal` clients with one allocation and one declaration each in March 2024."""
    toewijzingen: Rijen = []
    declaraties: Rijen = []
    for i in range(aantal):
        nummer = f"{agb[-3:]}-{i}"
        client = f"{agb[-3:]}C{i}"
        toewijzingen.append(toewijzing(nummer, client, aanbieder_agb=agb))
        declaraties.append(declaratie(nummer, client, nummer, maand=3, aanbieder_agb=agb))
    return toewijzingen, declaraties


def _meldingen(agb: str, soort: str, aantal: int, omschrijving: str = "") -> Rijen:
    # Spread over the months: January–March is kwartaal 1, and so on.
    return [
        {
            "aanbieder_agb": agb,
            "datum": f"2024-{1 + i % 12:02d}-15",
            "soort": soort,
            "omschrijving": omschrijving,
        }
        for i in range(aantal)
    ]


def _regio(tmp_path: Path, drempels: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    toewijzingen: Rijen = []
    declaraties: Rijen = []
    for agb, aantal in [*((p, 20) for p in PEERS), (VEEL, 20), (GROOT, 200), (KLEIN, 3)]:
        t, d = _clienten(agb, aantal)
        toewijzingen += t
        declaraties += d
    meldingen = [
        # Peers: 4 signals among 160 clients.
        *[m for p in PEERS[:4] for m in _meldingen(p, "signaal toegang", 1)],
        *_meldingen(VEEL, "signaal toegang", 16, "Cliënt meldt minder uren dan toegewezen"),
        # Another soort that no other indicator uses counts too (soort is lower-cased).
        *_meldingen(VEEL, "Signaal Wijkteam", 4, "Ondersteuningsplan ontbreekt"),
        *_meldingen(GROOT, "signaal toegang", 20),
        # Complaints and calamities are KWA02's, the survey score is no melding: not counted.
        *_meldingen(GROOT, "klacht", 30),
        *_meldingen(GROOT, "calamiteit", 5),
        {"aanbieder_agb": GROOT, "datum": "2024-11-30", "soort": "cliëntervaring", "waarde": "7"},
        *_meldingen(KLEIN, "signaal toegang", 4),
    ]
    return bouw(
        tmp_path,
        drempels=drempels,
        toewijzingen=toewijzingen,
        declaraties=declaraties,
        meldingen=meldingen,
    )


def test_kwa05_veel_signalen_per_100_clienten(tmp_path: Path) -> None:
    con = _regio(tmp_path)
    rijen_ = {s["aanbieder_agb"]: s for s in signalen(con, "KWA05")}

    signaal = rijen_[VEEL]
    assert signaal["gemarkeerd"] is True
    assert signaal["categorie"] == "kwaliteit"
    assert signaal["financieel_belang"] == 0.0
    assert signaal["aantal_clienten"] == 20
    # Pooled over the providers with at least min_clienten (10) clients: (4 + 20 + 20) / 380.
    assert abs(signaal["referentiewaarde"] - 100 * 44 / 380) < 1e-9
    # After shrinkage (10 extra clients at the peer rate) far above the peers, below the raw 100.
    assert 100 * 44 / 380 < signaal["waarde"] < 100
    assert signaal["afwijking"] > 3
    assert signaal["toelichting"].startswith("20 signalen van de toegang bij 20 cliënten: 100,0")

    # The same 20 signals among ten times the clients: 10 per 100, below the peer rate.
    assert GROOT not in rijen_ or rijen_[GROOT]["gemarkeerd"] is False
    # 4 signals among 3 clients: shrinkage and min_clienten keep it from flagging.
    assert KLEIN not in rijen_ or rijen_[KLEIN]["gemarkeerd"] is False

    bewijs = rijen(
        con,
        "SELECT begindatum, toelichting FROM marts.mart_signaal_bewijsregels "
        "WHERE signaal_id = ? ORDER BY begindatum, toelichting",
        signaal["signaal_id"],
    )
    assert len(bewijs) == 20
    assert {b["toelichting"] for b in bewijs} == {
        "signaal toegang: Cliënt meldt minder uren dan toegewezen",
        "signaal wijkteam: Ondersteuningsplan ontbreekt",
    }


def test_kwa05_onder_het_minimum_aantal_niet_gemarkeerd(tmp_path: Path) -> None:
    # The same region with the minimum one above VEEL's 20 signals: the deviation stays, the
    # mark goes, and the explanation says why.
    con = _regio(tmp_path, drempels={"toegang_min_signalen": 21})
    [signaal] = [s for s in signalen(con, "KWA05") if s["aanbieder_agb"] == VEEL]
    assert signaal["afwijking"] > 3
    assert signaal["gemarkeerd"] is False
    assert "minder dan 21 signalen in het jaar" in signaal["toelichting"]


def test_kwa05_klachten_tellen_niet_en_kwa02_telt_geen_toegang(tmp_path: Path) -> None:
    con = _regio(tmp_path)
    waarneming = {
        r["aanbieder_agb"]: r
        for r in rijen(
            con,
            "SELECT aanbieder_agb, aantal_signalen FROM "
            "intermediate.int_waarneming_kwaliteit_toegang WHERE jaar = 2024",
        )
    }
    assert waarneming[GROOT]["aantal_signalen"] == 20  # not the 35 klachten and calamiteiten
    assert waarneming[PEERS[7]]["aantal_signalen"] == 0  # no signals is zero, not missing
    kwa02 = rijen(
        con,
        "SELECT aanbieder_agb, aantal_meldingen "
        "FROM intermediate.int_waarneming_kwaliteit_meldingen "
        "WHERE aanbieder_agb = ?",
        VEEL,
    )
    assert kwa02 == [] or kwa02[0]["aantal_meldingen"] == 0


def test_kwa05_zonder_signalen_van_de_toegang_geen_waarneming(tmp_path: Path) -> None:
    # Only klachten supplied: a region that does not pass on toegang signals is not judged.
    t, d = _clienten(VEEL, 20)
    con = bouw(
        tmp_path,
        toewijzingen=t,
        declaraties=d,
        meldingen=_meldingen(VEEL, "klacht", 5),
    )
    assert signalen(con, "KWA05") == []
    assert rijen(con, "SELECT * FROM intermediate.int_waarneming_kwaliteit_toegang") == []


def test_telling_per_kwartaal_schermt_kleine_aantallen_af(tmp_path: Path) -> None:
    con = _regio(tmp_path)
    telling = rijen(
        con,
        "SELECT kwartaal, soort, aantal, is_afgeschermd, aantal_getoond "
        "FROM marts.mart_toegangssignalen_telling WHERE aanbieder_agb = ? ORDER BY kwartaal, soort",
        VEEL,
    )
    # 16 'signaal toegang' over months 1–12, 1–4: 6 in Q1 (1,2,3 twice), 4, 3, 3; 'signaal
    # wijkteam' 3 in Q1 and 1 in Q2. Below min_celgrootte (5) is hidden, and Q1 'signaal
    # toegang' (6) is the only one shown.
    assert [(r["kwartaal"], r["soort"], r["aantal"]) for r in telling] == [
        (1, "signaal toegang", 6),
        (1, "signaal wijkteam", 3),
        (2, "signaal toegang", 4),
        (2, "signaal wijkteam", 1),
        (3, "signaal toegang", 3),
        (4, "signaal toegang", 3),
    ]
    assert [r["aantal_getoond"] for r in telling] == [6, None, None, None, None, None]
    assert [r["is_afgeschermd"] for r in telling] == [False, True, True, True, True, True]


def test_telling_schermt_ook_een_tweede_cel_af_als_er_maar_een_klein_is(tmp_path: Path) -> None:
    con = _regio(tmp_path, drempels={"min_celgrootte": 2})
    telling = rijen(
        con,
        "SELECT kwartaal, soort, aantal, aantal_getoond "
        "FROM marts.mart_toegangssignalen_telling WHERE aanbieder_agb = ? ORDER BY kwartaal, soort",
        VEEL,
    )
    # Only Q2 'signaal wijkteam' (1) is below 2; alone, it could be found as the yearly total
    # (20, in the KWA05 explanation) minus the others, so the smallest other cell (3: Q1
    # 'signaal wijkteam', first by kwartaal) is hidden as well.
    assert [r["aantal_getoond"] for r in telling] == [6, None, 4, None, 3, 3]
