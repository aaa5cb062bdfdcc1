"""`python -m bench`: the command line of the bench (`make bench`, `make bench-groot`,
`make bench-schaal`).

Regions measured by default (REGIOS), each with a role:
- keuze: the demo region (default seed) and a second seed, where thresholds may be chosen;
- rapport: four more seeds, only reported, never used to choose a threshold; each scheme's
  strength band and parameters are drawn per seed, so recall per band is summed over these;
- eerlijk: honest regions without schemes at two sizes (88 and 250 providers);
- variant: the demo region rewritten with its own codes;
- eenheden: a region of its own seed (only reported, never used to choose a threshold) with
  products in other iWmo units (whole hours, stuks inspanning, a lump sum in euro);
- eerlijk (eerlijk_gevarieerd): an honest region with two mergers, a provider that wins a
  contract and grows strongly, and the other units.
Each is generated, loaded and computed; its detection is scored against the generator's ground
truth (bench/scoring.py); on the demo region the dashboard's warm first paint is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import (
    REPO,
    archief,
    dashboard_paint,
    outcome,
    report,
    schaal_rapport,
    schaal_reeks,
    scoring,
    timing,
)
from bench.region_variants import (
    herschrijf_eenheden,
    herschrijf_gevarieerd,
    herschrijf_met_eigen_codes,
)
from pipelines.demo.generate_region import genereer_regio
from pipelines.settings import DEMO_SEED, PSEUDO_KEY_ENV, database_path

DOCS = REPO / "docs"

# The bench pseudonymises generated regions only, so its key is no secret; a fixed key keeps
# runs comparable. It must still pass the program's strength check (256 bits).
BENCH_PSEUDO_KEY = "923a07971ce73b3a71b294ad4e43da52cc0c35eda5d782b4ea1df5146e68f8d8"


@dataclass(frozen=True)
class Regio:
    """One measured region: its name, seed, whether schemes are injected, its role in the
    bench (keuze, rapport, eerlijk, variant) and its size (None: the generator's default)."""

    naam: str
    seed: int
    met_schemas: bool
    rol: str
    aanbieders: int | None = None
    clienten: int | None = None
    # Generated as usual, then rewritten by this variant (bench/region_variants.py).
    herschrijving: str | None = None


# `eigen_codes` is the demo region rewritten, not generated.
REGIOS = (
    Regio("demo", DEMO_SEED, True, "keuze"),
    Regio("tweede_seed", DEMO_SEED + 1, True, "keuze"),
    *(Regio(f"rapport_{k}", DEMO_SEED + 1 + k, True, "rapport") for k in range(1, 5)),
    Regio("eerlijk", DEMO_SEED, False, "eerlijk", 88, 8_800),
    Regio("eerlijk_250", DEMO_SEED + 7, False, "eerlijk", 250, 25_000),
    Regio("eigen_codes", DEMO_SEED, True, "variant"),
    Regio("eenheden", DEMO_SEED + 11, True, "eenheden", herschrijving="eenheden"),
    Regio(
        "eerlijk_gevarieerd",
        DEMO_SEED + 13,
        False,
        "eerlijk",
        88,
        8_800,
        herschrijving="gevarieerd",
    ),
)

# --snel: small regions, enough to see every step work; their figures are not the demo's.
SNEL_AANBIEDERS = 30
SNEL_CLIENTEN = 1000


def detectie_van(map_: Path, db: Path) -> dict[str, Any]:
    """Score the computed region in map_ (database db) against its grondwaarheid.csv, and its
    honest look-alikes (lookalikes.csv) for false alarms."""
    signalen, ranking = outcome.lees_signalen_en_ranking(db)
    waarheid = outcome.lees_grondwaarheid(map_ / "grondwaarheid.csv")
    lookalikes = outcome.lees_lookalikes(map_ / "lookalikes.csv")
    return scoring.detectiekwaliteit(waarheid, signalen, ranking, lookalikes)


def meet_regios(
    uit: Console, *, snel: bool, met_dashboard: bool, herhalingen: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Generate, load, compute and score every region; return the result and the register."""
    console = Console(quiet=True)
    resultaat: dict[str, Any] = {
        "gemeten_op": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} kernen, Python "
        f"{platform.python_version()}",
        "regios": {},
    }
    if snel:
        resultaat["opdracht"] = "python -m bench --snel"
    register: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="signaalmonitor-bench-") as tmp:
        for r in REGIOS:
            naam, seed, met_schemas = r.naam, r.seed, r.met_schemas
            uit.print(f"Regio '{naam}' ({r.rol}) genereren, laden en rekenen…")
            map_ = Path(tmp) / naam
            grootte: dict[str, Any] = {}
            if snel:
                grootte = {"aantal_aanbieders": SNEL_AANBIEDERS, "aantal_clienten": SNEL_CLIENTEN}
            elif r.aanbieders is not None and r.clienten is not None:
                grootte = {"aantal_aanbieders": r.aanbieders, "aantal_clienten": r.clienten}
            if naam == "eigen_codes":
                # The demo region again, with other codes, perceel names and its own reference.
                herschrijf_met_eigen_codes(Path(tmp) / "demo", map_)
                regio = {
                    "seed": seed,
                    "met_schemas": met_schemas,
                    **timing.laad_en_reken(map_, console),
                }
            elif r.herschrijving is not None:
                # Generated only (not loaded), rewritten, then loaded and computed.
                basis = Path(tmp) / f"{naam}_basis"
                genereer_regio(basis, seed, met_schemas=met_schemas, **grootte)
                regio = {"seed": seed, "met_schemas": met_schemas}
                if r.herschrijving == "eenheden":
                    herschrijf_eenheden(basis, map_)
                else:
                    regio["herschrijving"] = herschrijf_gevarieerd(basis, map_)
                regio.update(timing.laad_en_reken(map_, console))
            else:
                regio = timing.bouw_regio(map_, seed, met_schemas, console, **grootte)
            regio["rol"] = r.rol
            regio["detectie"] = detectie_van(map_, regio["db"])
            if naam == "demo":
                register = outcome.lees_register(regio["db"])
                if met_dashboard:
                    regio["dashboard_eerste_paint_s"] = dashboard_paint.meet_eerste_paint(
                        regio["db"], herhalingen=herhalingen
                    )
                    uit.print(
                        f"  dashboard, warme eerste weergave: {regio['dashboard_eerste_paint_s']}"
                    )
            regio["db"] = str(regio["db"].name)
            resultaat["regios"][naam] = regio
            uit.print(report.samenvatting_regio(regio))
    resultaat["rapportseeds"] = scoring.recall_over_regios(
        {
            naam: regio["detectie"]["recall_per_schema"]
            for naam, regio in resultaat["regios"].items()
            if regio["rol"] == "rapport"
        }
    )
    eenheden = {
        naam: regio["detectie"]["recall_per_schema"]
        for naam, regio in resultaat["regios"].items()
        if regio["rol"] == "eenheden"
    }
    if eenheden:
        resultaat["eenheden"] = scoring.recall_over_regios(eenheden)
    return resultaat, register


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Meet laadsnelheid, rekentijd, detectiekwaliteit en dashboardsnelheid op gegenereerde "
            "regio's en schrijft docs/bench/laatste.json en docs/detectiekwaliteit.md. "
            "Niets wordt getoetst: de bench rapporteert wat hij zag."
        ),
    )
    soort = parser.add_mutually_exclusive_group()
    soort.add_argument(
        "--archief",
        action="store_true",
        help="archieftest: de demoregio (met --snel een kleinere) als iWmo 3.2-berichten "
        "(301/305/307/323, ook als zip) en als CSV-tweeling, allemaal tegen de XSD's gecontroleerd "
        "en elk in een eigen database geladen: berichten/s, prestaties/s, verhouding XML/CSV, "
        "piekgeheugen (schrijft docs/bench/archief.json)",
    )
    soort.add_argument(
        "--schaal",
        type=int,
        metavar="FACTOR",
        help="schaaltest: de demoregio FACTOR keer, alleen laden en rekenen "
        "(schrijft docs/bench/schaal_FACTOR.json)",
    )
    soort.add_argument(
        "--schaal-reeks",
        action="store_true",
        help="landelijke schaal in één run (make bench-schaal): per maat de demoregio zo vaak "
        "als nodig, dan kale DuckDB-lees, ingest CSV en Parquet, run, extra maand + run, "
        "pandas-basislijn, piekgeheugen en databasegrootte (schrijft docs/bench/"
        "schaal_reeks.json, docs/benchmarks.md en docs/benchmarks_schaal.svg)",
    )
    soort.add_argument(
        "--dashboard",
        type=Path,
        nargs="?",
        const=database_path(),
        metavar="DB",
        help="meet alleen de warme eerste weergave per pagina op een bestaande database "
        "(standaard $SIGNAALMONITOR_DB of data/signaalmonitor.duckdb); exitcode 1 als een "
        f"pagina niet binnen {dashboard_paint.DOEL_SECONDEN:g} s verschijnt",
    )
    soort.add_argument(
        "--dashboard-last",
        type=Path,
        metavar="DB",
        help="#14: de queries per pagina (p50/p95 per rol, bench/paginaqueries.py) en het "
        "draaiende dashboard onder 1, 4 en 8 gelijktijdige browsergebruikers (pagina p50/p95, "
        "bench/dashboard_last.py) op een bestaande database; print JSON, exitcode 1 boven een "
        "doel (queries p95 0,5 s, 8 gebruikers p95 3 s)",
    )
    parser.add_argument(
        "--snel",
        action="store_true",
        help=f"kleine regio's ({SNEL_AANBIEDERS} aanbieders, {SNEL_CLIENTEN} cliënten) om te "
        "zien dat alles werkt; schrijft alleen iets met --uit",
    )
    parser.add_argument(
        "--zonder-dashboard",
        action="store_true",
        help="sla de meting van het dashboard over",
    )
    parser.add_argument(
        "--herhalingen",
        type=int,
        default=5,
        metavar="N",
        help="weergaven per dashboardpagina na de opwarmronde (standaard 5)",
    )
    parser.add_argument(
        "--maten",
        default=",".join(schaal_reeks.label(m) for m in schaal_reeks.MATEN_STANDAARD),
        metavar="LIJST",
        help="bij --schaal-reeks: de maten in declaratieregels, kommagescheiden "
        "(standaard %(default)s)",
    )
    parser.add_argument(
        "--werkmap",
        type=Path,
        metavar="MAP",
        help="bij --schaal-reeks: map voor de gegenereerde bestanden en databases "
        "(standaard een tijdelijke map; gemeten bij 20M regels: 3,0 GB bestanden en 18,4 GB "
        "database na de extra maand, dus reken voor 40M op ~45 GB vrij)",
    )
    parser.add_argument(
        "--bewaar",
        action="store_true",
        help="bij --schaal-reeks: laat de gegenereerde bestanden staan",
    )
    parser.add_argument(
        "--uit",
        type=Path,
        metavar="MAP",
        help="schrijf in MAP in plaats van docs/ "
        "(MAP/bench/laatste.json en MAP/detectiekwaliteit.md)",
    )
    return parser


def _schaal_reeks(args: argparse.Namespace, docs: Path | None, uit: Console) -> int:
    """The scale series; the result is written after every size, so a failing 40M run
    still leaves the smaller sizes on paper."""

    def bewaar(resultaat: dict[str, Any]) -> None:
        if docs is not None:
            schaal_rapport.schrijf(docs, resultaat)

    if args.werkmap is not None:
        resultaat = schaal_reeks.schaalreeks(
            args.maten_lijst, args.werkmap, uit, bewaar=args.bewaar, tussendoor=bewaar
        )
    else:
        with tempfile.TemporaryDirectory(prefix="signaalmonitor-schaalreeks-") as tmp:
            resultaat = schaal_reeks.schaalreeks(
                args.maten_lijst, Path(tmp), uit, bewaar=args.bewaar, tussendoor=bewaar
            )
    print(json.dumps(resultaat, indent=2, ensure_ascii=False))
    if docs is not None:
        uit.print(
            "Geschreven: " + " en ".join(str(p) for p in schaal_rapport.schrijf(docs, resultaat))
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.schaal is not None and args.schaal < 1:
        parser.error("--schaal moet minstens 1 zijn")
    if (args.schaal is not None or args.dashboard) and (args.snel or args.zonder_dashboard):
        parser.error("--snel en --zonder-dashboard horen bij de meting van de regio's")
    if (args.werkmap is not None or args.bewaar) and not args.schaal_reeks:
        parser.error("--werkmap en --bewaar horen bij --schaal-reeks")
    if args.schaal_reeks and (args.snel or args.zonder_dashboard):
        parser.error("--snel en --zonder-dashboard horen bij de meting van de regio's")
    try:
        args.maten_lijst = schaal_reeks.lees_maten(args.maten)
    except ValueError as fout:
        parser.error(str(fout))
    if args.herhalingen < 1:
        parser.error("--herhalingen moet minstens 1 zijn")
    if args.dashboard and args.uit is not None:
        parser.error("--uit hoort niet bij --dashboard: die meting schrijft niets")
    if args.dashboard and not args.dashboard.is_file():
        parser.error(f"database {args.dashboard} bestaat niet")
    os.environ.setdefault(PSEUDO_KEY_ENV, BENCH_PSEUDO_KEY)
    uit = Console()

    if args.dashboard_last is not None:
        return _dashboard_last(args.dashboard_last, args.herhalingen, uit)
    if args.dashboard:
        tijden = dashboard_paint.meet_eerste_paint(args.dashboard, herhalingen=args.herhalingen)
        traag = dashboard_paint.te_traag(tijden)
        for pagina, seconden in tijden.items():
            teken = "te traag" if pagina in traag else "ok"
            uit.print(f"  {pagina:<15} {seconden * 1000:7.0f} ms  {teken}")
        return 1 if traag else 0

    docs = args.uit if args.uit is not None else (None if args.snel else DOCS)
    if args.schaal_reeks:
        return _schaal_reeks(args, docs, uit)
    if args.archief:
        uit.print("Archieftest: regio als iWmo-berichten genereren, controleren en laden…")
        uitkomst = archief.archieftest(uit, snel=args.snel)
        print(json.dumps(uitkomst, indent=2, ensure_ascii=False))
        if docs is not None:
            uit.print(f"Geschreven: {archief.schrijf(docs, uitkomst)}")
        if not uitkomst["binnen_grenzen"]:
            uit.print(
                "Buiten de grenzen: XML laden mag hooguit "
                f"{archief.MAX_VERHOUDING_XML_CSV:g}× de CSV-tijd duren en "
                f"{archief.MAX_PIEK_GEHEUGEN_MB} MB gebruiken."
            )
            return 1
        return 0
    if args.schaal is not None:
        uitkomst = timing.schaaltest(args.schaal)
        print(json.dumps(uitkomst, indent=2, ensure_ascii=False))
        if docs is not None:
            uit.print(f"Geschreven: {report.schrijf_schaal(docs, uitkomst)}")
        return 0

    resultaat, register = meet_regios(
        uit, snel=args.snel, met_dashboard=not args.zonder_dashboard, herhalingen=args.herhalingen
    )
    if docs is None:
        uit.print("Snelle meting: niets geschreven (kies een map met --uit).")
        return 0
    geschreven = report.schrijf_regios(docs, resultaat, register)
    uit.print("Geschreven: " + " en ".join(str(p) for p in geschreven))
    return 0


def _dashboard_last(db: Path, herhalingen: int, uit: Console) -> int:
    """`--dashboard-last`: page queries and concurrent browser users on an existing database."""
    from bench import dashboard_last, paginaqueries

    if not db.is_file():
        uit.print(f"database {db} bestaat niet")
        return 2
    # At least 20 repetitions for a p95 that is not just the slowest of five.
    queries = paginaqueries.meet(db, herhalingen=max(herhalingen, 20))
    last = dashboard_last.meet(db)
    print(json.dumps({"paginaqueries": queries, "dashboard_last": last}, indent=2))
    te_traag = paginaqueries.te_traag(queries)
    acht = last["gebruikers"].get("8")
    if te_traag or (acht is not None and acht["p95"] > dashboard_last.DOEL_P95_SECONDEN):
        return 1
    return 0
