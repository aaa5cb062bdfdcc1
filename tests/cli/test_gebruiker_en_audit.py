"""`signaalmonitor gebruiker …` en `signaalmonitor audit`: wachtwoord nooit als argument en nooit
in de uitvoer, de CLI als auteur in het auditlog, en een formuleveilige CSV-export."""

from __future__ import annotations

import csv
import getpass
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.beheeropslag import audit, gebruikers
from pipelines.cli import CLI_ROL, app

runner = CliRunner()
WACHTWOORD = "een heel lang wachtwoord"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SIGNAALMONITOR_BEHEER_DB", raising=False)
    pad = tmp_path / "sm.duckdb"
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(pad))
    return pad


def _tekst(uitkomst) -> str:  # type: ignore[no-untyped-def]
    return " ".join(uitkomst.output.split())


def _voeg_toe(db: Path, naam: str = "an", rol: str = "beheer") -> None:
    uitkomst = runner.invoke(
        app,
        [
            "gebruiker",
            "toevoegen",
            "--naam",
            naam,
            "--rol",
            rol,
            "--wachtwoord-stdin",
            "--db",
            str(db),
        ],
        input=WACHTWOORD + "\n",
    )
    assert uitkomst.exit_code == 0, uitkomst.output


def test_toevoegen_via_stdin_en_wachtwoord_nergens_in_de_uitvoer(db: Path) -> None:
    _voeg_toe(db)
    assert gebruikers.inloggen("an", WACHTWOORD).gelukt
    regel = audit.lees(actie=audit.GEBRUIKER_TOEGEVOEGD)[0]
    assert (regel.gebruiker, regel.rol, regel.onderwerp) == (getpass.getuser(), CLI_ROL, "an")
    lijst = runner.invoke(app, ["gebruiker", "lijst", "--db", str(db)])
    export = runner.invoke(app, ["audit", "--sinds", "2000-01-01", "--db", str(db)])
    for uitkomst in (lijst, export):
        assert uitkomst.exit_code == 0, uitkomst.output
        assert WACHTWOORD not in uitkomst.output
        assert "argon2" not in uitkomst.output
    assert "an" in _tekst(lijst) and "beheer" in _tekst(lijst)


def test_prompt_vraagt_twee_keer_en_weigert_verschil(db: Path) -> None:
    uitkomst = runner.invoke(
        app,
        ["gebruiker", "toevoegen", "--naam", "an", "--rol", "toezicht", "--db", str(db)],
        input=f"{WACHTWOORD}\n{WACHTWOORD}x\n",
    )
    assert uitkomst.exit_code == 1
    assert "verschillen" in _tekst(uitkomst)
    assert WACHTWOORD not in uitkomst.output
    assert gebruikers.lijst(db) == []
    uitkomst = runner.invoke(
        app,
        ["gebruiker", "toevoegen", "--naam", "an", "--rol", "toezicht", "--db", str(db)],
        input=f"{WACHTWOORD}\n{WACHTWOORD}\n",
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    assert WACHTWOORD not in uitkomst.output


@pytest.mark.parametrize(
    "extra", [["--wachtwoord", WACHTWOORD], ["--password", WACHTWOORD], ["-p", WACHTWOORD]]
)
def test_wachtwoord_als_argument_wordt_geweigerd(db: Path, extra: list[str]) -> None:
    uitkomst = runner.invoke(
        app,
        ["gebruiker", "toevoegen", "--naam", "an", "--rol", "beheer", "--db", str(db), *extra],
        input=WACHTWOORD + "\n" + WACHTWOORD + "\n",
    )
    assert uitkomst.exit_code == 2
    assert gebruikers.lijst(db) == []


def test_kort_wachtwoord_en_onbekende_rol(db: Path) -> None:
    uitkomst = runner.invoke(
        app,
        [
            "gebruiker",
            "toevoegen",
            "--naam",
            "an",
            "--rol",
            "beheer",
            "--wachtwoord-stdin",
            "--db",
            str(db),
        ],
        input="kort\n",
    )
    assert uitkomst.exit_code == 1 and "minstens 12" in _tekst(uitkomst)
    uitkomst = runner.invoke(
        app,
        [
            "gebruiker",
            "toevoegen",
            "--naam",
            "an",
            "--rol",
            "admin",
            "--wachtwoord-stdin",
            "--db",
            str(db),
        ],
        input=WACHTWOORD + "\n",
    )
    assert uitkomst.exit_code == 1 and "Onbekende rol" in _tekst(uitkomst)
    assert gebruikers.lijst(db) == []


def test_rol_blokkeer_deblokkeer_wachtwoord(db: Path) -> None:
    _voeg_toe(db, "bo", "toezicht")
    assert (
        runner.invoke(
            app, ["gebruiker", "rol", "--naam", "bo", "--rol", "control", "--db", str(db)]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(app, ["gebruiker", "blokkeer", "--naam", "bo", "--db", str(db)]).exit_code
        == 0
    )
    assert not gebruikers.inloggen("bo", WACHTWOORD).gelukt
    assert "geblokkeerd" in _tekst(runner.invoke(app, ["gebruiker", "lijst", "--db", str(db)]))
    assert (
        runner.invoke(app, ["gebruiker", "deblokkeer", "--naam", "bo", "--db", str(db)]).exit_code
        == 0
    )
    nieuw = "nog een ander lang wachtwoord"
    uitkomst = runner.invoke(
        app,
        ["gebruiker", "wachtwoord", "--naam", "bo", "--wachtwoord-stdin", "--db", str(db)],
        input=nieuw + "\n",
    )
    assert uitkomst.exit_code == 0 and nieuw not in uitkomst.output
    account = gebruikers.inloggen("bo", nieuw).account
    assert account is not None and account.rol == "control"
    onbekend = runner.invoke(app, ["gebruiker", "blokkeer", "--naam", "niemand", "--db", str(db)])
    assert onbekend.exit_code == 1 and "geen gebruiker" in _tekst(onbekend)
    acties = [r.actie for r in audit.lees()]
    for actie in (
        audit.ROL_GEWIJZIGD,
        audit.GEBRUIKER_GEBLOKKEERD,
        audit.GEBRUIKER_GEDEBLOKKEERD,
        audit.WACHTWOORD_GEWIJZIGD,
    ):
        assert actie in acties


def test_audit_export_is_formuleveilig_en_de_keten_klopt(db: Path, tmp_path: Path) -> None:
    _voeg_toe(db, '=HYPERLINK("http://x")', "toezicht")
    doel = tmp_path / "uit" / "audit.csv"
    uitkomst = runner.invoke(
        app, ["audit", "--sinds", "2000-01-01", "--uit", str(doel), "--db", str(db)]
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    rijen = list(csv.DictReader(io.StringIO(doel.read_text(encoding="utf-8"))))
    assert rijen[0]["onderwerp"] == '\'=HYPERLINK("http://x")'
    assert (doel.stat().st_mode & 0o777) == 0o600
    # The export itself is in the log.
    assert audit.lees()[-1].actie == audit.AUDIT_GEEXPORTEERD
    leeg = runner.invoke(app, ["audit", "--sinds", "2999-01-01", "--db", str(db)])
    assert leeg.output.splitlines()[0].startswith("volgnummer,tijdstip,")
    assert len(leeg.output.splitlines()) == 1
    controle = runner.invoke(app, ["audit", "--controleer", "--db", str(db)])
    assert controle.exit_code == 0 and "klopt" in _tekst(controle)


def test_audit_controleer_ziet_een_gewijzigde_regel(db: Path) -> None:
    import sqlite3

    from pipelines.beheeropslag import opslag

    _voeg_toe(db)
    con = sqlite3.connect(opslag.pad())
    # Outside the program: drop the trigger, change a row (what an attacker with the file can do).
    con.execute("drop trigger audit_niet_wijzigen")
    con.execute("update audit set onderwerp = 'iemand anders' where volgnummer = 1")
    con.commit()
    con.close()
    uitkomst = runner.invoke(app, ["audit", "--controleer", "--db", str(db)])
    assert uitkomst.exit_code == 1
    assert "breekt bij regel 1" in _tekst(uitkomst)


def test_audit_zonder_sinds_of_met_foute_datum(db: Path) -> None:
    assert runner.invoke(app, ["audit", "--db", str(db)]).exit_code == 1
    fout = runner.invoke(app, ["audit", "--sinds", "gisteren", "--db", str(db)])
    assert fout.exit_code == 1 and "geen datum" in _tekst(fout)
