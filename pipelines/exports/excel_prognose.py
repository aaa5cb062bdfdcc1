"""`export prognose` and the Prognose tab: the table "vermoedelijke kosten" per gemeente ×
zorgsoort (perceel) with index and completion factors, as the BNO-O appendix shows it.

Pure functions over the control role's `prognose` and `completeringsfactoren` views (already
suppressed for small cells), so the page and the CLI write the same workbook. Money stays
Decimal: the price increase is the forecast × index, rounded half away from zero to cents.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl

from pipelines import opmaak
from pipelines.exports.neutraliseer import neutraliseer

CENT = Decimal("0.01")

# Column of the per-gemeente table → (Dutch header, kind). Kinds: eur, factor, pct, tekst, getal.
_POLARS_SOORT: dict[str, Any] = {
    "jaar": pl.Int64,
    "completeringsfactor": pl.Float64,
    "index_procent": pl.Float64,
    "aandeel_uitgeput": pl.Float64,
}

KOLOMMEN_PER_CEL: dict[str, tuple[str, str]] = {
    "jaar": ("Jaar", "getal"),
    "gemeentecode": ("Gemeentecode", "tekst"),
    "gemeente": ("Gemeente", "tekst"),
    "zorgsoort": ("Zorgsoort (perceel)", "tekst"),
    "clienten": ("Cliënten", "tekst"),
    "gerealiseerd_eur": ("Gerealiseerd (gedeclareerd)", "eur"),
    "completeringsfactor": ("Completeringsfactor", "factor"),
    "nog_te_declareren_eur": ("Nog te declareren (geleverd)", "eur"),
    "nog_te_leveren_eur": ("Nog te leveren (rest van het jaar)", "eur"),
    "vermoedelijke_kosten_eur": ("Vermoedelijke kosten", "eur"),
    "index_procent": ("Index (%)", "procent"),
    "prijsstijging_eur": ("Prijsstijging volgend jaar", "eur"),
    "vermoedelijke_kosten_volgend_jaar_eur": ("Vermoedelijke kosten volgend jaar", "eur"),
    "begroting_eur": ("Begroting", "eur"),
    "uitputting_eur": ("Uitputting (gerealiseerd + nog te declareren)", "eur"),
    "aandeel_uitgeput": ("Uitgeput", "pct"),
    "verwacht_resultaat_eur": ("Verwacht resultaat (begroting − prognose)", "eur"),
    "afgeschermd": ("Afgeschermd", "tekst"),
    # the wide sheets
    "regel": ("Regel", "tekst"),
    "perceel": ("Perceel", "tekst"),
    "totaal_regio_eur": ("Totaal regio", "eur"),
}


def _decimal(waarde: Any) -> Decimal | None:
    if waarde is None:
        return None
    return waarde if isinstance(waarde, Decimal) else Decimal(str(waarde))


def index_decimaal(index_procent: float) -> Decimal:
    """The index as a percentage with two decimals, half away from zero (3,125 → 3,13)."""
    return Decimal(str(index_procent)).quantize(CENT, rounding=ROUND_HALF_UP)


def prijsstijging(bedrag: Decimal | None, index_procent: float) -> Decimal | None:
    """bedrag × index / 100 on cents, half away from zero (the index has two decimals)."""
    if bedrag is None:
        return None
    return (bedrag * index_decimaal(index_procent) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def per_gemeente_en_zorgsoort(prognose: pl.DataFrame, index_procent: float) -> pl.DataFrame:
    """One row per gemeente × zorgsoort of one year: realised, completion factor, what is still
    to be declared and delivered, the expected costs, the index and the price increase, the
    expected costs next year, begroting, uitputting and the expected result. A suppressed cell
    keeps its row with empty amounts ("afgeschermd")."""
    rijen = []
    for r in prognose.sort("gemeente", "perceel").iter_rows(named=True):
        kosten = _decimal(r["prognose_jaar_eur"])
        stijging = prijsstijging(kosten, index_procent)
        rijen.append(
            {
                "jaar": r["jaar"],
                "gemeentecode": r["gemeentecode"],
                "gemeente": r["gemeente"],
                "zorgsoort": r["perceel"],
                "clienten": r["clienten_weergave"]
                or (None if r["aantal_clienten"] is None else str(r["aantal_clienten"])),
                "gerealiseerd_eur": _decimal(r["gerealiseerd_eur"]),
                "completeringsfactor": r["completeringsfactor"],
                "nog_te_declareren_eur": _decimal(r["nog_te_declareren_eur"]),
                "nog_te_leveren_eur": _decimal(r["nog_te_leveren_eur"]),
                "vermoedelijke_kosten_eur": kosten,
                "index_procent": float(index_decimaal(index_procent)),
                "prijsstijging_eur": stijging,
                "vermoedelijke_kosten_volgend_jaar_eur": None
                if kosten is None or stijging is None
                else kosten + stijging,
                "begroting_eur": _decimal(r["begroting_eur"]),
                "uitputting_eur": _decimal(r["uitputting_eur"]),
                "aandeel_uitgeput": r["aandeel_uitgeput"],
                "verwacht_resultaat_eur": _decimal(r["verwacht_resultaat_eur"]),
                "afgeschermd": "ja" if r["is_afgeschermd"] else "nee",
            }
        )
    schema = {
        k: pl.Decimal(18, 2) if k.endswith("_eur") else _POLARS_SOORT.get(k, pl.String)
        for k in KOLOMMEN_PER_CEL
    }
    return pl.DataFrame(rijen, schema=schema, orient="row")


def _som(waarden: Sequence[Decimal | None]) -> Decimal | None:
    """A total over the cells, or empty when one is suppressed (the total minus the shown
    cells would give it away)."""
    if any(w is None for w in waarden):
        return None
    return sum((w for w in waarden if w is not None), Decimal(0))


def vermoedelijke_kosten(per_cel: pl.DataFrame, jaar: int, index_procent: float) -> pl.DataFrame:
    """The BNO-O appendix: per zorgsoort three rows (vermoedelijke kosten `jaar`, prijsstijging
    `jaar + 1` with the index, vermoedelijke kosten `jaar + 1`), a column per gemeente and the
    region's total first."""
    gemeenten = sorted(per_cel["gemeente"].unique().to_list())
    index_tekst = f"{opmaak.getal(float(index_decimaal(index_procent)), 2)}%"
    rijen: list[dict[str, Any]] = []
    for zorgsoort in sorted(per_cel["zorgsoort"].unique().to_list()):
        cellen = {
            r["gemeente"]: r for r in per_cel.filter(pl.col("zorgsoort") == zorgsoort).to_dicts()
        }
        for label, kolom in (
            (f"Vermoedelijke kosten {jaar}", "vermoedelijke_kosten_eur"),
            (f"Prijsstijging {jaar + 1} {index_tekst}", "prijsstijging_eur"),
            (f"Vermoedelijke kosten {jaar + 1}", "vermoedelijke_kosten_volgend_jaar_eur"),
        ):
            # A gemeente without this zorgsoort spends nothing on it: 0, not empty.
            waarden = {g: cellen[g][kolom] if g in cellen else Decimal(0) for g in gemeenten}
            totaal = _som(list(waarden.values()))
            rijen.append(
                {"zorgsoort": zorgsoort, "regel": label, "totaal_regio_eur": totaal} | waarden
            )
    schema: dict[str, Any] = {"zorgsoort": pl.String, "regel": pl.String}
    schema |= {k: pl.Decimal(18, 2) for k in ["totaal_regio_eur", *gemeenten]}
    return pl.DataFrame(rijen, schema=schema, orient="row")


def factoren_tabel(factoren: pl.DataFrame) -> pl.DataFrame:
    """Completion factors wide: a row per perceel (the region last), a column per number of
    months after the care month."""
    if factoren.is_empty():
        return pl.DataFrame({"perceel": []}, schema={"perceel": pl.String})
    breed = factoren.sort("maanden_na_zorgmaand").pivot(
        on="maanden_na_zorgmaand",
        index=["perceel", "is_regio"],
        values="aandeel_gedeclareerd",
        aggregate_function="first",
    )
    breed = breed.rename(
        {k: f"na {k} mnd" for k in breed.columns if k not in ("perceel", "is_regio")}
    )
    return breed.sort("is_regio", "perceel").drop("is_regio")


def werkboek(bladen: Mapping[str, pl.DataFrame]) -> bytes:
    """An .xlsx with one sheet per frame. Data never becomes a formula or a link: text is
    written as text and text Excel would run gets a `'` in front (neutraliseer)."""
    import xlsxwriter

    buffer = io.BytesIO()
    boek = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
        },
    )
    vet = boek.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1})
    opmaken = {
        "eur": boek.add_format({"num_format": "€ #,##0.00"}),
        "factor": boek.add_format({"num_format": "0.000"}),
        "procent": boek.add_format({"num_format": "0.00"}),
        "pct": boek.add_format({"num_format": "0.0%"}),
        "datum": boek.add_format({"num_format": "dd-mm-yyyy"}),
    }
    for bladnaam, df in bladen.items():
        blad = boek.add_worksheet(neutraliseer(bladnaam)[:31])
        for c, kolom in enumerate(df.columns):
            # Wide sheets have a column per gemeente (euros) or per month (factors).
            kop, soort = KOLOMMEN_PER_CEL.get(kolom, (kolom, "eur"))
            if kolom.startswith("na ") and kolom.endswith(" mnd"):
                soort = "factor"
            blad.write_string(0, c, neutraliseer(kop), vet)
            breedte = max(10, min(50, len(kop) + 2))
            for r, waarde in enumerate(df.get_column(kolom).to_list(), start=1):
                if waarde is None:
                    continue
                if isinstance(waarde, datetime | date):
                    blad.write_datetime(r, c, waarde, opmaken["datum"])
                elif isinstance(waarde, bool):
                    blad.write_string(r, c, "ja" if waarde else "nee")
                elif isinstance(waarde, int | float | Decimal) and soort != "tekst":
                    blad.write_number(r, c, float(waarde), opmaken.get(soort))
                else:
                    tekst = neutraliseer(str(waarde))
                    blad.write_string(r, c, tekst)
                    breedte = max(breedte, min(50, len(tekst) + 2))
            blad.set_column(c, c, breedte)
        blad.freeze_panes(1, 0)
    boek.close()
    return buffer.getvalue()


def prognose_werkboek(
    prognose: pl.DataFrame, factoren: pl.DataFrame, jaar: int, index_procent: float
) -> tuple[bytes, int]:
    """The workbook of `export prognose` and the Prognose tab, and its number of rows per
    gemeente × zorgsoort."""
    per_cel = per_gemeente_en_zorgsoort(prognose, index_procent)
    bladen = {
        "Per gemeente en zorgsoort": per_cel,
        "Vermoedelijke kosten": vermoedelijke_kosten(per_cel, jaar, index_procent),
        "Completeringsfactoren": factoren_tabel(factoren),
    }
    return werkboek(bladen), per_cel.height


def standaard_index(con: Any) -> float:
    """The index of the last run (prognose_index_procent; `run --drempels` may change it), else
    the default in data/reference/drempels.toml."""
    [(index,)] = con.sql("select any_value(standaard_index_procent) from prognose").fetchall()
    if index is not None:
        return float(index)
    from pipelines.sql_runner import lees_drempels

    return float(lees_drempels()["prognose_index_procent"])


def lees_prognose(con: Any, jaar: int | None) -> tuple[int | None, pl.DataFrame, pl.DataFrame]:
    """From a role file (`prognose`, `completeringsfactoren`): the year (given, else the
    year of the last care month), its rows and the completion factors. Values are bound."""
    if jaar is None:
        rij = con.sql("select year(max(laatste_zorgmaand)) from prognose").fetchall()[0]
        jaar = None if rij[0] is None else int(rij[0])
    prognose = con.sql(
        "select * from prognose where jaar = $jaar order by gemeente, perceel",
        params={"jaar": jaar},
    ).pl()
    factoren = con.sql(
        "select * from completeringsfactoren order by is_regio, perceel, maanden_na_zorgmaand"
    ).pl()
    return jaar, prognose, factoren
