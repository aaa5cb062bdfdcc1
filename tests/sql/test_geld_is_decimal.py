"""Money is DECIMAL end to end: in every layer of a run, in the exports, and in the text.

Amounts (declared, allocated, unlawful, a share of an amount, a sum) are DECIMAL(18,2); a unit
price (a tariff per minute or hour, a price per unit) is DECIMAL(18,4). Rates, shares, z-scores
and volumes are not money and may be DOUBLE. The raw layer (`raw.*`) keeps the text as read and
is not scanned.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines import database
from pipelines.exports.csv_exports import (
    EXPORTS,
    GELD_KOLOMMEN,
    export_parameters,
    export_sql,
    schrijf_export,
)
from pipelines.settings import SQL_DIR
from tests.dashboard.demo_db import demo_database

# What marks a money column by its name (house style: money ends in _eur; the loaded tables
# keep the contract's names bedrag, budget, tarief).
GELD = re.compile(r"bedrag|_eur|euro|tarief|budget|financieel_belang|omzet|kosten|prijs")
# Unit prices: a tariff per unit may carry more than cents (a per-minute tariff).
EENHEIDSPRIJS = re.compile(r"^((product|contract|toegewezen_)?tarief(_eur)?|prijs_per_eenheid.*)$")
BEDRAG = "DECIMAL(18,2)"
PRIJS = "DECIMAL(18,4)"
SCHEMAS = ("staging", "referentie", "stg", "intermediate", "marts")

# (schema, table, column) → (allowed types, reason). Every exception must still exist.
AANDEEL_VAN_DE_EUROS = ({"DOUBLE"}, "een aandeel (0–1) van de euro's, geen bedrag")
UITZONDERINGEN: dict[tuple[str, str, str], tuple[set[str], str]] = {
    ("marts", "mart_dash_aanbieder_mix", "aandeel_eur"): AANDEEL_VAN_DE_EUROS,
    ("marts", "mart_dash_aanbieder_mix", "peer_aandeel_eur"): AANDEEL_VAN_DE_EUROS,
    ("marts", "mart_verantwoording_omzet", "omzet_per_gemeente"): (
        {"VARCHAR"},
        "tekst: de bedragen per gemeente als euro_tekst",
    ),
    ("intermediate", "int_verantwoording_omzet", "omzet_per_gemeente"): (
        {"VARCHAR"},
        "tekst: de bedragen per gemeente als euro_tekst (voor mart_verantwoording_omzet)",
    ),
}


def verwacht_type(kolom: str) -> str:
    return PRIJS if EENHEIDSPRIJS.match(kolom) else BEDRAG


def geldkolommen(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    plaatsen = ", ".join("?" for _ in SCHEMAS)
    rijen = con.execute(
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
        f"WHERE table_schema IN ({plaatsen}) ORDER BY ALL",
        list(SCHEMAS),
    ).fetchall()
    return [(s, t, k, d) for s, t, k, d in rijen if GELD.search(k)]


def afwijkingen(kolommen: list[tuple[str, str, str, str]]) -> list[str]:
    fouten = []
    for schema, tabel, kolom, datatype in kolommen:
        uitzondering = UITZONDERINGEN.get((schema, tabel, kolom))
        toegestaan = uitzondering[0] if uitzondering else {verwacht_type(kolom)}
        if datatype not in toegestaan:
            fouten.append(f"{schema}.{tabel}.{kolom} is {datatype}, verwacht {sorted(toegestaan)}")
    return fouten


@pytest.fixture(scope="module")
def regio() -> Path:
    """A small demo region (30 providers, 800 clients), loaded and run through the CLI."""
    return demo_database()


def test_elke_geldkolom_in_elke_laag_is_decimal(regio: Path) -> None:
    con = duckdb.connect(str(regio), read_only=True)
    try:
        kolommen = geldkolommen(con)
    finally:
        con.close()
    assert afwijkingen(kolommen) == []
    # The scan is not empty: the backbone, the loaded tables and the published marts are in it.
    gevonden = {(s, t, k): d for s, t, k, d in kolommen}
    assert gevonden[("staging", "declaraties", "ingediend_bedrag")] == BEDRAG
    assert gevonden[("staging", "tarieven", "tarief")] == PRIJS
    assert gevonden[("stg", "stg_declaraties", "producttarief_eur")] == PRIJS
    assert gevonden[("intermediate", "int_declaratieregels_status", "onrechtmatig_eur")] == BEDRAG
    assert gevonden[("marts", "mart_aanbieder_risico", "financieel_belang")] == BEDRAG
    assert len(kolommen) > 60
    # No stale exception: each names a column that exists.
    assert set(UITZONDERINGEN) <= set(gevonden)


def test_de_controle_vangt_een_double() -> None:
    """The rule itself: a DOUBLE amount, a tariff with cents only, a text amount all fail."""
    fouten = afwijkingen(
        [
            ("stg", "stg_declaraties", "ingediend_bedrag_eur", "DOUBLE"),
            ("stg", "stg_tarieven", "tarief_eur", "DECIMAL(18,2)"),
            ("intermediate", "int_x", "boven_contracttarief_eur", "DECIMAL(18,4)"),
            ("marts", "mart_x", "financieel_belang", "VARCHAR"),
            ("marts", "mart_dash_aanbieder_mix", "gedeclareerd_eur", "DECIMAL(18,2)"),
        ]
    )
    assert len(fouten) == 4


def test_exports_schrijven_geld_als_decimaal_met_twee_cijfers(regio: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(regio), read_only=True)
    try:
        for soort, (_, kolommen, _) in EXPORTS.items():
            parameters = export_parameters(soort, None)
            types = dict(
                zip(
                    kolommen,
                    (str(t) for t in con.sql(export_sql(soort), params=parameters).types),
                    strict=True,
                )
            )
            geld = [k for k in kolommen if GELD.search(k)]
            assert geld, soort
            assert set(geld) <= GELD_KOLOMMEN
            assert {k: types[k] for k in geld} == {k: BEDRAG for k in geld}

            doel = tmp_path / f"{soort}.csv"
            aantal = schrijf_export(con, soort, doel, None)
            with doel.open(encoding="utf-8", newline="") as handle:
                rijen = list(csv.DictReader(handle))
            assert len(rijen) == aantal > 0
            # Plain text with exactly two decimals, equal to the mart's exact value.
            verwacht = con.sql(export_sql(soort), params=parameters).fetchall()
            for rij, db_rij in zip(rijen, verwacht, strict=True):
                for kolom in geld:
                    assert re.fullmatch(r"-?[0-9]+\.[0-9]{2}", rij[kolom]), (kolom, rij[kolom])
                    assert Decimal(rij[kolom]) == db_rij[kolommen.index(kolom)]
    finally:
        con.close()


@pytest.fixture
def macros() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    # The unit macros look codes up in referentie.codelijsten: they need the migrated schema.
    database.migrate(con)
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    return con


@pytest.mark.parametrize(
    ("uitdrukking", "verwacht"),
    [
        # Half away from zero, on the exact value of a share of an amount: 10,05 × 15/30.
        ("10.05::decimal(18, 2) * 15 / 30", Decimal("5.03")),
        ("-10.05::decimal(18, 2) * 15 / 30", Decimal("-5.03")),
        # Volume × tariff difference: 225 minutes × (€ 89,55 − € 57,65) per hour = 119,625.
        ("225.0 * (89.55::decimal(18, 4) / 60 - 57.65::decimal(18, 4) / 60)", Decimal("119.63")),
        ("1.005::double", Decimal("1.01")),
        ("2.675::double", Decimal("2.68")),
        ("1234.56::decimal(18, 2)", Decimal("1234.56")),
        ("1234.564::decimal(18, 4)", Decimal("1234.56")),
    ],
)
def test_bedrag_op_centen_rondt_half_van_nul_af(
    macros: duckdb.DuckDBPyConnection, uitdrukking: str, verwacht: Decimal
) -> None:
    rij = macros.execute(
        f"SELECT bedrag_op_centen({uitdrukking}), typeof(bedrag_op_centen({uitdrukking}))"
    ).fetchone()
    assert rij == (verwacht, BEDRAG)


@pytest.mark.parametrize(
    ("uitdrukking", "verwacht"),
    [
        ("1234.50::decimal(18, 2)", "€ 1.235"),
        ("1234.49::decimal(18, 2)", "€ 1.234"),
        # A real minus sign before the euro sign, as pipelines/opmaak.py writes it (#10).
        ("-1234.50::decimal(18, 2)", "−€ 1.235"),
        ("-86992.4::decimal(18, 2)", "−€ 86.992"),
        # What rounds to zero gets no sign.
        ("-0.4::decimal(18, 2)", "€ 0"),
        # A sum of doubles that should be 1234,50 but came out a hair below: still € 1.235.
        ("1234.4999999999998::double", "€ 1.235"),
        # One rounding step: 292,497 is closer to € 292 (via cents it would become € 293).
        ("292.4973::double", "€ 292"),
        ("292.497::decimal(18, 3)", "€ 292"),
        ("0::decimal(18, 2)", "€ 0"),
    ],
)
def test_euro_tekst(macros: duckdb.DuckDBPyConnection, uitdrukking: str, verwacht: str) -> None:
    assert macros.execute(f"SELECT euro_tekst({uitdrukking})").fetchone() == (verwacht,)


@pytest.mark.parametrize(
    "bedrag", ["-86992.40", "-1234.50", "-0.40", "0", "0.49", "999.50", "1234567.89"]
)
def test_sql_en_python_schrijven_een_bedrag_hetzelfde(
    macros: duckdb.DuckDBPyConnection, bedrag: str
) -> None:
    from pipelines import opmaak

    sql = macros.execute("SELECT euro_tekst(?::decimal(18, 2))", [bedrag]).fetchone()
    assert sql == (opmaak.euro(Decimal(bedrag)),)


@pytest.mark.parametrize("aandeel", [-0.0273, -0.0004, 0.0, 0.1549, 1.0, 2.5])
def test_sql_en_python_schrijven_een_percentage_hetzelfde(
    macros: duckdb.DuckDBPyConnection, aandeel: float
) -> None:
    from pipelines import opmaak

    sql = macros.execute("SELECT procent_tekst(?::double)", [aandeel]).fetchone()
    assert sql == (opmaak.procent(aandeel),)


def test_aantallen_met_het_goede_woord(macros: duckdb.DuckDBPyConnection) -> None:
    rij = macros.execute(
        "SELECT aantal_tekst(1, 'klacht', 'klachten'), aantal_tekst(0, 'klacht', 'klachten'), "
        "aantal_tekst(2, 'calamiteit', 'calamiteiten'), van_de_tekst(1, 1, 'cliënt', 'cliënten'), "
        "van_de_tekst(0, 1, 'cliënt', 'cliënten'), van_de_tekst(3, 12, 'cliënt', 'cliënten')"
    ).fetchone()
    assert rij == (
        "1 klacht",
        "0 klachten",
        "2 calamiteiten",
        "de enige cliënt",
        "geen cliënt",
        "3 van de 12 cliënten",
    )


def test_migratie_maakt_bestaande_bedragen_centen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database from before migration 0004 keeps its rows; its amounts become cents."""
    db = tmp_path / "db.duckdb"
    alle = database.migrations()
    monkeypatch.setattr(database, "migrations", lambda: [m for m in alle if m[0] < 4])
    con = duckdb.connect(str(db))
    database.migrate(con)
    con.execute(
        "INSERT INTO staging.verantwoording VALUES "
        "(1, 2, '41000001', 2024, NULL, NULL, 12.3450, 'h'), "
        "(1, 3, '41000001', 2024, NULL, NULL, -0.0050, 'i')"
    )
    con.close()
    monkeypatch.setattr(database, "migrations", lambda: alle)

    con = database.open_for_writing(db)
    try:
        bedragen = con.execute(
            "SELECT bedrag FROM staging.verantwoording ORDER BY regelnummer"
        ).fetchall()
        typen = dict(
            con.execute(
                "SELECT table_name || '.' || column_name, data_type "
                "FROM information_schema.columns WHERE table_schema = 'staging' AND column_name IN "
                "('ingediend_bedrag', 'producttarief', 'budget', 'bedrag', 'tarief')"
            ).fetchall()
        )
    finally:
        con.close()
    assert bedragen == [(Decimal("12.35"),), (Decimal("-0.01"),)]
    assert typen == {
        "declaraties.ingediend_bedrag": BEDRAG,
        "declaraties.producttarief": PRIJS,
        "toewijzingen.budget": BEDRAG,
        # migration 0007: every delivered version next to the current one
        "toewijzingen_versies.budget": BEDRAG,
        "verantwoording.bedrag": BEDRAG,
        "tarieven.tarief": PRIJS,
        # migration 0009 (#13): the optional begroting per gemeente × perceel × jaar
        "begroting.bedrag": BEDRAG,
    }
