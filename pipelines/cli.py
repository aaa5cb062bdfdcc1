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

from pipelines import settings
from pipelines.database import DatabaseBezet, alleen_eigenaar, open_for_writing, open_read_only
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.privacy import SleutelOngeschikt

DEBUG_ENV = "SIGNAALMONITOR_DEBUG"

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
fouten_console = Console(stderr=True, markup=False, highlight=False)

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
            help="TOML-bestand met afwijkende drempels (standaard: data/reference/drempels.toml).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """(Her)bereken alle indicatoren, scores en marts in één transactie.

    Faalt een model of controle, dan wordt niets gepubliceerd en blijven de vorige
    uitkomsten staan. Notities van beoordelaars blijven altijd bewaard.
    """
    from pipelines.run_pipeline import voer_uit
    from pipelines.sql_runner import RunMislukt

    con = _schrijver(db)
    try:
        with console.status("Signalen berekenen…") as status_:
            resultaat = voer_uit(con, drempels, lambda naam: status_.update(f"Bezig: {naam}"))
    except RunMislukt as error:
        raise _stop(str(error)) from None
    finally:
        con.close()
    console.print(
        f"{resultaat.modellen} modellen en {resultaat.asserties} controles in "
        f"{resultaat.seconden:.1f} s; resultaten gepubliceerd."
    )


@app.command()
def export(
    soort: Annotated[
        str,
        typer.Argument(help="Wat te exporteren: 'signalen' of 'risico'.", show_default=False),
    ],
    out: Annotated[Path, typer.Option("--out", help="Doelbestand (CSV).", show_default=False)],
    jaar: Annotated[
        int | None, typer.Option("--jaar", help="Alleen dit jaar.", show_default=False)
    ] = None,
    db: DbOptie = None,
) -> None:
    """Schrijf signalen.csv of risico.csv in het formaat van het datacontract."""
    from pipelines.exports.csv_exports import EXPORTS, schrijf_export

    if soort not in EXPORTS:
        raise _stop(f"onbekende export '{soort}'; kies uit: {', '.join(EXPORTS)}.")
    pad = settings.database_path(db)
    if not pad.exists():
        raise _stop(f"database {pad} bestaat niet; laad eerst gegevens met 'ingest'.")
    con = open_read_only(pad)
    try:
        aantal = schrijf_export(con, soort, out, jaar)
    finally:
        con.close()
    console.print(f"{aantal} rijen geschreven naar {out}.")


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
            f"{tellingen['geladen']:,}".replace(",", "."),
            f"{tellingen['quarantaine']:,}".replace(",", "."),
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
) -> None:
    """Genereer de demoregio, laad die in en bereken de signalen."""
    from pipelines.demo.generate_region import genereer_regio
    from pipelines.ingest.ingest_run import laad_bronnen

    with console.status("Demoregio genereren…"):
        samenvatting = genereer_regio(
            doelmap,
            seed,
            met_schemas=not zonder_schemas,
            aantal_aanbieders=aanbieders,
            aantal_clienten=clienten,
        )
    console.print(f"Demoregio gegenereerd in {doelmap}: {samenvatting}")
    con = _schrijver(db)
    try:
        laad_bronnen(con, [doelmap / "bron"], console)
    finally:
        con.close()
    run(db)


@app.command()
def dashboard(
    db: DbOptie = None,
    port: Annotated[int, typer.Option("--port", help="Poort van de webserver.")] = 8501,
    rol: Annotated[
        str,
        typer.Option(
            "--rol",
            help="Rol van deze server: toezicht (alles, ook bewijsregels), contractmanagement "
            "(aanbiedercijfers en signalen, geen cliëntregels) of control (volumes, kosten en "
            "verantwoording). De rol ligt vast voor de hele server; start per rol een eigen "
            "dashboard.",
        ),
    ] = "toezicht",
) -> None:
    """Start het dashboard (Streamlit) op dezelfde database, voor één rol."""
    rollen = ("toezicht", "contractmanagement", "control")
    rol = rol.strip().lower()
    if rol not in rollen:
        raise _stop(f"onbekende rol '{rol}'; kies uit: {', '.join(rollen)}.")
    pad = settings.database_path(db).resolve()
    map_dashboard = settings.PROJECT_ROOT / "dashboard"
    # The role is fixed on the server: the app reads it from the environment, never a widget.
    omgeving = {**os.environ, settings.DB_ENV: str(pad), "SIGNAALMONITOR_ROL": rol}
    console.print(
        f"Dashboard voor rol [bold]{rol}[/] op [bold]http://localhost:{port}[/] "
        f"(database {pad}); Ctrl+C stopt."
    )
    opdracht = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(map_dashboard / "app.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    try:
        # Streamlit reads .streamlit/config.toml from the working directory.
        subprocess.run(opdracht, env=omgeving, cwd=map_dashboard, check=False)
    except KeyboardInterrupt:
        console.print("Dashboard gestopt.")


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
            f"(zet {DEBUG_ENV}=1 voor de technische details).",
            style="bold red",
        )
        if os.environ.get(DEBUG_ENV):
            raise
        sys.exit(3)


if __name__ == "__main__":
    main()
