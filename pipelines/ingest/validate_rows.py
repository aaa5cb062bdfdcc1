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
class KolomSql:
    naam: str
    waarde: str  # typed, normalised value
    fouten: list[str]  # SQL expressions yielding a fout-struct or NULL


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


def _bron(naam: str, aanwezig: set[str]) -> str:
    if naam not in aanwezig:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim({ident(naam)}), '')"


def _code_sql(k: Kolom, src: str) -> tuple[str, list[tuple[str, str]]]:
    # Excel turns codes into floats ("405.0"); undo that before padding.
    v = f"regexp_replace({src}, '^([0-9]+)\\.0+$', '\\1')"
    if k.codelijst and all(len(code) == 1 for code in k.codelijst):
        v = f"CASE WHEN regexp_full_match({v}, '0+[0-9]') THEN ltrim({v}, '0') ELSE {v} END"
    if k.breedte:
        kortste = k.breedte - k.max_opvulling if k.max_opvulling else 1
        v = (
            f"CASE WHEN regexp_full_match({v}, '[0-9]+') "
            f"AND length({v}) BETWEEN {kortste} AND {k.breedte - 1} "
            f"THEN lpad({v}, {k.breedte}, '0') ELSE {v} END"
        )
    if k.codelijst and all(code.islower() for code in k.codelijst):
        # Word lists (samenloopregel: uitgesloten/signaal) are lower case; match any case.
        v = f"lower({v})"
    elif k.codelijst or k.breedte:
        v = f"upper({v})"
    checks: list[tuple[str, str]] = []
    if k.patroon:
        checks.append(
            (
                f"{v} IS NOT NULL AND NOT regexp_full_match({v}, {sql_tekst(k.patroon)})",
                k.patroon_uitleg or f"{k.naam} heeft een ongeldige vorm",
            )
        )
    if k.codelijst:
        lijst = ", ".join(sql_tekst(c) for c in k.codelijst)
        toegestaan = ", ".join(k.codelijst)
        bron = f" ({k.codelijst_naam})" if k.codelijst_naam else ""
        checks.append(
            (
                f"{v} IS NOT NULL AND {v} NOT IN ({lijst})",
                f"onbekende code voor {k.naam}{bron}; toegestaan: {toegestaan}",
            )
        )
    # On the normalised code: Excel's "12345.0" is a 5-character productcode.
    lengte = _lengte_check(k, v)
    if lengte:
        checks.append(lengte)
    return v, checks


def _getal_tekst(src: str) -> str:
    """Decimal comma or point, with or without thousands separators, as a plain number text."""
    s = f"replace(replace(replace({src}, '€', ''), ' ', ''), chr(160), '')"
    laatste_komma = f"(length({s}) - strpos(reverse({s}), ',') + 1)"
    laatste_punt = f"(length({s}) - strpos(reverse({s}), '.') + 1)"
    return (
        f"CASE "
        f"WHEN {s} LIKE '%,%' AND {s} LIKE '%.%' THEN "
        f"  CASE WHEN {laatste_komma} > {laatste_punt} "
        f"  THEN replace(replace({s}, '.', ''), ',', '.') ELSE replace({s}, ',', '') END "
        f"WHEN {s} LIKE '%,%' THEN replace({s}, ',', '.') "
        f"WHEN getvariable('punt_is_duizendtal') "
        f"  AND regexp_full_match({s}, '-?[0-9]{{1,3}}(\\.[0-9]{{3}})+') "
        f"  THEN replace({s}, '.', '') "
        f"ELSE {s} END"
    )


def _getal_sql(k: Kolom, src: str) -> tuple[str, list[tuple[str, str]]]:
    t = _getal_tekst(src)
    v = (
        f"CASE WHEN regexp_full_match({t}, '[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)') "
        f"THEN TRY_CAST({t} AS DECIMAL(18,4)) END"
    )
    checks = [(f"{src} IS NOT NULL AND {v} IS NULL", "geen geldig getal")]
    if k.soort == "geheel_getal":
        v_int = f"CASE WHEN {v} = floor({v}) THEN TRY_CAST({v} AS INTEGER) END"
        checks = [(f"{src} IS NOT NULL AND {v_int} IS NULL", "geen geldig geheel getal")]
        v = v_int
    if k.niet_negatief:
        reden = "mag niet negatief zijn"
        if k.naam in {"ingediend_bedrag", "geleverd_volume"}:
            reden += " (een credit wordt aangegeven met debet_credit = C)"
        checks.append((f"{v} < 0", reden))
    checks += _bereik_checks(k, v)
    return v, checks


def _datum_sql(src: str) -> tuple[str, list[tuple[str, str]]]:
    formaten = "[" + ", ".join(sql_tekst(f) for f in DATUM_FORMATEN) + "]"
    v = f"CAST(try_strptime({src}, {formaten}) AS DATE)"
    checks = [
        (
            f"{src} IS NOT NULL AND {v} IS NULL",
            "geen geldige datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)",
        ),
        (
            f"{v} IS NOT NULL AND (year({v}) < 1900 OR year({v}) > 2100)",
            "datum ligt niet tussen 1900 en 2100; waarschijnlijk een tikfout",
        ),
    ]
    return v, checks


def _bsn_sql(src: str) -> str:
    schoon = f"regexp_replace(regexp_replace({src}, '\\.0+$', ''), '[\\s.\\-]', '', 'g')"
    # Excel drops the leading zero of a BSN like 012345672.
    return (
        f"nullif(CASE WHEN regexp_full_match({schoon}, '[0-9]{{8}}') "
        f"THEN '0' || {schoon} ELSE {schoon} END, '')"
    )


def elfproef_sql(b: str) -> str:
    som = " + ".join(f"{9 - i} * CAST(substr({b}, {i + 1}, 1) AS INTEGER)" for i in range(8))
    return (
        f"(regexp_full_match({b}, '[0-9]{{9}}') AND {b} <> '000000000' "
        f"AND ({som} - CAST(substr({b}, 9, 1) AS INTEGER)) % 11 = 0)"
    )


def kolom_sql(tabel: Tabel, aanwezig: set[str]) -> list[KolomSql]:
    resultaat = []
    for k in tabel.kolommen:
        if k.soort == "client":
            continue
        src = _bron(k.naam, aanwezig)
        checks: list[tuple[str, str]] = []
        if k.soort == "code":
            v, checks = _code_sql(k, src)
        elif k.soort in {"getal", "geheel_getal"}:
            v, checks = _getal_sql(k, src)
        elif k.soort == "datum":
            v, checks = _datum_sql(src)
        else:
            v = src
            lengte = _lengte_check(k, src)
            if lengte:
                checks.append(lengte)
        if k.verplicht:
            checks.insert(0, (f"{src} IS NULL", f"{k.naam} is verplicht maar leeg"))
        fouten = [
            f"CASE WHEN {cond} THEN {_fout(k.naam, src, reden)} END" for cond, reden in checks
        ]
        resultaat.append(KolomSql(k.naam, v, fouten))
    return resultaat


def bouw_genormaliseerd(
    con: duckdb.DuckDBPyConnection,
    tabel: Tabel,
    kolommen: list[str],
    *,
    punt_is_duizendtal: bool,
) -> None:
    """laad.invoer (text) → laad.genormaliseerd (typed values, client fields, list of fouten),
    with the row's `rij` and `herkomst` so no later step has to join back to laad.invoer."""
    aanwezig = set(kolommen)
    delen = kolom_sql(tabel, aanwezig)
    selects = [f"{d.waarde} AS {ident(d.naam)}" for d in delen]
    fouten = [f for d in delen for f in d.fouten]
    namen = {d.naam: d for d in delen}

    for begin, eind in tabel.periodes:
        b, e = namen[begin].waarde, namen[eind].waarde
        fouten.append(
            f"CASE WHEN {b} IS NOT NULL AND {e} IS NOT NULL AND {e} < {b} THEN "
            f"{_fout(eind, _bron(eind, aanwezig), f'{eind} ligt vóór {begin}')} END"
        )
    for als, dan in tabel.voorwaardelijk_verplicht:
        for verplicht in dan:
            fout = _fout(verplicht, "NULL", f"{verplicht} is verplicht als {als} is ingevuld")
            fouten.append(
                f"CASE WHEN {namen[als].waarde} IS NOT NULL AND {namen[verplicht].waarde} IS NULL "
                f"THEN {fout} END"
            )
    for kolom, andere, waarden in tabel.verplicht_tenzij:
        lijst = ", ".join(sql_tekst(w) for w in waarden)
        uitzondering = " of ".join(waarden)
        fout = _fout(kolom, "NULL", f"{kolom} is verplicht, behalve bij {andere} {uitzondering}")
        fouten.append(
            f"CASE WHEN {namen[kolom].waarde} IS NULL "
            f"AND coalesce({namen[andere].waarde} NOT IN ({lijst}), true) THEN {fout} END"
        )

    if tabel.heeft_client:
        bsn = _bsn_sql(_bron("bsn", aanwezig))
        client_id = _bron("client_id", aanwezig)
        selects += [f"{bsn} AS bsn_genormaliseerd", f"{client_id} AS client_id_bron"]
        selects.append(
            f"CASE WHEN {bsn} IS NOT NULL THEN 'bsn' "
            f"WHEN {client_id} IS NOT NULL THEN 'client_id' END AS client_bron"
        )
        client = next(k for k in tabel.kolommen if k.soort == "client")
        lengte = _lengte_check(client, client_id)
        if lengte:
            # Only where the client_id is the identity used: next to a BSN it is not stored.
            fouten.append(
                f"CASE WHEN {bsn} IS NULL AND {lengte[0]} THEN "
                f"{_fout('client_id', client_id, lengte[1])} END"
            )
        leeg_kolom = "bsn" if "bsn" in aanwezig else "client_id"
        optioneel_sql = (
            f" AND {namen[tabel.client_optioneel_als].waarde} IS NULL"
            if tabel.client_optioneel_als
            else ""
        )
        fouten.append(
            f"CASE WHEN {bsn} IS NULL AND {client_id} IS NULL{optioneel_sql} THEN "
            f"{_fout(leeg_kolom, 'NULL', 'bsn of client_id is verplicht maar leeg')} END"
        )
        # The BSN itself is never copied into a quarantine reason.
        fouten.append(
            f"CASE WHEN {bsn} IS NOT NULL AND NOT regexp_full_match({bsn}, '[0-9]{{9}}') THEN "
            f"{_fout('bsn', 'NULL', 'BSN moet uit 9 cijfers bestaan (waarde niet opgeslagen)')} END"
        )
        fouten.append(
            f"CASE WHEN regexp_full_match({bsn}, '[0-9]{{9}}') AND NOT {elfproef_sql(bsn)} THEN "
            f"{_fout('bsn', 'NULL', 'BSN voldoet niet aan de elfproef (waarde niet opgeslagen)')}"
            " END"
        )

    lijst_sql = "[" + ", ".join(fouten) + "]" if fouten else "[]"
    selects_sql = ", ".join(selects)
    con.execute("SET VARIABLE punt_is_duizendtal = ?", [punt_is_duizendtal])
    con.execute(
        f"""
        CREATE OR REPLACE TABLE laad.genormaliseerd AS
        SELECT
            rij,
            herkomst,
            regelnummer,
            {selects_sql},
            list_filter({lijst_sql}, lambda f: f IS NOT NULL) AS fouten
        FROM laad.invoer
        """
    )


def punt_is_duizendtal(con: duckdb.DuckDBPyConnection, tabel: Tabel, kolommen: list[str]) -> bool:
    """A Dutch-style CSV writes 1.234,56: once a decimal comma is seen, dots are thousands."""
    getallen = [
        k.naam
        for k in tabel.kolommen
        if k.soort in {"getal", "geheel_getal"} and k.naam in kolommen
    ]
    if not getallen:
        return False
    voorwaarde_sql = " OR ".join(
        f"regexp_full_match(trim({ident(n)}), '-?[0-9.]*,[0-9]+')" for n in getallen
    )
    row = con.execute(f"SELECT count(*) FROM laad.invoer WHERE {voorwaarde_sql}").fetchone()
    return bool(row and row[0] > 0)
