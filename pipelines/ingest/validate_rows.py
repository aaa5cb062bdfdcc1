"""Typing, normalising and validating the all-text input in one SQL pass.

For each contract column this module builds two SQL fragments from the contract
(pipelines/contract.py): the normalised, typed value and the checks that fail. Every failed
check becomes a struct {kolom, waarde, reden} with a reason in plain Dutch; a row with any
failure goes to quarantine. Only texts we own are spliced into the SQL; input values are
never formatted into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from pipelines.contract import Kolom, Tabel
from pipelines.settings import invoerlimieten
from pipelines.sql_quote import ident, sql_tekst

# Dates as the contract allows them, plus what Excel and ISO timestamps turn them into.
DATUM_FORMATEN = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d-%m-%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y%m%d",
)


@dataclass(frozen=True)
class Waarde:
    """An SQL expression and the layer of the stacked projection that may compute it: layer 0
    reads laad.invoer, layer n the columns that layers before n added."""

    sql: str
    laag: int


class Lagen:
    """Intermediate values as columns of stacked projections, each computed once per row.

    A normalised value is used by several checks, and a step of normalising by the next step
    several times (in a CASE's condition and in its branches); spliced in as text, DuckDB
    would evaluate the whole chain again at every use.
    """

    def __init__(self) -> None:
        self.kolommen: list[list[tuple[str, str]]] = []

    def vast(self, waarde: Waarde) -> Waarde:
        """Compute `waarde` once, as a column of its layer; the result refers to that column."""
        while len(self.kolommen) <= waarde.laag:
            self.kolommen.append([])
        naam = f"tussenwaarde_{sum(len(laag) for laag in self.kolommen)}"
        self.kolommen[waarde.laag].append((naam, waarde.sql))
        return Waarde(ident(naam), waarde.laag + 1)

    def from_sql(self, vaste_kolommen_sql: str, bron_sql: str) -> str:
        """The stacked projections over `bron_sql`, as a FROM clause; layer 0 keeps only
        `vaste_kolommen_sql` of the input (later layers cannot mistake an input column for an
        intermediate value)."""
        laag_sql = f"(SELECT {vaste_kolommen_sql} FROM {bron_sql})"
        for nummer, kolommen in enumerate(self.kolommen):
            extra_sql = ", ".join(f"{expr_sql} AS {ident(naam)}" for naam, expr_sql in kolommen)
            if nummer == 0 and extra_sql:
                laag_sql = f"(SELECT {vaste_kolommen_sql}, {extra_sql} FROM {bron_sql})"
            elif nummer > 0 and extra_sql:
                laag_sql = f"(SELECT *, {extra_sql} FROM {laag_sql})"
        return laag_sql


@dataclass(frozen=True)
class Controle:
    """A check: the condition under which it fails and the fout-struct it then yields."""

    voorwaarde_sql: str
    fout_sql: str


@dataclass(frozen=True)
class KolomSql:
    naam: str
    bron: Waarde  # the delivered text, trimmed, NULL when empty
    waarde: Waarde  # typed, normalised value
    fouten: list[Controle]


def _fout(kolom: str, waarde_sql: str, reden: str) -> str:
    w = f"CAST({waarde_sql} AS VARCHAR)"
    grens = int(invoerlimieten().max_getoonde_tekens)
    getoond = (
        f"CASE WHEN length({w}) > {grens} "
        f"THEN left({w}, {grens}) || '… (ingekort; ' || length({w}) || ' tekens)' "
        f"ELSE {w} END"
    )
    return f"{{'kolom': {sql_tekst(kolom)}, 'waarde': {getoond}, 'reden': {sql_tekst(reden)}}}"


def getal_nl(waarde: Decimal) -> str:
    """A limit as Dutch text: 999999.99 → 999.999,99; a year or other small number as it is."""
    tekst = f"{waarde:,f}" if abs(waarde) >= 10_000 else f"{waarde:f}"
    return tekst.replace(",", " ").replace(".", ",").replace(" ", ".")


def _lengte_check(k: Kolom, waarde_sql: str) -> tuple[str, str] | None:
    if not k.max_lengte:
        return None
    bron = f" ({k.lengte_bron})" if k.lengte_bron else ""
    return (
        f"length({waarde_sql}) > {k.max_lengte}",
        f"{k.naam} is langer dan {k.max_lengte} tekens{bron}",
    )


def _bereik_checks(k: Kolom, v: str) -> list[tuple[str, str]]:
    bron = f" ({k.bereik_bron})" if k.bereik_bron else ""
    laag, hoog = k.minimum, k.maximum
    if laag is not None and hoog is not None:
        return [
            (
                f"{v} NOT BETWEEN {laag:f} AND {hoog:f}",
                f"{k.naam} ligt niet tussen {getal_nl(laag)} en {getal_nl(hoog)}{bron}",
            )
        ]
    checks = []
    if hoog is not None:
        checks.append((f"{v} > {hoog:f}", f"{k.naam} is groter dan {getal_nl(hoog)}{bron}"))
    if laag is not None:
        checks.append((f"{v} < {laag:f}", f"{k.naam} is kleiner dan {getal_nl(laag)}{bron}"))
    return checks


def _bron(naam: str, aanwezig: set[str], lagen: Lagen) -> Waarde:
    if naam not in aanwezig:
        return Waarde("CAST(NULL AS VARCHAR)", 0)
    kolom = ident(naam)
    # trim() removes exactly the Unicode space separators (Zs) at either end, and walks every
    # character to find them. The only ASCII one is ' ': an ASCII-only cell (as many bytes as
    # characters) that neither starts nor ends with ' ' is left as it is, so only the others
    # pay for trim().
    return lagen.vast(
        Waarde(
            f"CASE WHEN starts_with({kolom}, ' ') OR ends_with({kolom}, ' ') "
            f"OR strlen({kolom}) <> length({kolom}) THEN nullif(trim({kolom}), '') "
            f"ELSE nullif({kolom}, '') END",
            0,
        )
    )


def _code_sql(k: Kolom, src: Waarde, lagen: Lagen) -> tuple[Waarde, list[tuple[str, str]]]:
    # Excel turns codes into floats ("405.0"); undo that before padding. Only a code with a
    # dot can be one: the cheap test spares the regular expression on nearly every cell.
    v = lagen.vast(
        Waarde(
            f"CASE WHEN contains({src.sql}, '.') "
            f"THEN regexp_replace({src.sql}, '^([0-9]+)\\.0+$', '\\1') ELSE {src.sql} END",
            src.laag,
        )
    )
    if k.codelijst and all(len(code) == 1 for code in k.codelijst):
        v = lagen.vast(
            Waarde(
                f"CASE WHEN regexp_full_match({v.sql}, '0+[0-9]') "
                f"THEN ltrim({v.sql}, '0') ELSE {v.sql} END",
                v.laag,
            )
        )
    if k.breedte:
        kortste = k.breedte - k.max_opvulling if k.max_opvulling else 1
        v = lagen.vast(
            Waarde(
                f"CASE WHEN regexp_full_match({v.sql}, '[0-9]+') "
                f"AND length({v.sql}) BETWEEN {kortste} AND {k.breedte - 1} "
                f"THEN lpad({v.sql}, {k.breedte}, '0') ELSE {v.sql} END",
                v.laag,
            )
        )
    if k.codelijst and all(code.islower() for code in k.codelijst):
        # Word lists (samenloopregel: uitgesloten/signaal) are lower case; match any case.
        v = lagen.vast(Waarde(f"lower({v.sql})", v.laag))
    elif k.codelijst or k.breedte:
        v = lagen.vast(Waarde(f"upper({v.sql})", v.laag))
    checks: list[tuple[str, str]] = []
    if k.patroon:
        checks.append(
            (
                f"{v.sql} IS NOT NULL AND NOT regexp_full_match({v.sql}, {sql_tekst(k.patroon)})",
                k.patroon_uitleg or f"{k.naam} heeft een ongeldige vorm",
            )
        )
    if k.codelijst:
        lijst = ", ".join(sql_tekst(c) for c in k.codelijst)
        toegestaan = ", ".join(k.codelijst)
        bron = f" ({k.codelijst_naam})" if k.codelijst_naam else ""
        checks.append(
            (
                f"{v.sql} IS NOT NULL AND {v.sql} NOT IN ({lijst})",
                f"onbekende code voor {k.naam}{bron}; toegestaan: {toegestaan}",
            )
        )
    # On the normalised code: Excel's "12345.0" is a 5-character productcode.
    lengte = _lengte_check(k, v.sql)
    if lengte:
        checks.append(lengte)
    return v, checks


def _getal_tekst(src: Waarde, lagen: Lagen) -> Waarde:
    """Decimal comma or point, with or without thousands separators, as a plain number text."""
    # Only a cell with one of the three characters changes; the test is cheaper than the
    # three replaces it spares nearly every cell.
    s = lagen.vast(
        Waarde(
            f"CASE WHEN contains({src.sql}, '€') OR contains({src.sql}, ' ') "
            f"OR contains({src.sql}, chr(160)) "
            f"THEN replace(replace(replace({src.sql}, '€', ''), ' ', ''), chr(160), '') "
            f"ELSE {src.sql} END",
            src.laag,
        )
    )
    laatste_komma = f"(length({s.sql}) - strpos(reverse({s.sql}), ',') + 1)"
    laatste_punt = f"(length({s.sql}) - strpos(reverse({s.sql}), '.') + 1)"
    return lagen.vast(
        Waarde(
            f"CASE "
            f"WHEN {s.sql} LIKE '%,%' AND {s.sql} LIKE '%.%' THEN "
            f"  CASE WHEN {laatste_komma} > {laatste_punt} "
            f"  THEN replace(replace({s.sql}, '.', ''), ',', '.') "
            f"  ELSE replace({s.sql}, ',', '') END "
            f"WHEN {s.sql} LIKE '%,%' THEN replace({s.sql}, ',', '.') "
            f"WHEN getvariable('punt_is_duizendtal') "
            f"  AND regexp_full_match({s.sql}, '-?[0-9]{{1,3}}(\\.[0-9]{{3}})+') "
            f"  THEN replace({s.sql}, '.', '') "
            f"ELSE {s.sql} END",
            s.laag,
        )
    )


def _getal_sql(k: Kolom, src: Waarde, lagen: Lagen) -> tuple[Waarde, list[tuple[str, str]]]:
    t = _getal_tekst(src, lagen)
    v = lagen.vast(
        Waarde(
            f"CASE WHEN regexp_full_match({t.sql}, '[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)') "
            f"THEN TRY_CAST({t.sql} AS DECIMAL(18,4)) END",
            t.laag,
        )
    )
    checks = [(f"{src.sql} IS NOT NULL AND {v.sql} IS NULL", "geen geldig getal")]
    if k.soort == "geheel_getal":
        v = lagen.vast(
            Waarde(
                f"CASE WHEN {v.sql} = floor({v.sql}) THEN TRY_CAST({v.sql} AS INTEGER) END", v.laag
            )
        )
        checks = [(f"{src.sql} IS NOT NULL AND {v.sql} IS NULL", "geen geldig geheel getal")]
    if k.niet_negatief:
        reden = "mag niet negatief zijn"
        if k.naam in {"ingediend_bedrag", "geleverd_volume"}:
            reden += " (een credit wordt aangegeven met debet_credit = C)"
        checks.append((f"{v.sql} < 0", reden))
    checks += _bereik_checks(k, v.sql)
    return v, checks


def _datum_sql(src: Waarde, lagen: Lagen) -> tuple[Waarde, list[tuple[str, str]]]:
    formaten = "[" + ", ".join(sql_tekst(f) for f in DATUM_FORMATEN) + "]"
    v = lagen.vast(Waarde(f"CAST(try_strptime({src.sql}, {formaten}) AS DATE)", src.laag))
    checks = [
        (
            f"{src.sql} IS NOT NULL AND {v.sql} IS NULL",
            "geen geldige datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)",
        ),
        (
            f"{v.sql} IS NOT NULL AND (year({v.sql}) < 1900 OR year({v.sql}) > 2100)",
            "datum ligt niet tussen 1900 en 2100; waarschijnlijk een tikfout",
        ),
    ]
    return v, checks


def _bsn_sql(src: Waarde, lagen: Lagen) -> Waarde:
    # Both replacements need a dot, a dash or white space to change anything: one search for
    # those spares the two rewrites on nearly every BSN.
    schoon = lagen.vast(
        Waarde(
            f"CASE WHEN regexp_matches({src.sql}, '[\\s.\\-]') "
            f"THEN regexp_replace(regexp_replace({src.sql}, '\\.0+$', ''), '[\\s.\\-]', '', 'g') "
            f"ELSE {src.sql} END",
            src.laag,
        )
    )
    # Excel drops the leading zero of a BSN like 012345672.
    return lagen.vast(
        Waarde(
            f"nullif(CASE WHEN regexp_full_match({schoon.sql}, '[0-9]{{8}}') "
            f"THEN '0' || {schoon.sql} ELSE {schoon.sql} END, '')",
            schoon.laag,
        )
    )


def elfproef_sql(b: str) -> str:
    som = " + ".join(f"{9 - i} * CAST(substr({b}, {i + 1}, 1) AS INTEGER)" for i in range(8))
    return (
        f"(regexp_full_match({b}, '[0-9]{{9}}') AND {b} <> '000000000' "
        f"AND ({som} - CAST(substr({b}, 9, 1) AS INTEGER)) % 11 = 0)"
    )


def kolom_sql(tabel: Tabel, aanwezig: set[str], lagen: Lagen) -> list[KolomSql]:
    resultaat = []
    for k in tabel.kolommen:
        if k.soort == "client":
            continue
        src = _bron(k.naam, aanwezig, lagen)
        checks: list[tuple[str, str]] = []
        if k.soort == "code":
            v, checks = _code_sql(k, src, lagen)
        elif k.soort in {"getal", "geheel_getal"}:
            v, checks = _getal_sql(k, src, lagen)
        elif k.soort == "datum":
            v, checks = _datum_sql(src, lagen)
        else:
            v = src
            lengte = _lengte_check(k, src.sql)
            if lengte:
                checks.append(lengte)
        if k.verplicht:
            checks.insert(0, (f"{src.sql} IS NULL", f"{k.naam} is verplicht maar leeg"))
        fouten = [Controle(cond, _fout(k.naam, src.sql, reden)) for cond, reden in checks]
        resultaat.append(KolomSql(k.naam, src, v, fouten))
    return resultaat


def zet_getalnotatie(con: duckdb.DuckDBPyConnection, punt_is_duizendtal: bool) -> None:
    """Whether a dot in a number is a thousands separator, for genormaliseerd_sql."""
    con.execute("SET VARIABLE punt_is_duizendtal = ?", [punt_is_duizendtal])


def verschillende_bsns_sql(kolommen: list[str]) -> str:
    """A query for every distinct normalised BSN of laad.invoer (normalised as genormaliseerd_sql
    does before it looks the BSN up in laad.pseudoniemen), without typing or checking anything
    else."""
    lagen = Lagen()
    bsn = _bsn_sql(_bron("bsn", set(kolommen), lagen), lagen)
    # Normalising looks at one value at a time, so normalising each distinct delivered value
    # (a client has many lines) gives the same set at a fraction of the work.
    bron_sql = (
        f"(SELECT DISTINCT {ident('bsn')} FROM laad.invoer)" if "bsn" in kolommen else "laad.invoer"
    )
    laag_sql = lagen.from_sql("NULL AS regelnummer", bron_sql)
    return f"SELECT DISTINCT {bsn.sql} AS bsn FROM {laag_sql}"


def genormaliseerd_sql(tabel: Tabel, kolommen: list[str], vaste_kolommen_sql: str) -> str:
    """laad.invoer (text) → typed values, client fields and the list of fouten, with the row's
    `rij` and `herkomst` so no later step has to join back to laad.invoer.

    For a table with a client it reads laad.pseudoniemen (load_file._maak_pseudoniemen) and
    gives `bsn_pseudoniem`: the pseudonym of the row's BSN if that is valid, else NULL.

    `vaste_kolommen_sql` selects rij, herkomst and regelnummer from laad.invoer; the number
    notation comes from zet_getalnotatie."""
    aanwezig = set(kolommen)
    lagen = Lagen()
    delen = kolom_sql(tabel, aanwezig, lagen)
    selects = [f"{d.waarde.sql} AS {ident(d.naam)}" for d in delen]
    fouten = [f for d in delen for f in d.fouten]
    namen = {d.naam: d for d in delen}

    for begin, eind in tabel.periodes:
        b, e = namen[begin].waarde.sql, namen[eind].waarde.sql
        fouten.append(
            Controle(
                f"{b} IS NOT NULL AND {e} IS NOT NULL AND {e} < {b}",
                _fout(eind, namen[eind].bron.sql, f"{eind} ligt vóór {begin}"),
            )
        )
    for als, dan in tabel.voorwaardelijk_verplicht:
        for verplicht in dan:
            fout = _fout(verplicht, "NULL", f"{verplicht} is verplicht als {als} is ingevuld")
            fouten.append(
                Controle(
                    f"{namen[als].waarde.sql} IS NOT NULL "
                    f"AND {namen[verplicht].waarde.sql} IS NULL",
                    fout,
                )
            )
    for kolom, andere, waarden in tabel.verplicht_tenzij:
        lijst = ", ".join(sql_tekst(w) for w in waarden)
        uitzondering = " of ".join(waarden)
        fout = _fout(kolom, "NULL", f"{kolom} is verplicht, behalve bij {andere} {uitzondering}")
        fouten.append(
            Controle(
                f"{namen[kolom].waarde.sql} IS NULL "
                f"AND coalesce({namen[andere].waarde.sql} NOT IN ({lijst}), true)",
                fout,
            )
        )

    pseudoniem_join_sql = ""
    if tabel.heeft_client:
        bsn_waarde = _bsn_sql(_bron("bsn", aanwezig, lagen), lagen)
        bsn = bsn_waarde.sql
        # Used by three checks: computed once per row.
        negen_cijfers = lagen.vast(
            Waarde(f"regexp_full_match({bsn}, '[0-9]{{9}}')", bsn_waarde.laag)
        ).sql
        client_id = _bron("client_id", aanwezig, lagen).sql
        # laad.pseudoniemen holds every distinct BSN of laad.invoer, normalised as here, that
        # passes the elfproef, with its pseudonym (load_file._maak_pseudoniemen): one lookup
        # gives both, instead of the elfproef's nine digits computed again on every line.
        pseudoniem_join_sql = f"LEFT JOIN laad.pseudoniemen AS p ON p.bsn = {bsn_waarde.sql}"
        selects += ["p.pseudoniem AS bsn_pseudoniem", f"{client_id} AS client_id_bron"]
        selects.append(
            f"CASE WHEN {bsn} IS NOT NULL THEN 'bsn' "
            f"WHEN {client_id} IS NOT NULL THEN 'client_id' END AS client_bron"
        )
        client = next(k for k in tabel.kolommen if k.soort == "client")
        lengte = _lengte_check(client, client_id)
        if lengte:
            # Only where the client_id is the identity used: next to a BSN it is not stored.
            fouten.append(
                Controle(f"{bsn} IS NULL AND {lengte[0]}", _fout("client_id", client_id, lengte[1]))
            )
        leeg_kolom = "bsn" if "bsn" in aanwezig else "client_id"
        optioneel_sql = (
            f" AND {namen[tabel.client_optioneel_als].waarde.sql} IS NULL"
            if tabel.client_optioneel_als
            else ""
        )
        fouten.append(
            Controle(
                f"{bsn} IS NULL AND {client_id} IS NULL{optioneel_sql}",
                _fout(leeg_kolom, "NULL", "bsn of client_id is verplicht maar leeg"),
            )
        )
        # The BSN itself is never copied into a quarantine reason.
        fouten.append(
            Controle(
                f"{bsn} IS NOT NULL AND NOT {negen_cijfers}",
                _fout("bsn", "NULL", "BSN moet uit 9 cijfers bestaan (waarde niet opgeslagen)"),
            )
        )
        fouten.append(
            Controle(
                f"{negen_cijfers} AND p.bsn IS NULL",
                _fout("bsn", "NULL", "BSN voldoet niet aan de elfproef (waarde niet opgeslagen)"),
            )
        )

    if fouten:
        # The list is built only for a row with a failed check: nearly every row has none.
        lijst_sql = (
            "["
            + ", ".join(f"CASE WHEN {f.voorwaarde_sql} THEN {f.fout_sql} END" for f in fouten)
            + "]"
        )
        ergens_fout_sql = " OR ".join(f"({f.voorwaarde_sql})" for f in fouten)
        fouten_sql = (
            f"CASE WHEN {ergens_fout_sql} "
            f"THEN list_filter({lijst_sql}, lambda f: f IS NOT NULL) ELSE [] END"
        )
    else:
        fouten_sql = "list_filter([], lambda f: f IS NOT NULL)"
    selects_sql = ", ".join(selects)
    return f"""
        SELECT
            rij,
            herkomst,
            regelnummer,
            {selects_sql},
            {fouten_sql} AS fouten
        FROM {lagen.from_sql(vaste_kolommen_sql, "laad.invoer")}
        {pseudoniem_join_sql}
        """


def punt_is_duizendtal(con: duckdb.DuckDBPyConnection, tabel: Tabel, kolommen: list[str]) -> bool:
    """A Dutch-style CSV writes 1.234,56: once a decimal comma is seen, dots are thousands."""
    getallen = [
        k.naam
        for k in tabel.kolommen
        if k.soort in {"getal", "geheel_getal"} and k.naam in kolommen
    ]
    if not getallen:
        return False
    # Only a cell with a comma can match: the cheap test spares the regex on nearly every one.
    voorwaarde_sql = " OR ".join(
        f"(contains({ident(n)}, ',') AND regexp_full_match(trim({ident(n)}), '-?[0-9.]*,[0-9]+'))"
        for n in getallen
    )
    row = con.execute(f"SELECT count(*) FROM laad.invoer WHERE {voorwaarde_sql}").fetchone()
    return bool(row and row[0] > 0)
