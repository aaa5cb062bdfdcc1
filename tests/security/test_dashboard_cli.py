"""`signaalmonitor dashboard`: local by default, a busy port is an error, streamlit's exit code
is the command's exit code (#7, point 8). No real server is started: subprocess.run is
replaced; only the busy-port case binds a socket itself, on 127.0.0.1 and a free port."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipelines import cli
from pipelines.cli import app

runner = CliRunner()


class NepStreamlit:
    """Stands in for subprocess.run: records the command, returns a chosen exit code."""

    def __init__(self, returncode: int = 0, fout: BaseException | None = None) -> None:
        self.returncode = returncode
        self.fout = fout
        self.opdrachten: list[list[str]] = []
        self.omgevingen: list[dict[str, str]] = []

    def __call__(self, opdracht: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.opdrachten.append(list(opdracht))
        self.omgevingen.append(dict(kwargs.get("env") or {}))
        if self.fout is not None:
            raise self.fout
        return subprocess.CompletedProcess(opdracht, self.returncode)

    def optie(self, naam: str) -> str:
        opdracht = self.opdrachten[-1]
        return opdracht[opdracht.index(naam) + 1]


@pytest.fixture
def nep(monkeypatch: pytest.MonkeyPatch) -> Iterator[NepStreamlit]:
    streamlit = NepStreamlit()
    monkeypatch.setattr(cli.subprocess, "run", streamlit)
    yield streamlit


def _tekst(uitkomst: Any) -> str:
    return " ".join(uitkomst.output.split())


def _opdracht(map_: Path, poort: int) -> list[str]:
    return ["dashboard", "--db", str(map_ / "x.duckdb"), "--port", str(poort)]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_standaard_alleen_op_deze_machine(nep: NepStreamlit, tmp_path: Path) -> None:
    poort = _vrije_poort()
    uitkomst = runner.invoke(
        app, ["dashboard", "--db", str(tmp_path / "x.duckdb"), "--port", str(poort)]
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    assert nep.optie("--server.address") == "127.0.0.1"
    assert nep.optie("--server.port") == str(poort)
    assert f"http://127.0.0.1:{poort}" in _tekst(uitkomst)


def test_adres_kiezen(nep: NepStreamlit, tmp_path: Path) -> None:
    poort = _vrije_poort()
    uitkomst = runner.invoke(
        app,
        [*_opdracht(tmp_path, poort), "--adres", "0.0.0.0"],
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    assert nep.optie("--server.address") == "0.0.0.0"
    # Reachable from other machines: the command says so.
    assert "andere machines" in _tekst(uitkomst)


def test_bezette_poort_geeft_fout_en_start_niets(nep: NepStreamlit, tmp_path: Path) -> None:
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen(1)
        poort = int(bezet.getsockname()[1])
        uitkomst = runner.invoke(
            app, ["dashboard", "--db", str(tmp_path / "x.duckdb"), "--port", str(poort)]
        )
    assert uitkomst.exit_code == 1, uitkomst.output
    tekst = _tekst(uitkomst)
    assert str(poort) in tekst and "--port" in tekst and "bezet" in tekst
    assert nep.opdrachten == []


@pytest.mark.parametrize("adres", ["geen adres!", "192.0.2.1"])
def test_onbruikbaar_adres_geeft_fout(nep: NepStreamlit, tmp_path: Path, adres: str) -> None:
    """A name that does not resolve, or an address of another machine (TEST-NET-1)."""
    uitkomst = runner.invoke(
        app,
        [*_opdracht(tmp_path, _vrije_poort()), "--adres", adres],
    )
    assert uitkomst.exit_code == 1, uitkomst.output
    assert "--adres" in _tekst(uitkomst) and "Traceback" not in uitkomst.output
    assert nep.opdrachten == []


@pytest.mark.parametrize("poort", ["0", "65536", "-1"])
def test_poort_buiten_bereik(nep: NepStreamlit, tmp_path: Path, poort: str) -> None:
    uitkomst = runner.invoke(
        app, ["dashboard", "--db", str(tmp_path / "x.duckdb"), f"--port={poort}"]
    )
    assert uitkomst.exit_code == 1, uitkomst.output
    assert "1 en 65535" in _tekst(uitkomst)
    assert nep.opdrachten == []


@pytest.mark.parametrize("code", [1, 2, 3])
def test_exitcode_van_streamlit_wordt_doorgegeven(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: int
) -> None:
    streamlit = NepStreamlit(returncode=code)
    monkeypatch.setattr(cli.subprocess, "run", streamlit)
    uitkomst = runner.invoke(
        app, ["dashboard", "--db", str(tmp_path / "x.duckdb"), "--port", str(_vrije_poort())]
    )
    assert uitkomst.exit_code == code, uitkomst.output
    assert "Fout" in _tekst(uitkomst)


def test_streamlit_door_signaal_gestopt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A child killed by a signal (negative returncode) gives the shell's 128 + signal."""
    monkeypatch.setattr(cli.subprocess, "run", NepStreamlit(returncode=-9))
    uitkomst = runner.invoke(
        app, ["dashboard", "--db", str(tmp_path / "x.duckdb"), "--port", str(_vrije_poort())]
    )
    assert uitkomst.exit_code == 137, uitkomst.output


def test_ctrl_c_stopt_netjes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cli.subprocess, "run", NepStreamlit(fout=KeyboardInterrupt()))
    uitkomst = runner.invoke(
        app, ["dashboard", "--db", str(tmp_path / "x.duckdb"), "--port", str(_vrije_poort())]
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    assert "Dashboard gestopt" in _tekst(uitkomst)


def test_database_via_de_omgeving_en_geen_rol_meer(
    nep: NepStreamlit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Since #12 one server serves every role; the role comes from the logged-in user."""
    db = tmp_path / "x.duckdb"
    uitkomst = runner.invoke(
        app,
        ["dashboard", "--db", str(db), "--port", str(_vrije_poort()), "--rol", "control"],
    )
    assert uitkomst.exit_code == 2
    assert not nep.omgevingen
    # A role left in the shell's environment does not reach the server either.
    monkeypatch.setenv("SIGNAALMONITOR_ROL", "toezicht")
    uitkomst = runner.invoke(app, ["dashboard", "--db", str(db), "--port", str(_vrije_poort())])
    assert uitkomst.exit_code == 0, uitkomst.output
    assert "SIGNAALMONITOR_ROL" not in nep.omgevingen[-1]
    assert nep.omgevingen[-1]["SIGNAALMONITOR_DB"] == str(db.resolve())
    assert "nog geen gebruikers" in _tekst(uitkomst)


def test_streamlit_config_bindt_lokaal() -> None:
    """Also `streamlit run` by hand from dashboard/ listens on this machine only."""
    import tomllib

    config = cli.settings.PROJECT_ROOT / "dashboard" / ".streamlit" / "config.toml"
    assert tomllib.loads(config.read_text(encoding="utf-8"))["server"]["address"] == "127.0.0.1"
