"""What the bench writes: docs/bench/laatste.json (all numbers), docs/detectiekwaliteit.md (the
detection-quality card per indicator) and docs/bench/schaal_N.json (the scale test).

`detectiekaart` is a pure function of the measured result and the indicator register.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.scoring import CATEGORIEEN, STERKTES


def detectiekaart(resultaat: dict[str, Any], register: list[dict[str, Any]]) -> str:
    """The Markdown card: summary, recall per scheme, false positives, precision@k, one entry
    per indicator of the register, and the demo region's speed."""
    demo = resultaat["regios"]["demo"]["detectie"]
    tweede = resultaat["regios"]["tweede_seed"]["detectie"]
    eerlijk = resultaat["regios"]["eerlijk"]["detectie"]
    eigen = resultaat["regios"]["eigen_codes"]["detectie"]
    regels = [
        "# Detectiekwaliteit per indicator",
        "",
        f"Gemeten met `{resultaat.get('opdracht', 'make bench')}` op {resultaat['gemeten_op']} "
        f"({resultaat['machine']}). "
        f"{len(resultaat['regios'])} regio's (zie onder); de samenvatting toont er vier: "
        "de demoregio (seed "
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
    regels += sterkte_secties(resultaat)
    regels += eenheden_sectie(resultaat)
    regels += lookalike_sectie(resultaat)
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


def _telling(telling: dict[str, int] | None) -> str:
    if not telling or not telling["totaal"]:
        return "–"
    return (
        f"{telling['gevonden']}/{telling['totaal']} ({telling['gevonden'] / telling['totaal']:.2f})"
    )


def _bandtabel(samen: dict[str, Any]) -> list[str]:
    """Recall per scheme and strength band, and over all schemes (recall_over_regios)."""
    regels = [
        "| schema | " + " | ".join(STERKTES) + " | totaal |",
        "|---|" + "---|" * (len(STERKTES) + 1),
    ]
    for naam, banden in sorted(samen["per_schema"].items()):
        cellen = [_telling(banden.get(b)) for b in (*STERKTES, "totaal")]
        regels.append(f"| {naam} | " + " | ".join(cellen) + " |")
    cellen = [_telling(samen["per_sterkte"].get(b)) for b in (*STERKTES, "totaal")]
    regels.append("| **alle schema's** | " + " | ".join(cellen) + " |")
    return regels


def sterkte_secties(resultaat: dict[str, Any]) -> list[str]:
    """Recall per scheme and strength band over the rapportseeds, the misses with their
    parameters, false positives and precision@k per rapportseed, and the honest regions'
    flagged providers per 50 and per indicator. Empty for an old result without roles."""
    regios = resultaat["regios"]
    rapport = {n: r for n, r in regios.items() if r.get("rol") == "rapport"}
    eerlijk = {n: r for n, r in regios.items() if r.get("rol") == "eerlijk"}
    samen = resultaat.get("rapportseeds")
    if not rapport or not samen:
        return []
    keuze = ", ".join(
        f"{n} (seed {r['seed']})" for n, r in regios.items() if r.get("rol") == "keuze"
    )
    seeds = ", ".join(f"{n} (seed {r['seed']})" for n, r in rapport.items())
    regels = [
        "",
        "## Recall per schema en sterkteband (rapportseeds)",
        "",
        f"Keuzeseeds (hier mogen drempels gekozen worden): {keuze}. Rapportseeds (alleen "
        f"gerapporteerd, nooit gebruikt om te kiezen): {seeds}. Per seed trekt de generator per "
        "schema een sterkteband (zwak/middel/sterk) en daarbinnen de parameters; de tabel telt "
        "de aanbieder-jaren van de rapportseeds op. Alle regio's op de standaardgrootte "
        "(100 aanbieders, 10.000 cliënten), tenzij hieronder anders vermeld.",
        "",
    ]
    regels += _bandtabel(samen)
    regels += ["", "### Gemiste schema's (rapportseeds)", ""]
    if samen["gemist"]:
        regels += [
            "| regio | schema | aanbieder/jaar | band | parameters |",
            "|---|---|---|---|---|",
        ]
        for m in samen["gemist"]:
            regels.append(
                f"| {m['regio']} | {m['schema']} | {m['aanbieder_jaar']} | {m['sterkte']} | "
                f"{m['parameters']} |"
            )
    else:
        regels.append("Geen: elk ingebracht schema is in zijn categorie gevonden.")
    regels += [
        "",
        "### Fout-positieven per categorie en precision@k per rapportseed",
        "",
        "| regio | " + " | ".join(CATEGORIEEN) + " | gemiddeld | precision@k per jaar |",
        "|---|" + "---|" * (len(CATEGORIEEN) + 2),
    ]
    for naam, regio in rapport.items():
        det = regio["detectie"]
        fp = [f"{det['fp_per_categorie'][c]['fp_rate']}" for c in CATEGORIEEN]
        pak = ", ".join(f"{j}: {p['precision_at_k']}" for j, p in det["precision_at_k"].items())
        regels.append(f"| {naam} | " + " | ".join(fp) + f" | {det['gemiddelde_fp_rate']} | {pak} |")
    regels += [
        "",
        "## Eerlijke regio's: gemarkeerde aanbieders",
        "",
        "Elke gemarkeerde aanbieder in een eerlijke regio is een vals alarm. Doel: hooguit 1 "
        "per 50 aanbieders (acceptatie: hooguit 3 van 88).",
        "",
        "| regio | aanbieders | gemarkeerd | per 50 |",
        "|---|---|---|---|",
    ]
    for naam, regio in eerlijk.items():
        det = regio["detectie"]
        regels.append(
            f"| {naam} | {det.get('aanbieders', '–')} | {det.get('aanbieders_gemarkeerd', '–')} "
            f"| {det.get('gemarkeerd_per_50', '–')} |"
        )
    regels += ["", "| regio | indicator | gemarkeerde aanbieders |", "|---|---|---|"]
    for naam, regio in eerlijk.items():
        for indicator, agbs in regio["detectie"].get("gemarkeerd_per_indicator", {}).items():
            regels.append(f"| {naam} | {indicator} | {', '.join(agbs)} |")
    return regels


def lookalike_sectie(resultaat: dict[str, Any]) -> list[str]:
    """Per region the honest look-alikes (lookalikes.csv: a provider that resembles a scheme but
    is honest) and those with a flagged signal; empty when no region has look-alikes."""
    regios = {
        naam: regio["detectie"]["lookalikes"]
        for naam, regio in resultaat["regios"].items()
        if regio.get("detectie", {}).get("lookalikes", {}).get("totaal")
    }
    if not regios:
        return []
    regels = [
        "",
        "## Eerlijke look-alikes",
        "",
        "Aanbieders die op een schema lijken maar eerlijk zijn (hoge realisatie, specialist, "
        "overname, kleine aanbieder …; `lookalikes.csv` van de generator). Elk gemarkeerd "
        "signaal bij een look-alike is een vals alarm. Doel: geen.",
        "",
        "| regio | look-alike aanbieder-jaren | gemarkeerd | welke |",
        "|---|---|---|---|",
    ]
    for naam, la in regios.items():
        welke = "; ".join(
            f"{g['aanbieder_jaar']} ({g['soort']}: {', '.join(g['indicatoren'])})"
            for g in la["gemarkeerd"]
        )
        regels.append(f"| {naam} | {la['totaal']} | {len(la['gemarkeerd'])} | {welke or '–'} |")
    return regels


def eenheden_sectie(resultaat: dict[str, Any]) -> list[str]:
    """Recall per scheme and strength band on the units variant (other iWmo units, its own
    seed, only reported) and its misses. Empty when the result has no units variant."""
    samen = resultaat.get("eenheden")
    if not samen:
        return []
    regios = ", ".join(
        f"{n} (seed {r['seed']})"
        for n, r in resultaat["regios"].items()
        if r.get("rol") == "eenheden"
    )
    regels = [
        "",
        "## Recall per schema en sterkteband in andere eenheden",
        "",
        f"Regio {regios}: een eigen seed, alleen gerapporteerd. Huishoudelijke ondersteuning "
        "en specialistische begeleiding in hele uren (04), begeleiding op afstand in sessies van "
        "een half uur (84, stuks inspanning), huishoudelijke ondersteuning met regie als "
        "maandbedrag in euro (83, zonder producttarief); gedeclareerd in hele eenheden, naar "
        "beneden afgerond.",
        "",
    ]
    regels += _bandtabel(samen)
    regels += ["", "### Gemiste schema's (andere eenheden)", ""]
    if samen["gemist"]:
        regels += ["| schema | aanbieder/jaar | band | parameters |", "|---|---|---|---|"]
        for m in samen["gemist"]:
            regels.append(
                f"| {m['schema']} | {m['aanbieder_jaar']} | {m['sterkte']} | {m['parameters']} |"
            )
    else:
        regels.append("Geen: elk ingebracht schema is in zijn categorie gevonden.")
    return regels


def samenvatting_regio(regio: dict[str, Any]) -> str:
    """One line per region for the terminal while the bench runs."""
    detectie = regio["detectie"]
    return (
        f"  {regio['rijen_geladen']} rijen geladen in {regio['laden_s']} s "
        f"({regio['rijen_per_seconde']} rijen/s); run {regio['run_s']} s; "
        f"recall {detectie['recall_totaal']}, gemiddelde FP "
        f"{detectie['gemiddelde_fp_rate']}, vlagpercentage {detectie['vlagpercentage']}, "
        f"gemarkeerde aanbieders {detectie.get('aanbieders_gemarkeerd')} van "
        f"{detectie.get('aanbieders')}"
    )


def _schrijf_json(pad: Path, inhoud: dict[str, Any], **opties: Any) -> None:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(inhoud, indent=2, ensure_ascii=False, **opties), encoding="utf-8")


def schrijf_regios(
    docs: Path, resultaat: dict[str, Any], register: list[dict[str, Any]]
) -> list[Path]:
    """Write docs/bench/laatste.json and docs/detectiekwaliteit.md; return both paths."""
    json_pad = docs / "bench" / "laatste.json"
    kaart_pad = docs / "detectiekwaliteit.md"
    _schrijf_json(json_pad, resultaat, default=str)
    kaart_pad.write_text(detectiekaart(resultaat, register), encoding="utf-8")
    return [json_pad, kaart_pad]


def schrijf_schaal(docs: Path, uitkomst: dict[str, Any]) -> Path:
    """Write docs/bench/schaal_<factor>.json; return its path."""
    pad = docs / "bench" / f"schaal_{uitkomst['factor']}.json"
    _schrijf_json(pad, uitkomst)
    return pad
