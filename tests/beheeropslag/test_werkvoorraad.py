"""The werkvoorraad in the beheeropslag: steps, history, amounts, settings, the legacy move."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines import privacy
from pipelines.beheeropslag import audit, opslag, werkvoorraad
from pipelines.beheeropslag.werkvoorraad import (
    AFGESLOTEN_MET_BEVINDING,
    AFGESLOTEN_ZONDER_BEVINDING,
    IN_ONDERZOEK,
    NIEUW,
    OVERGANGEN,
    OVERGEDRAGEN_HANDHAVING,
    OVERGEDRAGEN_TOEZICHTHOUDER,
    STATUSSEN,
    OvergangGeweigerd,
)
from pipelines.beoordelingen_overzetten import zet_over

BSN = "123456782"  # passes the elfproef


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SIGNAALMONITOR_BEHEER_DB", raising=False)
    pad = tmp_path / "wv.duckdb"
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(pad))
    return pad


def _stap(signaal_id: str, naar: str, **extra: object) -> werkvoorraad.Beoordeling:
    return werkvoorraad.wijzig(
        signaal_id,
        naar,
        gebruiker="jdv",
        rol="toezicht",
        indicator_code="SPK03",
        aanbieder_agb="12345678",
        jaar=2024,
        **extra,  # type: ignore[arg-type]
    )


def test_de_regionale_route_en_geschiedenis(db: Path) -> None:
    _stap("s1", IN_ONDERZOEK, toegewezen_aan="Inspecteur A", notitie="dossier opgevraagd")
    _stap("s1", OVERGEDRAGEN_TOEZICHTHOUDER, notitie="naar de toezichthouder")
    b = _stap("s1", AFGESLOTEN_MET_BEVINDING, terugvordering_cent=123456)
    assert (b.status, b.terugvordering_cent, b.gewijzigd_door) == (
        AFGESLOTEN_MET_BEVINDING,
        123456,
        "jdv",
    )
    stappen = [(h.van_status, h.naar_status) for h in reversed(werkvoorraad.historie("s1"))]
    assert stappen == [
        (NIEUW, IN_ONDERZOEK),
        (IN_ONDERZOEK, OVERGEDRAGEN_TOEZICHTHOUDER),
        (OVERGEDRAGEN_TOEZICHTHOUDER, AFGESLOTEN_MET_BEVINDING),
    ]
    # Every change is also an audit row, with the signal as its subject.
    rijen = audit.lees(actie=audit.BEOORDELING_GEWIJZIGD)
    assert [r.onderwerp for r in rijen] == ["s1"] * 3
    assert rijen[0].toelichting == f"{NIEUW} → {IN_ONDERZOEK}; toegewezen aan Inspecteur A"
    assert audit.controleer_keten() is None


@pytest.mark.parametrize(
    ("van_stappen", "naar"),
    [
        ((), OVERGEDRAGEN_HANDHAVING),  # nieuw cannot be handed over unseen
        ((), AFGESLOTEN_MET_BEVINDING),  # a finding needs an investigation
        ((IN_ONDERZOEK, AFGESLOTEN_ZONDER_BEVINDING), AFGESLOTEN_MET_BEVINDING),
        ((IN_ONDERZOEK,), NIEUW),
        ((), "bevestigd"),
    ],
)
def test_andere_stappen_geweigerd_zonder_iets_te_schrijven(
    db: Path, van_stappen: tuple[str, ...], naar: str
) -> None:
    for stap in van_stappen:
        _stap("s2", stap)
    voor = len(werkvoorraad.historie("s2"))
    with pytest.raises(OvergangGeweigerd, match=r"kan een signaal niet naar|geen status"):
        _stap("s2", naar)
    assert len(werkvoorraad.historie("s2")) == voor
    huidig = werkvoorraad.huidige("s2")
    assert (huidig.status if huidig else NIEUW) == (van_stappen[-1] if van_stappen else NIEUW)


def test_elke_status_heeft_stappen_en_heropenen_gaat_via_onderzoek() -> None:
    assert set(OVERGANGEN) == set(STATUSSEN)
    assert all(set(naar) <= set(STATUSSEN) for naar in OVERGANGEN.values())
    assert OVERGANGEN[AFGESLOTEN_MET_BEVINDING] == (IN_ONDERZOEK,)
    assert werkvoorraad.volgende_stappen(NIEUW)[0] == NIEUW


def test_terugvordering_alleen_bij_bevinding(db: Path) -> None:
    _stap("s3", IN_ONDERZOEK)
    with pytest.raises(OvergangGeweigerd, match="alleen bij 'afgesloten met bevinding'"):
        _stap("s3", AFGESLOTEN_ZONDER_BEVINDING, terugvordering_cent=100)


@pytest.mark.parametrize(
    ("tekst", "centen"),
    [
        ("1.234,56", 123456),
        ("€ 1 234,5", 123450),
        ("1234.56", 123456),
        ("1.234", 123400),
        ("1.234.567", 123456700),
        ("0,10", 10),
        ("", None),
        ("  ", None),
    ],
)
def test_bedrag_in_centen_exact(tekst: str, centen: int | None) -> None:
    assert werkvoorraad.bedrag_in_centen(tekst) == centen


@pytest.mark.parametrize("tekst", ["abc", "-5", "1,234", "=1+1", "1e3x", "NaN", "Infinity"])
def test_bedrag_onzin_geweigerd(tekst: str) -> None:
    with pytest.raises(OvergangGeweigerd):
        werkvoorraad.bedrag_in_centen(tekst)


def test_centen_als_tekst_is_exact() -> None:
    assert werkvoorraad.centen_als_tekst(123456) == "1234.56"
    assert werkvoorraad.centen_als_tekst(10) == "0.10"
    assert werkvoorraad.centen_als_tekst(None) is None


def test_geschiedenis_kan_niet_gewijzigd_of_gewist(db: Path) -> None:
    _stap("s4", IN_ONDERZOEK, notitie="eerste")
    with opslag.verbinding() as con:
        with pytest.raises(sqlite3.IntegrityError, match="alleen worden aangevuld"):
            con.execute("update beoordeling_historie set notitie = 'anders'")
        with pytest.raises(sqlite3.IntegrityError, match="niet worden gewist"):
            con.execute("delete from beoordeling_historie")
    assert werkvoorraad.historie("s4")[0].notitie == "eerste"


def test_bsn_in_notitie_en_namen_nooit_opgeslagen(db: Path) -> None:
    pseudo = privacy.Pseudonimiseerder(b"x" * 64)
    werkvoorraad.wijzig(
        "s5",
        IN_ONDERZOEK,
        gebruiker=f"jan {BSN}",
        rol="toezicht",
        toegewezen_aan="cliënt 123 45 6782 bellen",
        notitie=f"BSN {BSN} en 1234.56.782 gebeld",
    )
    werkvoorraad.wijzig(
        "s5", IN_ONDERZOEK, gebruiker="jdv", rol="toezicht", notitie=BSN, scrub=pseudo.scrub
    )
    inhoud = opslag.pad().read_bytes()
    for vorm in (BSN, "123 45 6782", "1234.56.782"):
        assert vorm.encode() not in inhoud
    regels = werkvoorraad.historie("s5")
    assert regels[0].notitie == pseudo.pseudoniem(BSN)
    assert regels[1].notitie == f"BSN {privacy.BSN_VERWIJDERD} en {privacy.BSN_VERWIJDERD} gebeld"
    assert regels[1].gebruiker == f"jan {privacy.BSN_VERWIJDERD}"


VIJANDIG = [
    "**vet** <script>alert(1)</script>",
    '=HYPERLINK("http://x","klik")',
    "'); drop table beoordelingen; --",
    "[link](javascript:alert(1)) :red[rood] $x^2$",
]


@pytest.mark.parametrize("tekst", VIJANDIG)
def test_vijandige_tekst_als_waarde_bewaard(db: Path, tekst: str) -> None:
    _stap("s6", IN_ONDERZOEK, toegewezen_aan=tekst, notitie=tekst)
    assert werkvoorraad.huidige("s6").toegewezen_aan == tekst  # type: ignore[union-attr]
    assert werkvoorraad.historie("s6")[0].notitie == tekst
    with opslag.verbinding() as con:
        tabellen = {r[0] for r in con.execute("select name from sqlite_master")}
    assert "beoordelingen" in tabellen


def test_precisie_per_indicator(db: Path) -> None:
    assert werkvoorraad.precisie() == {}
    for signaal_id, einde in (("a", AFGESLOTEN_MET_BEVINDING), ("b", AFGESLOTEN_ZONDER_BEVINDING)):
        _stap(signaal_id, IN_ONDERZOEK)
        _stap(signaal_id, einde)
    _stap("c", IN_ONDERZOEK)  # open: not counted
    p = werkvoorraad.precisie()["SPK03"]
    assert (p.afgesloten, p.terecht) == (2, 1)
    assert (
        p.tekst()
        == "Van de 2 afgesloten SPK03-signalen was er 1 terecht (afgesloten met bevinding)."
    )
    assert werkvoorraad.Precisie("SPK03", 0, 0).tekst() is None
    assert "waren er 11" in (werkvoorraad.Precisie("SPK03", 14, 11).tekst() or "")


def test_instelling_standaard_nee_en_gewijzigd_met_audit(db: Path) -> None:
    assert werkvoorraad.cm_ziet_signalen_in_onderzoek() is False
    werkvoorraad.zet_instelling(
        werkvoorraad.INSTELLING_CM_ZIET_IN_ONDERZOEK, "ja", gebruiker="beheerder", rol="beheer"
    )
    assert werkvoorraad.cm_ziet_signalen_in_onderzoek() is True
    [rij] = audit.lees(actie=audit.INSTELLING_GEWIJZIGD)
    assert (rij.gebruiker, rij.toelichting) == ("beheerder", "nee → ja")
    with pytest.raises(ValueError):
        werkvoorraad.zet_instelling(
            werkvoorraad.INSTELLING_CM_ZIET_IN_ONDERZOEK, "1; drop", gebruiker="b", rol="beheer"
        )


def test_signalen_in_behandeling(db: Path) -> None:
    _stap("x1", IN_ONDERZOEK)
    _stap("x2", IN_ONDERZOEK)
    _stap("x2", OVERGEDRAGEN_HANDHAVING)
    _stap("x3", AFGESLOTEN_ZONDER_BEVINDING)
    assert werkvoorraad.signalen_in_behandeling() == ["x1", "x2"]


def _oude_database(pad: Path) -> None:
    with duckdb.connect(str(pad)) as con:
        con.execute("create schema beheer")
        con.execute(
            "create table beheer.beoordelingen (signaal_id varchar, status varchar, "
            "notitie varchar, beoordelaar varchar, vastgelegd_op timestamp)"
        )
        con.executemany(
            "insert into beheer.beoordelingen values (?, ?, ?, ?, ?)",
            [
                ("o1", "open", "eerst kijken", "JdV", datetime(2025, 1, 1, 9)),
                ("o1", "in onderzoek", "gebeld", "JdV", datetime(2025, 1, 2, 9)),
                ("o1", "bevestigd", "klopt", "AB", datetime(2025, 1, 3, 9)),
                ("o2", "verklaard (geen actie)", None, None, datetime(2025, 1, 4, 9)),
                ("o3", "afgehandeld", "teruggevorderd", "AB", datetime(2025, 1, 5, 9)),
            ],
        )


def test_oude_beoordelingen_eenmalig_overgezet(db: Path) -> None:
    _oude_database(db)
    with duckdb.connect(str(db)) as con:
        assert zet_over(con) == 5
        assert zet_over(con) == 0  # idempotent: a second run carries nothing
    assert [(b.signaal_id, b.status) for b in werkvoorraad.alle()] == [
        ("o1", AFGESLOTEN_MET_BEVINDING),
        ("o2", AFGESLOTEN_ZONDER_BEVINDING),
        ("o3", AFGESLOTEN_MET_BEVINDING),
    ]
    regels = werkvoorraad.historie("o1")
    assert [(r.van_status, r.naar_status) for r in reversed(regels)] == [
        (NIEUW, NIEUW),
        (NIEUW, IN_ONDERZOEK),
        (IN_ONDERZOEK, AFGESLOTEN_MET_BEVINDING),
    ]
    assert regels[0].notitie == "[overgezet; oude status 'bevestigd'] klopt"
    assert regels[0].gebruiker == "AB"
    assert len(audit.lees(actie=audit.BEOORDELING_GEWIJZIGD)) == 5


def test_overzetten_laat_latere_werkvoorraad_staan(db: Path) -> None:
    _oude_database(db)
    # A change in the werkvoorraad after the old rows (now) wins over the old state.
    _stap("o2", IN_ONDERZOEK)
    with duckdb.connect(str(db)) as con:
        zet_over(con)
    assert werkvoorraad.huidige("o2").status == IN_ONDERZOEK  # type: ignore[union-attr]


def test_overzetten_zonder_oude_tabel(db: Path) -> None:
    with duckdb.connect(str(db)) as con:
        assert zet_over(con) == 0


def test_run_legt_de_sleutelvingerafdruk_vast(db: Path) -> None:
    from pipelines.beoordelingen_overzetten import leg_vingerafdruk_vast

    with duckdb.connect(str(db)) as con:
        leg_vingerafdruk_vast(con)  # no beheer schema yet: nothing to record
        assert werkvoorraad.sleutel_vingerafdruk() is None
        con.execute("create schema beheer")
        con.execute("create table beheer.instellingen (sleutel varchar, waarde varchar)")
        con.execute(
            "insert into beheer.instellingen values (?, 'abc123')", [privacy.SLEUTEL_INSTELLING]
        )
        leg_vingerafdruk_vast(con)
    assert werkvoorraad.sleutel_vingerafdruk() == "abc123"
