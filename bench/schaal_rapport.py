"""The scale series on paper: docs/bench/schaal_reeks.json, docs/benchmarks.md and a plot of
time and memory against size (docs/benchmarks_schaal.svg, written by hand: no plotting
library needed to render a few lines)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from bench.schaal_reeks import label
from bench.schaal_stappen import GEHEUGEN_OP

GRENS_GEHEUGEN_MB = 8 * 1024

# Lines of the plot: the step's key in the result, its Dutch name and colour.
LIJNEN = (
    ("kale_lees", "kale DuckDB-lees (CSV)", "#7f7f7f"),
    ("ingest_csv", "ingest CSV", "#1f77b4"),
    ("ingest_parquet", "ingest Parquet", "#17becf"),
    ("run", "run", "#d62728"),
    ("incrementeel", "extra maand + run", "#ff7f0e"),
    ("pandas", "pandas (3 indicatoren)", "#2ca02c"),
)


def _waarde(maat: dict[str, Any], stap: str, veld: str) -> float | None:
    if stap == "incrementeel":
        bron = maat.get("incrementeel")
    else:
        bron = maat["stappen"].get(stap)
        if bron is not None and "exitcode" in bron:
            return None
    return None if bron is None else float(bron[veld])


def grafiek_svg(resultaat: dict[str, Any]) -> str:
    """Two panels side by side: seconds and peak RSS (MB) against declaration lines."""
    maten = [m for m in resultaat["maten"] if "declaratieregels" in m]
    breedte, hoogte, marge = 460, 300, 55
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * breedte}" height="{hoogte + 90}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{2 * breedte}" height="{hoogte + 90}" fill="white"/>',
    ]
    xs = [m["declaratieregels"] / 1e6 for m in maten]
    x_max = max(xs, default=1.0) * 1.05 or 1.0
    for paneel, (veld, titel) in enumerate(
        (("seconden", "Tijd (s)"), ("piek_rss_mb", "Piekgeheugen RSS (MiB)"))
    ):
        x0 = paneel * breedte + marge
        w, h = breedte - marge - 15, hoogte - 40
        y0 = 30 + h
        waarden = [
            v for m in maten for stap, _, _ in LIJNEN if (v := _waarde(m, stap, veld)) is not None
        ]
        if veld == "piek_rss_mb":
            # The limit (8 GiB) is drawn, so the panel always shows the headroom.
            waarden.append(GRENS_GEHEUGEN_MB)
        y_max = max(waarden, default=1.0) * 1.1 or 1.0
        if veld == "piek_rss_mb":
            y = y0 - h * GRENS_GEHEUGEN_MB / y_max
            delen.append(
                f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + w}" y2="{y:.1f}" stroke="black" '
                f'stroke-dasharray="5,4"/><text x="{x0 + w - 4}" y="{y - 5:.1f}" '
                'text-anchor="end">grens 8 GiB</text>'
            )
        delen.append(
            f'<text x="{x0 + w / 2}" y="18" text-anchor="middle" font-weight="bold">'
            f"{escape(titel)}</text>"
        )
        delen.append(
            f'<line x1="{x0}" y1="{y0}" x2="{x0 + w}" y2="{y0}" stroke="black"/>'
            f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="30" stroke="black"/>'
        )
        for i in range(5):
            y_waarde = y_max * i / 4
            y = y0 - h * i / 4
            delen.append(
                f'<line x1="{x0 - 4}" y1="{y:.1f}" x2="{x0 + w}" y2="{y:.1f}" stroke="#ddd"/>'
                f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{y_waarde:.0f}</text>'
            )
        for x in xs:
            px = x0 + w * x / x_max
            delen.append(f'<text x="{px:.1f}" y="{y0 + 16}" text-anchor="middle">{x:.1f}</text>')
        delen.append(
            f'<text x="{x0 + w / 2}" y="{y0 + 34}" text-anchor="middle">'
            "declaratieregels (miljoen)</text>"
        )
        for stap, _, kleur in LIJNEN:
            punten = [
                (x0 + w * x / x_max, y0 - h * v / y_max)
                for x, m in zip(xs, maten, strict=True)
                if (v := _waarde(m, stap, veld)) is not None
            ]
            if not punten:
                continue
            lijn = " ".join(f"{px:.1f},{py:.1f}" for px, py in punten)
            delen.append(
                f'<polyline points="{lijn}" fill="none" stroke="{kleur}" stroke-width="2"/>'
            )
            delen.extend(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{kleur}"/>' for px, py in punten
            )
    for i, (_, naam, kleur) in enumerate(LIJNEN):
        lx = marge + (i % 3) * 280
        ly = hoogte + 55 + (i // 3) * 20
        delen.append(
            f'<rect x="{lx}" y="{ly - 9}" width="12" height="12" fill="{kleur}"/>'
            f'<text x="{lx + 16}" y="{ly + 1}">{escape(naam)}</text>'
        )
    delen.append("</svg>")
    return "\n".join(delen) + "\n"


def _getal(waarde: float | int | None, decimalen: int = 1) -> str:
    if waarde is None:
        return "–"
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def markdown(resultaat: dict[str, Any]) -> str:
    m = resultaat["machine"]
    regels = [
        "# Benchmarks: landelijke schaal op één machine",
        "",
        "Gemeten met `make bench-schaal` (`python -m bench --schaal-reeks`; minder maten met "
        "`--maten 1M,5M`). De demoregio (seed 20261123) wordt zo vaak gekopieerd als nodig "
        "(`signaalmonitor demo --schaal N`, pipelines/demo/schaal.py): elke kopie eigen "
        "CBS-gemeenten, cliënten met geldige BSN's, eigen sleutels; aanbieders groeien minder "
        "hard (~4·√N sets van 100). De laatste maand (december 2025) komt als aparte levering.",
        "",
        "Elke stap draait in een eigen proces: tijd is wandkloktijd, geheugen is de grootste "
        "resident set (RSS) in dat proces en zijn kinderen (getrusage via een klein "
        "startproces). De kale lees is "
        "`CREATE TABLE … AS SELECT * FROM read_csv(…)` per tabel met DuckDB's eigen "
        "typeherkenning naar een nieuw databasebestand: alle kolommen gematerialiseerd. "
        "De pandas-basislijn (bench/schaal_pandas.py) rekent drie kernindicatoren (zonder "
        "toewijzing / boven volume, groei per aanbieder per jaar, stapeling) met read_csv, "
        "merge en groupby op dezelfde CSV-bestanden. De belasting (load average over 1 minuut) "
        "staat bij elke stap: de machine wordt gedeeld.",
        "",
        f"Gemeten op {resultaat['gemeten_op']} met `{resultaat['opdracht']}`.",
        "",
        "## Machine",
        "",
        f"- {m['kernen']} kernen ({m['processor']}), {_getal(m['geheugen_gib'])} GiB geheugen",
        f"- schijf: {m['schijf']}",
        f"- {m['os']}; Python {m['python']}, DuckDB {m['duckdb']}, pandas {m['pandas']}",
        "",
        "## Uitkomsten",
        "",
        "![Tijd en geheugen tegen de omvang](benchmarks_schaal.svg)",
        "",
        "| regels | kale lees | ingest CSV | run | extra maand + run | ingest Parquet "
        "| pandas | run drie indicatoren | (ingest+run)/kaal | pandas/run "
        "| pandas/run drie | database |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for maat in resultaat["maten"]:
        st = maat["stappen"]

        def cel(naam: str, st: dict[str, Any] = st) -> str:
            s = st.get(naam)
            if s is None:
                return "–"
            if s.get("exitcode") == GEHEUGEN_OP:
                return (
                    f"past niet in het geheugen: gestopt bij {_getal(s['piek_rss_mb'], 0)} MiB "
                    f"na {_getal(s['seconden'])} s"
                )
            if "exitcode" in s:
                return f"fout ({s['exitcode']})"
            uitspoel = (
                f" · uitspoelmap {_getal(s['piek_uitspoelmap_mb'], 0)} MB"
                if "piek_uitspoelmap_mb" in s
                else ""
            )
            return (
                f"{_getal(s['seconden'])} s · {_getal(s['piek_rss_mb'], 0)} MiB{uitspoel} "
                f"· belasting {_getal(s['belasting_1min_voor'])}"
            )

        inc = maat.get("incrementeel")
        inc_cel = (
            f"{_getal(inc['seconden'])} s · {_getal(inc['piek_rss_mb'], 0)} MiB"
            if inc
            else cel("run_na_extra_maand")  # failed or not run: as that step says
        )
        db_mb = maat.get("database_mb_na_extra_maand", maat.get("database_mb_na_run"))
        v = maat.get("verhoudingen", {})
        regels.append(
            f"| {_getal(maat.get('declaratieregels', maat['maat']), 0)} | {cel('kale_lees')} "
            f"| {cel('ingest_csv')} | {cel('run')} "
            f"| {inc_cel} "
            f"| {cel('ingest_parquet')} | {cel('pandas')} | {cel('run_drie_indicatoren')} "
            f"| {_getal(v.get('ingest_plus_run_gedeeld_door_kale_lees'))} "
            f"| {_getal(v.get('pandas_gedeeld_door_run'), 2)} "
            f"| {_getal(v.get('pandas_gedeeld_door_run_drie_indicatoren'), 2)} "
            f"| {_getal(db_mb, 0)} MB |"
        )
    regels += [
        "",
        "Per cel: seconden · piekgeheugen (MiB, zoals getrusage het meet) · bij ingest en run de "
        "grootste omvang van de map waarin DuckDB uitspoelt (MB, elke halve seconde gemeten) · "
        "belasting (load average) vlak voor de stap. Database: het databasebestand na de extra "
        "maand, in MB (de rolbestanden per maat hieronder).",
        "",
        "## Per maat",
        "",
    ]
    for maat in resultaat["maten"]:
        gen = maat["stappen"].get("genereren", {})
        regels.append(
            f"- **{label(maat['maat'])}**: {maat['kopieen']} "
            f"{'kopie' if maat['kopieen'] == 1 else 'kopieën'}, "
            f"{_getal(maat.get('declaratieregels'), 0)} declaratieregels, CSV "
            f"{_getal(maat.get('csv_mb'), 0)} MB, Parquet {_getal(maat.get('parquet_mb'), 0)} MB; "
            f"genereren {_getal(gen.get('seconden'))} s bij "
            f"{_getal(gen.get('piek_rss_mb'), 0)} MiB (niet meegeteld)"
            + (
                f"; rolbestanden {_getal(maat['rolbestanden_mb'], 0)} MB."
                if "rolbestanden_mb" in maat
                else "."
            )
        )
        for soort, modellen in maat.get("traagste_modellen", {}).items():
            opgesomd = ", ".join(f"{naam} {_getal(s)} s" for naam, s in modellen.items())
            regels.append(f"  Traagste modellen ({soort.replace('_', ' ')}): {opgesomd}.")
        regels += _dashboardregels(maat.get("extra", {}))
    regels += [
        "",
        "Alle cijfers staan in [bench/schaal_reeks.json](bench/schaal_reeks.json).",
        "",
    ]
    return "\n".join(regels)


def _dashboardregels(extra: dict[str, Any]) -> list[str]:
    """The dashboard measurements of one size as lines under it (page queries, browser users)."""
    regels: list[str] = []
    pq = extra.get("paginaqueries")
    if pq and "rollen" in pq:
        per_pagina = [
            (cijfers["p95"], f"{rol}/{pagina}")
            for rol, paginas in pq["rollen"].items()
            for pagina, cijfers in paginas.items()
        ]
        traagste = sorted(per_pagina, reverse=True)[:3]
        regels.append(
            f"  Dashboardqueries per pagina ({pq.get('herhalingen')} keer, ongecachet): "
            f"{len(per_pagina)} pagina's, p95 het hoogst bij "
            + ", ".join(f"{naam} {_getal(p95, 2)} s" for p95, naam in traagste)
            + f" (doel ≤ {_getal(pq.get('doel_p95', 0.5), 1)} s)."
        )
    elif pq:
        regels.append(f"  Dashboardqueries: niet gemeten ({pq.get('fout', 'onbekend')}).")
    bg = extra.get("browsergebruikers")
    if bg and "gebruikers" in bg:
        regels.append(
            f"  Browsergebruikers tegelijk ({bg.get('rol')}, elke pagina, "
            f"{bg.get('rondes')} rondes): "
            + "; ".join(
                f"{n}: p50 {_getal(c['p50'], 2)} s, p95 {_getal(c['p95'], 2)} s "
                f"(belasting {_getal(c.get('load_voor'))}→{_getal(c.get('load_na'))})"
                for n, c in bg["gebruikers"].items()
            )
            + "."
        )
    elif bg:
        regels.append(f"  Browsergebruikers: niet gemeten ({bg.get('fout', 'onbekend')}).")
    return regels


# A section of benchmarks.md whose heading holds this was written by hand (a measurement taken
# outside the series, with its circumstances); rewriting the report keeps it.
MET_DE_HAND = "met de hand"


def handsecties(tekst: str) -> str:
    """The "## " sections of `tekst` whose heading says MET_DE_HAND, in order, or ""."""
    secties = tekst.split("\n## ")
    eigen = [s for s in secties[1:] if MET_DE_HAND in s.split("\n", 1)[0]]
    return "".join("\n## " + s.rstrip("\n") + "\n" for s in eigen)


def schrijf(docs: Path, resultaat: dict[str, Any]) -> list[Path]:
    """docs/bench/schaal_reeks.json, docs/benchmarks.md and docs/benchmarks_schaal.svg.

    The hand-written sections of an existing benchmarks.md (`handsecties`) stay, after the new
    report."""
    (docs / "bench").mkdir(parents=True, exist_ok=True)
    paden = [
        docs / "bench" / "schaal_reeks.json",
        docs / "benchmarks.md",
        docs / "benchmarks_schaal.svg",
    ]
    bewaard = handsecties(paden[1].read_text()) if paden[1].is_file() else ""
    paden[0].write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    paden[1].write_text(markdown(resultaat) + bewaard)
    paden[2].write_text(grafiek_svg(resultaat))
    return paden
