"""Detection quality of one region against the generator's ground truth, as pure functions.

Every function here takes plain values (the rows below) and returns plain values: no database,
no files, no clock. bench/outcome.py reads a computed region into these rows.

Scored per provider and year (a *provider-year*):
- recall per scheme: the scheme's provider has a flagged signal of the scheme's category in a
  year the scheme left lines;
- false-positive rate per category: among provider-years without a scheme of that category,
  the share with a flagged signal of that category;
- precision@k: of the top k of the risk ranking per year (k = number of scheme providers that
  year), the share that are scheme providers;
- flag rate: the share of provider-years with any flagged signal (on the honest region this is
  the false-alarm rate a user would see);
- flagged providers per 50, and per indicator which providers it flagged (on an honest
  region all of them are false alarms);
- recall per scheme per strength band, summed over several regions (`recall_over_regios`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

CATEGORIEEN = ("spookzorg", "upcoding", "stapeling", "volume", "kwaliteit")
STERKTES = ("zwak", "middel", "sterk")

AanbiederJaar = tuple[str, int]


@dataclass(frozen=True)
class IngebrachtSchema:
    """One row of grondwaarheid.csv: a scheme the generator injected at a provider in a year."""

    schema: str
    categorie: str
    aanbieder_agb: str
    jaar: int
    # Drawn strength band (zwak/middel/sterk) and parameters as text; empty for old files.
    sterkte: str = ""
    parameters: str = ""


@dataclass(frozen=True)
class Signaal:
    """One row of marts.mart_signalen, the columns the scoring needs."""

    indicator: str
    categorie: str
    aanbieder_agb: str
    jaar: int
    gemarkeerd: bool


@dataclass(frozen=True)
class Lookalike:
    """One row of lookalikes.csv: an honest provider that resembles a scheme (it must never be
    flagged)."""

    aanbieder_agb: str
    jaar: int
    soort: str


@dataclass(frozen=True)
class Rang:
    """One row of marts.mart_aanbieder_risico: a provider's place in a year's risk ranking."""

    aanbieder_agb: str
    jaar: int
    rang: int


def schemas_per_aanbieder_jaar(
    waarheid: Iterable[IngebrachtSchema],
) -> dict[AanbiederJaar, set[str]]:
    """Per provider-year the categories in which a scheme was injected."""
    uitkomst: dict[AanbiederJaar, set[str]] = defaultdict(set)
    for rij in waarheid:
        uitkomst[(rij.aanbieder_agb, rij.jaar)].add(rij.categorie)
    return dict(uitkomst)


def gemarkeerde_categorieen(signalen: Iterable[Signaal]) -> dict[AanbiederJaar, set[str]]:
    """Per provider-year with at least one flagged signal, the categories flagged."""
    uitkomst: dict[AanbiederJaar, set[str]] = defaultdict(set)
    for s in signalen:
        if s.gemarkeerd:
            uitkomst[(s.aanbieder_agb, s.jaar)].add(s.categorie)
    return dict(uitkomst)


def telling_per_indicator(
    signalen: Iterable[Signaal], schemas_per: dict[AanbiederJaar, set[str]]
) -> dict[str, dict[str, int]]:
    """Per indicator: signals, and of the flagged ones how many hit a scheme of their category
    (terecht) and how many did not (onterecht). Indicators sorted by name, counts in that fixed
    order whatever the order of the rows; a count that stayed zero is absent (the card reads 0)."""
    tellingen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in signalen:
        if s.gemarkeerd:
            terecht = s.categorie in schemas_per.get((s.aanbieder_agb, s.jaar), set())
            tellingen[s.indicator]["terecht" if terecht else "onterecht"] += 1
        tellingen[s.indicator]["signalen"] += 1
    return {
        indicator: {k: t[k] for k in ("signalen", "terecht", "onterecht") if t[k]}
        for indicator, t in sorted(tellingen.items())
    }


def recall_per_schema(
    waarheid: Iterable[IngebrachtSchema], gemarkeerd: dict[AanbiederJaar, set[str]]
) -> dict[str, dict[str, Any]]:
    """Per scheme: in how many of its provider-years a signal of its category was flagged, the
    same per strength band (`per_sterkte`), which provider-years (`agb/jaar`) were missed, and
    for each miss its band and parameters (`gemist_details`)."""
    uitkomst: dict[str, dict[str, Any]] = {}
    for rij in waarheid:
        gevonden = rij.categorie in gemarkeerd.get((rij.aanbieder_agb, rij.jaar), set())
        item = uitkomst.setdefault(
            rij.schema,
            {
                "categorie": rij.categorie,
                "gevonden": 0,
                "totaal": 0,
                "gemist": [],
                "per_sterkte": {},
                "gemist_details": [],
            },
        )
        item["totaal"] += 1
        item["gevonden"] += int(gevonden)
        band = item["per_sterkte"].setdefault(
            rij.sterkte or "onbekend", {"gevonden": 0, "totaal": 0}
        )
        band["totaal"] += 1
        band["gevonden"] += int(gevonden)
        if not gevonden:
            item["gemist"].append(f"{rij.aanbieder_agb}/{rij.jaar}")
            item["gemist_details"].append(
                {
                    "aanbieder_jaar": f"{rij.aanbieder_agb}/{rij.jaar}",
                    "sterkte": rij.sterkte,
                    "parameters": rij.parameters,
                }
            )
    return uitkomst


def recall_over_regios(per_regio: Mapping[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Recall per scheme and strength band summed over regions (the rapportseeds): per scheme
    `{band: {gevonden, totaal}}` plus `totaal`, the totals per band over all schemes, and every
    miss with its region, band and parameters. `per_regio` maps a region's name to its
    `recall_per_schema`."""
    per_schema: dict[str, dict[str, dict[str, int]]] = {}
    per_band: dict[str, dict[str, int]] = {}
    gemist: list[dict[str, str]] = []
    for regio, schemas in sorted(per_regio.items()):
        for naam, item in sorted(schemas.items()):
            rij = per_schema.setdefault(naam, {})
            for band, telling in item.get("per_sterkte", {}).items():
                for doel in (
                    rij.setdefault(band, {"gevonden": 0, "totaal": 0}),
                    rij.setdefault("totaal", {"gevonden": 0, "totaal": 0}),
                    per_band.setdefault(band, {"gevonden": 0, "totaal": 0}),
                    per_band.setdefault("totaal", {"gevonden": 0, "totaal": 0}),
                ):
                    doel["gevonden"] += telling["gevonden"]
                    doel["totaal"] += telling["totaal"]
            for mis in item.get("gemist_details", []):
                gemist.append({"regio": regio, "schema": naam, **mis})
    return {
        "per_schema": per_schema,
        "per_sterkte": per_band,
        "recall": _verhouding(per_band.get("totaal")),
        "gemist": gemist,
    }


def _verhouding(telling: dict[str, int] | None) -> float | None:
    if not telling or not telling["totaal"]:
        return None
    return round(telling["gevonden"] / telling["totaal"], 3)


def gemarkeerde_aanbieders(signalen: Iterable[Signaal]) -> dict[str, list[str]]:
    """Per indicator with a flag, the flagged providers (sorted, each once over the years):
    on an honest region every one of them is a false alarm the lead has to explain."""
    uitkomst: dict[str, set[str]] = defaultdict(set)
    for s in signalen:
        if s.gemarkeerd:
            uitkomst[s.indicator].add(s.aanbieder_agb)
    return {indicator: sorted(agbs) for indicator, agbs in sorted(uitkomst.items())}


def per_vijftig(gemarkeerd: int, aanbieders: int) -> float | None:
    """Flagged providers per 50 providers, rounded to 2 decimals (None without providers)."""
    return round(gemarkeerd * 50 / aanbieders, 2) if aanbieders else None


def fout_positieven_per_categorie(
    alle: set[AanbiederJaar],
    schemas_per: dict[AanbiederJaar, set[str]],
    gemarkeerd: dict[AanbiederJaar, set[str]],
    categorieen: Sequence[str] = CATEGORIEEN,
) -> dict[str, dict[str, Any]]:
    """Per category: of the provider-years in `alle` without a scheme of that category, how many
    have a flagged signal of it (aantal/van, fp_rate rounded to 4 decimals, None if van is 0),
    with up to ten sorted examples."""
    uitkomst: dict[str, dict[str, Any]] = {}
    for categorie in categorieen:
        anderen = [k for k in alle if categorie not in schemas_per.get(k, set())]
        onterecht = [k for k in anderen if categorie in gemarkeerd.get(k, set())]
        uitkomst[categorie] = {
            "aantal": len(onterecht),
            "van": len(anderen),
            "fp_rate": round(len(onterecht) / len(anderen), 4) if anderen else None,
            "voorbeelden": sorted(f"{a}/{j}" for a, j in onterecht)[:10],
        }
    return uitkomst


def precision_at_k(
    ranking: Sequence[Rang], schemas_per: dict[AanbiederJaar, set[str]]
) -> dict[str, dict[str, Any]]:
    """Per year of the ranking that has scheme providers (k of them): how many of the k best
    ranked providers are scheme providers (raak) and raak/k rounded to 3 decimals.

    Equal ranks keep the order they were given in (a stable sort)."""
    uitkomst: dict[str, dict[str, Any]] = {}
    for jaar in sorted({r.jaar for r in ranking}):
        schema_aanbieders = {a for (a, j) in schemas_per if j == jaar}
        k = len(schema_aanbieders)
        if not k:
            continue
        top = [r.aanbieder_agb for r in sorted(ranking, key=lambda r: r.rang) if r.jaar == jaar][:k]
        raak = len(set(top) & schema_aanbieders)
        uitkomst[str(jaar)] = {"k": k, "raak": raak, "precision_at_k": round(raak / k, 3)}
    return uitkomst


def recall_totaal(per_schema: dict[str, dict[str, Any]]) -> float | None:
    """Found provider-years over all schemes, rounded to 3 decimals (None without schemes)."""
    gevonden = sum(v["gevonden"] for v in per_schema.values())
    totaal = sum(v["totaal"] for v in per_schema.values())
    return round(gevonden / totaal, 3) if totaal else None


def gemiddelde_fp_rate(per_categorie: dict[str, dict[str, Any]]) -> float | None:
    """Mean of the (rounded) per-category rates that exist, rounded to 4 decimals."""
    rates = [float(v["fp_rate"]) for v in per_categorie.values() if v["fp_rate"] is not None]
    return round(statistics.mean(rates), 4) if rates else None


def vlagpercentage(
    gemarkeerd: dict[AanbiederJaar, set[str]], alle: set[AanbiederJaar]
) -> float | None:
    """Provider-years with any flagged signal over all ranked provider-years (4 decimals)."""
    return round(len(gemarkeerd) / len(alle), 4) if alle else None


def gemarkeerde_lookalikes(
    lookalikes: Iterable[Lookalike], signalen: Iterable[Signaal]
) -> dict[str, Any]:
    """The honest look-alike provider-years with a flagged signal (any category: the look-alike
    is honest, so every flag is a false alarm), with the indicators that flagged them."""
    per_jaar: dict[AanbiederJaar, set[str]] = defaultdict(set)
    for s in signalen:
        if s.gemarkeerd:
            per_jaar[(s.aanbieder_agb, s.jaar)].add(s.indicator)
    rijen = sorted({(la.aanbieder_agb, la.jaar, la.soort) for la in lookalikes})
    gemarkeerd = [
        {
            "aanbieder_jaar": f"{agb}/{jaar}",
            "soort": soort,
            "indicatoren": sorted(per_jaar[(agb, jaar)]),
        }
        for agb, jaar, soort in rijen
        if per_jaar.get((agb, jaar))
    ]
    return {"totaal": len(rijen), "gemarkeerd": gemarkeerd}


def detectiekwaliteit(
    waarheid: Sequence[IngebrachtSchema],
    signalen: Sequence[Signaal],
    ranking: Sequence[Rang],
    lookalikes: Sequence[Lookalike] = (),
) -> dict[str, Any]:
    """All detection figures of one region; the provider-years are those of the ranking."""
    schemas_per = schemas_per_aanbieder_jaar(waarheid)
    gemarkeerd = gemarkeerde_categorieen(signalen)
    alle = {(r.aanbieder_agb, r.jaar) for r in ranking}
    per_schema = recall_per_schema(waarheid, gemarkeerd)
    fp = fout_positieven_per_categorie(alle, schemas_per, gemarkeerd)
    aanbieders = {a for a, _ in alle}
    gemarkeerde = {a for a, _ in gemarkeerd} & aanbieders
    return {
        "recall_totaal": recall_totaal(per_schema),
        "recall_per_schema": per_schema,
        "fp_per_categorie": fp,
        "gemiddelde_fp_rate": gemiddelde_fp_rate(fp),
        "precision_at_k": precision_at_k(ranking, schemas_per),
        "vlagpercentage": vlagpercentage(gemarkeerd, alle),
        "per_indicator": telling_per_indicator(signalen, schemas_per),
        "aanbieders": len(aanbieders),
        "aanbieders_gemarkeerd": len(gemarkeerde),
        "gemarkeerd_per_50": per_vijftig(len(gemarkeerde), len(aanbieders)),
        "gemarkeerd_per_indicator": gemarkeerde_aanbieders(
            s for s in signalen if s.aanbieder_agb in aanbieders
        ),
        "lookalikes": gemarkeerde_lookalikes(lookalikes, signalen),
    }
