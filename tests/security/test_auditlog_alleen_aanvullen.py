"""Het auditlog: alleen aanvullen (triggers), een keten die wijzigen buiten de code om laat zien,
BSN uit vrije tekst, en het bestand alleen leesbaar voor de eigenaar."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from pipelines.beheeropslag import audit, opslag


def test_auditlog_alleen_aanvullen_met_keten_en_zonder_bsn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(tmp_path / "x.duckdb"))
    audit.schrijf(audit.INLOGGEN, gebruiker="an", rol="toezicht", toelichting="bsn 123456782")
    audit.schrijf(audit.BEWIJS_BEKEKEN, gebruiker="an", rol="toezicht", aantal_rijen=3)
    regels = audit.lees()
    assert [r.actie for r in regels] == [audit.INLOGGEN, audit.BEWIJS_BEKEKEN]
    assert "123456782" not in (regels[0].toelichting or "")
    assert audit.controleer_keten() is None
    bestand = opslag.pad()
    assert stat.S_IMODE(os.stat(bestand).st_mode) == 0o600

    con = sqlite3.connect(bestand)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("delete from audit")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("update audit set actie = 'x'")
    # Someone with the file and their own client drops the trigger: the chain shows it.
    con.execute("drop trigger audit_niet_wijzigen")
    con.execute("update audit set gebruiker = 'x' where volgnummer = 1")
    con.commit()
    con.close()
    assert audit.controleer_keten() == 1


def test_auditlog_filters_zijn_waarden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, timedelta

    monkeypatch.setenv("SIGNAALMONITOR_DB", str(tmp_path / "x.duckdb"))
    audit.schrijf(audit.INLOGGEN, gebruiker="an", rol="toezicht")
    audit.schrijf(audit.UITLOGGEN, gebruiker="x' or '1'='1", rol="toezicht")
    assert [r.actie for r in audit.lees(gebruiker="an")] == [audit.INLOGGEN]
    assert audit.lees(gebruiker="' or '1'='1") == []
    assert len(audit.lees(gebruiker="x' or '1'='1")) == 1
    straks = datetime.now() + timedelta(hours=1)
    assert audit.lees(sinds=straks) == []
    assert len(audit.lees(tot=straks)) == 2
