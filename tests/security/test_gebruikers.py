"""De gebruikersopslag: Argon2id, geen wachtwoord in het auditlog, vergrendeling na herhaald fout
inloggen (ook voor namen die niet bestaan), blokkeren, rolwissel, en namen als waarden."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipelines.beheeropslag import audit, gebruikers, opslag

WACHTWOORD = "correct paard batterij"
DOOR = {"door": "beheerder", "door_rol": "beheer (test)"}


@pytest.fixture
def beheer_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SIGNAALMONITOR_BEHEER_DB", raising=False)
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(tmp_path / "x.duckdb"))
    return opslag.pad()


def _alle_tekst(bestand: Path) -> str:
    """Every value in every table of the beheeropslag, as one text."""
    con = sqlite3.connect(bestand)
    try:
        tabellen = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        return "\n".join(
            repr(rij) for t in tabellen for rij in con.execute(f'select * from "{t}"').fetchall()
        )
    finally:
        con.close()


def test_wachtwoord_alleen_als_argon2id_hash_en_nooit_in_het_auditlog(beheer_db: Path) -> None:
    gebruikers.voeg_toe("an", "toezicht", WACHTWOORD, **DOOR)
    assert gebruikers.inloggen("an", WACHTWOORD).gelukt
    assert not gebruikers.inloggen("an", WACHTWOORD + "x").gelukt
    gebruikers.wijzig_wachtwoord("an", "nog een lang wachtwoord", **DOOR)
    # A password typed in the name field is not logged either.
    assert not gebruikers.inloggen(WACHTWOORD, "iets").gelukt
    tekst = _alle_tekst(beheer_db)
    assert WACHTWOORD not in tekst
    assert "nog een lang wachtwoord" not in tekst
    assert "$argon2id$" in tekst
    acties = [r.actie for r in audit.lees()]
    assert acties == [
        audit.GEBRUIKER_TOEGEVOEGD,
        audit.INLOGGEN,
        audit.INLOGGEN_MISLUKT,
        audit.WACHTWOORD_GEWIJZIGD,
        audit.INLOGGEN_MISLUKT,
    ]
    assert audit.lees()[-1].gebruiker is None
    assert audit.controleer_keten() is None


def test_geen_standaardaccounts(beheer_db: Path) -> None:
    assert gebruikers.lijst() == []
    for naam in ("admin", "beheer", "toezicht"):
        for wachtwoord in ("admin", "welkom", "wachtwoord", "welkom123456"):
            assert not gebruikers.inloggen(naam, wachtwoord).gelukt


def test_kort_wachtwoord_en_onbekende_rol_geweigerd(beheer_db: Path) -> None:
    with pytest.raises(gebruikers.GebruikerFout, match="minstens 12"):
        gebruikers.voeg_toe("an", "toezicht", "kort", **DOOR)
    with pytest.raises(gebruikers.GebruikerFout, match="gelijk zijn aan de naam"):
        gebruikers.voeg_toe("lange-gebruikersnaam", "toezicht", "Lange-Gebruikersnaam", **DOOR)
    with pytest.raises(ValueError, match="Onbekende rol"):
        gebruikers.voeg_toe("an", "superuser", WACHTWOORD, **DOOR)
    with pytest.raises(gebruikers.GebruikerFout, match="BSN"):
        gebruikers.voeg_toe("an 123456782", "toezicht", WACHTWOORD, **DOOR)
    assert gebruikers.lijst() == []
    assert audit.lees() == []


def test_brute_force_vergrendelt_en_gaat_na_de_periode_weer_open(beheer_db: Path) -> None:
    gebruikers.voeg_toe("an", "toezicht", WACHTWOORD, **DOOR)
    begin = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    meldingen = [
        gebruikers.inloggen("an", f"fout-{i}", nu=begin).melding
        for i in range(gebruikers.MAX_MISLUKTE_POGINGEN)
    ]
    assert meldingen[:-1] == [gebruikers.ONJUIST] * (gebruikers.MAX_MISLUKTE_POGINGEN - 1)
    assert meldingen[-1] == gebruikers.VERGRENDELD
    # Locked: even the right password does not open it during the period.
    net_binnen = begin + gebruikers.VERGRENDELDUUR - timedelta(seconds=1)
    uitkomst = gebruikers.inloggen("an", WACHTWOORD, nu=net_binnen)
    assert not uitkomst.gelukt and uitkomst.melding == gebruikers.VERGRENDELD
    assert audit.ACCOUNT_VERGRENDELD in [r.actie for r in audit.lees()]
    # After the period the right password works again (injected clock, no waiting).
    assert gebruikers.inloggen("an", WACHTWOORD, nu=begin + gebruikers.VERGRENDELDUUR).gelukt


def test_onbekende_naam_krijgt_hetzelfde_antwoord(beheer_db: Path) -> None:
    gebruikers.voeg_toe("an", "toezicht", WACHTWOORD, **DOOR)
    nu = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    bekend = [gebruikers.inloggen("an", "fout", nu=nu).melding for _ in range(6)]
    onbekend = [gebruikers.inloggen("bob", "fout", nu=nu).melding for _ in range(6)]
    assert bekend == onbekend
    assert bekend[0] == gebruikers.ONJUIST and bekend[-1] == gebruikers.VERGRENDELD


def test_geblokkeerde_gebruiker_kan_niet_inloggen_en_deblokkeren_kan(beheer_db: Path) -> None:
    gebruikers.voeg_toe("an", "toezicht", WACHTWOORD, **DOOR)
    gebruikers.zet_geblokkeerd("an", True, **DOOR)
    uitkomst = gebruikers.inloggen("an", WACHTWOORD)
    assert not uitkomst.gelukt and uitkomst.melding == gebruikers.GEBLOKKEERD
    assert gebruikers.actief_account("an") is None
    gebruikers.zet_geblokkeerd("an", False, **DOOR)
    assert gebruikers.inloggen("an", WACHTWOORD).gelukt
    acties = [r.actie for r in audit.lees()]
    assert audit.GEBRUIKER_GEBLOKKEERD in acties and audit.GEBRUIKER_GEDEBLOKKEERD in acties


def test_rolwissel_staat_in_het_auditlog(beheer_db: Path) -> None:
    gebruikers.voeg_toe("an", "toezicht", WACHTWOORD, **DOOR)
    gebruikers.wijzig_rol("an", "control", **DOOR)
    account = gebruikers.actief_account("an")
    assert account is not None and account.rol == "control"
    regel = audit.lees(actie=audit.ROL_GEWIJZIGD)[0]
    assert regel.onderwerp == "an" and regel.toelichting == "van toezicht naar control"
    assert regel.gebruiker == "beheerder"


@pytest.mark.parametrize(
    "naam", ["x' or '1'='1", "an'; drop table gebruikers; --", 'Robert"); --', "%", "_"]
)
def test_sql_achtige_namen_zijn_waarden(beheer_db: Path, naam: str) -> None:
    gebruikers.voeg_toe("an", "toezicht", WACHTWOORD, **DOOR)
    gebruikers.voeg_toe(naam, "control", WACHTWOORD + "!", **DOOR)
    assert {a.naam for a in gebruikers.lijst()} == {"an", naam}
    assert not gebruikers.inloggen(naam, WACHTWOORD).gelukt
    uitkomst = gebruikers.inloggen(naam, WACHTWOORD + "!")
    assert uitkomst.account is not None and uitkomst.account.rol == "control"
    # An injection-like name never matches another user.
    assert gebruikers.zoek("x' or '1'='1") is None or naam == "x' or '1'='1"


def test_naam_is_niet_hoofdlettergevoelig_en_uniek(beheer_db: Path) -> None:
    gebruikers.voeg_toe("An", "toezicht", WACHTWOORD, **DOOR)
    with pytest.raises(gebruikers.GebruikerFout, match="al een gebruiker"):
        gebruikers.voeg_toe(" an ", "control", WACHTWOORD, **DOOR)
    uitkomst = gebruikers.inloggen("an", WACHTWOORD)
    assert uitkomst.account is not None and uitkomst.account.naam == "An"
