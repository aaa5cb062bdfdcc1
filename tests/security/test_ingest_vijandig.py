"""Hostile names through every reader: SQL in headers and file names changes nothing else.

Every test loads a known-good file first, then a hostile one, and checks that every table of
the database changed only by the rows the hostile file itself legitimately adds.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.contract import TABELLEN
from tests.conftest import FIXTURES
from tests.security.conftest import tel_alles, verschil

VIJANDIGE_KOPPEN = [
    'x" VARCHAR); DELETE FROM staging.declaraties; --',
    'a"), (SELECT 1',
    '"',
    "'; DROP TABLE beheer.laadregister; --",
    "/* opmerking */ select",
    "kolom;met;puntkomma",
    "regel\neen",
    "ünï©ødé ✓ 🚑",
    "SELECT",
    "from",
    "k0",
    "regelnummer",
    "rij",
    "is_goed",
    "fouten",
    "overige_kolommen",
    "x' || (SELECT string_agg(client_id, ',') FROM staging.declaraties) || '",
]
# The contract's declaraties columns, in contract order, with the client as a raw BSN.
CONTRACT_KOP = ["bsn" if k == "client_id" else k for k in TABELLEN["declaraties"].kolomnamen]


def _rijen(aantal: int) -> list[list[str]]:
    rijen = []
    for i in range(aantal):
        rijen.append(
            [
                "DN-VIJAND",
                f"RV{i:04d}",
                "",
                "41000002",
                "0405",
                "999900006",
                "T100",
                "02",
                "02A02",
                "2024-05-01",
                "2024-05-31",
                "3",
                "04",
                "65.50",
                "196.50",
                "D",
                "2024-06-10",
            ]
            + [f"waarde {j} van regel {i}" for j in range(len(VIJANDIGE_KOPPEN))]
        )
    return rijen


def _schrijf(formaat: str, pad: Path, kop: list[str], rijen: list[list[str]]) -> Path:
    if formaat == "csv":
        with pad.open("w", encoding="utf-8", newline="") as handle:
            schrijver = csv.writer(handle, delimiter=",", quoting=csv.QUOTE_ALL)
            schrijver.writerow(kop)
            schrijver.writerows(rijen)
    elif formaat == "xlsx":
        import xlsxwriter

        boek = xlsxwriter.Workbook(str(pad), {"strings_to_numbers": False})
        blad = boek.add_worksheet("declaraties'; DROP TABLE x; --")
        for r, rij in enumerate([kop, *rijen]):
            for c, waarde in enumerate(rij):
                blad.write_string(r, c, waarde)
        boek.close()
    else:
        kolommen = list(zip(*rijen, strict=True))
        pq.write_table(
            pa.table(
                [pa.array(list(k), type=pa.string()) for k in kolommen],
                names=[f"{n}" if kop.count(n) == 1 else f"{n}_{i}" for i, n in enumerate(kop)],
            ),
            str(pad),
        )
    return pad


@pytest.mark.parametrize("formaat", ["csv", "xlsx", "parquet"])
def test_sql_in_kolomnamen_verandert_alleen_de_eigen_rijen(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path, formaat: str
) -> None:
    assert laad(FIXTURES / "declaraties_klein.csv").status == "geladen"
    voor = tel_alles(con)

    pad = _schrijf(
        formaat,
        tmp_path / f"declaraties_vijandig.{formaat}",
        CONTRACT_KOP + VIJANDIGE_KOPPEN,
        _rijen(3),
    )
    resultaat = laad(pad)

    assert resultaat.status == "geladen", resultaat.bericht
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (3, 0)
    assert verschil(voor, tel_alles(con)) == {
        "beheer.laadregister": 1,
        "raw.declaraties": 3,
        "staging.declaraties": 3,
    }
    # The hostile names are kept as data: every one is a key in the raw layer's JSON.
    overig = json.loads(
        con.execute(
            "SELECT overige_kolommen FROM raw.declaraties r JOIN beheer.laadregister l "
            "USING (bestand_id) WHERE l.bestandsnaam = ? ORDER BY regelnummer LIMIT 1",
            [pad.name],
        ).fetchone()[0]
    )
    assert len(overig) == len(VIJANDIGE_KOPPEN)
    assert "waarde 0 van regel 0" in overig.values()


@pytest.mark.parametrize(
    "naam",
    [
        "declaraties_'; DROP TABLE beheer.laadregister; --.csv",
        'declaraties_"quote".csv',
        "declaraties_*.csv",
        "declaraties_?.csv",
        "declaraties_[ab].csv",
        "declaraties_{a,b}.csv",
        "declaraties_~.csv",
        "declaraties_*.parquet",
    ],
)
def test_bestandsnaam_is_gegevens_geen_patroon(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path, naam: str
) -> None:
    """A name with SQL or glob characters loads exactly its own rows, never a neighbour's."""
    buur = _schrijf(
        "csv", tmp_path / "declaraties_a.csv", CONTRACT_KOP, [r[:17] for r in _rijen(5)]
    )
    buur_parquet = tmp_path / "declaraties_a.parquet"
    _schrijf("parquet", buur_parquet, CONTRACT_KOP, [r[:17] for r in _rijen(5)])
    assert buur.exists()
    eigen = [r[:17] for r in _rijen(2)]
    for rij in eigen:
        rij[1] = "EIGEN-" + rij[1]
    formaat = "parquet" if naam.endswith(".parquet") else "csv"
    pad = _schrijf(formaat, tmp_path / naam, CONTRACT_KOP, eigen)
    voor = tel_alles(con)

    resultaat = laad(pad)

    assert resultaat.status == "geladen", resultaat.bericht
    assert verschil(voor, tel_alles(con)) == {
        "beheer.laadregister": 1,
        "raw.declaraties": 2,
        "staging.declaraties": 2,
    }
    assert con.execute(
        "SELECT count(*) FROM staging.declaraties WHERE referentienummer LIKE 'EIGEN-%'"
    ).fetchone() == (2,)
    assert con.execute("SELECT bestandsnaam FROM beheer.laadregister").fetchone() == (naam,)


def test_xml_met_vijandige_bestandsnaam(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path
) -> None:
    naam = "WMO323 '; DROP TABLE staging.declaraties; --*.xml"
    pad = tmp_path / naam
    shutil.copy(FIXTURES / "iwmo" / "WMO323_3.2_voorbeeld.xml", pad)
    voor = tel_alles(con)

    resultaat = laad(pad)

    assert resultaat.status == "geladen", resultaat.bericht
    veranderd = verschil(voor, tel_alles(con))
    assert set(veranderd) <= {
        "beheer.laadregister",
        "raw.declaraties",
        "staging.declaraties",
        "quarantaine.redenen",
    }
    assert veranderd["beheer.laadregister"] == 1
    assert veranderd["staging.declaraties"] == resultaat.rijen_geladen > 0


def test_kop_met_aanhalingsteken_is_geen_crash(
    con: duckdb.DuckDBPyConnection, laad, tmp_path: Path
) -> None:
    """A legitimate header with a quote in it loads; the quote stays part of the name."""
    pad = tmp_path / "meldingen_quote.csv"
    pad.write_text(
        'aanbieder_agb;datum;soort;"omschrijving ""kort""";"cliënt zei ""nee"""\n'
        "41000001;2024-03-01;klacht;te laat;ja\n",
        encoding="utf-8",
    )
    resultaat = laad(pad)
    assert resultaat.status == "geladen", resultaat.bericht
    overig = json.loads(con.execute("SELECT overige_kolommen FROM raw.meldingen").fetchone()[0])
    assert overig == {'omschrijving_"kort"': "te laat", 'cliënt_zei_"nee"': "ja"}
