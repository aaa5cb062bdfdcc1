"""VOL02 (nieuwe aanbieder die snel groeit): a provider that starts in the window and takes in
clients far faster than established providers do is flagged; a new provider that grows by taking
over a stopping provider's clients is not (the takeover clients of VOL01 do not count)."""

from __future__ import annotations

import calendar
from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import bouw, declaratie, rijen, signalen, toewijzing

COWBOY = "46009001"
KOPER = "46009002"
VERKOPER = "46009003"


def _client(
    agb: str, client: str, maanden: list[tuple[int, int]], tabellen: dict[str, list[Any]]
) -> None:
    """An allocation for 2023–2024 and one declaration per (jaar, maand)."""
    nummer = f"T-{agb}-{client}"
    tabellen["toewijzingen"].append(
        toewijzing(
            nummer, client, aanbieder_agb=agb, ingangsdatum="2023-01-01", einddatum="2024-12-31"
        )
    )
    for jaar, maand in maanden:
        tabellen["declaraties"].append(
            declaratie(
                f"R{len(tabellen['declaraties'])}",
                client,
                nummer,
                jaar=jaar,
                maand=maand,
                aanbieder_agb=agb,
                declaratiedatum=f"{jaar}-{maand:02d}-{calendar.monthrange(jaar, maand)[1]}",
            )
        )


def _regio(tmp_path: Path, *, met_cowboy: bool):  # type: ignore[no-untyped-def]
    tabellen: dict[str, list[Any]] = {"toewijzingen": [], "declaraties": []}
    # Nine established providers from January 2023: 10 clients in stock, and 2–6 new clients
    # in 2024 (one every few months).
    for i in range(9):
        agb = f"4600{i:04d}"
        for c in range(10):
            _client(agb, f"{agb}-V{c}", [(2023, 1), (2024, 12)], tabellen)
        for k in range(2 + i % 5):
            _client(agb, f"{agb}-N{k}", [(2024, 1 + 2 * k)], tabellen)
    # A provider that stops at the end of June 2024; its 60 clients go to KOPER in July.
    for c in range(60):
        client = f"{VERKOPER}-C{c}"
        _client(VERKOPER, client, [(2023, 1), (2024, 6)], tabellen)
        _client(KOPER, client, [(2024, 7), (2024, 12)], tabellen)
    # KOPER is new in July 2024 and also takes in 10 clients of its own over half a year.
    for c in range(10):
        _client(KOPER, f"{KOPER}-E{c}", [(2024, 7 + c % 6)], tabellen)
    if met_cowboy:
        # New in April 2024: 90 clients in nine months.
        for c in range(90):
            _client(COWBOY, f"{COWBOY}-C{c}", [(2024, 4 + c % 9)], tabellen)
    return bouw(tmp_path, **tabellen)


def test_vol02_markeert_snelle_nieuwkomer_niet_de_overname(tmp_path: Path) -> None:
    con = _regio(tmp_path, met_cowboy=True)
    vol02 = {s["aanbieder_agb"]: s for s in signalen(con, "VOL02")}
    # Only new providers are judged: the established ones and the seller are not.
    assert set(vol02) == {COWBOY, KOPER}
    assert {agb for agb, s in vol02.items() if s["gemarkeerd"]} == {COWBOY}
    cowboy = vol02[COWBOY]
    assert cowboy["jaar"] == 2024
    assert cowboy["waarde"] == 10.0  # 90 clients in 9 months
    # Fewer than nieuw_min_peers other new providers: the established providers' inflow.
    assert "gevestigde aanbieders met hoofdperceel Begeleiding" in cowboy["peergroep"]
    assert "teruggevallen: 1 andere nieuwe aanbieders" in cowboy["peergroep"]
    assert cowboy["geschat_belang_eur"] > 25_000
    assert cowboy["onrechtmatig_eur"] == 0
    koper = vol02[KOPER]
    assert koper["waarde"] == 10 / 6  # own clients only
    assert "60 cliënten kwamen met een overname en tellen niet mee" in koper["toelichting"]
    bewijs = rijen(
        con,
        "SELECT count(*) AS n FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        cowboy["signaal_id"],
    )
    assert bewijs == [{"n": 90}]


def test_vol02_stil_zonder_snelle_nieuwkomer(tmp_path: Path) -> None:
    con = _regio(tmp_path, met_cowboy=False)
    vol02 = signalen(con, "VOL02")
    assert [s["aanbieder_agb"] for s in vol02] == [KOPER]
    assert not any(s["gemarkeerd"] for s in vol02)
