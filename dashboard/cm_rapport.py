"""The CM-gesprek's figures as one `CmProfiel`, assembled from the Aanbieder page's queries.

A pure function of query results: no database, no Streamlit. The exports
(pipelines/exports/excel_cm_profiel.py, printable_report.py) only lay a CmProfiel out; it holds
aggregates only, never client rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import polars as pl

from pipelines.exports.excel_cm_profiel import (
    CmProfiel,
    Kerncijfer,
    MaandCijfer,
    MixRegel,
    Onderaannemer,
    SignaalRegel,
)
from pipelines.exports.printable_report import cm_rapport_html

R = TypeVar("R")


def _regels(df: pl.DataFrame, regel: Callable[..., R], *kolommen: str) -> list[R]:
    """One `regel(...)` per row of `df`, from these columns in this order (an empty frame may
    lack the columns)."""
    return [regel(*(r[k] for k in kolommen)) for r in df.iter_rows(named=True)]


def stel_samen(
    *,
    aanbieder: str,
    jaar: int,
    profiel: Mapping[str, Any],
    per_maand: pl.DataFrame,
    mix: pl.DataFrame,
    signalen: pl.DataFrame,
    onderaannemers: pl.DataFrame,
    gegenereerd_op: datetime,
    gegevens_tot: datetime | None,
) -> CmProfiel:
    """One CmProfiel from a cm_profiel row (the year) and the provider's other frames.

    `per_maand` holds the months of `jaar` only; `signalen` may be empty (a role that sees no
    signals gets an export without them).
    """
    p = profiel
    # Role views (sql/rollen.sql) leave a shielded cell empty and say what to show instead;
    # a frame from before that (or a test frame) has no such columns.
    weergave = p.get("clienten_weergave")
    afgeschermd = bool(p.get("is_afgeschermd")) or any(
        "is_afgeschermd" in df.columns and bool(df["is_afgeschermd"].fill_null(False).any())
        for df in (per_maand, mix, signalen, onderaannemers)
    )
    return CmProfiel(
        aanbieder_agb=aanbieder,
        naam=p["naam"],
        jaar=jaar,
        gegenereerd_op=gegenereerd_op,
        gegevens_tot=gegevens_tot,
        peergroep=(
            f"{p['aantal_peers'] or 0} andere aanbieders met hoofdperceel {p['hoofdperceel']}"
        ),
        percelen=p["percelen"] or "",
        hoofdaannemer=(
            f"{p['hoofdaannemer_naam']} ({p['hoofdaannemer_agb']})"
            if p["hoofdaannemer_agb"]
            else None
        ),
        kerncijfers=[
            Kerncijfer("Gedeclareerd", p["gedeclareerd_eur"], p["peer_gedeclareerd_eur"], "eur"),
            Kerncijfer(
                "Cliënten", p["aantal_clienten"], p["peer_aantal_clienten"], "getal", weergave
            ),
            Kerncijfer("Euro's per cliënt", p["euro_per_client"], p["peer_euro_per_client"], "eur"),
            Kerncijfer(
                "Realisatiegraad", p["realisatiegraad"], p["peer_realisatiegraad"], "aandeel"
            ),
            Kerncijfer("Groei t.o.v. vorig jaar", p["groei"], p["peer_groei"], "groei"),
            Kerncijfer("Uren zorg", p["uren"], None, "getal"),
        ],
        per_maand=[
            MaandCijfer(
                r["maand"],
                r["gedeclareerd_eur"],
                r["aantal_clienten"],
                r["uren"],
                r.get("clienten_weergave"),
            )
            for r in per_maand.iter_rows(named=True)
        ],
        mix=_regels(
            mix,
            MixRegel,
            "perceel",
            "intensiteit",
            "gedeclareerd_eur",
            "aandeel_eur",
            "peer_aandeel_eur",
        ),
        signalen=[
            SignaalRegel(
                r["indicator"],
                r["indicator_naam"],
                r["categorie"],
                # A flag, whatever type the frame gives it (boolean, or 0/1).
                bool(r["gemarkeerd"]),
                r["financieel_belang"],
                r["toelichting"],
                r.get("onrechtmatig_eur"),
                r.get("geschat_belang_eur"),
            )
            for r in signalen.iter_rows(named=True)
        ],
        onderaannemers=_regels(
            onderaannemers, Onderaannemer, "aanbieder_agb", "naam", "gedeclareerd_eur"
        ),
        afscherming=(
            "Afgeschermd: cellen met minder dan 5 cliënten (<5) en cellen die een totaal anders "
            "zou verraden (—) staan zonder aantal, euro's en volumes."
            if afgeschermd
            else None
        ),
    )


def html_bytes(profiel: CmProfiel) -> bytes:
    """The printable report as UTF-8 (a download built only when it is clicked)."""
    return cm_rapport_html(profiel).encode("utf-8")
