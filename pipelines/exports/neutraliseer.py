"""One rule for every text we write to CSV or Excel: data never becomes a live formula.

Provider names, perceel names and explanations come from files that providers deliver; the
exports are opened in Excel or LibreOffice at the gemeente. A spreadsheet treats a cell that
begins with `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage return is used to
hide one), so such text is prefixed with `'` (OWASP "CSV injection"; data contract §5).

Whether a value is a number is decided by its Python type, never by how it looks: a negative
amount (`-12.5` as a float) stays a number, while the text `"-12"` from a text column is
neutralised like any other text.
"""

from __future__ import annotations

# What a spreadsheet reads as the start of a formula. The full-width forms are included
# because some spreadsheet versions fold them to their ASCII counterparts on input.
_FORMULE_BEGIN = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
# Tab and carriage return are neutralised on their own (OWASP): they hide what follows.
_VERBORGEN_BEGIN = ("\t", "\r")
PREFIX = "'"


def is_formuletekst(tekst: str) -> bool:
    """True when a spreadsheet could read `tekst` as a formula.

    Importers trim leading blanks (LibreOffice, Excel's text import), so `" =1+1"` counts
    too: the test is on the first character that is not whitespace.
    """
    return tekst.startswith(_VERBORGEN_BEGIN) or tekst.lstrip().startswith(_FORMULE_BEGIN)


def neutraliseer(tekst: str) -> str:
    """`tekst`, prefixed with `'` when a spreadsheet would otherwise run it as a formula."""
    return PREFIX + tekst if is_formuletekst(tekst) else tekst


def celwaarde(waarde: object) -> object:
    """A value for a CSV or Excel cell: text neutralised, everything else untouched."""
    return neutraliseer(waarde) if isinstance(waarde, str) else waarde
