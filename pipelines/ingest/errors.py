"""Errors the ingest raises; their text is shown to users and is therefore Dutch."""


class OnleesbaarBestand(Exception):
    """The file cannot be read at all; it is refused whole and the database stays untouched."""
