"""AppTest fixtures: one small demo database per session, an app per role (logged in)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.sessie import SESSIE_SLEUTEL, Gebruiker
from pipelines import rollen
from pipelines.beheeropslag import gebruikers
from tests.dashboard.demo_db import demo_database, opruimen

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
TIMEOUT = 60


@pytest.fixture(scope="session")
def demo_db() -> Iterator[Path]:
    yield demo_database()
    opruimen()


TEST_WACHTWOORD = "lang genoeg testwachtwoord"


@pytest.fixture
def beheer_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A beheeropslag of this test alone (users, audit log), whatever database it reads."""
    pad = tmp_path / "test.beheer.sqlite"
    monkeypatch.setenv("SIGNAALMONITOR_BEHEER_DB", str(pad))
    monkeypatch.delenv("SIGNAALMONITOR_ROL", raising=False)
    return pad


def ingelogde_gebruiker(rol: str) -> Gebruiker:
    """A user of `rol` in the test's beheeropslag (created once), as the session holds it.

    The app does not take this on trust: on every rerun it looks the user up in the store
    (exists, not blocked, its role), as it does after a real login.
    """
    naam = f"test-{rol}"
    if rol in rollen.ROLLEN and gebruikers.zoek(naam) is None:
        gebruikers.voeg_toe(naam, rol, TEST_WACHTWOORD, door="pytest", door_rol="beheer (test)")
    return Gebruiker(naam, rol)


@pytest.fixture
def maak_app(
    demo_db: Path, beheer_db: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AppTest]:
    """An AppTest of the whole app (entrypoint + navigation), logged in as a user of `rol`.

    An unknown role gets a session for a user that cannot exist in the store: the app must
    then show only the login page.
    """

    def _maak(rol: str = "toezicht", db: Path | None = None, **query: str) -> AppTest:
        monkeypatch.setenv("SIGNAALMONITOR_DB", str(db or demo_db))
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state[SESSIE_SLEUTEL] = ingelogde_gebruiker(rol)
        for sleutel, waarde in query.items():
            at.query_params[sleutel] = waarde
        return at

    return _maak


@pytest.fixture
def anonieme_app(
    demo_db: Path, beheer_db: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AppTest]:
    """The whole app for a browser session without a logged-in user."""

    def _maak(db: Path | None = None, **query: str) -> AppTest:
        monkeypatch.setenv("SIGNAALMONITOR_DB", str(db or demo_db))
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for sleutel, waarde in query.items():
            at.query_params[sleutel] = waarde
        return at

    return _maak


def alle_tekst(at: AppTest) -> str:
    """Everything the page rendered as text (markdown, captions, alerts, metrics, tables)."""
    delen: list[str] = []
    for soort in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        delen += [str(e.value) for e in getattr(at, soort)]
    delen += [f"{m.label} {m.value}" for m in at.metric]
    for df in at.dataframe:
        waarde = df.value
        delen.append(" ".join(map(str, waarde.columns)))
        delen.append(waarde.to_string())
    return "\n".join(delen)
