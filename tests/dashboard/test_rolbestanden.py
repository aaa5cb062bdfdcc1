"""Issue #12 point 2: one read-only database file per role, opened directly, and the dashboard
working on that file alone.

The files are opened here with duckdb itself, not through the query layer: what a file does
not hold cannot reach that role through any page, URL parameter, export or bug.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from dashboard import roles
from dashboard.queries import verbinding
from pipelines import rolbestanden
from pipelines.privacy import PSEUDONIEM_HEX_LENGTE, PSEUDONIEM_PREFIX
from pipelines.rollen import schema as rollen_schema
from pipelines.settings import rolbestand_pad
from pipelines.sql_quote import ident
from tests.conftest import TEST_SLEUTEL, rijen_uit
from tests.dashboard.demo_db import kopie

# A pseudonym as pipelines/privacy.py makes it (P + 20 hex), in RE2 (no look-around).
PSEUDONIEM_RE2 = (
    rf"(^|[^0-9A-Za-z]){PSEUDONIEM_PREFIX}[0-9a-f]{{{PSEUDONIEM_HEX_LENGTE}}}($|[^0-9A-Za-z])"
)
# A column that names a client key, a pseudonym or a BSN (aantal_clienten and euro_per_client
# are counts and averages, not keys).
CLIENTSLEUTEL = re.compile(r"client_?id|clientnummer|cliëntnummer|pseudoniem|bsn", re.IGNORECASE)
ZONDER_CLIENTREGELS = (roles.CONTRACTMANAGEMENT, roles.CONTROL, roles.BEHEER)
# What only toezicht may read: client-level rows, evidence and the reviewers' notes.
ALLEEN_TOEZICHT = roles.WEERGAVEN_PER_ROL[roles.TOEZICHT] - (
    roles.WEERGAVEN_PER_ROL[roles.CONTRACTMANAGEMENT]
    | roles.WEERGAVEN_PER_ROL[roles.CONTROL]
    | roles.WEERGAVEN_PER_ROL[roles.BEHEER]
)


@contextmanager
def open_rolbestand(db: Path, rol: str) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(rolbestand_pad(db, rol)), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _tabellen(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        str(t)
        for (t,) in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database()"
        ).fetchall()
    }


def _pseudoniemen(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table.column of the file holding a value shaped like a client pseudonym.

    Every column is scanned as text (lists such as productcodes too), not only VARCHAR ones.
    """
    vondsten = []
    for tabel, kolom in con.execute(
        "select table_name, column_name from duckdb_columns() "
        "where database_name = current_database() order by 1, 2"
    ).fetchall():
        rij = con.execute(
            f"select any_value(cast({ident(kolom)} as varchar)) from {ident(tabel)} "
            f"where regexp_matches(cast({ident(kolom)} as varchar), ?)",
            [PSEUDONIEM_RE2],
        ).fetchone()
        if rij is not None and rij[0] is not None:
            vondsten.append(f"{tabel}.{kolom}: {str(rij[0])[:60]}")
    return vondsten


@pytest.mark.parametrize("rol", roles.ROLLEN)
def test_rolbestand_bevat_precies_de_weergaven_van_de_rol(demo_db: Path, rol: str) -> None:
    """The file holds the role's views as tables and its table macros, and nothing else."""
    verwacht = roles.WEERGAVEN_PER_ROL[rol]
    with open_rolbestand(demo_db, rol) as con:
        schemas = con.execute(
            "select schema_name from duckdb_schemas() where database_name = current_database()"
        ).fetchall()
        weergaven = con.execute(
            "select view_name from duckdb_views() "
            "where database_name = current_database() and not internal"
        ).fetchall()
        macros = {
            f"{m}()"
            for (m,) in con.execute(
                "select function_name from duckdb_functions() "
                "where database_name = current_database() and function_type = 'table_macro'"
            ).fetchall()
        }
        tabellen = _tabellen(con)
    assert schemas == [("main",)]
    assert weergaven == []
    assert tabellen | macros == verwacht | {m[:-2] for m in macros}
    assert macros == {w for w in verwacht if w.endswith("()")}


def test_rolbestand_is_alleen_lezen(demo_db: Path) -> None:
    for rol in roles.ROLLEN:
        modus = stat.S_IMODE(rolbestand_pad(demo_db, rol).stat().st_mode)
        assert modus == rolbestanden.MODUS == 0o440, (rol, oct(modus))
    # Nothing left behind next to them: no half-written file, no write-ahead log.
    rest = [p.name for p in demo_db.parent.iterdir() if p.name.startswith(".") or ".wal" in p.name]
    assert rest == []


@pytest.mark.parametrize("rol", ZONDER_CLIENTREGELS)
def test_bestand_zonder_clientregels(demo_db: Path, rol: str) -> None:
    with open_rolbestand(demo_db, rol) as con:
        tabellen = _tabellen(con)
        kolommen = con.execute(
            "select table_name, column_name from duckdb_columns() "
            "where database_name = current_database()"
        ).fetchall()
        pseudoniemen = _pseudoniemen(con)
    assert tabellen, "leeg rolbestand"
    assert not tabellen & {w.removesuffix("()") for w in ALLEEN_TOEZICHT}
    assert {"bewijsregels", "vorderingsoverzicht", "signaal_per_gemeente"} <= ALLEEN_TOEZICHT
    assert not [(t, k) for t, k in kolommen if CLIENTSLEUTEL.search(k)]
    # A quarantined value can be a client number: only toezicht sees the values.
    assert ("quarantaine", "waarde") not in kolommen
    assert not pseudoniemen, pseudoniemen


def test_toezichtbestand_bevat_het_bewijs(demo_db: Path) -> None:
    """The scan above can find a pseudonym: in the toezicht file it does, in the evidence."""
    [(aantal_bewijsregels,)] = rijen_uit(
        demo_db, "select count(*) from marts.mart_signaal_bewijsregels"
    )
    assert aantal_bewijsregels > 0
    with open_rolbestand(demo_db, roles.TOEZICHT) as con:
        rij = con.execute("select count(*), count(distinct client_id) from bewijsregels").fetchone()
        pseudoniemen = _pseudoniemen(con)
    assert rij is not None and rij[0] == aantal_bewijsregels and rij[1] > 0
    assert any(v.startswith("bewijsregels.client_id:") for v in pseudoniemen), pseudoniemen


def test_verantwoording_in_het_rolbestand_gelijk_aan_de_mart(demo_db: Path) -> None:
    """The macro over the materialised table gives what the role's macro gives in the full
    database (toezicht: the mart itself; control: with small cells suppressed)."""
    [(aantal, omzet)] = rijen_uit(
        demo_db, "select count(*), sum(omzet_regio_eur) from marts.mart_verantwoording_omzet"
    )
    assert aantal > 0
    for rol in (roles.TOEZICHT, roles.CONTROL):
        [verwacht] = rijen_uit(
            demo_db,
            f"select count(*), sum(omzet_regio_eur) from rol_{rol}.verantwoording_omzet()",
        )
        if rol == roles.TOEZICHT:
            assert verwacht == (aantal, omzet)
        with open_rolbestand(demo_db, rol) as con:
            assert (
                con.execute(
                    "select count(*), sum(omzet_regio_eur) from verantwoording_omzet()"
                ).fetchone()
                == verwacht
            )
    assert verwacht[0] == aantal


# ------------------------------------------------------------------------------------------
# The dashboard reads only the role's file
# ------------------------------------------------------------------------------------------
def test_dashboard_werkt_zonder_leesbare_volledige_database(
    maak_app: Callable[..., AppTest], demo_db: Path, tmp_path: Path
) -> None:
    """With the full database replaced by garbage, every page of every role still works:
    the dashboard reads nothing but the role's own file."""
    db = kopie(demo_db, tmp_path)
    db.write_bytes(b"geen database")
    for rol in roles.ROLLEN:
        at = maak_app(rol, db=db)
        at.run()
        for pagina in roles.PAGINAS_PER_ROL[rol]:
            at.switch_page(f"app_pages/{roles.PAGINAS[pagina].bestand}").run()
            assert not at.exception, (rol, pagina, [e.value for e in at.exception])
            assert not at.error, (rol, pagina, [e.value for e in at.error])
            # Figures, or (Bestanden aanleveren, Instellingen) the uploader or the form.
            assert at.dataframe or at.metric or at.get("file_uploader") or at.toggle, (
                rol,
                pagina,
            )


def test_ontbrekend_rolbestand_is_nog_niet_berekend(
    maak_app: Callable[..., AppTest], demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = kopie(demo_db, tmp_path)
    rolbestand_pad(db, roles.CONTRACTMANAGEMENT).unlink()
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    assert verbinding.dataversie(roles.CONTRACTMANAGEMENT).toestand == "niet_berekend"
    with pytest.raises(verbinding.NietBeschikbaar, match="signaalmonitor run"):
        verbinding.lees(roles.CONTRACTMANAGEMENT, ("runs",), "select * from runs")
    at = maak_app(roles.CONTRACTMANAGEMENT, db=db)
    at.run()
    assert not at.exception
    assert "signaalmonitor run" in at.info[0].value
    # The other roles' files are there, and this role does not fall back on them.
    assert rolbestand_pad(db, roles.TOEZICHT).is_file()


def test_contractmanagement_opent_alleen_eigen_bestand(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    with verbinding.leesverbinding(roles.CONTRACTMANAGEMENT) as con:
        [(bestand,)] = con.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchall()
        aangesloten = con.execute(
            "select count(*) from duckdb_databases() where not internal"
        ).fetchone()
        with pytest.raises(duckdb.CatalogException):
            con.execute("select * from bewijsregels")
        with pytest.raises(duckdb.CatalogException):
            con.execute("select * from marts.mart_signaal_bewijsregels")
    assert Path(bestand) == rolbestand_pad(demo_db, roles.CONTRACTMANAGEMENT)
    assert aangesloten == (1,)


# ------------------------------------------------------------------------------------------
# Publishing: a rerun replaces the files, a failure publishes nothing
# ------------------------------------------------------------------------------------------
def _stand(db: Path) -> dict[str, tuple[int, int]]:
    """Per role file: inode and modification time (a replaced file has a new inode)."""
    return {
        rol: (s.st_ino, s.st_mtime_ns)
        for rol in roles.ROLLEN
        for s in [rolbestand_pad(db, rol).stat()]
    }


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    from pipelines.cli import app

    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY", TEST_SLEUTEL)
    monkeypatch.setenv("SIGNAALMONITOR_PSEUDO_KEY_FILE", str(tmp_path / "sleutel"))
    monkeypatch.delenv("SIGNAALMONITOR_DB", raising=False)

    def _cli(*argumenten: str, code: int = 0) -> None:
        uitkomst = CliRunner().invoke(app, list(argumenten))
        assert uitkomst.exit_code == code, uitkomst.output

    return _cli


def test_nieuwe_run_vervangt_de_rolbestanden(
    demo_db: Path, tmp_path: Path, cli: Callable[..., None]
) -> None:
    db = kopie(demo_db, tmp_path)
    voor = _stand(db)
    cli("run", "--db", str(db))
    na = _stand(db)
    assert all(na[rol][0] != voor[rol][0] for rol in roles.ROLLEN), (voor, na)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    with open_rolbestand(db, roles.TOEZICHT) as con:
        assert con.execute("select count(*) from runs").fetchone() == (2,)


def test_ingest_ververst_het_laadverslag(
    demo_db: Path, tmp_path: Path, cli: Callable[..., None]
) -> None:
    """After an ingest the role files show the new load (Datakwaliteit), before any run."""
    db = kopie(demo_db, tmp_path)
    kapot = Path(__file__).resolve().parents[1] / "fixtures" / "declaraties_vijf_kapotte_regels.csv"
    with open_rolbestand(db, roles.BEHEER) as con:
        voor = con.execute("select count(*) from laadregister").fetchone()
    cli("ingest", str(kapot), "--db", str(db))
    with open_rolbestand(db, roles.BEHEER) as con:
        na = con.execute("select count(*) from laadregister").fetchone()
        namen = {n for (n,) in con.execute("select bestandsnaam from laadregister").fetchall()}
    assert voor is not None and na == (voor[0] + 1,)
    assert kapot.name in namen


def _inhoud_per_tabel(db: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """Per role file and table: row count and an order-independent checksum of its rows."""
    uit = {}
    for rol in roles.ROLLEN:
        with open_rolbestand(db, rol) as con:
            for naam in sorted(_tabellen(con)):
                rij = con.execute(
                    f"select count(*), coalesce(sum(hash(t::varchar)), 0) from {ident(naam)} as t"
                ).fetchone()
                assert rij is not None
                uit[(rol, naam)] = (int(rij[0]), int(rij[1]))
    return uit


@pytest.fixture
def volledig_geschreven(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The roles whose file rolbestanden._schrijf writes whole (not refreshed in part)."""
    rollen: list[str] = []
    echte_schrijf = rolbestanden._schrijf

    def _telt(*args: object, **kwargs: object) -> None:
        rollen.append(str(args[2]))
        echte_schrijf(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rolbestanden, "_schrijf", _telt)
    return rollen


def test_na_ingest_alleen_het_laadverslag_opnieuw_en_hetzelfde_als_alles(
    demo_db: Path, tmp_path: Path, cli: Callable[..., None], volledig_geschreven: list[str]
) -> None:
    """After an ingest each role file is its predecessor with only the tables that read what an
    ingest writes written again (#14: a month of new rows no longer copies every mart); the
    files hold exactly what a full publication writes."""
    db = kopie(demo_db, tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        catalogus = str(con.execute("select current_database()").fetchone()[0])  # type: ignore[index]
        geraakt = rolbestanden.door_ingest_geraakt(con, catalogus)
    # Directly and through another role's view (rol_beheer.laadregister reads rol_toezicht's).
    assert {("rol_toezicht", "laadregister"), ("rol_beheer", "laadregister")} <= geraakt
    assert ("rol_beheer", "quarantaine") in geraakt
    assert ("rol_toezicht", "signalen") not in geraakt  # a mart: built by run only
    kapot = Path(__file__).resolve().parents[1] / "fixtures" / "declaraties_vijf_kapotte_regels.csv"
    voor = _inhoud_per_tabel(db)
    cli("ingest", str(kapot), "--db", str(db))
    assert volledig_geschreven == []  # every file refreshed in part
    na = _inhoud_per_tabel(db)
    veranderd = {k for k in na if na[k] != voor.get(k)}
    assert ("rol_beheer", "laadregister") in {(rollen_schema(r), t) for r, t in veranderd}
    assert all((rollen_schema(r), t) in geraakt for r, t in veranderd), veranderd
    # Exactly what a full publication writes.
    with duckdb.connect(str(db)) as con:
        rolbestanden.publiceer(con, db)
    assert _inhoud_per_tabel(db) == na


def test_na_ingest_alles_opnieuw_als_het_bestand_van_een_andere_run_is(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    volledig_geschreven: list[str],
) -> None:
    """A file published after another run than the database's last (a run whose publication
    failed) is not built on: it is written whole, so no mart of an older run survives."""
    db = kopie(demo_db, tmp_path)
    with duckdb.connect(str(db)) as con:
        rolbestanden.publiceer(con, db, na_ingest=True)
        assert volledig_geschreven == []
        monkeypatch.setattr(rolbestanden, "laatste_run", lambda _con: 999)
        rolbestanden.publiceer(con, db, na_ingest=True)
    assert sorted(volledig_geschreven) == sorted(roles.ROLLEN)
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == []


def test_mislukte_run_publiceert_niets(
    demo_db: Path, tmp_path: Path, cli: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines import run_pipeline
    from pipelines.sql_runner import RunMislukt

    def _faalt(*_: object, **__: object) -> None:
        raise RunMislukt("controle faalde (test)")

    db = kopie(demo_db, tmp_path)
    voor = _stand(db)
    monkeypatch.setattr(run_pipeline, "voer_uit", _faalt)
    cli("run", "--db", str(db), code=1)
    assert _stand(db) == voor


def test_publicatie_die_halverwege_faalt_laat_alle_oude_bestanden_staan(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = kopie(demo_db, tmp_path)
    voor = _stand(db)
    echte_schrijf = rolbestanden._schrijf

    def _derde_faalt(
        con: duckdb.DuckDBPyConnection,
        catalogus: str,
        rol: str,
        wat: rolbestanden.Inhoud,
        pad: Path,
        run_id: int = 0,
    ) -> None:
        if rol == roles.ROLLEN[2]:
            raise duckdb.IOException("schijf vol (test)")
        echte_schrijf(con, catalogus, rol, wat, pad, run_id)

    monkeypatch.setattr(rolbestanden, "_schrijf", _derde_faalt)
    with duckdb.connect(str(db)) as con, pytest.raises(duckdb.IOException):
        rolbestanden.publiceer(con, db)
    assert _stand(db) == voor
    # The files written before the failure are gone again.
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == []
