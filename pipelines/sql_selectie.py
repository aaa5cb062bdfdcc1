"""`signaalmonitor run --select`: which models a development run rebuilds.

`MODEL` is that model alone, `MODEL+` adds everything downstream (what reads it, directly or
further on), `+MODEL` everything upstream, `+MODEL+` both. A name is the file name without
`.sql` (`int_aanbieders`) or the table (`intermediate.int_aanbieders`). The chosen models
run in dependency order, in one transaction, on top of the tables that already exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from pipelines.sql_runner import Model

# The option's name in messages; a constant so that no message reads like SQL text.
KEUZE_OPTIE = "--select"


class OngeldigeKeuze(ValueError):
    """A selection names no model, or a chosen model reads a table that does not exist."""


def _zoek(naam: str, keuze: str, per_naam: dict[str, Model]) -> Model:
    model = per_naam.get(naam.lower())
    if model is None:
        namen = sorted({m.naam for m in per_naam.values()})
        bijna = difflib.get_close_matches(naam.split(".")[-1].lower(), namen, n=3)
        hint = f" Bedoelde u {' of '.join(bijna)}?" if bijna else ""
        raise OngeldigeKeuze(f"{KEUZE_OPTIE} {keuze}: er is geen model met de naam {naam}.{hint}")
    return model


def _bereik(start: str, buren: dict[str, set[str]]) -> set[str]:
    """Every table reachable from `start` along `buren` (start itself excluded)."""
    gezien: set[str] = set()
    te_doen = list(buren.get(start, ()))
    while te_doen:
        tabel = te_doen.pop()
        if tabel not in gezien:
            gezien.add(tabel)
            te_doen.extend(buren.get(tabel, ()))
    return gezien


def kies_modellen(geordend: Sequence[Model], keuzes: Iterable[str]) -> list[Model]:
    """The models the selections name, in the order of `geordend` (already dependency order)."""
    per_naam: dict[str, Model] = {}
    for m in geordend:
        per_naam[m.naam.lower()] = m
        per_naam[m.tabel.lower()] = m
    afnemers: dict[str, set[str]] = {}
    for m in geordend:
        for dep in m.afhankelijk_van:
            afnemers.setdefault(dep, set()).add(m.tabel)
    leveranciers = {m.tabel: set(m.afhankelijk_van) for m in geordend}

    gekozen: set[str] = set()
    for keuze in keuzes:
        tekst = keuze.strip()
        naam = tekst.strip("+").strip()
        if not naam:
            raise OngeldigeKeuze(f"{KEUZE_OPTIE} '{keuze}': geef de naam van een model.")
        model = _zoek(naam, tekst, per_naam)
        gekozen.add(model.tabel)
        if tekst.startswith("+"):
            gekozen |= _bereik(model.tabel, leveranciers)
        if tekst.endswith("+"):
            gekozen |= _bereik(model.tabel, afnemers)
    return [m for m in geordend if m.tabel in gekozen]


def ontbrekende_invoer(
    con: duckdb.DuckDBPyConnection, te_draaien: Sequence[Model], *, alleen_modellen: bool = False
) -> list[tuple[Model, str]]:
    """(model, tabel) for every table a model reads that this run does not build and that is
    not in the database: such a run would fail halfway, so it is refused before it starts.

    With `alleen_modellen`: the models' own tables that do not exist (yet).
    """
    bestaand = {
        f"{schema}.{naam}".lower()
        for schema, naam in con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
        ).fetchall()
    }
    if alleen_modellen:
        return [(m, m.tabel) for m in te_draaien if m.tabel not in bestaand]
    gebouwd = {m.tabel for m in te_draaien}
    return [
        (m, tabel)
        for m in te_draaien
        for tabel in sorted(m.afhankelijk_van | m.bronnen)
        if tabel not in gebouwd and tabel not in bestaand
    ]


def meld_ontbrekend(ontbrekend: Sequence[tuple[Model, str]], *, met_keuze: bool) -> str:
    """The Dutch message for `ontbrekende_invoer`'s findings, one part per missing table."""
    lezers: dict[str, list[str]] = {}
    for m, tabel in ontbrekend:
        lezers.setdefault(tabel, []).append(m.naam)
    delen = [
        f"tabel {tabel} bestaat nog niet (nodig voor {', '.join(namen)})"
        for tabel, namen in lezers.items()
    ]
    if met_keuze:
        eerste = ontbrekend[0][0].naam
        advies = (
            f"Draai eerst alles (signaalmonitor run zonder {KEUZE_OPTIE}) of neem de modellen "
            f"ervoor mee ({KEUZE_OPTIE} +{eerste})."
        )
    else:
        advies = "Controleer de naam, of laad eerst de gegevens die de tabel vullen."
    return "; ".join(delen) + ". " + advies
