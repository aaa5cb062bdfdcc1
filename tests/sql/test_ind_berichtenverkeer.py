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
