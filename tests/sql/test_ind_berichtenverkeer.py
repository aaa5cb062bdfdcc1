"""SPK06 (declaratiegedrag: afgewezen, herdeclaratie, laat) and UPC05 (opwaartse verzoeken)
against peers: a small region where the signal fires and the same region where it does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import antwoord, bouw, declaratie, rijen, signalen, toewijzing

MAANDEN = (3, 4, 5)


def _aanbieder(
    agb: str, *, afgewezen: int = 0, laat: int = 0, clienten: int = 12
) -> dict[str, list[dict[str, Any]]]:
    """A provider with `clienten` clients, each declared for March–May 2024. The first
    `afgewezen` clients have their March line rejected by the gemeente and declared again; the
    next `laat` clients have their May line declared half a year late."""
    tabellen: dict[str, list[dict[str, Any]]] = {
        "toewijzingen": [],
        "declaraties": [],
        "declaratie_antwoorden": [],
    }
    for c in range(clienten):
        client = f"{agb}-C{c}"
        nummer = f"{agb}-T{c}"
        tabellen["toewijzingen"].append(toewijzing(nummer, client, aanbieder_agb=agb))
        for maand in MAANDEN:
            referentie = f"{agb}-{c}-{maand}"
            datum = f"2024-{maand + 1:02d}-05"
            if c >= afgewezen and c < afgewezen + laat and maand == 5:
                datum = "2024-12-01"
            tabellen["declaraties"].append(
                declaratie(
                    referentie,
                    client,
                    nummer,
                    maand=maand,
                    aanbieder_agb=agb,
                    declaratiedatum=datum,
                )
            )
            if c < afgewezen and maand == 3:
                tabellen["declaratie_antwoorden"].append(
                    antwoord(referentie, "nee", aanbieder_agb=agb, retourcode="9321")
                )
                tabellen["declaraties"].append(
                    declaratie(
                        referentie + "-2",
                        client,
                        nummer,
                        maand=maand,
                        aanbieder_agb=agb,
                        declaratiedatum="2024-06-01",
                    )
                )
    return tabellen


def _regio(tmp_path: Path, *aanbieders: dict[str, list[dict[str, Any]]]):  # type: ignore[no-untyped-def]
    samen: dict[str, list[dict[str, Any]]] = {}
    for tabellen in aanbieders:
        for naam, rij in tabellen.items():
            samen.setdefault(naam, []).extend(rij)
    return bouw(tmp_path, **samen)


def _eerlijke_peers() -> list[dict[str, list[dict[str, Any]]]]:
    # Twelve ordinary providers: now and then a rejection or a late line.
    return [
        _aanbieder(f"4400{i:04d}", afgewezen=i % 2, laat=1 if i % 3 == 0 else 0) for i in range(12)
    ]


def test_spk06_gaat_af_bij_veel_afwijzingen_en_herdeclaraties(tmp_path: Path) -> None:
    con = _regio(
        tmp_path,
        *_eerlijke_peers(),
        _aanbieder("44009001", afgewezen=8, laat=3),
        # Same pattern but only 4 clients: too few to judge.
        _aanbieder("44009002", afgewezen=3, laat=1, clienten=4),
    )
    spk06 = {s["aanbieder_agb"]: s for s in signalen(con, "SPK06")}
    assert {agb for agb, s in spk06.items() if s["gemarkeerd"]} == {"44009001"}
    assert "44009002" not in spk06
    opvallend = spk06["44009001"]
    # 36 + 8 re-declared lines; 8 rejected + 8 re-declarations + 3 late are notable.
    assert opvallend["waarde"] == 19 / 44
    assert opvallend["referentiewaarde"] < 0.1
    assert "8 afgewezen door de gemeente" in opvallend["toelichting"]
    assert "€ 6.720 werd afgewezen en niet betaald" in opvallend["toelichting"]
    assert "andere aanbieders" in opvallend["peergroep"]
    bewijs = rijen(
        con,
        "SELECT toelichting, onrechtmatig_eur FROM marts.mart_signaal_bewijsregels "
        "WHERE signaal_id = ?",
        opvallend["signaal_id"],
    )
    assert len(bewijs) == 19
    assert all(b["onrechtmatig_eur"] == 0 for b in bewijs)
    assert sum("afgewezen door de gemeente" in b["toelichting"] for b in bewijs) == 8
    # The rejected lines are never counted as paid or unlawful.
    [jaar] = rijen(
        con,
        "SELECT gedeclareerd_eur, afgewezen_eur FROM intermediate.int_aanbieder_jaar "
        "WHERE aanbieder_agb = '44009001'",
    )
    assert jaar == {"gedeclareerd_eur": 36 * 840, "afgewezen_eur": 8 * 840}


def test_spk06_stil_in_een_gewone_regio(tmp_path: Path) -> None:
    con = _regio(tmp_path, *_eerlijke_peers(), _aanbieder("44009001", afgewezen=1, laat=1))
    spk06 = signalen(con, "SPK06")
    assert len(spk06) == 13
    assert not any(s["gemarkeerd"] for s in spk06)


# --- UPC05: verzoeken om een zwaardere of grotere toewijzing --------------------------------

PERCEEL = "Ondersteuning thuis"
CODES = {1: "09Z01", 2: "09Z02", 3: "09Z03"}
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
    {"productcode": code, "geldig_vanaf": "2024-01-01", "geldig_tot": "2024-12-31", "tarief": t}
    for code, t in (("09Z01", "55.00"), ("09Z02", "65.00"), ("09Z03", "85.00"))
]


def _verzoeker(agb: str, *, zwaarder: int, meer: int = 0, verzoeken: int = 12) -> dict:
    """A provider whose clients all hold level 2 at 3 hours a week; it sends `verzoeken` 317
    requests: `zwaarder` ask for level 3, `meer` for 5 hours of level 2, the rest for the same.
    The gemeente grants every request (a 319 'toegekend')."""
    tabellen: dict[str, list[dict[str, Any]]] = {"toewijzingen": [], "verzoeken": []}
    for c in range(verzoeken):
        client = f"{agb}-C{c}"
        nummer = f"{agb}-T{c}"
        tabellen["toewijzingen"].append(
            toewijzing(
                nummer,
                client,
                aanbieder_agb=agb,
                productcategorie="09",
                productcode=CODES[2],
                toewijzingsdatum="2023-12-01",
            )
        )
        niveau = 3 if c < zwaarder else 2
        uren = "5" if zwaarder <= c < zwaarder + meer else "3"
        verzoek = {
            "verzoeknummer": f"{agb}-V{c}",
            "soort": "317",
            "aanbieder_agb": agb,
            "gemeentecode": "0321",
            "client_id": client,
            "toewijzingnummer": nummer,
            "productcategorie": "09",
            "productcode": CODES[niveau],
            "volume": uren,
            "eenheid": "04",
            "frequentie": "2",
            "ingangsdatum": "2024-07-01",
            "einddatum": "2024-12-31",
            "verzoekdatum": "2024-06-10",
        }
        antwoord_319 = {
            "verzoeknummer": f"{agb}-V{c}",
            "soort": "317",
            "aanbieder_agb": agb,
            "gemeentecode": "0321",
            "client_id": client,
            "uitkomst": "toegekend",
        }
        tabellen["verzoeken"] += [verzoek, antwoord_319]
    return tabellen


def _verzoek_regio(tmp_path: Path, *aanbieders: dict):  # type: ignore[no-untyped-def]
    samen: dict[str, list[dict[str, Any]]] = {"producten": PRODUCTEN, "tarieven": TARIEVEN}
    for tabellen in aanbieders:
        for naam, rij in tabellen.items():
            samen.setdefault(naam, []).extend(rij)
    return bouw(tmp_path, **samen)


def _gewone_verzoekers() -> list[dict]:
    return [_verzoeker(f"4500{i:04d}", zwaarder=i % 3, meer=1) for i in range(12)]


def test_upc05_gaat_af_bij_veel_opwaartse_verzoeken(tmp_path: Path) -> None:
    con = _verzoek_regio(
        tmp_path,
        *_gewone_verzoekers(),
        _verzoeker("45009001", zwaarder=8, meer=2),
        # Every request upward, but only 3 of them: not judged.
        _verzoeker("45009002", zwaarder=3, verzoeken=3),
    )
    upc05 = {s["aanbieder_agb"]: s for s in signalen(con, "UPC05")}
    assert {agb for agb, s in upc05.items() if s["gemarkeerd"]} == {"45009001"}
    assert "45009002" not in upc05
    opwaarts = upc05["45009001"]
    assert opwaarts["perceel"] == PERCEEL
    assert opwaarts["waarde"] == 10 / 12
    assert opwaarts["referentiewaarde"] < 0.25
    assert "8 een zwaarder product, 2 meer volume" in opwaarts["toelichting"]
    assert "de gemeente volgde 10 van de 10 opwaartse verzoeken" in opwaarts["toelichting"]
    bewijs = rijen(
        con,
        "SELECT referentienummer, toelichting FROM marts.mart_signaal_bewijsregels "
        "WHERE signaal_id = ? ORDER BY referentienummer",
        opwaarts["signaal_id"],
    )
    assert len(bewijs) == 10
    assert bewijs[0]["toelichting"] == (
        "WMO317 45009001-V0: vraagt 09Z03 (intensiteit 3) waar 09Z02 (intensiteit 2) is "
        "toegewezen; uitkomst: toegekend"
    )
    assert "vraagt 5,0 uur per week waar 3,0 is toegewezen" in bewijs[-1]["toelichting"]


def test_upc05_stil_in_een_gewone_regio(tmp_path: Path) -> None:
    con = _verzoek_regio(tmp_path, *_gewone_verzoekers(), _verzoeker("45009001", zwaarder=2))
    upc05 = signalen(con, "UPC05")
    assert len(upc05) == 13
    assert not any(s["gemarkeerd"] for s in upc05)


def test_spk06_groot_en_boven_de_drempel_maar_geen_veelvoud_van_de_peers(tmp_path: Path) -> None:
    """A large provider a little above its peers (9% late lines against some 4%) passes the
    z-test on its size alone; it is flagged only from peer_min_factor times the peer share."""
    con = _regio(tmp_path, *_eerlijke_peers(), _aanbieder("44009003", laat=108, clienten=400))
    [groot] = [s for s in signalen(con, "SPK06") if s["aanbieder_agb"] == "44009003"]
    assert groot["waarde"] == 108 / 1200
    assert 2 < groot["waarde"] / groot["referentiewaarde"] < 3
    [boven_drempel] = con.execute(
        "SELECT is_boven_drempel FROM indicators.ind_spookzorg_declaratiegedrag "
        "WHERE aanbieder_agb = '44009003'"
    ).fetchone()
    assert boven_drempel is True
    assert groot["gemarkeerd"] is False
