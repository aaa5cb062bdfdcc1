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
    open and close the window of loaded meldingen for the gemeente, declared in January 2023."""
    return {
        "toewijzingen": [
            toewijzing("ANKER", "C-ANKER", aanbieder_agb=AGB_B, ingangsdatum="2023-01-01")
        ],
        "zorgperiodes": [
            zorgperiode("ANKER", "C-ANKER", "2023-01-02", aanbieder_agb=AGB_B),
            zorgperiode("ANKER", "C-ANKER", "2023-01-02", "2024-12-31", aanbieder_agb=AGB_B),
        ],
        # And its declaration opens the window of loaded declarations.
        "declaraties": [
            declaratie("ANKER-1", "C-ANKER", "ANKER", jaar=2023, maand=1, aanbieder_agb=AGB_B)
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


# --- KWA06: wachttijd tot de start ------------------------------------------------------------


def _wachttijd_aanbieder(
    agb: str, *, lang: int = 0, nooit: int = 0, clienten: int = 12
) -> Tabellen:
    """A provider with `clienten` new toewijzingen from 1 March 2024 (Begeleiding). Most start
    a week later; the first `lang` start on 1 June (92 days), the next `nooit` never start."""
    tabellen: Tabellen = {"toewijzingen": [], "zorgperiodes": [], "declaraties": []}
    for c in range(clienten):
        client = f"{agb}-C{c}"
        nummer = f"{agb}-W{c}"
        tabellen["toewijzingen"].append(
            toewijzing(
                nummer,
                client,
                aanbieder_agb=agb,
                ingangsdatum="2024-03-01",
                toewijzingsdatum="2024-02-20",
            )
        )
        if c >= lang + nooit:
            begin = "2024-03-08"
        elif c < lang:
            begin = "2024-06-01"
        else:
            continue
        tabellen["zorgperiodes"].append(zorgperiode(nummer, client, begin, aanbieder_agb=agb))
        tabellen["declaraties"].append(
            declaratie(f"{agb}-{c}-6", client, nummer, maand=6, aanbieder_agb=agb)
        )
    return tabellen


def _eerlijke_wachters() -> list[Tabellen]:
    # Twelve ordinary providers: now and then one client who waits three months.
    return [_wachttijd_aanbieder(f"4600{i:04d}", lang=1 if i % 3 == 0 else 0) for i in range(12)]


def test_kwa06_gaat_af_als_clienten_lang_wachten(tmp_path: Path) -> None:
    regio = _samen(
        _anker(), *_eerlijke_wachters(), _wachttijd_aanbieder("46009001", lang=5, nooit=3)
    )
    con = bouw(tmp_path, **regio)
    kwa06 = {s["aanbieder_agb"]: s for s in signalen(con, "KWA06")}
    assert {agb for agb, s in kwa06.items() if s["gemarkeerd"]} == {"46009001"}
    signaal = kwa06["46009001"]
    assert signaal["reikwijdte"] == "Begeleiding"
    assert signaal["waarde"] == 8 / 12
    assert signaal["financieel_belang"] == 0
    assert "8 van de 12 nieuwe toewijzingen niet binnen 42 dagen" in signaal["toelichting"]
    assert "waarvan 3 nog helemaal niet" in signaal["toelichting"]
    bewijs = rijen(
        con,
        "SELECT toelichting FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        signaal["signaal_id"],
    )
    assert len(bewijs) == 8
    assert sum("na 92 dagen" in b["toelichting"] for b in bewijs) == 5


def test_kwa06_stil_in_een_gewone_regio_en_bij_herindicaties(tmp_path: Path) -> None:
    # The same late starter, but all its toewijzingen continue an earlier one (re-indication):
    # the client did not wait, the care went on.
    vervolg = _wachttijd_aanbieder("46009001", lang=5, nooit=3)
    for t in list(vervolg["toewijzingen"]):
        vervolg["toewijzingen"].append(
            {
                **t,
                "toewijzingnummer": t["toewijzingnummer"] + "-V",
                "ingangsdatum": "2023-06-01",
                "einddatum": "2024-02-29",
                "toewijzingsdatum": "2023-05-20",
            }
        )
    regio = _samen(_anker(), *_eerlijke_wachters(), vervolg)
    con = bouw(tmp_path, **regio)
    kwa06 = signalen(con, "KWA06")
    assert not any(s["gemarkeerd"] for s in kwa06)
    assert "46009001" not in {s["aanbieder_agb"] for s in kwa06}


def test_kwa06_zonder_geladen_meldingen_geen_signaal(tmp_path: Path) -> None:
    regio = _samen(
        _anker(), *_eerlijke_wachters(), _wachttijd_aanbieder("46009001", lang=5, nooit=3)
    )
    regio.pop("zorgperiodes")
    con = bouw(tmp_path, **regio)
    assert signalen(con, "KWA06") == []


# --- KWA07: slapende toewijzingen -------------------------------------------------------------


def _slapende_aanbieder(
    agb: str, *, slapend: int = 0, gestopt: int = 0, clienten: int = 12
) -> Tabellen:
    """A provider with `clienten` clients, allocated and started in January 2024 and declared
    every month January–September 2024. The first `slapend` are declared only in January (then
    nothing, no stop); the next `gestopt` likewise, but with a stop (307) on 31 January."""
    tabellen: Tabellen = {"toewijzingen": [], "zorgperiodes": [], "declaraties": []}
    for c in range(clienten):
        client = f"{agb}-C{c}"
        nummer = f"{agb}-S{c}"
        tabellen["toewijzingen"].append(toewijzing(nummer, client, aanbieder_agb=agb))
        tabellen["zorgperiodes"].append(
            zorgperiode(nummer, client, "2024-01-01", aanbieder_agb=agb)
        )
        if slapend <= c < slapend + gestopt:
            tabellen["zorgperiodes"].append(
                zorgperiode(nummer, client, "2024-01-01", "2024-01-31", aanbieder_agb=agb)
            )
        maanden = range(1, 2) if c < slapend + gestopt else range(1, 10)
        for maand in maanden:
            tabellen["declaraties"].append(
                declaratie(f"{agb}-{c}-{maand}", client, nummer, maand=maand, aanbieder_agb=agb)
            )
    return tabellen


def _eerlijke_slapers() -> list[Tabellen]:
    # Twelve ordinary providers: now and then a client who stopped, with a 307.
    return [_slapende_aanbieder(f"4700{i:04d}", gestopt=1 if i % 2 == 0 else 0) for i in range(12)]


def test_kwa07_gaat_af_bij_veel_slapende_toewijzingen(tmp_path: Path) -> None:
    regio = _samen(_anker(), *_eerlijke_slapers(), _slapende_aanbieder("47009001", slapend=6))
    con = bouw(tmp_path, **regio)
    kwa07 = {s["aanbieder_agb"]: s for s in signalen(con, "KWA07")}
    assert {agb for agb, s in kwa07.items() if s["gemarkeerd"]} == {"47009001"}
    signaal = kwa07["47009001"]
    assert signaal["waarde"] == 6 / 12
    assert signaal["financieel_belang"] == 0
    # February–September: 8 months without a declaration for each of the 6.
    assert "48 van de" in signaal["toelichting"]
    bewijs = rijen(
        con,
        "SELECT toelichting FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        signaal["signaal_id"],
    )
    assert len(bewijs) == 6
    assert all(
        "8 maanden zonder declaratie (2024-02 t/m 2024-09)" in b["toelichting"] for b in bewijs
    )


def test_kwa07_stil_als_de_zorg_gestopt_is(tmp_path: Path) -> None:
    # The same six clients without declarations, but each with a stop (307): nothing sleeps.
    regio = _samen(_anker(), *_eerlijke_slapers(), _slapende_aanbieder("47009001", gestopt=6))
    con = bouw(tmp_path, **regio)
    assert not any(s["gemarkeerd"] for s in signalen(con, "KWA07"))
    [waarneming] = rijen(
        con,
        "SELECT teller, noemer FROM intermediate.int_waarneming_kwaliteit_slapend "
        "WHERE aanbieder_agb = '47009001'",
    )
    assert waarneming == {"teller": 0, "noemer": 12}


def test_kwa07_zonder_geladen_meldingen_geen_signaal(tmp_path: Path) -> None:
    regio = _samen(_anker(), *_eerlijke_slapers(), _slapende_aanbieder("47009001", slapend=6))
    regio.pop("zorgperiodes")
    con = bouw(tmp_path, **regio)
    assert signalen(con, "KWA07") == []
