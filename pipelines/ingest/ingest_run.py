"""Loading a list of sources with progress and a per-file summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from pipelines import opmaak
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.load_file import LaadResultaat, laad_bestand
from pipelines.ingest.sources import bestanden_in
from pipelines.privacy import SLEUTEL_INSTELLING, Pseudonimiseerder, SleutelOngeschikt, load_key


def pseudonimiseerder_voor(con: duckdb.DuckDBPyConnection) -> Pseudonimiseerder:
    """The pseudonymiser, refusing a key that differs from the one this database was built with."""
    try:
        pseudo = Pseudonimiseerder(load_key())
    except SleutelOngeschikt as fout:
        raise OnleesbaarBestand(str(fout)) from None
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


def _onverwacht(pad: Path, fout: Exception) -> str:
    soort = type(fout).__name__
    if isinstance(fout, MemoryError):
        return f"{pad.name}: te groot om in het geheugen te lezen; het bestand is niet geladen."
    if isinstance(fout, OSError):
        return f"{pad.name}: kan niet worden gelezen ({fout.strerror or soort}); niet geladen."
    return (
        f"{pad.name}: kon niet worden geladen door een onverwachte fout ({soort}: {fout}). "
        "Er is niets van dit bestand opgeslagen; de andere bestanden worden wel geladen."
    )


def laad_bronnen(
    con: duckdb.DuckDBPyConnection, bronnen: list[Path], console: Console
) -> list[LaadResultaat]:
    pseudo = pseudonimiseerder_voor(con)
    bestanden, overgeslagen = bestanden_in(bronnen)
    for item in overgeslagen:
        # Names from the file system are data: printed without rich markup.
        console.print(f"Overgeslagen: {item.pad} — {item.reden}", markup=False, style="dim")
    resultaten: list[LaadResultaat] = []
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
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
            except Exception as error:  # one bad file must not stop the batch
                resultaat = LaadResultaat(pad, "geweigerd", _onverwacht(pad, error))
            resultaten.append(resultaat)
            kleur = {"geladen": "green", "al_geladen": "yellow", "geweigerd": "red"}
            voortgang.console.print(resultaat.bericht, style=kleur[resultaat.status], markup=False)
            voortgang.advance(taak)
        voortgang.update(taak, description="Klaar")
    if overgeslagen:
        per_reden = Counter(item.reden for item in overgeslagen)
        console.print(
            f"{len(overgeslagen)} bestand(en) niet gelezen: "
            + "; ".join(f"{n}× {reden}" for reden, n in per_reden.most_common()),
            markup=False,
        )
    if any(r.status == "geladen" for r in resultaten):
        _leg_sleutel_vast(con, pseudo)
    geladen = sum(r.rijen_geladen for r in resultaten)
    seconden = sum(r.duur_seconden for r in resultaten)
    if seconden > 0 and geladen:
        console.print(
            f"{opmaak.getal(geladen)} rijen geladen in {opmaak.getal(seconden, 1)} s "
            f"({opmaak.getal(geladen / seconden)} rijen/s)."
        )
    return resultaten
