"""SPK07 (declaraties zonder startbericht), KWA06 (wachttijd tot de start) and KWA07 (slapende
toewijzingen) against peers: small regions where the signal fires, and the same regions where
it must stay quiet (ordinary behaviour, no meldingen loaded, meldingen that begin late)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import (
    AGB_B,
    bouw,
    declaratie,
    rijen,
    signalen,
    toewijzing,
    zorgperiode,
)

Tabellen = dict[str, list[dict[str, Any]]]
MAANDEN = (3, 4, 5)


def _anker() -> Tabellen:
    """Another provider's long-running client whose 305 (January 2023) and 307 (December 2024)
    open and close the window of loaded meldingen for the gemeente."""
    return {
        "toewijzingen": [
            toewijzing(
                "ANKER", "C-ANKER", aanbieder_agb=AGB_B, ingangsdatum="2023-01-01"
            )
        ],
        "zorgperiodes": [
            zorgperiode("ANKER", "C-ANKER", "2023-01-02", aanbieder_agb=AGB_B),
            zorgperiode("ANKER", "C-ANKER", "2023-01-02", "2024-12-31", aanbieder_agb=AGB_B),
        ],
    }


def _zonder_start_aanbieder(
    agb: str, *, zonder_start: int = 0, late_start: int = 0, clienten: int = 12
) -> Tabellen:
    """A provider with `clienten` clients allocated from 1 February 2024 and declared for
    March–May 2024. The first `zonder_start` never get a 305; the next `late_start` get a 305
    that begins on 1 May (two months after the first prestatie); the others start on 1 March."""
    tabellen: Tabellen = {"toewijzingen": [], "declaraties": [], "zorgperiodes": []}
    for c in range(clienten):
        client = f"{agb}-C{c}"
        nummer = f"{agb}-T{c}"
        tabellen["toewijzingen"].append(
            toewijzing(nummer, client, aanbieder_agb=agb, ingangsdatum="2024-02-01")
        )
        if c >= zonder_start:
            begin = "2024-05-01" if c < zonder_start + late_start else "2024-03-01"
            tabellen["zorgperiodes"].append(zorgperiode(nummer, client, begin, aanbieder_agb=agb))
        for maand in MAANDEN:
            tabellen["declaraties"].append(
                declaratie(f"{agb}-{c}-{maand}", client, nummer, maand=maand, aanbieder_agb=agb)
            )
    return tabellen


def _samen(*delen: Tabellen) -> Tabellen:
    samen: Tabellen = {}
    for tabellen in delen:
        for naam, rij in tabellen.items():
            samen.setdefault(naam, []).extend(rij)
    return samen


def _eerlijke_starters() -> list[Tabellen]:
    # Twelve ordinary providers: now and then one client whose 305 never came.
    return [
        _zonder_start_aanbieder(f"4500{i:04d}", zonder_start=1 if i % 4 == 0 else 0)
        for i in range(12)
    ]


def test_spk07_gaat_af_bij_veel_declaraties_zonder_start(tmp_path: Path) -> None:
    regio = _samen(
        _anker(),
        *_eerlijke_starters(),
        _zonder_start_aanbieder("45009001", zonder_start=6, late_start=2),
        # The same pattern with 4 clients: too few to judge.
        _zonder_start_aanbieder("45009002", zonder_start=3, clienten=4),
    )
    con = bouw(tmp_path, **regio)
    spk07 = {s["aanbieder_agb"]: s for s in signalen(con, "SPK07")}
    assert {agb for agb, s in spk07.items() if s["gemarkeerd"]} == {"45009001"}
    assert "45009002" not in spk07
    signaal = spk07["45009001"]
    assert signaal["waarde"] == 8 / 12
    assert signaal["referentiewaarde"] < 0.1
    # Never an unlawful amount: a missing 305 is no reason to reject (OP364).
    assert signaal["onrechtmatig_eur"] is None or signaal["onrechtmatig_eur"] == 0
    assert signaal["geschat_belang_eur"] == signaal["financieel_belang"] > 0
    assert "6 zonder enige start" in signal_tekst(signaal)
    # 6 × 3 months without any start, plus March and April of the 2 late starts.
    assert "€ 18.480 gedeclareerd zonder start" in signal_tekst(signaal)
    bewijs = rijen(
        con,
        "SELECT toelichting, onrechtmatig_eur FROM marts.mart_signaal_bewijsregels "
        "WHERE signaal_id = ?",
        signaal["signaal_id"],
    )
    assert len(bewijs) == 6 * 3 + 2 * 2
    assert all(b["onrechtmatig_eur"] == 0 for b in bewijs)
    assert sum("pas met begindatum 2024-05-01" in b["toelichting"] for b in bewijs) == 4


def signal_tekst(signaal: dict[str, Any]) -> str:
    return str(signaal["toelichting"])


def test_spk07_stil_in_een_gewone_regio(tmp_path: Path) -> None:
    regio = _samen(
        _anker(), *_eerlijke_starters(), _zonder_start_aanbieder("45009001", zonder_start=1)
    )
    con = bouw(tmp_path, **regio)
    spk07 = signalen(con, "SPK07")
    assert len(spk07) == 13
    assert not any(s["gemarkeerd"] for s in spk07)


def test_spk07_zonder_geladen_meldingen_geen_signaal(tmp_path: Path) -> None:
    # A table export without 305/307: nothing to say about starts, for anyone.
    regio = _samen(
        _anker(), *_eerlijke_starters(), _zonder_start_aanbieder("45009001", zonder_start=8)
    )
    regio.pop("zorgperiodes")
    con = bouw(tmp_path, **regio)
    assert signalen(con, "SPK07") == []


def test_spk07_meldingen_die_laat_beginnen_tellen_niet(tmp_path: Path) -> None:
    # Without the anchor the gemeente's loaded meldingen begin on 1 March 2024: a toewijzing
    # from 1 February may have had its start before that, so nothing is judged.
    regio = _samen(*_eerlijke_starters(), _zonder_start_aanbieder("45009001", zonder_start=8))
    con = bouw(tmp_path, **regio)
    assert not any(s["gemarkeerd"] for s in signalen(con, "SPK07"))
