"""KWA08 (creditratio): a provider that credits and re-declares far more of its lines than its
peers is flagged; ordinary corrections (now and then one credit) flag nobody."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import bouw, declaratie, rijen, signalen, toewijzing

MAANDEN = (3, 4, 5)


def _aanbieder(agb: str, *, gecrediteerd: int = 0) -> dict[str, list[dict[str, Any]]]:
    """12 clients declared for March–May 2024; the March line of the first `gecrediteerd`
    clients is credited (TR323) and declared again, above 12 also their April line."""
    toewijzingen, declaraties = [], []
    for c in range(12):
        client, nummer = f"{agb}-C{c}", f"{agb}-T{c}"
        toewijzingen.append(toewijzing(nummer, client, aanbieder_agb=agb))
        for maand in MAANDEN:
            referentie = f"{agb}-{c}-{maand}"
            declaraties.append(
                declaratie(
                    referentie,
                    client,
                    nummer,
                    maand=maand,
                    aanbieder_agb=agb,
                    declaratiedatum=f"2024-{maand + 1:02d}-05",
                )
            )
            if (maand == 3 and c < gecrediteerd) or (maand == 4 and c + 12 < gecrediteerd):
                declaraties.append(
                    declaratie(
                        referentie + "C",
                        client,
                        nummer,
                        maand=maand,
                        aanbieder_agb=agb,
                        debet_credit="C",
                        vorig_referentienummer=referentie,
                        declaratiedatum="2024-05-20",
                    )
                )
                declaraties.append(
                    declaratie(
                        referentie + "-2",
                        client,
                        nummer,
                        maand=maand,
                        aanbieder_agb=agb,
                        declaratiedatum="2024-05-21",
                    )
                )
    return {"toewijzingen": toewijzingen, "declaraties": declaraties}


def _regio(tmp_path: Path, *aanbieders: dict[str, list[dict[str, Any]]]):  # type: ignore[no-untyped-def]
    samen: dict[str, list[dict[str, Any]]] = {}
    for tabellen in aanbieders:
        for naam, rij in tabellen.items():
            samen.setdefault(naam, []).extend(rij)
    return bouw(tmp_path, **samen)


def _eerlijke_peers() -> list[dict[str, list[dict[str, Any]]]]:
    # Twelve ordinary providers: now and then one correction.
    return [_aanbieder(f"4500{i:04d}", gecrediteerd=i % 2) for i in range(12)]


def test_kwa08_gaat_af_bij_veel_correcties(tmp_path: Path) -> None:
    con = _regio(tmp_path, *_eerlijke_peers(), _aanbieder("45009001", gecrediteerd=16))
    kwa08 = {s["aanbieder_agb"]: s for s in signalen(con, "KWA08")}
    assert {agb for agb, s in kwa08.items() if s["gemarkeerd"]} == {"45009001"}
    opvallend = kwa08["45009001"]
    # 36 + 16 re-declared debet lines, of which 16 were credited (z 3,6: above z_drempel 3,3).
    assert opvallend["waarde"] == 16 / 52
    assert opvallend["referentiewaarde"] < 0.02
    assert "16 regels, € 13.440 van € 43.680" in opvallend["toelichting"]
    # A correction is booked back: no money in either column of the mart.
    assert opvallend["onrechtmatig_eur"] == 0
    assert opvallend["geschat_belang_eur"] == 0
    bewijs = rijen(
        con,
        "SELECT toelichting, bedrag_eur FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        opvallend["signaal_id"],
    )
    assert len(bewijs) == 16
    assert all("later gecrediteerd" in b["toelichting"] for b in bewijs)
    # Single corrections are not herdeclaraties for SPK06 (that needs two credits or a
    # rejection): no double signal on the same lines.
    assert not any(s["gemarkeerd"] for s in signalen(con, "SPK06"))


def test_kwa08_stil_bij_gewone_correcties(tmp_path: Path) -> None:
    con = _regio(tmp_path, *_eerlijke_peers(), _aanbieder("45009001", gecrediteerd=1))
    kwa08 = signalen(con, "KWA08")
    assert len(kwa08) == 13
    assert not any(s["gemarkeerd"] for s in kwa08)
