"""`signaalmonitor`: the command line, and the only process that writes to the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from pipelines import opmaak, rollen, settings
from pipelines.database import DatabaseBezet, alleen_eigenaar, open_for_writing, open_read_only
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.privacy import SleutelOngeschikt

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
    except DatabaseBezet as error:
        raise _stop(str(error)) from None


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
    except OnleesbaarBestand as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    geweigerd = [r for r in resultaten if r.status == "geweigerd"]
    if geweigerd:
        raise _stop(f"{len(geweigerd)} bestand(en) geweigerd; zie de meldingen hierboven.")


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
    try:
        with console.status("Signalen berekenen…") as status_:
            resultaat = voer_uit(
                con, drempels, lambda naam: status_.update(f"Bezig: {naam}"), selectie=select
            )
        # Beoordelingen from before the werkvoorraad (#12) move into the beheeropslag once;
        # the key fingerprint goes there too (the dashboard's BSN scrubber needs it).
        from pipelines.beoordelingen_overzetten import leg_vingerafdruk_vast, zet_over

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
        f"{opmaak.getal(resultaat.seconden, 1)} s; resultaten gepubliceerd."
    )


@app.command()
def export(
    soort: Annotated[
        str,
        typer.Argument(
            help="Wat te exporteren: 'signalen', 'risico' of 'vorderingsoverzicht' (elke "
            "declaratieregel met hard onrechtmatig geld, per gemeente).",
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
) -> None:
    """Schrijf signalen.csv of risico.csv (datacontract) of het vorderingsoverzicht.

    Tekst die in Excel als formule zou starten (=, +, -, @, tab) krijgt een '
    ervoor. Alleen de eigenaar kan het bestand lezen (0600); het verschijnt pas
    als het helemaal geschreven is.
    """
    from pipelines.exports.csv_exports import (
        EXPORTS,
        PER_GEMEENTE,
        ExportGeweigerd,
        controleer_doel,
        schrijf_export,
    )

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
        aantal = schrijf_export(con, soort, doel, jaar, gemeente)
    except ExportGeweigerd as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    _audit_export(soort, jaar, gemeente, aantal, doel, db)
    console.print(f"{aantal} rijen geschreven naar {out}.")


def _audit_export(
    soort: str, jaar: int | None, gemeente: str | None, aantal: int, doel: Path, db: Path | None
) -> None:
    """Every CLI export is one audit row (the OS user; the CLI reads as toezicht).

    No record, no export: when the row cannot be written the file is removed again.
    """
    import getpass
    import sqlite3

    from pipelines.beheeropslag import audit
    from pipelines.beheeropslag.opslag import BeheeropslagFout

    onderwerp = " ".join(str(d) for d in (soort, gemeente, jaar) if d is not None)
    try:
        audit.schrijf(
            audit.EXPORT_GEDOWNLOAD,
            gebruiker=getpass.getuser(),
            rol="toezicht (CLI)",
            onderwerp=onderwerp,
            aantal_rijen=aantal,
            db_pad=db,
        )
    except (sqlite3.Error, OSError, BeheeropslagFout) as error:
        doel.unlink(missing_ok=True)
        raise _stop(
            f"De export is niet vastgelegd in het auditlog ({error}); het bestand is verwijderd."
        ) from None


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
) -> None:
    """Genereer de demoregio, laad die in en bereken de signalen."""
    from pipelines.demo.generate_region import FORMATEN, ZIP_NAAM, genereer_regio
    from pipelines.ingest.ingest_run import laad_bronnen

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
            "te laten (zet er dan een proxy met inlog voor).",
        ),
    ] = "127.0.0.1",
    rol: Annotated[
        str,
        typer.Option(
            "--rol",
            help="Rol van deze server: toezicht (alles, ook bewijsregels), contractmanagement "
            "(aanbiedercijfers en signalen, geen cliëntregels) of control (volumes, kosten en "
            "verantwoording). De rol ligt vast voor de hele server; start per rol een eigen "
            "dashboard.",
        ),
    ] = rollen.STANDAARD_ROL,
) -> None:
    """Start het dashboard (Streamlit) op dezelfde database, voor één rol."""
    try:
        rol = rollen.rol_uit(rol)
    except rollen.OnbekendeRol as fout:
        raise _stop(str(fout)) from None
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
    # The role is fixed on the server: the app reads it from the environment, never a widget.
    omgeving = {**os.environ, settings.DB_ENV: str(pad), settings.ROL_ENV: rol}
    host = f"[{adres}]" if ":" in adres else adres
    console.print(
        f"Dashboard voor rol {rol} op http://{host}:{port} (database {pad}); Ctrl+C stopt."
    )
    if not _is_lokaal(adres):
        console.print(
            f"Let op: het dashboard luistert op {adres} en is dus ook bereikbaar voor andere "
            "machines in het netwerk. Het dashboard heeft zelf geen inlog; zet er een proxy "
            "met inlog voor, of laat --adres weg om alleen op deze machine te luisteren."
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
