"""`signaalmonitor`: the command line, and the only process that writes to the database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from pipelines import opmaak, rollen, settings
from pipelines.beoordelingen_overzetten import leg_vingerafdruk_vast, zet_over
from pipelines.database import DatabaseBezet, alleen_eigenaar, open_for_writing, open_read_only
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.privacy import SleutelOngeschikt
from pipelines.rolbestanden import Publicatie, publiceer

if TYPE_CHECKING:
    from pipelines.beheeropslag.gebruikers import Account

app = typer.Typer(
    name="signaalmonitor",
    # Tracebacks are for developers; `main` turns every error into a Dutch message.
    pretty_exceptions_enable=False,
    help="Signaalmonitor Wmo: laadt iWmo-gegevens, berekent signalen en toont het dashboard.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# No rich markup: paths, file names and messages are data and must print as they are.
console = Console(markup=False, highlight=False)
fouten_console = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)

DbOptie = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Pad naar het DuckDB-bestand (standaard data/signaalmonitor.duckdb of "
        "$SIGNAALMONITOR_DB).",
        show_default=False,
    ),
]


def _stop(bericht: str, code: int = 1) -> typer.Exit:
    fouten_console.print(f"Fout: {bericht}", style="bold red")
    return typer.Exit(code)


def _schrijver(db: Path | None):  # type: ignore[no-untyped-def]
    try:
        return open_for_writing(settings.database_path(db))
    except (DatabaseBezet, settings.OngeldigeInstelling) as error:
        raise _stop(str(error)) from None


def _publiceer_rolbestanden(
    con: duckdb.DuckDBPyConnection, db: Path | None, *, na_ingest: bool = False
) -> Publicatie:
    """Write the read-only file per role (pipelines/rolbestanden.py) the dashboard opens."""
    with console.status("Rolbestanden publiceren…"):
        return publiceer(con, settings.database_path(db), na_ingest=na_ingest)


@app.command()
def ingest(
    bronnen: Annotated[
        list[Path],
        typer.Argument(
            help="Bestanden of mappen (CSV, Excel, Parquet en iWmo-XML door elkaar).",
            show_default=False,
        ),
    ],
    db: DbOptie = None,
) -> None:
    """Laad bronbestanden volgens het datacontract; foute regels gaan naar quarantaine."""
    from pipelines.ingest.ingest_run import laad_bronnen

    ontbrekend = [b for b in bronnen if not b.exists()]
    if ontbrekend:
        raise _stop("bestaat niet: " + ", ".join(str(b) for b in ontbrekend))
    con = _schrijver(db)
    try:
        resultaten = laad_bronnen(con, bronnen, console)
        # The load report (laadregister, quarantaine, niet_geladen) in the role files is fresh
        # at once, as it was when the dashboard read the database itself; the figures stay
        # those of the last run until the next `run`.
        _publiceer_rolbestanden(con, db, na_ingest=True)
    except OnleesbaarBestand as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    geweigerd = [r for r in resultaten if r.status == "geweigerd"]
    if geweigerd:
        raise _stop(f"{len(geweigerd)} bestand(en) geweigerd; zie de meldingen hierboven.")


# A run rebuilds every table in one transaction: until it commits the old tables stay next to
# the new ones, and what does not fit in memory is spilled. Measured at 40M lines: a 14 GB
# database needed more than 31 GB of spill besides (docs/benchmarks.md).
RUIMTE_PER_DATABASE = 2.0


def _schijfruimte_voor_run(pad: Path) -> str | None:
    """A Dutch warning when the database's disk has less free space than the run may need
    (RUIMTE_PER_DATABASE times the database). Only a warning: the need depends on the data."""
    try:
        grootte = pad.stat().st_size
        vrij = shutil.disk_usage(pad.parent).free
    except OSError:
        return None
    if vrij >= RUIMTE_PER_DATABASE * grootte:
        return None
    return (
        f"Let op: er is {opmaak.getal(vrij / 1e9, 1)} GB vrij op de schijf van de database "
        f"({opmaak.getal(grootte / 1e9, 1)} GB). Een run heeft minstens twee keer die grootte "
        "aan vrije ruimte nodig (oude en nieuwe tabellen naast elkaar, plus wat niet in het "
        "geheugen past). Loopt de schijf vol, dan wordt niets gepubliceerd; maak ruimte vrij "
        "of zet $SIGNAALMONITOR_TEMP_MAP op een andere schijf."
    )


@app.command()
def run(
    db: DbOptie = None,
    drempels: Annotated[
        Path | None,
        typer.Option(
            "--drempels",
            help="TOML-bestand met afwijkende drempels (standaard: data/reference/drempels.toml); "
            "elke waarde wordt op soort en bereik gecontroleerd voordat er iets gebeurt.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="MODEL",
            help="Alleen deze modellen, voor ontwikkeling: MODEL (alleen dat model), MODEL+ "
            "(met alles wat erop volgt), +MODEL (met alles waar het op leunt). Mag vaker "
            "gegeven worden. Een tabel waar een gekozen model op leunt, moet al bestaan.",
            show_default=False,
        ),
    ] = None,
    volledig: Annotated[
        bool,
        typer.Option(
            "--volledig",
            help="Bouw ook de incrementele modellen (zoals stg_declaraties) helemaal opnieuw "
            "op, in plaats van alleen de regels van nieuwe of ingetrokken bestanden.",
        ),
    ] = False,
) -> None:
    """(Her)bereken alle indicatoren, scores en marts in één transactie.

    Faalt een model of controle, dan wordt niets gepubliceerd en blijven de vorige
    uitkomsten staan. Notities van beoordelaars blijven altijd bewaard.

    Met --select (voor ontwikkeling) bouwt de run alleen de gekozen modellen
    opnieuw, met hun controles, bovenop de tabellen die er al zijn; ook dat in
    één transactie.

    Voorbeeld: signaalmonitor run --select int_declaratieregels_status+
    """
    from pipelines.run_pipeline import voer_uit
    from pipelines.sql_runner import RunMislukt, lees_drempels

    try:
        # Validated before the database is even opened: a bad file changes nothing.
        lees_drempels(drempels)
    except RunMislukt as error:
        raise _stop(str(error)) from None
    con = _schrijver(db)
    if waarschuwing := _schijfruimte_voor_run(settings.database_path(db)):
        console.print(waarschuwing)
    try:
        with console.status("Signalen berekenen…") as status_:
            resultaat = voer_uit(
                con,
                drempels,
                lambda naam: status_.update(f"Bezig: {naam}"),
                selectie=select,
                volledig=volledig,
            )
        # Only after the run committed: a failed run publishes nothing, the old files stay.
        publicatie = _publiceer_rolbestanden(con, db)
        # Beoordelingen from before the werkvoorraad (#12) move into the beheeropslag once;
        # the key fingerprint goes there too (the dashboard's BSN scrubber needs it).
        overgezet = zet_over(con, db)
        leg_vingerafdruk_vast(con, db)
    except RunMislukt as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    if overgezet:
        console.print(f"{overgezet} eerdere beoordeling(en) overgezet naar de werkvoorraad.")
    controles = resultaat.asserties + resultaat.controles
    console.print(
        f"{resultaat.modellen} modellen en {controles} controles in "
        f"{opmaak.getal(resultaat.seconden, 1)} s; resultaten gepubliceerd "
        f"({len(publicatie.paden)} rolbestanden in {opmaak.getal(publicatie.seconden, 1)} s)."
    )


@app.command()
def export(
    soort: Annotated[
        str,
        typer.Argument(
            help="Wat te exporteren: 'signalen', 'risico', 'vorderingsoverzicht' (elke "
            "declaratieregel met hard onrechtmatig geld, per gemeente), 'prognose' (Excel: "
            "vermoedelijke kosten per gemeente en zorgsoort, zoals control die ziet) of "
            "'cm-gesprekken' (per aanbieder een PDF en een werkmap, met --periode; --out is dan "
            "een map) of 'meer' (de gepseudonimiseerde staging van deze regio als Parquet in een "
            "gedeeld meer, met --regio; --out is dan de map van het meer).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Doelbestand (CSV). Een ontbrekende map wordt aangemaakt. Nooit de database, "
            "het WAL-bestand of de pseudoniemsleutel.",
            show_default=False,
        ),
    ],
    jaar: Annotated[
        int | None, typer.Option("--jaar", help="Alleen dit jaar.", show_default=False)
    ] = None,
    gemeente: Annotated[
        str | None,
        typer.Option(
            "--gemeente",
            help="Alleen deze gemeente (CBS-code, bijv. 0307); alleen bij vorderingsoverzicht.",
            show_default=False,
        ),
    ] = None,
    db: DbOptie = None,
    overschrijf: Annotated[
        bool,
        typer.Option(
            "--overschrijf",
            help="Vervang ook een bestaand bestand dat geen eerdere export is. Een eerdere "
            "export (eerste regel precies de kopregel van een export) wordt "
            "altijd vervangen.",
        ),
    ] = False,
    rol: Annotated[
        str | None,
        typer.Option(
            "--rol",
            help="Exporteer wat deze rol ziet (bijv. contractmanagement: kleine aantallen "
            "cliënten afgeschermd). Zonder --rol: alles, zoals toezicht.",
            show_default=False,
        ),
    ] = None,
    index: Annotated[
        float | None,
        typer.Option(
            "--index",
            help="Alleen bij prognose: de index (prijsstijging) voor het volgende jaar in "
            "procenten, bijv. 2.58. Standaard prognose_index_procent uit de drempels.",
            show_default=False,
        ),
    ] = None,
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode",
            help="Alleen bij cm-gesprekken: een jaar (2025) of halfjaar (2025-H1, 2025-H2).",
            show_default=False,
        ),
    ] = None,
    regio: Annotated[
        str | None,
        typer.Option(
            "--regio",
            help="Alleen bij meer: de naam van deze regio in het meer (kleine letters, cijfers "
            "en streepjes, bijv. lekstroom). Opnieuw schrijven vervangt alleen deze regio.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Schrijf signalen.csv of risico.csv (datacontract), het vorderingsoverzicht of de
    prognose (Excel).

    Tekst die in Excel als formule zou starten (=, +, -, @, tab) krijgt een '
    ervoor. Alleen de eigenaar kan het bestand lezen (0600); het verschijnt pas
    als het helemaal geschreven is.
    """
    if soort == "prognose":
        _export_prognose(out, jaar, index, db, overschrijf)
        return
    from pipelines.exports.csv_exports import (
        EXPORTS,
        PER_GEMEENTE,
        ExportGeweigerd,
        controleer_doel,
        schrijf_export,
    )

    if soort == "cm-gesprekken":
        _export_cm_gesprekken(periode, out, db)
        return
    if soort == "meer":
        _export_meer(regio, out, db)
        return
    if soort not in EXPORTS:
        raise _stop(f"onbekende export '{soort}'; kies uit: {', '.join(EXPORTS)}.")
    if gemeente is not None and soort not in PER_GEMEENTE:
        raise _stop(f"--gemeente kan alleen bij {', '.join(sorted(PER_GEMEENTE))}.")
    pad = settings.database_path(db)
    try:
        doel = controleer_doel(
            out, database=pad, sleutel=settings.pseudo_key_file(), overschrijf=overschrijf
        )
    except ExportGeweigerd as error:
        raise _stop(str(error)) from None
    if not pad.exists():
        raise _stop(f"database {pad} bestaat niet; laad eerst gegevens met 'ingest'.")
    con = open_read_only(pad)
    try:
        aantal = schrijf_export(con, soort, doel, jaar, gemeente, rol=rol)
    except ExportGeweigerd as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    _audit_export(soort, jaar, gemeente, aantal, doel, db)
    console.print(f"{aantal} rijen geschreven naar {out}.")


def _export_meer(regio: str | None, out: Path, db: Path | None) -> None:
    """`export meer`: this region's staging as Parquet in the shared lake (one audit row)."""
    from pipelines.exports.meer import MeerGeweigerd, schrijf_meer

    if regio is None:
        raise _stop("geef bij 'meer' de naam van de regio met --regio, bijv. --regio lekstroom.")
    pad = settings.database_path(db)
    if not pad.exists():
        raise _stop(f"database {pad} bestaat niet; laad eerst gegevens met 'ingest'.")
    if out.resolve() == pad.resolve() or out.is_file():
        raise _stop(f"--out {out} is een bestand; geef bij 'meer' de map van het meer.")
    con = open_read_only(pad)
    try:
        aantallen = schrijf_meer(con, out, regio)
    except MeerGeweigerd as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    _audit_meer(regio, sum(aantallen.values()), out, db)
    for tabel, aantal in aantallen.items():
        console.print(f"{tabel}: {opmaak.getal(aantal)} rijen naar {out / tabel}/regio={regio}")


def _leg_export_vast(
    onderwerp: str,
    aantal: int,
    db: Path | None,
    *,
    rol: str,
    terugdraaien: Callable[[], None],
    wat_weg: str,
) -> None:
    """Every CLI export is one audit row (the OS user; `rol` is how the CLI read the data).

    No record, no export: when the row cannot be written, `terugdraaien` removes what was
    written and the user is told (`wat_weg` says what was removed).
    """
    import getpass
    import sqlite3

    from pipelines.beheeropslag import audit
    from pipelines.beheeropslag.opslag import BeheeropslagFout

    try:
        audit.schrijf(
            audit.EXPORT_GEDOWNLOAD,
            gebruiker=getpass.getuser(),
            rol=rol,
            onderwerp=onderwerp,
            aantal_rijen=aantal,
            db_pad=db,
        )
    except (sqlite3.Error, OSError, BeheeropslagFout) as error:
        terugdraaien()
        raise _stop(f"De export is niet vastgelegd in het auditlog ({error}); {wat_weg}.") from None


def _audit_meer(regio: str, aantal: int, meer: Path, db: Path | None) -> None:
    """The lake holds client-level rows: writing it is an export like any other."""
    import shutil

    from pipelines.exports.meer import MEER_TABELLEN

    def verwijder_regio() -> None:
        for tabel in MEER_TABELLEN:
            shutil.rmtree(meer / tabel.naam / f"regio={regio}", ignore_errors=True)

    _leg_export_vast(
        f"meer {regio}",
        aantal,
        db,
        rol="toezicht (CLI)",
        terugdraaien=verwijder_regio,
        wat_weg="de regio is weer uit het meer verwijderd",
    )


def _audit_export(
    soort: str, jaar: int | None, gemeente: str | None, aantal: int, doel: Path, db: Path | None
) -> None:
    """A CSV export's audit row; without it the file is removed again."""
    _leg_export_vast(
        " ".join(str(d) for d in (soort, gemeente, jaar) if d is not None),
        aantal,
        db,
        rol="toezicht (CLI)",
        terugdraaien=lambda: doel.unlink(missing_ok=True),
        wat_weg="het bestand is verwijderd",
    )


@app.command()
def status(
    db: DbOptie = None,
    als_json: Annotated[
        bool, typer.Option("--json", help="Uitvoer als JSON (voor scripts).")
    ] = False,
) -> None:
    """Toon wat er geladen is: rijen per tabel, quarantaine en aantal bestanden."""
    from pipelines.database import migrate
    from pipelines.ingest.load_register import status as lees_status

    pad = settings.database_path(db)
    if pad.exists():
        con = open_read_only(pad)
    else:
        # Nothing loaded yet: report the empty shape without creating a file.
        con = duckdb.connect(":memory:")
        migrate(con)
    try:
        resultaat = lees_status(con)
    finally:
        con.close()
    if als_json:
        typer.echo(json.dumps(resultaat, ensure_ascii=False))
        return
    tabel = Table(title=f"Signaalmonitor – {pad}")
    tabel.add_column("tabel")
    tabel.add_column("geladen", justify="right")
    tabel.add_column("quarantaine", justify="right")
    for naam, tellingen in resultaat["tabellen"].items():
        tabel.add_row(
            naam,
            opmaak.getal(tellingen["geladen"]),
            opmaak.getal(tellingen["quarantaine"]),
        )
    console.print(tabel)
    console.print(f"Geladen bestanden: {resultaat['bestanden']}")


@app.command()
def demo(
    db: DbOptie = None,
    seed: Annotated[int, typer.Option(help="Startwaarde van de toevalsgenerator.")] = (
        settings.DEMO_SEED
    ),
    doelmap: Annotated[
        Path, typer.Option("--map", help="Map voor de gegenereerde bestanden.")
    ] = settings.DEMO_DIR,
    zonder_schemas: Annotated[
        bool,
        typer.Option(
            "--zonder-schemas", help="Een eerlijke regio zonder ingebrachte onregelmatigheden."
        ),
    ] = False,
    aanbieders: Annotated[int, typer.Option(help="Aantal zorgaanbieders.")] = 100,
    clienten: Annotated[int, typer.Option(help="Aantal cliënten.")] = 10_000,
    formaat: Annotated[
        str,
        typer.Option(
            "--formaat",
            help="csv: de contracttabellen als CSV. iwmo-xml: toewijzingen, start/stop en "
            "declaraties als iWmo 3.2-berichten (WMO301/305/307/323, een map per soort), de "
            "overige tabellen als CSV ernaast, en dezelfde regio als CSV in csv_tweeling/.",
        ),
    ] = "csv",
    met_zip: Annotated[
        bool,
        typer.Option(
            "--zip",
            help="Bij --formaat iwmo-xml: schrijf de berichten ook als één zip "
            "(iwmo_berichten.zip) en laad die.",
        ),
    ] = False,
    schaal: Annotated[
        int | None,
        typer.Option(
            "--schaal",
            min=1,
            help="Landelijke schaal: schrijf de demoregio N keer (elke kopie eigen gemeenten, "
            "cliënten en sleutels; aanbieders groeien minder hard) zonder alles in het geheugen "
            "te houden, met de laatste maand apart in extra_maand/; dan laden en rekenen.",
        ),
    ] = None,
    parquet: Annotated[
        bool,
        typer.Option(
            "--parquet",
            help="Bij --schaal: schrijf de bestanden ook als Parquet en laad die in plaats van "
            "de CSV (aanbevolen voor grote leveringen).",
        ),
    ] = False,
    alleen_bestanden: Annotated[
        bool,
        typer.Option(
            "--alleen-bestanden",
            help="Bij --schaal: schrijf alleen de bestanden; niet laden of rekenen.",
        ),
    ] = False,
) -> None:
    """Genereer de demoregio, laad die in en bereken de signalen."""
    from pipelines.demo.generate_region import FORMATEN, ZIP_NAAM, genereer_regio
    from pipelines.ingest.ingest_run import laad_bronnen

    if schaal is None and (parquet or alleen_bestanden):
        raise _stop("--parquet en --alleen-bestanden horen bij --schaal.")
    if schaal is not None:
        if formaat != "csv" or met_zip or zonder_schemas or aanbieders != 100 or clienten != 10_000:
            raise _stop("--schaal kopieert de demoregio zelf; kies geen formaat, grootte of zip.")
        _demo_op_schaal(db, doelmap, seed, schaal, parquet, alleen_bestanden)
        return
    if formaat not in FORMATEN:
        raise _stop(f"onbekend formaat {formaat!r}; kies uit {', '.join(FORMATEN)}.")
    if met_zip and formaat != "iwmo-xml":
        raise _stop("--zip hoort bij --formaat iwmo-xml: alleen berichten gaan in een zip.")
    try:
        with console.status("Demoregio genereren…"):
            samenvatting = genereer_regio(
                doelmap,
                seed,
                met_schemas=not zonder_schemas,
                aantal_aanbieders=aanbieders,
                aantal_clienten=clienten,
                formaat=formaat,
                met_zip=met_zip,
            )
    except ValueError as fout:  # the generator's own Dutch explanation of a bad option
        raise _stop(str(fout)) from None
    console.print(f"Demoregio gegenereerd in {doelmap}: {samenvatting}")
    bronnen = samenvatting.bronnen_met_zip(doelmap / ZIP_NAAM) if met_zip else samenvatting.bronnen
    con = _schrijver(db)
    try:
        laad_bronnen(con, bronnen, console)
    finally:
        con.close()
    run(db)
    _demo_gebruikers(settings.database_path(db))


def _demo_op_schaal(
    db: Path | None, doelmap: Path, seed: int, kopieen: int, parquet: bool, alleen_bestanden: bool
) -> None:
    """`demo --schaal N`: the streamed national-size set (pipelines/demo/schaal.py)."""
    from pipelines.demo.schaal import genereer_schaal
    from pipelines.ingest.ingest_run import laad_bronnen

    try:
        with console.status(f"De demoregio {kopieen} keer schrijven…"):
            samenvatting = genereer_schaal(doelmap, kopieen, seed=seed, parquet=parquet)
    except ValueError as fout:  # the generator's own Dutch explanation
        raise _stop(str(fout)) from None
    console.print(f"Geschreven in {doelmap}: {samenvatting}")
    if alleen_bestanden:
        return
    bron = samenvatting.bron_parquet if samenvatting.bron_parquet else samenvatting.bron
    con = _schrijver(db)
    try:
        laad_bronnen(con, [bron], console)
    finally:
        con.close()
    run(db)
    _demo_gebruikers(settings.database_path(db))


def _demo_gebruikers(pad: Path) -> None:
    """One user per role for the demo database, each with a fresh random password shown once.

    Never a fixed password: every `demo` run sets new ones (the old ones stop working), and
    they are printed here only, never stored in plain text or logged.
    """
    import secrets

    from pipelines.beheeropslag import gebruikers

    tabel = Table(title="Demogebruikers (wachtwoorden worden maar één keer getoond)")
    tabel.add_column("naam")
    tabel.add_column("rol")
    tabel.add_column("wachtwoord")
    door = {"door": _cli_gebruiker(), "door_rol": CLI_ROL}
    for rol in rollen.ROLLEN:
        naam = f"demo-{rol}"
        wachtwoord = secrets.token_urlsafe(12)
        if gebruikers.zoek(naam, pad) is None:
            gebruikers.voeg_toe(naam, rol, wachtwoord, db_pad=pad, **door)
        else:
            gebruikers.wijzig_wachtwoord(naam, wachtwoord, db_pad=pad, **door)
            gebruikers.wijzig_rol(naam, rol, db_pad=pad, **door)
        tabel.add_row(naam, rol, wachtwoord)
    console.print(tabel)


@app.command()
def dashboard(
    db: DbOptie = None,
    port: Annotated[int, typer.Option("--port", help="Poort van de webserver.")] = 8501,
    adres: Annotated[
        str,
        typer.Option(
            "--adres",
            help="Netwerkadres waarop het dashboard luistert. Standaard 127.0.0.1: alleen "
            "bereikbaar vanaf deze machine. Geef bijvoorbeeld 0.0.0.0 om andere machines toe "
            "te laten (zet er dan een proxy met HTTPS voor).",
        ),
    ] = "127.0.0.1",
) -> None:
    """Start het dashboard (Streamlit): één server voor alle rollen, met inloggen.

    De rol komt van de ingelogde gebruiker (zie 'signaalmonitor gebruiker'); zonder
    gebruikers kan niemand inloggen.
    """
    if not 1 <= port <= 65535:
        raise _stop(f"poort {port} bestaat niet; kies met --port een poort tussen 1 en 65535.")
    import errno
    import ipaddress
    import socket

    def _is_lokaal(adres: str) -> bool:
        """True when only this machine can reach `adres` (a loopback address or localhost)."""
        if adres.lower() == "localhost":
            return True
        try:
            return ipaddress.ip_address(adres).is_loopback
        except ValueError:
            return False

    def _controleer_luisteradres(adres: str, port: int) -> None:
        """Stop with a Dutch message when the dashboard could not listen on adres:port.

        Binds every address the name resolves to (as Streamlit's server does, with
        SO_REUSEADDR) and releases it at once: a port another program listens on, or an
        address that is not this machine's, is reported here instead of by a server that
        stops at once.
        """
        if not adres:
            raise _stop("--adres is leeg; geef een adres, bijvoorbeeld 127.0.0.1.")
        try:
            adressen = socket.getaddrinfo(
                adres, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )
        except (socket.gaierror, UnicodeError):
            raise _stop(
                f"--adres {adres} is geen bekend adres of geen naam die hier te vinden is."
            ) from None
        for familie, soort, protocol, _, sockadres in adressen:
            with socket.socket(familie, soort, protocol) as proef:
                proef.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    proef.bind(sockadres)
                except OSError as fout:
                    if fout.errno == errno.EADDRINUSE:
                        raise _stop(
                            f"poort {port} op {adres} is al bezet door een ander programma "
                            "(mogelijk een ander dashboard). Kies een andere poort met --port, "
                            f"bijvoorbeeld --port {port + 1 if port < 65535 else 8502}."
                        ) from None
                    if fout.errno in (errno.EACCES, errno.EPERM):
                        raise _stop(
                            f"geen toestemming om op poort {port} te luisteren (poorten onder "
                            "1024 vragen beheerrechten). Kies een poort vanaf 1024 met --port."
                        ) from None
                    raise _stop(
                        f"op --adres {adres} kan hier niet worden geluisterd "
                        f"({fout.strerror}); geef een adres van deze machine, of laat --adres "
                        "weg (127.0.0.1)."
                    ) from None

    adres = adres.strip()
    _controleer_luisteradres(adres, port)
    pad = settings.database_path(db).resolve()
    map_dashboard = settings.dashboard_map()
    # The role comes from the logged-in user; a role left in the environment must not count.
    omgeving = {k: v for k, v in os.environ.items() if k != settings.ROL_ENV}
    omgeving[settings.DB_ENV] = str(pad)
    host = f"[{adres}]" if ":" in adres else adres
    from pipelines.beheeropslag import gebruikers

    if not gebruikers.lijst(pad):
        console.print(
            "Er zijn nog geen gebruikers: niemand kan inloggen. Maak de eerste aan met "
            f"'signaalmonitor gebruiker toevoegen --db {pad} --naam NAAM --rol beheer'."
        )
    console.print(f"Dashboard op http://{host}:{port} (database {pad}); Ctrl+C stopt.")
    if not _is_lokaal(adres):
        console.print(
            f"Let op: het dashboard luistert op {adres} en is dus ook bereikbaar voor andere "
            "machines in het netwerk. Zet er een proxy met HTTPS voor (wachtwoorden gaan anders "
            "onversleuteld over het netwerk), of laat --adres weg om alleen op deze machine te "
            "luisteren."
        )
    opdracht = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(map_dashboard / "app.py"),
        "--server.address",
        adres,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    try:
        # Streamlit reads .streamlit/config.toml from the working directory.
        uitkomst = subprocess.run(opdracht, env=omgeving, cwd=map_dashboard, check=False)
    except KeyboardInterrupt:
        console.print("Dashboard gestopt.")
        return
    if uitkomst.returncode != 0:
        # Killed by a signal: the shell's convention, 128 + the signal number.
        code = uitkomst.returncode if uitkomst.returncode > 0 else 128 - uitkomst.returncode
        raise _stop(f"het dashboard (Streamlit) stopte met foutcode {code}.", code)


# ── Gebruikers en het auditlog ──────────────────────────────────────────────────────────────
gebruiker_app = typer.Typer(
    help="Beheer de gebruikers van het dashboard (naam, rol, wachtwoord, blokkeren). "
    "Een wachtwoord is nooit een argument: het komt uit een verborgen prompt of uit stdin.",
    no_args_is_help=True,
)
app.add_typer(gebruiker_app, name="gebruiker")

# Who did it, in the audit log: the operating system's user, acting as beheer from the CLI.
CLI_ROL = "beheer (CLI)"

NaamOptie = Annotated[
    str, typer.Option("--naam", help="Naam van de gebruiker (zoals bij het inloggen).")
]
RolOptie = Annotated[
    str,
    typer.Option(
        "--rol",
        help="Rol: toezicht (alles, ook bewijsregels), contractmanagement (aanbiedercijfers, "
        "geen cliëntregels), control (volumes, kosten, verantwoording) of beheer "
        "(gebruikers, auditlog, laadrapport; geen cijfers).",
    ),
]
StdinOptie = Annotated[
    bool,
    typer.Option(
        "--wachtwoord-stdin",
        help="Lees het wachtwoord als één regel van stdin (voor scripts) in plaats van uit "
        "een verborgen prompt.",
    ),
]


def _cli_gebruiker() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


def _lees_wachtwoord(van_stdin: bool) -> str:
    """The new password: one line of stdin, or a hidden prompt asked twice."""
    if van_stdin:
        regel = sys.stdin.readline()
        wachtwoord = regel.rstrip("\r\n")
        if not wachtwoord:
            raise _stop("geen wachtwoord op stdin (verwacht: één regel).")
        return wachtwoord
    wachtwoord = typer.prompt("Wachtwoord", hide_input=True)
    herhaald = typer.prompt("Herhaal het wachtwoord", hide_input=True)
    if wachtwoord != herhaald:
        raise _stop("de twee wachtwoorden verschillen; er is niets gewijzigd.")
    return str(wachtwoord)


def _gebruikerswijziging(actie: Callable[[dict[str, str]], Account]) -> Account:
    """Run a user change with the CLI as its author; Dutch refusals, never a traceback."""
    from pipelines.beheeropslag.gebruikers import GebruikerFout
    from pipelines.beheeropslag.opslag import BeheeropslagFout

    try:
        return actie({"door": _cli_gebruiker(), "door_rol": CLI_ROL})
    except (GebruikerFout, rollen.OnbekendeRol, BeheeropslagFout) as fout:
        raise _stop(str(fout)) from None


@gebruiker_app.command("toevoegen")
def gebruiker_toevoegen(
    naam: NaamOptie,
    rol: RolOptie,
    wachtwoord_stdin: StdinOptie = False,
    db: DbOptie = None,
) -> None:
    """Voeg een gebruiker toe met een rol en een wachtwoord (minstens 12 tekens)."""
    from pipelines.beheeropslag import gebruikers

    try:
        rol = rollen.rol_uit(rol)
    except rollen.OnbekendeRol as fout:
        raise _stop(str(fout)) from None
    wachtwoord = _lees_wachtwoord(wachtwoord_stdin)
    pad = settings.database_path(db)
    account = _gebruikerswijziging(
        lambda door: gebruikers.voeg_toe(naam, rol, wachtwoord, db_pad=pad, **door)
    )
    console.print(f"Gebruiker {account.naam} toegevoegd met rol {account.rol}.")


@gebruiker_app.command("rol")
def gebruiker_rol(naam: NaamOptie, rol: RolOptie, db: DbOptie = None) -> None:
    """Geef een gebruiker een andere rol; geldt bij de volgende klik in het dashboard."""
    from pipelines.beheeropslag import gebruikers

    pad = settings.database_path(db)
    account = _gebruikerswijziging(
        lambda door: gebruikers.wijzig_rol(naam, rol, db_pad=pad, **door)
    )
    console.print(f"Gebruiker {account.naam} heeft nu rol {account.rol}.")


@gebruiker_app.command("blokkeer")
def gebruiker_blokkeer(naam: NaamOptie, db: DbOptie = None) -> None:
    """Blokkeer een gebruiker: geen inlog meer, een open sessie stopt bij de volgende klik."""
    from pipelines.beheeropslag import gebruikers

    pad = settings.database_path(db)
    account = _gebruikerswijziging(
        lambda door: gebruikers.zet_geblokkeerd(naam, True, db_pad=pad, **door)
    )
    console.print(f"Gebruiker {account.naam} is geblokkeerd.")


@gebruiker_app.command("deblokkeer")
def gebruiker_deblokkeer(naam: NaamOptie, db: DbOptie = None) -> None:
    """Hef een blokkade op (en een tijdelijke vergrendeling na mislukte pogingen)."""
    from pipelines.beheeropslag import gebruikers

    pad = settings.database_path(db)
    account = _gebruikerswijziging(
        lambda door: gebruikers.zet_geblokkeerd(naam, False, db_pad=pad, **door)
    )
    console.print(f"Gebruiker {account.naam} kan weer inloggen.")


@gebruiker_app.command("wachtwoord")
def gebruiker_wachtwoord(
    naam: NaamOptie, wachtwoord_stdin: StdinOptie = False, db: DbOptie = None
) -> None:
    """Geef een gebruiker een nieuw wachtwoord (uit een verborgen prompt of stdin)."""
    from pipelines.beheeropslag import gebruikers

    pad = settings.database_path(db)
    if gebruikers.zoek(naam, pad) is None:
        raise _stop(f"er is geen gebruiker '{naam}'.")
    wachtwoord = _lees_wachtwoord(wachtwoord_stdin)
    account = _gebruikerswijziging(
        lambda door: gebruikers.wijzig_wachtwoord(naam, wachtwoord, db_pad=pad, **door)
    )
    console.print(f"Het wachtwoord van {account.naam} is gewijzigd.")


@gebruiker_app.command("lijst")
def gebruiker_lijst(db: DbOptie = None) -> None:
    """Toon alle gebruikers met rol en status (nooit een wachtwoord of hash)."""
    from pipelines.beheeropslag import gebruikers

    accounts = gebruikers.lijst(settings.database_path(db))
    if not accounts:
        console.print(
            "Nog geen gebruikers. Maak de eerste aan met 'signaalmonitor gebruiker toevoegen "
            "--naam NAAM --rol beheer'."
        )
        return
    tabel = Table(title="Gebruikers")
    for kolom in ("naam", "rol", "status", "aangemaakt", "gewijzigd", "laatst ingelogd"):
        tabel.add_column(kolom)
    for a in accounts:
        tabel.add_row(
            a.naam,
            a.rol,
            gebruikers.status(a),
            f"{a.aangemaakt_op} door {a.aangemaakt_door}",
            f"{a.gewijzigd_op} door {a.gewijzigd_door}",
            a.laatst_ingelogd_op or "nooit",
        )
    console.print(tabel)


def _datum(tekst: str | None, optie: str) -> datetime | None:
    if tekst is None:
        return None
    try:
        moment = datetime.fromisoformat(tekst)
    except ValueError:
        raise _stop(f"{optie} {tekst!r} is geen datum; schrijf JJJJ-MM-DD.") from None
    return moment if moment.tzinfo else moment.astimezone()


@app.command()
def audit(
    sinds: Annotated[
        str | None,
        typer.Option(
            "--sinds",
            help="Regels vanaf deze datum (JJJJ-MM-DD of JJJJ-MM-DDTUU:MM).",
            show_default=False,
        ),
    ] = None,
    tot: Annotated[
        str | None,
        typer.Option("--tot", help="Regels tot (niet tot en met) deze datum.", show_default=False),
    ] = None,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            help="CSV-bestand om te schrijven (standaard: naar het scherm). Tekst die in een "
            "spreadsheet als formule zou starten, krijgt een ' ervoor.",
            show_default=False,
        ),
    ] = None,
    controleer: Annotated[
        bool,
        typer.Option(
            "--controleer",
            help="Controleer de hashketen: is er een regel buiten het programma om gewijzigd "
            "of gewist?",
        ),
    ] = False,
    db: DbOptie = None,
) -> None:
    """Exporteer het auditlog als CSV (--sinds), of controleer het (--controleer).

    Voorbeeld: signaalmonitor audit --sinds 2026-01-01 --uit audit.csv
    """
    from pipelines.beheeropslag import audit as auditlog
    from pipelines.beheeropslag import auditexport

    pad = settings.database_path(db)
    if controleer:
        breuk = auditlog.controleer_keten(pad)
        if breuk is not None:
            raise _stop(
                f"de keten van het auditlog breekt bij regel {breuk}: die regel of een regel "
                "ervoor is buiten het programma om gewijzigd of gewist."
            )
        console.print(f"De keten van het auditlog klopt ({len(auditlog.lees(db_pad=pad))} regels).")
        if sinds is None:
            return
    if sinds is None:
        raise _stop("geef --sinds DATUM (bijvoorbeeld --sinds 2026-01-01) of --controleer.")
    regels = auditlog.lees(sinds=_datum(sinds, "--sinds"), tot=_datum(tot, "--tot"), db_pad=pad)
    # The export is itself a look at the log: recorded before it is written.
    auditlog.schrijf(
        auditlog.AUDIT_GEEXPORTEERD,
        gebruiker=_cli_gebruiker(),
        rol=CLI_ROL,
        onderwerp=f"sinds {sinds}" + (f" tot {tot}" if tot else ""),
        aantal_rijen=len(regels),
        db_pad=pad,
    )
    if uit is None:
        typer.echo(auditexport.csv_tekst(regels), nl=False)
        return
    try:
        auditexport.schrijf_csv(regels, uit)
    except OSError as fout:
        raise _stop(f"{uit} kan niet worden geschreven ({fout.strerror}).") from None
    console.print(f"{len(regels)} regels van het auditlog geschreven naar {uit}.")


def _export_cm_gesprekken(periode: str | None, out: Path, db: Path | None) -> None:
    """#13: the CM-gesprek pack, read from the contractmanagement role file (read-only, small
    cells shielded), without signals in investigation; one audit row for the whole pack."""
    import sqlite3

    from rich.progress import Progress

    from pipelines.beheeropslag import werkvoorraad
    from pipelines.beheeropslag.opslag import BeheeropslagFout
    from pipelines.exports.cm_gesprek import jaar_van
    from pipelines.exports.cm_pakket import profielen, schrijf_pakket

    if periode is None:
        raise _stop("geef --periode, bijv. --periode 2025-H2 of --periode 2025.")
    try:
        jaar_van(periode)
    except ValueError as fout:
        raise _stop(str(fout)) from None
    if out.exists() and not out.is_dir():
        raise _stop(f"{out} is geen map; geef met --out een map voor het pakket.")
    pad = settings.database_path(db)
    rolbestand = settings.rolbestand_pad(pad, rollen.CONTRACTMANAGEMENT)
    if not rolbestand.is_file():
        raise _stop(f"{rolbestand} bestaat niet; draai eerst 'signaalmonitor run'.")
    try:
        verborgen = (
            []
            if werkvoorraad.cm_ziet_signalen_in_onderzoek(db_pad=pad)
            else werkvoorraad.signalen_in_behandeling(db_pad=pad)
        )
    except (sqlite3.Error, OSError, BeheeropslagFout) as fout:
        raise _stop(f"de werkvoorraad is niet te lezen ({fout}).") from None
    con = duckdb.connect(str(rolbestand), read_only=True)
    try:
        pakket = profielen(con, periode, verborgen, datetime.now())
    finally:
        con.close()
    if not pakket:
        raise _stop(f"geen aanbieders met declaraties in {periode}.")
    with Progress(console=console) as voortgang:
        taak = voortgang.add_task("CM-gesprekken schrijven", total=len(pakket))
        index = schrijf_pakket(pakket, out, periode, lambda _p: voortgang.advance(taak))

    def verwijder_pakket() -> None:
        for regel in index:
            (out / regel.rapport).unlink(missing_ok=True)
            (out / regel.werkmap).unlink(missing_ok=True)

    _leg_export_vast(
        f"cm-gesprekken {periode}",
        len(index),
        db,
        rol="contractmanagement (CLI)",
        terugdraaien=verwijder_pakket,
        wat_weg="de bestanden zijn verwijderd",
    )
    console.print(f"{len(index)} aanbieders: rapport en werkmap in {out} (index.csv, index.html).")


def main(argv: list[str] | None = None) -> None:
    """Entry point: a Dutch message and a defined exit code instead of a traceback.

    Exit codes: 0 klaar, 1 fout in invoer of omgeving (bezet, onleesbaar, geweigerd),
    2 verkeerde opdracht (typer/click), 3 onverwachte interne fout, 130 afgebroken.
    """
    alleen_eigenaar()
    try:
        app(args=argv, prog_name="signaalmonitor")
    except (DatabaseBezet, OnleesbaarBestand, SleutelOngeschikt) as fout:
        fouten_console.print(f"Fout: {fout}", style="bold red")
        sys.exit(1)
    except duckdb.Error as fout:
        fouten_console.print(
            f"Fout: de database kon niet worden gebruikt ({type(fout).__name__}: {fout}).",
            style="bold red",
        )
        sys.exit(1)
    except KeyboardInterrupt:
        fouten_console.print("Afgebroken.")
        sys.exit(130)
    except Exception as fout:
        fouten_console.print(
            f"Fout: er ging iets onverwachts mis ({type(fout).__name__}: {fout}). Er is niets "
            "half opgeslagen: laden en berekenen gebeuren in transacties. Meld dit als fout "
            f"(zet {settings.DEBUG_ENV}=1 voor de technische details).",
            style="bold red",
        )
        if os.environ.get(settings.DEBUG_ENV):
            raise
        sys.exit(3)


if __name__ == "__main__":
    main()


def _export_prognose(
    out: Path, jaar: int | None, index: float | None, db: Path | None, overschrijf: bool
) -> None:
    """`export prognose`: the workbook of the Prognose tab, read from the control role's file
    (small cells suppressed as control sees them), one audit row, owner-only (0600)."""
    import tempfile

    from pipelines.exports.csv_exports import ExportGeweigerd, controleer_doel
    from pipelines.exports.excel_prognose import lees_prognose, prognose_werkboek, standaard_index
    from pipelines.rollen import CONTROL

    if index is not None and not -25.0 <= index <= 50.0:
        raise _stop("--index moet tussen -25 en 50 (procent) liggen.")
    pad = settings.database_path(db)
    try:
        doel = controleer_doel(
            out, database=pad, sleutel=settings.pseudo_key_file(), overschrijf=overschrijf
        )
    except ExportGeweigerd as error:
        raise _stop(str(error)) from None
    bron = settings.rolbestand_pad(pad, CONTROL)
    if not bron.exists():
        raise _stop(
            f"het bestand van control ({bron}) bestaat niet; draai eerst 'signaalmonitor run'."
        )
    con = open_read_only(bron)
    try:
        try:
            gekozen, prognose, factoren = lees_prognose(con, jaar)
        except duckdb.CatalogException:
            raise _stop(
                "deze database heeft nog geen prognose; draai 'signaalmonitor run' met deze versie."
            ) from None
        if prognose.is_empty():
            jaren = [
                r[0] for r in con.sql("select distinct jaar from prognose order by 1").fetchall()
            ]
            raise _stop(
                f"geen prognose voor {gekozen}; wel voor: {', '.join(map(str, jaren)) or 'geen'}."
            )
        gekozen_index = standaard_index(con) if index is None else index
    finally:
        con.close()
    inhoud, aantal = prognose_werkboek(prognose, factoren, int(gekozen or 0), gekozen_index)
    doel.parent.mkdir(parents=True, exist_ok=True)
    handvat, tijdelijk = tempfile.mkstemp(dir=doel.parent, prefix=".prognose-", suffix=".xlsx")
    try:
        os.fchmod(handvat, 0o600)
        with os.fdopen(handvat, "wb") as bestand:
            bestand.write(inhoud)
        os.replace(tijdelijk, doel)
    except OSError as error:
        Path(tijdelijk).unlink(missing_ok=True)
        raise _stop(f"kon {out} niet schrijven ({error.strerror or error}).") from None
    _audit_export("prognose", gekozen, None, aantal, doel, db)
    console.print(
        f"{aantal} rijen (gemeente × zorgsoort, {gekozen}, index "
        f"{opmaak.getal(gekozen_index, 2)}%) geschreven naar {out}."
    )
