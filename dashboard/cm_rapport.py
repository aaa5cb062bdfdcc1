"""The CM-gesprek's figures for the Aanbieder page: a thin wrapper around the pure assembly in
pipelines/exports/cm_gesprek.py (the CLI's `export cm-gesprekken` uses the same function, and
pipelines never import the dashboard)."""

from __future__ import annotations

from pipelines.exports.cm_gesprek import stel_samen as stel_samen
from pipelines.exports.excel_cm_profiel import CmProfiel
from pipelines.exports.printable_report import cm_rapport_html


def html_bytes(profiel: CmProfiel) -> bytes:
    """The printable report as UTF-8 (a download built only when it is clicked)."""
    return cm_rapport_html(profiel).encode("utf-8")
