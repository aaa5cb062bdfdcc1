"""Quarantined and loaded rows carry the physical line of the user's file: after blank lines,
quoted line breaks and a BOM, in every line-ending style."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

KOP = (
    "declaratienummer,referentienummer,aanbieder_agb,gemeentecode,client_id,productcategorie,"
    "productcode,begindatum,einddatum,geleverd_volume,eenheid,producttarief,ingediend_bedrag,"
    "debet_credit"
)


def _regel(ref: str, datum: str = "2024-01-01", extra: str = "") -> str:
    return f"D1,{ref},41000001,0405,C-1,02,02A02,{datum},2024-01-31,1,04,10.00,10.00,D{extra}"


def _laad(laad, con: duckdb.DuckDBPyConnection, pad: Path, regels: list[str], einde: str):
    inhoud = einde.join(regels) + einde
    pad.write_bytes(inhoud.encode("utf-8"))
    resultaat = laad(pad)
    assert resultaat.status == "geladen", resultaat.bericht
    geladen = dict(
        con.execute("SELECT referentienummer, regelnummer FROM raw.declaraties").fetchall()
    )
    quarantaine = sorted(
        r for (r,) in con.execute("SELECT DISTINCT regelnummer FROM quarantaine.redenen").fetchall()
    )
    return geladen, quarantaine


@pytest.mark.parametrize("einde", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_lege_regels_verschuiven_niets(con, laad, tmp_path: Path, einde: str) -> None:
    regels = [
        KOP,  # 1
        _regel("R1"),  # 2
        "",  # 3
        _regel("R2"),  # 4
        "",  # 5
        "",  # 6
        _regel("R3", datum="31-13-2024"),  # 7: bad date → quarantine
        _regel("R4", extra=",te,veel"),  # 8: too many fields → quarantine
        _regel("R5"),  # 9
    ]
    geladen, quarantaine = _laad(laad, con, tmp_path / "declaraties_leeg.csv", regels, einde)
    assert geladen == {"R1": 2, "R2": 4, "R3": 7, "R5": 9}
    assert quarantaine == [7, 8]


def test_regeleinde_in_een_cel_en_bom(con, laad, tmp_path: Path) -> None:
    regels = [
        "\ufeff" + KOP + ",opmerking",  # 1 (with BOM)
        _regel("R1", extra=',"twee\nregels"'),  # 2-3
        _regel("R2", extra=",kort"),  # 4
        _regel("R3", extra=',"drie\nhele\nregels"'),  # 5-7
        "",  # 8
        _regel("R4", extra=",x,te veel"),  # 9 → quarantine
        _regel("R5", datum="geen datum", extra=',"nog\neen"'),  # 10-11 → quarantine
        _regel("R6", extra=",laatste"),  # 12
    ]
    geladen, quarantaine = _laad(laad, con, tmp_path / "declaraties_cellen.csv", regels, "\r\n")
    assert geladen == {"R1": 2, "R2": 4, "R3": 5, "R5": 10, "R6": 12}
    assert quarantaine == [9, 10]


def test_gewoon_bestand_nummert_vanaf_twee(con, laad, tmp_path: Path) -> None:
    regels = [KOP] + [_regel(f"R{i}") for i in range(1, 6)] + [_regel("R6", extra=",x")]
    geladen, quarantaine = _laad(laad, con, tmp_path / "declaraties_gewoon.csv", regels, "\n")
    assert geladen == {f"R{i}": i + 1 for i in range(1, 6)}
    assert quarantaine == [7]


def test_kolom_die_rowid_heet_verandert_de_nummering_niet(con, laad, tmp_path: Path) -> None:
    """An input column named like DuckDB's row id hides it in laad.invoer: the rows keep their
    own lines, the bad row its reason, and the column's values go to the raw layer as data."""
    regels = [
        KOP + ",rowid",  # 1
        _regel("R1", extra=",9"),  # 2
        _regel("R2", datum="31-13-2024", extra=",x"),  # 3: bad date → quarantine
        _regel("R3", extra=",7"),  # 4
    ]
    geladen, quarantaine = _laad(laad, con, tmp_path / "declaraties_rowid.csv", regels, "\n")
    assert geladen == {"R1": 2, "R2": 3, "R3": 4}
    assert quarantaine == [3]
    overig = con.execute(
        "SELECT referentienummer, overige_kolommen FROM raw.declaraties ORDER BY regelnummer"
    ).fetchall()
    assert overig == [("R1", '{"rowid":"9"}'), ("R2", '{"rowid":"x"}'), ("R3", '{"rowid":"7"}')]
    assert con.execute(
        "SELECT referentienummer FROM staging.declaraties ORDER BY regelnummer"
    ).fetchall() == [("R1",), ("R3",)]


def test_kopnamen_als_de_positionele_namen_van_de_lezer(con, laad, tmp_path: Path) -> None:
    """The reader names columns k0, k1, … before it gives them the header's names: a header
    with such names (in another order) keeps every value in its own column."""
    regels = [KOP + ",k15,k14", _regel("R1", extra=",vijftien,veertien")]
    geladen, _ = _laad(laad, con, tmp_path / "declaraties_k.csv", regels, "\n")
    assert geladen == {"R1": 2}
    assert con.execute("SELECT overige_kolommen FROM raw.declaraties").fetchall() == [
        ('{"k15":"vijftien","k14":"veertien"}',)
    ]
