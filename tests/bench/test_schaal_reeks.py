"""The scale series' own parts: sizes, the per-step measurement, ratios, the report and the
command line. The series itself (minutes to hours) runs with `make bench-schaal`."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from bench import schaal_rapport
from bench.schaal_reeks import (
    EXTRA_METINGEN,
    label,
    lees_maten,
    map_grootte_mb,
    meet,
    verhoudingen,
)
from bench.schaal_stappen import GEHEUGEN_OP


def test_maten_lezen() -> None:
    assert lees_maten("1M,5M, 250k,2000000") == [1_000_000, 5_000_000, 250_000, 2_000_000]
    assert lees_maten("1.5M") == [1_500_000]
    assert [label(m) for m in (1_000_000, 250_000, 1234)] == ["1M", "250k", "1234"]
    for fout in ("", "vijf", "0", "1G"):
        with pytest.raises(ValueError):
            lees_maten(fout)


def test_meet_geeft_het_piekgeheugen_van_de_stap_zelf(tmp_path: Path) -> None:
    """A step that holds 300 MB reports at least that; a small step after it does not inherit
    the first one's peak (each step runs under a small launcher that reads its child's
    getrusage)."""
    groot = meet(
        [
            sys.executable,
            "-c",
            "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])",
        ],
        tmp_path / "groot.log",
    )
    klein = meet([sys.executable, "-c", "print('klaar')"], tmp_path / "klein.log")
    assert groot.exitcode == 0 and klein.exitcode == 0
    assert groot.piek_rss_mb >= 300
    assert klein.piek_rss_mb < 100
    assert "klaar" in klein.uitvoer


def test_een_mislukte_stap_houdt_exitcode_en_uitvoer(tmp_path: Path) -> None:
    stap = meet(
        [sys.executable, "-c", "import sys; print('kapot'); sys.exit(3)"], tmp_path / "f.log"
    )
    als_dict = stap.als_dict()
    assert als_dict["exitcode"] == 3
    assert "kapot" in als_dict["fout"]


def test_de_geheugenwacht_stopt_een_stap_die_niet_past(tmp_path: Path) -> None:
    """pandas at 40M lines would outgrow the machine; the watchdog ends the step itself (exit
    code GEHEUGEN_OP, Dutch message) before the kernel's OOM killer picks some process."""
    import os

    totaal = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    aandeel = 200 * 1024 * 1024 / totaal  # a 200 MiB limit
    programma = (
        "import time\n"
        "from bench.schaal_stappen import _bewaak_geheugen\n"
        f"_bewaak_geheugen({aandeel!r})\n"
        "b = bytearray(400 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])\n"
        "time.sleep(5)\n"
        "print('niet gestopt')\n"
    )
    stap = meet([sys.executable, "-c", programma], tmp_path / "p.log")
    assert stap.exitcode == GEHEUGEN_OP
    assert "gestopt: pandas gebruikte meer dan" in stap.uitvoer
    assert "niet gestopt" not in stap.uitvoer
    resultaat = _resultaat()
    resultaat["maten"][1]["stappen"]["pandas"] = stap.als_dict()
    tekst = schaal_rapport.markdown(resultaat)
    assert "past niet in het geheugen: gestopt bij" in tekst  # named, not "fout (3)"
    assert "fout (" not in tekst
    ET.fromstring(schaal_rapport.grafiek_svg(resultaat))  # the plot leaves the point out


def _stap(seconden: float, mb: float = 100) -> dict[str, Any]:
    return {"seconden": seconden, "piek_rss_mb": mb, "belasting_1min_voor": 0.5}


def test_verhoudingen() -> None:
    stappen = {
        "kale_lees": _stap(4.0),
        "ingest_csv": _stap(20.0),
        "run": _stap(10.0),
        "pandas": _stap(55.0),
    }
    assert verhoudingen(stappen) == {
        "ingest_plus_run_gedeeld_door_kale_lees": 7.5,
        "ingest_gedeeld_door_kale_lees": 5.0,
        "pandas_gedeeld_door_run": 5.5,
    }
    # A failed step gives no ratio instead of a wrong one.
    stappen["run"] = {**_stap(1.0), "exitcode": 1, "fout": "x"}
    assert verhoudingen(stappen) == {"ingest_gedeeld_door_kale_lees": 5.0}
    # The like-for-like comparison: pandas against the run of just its three indicators.
    stappen["run_drie_indicatoren"] = _stap(11.0)
    assert verhoudingen(stappen)["pandas_gedeeld_door_run_drie_indicatoren"] == 5.0


def _resultaat() -> dict[str, Any]:
    def maat(regels: int, factor: float) -> dict[str, Any]:
        stappen = {
            naam: _stap(s * factor, 500 * factor)
            for naam, s in (
                ("genereren", 3),
                ("kale_lees", 2),
                ("ingest_csv", 10),
                ("run", 8),
                ("ingest_extra_maand", 1),
                ("run_na_extra_maand", 8),
                ("ingest_parquet", 9),
                ("pandas", 30),
            )
        }
        return {
            "maat": regels,
            "kopieen": regels // 200_000,
            "declaratieregels": regels - 1000,
            "stappen": stappen,
            "incrementeel": {"seconden": 9 * factor, "piek_rss_mb": 600 * factor},
            "verhoudingen": verhoudingen(stappen),
            "database_mb_na_extra_maand": 700 * factor,
            "csv_mb": 120 * factor,
            "parquet_mb": 20 * factor,
        }

    return {
        "gemeten_op": "2026-11-30 02:00",
        "opdracht": "python -m bench --schaal-reeks --maten 1M,5M",
        "machine": {
            "kernen": 2,
            "processor": "testprocessor",
            "geheugen_gib": 23.4,
            "schijf": "ext4 op /dev/vda, 50 GB vrij van 250 GB",
            "os": "Linux-test",
            "python": "3.11.9",
            "duckdb": "2.0.0",
            "pandas": "3.1.1",
        },
        "maten": [maat(1_000_000, 1), maat(5_000_000, 5)],
    }


def test_rapport_en_grafiek(tmp_path: Path) -> None:
    paden = schaal_rapport.schrijf(tmp_path, _resultaat())
    assert [p.name for p in paden] == [
        "schaal_reeks.json",
        "benchmarks.md",
        "benchmarks_schaal.svg",
    ]
    tekst = paden[1].read_text()
    assert "| 999.000 |" in tekst and "| 4.999.000 |" in tekst
    assert "2 kernen (testprocessor), 23,4 GiB" in tekst
    # (10 + 8) / 2 = 9,0 and 30 / 8 = 3,75 in both rows.
    assert tekst.count("| 9,0 | 3,75 |") == 2
    svg = ET.fromstring(paden[2].read_text())
    lijnen = svg.findall("{http://www.w3.org/2000/svg}polyline")
    # Six lines (bare read, ingest CSV and Parquet, run, incremental, pandas) in two panels.
    assert len(lijnen) == 12
    assert all(len(lijn.attrib["points"].split()) == 2 for lijn in lijnen)
    assert "grens 8 GiB" in paden[2].read_text()


def test_rapport_houdt_de_secties_met_de_hand(tmp_path: Path) -> None:
    """A new report replaces the generated part of benchmarks.md and keeps, after it, every
    section whose heading says it was written by hand; a second rewrite does not double them."""
    (tmp_path / "benchmarks.md").write_text(
        "# Oud rapport\n\n| 1 | oud |\n\n## Per maat\n\n- oud\n\n"
        "## Nagemeten: 40M (30-11, met de hand)\n\n- 40M: 778,7 s\n\n"
        "## Uitkomsten\n\nook oud\n\n"
        "## Nagemeten: dashboard (met de hand)\n\n- p95 2,5 s\n"
    )
    for _ in range(2):
        tekst = schaal_rapport.schrijf(tmp_path, _resultaat())[1].read_text()
        assert not {"# Oud rapport", "| 1 | oud |", "- oud", "ook oud"} & set(tekst.split("\n"))
        assert tekst.count("## Nagemeten") == 2
        assert tekst.index("## Nagemeten: 40M") < tekst.index("## Nagemeten: dashboard")
        assert tekst.index("| 999.000 |") < tekst.index("## Nagemeten: 40M")
        assert "- 40M: 778,7 s" in tekst and "- p95 2,5 s" in tekst


def test_dashboardmetingen_staan_in_de_reeks_en_komen_in_het_rapport() -> None:
    """Both dashboard measurements run per size, and the report writes them as sentences."""
    from bench import schaal_rapport

    assert [m.__name__ for m in EXTRA_METINGEN] == ["paginaqueries", "browsergebruikers"]
    regels = schaal_rapport._dashboardregels(
        {
            "paginaqueries": {
                "herhalingen": 20,
                "doel_p95": 0.5,
                "rollen": {"toezicht": {"signaal": {"p50": 0.1, "p95": 0.31}}},
            },
            "browsergebruikers": {
                "rol": "toezicht",
                "rondes": 2,
                "gebruikers": {"8": {"p50": 1.2, "p95": 2.75, "load_voor": 1.0, "load_na": 9.0}},
            },
        }
    )
    assert "toezicht/signaal 0,31 s" in regels[0]
    assert "8: p50 1,20 s, p95 2,75 s" in regels[1]
    assert schaal_rapport._dashboardregels({"browsergebruikers": {"fout": "kapot"}}) == [
        "  Browsergebruikers: niet gemeten (kapot)."
    ]


def test_traagste_modellen_per_run(tmp_path: Path) -> None:
    import json

    import duckdb

    from bench.schaal_reeks import traagste_modellen

    db = tmp_path / "runs.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE SCHEMA beheer")
    con.execute("CREATE TABLE beheer.runs (run_id BIGINT, duur_per_model VARCHAR)")
    con.executemany(
        "INSERT INTO beheer.runs VALUES (?, ?)",
        [
            (2, json.dumps({"int_a": 1.0, "int_b": 9.0, "mart_c": 3.0})),
            (1, json.dumps({"int_a": 5.0, "int_b": 2.0, "mart_c": 0.5})),
        ],
    )
    con.close()
    assert traagste_modellen(db, aantal=2) == [
        {"int_a": 5.0, "int_b": 2.0},
        {"int_b": 9.0, "mart_c": 3.0},
    ]
    resultaat = _resultaat()
    resultaat["maten"][0]["traagste_modellen"] = {"run": {"int_a": 5.0}}
    assert "Traagste modellen (run): int_a 5,0 s." in schaal_rapport.markdown(resultaat)


def test_mislukte_run_na_de_extra_maand_heet_fout_en_geen_tijd() -> None:
    """The 40M rerun after the extra month failed (disk full): the report says so instead of
    adding the seconds until the failure to the extra month as if it were a result."""
    resultaat = _resultaat()
    maat = resultaat["maten"][1]
    maat.pop("incrementeel")
    maat["stappen"]["run_na_extra_maand"] = {**_stap(97.2), "exitcode": 1, "fout": "schijf vol"}
    regel = next(r for r in schaal_rapport.markdown(resultaat).splitlines() if r.startswith("| 4."))
    assert regel.split(" | ")[4] == "fout (1)"


def test_meet_geeft_de_grootste_omvang_van_de_uitspoelmap(tmp_path: Path) -> None:
    """A step that fills the spill folder with 40 MB and empties it again reports that peak; a
    step without a folder to watch reports none, and the report shows the peak only when there
    is one."""
    map_ = tmp_path / "db.tmp"
    programma = (
        "import os, time\n"
        f"os.makedirs({str(map_)!r}, exist_ok=True)\n"
        f"pad = os.path.join({str(map_)!r}, 'blok')\n"
        "with open(pad, 'wb') as f:\n"
        "    f.write(b'x' * 40_000_000)\n"
        "time.sleep(1.5)\n"
        "os.remove(pad)\n"
    )
    stap = meet([sys.executable, "-c", programma], tmp_path / "u.log", map_)
    assert stap.exitcode == 0
    assert stap.piek_uitspoelmap_mb is not None and stap.piek_uitspoelmap_mb >= 40
    assert map_grootte_mb(map_) == 0
    zonder = meet([sys.executable, "-c", "print('klaar')"], tmp_path / "z.log")
    assert zonder.piek_uitspoelmap_mb is None
    assert "piek_uitspoelmap_mb" not in zonder.als_dict()
    resultaat = _resultaat()
    resultaat["maten"][0]["stappen"]["run"] = stap.als_dict()
    tekst = schaal_rapport.markdown(resultaat)
    assert f"uitspoelmap {round(stap.piek_uitspoelmap_mb)} MB" in tekst
