"""AppTest fixtures: one small demo database per session, an app per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.demo_db import demo_database, opruimen

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
TIMEOUT = 60


@pytest.fixture(scope="session")
def demo_db() -> Iterator[Path]:
    yield demo_database()
    opruimen()


@pytest.fixture
def maak_app(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """An AppTest of the whole app (entrypoint + navigation) for a role and a database."""

    def _maak(rol: str = "toezicht", db: Path | None = None, **query: str) -> AppTest:
        monkeypatch.setenv("SIGNAALMONITOR_DB", str(db or demo_db))
        monkeypatch.setenv("SIGNAALMONITOR_ROL", rol)
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
