"""Upcoding indicators UPC01–UPC04: given these toewijzingen/declaraties, expect these signals.

The fixtures use their own product catalogue (codes 09Z01–09Z03 in perceel 'Ondersteuning
thuis'), so the indicators are shown to work from producten.perceel/intensiteit alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import bouw, declaratie, signalen, toewijzing

PERCEEL = "Ondersteuning thuis"
CODES = {1: "09Z01", 2: "09Z02", 3: "09Z03"}  # intensiteit → productcode
TARIEF = {1: 55.0, 2: 65.0, 3: 85.0}

PRODUCTEN = [
    {
        "productcategorie": "09",
        "productcode": code,
        "omschrijving": f"Ondersteuning niveau {niveau}",
        "perceel": PERCEEL,
        "intensiteit": str(niveau),
        "eenheid": "04",
    }
    for niveau, code in CODES.items()
]
TARIEVEN = [
    {
        "productcode": CODES[niveau],
        "geldig_vanaf": f"{jaar}-01-01",
        "geldig_tot": f"{jaar}-12-31",
        "tarief": f"{tarief:.2f}",
    }
    for niveau, tarief in TARIEF.items()
    for jaar in (2023, 2024)
]


def _zorg(
    nummer: str,
    client: str,
    *,
    toegewezen: int | None,
    gedeclareerd: int,
    agb: str = "41000001",
    jaar: int = 2024,
    tarief: float | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One allocation (at product level, or category level when `toegewezen` is None) and one
    declaration of 12 hours in March of `jaar`."""
    prijs = TARIEF[gedeclareerd] if tarief is None else tarief
    return (
        toewijzing(
            nummer,
            client,
            aanbieder_agb=agb,
            productcategorie="09",
            productcode=CODES[toegewezen] if toegewezen else "",
            ingangsdatum=f"{jaar}-01-01",
            einddatum=f"{jaar}-12-31",
        ),
        declaratie(
            f"{nummer}-D",
            client,
            nummer,
            jaar=jaar,
            maand=3,
            uren=12,
            tarief=prijs,
            aanbieder_agb=agb,
            productcategorie="09",
            productcode=CODES[gedeclareerd],
        ),
    )


def _bouw(tmp_path: Path, paren: list[tuple[dict[str, Any], dict[str, Any]]]):  # type: ignore[no-untyped-def]
    """The database of these (toewijzing, declaratie) pairs, with this file's products and
    tariffs."""
    return bouw(
        tmp_path,
        producten=PRODUCTEN,
        tarieven=TARIEVEN,
        toewijzingen=[t for t, _ in paren],
        declaraties=[d for _, d in paren],
    )


def test_upc03_en_upc04_regelsignalen(tmp_path: Path) -> None:
    paren = [
        # Allocated level 2, declared level 3: upcoding, € 20 × 12 hours.
        _zorg("ZWAARDER", "C1", toegewezen=2, gedeclareerd=3),
        # Allocated at category level: the provider chooses the product, nothing to compare.
        _zorg("CATEGORIE", "C2", toegewezen=None, gedeclareerd=3),
        # Declared a lighter product than allocated: a mismatch (SPK01), not upcoding.
        _zorg("LICHTER", "C3", toegewezen=2, gedeclareerd=1),
        # The allocated product at 12% above the contract tariff: € 7,80 × 12 hours.
        _zorg("DUUR", "C4", toegewezen=2, gedeclareerd=2, tarief=72.80),
        # Exactly the contract tariff.
        _zorg("GOED", "C5", toegewezen=2, gedeclareerd=2),
    ]
    con = _bouw(tmp_path, paren)
    [upc03] = signalen(con, "UPC03")
    assert upc03["financieel_belang"] == 240.0
    assert upc03["aantal_clienten"] == 1
    assert upc03["gemarkeerd"] is False  # € 240 is below materieel_min_eur
    assert "09Z03 waar 09Z02 is toegewezen" in upc03["toelichting"]
    [bewijs] = con.execute(
        "SELECT referentienummer, onrechtmatig_eur FROM marts.mart_signaal_bewijsregels "
        "WHERE signaal_id = ?",
        [upc03["signaal_id"]],
    ).fetchall()
    assert bewijs == ("ZWAARDER-D", 240.0)

    [spk01] = signalen(con, "SPK01")
    assert spk01["financieel_belang"] == 12 * TARIEF[1]  # only the lighter product

    [upc04] = signalen(con, "UPC04")
    assert abs(float(upc04["financieel_belang"]) - 7.80 * 12) < 0.01
    assert upc04["aantal_clienten"] == 1
    assert "12,0% boven het contracttarief" in upc04["toelichting"]


def _aanbieder(agb: str, jaar: int, aantallen: dict[int, int]) -> list[tuple[dict, dict]]:
    """A provider with the given number of clients per intensiteit, each allocated and declared
    at that level."""
    paren = []
    for niveau, aantal in aantallen.items():
        for c in range(aantal):
            nummer = f"{agb}-{jaar}-{niveau}-{c}"
            paren.append(
                _zorg(
                    nummer,
                    f"{agb}-{niveau}-{c}",
                    toegewezen=niveau,
                    gedeclareerd=niveau,
                    agb=agb,
                    jaar=jaar,
                )
            )
    return paren


def test_upc01_en_upc02_tiermix_tegen_peers(tmp_path: Path) -> None:
    paren = []
    for jaar in (2023, 2024):
        # Twenty honest providers with the full range: about 20% at the heaviest level. (With
        # fewer, two outliers among a dozen providers would widen the overdispersion
        # correction enough to hide each other.)
        for i in range(20):
            zwaar = 7 + i % 3
            paren += _aanbieder(f"4300{i:04d}", jaar, {1: 12, 2: 28 - zwaar, 3: zwaar})
        # Heavy mix in both years: an outlier in UPC01, but no shift for UPC02.
        paren += _aanbieder("43009001", jaar, {1: 12, 2: 6, 3: 22})
        # Shifts from an honest mix to 60% heaviest in 2024.
        schuif = {1: 12, 2: 20, 3: 8} if jaar == 2023 else {1: 12, 2: 4, 3: 24}
        paren += _aanbieder("43009002", jaar, schuif)
        # Specialist: only the heaviest level (two stray clients do not make a mix).
        paren += _aanbieder("43009003", jaar, {2: 2, 3: 40})
        # Small provider with 3 clients, two of them heavy: noise, not judged.
        paren += _aanbieder("43009004", jaar, {1: 1, 3: 2})
        # Offers only levels 1 and 2: too few peers with exactly that offer, so compared with
        # every provider that offers at least 1 and 2, counted on those levels.
        paren += _aanbieder("43009005", jaar, {1: 16, 2: 24})

    con = _bouw(tmp_path, paren)

    upc01 = {(s["aanbieder_agb"], s["jaar"]): s for s in signalen(con, "UPC01")}
    gemarkeerd = {k for k, s in upc01.items() if s["gemarkeerd"]}
    assert gemarkeerd == {("43009001", 2023), ("43009001", 2024), ("43009002", 2024)}

    zwaar = upc01[("43009001", 2024)]
    assert zwaar["perceel"] == PERCEEL
    assert zwaar["waarde"] == 22 / 40
    assert 0.2 < zwaar["referentiewaarde"] < 0.3
    assert zwaar["peergroep"].startswith("21 aanbieders van Ondersteuning thuis met hetzelfde")
    # (22 − expected at the peer share) × (€ 85 − average € of a lighter client) × 12 hours.
    verwacht = zwaar["referentiewaarde"] * 40
    lichter = (12 * TARIEF[1] + 6 * TARIEF[2]) / 18
    belang = float(zwaar["financieel_belang"])
    assert abs(belang - (22 - verwacht) * 12 * (TARIEF[3] - lichter)) < 0.01

    # The specialist and the small provider get no judgement at all.
    assert not any(agb in ("43009003", "43009004") for agb, _ in upc01)
    terugval = upc01[("43009005", 2024)]
    assert terugval["gemarkeerd"] is False
    assert "teruggevallen op het hele perceel" in terugval["peergroep"]
    assert "minstens intensiteiten 1, 2" in terugval["peergroep"]

    upc02 = {(s["aanbieder_agb"], s["jaar"]): s for s in signalen(con, "UPC02")}
    assert {k for k, s in upc02.items() if s["gemarkeerd"]} == {("43009002", 2024)}
    schuiver = upc02[("43009002", 2024)]
    assert schuiver["waarde"] == 0.6
    assert abs(schuiver["referentiewaarde"] - 0.2) < 0.01
    assert "ging van 20,0% in 2023 naar 60,0%" in schuiver["toelichting"]
    assert upc02[("43009001", 2024)]["gemarkeerd"] is False  # heavy, but not newly so

    bewijs = con.execute(
        "SELECT count(*) FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        [schuiver["signaal_id"]],
    ).fetchone()
    assert bewijs == (16,)  # the heavy clients of 2024 that were not heavy in 2023
