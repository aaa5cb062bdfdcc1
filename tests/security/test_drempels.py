"""Thresholds are validated by type and range from one schema before anything is published.

`run --drempels PAD` reads a TOML file written by a person; a typo must give a Dutch message
and exit code 1, and the last published marts must stay exactly as they were.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.settings import PROJECT_ROOT, SQL_DIR
from tests.security.conftest import kleine_regio

runner = CliRunner()
STANDAARD = PROJECT_ROOT / "data" / "reference" / "drempels.toml"


def _standaard() -> dict[str, Any]:
    with STANDAARD.open("rb") as handle:
        return tomllib.load(handle)


# ------------------------------------------------------------------------------------------
# One schema, in step with drempels.toml and with the code that reads the thresholds
# ------------------------------------------------------------------------------------------
def test_schema_en_drempels_toml_hebben_dezelfde_sleutels() -> None:
    from pipelines.drempels_schema import SCHEMA

    assert set(SCHEMA) == set(_standaard())
    assert (
        len(SCHEMA) == 34 + 4 + 6 + 1 + 2 + 1 + 4 + 1
    )  # + toegang_min_signalen, min_celgrootte (KWA05); + groei_z_drempel (VOL01)
    # + startbericht_uiterlijk_dagen, toewijzingen_min_aantal, wachttijd_norm_dagen,
    #   slapend_min_maanden (SPK07, KWA06, KWA07)
    # SPK05: altijd_vol_grens, altijd_vol_min_verschil and altijd_vol_piek_marge replaced
    #   altijd_vol_min_aandeel and altijd_vol_tolerantie (+1)
    # + nieuw_* (5, VOL02) and peer_min_factor (KWA08, SPK06)
    # + opschaling_min_aandeel, opschaling_min_verschil (VOL03); onderlevering_min_verschil (KWA01)
    # + prognose_index_procent and three verantwoording_*_voor_maand deadlines (#13 control)


def test_groeidrempel_is_de_robuuste_drempel_gecorrigeerd_voor_vijf_onderdelen() -> None:
    # VOL01 looks at the strongest of five growth components: the shipped threshold must be
    # the single-test robust threshold with a Bonferroni correction for five tests.
    from statistics import NormalDist

    standaard = _standaard()
    normaal = NormalDist()
    staart = 1 - normaal.cdf(float(standaard["robuuste_z_drempel"]))
    verwacht = normaal.inv_cdf(1 - staart / 5)
    assert round(verwacht, 2) == standaard["groei_z_drempel"]


def test_elke_standaardwaarde_past_in_het_schema() -> None:
    from pipelines.drempels_schema import EENHEDEN, SCHEMA

    for naam, waarde in _standaard().items():
        regel = SCHEMA[naam]
        assert regel.naam == naam
        assert regel.eenheid in EENHEDEN, naam
        assert isinstance(waarde, regel.soort) and not isinstance(waarde, bool), naam
        assert regel.minimum <= waarde <= regel.maximum, naam
        assert regel.omschrijving, naam


def test_elke_drempel_wordt_ook_gebruikt() -> None:
    """A schema entry nobody reads is a threshold that silently does nothing."""
    from pipelines.drempels_schema import SCHEMA

    code = "\n".join(p.read_text(encoding="utf-8") for p in SQL_DIR.rglob("*.sql"))
    code += "\n".join(
        p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "pipelines").rglob("*.py")
    )
    for naam in SCHEMA:
        assert re.search(rf"getvariable\('{naam}'\)|drempels\.get\(\"{naam}\"", code), naam


def test_standaard_drempels_worden_gelezen_en_genormaliseerd() -> None:
    from pipelines.sql_runner import lees_drempels

    drempels = lees_drempels()
    assert drempels == _standaard()
    for waarde in drempels.values():
        assert not isinstance(waarde, bool) and math.isfinite(waarde)


# ------------------------------------------------------------------------------------------
# lees_drempels refuses bad files with a Dutch reason
# ------------------------------------------------------------------------------------------
SLECHT: dict[str, tuple[str, str]] = {
    # id: (TOML text, a word the Dutch reason must contain)
    "bool_voor_getal": ("z_drempel = true", "z_drempel"),
    "bool_voor_geheel_getal": ("min_peers = false", "min_peers"),
    "tekst_voor_getal": ('materieel_min_eur = "1000"', "materieel_min_eur"),
    "lijst": ("materieel_min_eur = [1000]", "materieel_min_eur"),
    "tabel": ("[materieel_min_eur]\nwaarde = 1", "materieel_min_eur"),
    "nan": ("z_drempel = nan", "z_drempel"),
    "inf": ("materieel_altijd_eur = inf", "materieel_altijd_eur"),
    "min_inf": ("groei_min_eur = -inf", "groei_min_eur"),
    "negatief_bedrag": ("materieel_min_eur = -5.0", "materieel_min_eur"),
    "negatief_bedrag_int": ("verantwoording_drempel_eur = -5", "verantwoording_drempel_eur"),
    "absurd_bedrag": ("materieel_altijd_eur = 1e12", "materieel_altijd_eur"),
    "aandeel_boven_1": ("materieel_min_aandeel = 1.5", "materieel_min_aandeel"),
    "aandeel_negatief": ("stapeling_min_aandeel = -0.1", "stapeling_min_aandeel"),
    "z_nul": ("z_drempel = 0.0", "z_drempel"),
    "z_absurd": ("robuuste_z_drempel = 1e6", "robuuste_z_drempel"),
    "breuk_voor_aantal": ("min_peers = 3.5", "min_peers"),
    "aantal_nul": ("min_clienten = 0", "min_clienten"),
    "uren_boven_week": ("intensiteit_max_uur_week = 200.0", "intensiteit_max_uur_week"),
    "seed_negatief": ("seed = -1", "seed"),
    "enorm_geheel_getal": ("seed = 1" + "0" * 400, "seed"),
    "onbekende_sleutel": ("z_drempell = 3.0", "z_drempell"),
    "syntaxfout": ("z_drempel = = 3", "TOML"),
    "ongeldige_utf8": ("", "TOML"),  # written as bytes below
}


def _schrijf(pad: Path, sleutel: str) -> Path:
    if sleutel == "ongeldige_utf8":
        pad.write_bytes(b"z_drempel = 3.0 # \xff\xfe\n")
    else:
        pad.write_text(SLECHT[sleutel][0] + "\n", encoding="utf-8")
    return pad


@pytest.mark.parametrize("sleutel", SLECHT)
def test_slechte_drempels_geweigerd(tmp_path: Path, sleutel: str) -> None:
    from pipelines.sql_runner import RunMislukt, lees_drempels

    pad = _schrijf(tmp_path / "eigen.toml", sleutel)
    with pytest.raises(RunMislukt) as fout:
        lees_drempels(pad)
    assert SLECHT[sleutel][1] in str(fout.value)
    assert str(pad) in str(fout.value)


def test_alle_fouten_in_een_melding(tmp_path: Path) -> None:
    from pipelines.sql_runner import RunMislukt, lees_drempels

    pad = tmp_path / "eigen.toml"
    pad.write_text("z_drempel = true\nmin_peers = 0\nonzin = 1\n", encoding="utf-8")
    with pytest.raises(RunMislukt) as fout:
        lees_drempels(pad)
    for woord in ("z_drempel", "min_peers", "onzin"):
        assert woord in str(fout.value)


@pytest.mark.parametrize("soort", ["ontbreekt", "map", "fifo", "onleesbaar", "te_groot"])
def test_onbruikbaar_drempelbestand(
    tmp_path: Path, soort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.sql_runner import RunMislukt, lees_drempels

    pad = tmp_path / "eigen.toml"
    if soort == "map":
        pad.mkdir()
    elif soort == "fifo":
        os.mkfifo(pad)  # reading it would block forever
    elif soort == "onleesbaar":
        pad.write_text("z_drempel = 4.0\n", encoding="utf-8")
        pad.chmod(0)
        if os.geteuid() == 0:  # root reads any file: make the read fail as it would for a user
            echte_open = Path.open

            def open_zonder_rechten(zelf: Path, *args: Any, **kwargs: Any) -> Any:
                if zelf == pad:
                    raise PermissionError(13, "Permission denied", str(zelf))
                return echte_open(zelf, *args, **kwargs)

            monkeypatch.setattr(Path, "open", open_zonder_rechten)
    elif soort == "te_groot":
        pad.write_text("# " + "x" * 2_000_000 + "\nz_drempel = 4.0\n", encoding="utf-8")
    with pytest.raises(RunMislukt) as fout:
        lees_drempels(pad)
    assert str(pad) in str(fout.value)
    assert "Permission" not in str(fout.value)  # Dutch, not the OS's English


def test_kapot_standaardbestand_geweigerd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.sql_runner import RunMislukt, lees_drempels

    (tmp_path / "drempels.toml").write_text(
        STANDAARD.read_text(encoding="utf-8").replace("min_peers = 8", "min_peers = true"),
        encoding="utf-8",
    )
    monkeypatch.setenv("SIGNAALMONITOR_REFERENTIE", str(tmp_path))
    with pytest.raises(RunMislukt) as fout:
        lees_drempels()
    assert "min_peers" in str(fout.value)


def test_geldige_afwijking_wordt_overgenomen(tmp_path: Path) -> None:
    from pipelines.sql_runner import lees_drempels

    pad = tmp_path / "eigen.toml"
    pad.write_text("z_drempel = 4\nmin_peers = 5\n", encoding="utf-8")
    drempels = lees_drempels(pad)
    # An integer written for a decimal threshold is accepted and stays a float in the SQL.
    assert drempels["z_drempel"] == 4.0 and isinstance(drempels["z_drempel"], float)
    assert drempels["min_peers"] == 5 and isinstance(drempels["min_peers"], int)


def test_groeidrempel_onder_de_robuuste_drempel_geweigerd(tmp_path: Path) -> None:
    from pipelines.sql_runner import RunMislukt, lees_drempels

    pad = tmp_path / "eigen.toml"
    pad.write_text("robuuste_z_drempel = 4.0\n", encoding="utf-8")
    with pytest.raises(RunMislukt, match=r"groei_z_drempel \(3\.91\) ligt onder robuuste_z"):
        lees_drempels(pad)
    pad.write_text("robuuste_z_drempel = 4.0\ngroei_z_drempel = 4.39\n", encoding="utf-8")
    assert lees_drempels(pad)["groei_z_drempel"] == 4.39


# ------------------------------------------------------------------------------------------
# Through the CLI: exit 1, a Dutch message, and nothing published
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def regio_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with kleine_regio(tmp_path_factory.mktemp("drempels")) as db:
        yield db


def _gepubliceerd(db: Path) -> tuple[object, ...]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (
            con.execute("select * from marts.mart_signalen order by all").fetchall(),
            con.execute("select * from marts.mart_aanbieder_risico order by all").fetchall(),
            con.execute("select count(*), max(drempels) from beheer.runs").fetchall(),
        )
    finally:
        con.close()


@pytest.mark.parametrize(
    "sleutel",
    [
        "bool_voor_geheel_getal",
        "bool_voor_getal",
        "nan",
        "negatief_bedrag",
        "absurd_bedrag",
        "syntaxfout",
    ],
)
def test_run_met_slechte_drempels_publiceert_niets(
    regio_db: Path, tmp_path: Path, sleutel: str
) -> None:
    voor = _gepubliceerd(regio_db)
    pad = _schrijf(tmp_path / "eigen.toml", sleutel)
    uitkomst = runner.invoke(app, ["run", "--db", str(regio_db), "--drempels", str(pad)])
    assert uitkomst.exit_code == 1, uitkomst.output
    assert isinstance(uitkomst.exception, SystemExit), uitkomst.exception
    assert "Fout:" in uitkomst.stderr
    assert "drempel" in " ".join(uitkomst.stderr.split()).lower()
    assert _gepubliceerd(regio_db) == voor


@pytest.mark.parametrize("soort", ["ontbreekt", "map"])
def test_run_met_onbruikbaar_drempelbestand(regio_db: Path, tmp_path: Path, soort: str) -> None:
    voor = _gepubliceerd(regio_db)
    pad = tmp_path / "eigen.toml"
    if soort == "map":
        pad.mkdir()
    uitkomst = runner.invoke(app, ["run", "--db", str(regio_db), "--drempels", str(pad)])
    assert uitkomst.exit_code == 1, uitkomst.output
    assert isinstance(uitkomst.exception, SystemExit), uitkomst.exception
    assert "Fout:" in uitkomst.stderr
    assert _gepubliceerd(regio_db) == voor


def test_run_met_slechte_drempels_maakt_geen_database(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path / "eigen.toml", "nan")
    db = tmp_path / "nieuw.duckdb"
    uitkomst = runner.invoke(app, ["run", "--db", str(db), "--drempels", str(pad)])
    assert uitkomst.exit_code == 1, uitkomst.output
    assert not db.exists()
