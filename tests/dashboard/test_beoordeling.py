"""Beoordelen als werkvoorraad (#12): the form on the signal page, kept across re-ingest and
run with its history, the status in the Overzicht, contractmanagement not seeing signals in
investigation, the live precision per indicator, and hostile text shown as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from dashboard.queries import aanbieder_profiel, signaal_bewijs, verbinding
from dashboard.queries import werkvoorraad as wv_queries
from dashboard.roles import GeenToegang
from dashboard.sessie import SESSIE_SLEUTEL
from pipelines.beheeropslag import audit, werkvoorraad
from pipelines.beheeropslag.werkvoorraad import (
    AFGESLOTEN_MET_BEVINDING,
    AFGESLOTEN_ZONDER_BEVINDING,
    IN_ONDERZOEK,
)
from pipelines.privacy import Pseudonimiseerder
from tests.conftest import TEST_SLEUTEL, rijen_uit
from tests.dashboard.conftest import alle_tekst
from tests.dashboard.demo_db import kopie, signaalmonitor


@pytest.fixture
def eigen_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo database with its own (empty) beheeropslag next to it."""
    monkeypatch.delenv("SIGNAALMONITOR_BEHEER_DB", raising=False)
    return kopie(demo_db, tmp_path)


def _gemarkeerd(db: Path, n: int = 1) -> list[tuple[str, str, int, str]]:
    return rijen_uit(
        db,
        "select signaal_id, aanbieder_agb, jaar, indicator from marts.mart_signalen "
        "where gemarkeerd order by jaar desc, financieel_belang desc, signaal_id limit ?",
        [n],
    )


def _tabel(at: AppTest, kolom: str) -> pd.DataFrame:
    """The table on the page with `kolom` (AppTest does not expose a dataframe's key)."""
    [df] = [d.value for d in at.dataframe if kolom in d.value.columns]
    return df


def _wijs_toe(at: AppTest, naam: str) -> str:
    """Assign: free text without a user store, else the first toezicht user (returned)."""
    velden = [w for w in at.text_input if w.key == "signaal_toegewezen"]
    if velden:
        velden[0].input(naam)
        return naam
    keuze = at.selectbox(key="signaal_toegewezen")
    keuze.set_value(keuze.options[1])
    return str(keuze.options[1])


def _door(at: AppTest, naam: str) -> str:
    """The name recorded: typed without a login, else the logged-in user's."""
    velden = [w for w in at.text_input if w.key == "signaal_beoordelaar"]
    if velden:
        velden[0].input(naam)
        return naam
    return str(at.session_state[SESSIE_SLEUTEL].naam)


def _vastleggen(at: AppTest) -> None:
    [knop] = [b for b in at.button if b.label == "Vastleggen"]
    knop.click().run()
    assert not at.exception, [e.value for e in at.exception]


def _open_signaal(
    maak_app: Callable[..., AppTest], db: Path, signaal_id: str, jaar: int, rol: str = "toezicht"
) -> AppTest:
    at = maak_app(rol, db=db, signaal=signaal_id, jaar=str(jaar))
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _zet(signaal: tuple[str, str, int, str], *stappen: str) -> None:
    signaal_id, agb, jaar, indicator = signaal
    for stap in stappen:
        werkvoorraad.wijzig(
            signaal_id,
            stap,
            gebruiker="jdv",
            rol="toezicht",
            indicator_code=indicator,
            aanbieder_agb=agb,
            jaar=jaar,
        )


def test_werkvoorraad_via_pagina_bewaard_na_herladen_en_run(
    maak_app: Callable[..., AppTest], eigen_db: Path, demo_db: Path, tmp_path: Path
) -> None:
    [(signaal_id, _agb, jaar, _ind)] = _gemarkeerd(eigen_db)
    at = _open_signaal(maak_app, eigen_db, signaal_id, jaar)
    assert at.selectbox(key="signaal_keuze").value == signaal_id
    # From 'nieuw' only the allowed steps are offered.
    assert list(at.selectbox(key="signaal_status").options) == [
        "nieuw",
        IN_ONDERZOEK,
        AFGESLOTEN_ZONDER_BEVINDING,
    ]
    at.selectbox(key="signaal_status").set_value(IN_ONDERZOEK)
    toegewezen = _wijs_toe(at, "Inspecteur A")
    at.text_area(key="signaal_notitie").input("Dossier opgevraagd bij de aanbieder.")
    door = _door(at, "JdV")
    _vastleggen(at)
    assert any("Vastgelegd" in s.value for s in at.success)
    assert "**in onderzoek**" in " ".join(m.value for m in at.markdown)
    historie = _tabel(at, "naar_status")
    assert historie["notitie"].tolist() == ["Dossier opgevraagd bij de aanbieder."]
    assert historie["door"].tolist() == [door]
    assert historie["toegewezen_aan"].tolist() == [toegewezen]

    # Next step from 'in onderzoek', then a re-ingest of the sources and a new run: the
    # werkvoorraad lives apart from what the pipeline computes, so nothing is lost.
    at.selectbox(key="signaal_status").set_value("overgedragen aan handhaving")
    at.text_area(key="signaal_notitie").input("Naar handhaving.")
    _vastleggen(at)
    bron = demo_db.parent / "regio" / "bron"
    signaalmonitor("ingest", str(bron), "--db", str(eigen_db), map_=tmp_path)
    signaalmonitor("run", "--db", str(eigen_db), map_=tmp_path)
    assert rijen_uit(
        eigen_db, "select count(*) from marts.mart_signalen where signaal_id = ?", [signaal_id]
    ) == [(1,)]
    # The run recorded the key's fingerprint for the dashboard's BSN scrubber.
    assert werkvoorraad.sleutel_vingerafdruk(db_pad=eigen_db) == (
        Pseudonimiseerder(TEST_SLEUTEL.encode()).fingerprint
    )
    regels = werkvoorraad.historie(signaal_id, db_pad=eigen_db)
    assert [(r.van_status, r.naar_status, r.notitie) for r in regels] == [
        (IN_ONDERZOEK, "overgedragen aan handhaving", "Naar handhaving."),
        ("nieuw", IN_ONDERZOEK, "Dossier opgevraagd bij de aanbieder."),
    ]
    at.run()
    assert "**overgedragen aan handhaving**" in " ".join(m.value for m in at.markdown)
    assert _tabel(at, "naar_status").shape[0] == 2


def test_geweigerde_stap_geeft_nederlandse_melding(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    [(signaal_id, _agb, jaar, _ind)] = _gemarkeerd(eigen_db)
    at = _open_signaal(maak_app, eigen_db, signaal_id, jaar)
    at.selectbox(key="signaal_status").set_value(AFGESLOTEN_ZONDER_BEVINDING)
    at.text_input(key="signaal_terugvordering").input("1.000,00")
    _vastleggen(at)
    assert any(
        "alleen bij 'afgesloten met bevinding'" in e.value.replace("\\", "") for e in at.error
    )
    assert werkvoorraad.huidige(signaal_id) is None


def test_beoordelen_mag_alleen_toezicht(eigen_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    with pytest.raises(GeenToegang):
        wv_queries.bewaar(
            roles.CONTRACTMANAGEMENT,
            {"signaal_id": "x"},
            IN_ONDERZOEK,
            toegewezen_aan=None,
            terugvordering=None,
            notitie=None,
        )
    assert werkvoorraad.alle() == []


def test_status_in_de_rangorde_en_afgesloten_standaard_verborgen(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    eerste, tweede = _gemarkeerd(eigen_db, 2)
    _zet(eerste, IN_ONDERZOEK)
    _zet(tweede, AFGESLOTEN_ZONDER_BEVINDING)
    jaar = eerste[2]
    at = maak_app("toezicht", db=eigen_db, jaar=str(jaar))
    at.run()
    at.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
    ranking = _tabel(at, "risicoscore")
    rij = ranking.loc[ranking["aanbieder_agb"] == eerste[1]].iloc[0]
    assert "in onderzoek: 1" in rij["beoordeling"]
    werk = _tabel(at, "toegewezen_aan")
    assert "afgesloten zonder bevinding" not in set(werk["status"])
    assert IN_ONDERZOEK in set(werk["status"])

    at.toggle(key="overzicht_toon_afgesloten").set_value(True).run()
    werk = _tabel(at, "toegewezen_aan")
    assert "afgesloten zonder bevinding" in set(werk["status"])

    at.multiselect(key="overzicht_status").set_value([IN_ONDERZOEK]).run()
    assert not at.exception
    werk = _tabel(at, "toegewezen_aan")
    assert set(werk["status"]) == {IN_ONDERZOEK}
    ranking = _tabel(at, "risicoscore")
    assert all(IN_ONDERZOEK in b for b in ranking["beoordeling"])


def test_contractmanagement_ziet_signalen_in_onderzoek_niet(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    signaal = _gemarkeerd(eigen_db)[0]
    signaal_id, agb, jaar, _ind = signaal

    def cm_ziet() -> dict[str, bool]:
        monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
        rol = roles.CONTRACTMANAGEMENT
        versie = verbinding.dataversie(rol)
        return {
            "keuze": signaal_id
            in signaal_bewijs.signalen_keuze(rol, versie.sleutel, jaar)["signaal_id"].to_list(),
            "signaal": signaal_bewijs.signaal(rol, versie.sleutel, signaal_id) is not None,
            "aanbieder": signaal_id
            in aanbieder_profiel.signalen_aanbieder(rol, versie.sleutel, agb, jaar)[
                "signaal_id"
            ].to_list(),
        }

    def signalen_in_rapport() -> int:
        rol = roles.CONTRACTMANAGEMENT
        profiel = aanbieder_profiel.cm_profiel(rol, verbinding.dataversie(rol), agb, jaar)
        assert profiel is not None
        return len(profiel.signalen)

    voor = cm_ziet()
    assert all(voor.values()), voor
    in_rapport_voor = signalen_in_rapport()

    _zet(signaal, IN_ONDERZOEK)
    na = cm_ziet()
    assert not any(na.values()), na
    # The CM-gesprek report (HTML and Excel are built from this profile) leaves it out.
    assert signalen_in_rapport() == in_rapport_voor - 1

    # The page: a link to the signal says it does not exist; the provider page and its
    # CM-gesprek report do not mention it.
    at = _open_signaal(maak_app, eigen_db, signaal_id, jaar, rol=roles.CONTRACTMANAGEMENT)
    assert any("bestaat niet" in w.value for w in at.warning)
    assert at.selectbox(key="signaal_keuze").value != signaal_id
    assert signaal_id not in at.selectbox(key="signaal_keuze").options

    # Toezicht still sees it, and so does contractmanagement once beheer allows it.
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.TOEZICHT)
    assert signaal_bewijs.signaal(
        roles.TOEZICHT, verbinding.dataversie(roles.TOEZICHT).sleutel, signaal_id
    )
    werkvoorraad.zet_instelling(
        werkvoorraad.INSTELLING_CM_ZIET_IN_ONDERZOEK, "ja", gebruiker="b", rol="beheer"
    )
    assert all(cm_ziet().values())

    # Closed again: contractmanagement sees it also with the default setting.
    werkvoorraad.zet_instelling(
        werkvoorraad.INSTELLING_CM_ZIET_IN_ONDERZOEK, "nee", gebruiker="b", rol="beheer"
    )
    assert not cm_ziet()["signaal"]
    _zet(signaal, AFGESLOTEN_MET_BEVINDING)
    assert all(cm_ziet().values())


def test_cm_rangorde_telt_signalen_in_onderzoek_niet(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    signaal = _gemarkeerd(eigen_db)[0]
    _signaal_id, agb, jaar, _ind = signaal

    def cm_rij() -> dict[str, object] | None:
        cm = maak_app(roles.CONTRACTMANAGEMENT, db=eigen_db, jaar=str(jaar))
        cm.run()
        cm.segmented_control(key="overzicht_baan").set_value("Alle signalen").run()
        assert not cm.exception
        assert "beoordeling" not in cm.dataframe[0].value.columns
        df = cm.dataframe[0].value
        rijen = df.loc[df["aanbieder_agb"] == agb]
        return None if rijen.empty else rijen.iloc[0].to_dict()

    voor = cm_rij()
    assert voor is not None
    _zet(signaal, IN_ONDERZOEK)
    na = cm_rij()
    if voor["aantal_signalen"] == 1:
        assert na is None
    else:
        assert na is not None and na["aantal_signalen"] == voor["aantal_signalen"] - 1


def test_trefzekerheid_per_indicator(
    maak_app: Callable[..., AppTest], eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    [signaal] = _gemarkeerd(eigen_db)
    signaal_id, _agb, jaar, indicator = signaal
    at = _open_signaal(maak_app, eigen_db, signaal_id, jaar)
    tekst = alle_tekst(at)
    assert f"Nog geen afgesloten {indicator}-signalen" in tekst
    assert "afgesloten signalen" not in tekst and "Van de " not in tekst

    _zet(signaal, IN_ONDERZOEK, AFGESLOTEN_MET_BEVINDING)
    _zet(("ander", "1", jaar, indicator), IN_ONDERZOEK, AFGESLOTEN_ZONDER_BEVINDING)
    _zet(("open", "1", jaar, indicator), IN_ONDERZOEK)
    at.run()
    gezien = alle_tekst(at).replace("\\", "")  # md() escapes the punctuation
    assert f"Van de 2 afgesloten {indicator}-signalen was er 1 terecht" in gezien


VIJANDIG = "**vet** <b>html</b> [x](javascript:alert(1)) =1+1 '); drop table audit; --"


def test_vijandige_tekst_als_tekst_getoond(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    [(signaal_id, _agb, jaar, _ind)] = _gemarkeerd(eigen_db)
    at = _open_signaal(maak_app, eigen_db, signaal_id, jaar)
    at.selectbox(key="signaal_status").set_value(IN_ONDERZOEK)
    toegewezen = _wijs_toe(at, VIJANDIG)
    at.text_area(key="signaal_notitie").input(VIJANDIG)
    _door(at, VIJANDIG)
    _vastleggen(at)
    huidig = werkvoorraad.huidige(signaal_id, db_pad=eigen_db)
    assert huidig is not None and huidig.toegewezen_aan == toegewezen
    # In markdown only escaped (no bold, no HTML, no link); in the table as the plain value.
    regel = next(m.value for m in at.markdown if "Status:" in m.value)
    assert "**vet**" not in regel and "<b>" not in regel and "](javascript" not in regel
    assert _tabel(at, "naar_status")["notitie"].tolist() == [VIJANDIG]
    assert audit.controleer_keten(db_pad=eigen_db) is None


def test_beheer_wijzigt_de_instelling_met_auditregel(
    maak_app: Callable[..., AppTest], eigen_db: Path
) -> None:
    at = maak_app(roles.BEHEER, db=eigen_db)
    at.run()
    at.switch_page("app_pages/beheer_instellingen.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key="instellingen_cm_ziet_in_onderzoek").value is False
    at.toggle(key="instellingen_cm_ziet_in_onderzoek").set_value(True)
    [knop] = [b for b in at.button if b.label == "Opslaan"]
    knop.click().run()
    assert not at.exception
    assert any("Opgeslagen" in s.value for s in at.success)
    assert werkvoorraad.cm_ziet_signalen_in_onderzoek(db_pad=eigen_db) is True
    [regel] = audit.lees(actie=audit.INSTELLING_GEWIJZIGD, db_pad=eigen_db)
    assert (regel.rol, regel.onderwerp, regel.toelichting) == (
        "beheer",
        werkvoorraad.INSTELLING_CM_ZIET_IN_ONDERZOEK,
        "nee → ja",
    )
    # Other roles may not open the page, nor change the setting through the query layer.
    cm = maak_app(roles.CONTRACTMANAGEMENT, db=eigen_db)
    cm.run()
    cm.switch_page("app_pages/beheer_instellingen.py").run()
    assert any("geen toegang" in e.value for e in cm.error)
    with pytest.raises(GeenToegang):
        wv_queries.zet_cm_ziet_signalen_in_onderzoek(roles.CONTRACTMANAGEMENT, False)
    assert werkvoorraad.cm_ziet_signalen_in_onderzoek(db_pad=eigen_db) is True


def test_cm_herberekening_gelijk_aan_de_mart(
    eigen_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hiding a signal that adds nothing to the score (not flagged, not PRF01) must leave the
    recomputed figures of its provider exactly as the mart has them: the score formula in the
    query is the mart's (mart_aanbieder_risico.sql)."""
    from dashboard.queries import risico_ranking

    [(signaal_id, agb, jaar)] = rijen_uit(
        eigen_db,
        """
        select s.signaal_id, s.aanbieder_agb, s.jaar from marts.mart_signalen as s
        join marts.mart_aanbieder_risico as r using (aanbieder_agb, jaar)
        where not s.gemarkeerd and s.indicator <> 'PRF01' and r.aantal_signalen > 1
        order by r.risicoscore desc, s.signaal_id limit 1
        """,
    )
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(eigen_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    rol = roles.CONTRACTMANAGEMENT
    kolommen = [
        "risicoscore",
        "aantal_signalen",
        "onrechtmatig_eur",
        "geschat_belang_eur",
        "categorieen",
        "belangrijkste_indicator",
    ]

    def rij(verborgen: list[str]) -> dict[str, object]:
        monkeypatch.setattr(risico_ranking, "verborgen_signalen", lambda _rol: verborgen)
        df = risico_ranking.risicoranking(rol, f"test-{verborgen}", jaar, None, None)
        return df.filter(df["aanbieder_agb"] == agb).select(kolommen).row(0, named=True)

    assert rij([signaal_id]) == rij([])
    # A flagged signal does count: hiding it lowers the score.
    [(gemarkeerd_id,)] = rijen_uit(
        eigen_db,
        "select signaal_id from marts.mart_signalen where aanbieder_agb = ? and jaar = ? "
        "and gemarkeerd order by signaal_id limit 1",
        [agb, jaar],
    )
    zonder = rij([gemarkeerd_id])
    assert zonder["risicoscore"] < rij([])["risicoscore"]  # type: ignore[operator]
    assert zonder["aantal_signalen"] == rij([])["aantal_signalen"] - 1  # type: ignore[operator]
