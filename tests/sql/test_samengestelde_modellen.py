"""The indicator kit: the generated union models and what adding an indicator takes.

An indicator is one SQL file with a header (+ evidence); running
`python -m pipelines.samengestelde_modellen` writes mart_signalen, mart_signaal_bewijsregels,
indicator_register and int_peer_waarnemingen from the files. These tests check that the
checked-in files are what the generator writes now, and run a tiny region of hand-written
models through the real macros, generator and checks.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.database import open_for_writing
from pipelines.samengestelde_modellen import KitFout, alle_modellen, genereer
from pipelines.settings import SQL_DIR
from pipelines.sql_runner import RunMislukt, draai, vind_modellen

AGB = "41000001"


def test_gegenereerde_modellen_zijn_actueel() -> None:
    for relatief, tekst in genereer(alle_modellen(SQL_DIR)).items():
        huidig = (SQL_DIR / relatief).read_text(encoding="utf-8")
        assert huidig == tekst, (
            f"sql/{relatief} is verouderd: draai `python -m pipelines.samengestelde_modellen`"
        )


def _schrijf(map_: Path, pad: str, sql: str) -> None:
    doel = map_ / pad
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_text(sql, encoding="utf-8")


REGEL = """-- code: TST01
-- naam: Testregel
-- categorie: spookzorg
-- eenheid: aandeel
-- eenheid_afwijking: aandeel
-- soort_belang: onrechtmatig
-- baan: rechtmatigheid
-- definitie: een regelsignaal per aanbieder en perceel
-- grain: één rij per aanbieder × jaar × perceel
with final as (
    select
        *,
        perceel as reikwijdte,
        'regelsignaal (geen peervergelijking)' as peergroep,
        'uitleg ' || perceel as toelichting
    from (
        values
            ('{agb}', 2024, 'hv', 0.5, 1234.567, 3, true, 1.0, 'rekenwerk'),
            ('{agb}', 2024, 'bw', 0.1, 10.0, 1, false, 1.0, 'rekenwerk')
    ) as t (
        aanbieder_agb, jaar, perceel, waarde, financieel_belang, aantal_clienten, gemarkeerd,
        sterkte, werkkolom
    )
)

select * from final
""".replace("{agb}", AGB)

# The evidence names its declaration line; aanbieder and jaar come from the line itself.
BEWIJS = """-- doel: het bewijs van TST01
with final as (
    select 'hv' as reikwijdte, 'declaratie' as bron, 'R1' as declaratieregel_id,
        100.0 as onrechtmatig_eur, 'te veel' as toelichting
)

select * from final
"""

REGELS = f"""-- doel: twee declaratieregels
select *
from (
    values
        ('R1', '{AGB}', 2024, '0307', 'D1', 'C1', 'T1', 'REF1', '02A16', date '2024-03-01',
            date '2024-03-31', 12.0, 840.00, '9338')
) as r (
    declaratieregel_id, aanbieder_agb, jaar, gemeentecode, declaratienummer, client_id,
    toewijzingnummer, referentienummer, productcode, begindatum, einddatum, geleverd_volume,
    bedrag_eur, retourcode
)
"""


def _kleine_kit(tmp_path: Path, bewijs: str = BEWIJS) -> Path:
    """A sql/ folder with the real macros and checks, one indicator and its evidence."""
    sql = tmp_path / "sql"
    _schrijf(sql, "macros.sql", (SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    for controle in ("assert_bewijs_hoort_bij_signaal", "assert_signalen_volgens_contract"):
        _schrijf(
            sql,
            f"tests/{controle}.sql",
            (SQL_DIR / "tests" / f"{controle}.sql").read_text(encoding="utf-8"),
        )
    _schrijf(sql, "intermediate/int_declaratieregels_status.sql", REGELS)
    _schrijf(sql, "indicators/ind_test_regel.sql", REGEL)
    _schrijf(sql, "indicators/ind_test_regel_bewijs.sql", bewijs)
    for relatief, tekst in genereer(vind_modellen(sql)).items():
        _schrijf(sql, relatief, tekst)
    return sql


def _draai(tmp_path: Path, sql: Path) -> duckdb.DuckDBPyConnection:
    con = open_for_writing(tmp_path / "kit.duckdb")
    draai(con, sql_dir=sql, drempels={})
    return con


def test_een_indicatorbestand_met_kop_wordt_een_signaal_met_bewijs(tmp_path: Path) -> None:
    con = _draai(tmp_path, _kleine_kit(tmp_path))

    rijen = con.execute(
        "SELECT signaal_id, indicator, categorie, reikwijdte, financieel_belang "
        "FROM marts.mart_signalen ORDER BY reikwijdte"
    ).fetchall()
    sleutels = {
        perceel: con.execute(
            "SELECT signaal_sleutel('TST01', ?, 2024, ?)", [AGB, perceel]
        ).fetchone()[0]  # type: ignore[index]
        for perceel in ("bw", "hv")
    }
    # Code and categorie from the header, the key from indicator/aanbieder/jaar/reikwijdte,
    # money rounded to the cent as DECIMAL(18,2).
    assert rijen == [
        (sleutels["bw"], "TST01", "spookzorg", "bw", Decimal("10.00")),
        (sleutels["hv"], "TST01", "spookzorg", "hv", Decimal("1234.57")),
    ]
    typen = {r[0]: r[1] for r in con.execute("DESCRIBE marts.mart_signalen").fetchall()}
    assert typen["financieel_belang"] == "DECIMAL(18,2)"
    # A working column of the indicator stays in its own table, out of the published mart.
    assert "werkkolom" not in typen

    # An evidence line carries what a gemeente needs for its own terugvordering (#10).
    bewijs = con.execute(
        "SELECT signaal_id, gemeentecode, declaratienummer, client_id, referentienummer, "
        "bedrag_eur, onrechtmatig_eur, retourcode FROM marts.mart_signaal_bewijsregels"
    ).fetchall()
    assert bewijs == [
        (
            sleutels["hv"],
            "0307",
            "D1",
            "C1",
            "REF1",
            Decimal("840.00"),
            Decimal("100.00"),
            "9338",
        )
    ]
    # Hard money of a rule signal in its own column; no estimate.
    geld = con.execute(
        "SELECT onrechtmatig_eur, geschat_belang_eur, soort_belang, baan "
        "FROM marts.mart_signalen ORDER BY reikwijdte"
    ).fetchall()
    assert geld == [
        (Decimal("10.00"), Decimal("0.00"), "onrechtmatig", "rechtmatigheid"),
        (Decimal("1234.57"), Decimal("0.00"), "onrechtmatig", "rechtmatigheid"),
    ]

    register = con.execute(
        "SELECT indicator, naam, categorie, model FROM marts.indicator_register"
    ).fetchall()
    assert register == [("TST01", "Testregel", "spookzorg", "ind_test_regel")]


def test_bewijs_zonder_signaal_stopt_de_run(tmp_path: Path) -> None:
    # Evidence for a perceel without a signal: it must not vanish, the run must stop.
    zwevend = BEWIJS.replace("'hv' as reikwijdte", "'wmo' as reikwijdte")
    with pytest.raises(RunMislukt, match="assert_bewijs_hoort_bij_signaal"):
        _draai(tmp_path, _kleine_kit(tmp_path, bewijs=zwevend))


def test_verschreven_contractkolom_stopt_de_run(tmp_path: Path) -> None:
    sql = _kleine_kit(tmp_path)
    _schrijf(
        sql,
        "indicators/ind_test_regel.sql",
        REGEL.replace("financieel_belang, aantal_clienten", "financieel_belng, aantal_clienten"),
    )
    with pytest.raises(RunMislukt, match="assert_signalen_volgens_contract"):
        _draai(tmp_path, sql)


def test_dubbele_code_of_bewijs_zonder_indicator_wordt_niet_gegenereerd(tmp_path: Path) -> None:
    sql = _kleine_kit(tmp_path)
    _schrijf(sql, "indicators/ind_tweede_regel.sql", REGEL)
    with pytest.raises(KitFout, match="code TST01"):
        genereer(vind_modellen(sql))

    (sql / "indicators" / "ind_tweede_regel.sql").unlink()
    _schrijf(sql, "indicators/ind_bestaat_niet_bewijs.sql", BEWIJS)
    with pytest.raises(KitFout, match="ind_bestaat_niet_bewijs"):
        genereer(vind_modellen(sql))


def test_indicator_zonder_eenheid_wordt_niet_gegenereerd(tmp_path: Path) -> None:
    """A tile shows a bare number ("Afwijking 6,813") when nobody says what it is."""
    sql = _kleine_kit(tmp_path)
    _schrijf(sql, "indicators/ind_test_regel.sql", REGEL.replace("-- eenheid: aandeel\n", ""))
    with pytest.raises(KitFout, match="eenheid"):
        genereer(vind_modellen(sql))
    _schrijf(sql, "indicators/ind_test_regel.sql", REGEL.replace(": aandeel\n", ": procent\n"))
    with pytest.raises(KitFout, match="onbekende waarde"):
        genereer(vind_modellen(sql))
