"""Loading a list of sources with progress and a per-file summary."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from pipelines import opmaak
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.laad_berichten import (
    Lezers,
    laad_berichten,
    vroege_lezers,
    zonder_kringloopopruiming,
)
from pipelines.ingest.load_file import LaadResultaat, laad_bestand
from pipelines.ingest.sources import Bronbestand, als_bestand, bronbestanden_in
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


def _leg_niet_geladen_vast(
    con: duckdb.DuckDBPyConnection,
    pseudo: Pseudonimiseerder,
    rijen: list[tuple[str, str, str, str | None, str | None, str]],
) -> None:
    """(soort, naam, pad, archief, hash, reden) of every file or message that did not load."""
    if not rijen:
        return
    nu = datetime.now()
    tabel = pa.table(
        {
            "gezien_op": pa.array([nu] * len(rijen), pa.timestamp("us")),
            "soort": [r[0] for r in rijen],
            "bestandsnaam": [pseudo.scrub(r[1]) or r[1] for r in rijen],
            "pad": [pseudo.scrub(r[2]) or r[2] for r in rijen],
            "archief": [pseudo.scrub(r[3]) for r in rijen],
            "inhoud_hash": [r[4] for r in rijen],
            "reden": [pseudo.scrub(r[5]) or r[5] for r in rijen],
        }
    )
    con.register("laad_niet_geladen", tabel)
    try:
        con.execute(
            "INSERT INTO beheer.niet_geladen "
            "(gezien_op, soort, bestandsnaam, pad, archief, inhoud_hash, reden) "
            "SELECT gezien_op, soort, bestandsnaam, pad, archief, inhoud_hash, reden "
            "FROM laad_niet_geladen"
        )
    finally:
        con.unregister("laad_niet_geladen")


# Refused messages are printed one by one up to this many; all are in beheer.niet_geladen.
_MAX_GETOONDE_WEIGERINGEN = 20


def laad_bronnen(
    con: duckdb.DuckDBPyConnection, bronnen: list[Path], console: Console
) -> list[LaadResultaat]:
    pseudo = pseudonimiseerder_voor(con)
    lezers = vroege_lezers(con, bronnen)
    try:
        with zonder_kringloopopruiming():
            return _laad_bronnen(con, bronnen, console, pseudo, lezers)
    finally:
        if lezers is not None:
            lezers.sluit()


def _laad_bronnen(
    con: duckdb.DuckDBPyConnection,
    bronnen: list[Path],
    console: Console,
    pseudo: Pseudonimiseerder,
    lezers: Lezers | None,
) -> list[LaadResultaat]:
    bestanden, overgeslagen = bronbestanden_in(bronnen)
    niet_geladen: list[tuple[str, str, str, str | None, str | None, str]] = []
    geweigerde_bronnen: list[LaadResultaat] = []
    for item in overgeslagen:
        # Names from the file system are data: printed without rich markup.
        soort = "Geweigerd" if item.soort == "geweigerd" else "Overgeslagen"
        console.print(
            f"{soort}: {item.naam} — {item.reden}",
            markup=False,
            style="red" if item.soort == "geweigerd" else "dim",
        )
        niet_geladen.append((item.soort, item.naam, str(item.pad), None, None, item.reden))
        if item.soort == "geweigerd":
            # A refused archive or member is a failed load, as a refused file is.
            geweigerde_bronnen.append(
                LaadResultaat(item.pad, "geweigerd", f"{item.naam}: {item.reden}", naam=item.naam)
            )
    berichten = [b for b in bestanden if b.extensie == ".xml"]
    tabelbestanden = [b for b in bestanden if b.extensie != ".xml"]
    if lezers is not None and berichten and tabelbestanden:
        # The workers read the first messages while the tabular files load here.
        lezers.lees_vooruit(berichten)
    resultaten: list[LaadResultaat] = list(geweigerde_bronnen)
    kleur = {"geladen": "green", "al_geladen": "yellow", "geweigerd": "red"}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rijen]}", markup=False),
        console=console,
    ) as voortgang:
        if tabelbestanden:
            taak = voortgang.add_task("Bestanden laden", total=len(tabelbestanden), rijen="")
            for bron in tabelbestanden:
                voortgang.update(taak, description=f"Laden: {bron.naam}")
                resultaat = _laad_tabelbestand(con, bron, pseudo)
                resultaten.append(resultaat)
                if resultaat.status == "geweigerd":
                    niet_geladen.append(
                        ("geweigerd", bron.naam, bron.opslagpad, None, None, resultaat.bericht)
                    )
                voortgang.console.print(
                    resultaat.bericht, style=kleur[resultaat.status], markup=False
                )
                voortgang.advance(taak)
            voortgang.update(taak, description="Bestanden klaar")
        if berichten:
            resultaten += _laad_berichten(con, berichten, pseudo, voortgang, niet_geladen, lezers)
    _leg_niet_geladen_vast(con, pseudo, niet_geladen)
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


def _laad_tabelbestand(
    con: duckdb.DuckDBPyConnection, bron: Bronbestand, pseudo: Pseudonimiseerder
) -> LaadResultaat:
    try:
        with als_bestand(bron) as pad:
            return laad_bestand(
                con,
                pad,
                pseudo,
                naam=bron.naam,
                bron_pad=bron.opslagpad if bron.lid else None,
                archief=str(bron.archief) if bron.archief else None,
            )
    except OnleesbaarBestand as error:
        return LaadResultaat(bron.pad, "geweigerd", str(error), naam=bron.naam)
    except Exception as error:  # one bad file must not stop the batch
        return LaadResultaat(
            bron.pad, "geweigerd", _onverwacht(Path(bron.naam), error), naam=bron.naam
        )


def _laad_berichten(
    con: duckdb.DuckDBPyConnection,
    berichten: list[Bronbestand],
    pseudo: Pseudonimiseerder,
    voortgang: Progress,
    niet_geladen: list[tuple[str, str, str, str | None, str | None, str]],
    lezers: Lezers | None,
) -> list[LaadResultaat]:
    start = time.perf_counter()
    taak = voortgang.add_task("iWmo-berichten lezen en laden", total=len(berichten), rijen="")
    rijen_gelezen = 0

    def verder(aantal: int, rijen: int) -> None:
        nonlocal rijen_gelezen
        rijen_gelezen += rijen
        voortgang.update(taak, advance=aantal, rijen=f"{opmaak.getal(rijen_gelezen)} rijen")

    uitkomsten = laad_berichten(con, berichten, pseudo, verder, lezers)
    voortgang.update(taak, description="iWmo-berichten klaar")
    duur = time.perf_counter() - start
    resultaten: list[LaadResultaat] = []
    getoond = 0
    for uitkomst in uitkomsten:
        bron = uitkomst.bron
        if uitkomst.status == "geweigerd":
            niet_geladen.append(
                (
                    "geweigerd",
                    bron.naam,
                    bron.opslagpad,
                    str(bron.archief) if bron.archief else None,
                    uitkomst.inhoud_hash,
                    uitkomst.reden,
                )
            )
            if getoond < _MAX_GETOONDE_WEIGERINGEN:
                voortgang.console.print(uitkomst.reden, style="red", markup=False)
            getoond += 1
            resultaten.append(LaadResultaat(bron.pad, "geweigerd", uitkomst.reden, naam=bron.naam))
            continue
        verwerkt = uitkomst.verwerkt
        if uitkomst.status == "al_geladen" or verwerkt is None:
            resultaten.append(
                LaadResultaat(
                    bron.pad, "al_geladen", f"{bron.naam}: al eerder geladen.", naam=bron.naam
                )
            )
            continue
        resultaten.append(
            LaadResultaat(
                bron.pad,
                "geladen",
                f"{bron.naam} → {uitkomst.tabel}",
                uitkomst.tabel,
                verwerkt.herkomst.formaat,
                verwerkt.gelezen,
                verwerkt.geladen,
                verwerkt.quarantaine,
                verwerkt.al_aanwezig,
                naam=bron.naam,
            )
        )
    if getoond > _MAX_GETOONDE_WEIGERINGEN:
        voortgang.console.print(
            f"… en nog {getoond - _MAX_GETOONDE_WEIGERINGEN} geweigerde berichten "
            "(alle redenen staan in het laadregister: beheer.niet_geladen).",
            style="red",
            markup=False,
        )
    _vat_berichten_samen(voortgang.console, resultaten, duur)
    if resultaten:
        # The batch's time is spread over its messages so the totals below add up.
        per_bericht = duur / len(resultaten)
        for resultaat in resultaten:
            resultaat.duur_seconden = per_bericht
    return resultaten


def _vat_berichten_samen(console: Console, resultaten: list[LaadResultaat], duur: float) -> None:
    per_soort = Counter(r.formaat for r in resultaten if r.status == "geladen")
    statussen = Counter(r.status for r in resultaten)
    rijen = sum(r.rijen_gelezen for r in resultaten)
    geladen = sum(r.rijen_geladen for r in resultaten)
    quarantaine = sum(r.rijen_quarantaine for r in resultaten)
    al = sum(r.rijen_al_aanwezig for r in resultaten)
    console.print(
        f"{opmaak.getal(len(resultaten))} berichten in {opmaak.getal(duur, 1)} s "
        f"({opmaak.getal(len(resultaten) / duur if duur else 0)} berichten/s, "
        f"{opmaak.getal(rijen / duur if duur else 0)} rijen/s): "
        f"{opmaak.getal(statussen['geladen'])} geladen, "
        f"{opmaak.getal(statussen['al_geladen'])} al eerder geladen, "
        f"{opmaak.getal(statussen['geweigerd'])} geweigerd; "
        f"{opmaak.getal(rijen)} rijen gelezen, {opmaak.getal(geladen)} geladen, "
        f"{opmaak.getal(quarantaine)} in quarantaine"
        + (f", {opmaak.getal(al)} al aanwezig" if al else "")
        + ".",
        markup=False,
    )
    for soort, aantal in sorted(per_soort.items(), key=lambda x: str(x[0])):
        console.print(f"  {soort}: {opmaak.getal(aantal)} berichten", markup=False)
