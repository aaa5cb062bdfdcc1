"""`signaalmonitor export cm-gesprekken`: for every provider with declarations in a period one
PDF report and one workbook, plus an index (index.csv and index.html).

Reads only the contractmanagement role file (`<db>.rol_contractmanagement.duckdb`, published
by `run`, small cells already shielded in sql/rollen.sql), opened read-only; signals in
investigation are left out unless the werkvoorraad setting lets contractmanagement see them.
File names come from AGB codes only (digits kept), never from provider names.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

import duckdb
import polars as pl

from pipelines.exports.cm_gesprek import jaar_van, maanden_van, stel_samen
from pipelines.exports.cm_pdf import cm_rapport_pdf
from pipelines.exports.excel_cm_profiel import CmProfiel, schrijf_cm_werkboek
from pipelines.exports.neutraliseer import celwaarde

_ZICHTBAAR = "not list_contains(cast($verborgen as varchar[]), s.signaal_id)"


@dataclass(frozen=True)
class Indexregel:
    aanbieder_agb: str
    naam: str
    rapport: str
    werkmap: str
    aantal_gemarkeerde_signalen: int


# A hoofdaannemer's onderaannemers in a period: euros from cm_periode, the gemeente's akkoord
# and its period from groep_leden (table onderaannemers; "onbekend" when the relation is only
# in aanbieders.hoofdaannemer_agb). Shared with the Aanbieder page (dashboard/queries).
ONDERAANNEMERS_SQL = """
    select a.aanbieder_agb, a.naam,
        if(c.aanbieder_agb is null, 0, c.gedeclareerd_eur) as gedeclareerd_eur,
        coalesce(c.is_afgeschermd, false) as is_afgeschermd,
        g.akkoord_status as akkoord,
        case when g.akkoord_vanaf is not null
            then strftime(g.akkoord_vanaf, '%d-%m-%Y') || ' – '
                || coalesce(strftime(g.akkoord_tot, '%d-%m-%Y'), 'open einde')
        end as periode
    from aanbieders as a
    left join cm_periode as c
        on c.aanbieder_agb = a.aanbieder_agb and c.periode = $periode
    left join groep_leden as g
        on g.groep_soort = 'hoofdaannemer' and g.groep_id = $aanbieder
        and g.rol_in_groep = 'onderaannemer' and g.aanbieder_agb = a.aanbieder_agb
        and g.jaar = cast(left($periode, 4) as integer)
    where a.hoofdaannemer_agb = $aanbieder or g.aanbieder_agb is not null
    order by gedeclareerd_eur desc nulls last, a.naam
"""


# Production per gemeente and per perceel, and the provider's own management information, in a
# period: the same SQL for the pack and the Aanbieder page (dashboard/queries), so both show the
# same figures.
PRODUCTIE_SQL = """
    select * from cm_productie where aanbieder_agb = $aanbieder and periode = $periode
    order by indeling, gedeclareerd_eur desc nulls last, sleutel
"""
MANAGEMENTINFORMATIE_SQL = """
    select * from cm_managementinformatie
    where aanbieder_agb = $aanbieder and periode = $periode order by kenmerk
"""


def bestandsdeel(agb: str) -> str:
    """The part of a file name taken from an AGB code: letters and digits only."""
    return re.sub(r"[^0-9A-Za-z]", "_", agb)[:32] or "onbekend"


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]) -> pl.DataFrame:
    resultaat: pl.DataFrame = con.sql(sql, params=params).pl()
    return resultaat


def profielen(
    con: duckdb.DuckDBPyConnection,
    periode: str,
    verborgen: list[str],
    gegenereerd_op: datetime,
) -> list[CmProfiel]:
    """One CmProfiel per provider with declarations in `periode` (a cm_periode row)."""
    jaar = jaar_van(periode)
    eerste, laatste = maanden_van(periode)
    rijen = _df(
        con,
        "select * from cm_periode where periode = $periode order by aanbieder_agb",
        {"periode": periode},
    )
    geladen = con.execute("select max(geladen_op) from laadregister").fetchall()
    gegevens_tot = geladen[0][0] if geladen else None
    uitkomst = []
    for r in rijen.iter_rows(named=True):
        agb = r["aanbieder_agb"]
        p = {"aanbieder": agb, "jaar": jaar}
        jaarrij = _df(
            con, "select * from cm_profiel where aanbieder_agb = $aanbieder and jaar = $jaar", p
        )
        if jaarrij.is_empty():
            continue
        uitkomst.append(
            stel_samen(
                aanbieder=agb,
                jaar=jaar,
                profiel=jaarrij.row(0, named=True),
                per_maand=_df(
                    con,
                    "select * from aanbieder_maand where aanbieder_agb = $aanbieder "
                    "and jaar = $jaar and month(maand) between $eerste and $laatste "
                    "order by maand",
                    p | {"eerste": eerste, "laatste": laatste},
                ),
                mix=_df(
                    con,
                    "select * from aanbieder_mix where aanbieder_agb = $aanbieder and jaar = $jaar "
                    "order by perceel, intensiteit",
                    p,
                ),
                signalen=_df(
                    con,
                    f"""
                    select s.*, coalesce(i.naam, s.indicator) as indicator_naam
                    from signalen as s left join indicatoren as i on i.indicator = s.indicator
                    where s.aanbieder_agb = $aanbieder and s.jaar = $jaar and s.gemarkeerd
                        and {_ZICHTBAAR}
                    order by s.financieel_belang desc nulls last, s.indicator
                    """,
                    p | {"verborgen": verborgen},
                ),
                onderaannemers=_df(
                    con,
                    ONDERAANNEMERS_SQL,
                    {"aanbieder": agb, "periode": periode},
                ),
                gegenereerd_op=gegenereerd_op,
                gegevens_tot=gegevens_tot,
                periode=periode,
                periode_rij=r,
                productie=_df(
                    con,
                    PRODUCTIE_SQL,
                    {"aanbieder": agb, "periode": periode},
                ),
                managementinformatie=_df(
                    con,
                    MANAGEMENTINFORMATIE_SQL,
                    {"aanbieder": agb, "periode": periode},
                ),
            )
        )
    return uitkomst


def _schrijf(pad: Path, inhoud: bytes) -> None:
    """Owner-only from the first byte (mkstemp is 0600), moved into place when complete."""
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(inhoud)
        os.replace(tijdelijk, pad)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise


def schrijf_pakket(
    profielen_: list[CmProfiel],
    map_: Path,
    periode: str,
    voortgang: Callable[[CmProfiel], None] | None = None,
) -> list[Indexregel]:
    """PDF + workbook per provider into `map_`, then index.csv and index.html."""
    map_.mkdir(parents=True, exist_ok=True)
    index = []
    for profiel in profielen_:
        basis = f"cm-gesprek_{bestandsdeel(profiel.aanbieder_agb)}_{bestandsdeel(periode)}"
        _schrijf(map_ / f"{basis}.pdf", cm_rapport_pdf(profiel))
        _schrijf(map_ / f"{basis}.xlsx", schrijf_cm_werkboek(profiel))
        index.append(
            Indexregel(
                profiel.aanbieder_agb,
                profiel.naam,
                f"{basis}.pdf",
                f"{basis}.xlsx",
                len(profiel.signalen),
            )
        )
        if voortgang:
            voortgang(profiel)
    koppen = ["aanbieder_agb", "naam", "rapport", "werkmap", "aantal_gemarkeerde_signalen"]
    buffer = io.StringIO()
    schrijver = csv.writer(buffer)
    schrijver.writerow(koppen)
    for regel in index:
        schrijver.writerow([celwaarde(getattr(regel, k)) for k in koppen])
    _schrijf(map_ / "index.csv", buffer.getvalue().encode("utf-8"))
    rijen = "".join(
        f"<tr><td>{escape(r.naam)}</td><td>{escape(r.aanbieder_agb)}</td>"
        f"<td><a href='{escape(r.rapport)}'>{escape(r.rapport)}</a></td>"
        f"<td><a href='{escape(r.werkmap)}'>{escape(r.werkmap)}</a></td>"
        f"<td>{r.aantal_gemarkeerde_signalen}</td></tr>"
        for r in index
    )
    html = (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>CM-gesprekken {escape(periode)}</title></head><body>"
        f"<h1>CM-gesprekken {escape(periode)}</h1><table><thead><tr><th>Aanbieder</th>"
        "<th>AGB</th><th>Rapport</th><th>Werkmap</th><th>Gemarkeerde signalen</th></tr></thead>"
        f"<tbody>{rijen}</tbody></table></body></html>"
    )
    _schrijf(map_ / "index.html", html.encode("utf-8"))
    return index
