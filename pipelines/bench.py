"""`make bench`: load speed, run time and detection quality on generated regions.

Writes docs/bench/laatste.json (all numbers) and docs/detectiekwaliteit.md (the
detection-quality card per indicator). Nothing here asserts: a benchmark reports what it saw.

Regions: the demo region (default seed), the same region with another seed, and an honest
region without injected schemes. Detection is scored against the generator's
grondwaarheid.csv per provider and year:
- recall per scheme: the scheme's provider has a flagged signal of the scheme's category in
  a year the scheme left lines;
- false-positive rate per category: among provider-years without a scheme of that category,
  the share with a flagged signal of that category;
- precision@k: of the top k of the risk ranking per year (k = number of scheme providers that
  year), the share that are scheme providers;
- flag rate on the honest region: the share of provider-years with any flagged signal.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rich.console import Console

from pipelines.database import open_for_writing
from pipelines.demo.generate_region import genereer_regio
from pipelines.ingest.ingest_run import laad_bronnen
from pipelines.run_pipeline import voer_uit
from pipelines.settings import DEMO_SEED, PROJECT_ROOT
from pipelines.sql_quote import ident, sql_tekst

CATEGORIEEN = ("spookzorg", "upcoding", "stapeling", "volume", "kwaliteit")
DOCS = PROJECT_ROOT / "docs"


def _lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# Other codes and perceel names, as a region with its own catalogue would have them.
EIGEN_PERCELEN = {
    "Begeleiding": "Ondersteuning zelfredzaamheid",
    "Dagbesteding": "dagactiviteiten",
    "Huishoudelijke ondersteuning": "Schoon en leefbaar huis",
    "Beschermd wonen": "Wonen met begeleiding",
}


def herschrijf_met_eigen_codes(bron: Path, doel: Path) -> None:
    """The same region with other product codes and perceel names and its own reference files.

    Detection must not depend on the shipped catalogue: the result should equal the original's.
    """
    import shutil

    import duckdb

    from pipelines.settings import reference_dir

    (doel / "bron").mkdir(parents=True, exist_ok=True)
    shutil.copy(bron / "grondwaarheid.csv", doel / "grondwaarheid.csv")
    ref = reference_dir()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE producten AS SELECT * FROM read_csv($p, all_varchar = true)",
        {"p": str(ref / "producten.csv")},
    )
    con.execute("CREATE TABLE percelen (oud VARCHAR, nieuw VARCHAR)")
    con.executemany("INSERT INTO percelen VALUES (?, ?)", list(EIGEN_PERCELEN.items()))
    con.execute(
        """
        CREATE TABLE codes AS
        SELECT p.productcode AS oud,
            p.productcategorie || 'Z' || lpad(CAST(row_number() OVER (ORDER BY p.productcode)
                AS VARCHAR), 2, '0') AS nieuw,
            coalesce(n.nieuw, p.perceel) AS perceel
        FROM producten AS p LEFT JOIN percelen AS n ON n.oud = p.perceel
        """
    )

    def schrijf(sql: str, naam: str, params: dict[str, str] | None = None) -> None:
        pad = str(doel / "bron" / naam)
        con.execute(f"COPY ({sql}) TO {sql_tekst(pad)} (HEADER, DELIMITER ',')", params or {})

    schrijf(
        "SELECT p.productcategorie, c.nieuw AS productcode, p.omschrijving, c.perceel, "
        "p.intensiteit, p.eenheid FROM producten AS p JOIN codes AS c ON c.oud = p.productcode",
        "producten_eigen.csv",
    )
    schrijf(
        "SELECT c.nieuw AS productcode, t.geldig_vanaf, t.geldig_tot, t.tarief, t.aanbieder_agb "
        "FROM read_csv($p, all_varchar = true) AS t JOIN codes AS c ON c.oud = t.productcode",
        "tarieven_eigen.csv",
        {"p": str(ref / "tarieven.csv")},
    )
    schrijf(
        """
        SELECT coalesce(ca.nieuw, pa.nieuw, s.a) AS a, coalesce(cb.nieuw, pb.nieuw, s.b) AS b,
            s.regel, s.toelichting
        FROM read_csv($p, all_varchar = true) AS s
        LEFT JOIN codes AS ca ON ca.oud = s.a LEFT JOIN percelen AS pa ON pa.oud = s.a
        LEFT JOIN codes AS cb ON cb.oud = s.b LEFT JOIN percelen AS pb ON pb.oud = s.b
        """,
        "samenloopregels_eigen.csv",
        {"p": str(ref / "samenloopregels.csv")},
    )
    for pad in sorted((bron / "bron").glob("*.csv")):
        kolommen = [
            r[0]
            for r in con.execute(
                "DESCRIBE SELECT * FROM read_csv($p, all_varchar = true)", {"p": str(pad)}
            ).fetchall()
        ]
        select_sql = ", ".join(
            "coalesce(c.nieuw, t.productcode) AS productcode"
            if k == "productcode"
            else f"t.{ident(k)}"
            for k in kolommen
        )
        schrijf(
            f"SELECT {select_sql} FROM read_csv($p, all_varchar = true) AS t "
            + (
                "LEFT JOIN codes AS c ON c.oud = t.productcode"
                if "productcode" in kolommen
                else "LEFT JOIN codes AS c ON false"
            ),
            pad.name,
            {"p": str(pad)},
        )
    con.close()


def laad_en_reken(map_: Path, console: Console) -> dict[str, Any]:
    """Load map_/bron into a new database and run twice; return timings and the database path."""
    db = map_ / "regio.duckdb"
    con = open_for_writing(db)
    try:
        start = time.perf_counter()
        resultaten = laad_bronnen(con, [map_ / "bron"], console)
        laden = time.perf_counter() - start
        start = time.perf_counter()
        run = voer_uit(con)
        rekenen = time.perf_counter() - start
        start = time.perf_counter()
        voer_uit(con)
        tweede_run = time.perf_counter() - start
    finally:
        con.close()
    rijen = sum(r.rijen_geladen for r in resultaten)
    return {
        "db": db,
        "laden_s": round(laden, 2),
        "rijen_geladen": rijen,
        "rijen_per_seconde": round(rijen / laden) if laden else None,
        "declaratieregels": sum(r.rijen_geladen for r in resultaten if r.tabel == "declaraties"),
        "run_s": round(rekenen, 2),
        "tweede_run_s": round(tweede_run, 2),
        "modellen": run.modellen,
        "traagste_modellen": dict(sorted(run.per_model.items(), key=lambda kv: -kv[1])[:5]),
    }


def bouw_regio(map_: Path, seed: int, met_schemas: bool, console: Console) -> dict[str, Any]:
    """Generate, load and run one region; return timings and the database path."""
    start = time.perf_counter()
    samenvatting = genereer_regio(map_, seed, met_schemas=met_schemas)
    genereren = time.perf_counter() - start
    return {
        "seed": seed,
        "met_schemas": met_schemas,
        "rijen": samenvatting.rijen,
        "genereren_s": round(genereren, 2),
        **laad_en_reken(map_, console),
    }


def _signalen(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        signalen = (
            con.sql(
                "SELECT indicator, categorie, aanbieder_agb, jaar, gemarkeerd, financieel_belang "
                "FROM marts.mart_signalen"
            )
            .pl()
            .to_dicts()
        )
        risico = (
            con.sql(
                "SELECT aanbieder_agb, jaar, rang, risicoscore FROM marts.mart_aanbieder_risico"
            )
            .pl()
            .to_dicts()
        )
    finally:
        con.close()
    return signalen, risico


def detectiekwaliteit(db: Path, grondwaarheid: Path) -> dict[str, Any]:
    signalen, risico = _signalen(db)
    waarheid = _lees_csv(grondwaarheid)
    schemas_per = defaultdict(set)  # (agb, jaar) -> categories with a scheme
    for rij in waarheid:
        schemas_per[(rij["aanbieder_agb"], int(rij["jaar"]))].add(rij["categorie"])
    gemarkeerd = defaultdict(set)  # (agb, jaar) -> flagged categories
    per_indicator: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in signalen:
        sleutel = (s["aanbieder_agb"], int(s["jaar"]))
        if s["gemarkeerd"]:
            gemarkeerd[sleutel].add(s["categorie"])
            terecht = s["categorie"] in schemas_per.get(sleutel, set())
            per_indicator[s["indicator"]]["terecht" if terecht else "onterecht"] += 1
        per_indicator[s["indicator"]]["signalen"] += 1
    alle = {(r["aanbieder_agb"], int(r["jaar"])) for r in risico}

    recall_per_schema: dict[str, dict[str, Any]] = {}
    for rij in waarheid:
        sleutel = (rij["aanbieder_agb"], int(rij["jaar"]))
        gevonden = rij["categorie"] in gemarkeerd.get(sleutel, set())
        item = recall_per_schema.setdefault(
            rij["schema"], {"categorie": rij["categorie"], "gevonden": 0, "totaal": 0, "gemist": []}
        )
        item["totaal"] += 1
        item["gevonden"] += int(gevonden)
        if not gevonden:
            item["gemist"].append(f"{rij['aanbieder_agb']}/{rij['jaar']}")

    fp_per_categorie: dict[str, dict[str, Any]] = {}
    for categorie in CATEGORIEEN:
        anderen = [k for k in alle if categorie not in schemas_per.get(k, set())]
        onterecht = [k for k in anderen if categorie in gemarkeerd.get(k, set())]
        fp_per_categorie[categorie] = {
            "aantal": len(onterecht),
            "van": len(anderen),
            "fp_rate": round(len(onterecht) / len(anderen), 4) if anderen else None,
            "voorbeelden": sorted(f"{a}/{j}" for a, j in onterecht)[:10],
        }

    precisie = {}
    for jaar in sorted({j for _, j in alle}):
        schema_aanbieders = {a for (a, j) in schemas_per if j == jaar}
        k = len(schema_aanbieders)
        if not k:
            continue
        top = [
            r["aanbieder_agb"]
            for r in sorted(risico, key=lambda r: r["rang"])
            if int(r["jaar"]) == jaar
        ][:k]
        precisie[str(jaar)] = {
            "k": k,
            "raak": len(set(top) & schema_aanbieders),
            "precision_at_k": round(len(set(top) & schema_aanbieders) / k, 3),
        }

    totaal_gevonden = sum(v["gevonden"] for v in recall_per_schema.values())
    totaal = sum(v["totaal"] for v in recall_per_schema.values())
    fp_rates: list[float] = [
        float(v["fp_rate"]) for v in fp_per_categorie.values() if v["fp_rate"] is not None
    ]
    return {
        "recall_totaal": round(totaal_gevonden / totaal, 3) if totaal else None,
        "recall_per_schema": recall_per_schema,
        "fp_per_categorie": fp_per_categorie,
        "gemiddelde_fp_rate": round(statistics.mean(fp_rates), 4) if fp_rates else None,
        "precision_at_k": precisie,
        "vlagpercentage": round(len(gemarkeerd) / len(alle), 4) if alle else None,
        "per_indicator": {k: dict(v) for k, v in sorted(per_indicator.items())},
    }


def _kaart(resultaat: dict[str, Any], register: list[dict[str, Any]]) -> str:
    demo = resultaat["regios"]["demo"]["detectie"]
    tweede = resultaat["regios"]["tweede_seed"]["detectie"]
    eerlijk = resultaat["regios"]["eerlijk"]["detectie"]
    eigen = resultaat["regios"]["eigen_codes"]["detectie"]
    regels = [
        "# Detectiekwaliteit per indicator",
        "",
        f"Gemeten met `make bench` op {resultaat['gemeten_op']} ({resultaat['machine']}). "
        "Vier regio's: de demoregio (seed "
        f"{resultaat['regios']['demo']['seed']}), dezelfde opzet met seed "
        f"{resultaat['regios']['tweede_seed']['seed']}, een eerlijke regio zonder schema's en "
        "de demoregio met eigen codes. "
        "Grondwaarheid: `grondwaarheid.csv` van de generator (per aanbieder en jaar).",
        "",
        "## Samenvatting",
        "",
        "| maat | demo | tweede seed | eerlijke regio | demo met eigen codes |",
        "|---|---|---|---|---|",
        f"| recall (schema's gevonden in hun categorie) | {demo['recall_totaal']} | "
        f"{tweede['recall_totaal']} | – | {eigen['recall_totaal']} |",
        f"| gemiddelde fout-positieven per categorie | {demo['gemiddelde_fp_rate']} | "
        f"{tweede['gemiddelde_fp_rate']} | {eerlijk['gemiddelde_fp_rate']} | "
        f"{eigen['gemiddelde_fp_rate']} |",
        f"| aandeel aanbieder-jaren met een gemarkeerd signaal | {demo['vlagpercentage']} | "
        f"{tweede['vlagpercentage']} | {eerlijk['vlagpercentage']} | {eigen['vlagpercentage']} |",
        "",
        "'Demo met eigen codes' is de demoregio met andere productcodes en perceelnamen en een "
        "eigen productcatalogus, tarieven en samenloopregels: de detectie mag niet afhangen van "
        "de meegeleverde catalogus.",
        "",
        "## Recall per schema (demoregio, tussen haakjes de tweede seed)",
        "",
        "| schema | categorie | gevonden | gemist |",
        "|---|---|---|---|",
    ]
    for naam, item in sorted(demo["recall_per_schema"].items()):
        ander = tweede["recall_per_schema"].get(naam, {"gevonden": "–", "totaal": "–"})
        gemist = ", ".join(item["gemist"]) or "–"
        regels.append(
            f"| {naam} | {item['categorie']} | {item['gevonden']}/{item['totaal']} "
            f"({ander['gevonden']}/{ander['totaal']}) | {gemist} |"
        )
    regels += [
        "",
        "## Fout-positieven per categorie (aanbieder-jaren zonder schema in die categorie)",
        "",
        "| categorie | demo | tweede seed | eerlijke regio |",
        "|---|---|---|---|",
    ]
    for categorie in CATEGORIEEN:
        cellen = []
        for det in (demo, tweede, eerlijk):
            fp = det["fp_per_categorie"][categorie]
            cellen.append(f"{fp['aantal']}/{fp['van']} ({fp['fp_rate']})")
        regels.append(f"| {categorie} | " + " | ".join(cellen) + " |")
    regels += [
        "",
        "Een gemarkeerd signaal in een andere categorie dan het ingebrachte schema telt hier als "
        "fout-positief, ook als het terecht is. Zo krijgt de aanbieder met dubbele declaraties "
        "(spookzorg) ook KWA03 (kwaliteit): zijn eigen productieverantwoording laat de kopieën "
        "weg en ligt dus echt 15–20% onder zijn declaraties.",
        "",
        "## Precision@k van de risicorangorde (demoregio)",
        "",
        "| jaar | k | raak | precision@k |",
        "|---|---|---|---|",
    ]
    for jaar, p in demo["precision_at_k"].items():
        regels.append(f"| {jaar} | {p['k']} | {p['raak']} | {p['precision_at_k']} |")
    regels += ["", "## Kaart per indicator", ""]
    for ind in register:
        telling = demo["per_indicator"].get(ind["indicator"], {})
        eerlijk_telling = eerlijk["per_indicator"].get(ind["indicator"], {})
        regels += [
            f"### {ind['indicator']} – {ind['naam']} ({ind['categorie']})",
            "",
            f"- **Definitie**: {ind['definitie']}",
            f"- **Waarom**: {ind['waarom']}",
            f"- **Drempels**: {ind['drempels']}",
            f"- **Bron**: {ind['bron']}",
            f"- **Demoregio**: {telling.get('signalen', 0)} signalen, "
            f"{telling.get('terecht', 0)} terecht gemarkeerd, "
            f"{telling.get('onterecht', 0)} onterecht gemarkeerd.",
            f"- **Eerlijke regio**: {eerlijk_telling.get('signalen', 0)} signalen, "
            f"{eerlijk_telling.get('onterecht', 0)} gemarkeerd.",
            "",
        ]
    snelheid = resultaat["regios"]["demo"]
    regels += [
        "## Snelheid (demoregio)",
        "",
        f"- Laden: {snelheid['rijen_geladen']} rijen in {snelheid['laden_s']} s "
        f"({snelheid['rijen_per_seconde']} rijen/s)",
        f"- `run`: {snelheid['run_s']} s (tweede run {snelheid['tweede_run_s']} s)",
        f"- Dashboard, eerste weergave met warme cache (mediaan, seconden per pagina): "
        f"{snelheid.get('dashboard_eerste_paint_s')}",
        "",
    ]
    return "\n".join(regels)


def _register(db: Path) -> list[dict[str, Any]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT * FROM marts.indicator_register ORDER BY indicator").pl().to_dicts()
    finally:
        con.close()


def _vermenigvuldig(bron: Path, doel: Path, factor: int) -> None:
    """The demo region `factor` times over, as separate clients (client_id instead of BSN)."""
    import duckdb

    doel.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    sleutels = {
        "declaraties": ("referentienummer", "vorig_referentienummer", "toewijzingnummer"),
        "toewijzingen": ("toewijzingnummer",),
        "zorgperiodes": ("toewijzingnummer",),
    }
    for tabel, kolommen in sleutels.items():
        pad = bron / f"{tabel}.csv"
        vervangen_sql = ", ".join(f"{ident(k)} || '-' || k AS {ident(k)}" for k in kolommen)
        con.execute(
            f"""
            COPY (
                SELECT * EXCLUDE (bsn, {", ".join(ident(k) for k in kolommen)}, k),
                    bsn || '-' || k AS client_id, {vervangen_sql}
                FROM read_csv($pad, all_varchar = true), range($factor) AS r(k)
            ) TO {sql_tekst(str(doel / pad.name))} (HEADER, DELIMITER ',')
            """,
            {"pad": str(pad), "factor": factor},
        )
    con.close()


def schaaltest(factor: int) -> dict[str, Any]:
    """Ingest and run on the demo region multiplied: how the pipeline scales."""
    console = Console(quiet=True)
    with tempfile.TemporaryDirectory(prefix="signaalmonitor-schaal-") as tmp:
        map_ = Path(tmp)
        genereer_regio(map_ / "demo", DEMO_SEED)
        _vermenigvuldig(map_ / "demo" / "bron", map_ / "groot", factor)
        con = open_for_writing(map_ / "groot.duckdb")
        try:
            start = time.perf_counter()
            resultaten = laad_bronnen(con, [map_ / "groot"], console)
            laden = time.perf_counter() - start
            start = time.perf_counter()
            run = voer_uit(con)
            rekenen = time.perf_counter() - start
        finally:
            con.close()
        grootte = (map_ / "groot.duckdb").stat().st_size
    declaraties = sum(r.rijen_geladen for r in resultaten if r.tabel == "declaraties")
    rijen = sum(r.rijen_geladen for r in resultaten)
    return {
        "factor": factor,
        "declaratieregels": declaraties,
        "rijen_geladen": rijen,
        "laden_s": round(laden, 1),
        "rijen_per_seconde": round(rijen / laden),
        "run_s": round(rekenen, 1),
        "database_mb": round(grootte / 1e6),
        "traagste_modellen": {
            k: round(v, 1) for k, v in sorted(run.per_model.items(), key=lambda kv: -kv[1])[:5]
        },
    }


def main() -> None:
    console = Console(quiet=True)
    uit = Console()
    os.environ.setdefault("SIGNAALMONITOR_PSEUDO_KEY", "bench-sleutel")
    resultaat: dict[str, Any] = {
        "gemeten_op": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} kernen, Python "
        f"{platform.python_version()}",
        "regios": {},
    }
    with tempfile.TemporaryDirectory(prefix="signaalmonitor-bench-") as tmp:
        for naam, seed, met in (
            ("demo", DEMO_SEED, True),
            ("tweede_seed", DEMO_SEED + 1, True),
            ("eerlijk", DEMO_SEED, False),
            ("eigen_codes", DEMO_SEED, True),
        ):
            uit.print(f"Regio '{naam}' genereren, laden en rekenen…")
            map_ = Path(tmp) / naam
            if naam == "eigen_codes":
                # The demo region again, with other codes, perceel names and its own reference.
                herschrijf_met_eigen_codes(Path(tmp) / "demo", map_)
                regio = {"seed": seed, "met_schemas": met, **laad_en_reken(map_, console)}
            else:
                regio = bouw_regio(map_, seed, met, console)
            regio["detectie"] = detectiekwaliteit(regio["db"], map_ / "grondwaarheid.csv")
            if naam == "demo":
                from pipelines.bench_dashboard import meet_eerste_paint

                register = _register(regio["db"])
                regio["dashboard_eerste_paint_s"] = meet_eerste_paint(regio["db"])
                uit.print(
                    f"  dashboard, warme eerste weergave: {regio['dashboard_eerste_paint_s']}"
                )
            regio["db"] = str(regio["db"].name)
            resultaat["regios"][naam] = regio
            uit.print(
                f"  {regio['rijen_geladen']} rijen geladen in {regio['laden_s']} s "
                f"({regio['rijen_per_seconde']} rijen/s); run {regio['run_s']} s; "
                f"recall {regio['detectie']['recall_totaal']}, gemiddelde FP "
                f"{regio['detectie']['gemiddelde_fp_rate']}, vlagpercentage "
                f"{regio['detectie']['vlagpercentage']}"
            )
    (DOCS / "bench").mkdir(parents=True, exist_ok=True)
    (DOCS / "bench" / "laatste.json").write_text(
        json.dumps(resultaat, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    (DOCS / "detectiekwaliteit.md").write_text(_kaart(resultaat, register), encoding="utf-8")
    uit.print("Geschreven: docs/bench/laatste.json en docs/detectiekwaliteit.md")


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 2 and sys.argv[1] == "--schaal":
        os.environ.setdefault("SIGNAALMONITOR_PSEUDO_KEY", "bench-sleutel")
        uitkomst = schaaltest(int(sys.argv[2]))
        print(json.dumps(uitkomst, indent=2, ensure_ascii=False))
        (DOCS / "bench").mkdir(parents=True, exist_ok=True)
        (DOCS / "bench" / f"schaal_{sys.argv[2]}.json").write_text(
            json.dumps(uitkomst, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    else:
        main()
