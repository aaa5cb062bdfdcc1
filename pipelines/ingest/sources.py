"""Turning the SOURCE arguments of `ingest` into an ordered list of files."""

from __future__ import annotations

from pathlib import Path

from pipelines.contract import herken_tabel

_DATA_EXTENSIONS = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".parquet", ".xml"}


def bestanden_in(bronnen: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files to load, and files in folders that were skipped (not recognisable as data).

    A file named explicitly is always tried (and refused with a reason if unreadable); in a
    folder, only files with a data extension whose name is a contract table, or XML, count.
    """
    te_laden: list[Path] = []
    overgeslagen: list[Path] = []
    for bron in bronnen:
        if bron.is_dir():
            for pad in sorted(p for p in bron.iterdir() if p.is_file()):
                suffix = pad.suffix.lower()
                herkend = suffix == ".xml" or (
                    suffix in _DATA_EXTENSIONS and herken_tabel(pad.name) is not None
                )
                (te_laden if herkend else overgeslagen).append(pad)
        else:
            te_laden.append(bron)
    return te_laden, overgeslagen
