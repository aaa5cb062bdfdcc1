"""Loading a list of sources with progress and a per-file summary."""

from __future__ import annotations

from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.load_file import LaadResultaat, laad_bestand
from pipelines.ingest.sources import bestanden_in
from pipelines.privacy import Pseudonimiseerder, load_key

SLEUTEL_INSTELLING = "pseudoniem_sleutel_vingerafdruk"


def pseudonimiseerder_voor(con: duckdb.DuckDBPyConnection) -> Pseudonimiseerder:
    """The pseudonymiser, refusing a key that differs from the one this database was built with."""
    pseudo = Pseudonimiseerder(load_key())
    row = con.execute(
        "SELECT waarde FROM beheer.instellingen WHERE sleutel = ?", [SLEUTEL_INSTELLING]
    ).fetchone()
    if row and row[0] != pseudo.fingerprint:
        raise OnleesbaarBestand(
            "De pseudonimiseringssleutel verschilt van de sleutel waarmee deze database is "
            "gevuld; dezelfde cliënt zou dan twee pseudoniemen krijgen. Gebruik de oorspronkelijke "
            "sleutel ($SIGNAALMONITOR_PSEUDO_KEY of ~/.config/signaalmonitor/pseudoniemsleutel) "
            "of begin een nieuwe database."
        )
    return pseudo


def _leg_sleutel_vast(con: duckdb.DuckDBPyConnection, pseudo: Pseudonimiseerder) -> None:
    con.execute(
        "INSERT INTO beheer.instellingen VALUES (?, ?) ON CONFLICT DO NOTHING",
        [SLEUTEL_INSTELLING, pseudo.fingerprint],
    )


def laad_bronnen(
    con: duckdb.DuckDBPyConnection, bronnen: list[Path], console: Console
) -> list[LaadResultaat]:
    pseudo = pseudonimiseerder_voor(con)
    bestanden, overgeslagen = bestanden_in(bronnen)
    for pad in overgeslagen:
        console.print(f"[dim]Overgeslagen (geen contracttabel of iWmo-XML): {pad}[/]")
    resultaten: list[LaadResultaat] = []
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
    ) as voortgang:
        taak = voortgang.add_task("Bestanden laden", total=len(bestanden))
        for pad in bestanden:
            voortgang.update(taak, description=f"Laden: {pad.name}")
            try:
                resultaat = laad_bestand(con, pad, pseudo)
            except OnleesbaarBestand as error:
                resultaat = LaadResultaat(pad, "geweigerd", str(error))
            resultaten.append(resultaat)
            kleur = {"geladen": "green", "al_geladen": "yellow", "geweigerd": "red"}
            voortgang.console.print(f"[{kleur[resultaat.status]}]{resultaat.bericht}[/]")
            voortgang.advance(taak)
        voortgang.update(taak, description="Klaar")
    if any(r.status == "geladen" for r in resultaten):
        _leg_sleutel_vast(con, pseudo)
    geladen = sum(r.rijen_geladen for r in resultaten)
    seconden = sum(r.duur_seconden for r in resultaten)
    if seconden > 0 and geladen:
        snelheid = f"{geladen / seconden:,.0f}".replace(",", ".")
        aantal = f"{geladen:,}".replace(",", ".")
        console.print(f"{aantal} rijen geladen in {seconden:.1f} s ({snelheid} rijen/s).")
    return resultaten
