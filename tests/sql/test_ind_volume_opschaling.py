"""VOL03: lopende cliënten opgeschaald bij herindicatie, tegen peers (issue #11, catalogus C2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import bouw, declaratie, signalen, toewijzing

Rijen = list[dict[str, Any]]


def _herindicatie(
    agb: str, client: str, oud: float, nieuw: float, *, reden: str = ""
) -> tuple[Rijen, Rijen]:
    """A client of `agb` at `oud` hours a week in the first half of 2024 and `nieuw` in the
    second half (a re-indication on 1 July), with the declarations at 90% of each."""
    toewijzingen = [
        toewijzing(
            f"{agb}-{client}-1",
            client,
            aanbieder_agb=agb,
            volume=f"{oud:g}",
            einddatum="2024-06-30",
            reden_wijziging=reden,
        ),
        toewijzing(
            f"{agb}-{client}-2",
            client,
            aanbieder_agb=agb,
            volume=f"{nieuw:g}",
            ingangsdatum="2024-07-01",
        ),
    ]
    declaraties = []
    for maand in range(1, 13):
        nummer = f"{agb}-{client}-{1 if maand <= 6 else 2}"
        uren = round((oud if maand <= 6 else nieuw) * 4 * 0.9, 2)
        declaraties.append(
            declaratie(
                f"{nummer}-{maand:02d}", client, nummer, maand=maand, uren=uren, aanbieder_agb=agb
            )
        )
    return toewijzingen, declaraties


def test_vol03_opschaling_van_lopende_clienten_tegen_peers(tmp_path: Path) -> None:
    toewijzingen: Rijen = []
    declaraties: Rijen = []

    def voeg_toe(rijen: tuple[Rijen, Rijen]) -> None:
        toewijzingen.extend(rijen[0])
        declaraties.extend(rijen[1])

    # Twenty peers: six re-indications each, one to more hours (3 → 4: +33%), one lower.
    for p in range(20):
        agb = f"460000{p:02d}"
        for c in range(6):
            nieuw = 4.0 if c == 0 else (2.0 if c == 1 else 3.0)
            voeg_toe(_herindicatie(agb, f"P{p}C{c}", 3.0, nieuw))
    # The intensifier: eight running clients, all re-indicated at 5 instead of 3 hours, the
    # old allocation ended at the provider's initiative (RedenWijziging 12).
    opschaler = "46009001"
    for c in range(8):
        voeg_toe(_herindicatie(opschaler, f"O{c}", 3.0, 5.0, reden="12"))
    # The same without RedenWijziging 12 and without requests: judged on the upward share.
    zonder_verzoek = "46009003"
    for c in range(8):
        voeg_toe(_herindicatie(zonder_verzoek, f"Z{c}", 3.0, 5.0))
    # A provider with only three re-indications, all upward: too few to judge.
    for c in range(3):
        voeg_toe(_herindicatie("46009002", f"K{c}", 3.0, 5.0))

    con = bouw(tmp_path, toewijzingen=toewijzingen, declaraties=declaraties)
    alle, eigen = "alle herindicaties", "op initiatief van de aanbieder"
    per_deel = {(s["aanbieder_agb"], s["reikwijdte"]): s for s in signalen(con, "VOL03")}

    # Judged twice, each part against its own expectation: all upward re-indications (8 of 8
    # against 1 in 6 at the peers) and those it asked for itself (no peer did).
    signaal = per_deel[(opschaler, eigen)]
    assert signaal["gemarkeerd"] is True
    assert signaal["waarde"] == 1.0
    assert signaal["referentiewaarde"] < 0.02
    assert signaal["categorie"] == "volume"
    assert "Van 8 herindicaties" in signaal["toelichting"]
    assert "Begeleiding 8 van 8 (peers 16,7%)" in signaal["toelichting"]
    assert "8 daarvan op initiatief of verzoek van de aanbieder zelf" in signaal["toelichting"]
    assert per_deel[(opschaler, alle)]["gemarkeerd"] is True

    ander = per_deel[(zonder_verzoek, alle)]
    assert ander["gemarkeerd"] is True
    assert ander["waarde"] == 1.0
    assert abs(ander["referentiewaarde"] - 1 / 6) < 1e-9
    assert "op initiatief" not in ander["toelichting"]
    assert per_deel[(zonder_verzoek, eigen)]["gemarkeerd"] is False  # it asked for none
    # Estimate: the raised allocations' euros × (1 − 3/5), for the part above the peers (1 − p0/p).
    meer = sum(
        float(d["ingediend_bedrag"])
        for d in declaraties
        if d["aanbieder_agb"] == zonder_verzoek and d["toewijzingnummer"].endswith("-2")
    ) * (1 - 3 / 5)
    assert abs(float(ander["financieel_belang"]) - meer * (1 - 1 / 6)) < 0.05
    assert ander["onrechtmatig_eur"] == 0  # an estimate, never unlawful money
    assert ander["geschat_belang_eur"] == ander["financieel_belang"]

    assert not any(agb == "46009002" for agb, _ in per_deel)
    assert not any(
        s["gemarkeerd"]
        for (agb, _), s in per_deel.items()
        if agb not in (opschaler, zonder_verzoek)
    )

    bewijs = con.execute(
        "SELECT bron, toewijzingnummer, toelichting FROM marts.mart_signaal_bewijsregels "
        "WHERE signaal_id = ? ORDER BY toewijzingnummer",
        [signaal["signaal_id"]],
    ).fetchall()
    assert len(bewijs) == 8
    assert all(b[0] == "toewijzing" and b[1].endswith("-2") for b in bewijs)
    assert "(02A16, 3,0 uur per week) naar 02A16, 5,0 uur per week" in bewijs[0][2]
    assert "initiatief van de aanbieder (12)" in bewijs[0][2]
