"""Variants of a generated region the bench measures besides the region itself.

- `herschrijf_met_eigen_codes`: the same region with other product codes and perceel names and
  its own reference files, as a region with its own catalogue would have them.
(The region many times over, for the scale test, is pipelines/demo/schaal.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb

from pipelines.settings import reference_dir
from pipelines.sql_quote import ident, sql_tekst

# Other perceel names, as a region with its own catalogue would have them.
EIGEN_PERCELEN = {
    "Begeleiding": "Ondersteuning zelfredzaamheid",
    "Dagbesteding": "dagactiviteiten",
    "Huishoudelijke ondersteuning": "Schoon en leefbaar huis",
    "Beschermd wonen": "Wonen met begeleiding",
}


def herschrijf_met_eigen_codes(bron: Path, doel: Path) -> None:
    """The same region with other product codes and perceel names and its own reference files.

    Detection must not depend on the shipped catalogue: the result should equal the original's.
    """
    (doel / "bron").mkdir(parents=True, exist_ok=True)
    shutil.copy(bron / "grondwaarheid.csv", doel / "grondwaarheid.csv")
    ref = reference_dir()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE producten AS SELECT * FROM read_csv($p, all_varchar = true)",
        {"p": str(ref / "producten.csv")},
    )
    con.execute("CREATE TABLE percelen (oud VARCHAR, nieuw VARCHAR)")
    con.executemany("INSERT INTO percelen VALUES (?, ?)", list(EIGEN_PERCELEN.items()))
    con.execute(
        """
        CREATE TABLE codes AS
        SELECT p.productcode AS oud,
            p.productcategorie || 'Z' || lpad(CAST(row_number() OVER (ORDER BY p.productcode)
                AS VARCHAR), 2, '0') AS nieuw,
            coalesce(n.nieuw, p.perceel) AS perceel
        FROM producten AS p LEFT JOIN percelen AS n ON n.oud = p.perceel
        """
    )

    def schrijf(sql: str, naam: str, params: dict[str, str] | None = None) -> None:
        pad = str(doel / "bron" / naam)
        con.execute(f"COPY ({sql}) TO {sql_tekst(pad)} (HEADER, DELIMITER ',')", params or {})

    schrijf(
        "SELECT p.productcategorie, c.nieuw AS productcode, p.omschrijving, c.perceel, "
        "p.intensiteit, p.eenheid FROM producten AS p JOIN codes AS c ON c.oud = p.productcode",
        "producten_eigen.csv",
    )
    schrijf(
        "SELECT c.nieuw AS productcode, t.geldig_vanaf, t.geldig_tot, t.tarief, t.aanbieder_agb "
        "FROM read_csv($p, all_varchar = true) AS t JOIN codes AS c ON c.oud = t.productcode",
        "tarieven_eigen.csv",
        {"p": str(ref / "tarieven.csv")},
    )
    schrijf(
        """
        SELECT coalesce(ca.nieuw, pa.nieuw, s.a) AS a, coalesce(cb.nieuw, pb.nieuw, s.b) AS b,
            s.regel, s.toelichting
        FROM read_csv($p, all_varchar = true) AS s
        LEFT JOIN codes AS ca ON ca.oud = s.a LEFT JOIN percelen AS pa ON pa.oud = s.a
        LEFT JOIN codes AS cb ON cb.oud = s.b LEFT JOIN percelen AS pb ON pb.oud = s.b
        """,
        "samenloopregels_eigen.csv",
        {"p": str(ref / "samenloopregels.csv")},
    )
    for pad in sorted((bron / "bron").glob("*.csv")):
        kolommen = [
            r[0]
            for r in con.execute(
                "DESCRIBE SELECT * FROM read_csv($p, all_varchar = true)", {"p": str(pad)}
            ).fetchall()
        ]
        select_sql = ", ".join(
            "coalesce(c.nieuw, t.productcode) AS productcode"
            if k == "productcode"
            else f"t.{ident(k)}"
            for k in kolommen
        )
        schrijf(
            f"SELECT {select_sql} FROM read_csv($p, all_varchar = true) AS t "
            + (
                "LEFT JOIN codes AS c ON c.oud = t.productcode"
                if "productcode" in kolommen
                else "LEFT JOIN codes AS c ON false"
            ),
            pad.name,
            {"p": str(pad)},
        )
    con.close()


# The units variant (iWmo WJ756): product → (new unit, minutes per unit). Only products the
# generator allocates in hours (04) and declares in minutes (01) change; dagbesteding stays in
# dagdelen (16), kortdurend verblijf and beschermd wonen in etmalen (14), and 02A03/02A16/02A17
# stay in minutes. 83 (euro) is a lump sum per month: no minutes per unit.
EENHEDEN_VARIANT: dict[str, tuple[str, int | None]] = {
    "01A04": ("04", 60),
    "01A05": ("04", 60),
    "02A19": ("04", 60),
    # A beeldbelsessie of half an hour, counted in stuks (inspanning).
    "02A18": ("84", 30),
    # Huishoudelijke ondersteuning met regie: a monthly lump sum in euro.
    "01A06": ("83", None),
}
# The generator caps a weekly allocation at volume × days / 7; a month has at most 31 days.
_WEKEN_PER_VOLLE_MAAND = "31.0 / 7"


def _kolommen(con: duckdb.DuckDBPyConnection, pad: Path) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "DESCRIBE SELECT * FROM read_csv($p, all_varchar = true)", {"p": str(pad)}
        ).fetchall()
    ]


def _kopieer(con: duckdb.DuckDBPyConnection, sql: str, pad: Path, params: dict[str, Any]) -> None:
    con.execute(f"COPY ({sql}) TO {sql_tekst(str(pad))} (HEADER, DELIMITER ',')", params)


def _select_met_vervanging_sql(kolommen: list[str], vervanging: dict[str, str]) -> str:
    """Every column of t in its own order, replaced by an expression where one is given."""
    return ", ".join(
        f"{vervanging[k]} AS {ident(k)}" if k in vervanging else f"t.{ident(k)}" for k in kolommen
    )


def _verschil_per_jaar(con: duckdb.DuckDBPyConnection, oud: Path, nieuw_map: Path) -> None:
    """Table `verschil`: per provider, year and gemeente the standing declared euros after the
    rewrite minus before (declaraties.csv in nieuw_map is written first: files go by name)."""
    con.execute(
        """
        CREATE OR REPLACE TABLE verschil AS
        WITH saldo AS (
            SELECT aanbieder_agb, CAST(year(CAST(begindatum AS DATE)) AS VARCHAR) AS jaar,
                gemeentecode, bron, sum(CASE WHEN debet_credit = 'C' THEN -1 ELSE 1 END
                    * CAST(ingediend_bedrag AS DECIMAL(18, 2))) AS euro
            FROM (
                SELECT *, -1 AS bron FROM read_csv($oud, all_varchar = true)
                UNION ALL BY NAME
                SELECT *, 1 AS bron FROM read_csv($nieuw, all_varchar = true)
            )
            GROUP BY ALL
        )
        SELECT aanbieder_agb, jaar, gemeentecode, sum(bron * euro) AS verschil
        FROM saldo GROUP BY ALL
        """,
        {"oud": str(oud), "nieuw": str(nieuw_map / "declaraties.csv")},
    )


def herschrijf_eenheden(bron: Path, doel: Path) -> None:
    """The same region with products in other units (EENHEDEN_VARIANT) and its own reference.

    Allocations convert exactly (1,5 uur per week stays 1,5 uur; 1 uur becomes 2 sessies of
    half an hour; the lump sum is the most a full month may cost at the highest tariff).
    Declarations become whole units, rounded down (at least 1, a delivered prestatie is never
    0), so honest realisation stays below the maximum; the tariff converts per unit (the
    reference tariff where the line had it, else the line's own tariff times the unit) and
    ingediend_bedrag = volume × tarief. A credit line converts exactly like the line it cancels.
    """
    (doel / "bron").mkdir(parents=True, exist_ok=True)
    for naam in ("grondwaarheid.csv", "lookalikes.csv"):
        if (bron / naam).exists():
            shutil.copy(bron / naam, doel / naam)
    ref = reference_dir()
    con = duckdb.connect()
    con.execute("CREATE TABLE omzet (productcode VARCHAR, eenheid VARCHAR, minuten INTEGER)")
    con.executemany(
        "INSERT INTO omzet VALUES (?, ?, ?)", [(k, e, m) for k, (e, m) in EENHEDEN_VARIANT.items()]
    )
    con.execute(
        "CREATE TABLE tarieven AS SELECT * FROM read_csv($p, all_varchar = true)",
        {"p": str(ref / "tarieven.csv")},
    )
    con.execute(
        "CREATE TABLE hoogste AS SELECT productcode, max(CAST(tarief AS DECIMAL(18, 2))) AS uur "
        "FROM tarieven GROUP BY productcode"
    )
    _kopieer(
        con,
        "SELECT p.productcategorie, p.productcode, p.omschrijving, p.perceel, p.intensiteit, "
        "coalesce(o.eenheid, p.eenheid) AS eenheid "
        "FROM read_csv($p, all_varchar = true) AS p LEFT JOIN omzet AS o USING (productcode)",
        doel / "bron" / "producten_eigen.csv",
        {"p": str(ref / "producten.csv")},
    )
    # 84: the tariff per sessie; 83: one euro per euro.
    _kopieer(
        con,
        """
        SELECT t.productcode, t.geldig_vanaf, t.geldig_tot,
            CASE WHEN o.eenheid = '83' THEN CAST(1 AS DECIMAL(18, 2))
                WHEN o.minuten IS NOT NULL
                    THEN round(CAST(t.tarief AS DECIMAL(18, 2)) * o.minuten / 60, 2)
                ELSE CAST(t.tarief AS DECIMAL(18, 2)) END AS tarief,
            t.aanbieder_agb
        FROM tarieven AS t LEFT JOIN omzet AS o USING (productcode)
        """,
        doel / "bron" / "tarieven_eigen.csv",
        {},
    )
    _kopieer(
        con,
        "SELECT * FROM read_csv($p, all_varchar = true)",
        doel / "bron" / "samenloopregels_eigen.csv",
        {"p": str(ref / "samenloopregels.csv")},
    )
    con.execute(
        "CREATE TABLE toegewezen AS SELECT toewijzingnummer, gemeentecode, "
        "CASE WHEN count(DISTINCT coalesce(productcode, '')) = 1 THEN min(productcode) END "
        "AS productcode FROM read_csv($p, all_varchar = true) GROUP BY ALL",
        {"p": str(bron / "bron" / "toewijzingen.csv")},
    )
    for pad in sorted((bron / "bron").glob("*.csv")):
        kolommen = _kolommen(con, pad)
        vervanging: dict[str, str] = {}
        if pad.name.startswith("toewijzingen"):
            # Only allocations in hours change; 83 becomes a monthly lump sum.
            omgezet_sql = "o.productcode IS NOT NULL AND t.eenheid = '04' AND t.volume IS NOT NULL"
            vervanging = {
                "eenheid": f"CASE WHEN {omgezet_sql} THEN o.eenheid ELSE t.eenheid END",
                "frequentie": f"CASE WHEN {omgezet_sql} AND o.eenheid = '83' THEN '4' "
                "ELSE t.frequentie END",
                "volume": f"""CASE WHEN NOT ({omgezet_sql}) THEN t.volume
                    WHEN o.eenheid = '83' THEN CAST(CAST(ceil(CAST(t.volume AS DECIMAL(18, 2))
                        * {_WEKEN_PER_VOLLE_MAAND} * h.uur) AS INTEGER) AS VARCHAR)
                    ELSE CAST(round(CAST(t.volume AS DECIMAL(18, 2)) * 60 / o.minuten, 2)
                        AS VARCHAR) END""",
            }
            van_sql = "LEFT JOIN hoogste AS h USING (productcode)"
        elif pad.name.startswith("declaraties"):
            # A line on a category-level allocation (or on another product's, as upcoding does)
            # keeps its minutes unless the new unit is time too: euro and sessions would no
            # longer match the allocation's hours, which the contract forbids (TR341).
            omgezet_sql = (
                "o.productcode IS NOT NULL AND t.eenheid = '01' "
                "AND coalesce(o.eenheid = '04' OR tw.productcode = t.productcode, false)"
            )
            minuten_sql = "CAST(t.geleverd_volume AS DECIMAL(18, 2))"
            tarief_sql = "CAST(t.producttarief AS DECIMAL(18, 4))"
            uur_sql = "CAST(r.tarief AS DECIMAL(18, 2))"
            nieuw_volume_sql = f"greatest(1, floor({minuten_sql} / o.minuten))"
            nieuw_tarief_sql = (
                f"CASE WHEN {tarief_sql} = round({uur_sql} / 60, 2) "
                f"THEN round({uur_sql} * o.minuten / 60, 2) "
                f"ELSE round({tarief_sql} * o.minuten, 2) END"
            )
            vervanging = {
                "eenheid": f"CASE WHEN {omgezet_sql} THEN o.eenheid ELSE t.eenheid END",
                "geleverd_volume": f"""CASE WHEN NOT ({omgezet_sql}) THEN t.geleverd_volume
                    WHEN o.eenheid = '83' THEN t.ingediend_bedrag
                    ELSE CAST(CAST({nieuw_volume_sql} AS INTEGER) AS VARCHAR) END""",
                "producttarief": f"""CASE WHEN NOT ({omgezet_sql}) THEN t.producttarief
                    WHEN o.eenheid = '83' THEN NULL
                    ELSE CAST({nieuw_tarief_sql} AS VARCHAR) END""",
                "ingediend_bedrag": f"""CASE WHEN NOT ({omgezet_sql}) OR o.eenheid = '83'
                    THEN t.ingediend_bedrag
                    ELSE CAST(CAST({nieuw_volume_sql} * {nieuw_tarief_sql} AS DECIMAL(18, 2))
                        AS VARCHAR) END""",
            }
            # The regional reference tariff per hour on the period's first day.
            van_sql = (
                "LEFT JOIN tarieven AS r ON r.productcode = t.productcode "
                "AND r.aanbieder_agb IS NULL AND CAST(t.begindatum AS DATE) "
                "BETWEEN CAST(r.geldig_vanaf AS DATE) AND coalesce(CAST(r.geldig_tot AS DATE), "
                "DATE '9999-12-31') "
                "LEFT JOIN toegewezen AS tw ON tw.toewijzingnummer = t.toewijzingnummer "
                "AND tw.gemeentecode = t.gemeentecode"
            )
        else:
            van_sql = ""
        if pad.name.startswith("verantwoording") and (bron / "bron" / "declaraties.csv").exists():
            # The provider's own productieverantwoording follows its declarations: what rounding
            # to whole units took off is taken off there too (else KWA03 sees the rewrite).
            _verschil_per_jaar(con, bron / "bron" / "declaraties.csv", doel / "bron")
            vervanging = {
                "bedrag": "CASE WHEN t.productcode IS NULL THEN CAST(CAST(t.bedrag AS "
                "DECIMAL(18, 2)) + coalesce(v.verschil, 0) AS VARCHAR) ELSE t.bedrag END"
            }
            van_sql = (
                "LEFT JOIN verschil AS v ON v.aanbieder_agb = t.aanbieder_agb "
                "AND v.jaar = t.jaar AND v.gemeentecode = t.gemeentecode"
            )
        koppeling_sql = (
            "LEFT JOIN omzet AS o USING (productcode)"
            if "productcode" in kolommen
            else "LEFT JOIN omzet AS o ON false"
        )
        _kopieer(
            con,
            f"SELECT {_select_met_vervanging_sql(kolommen, vervanging)} "
            f"FROM read_csv($p, all_varchar = true) AS t {koppeling_sql} {van_sql}",
            doel / "bron" / pad.name,
            {"p": str(pad)},
        )
    con.close()


# The varied honest region: the day two providers merge and the day a provider loses its
# contract and its clients move to a small provider that won it.
FUSIEDATUM = "2024-07-01"
NIEUW_CONTRACT_DATUM = "2025-01-01"


def _gebruikt(params: dict[str, str], sql: str) -> dict[str, str]:
    """The parameters the statement names (DuckDB refuses unused ones)."""
    return {k: v for k, v in params.items() if f"${k}" in sql}


def _draag_over(
    con: duckdb.DuckDBPyConnection, van: str, naar: str, datum: str, naam_achtervoegsel: str
) -> None:
    """From `datum` on, provider `van`'s clients are provider `naar`'s: allocations and care
    periods running on that day are split (the old one ends the day before, a new one with its
    own number starts on the day), later ones move whole, and declarations for periods from that
    day on move with them (new referentienummers, so they cannot clash with `naar`'s own)."""
    p = {"van": van, "naar": naar, "datum": datum}
    sql = """
        CREATE OR REPLACE TEMP TABLE gesplitst AS
        SELECT toewijzingnummer FROM toewijzingen
        WHERE aanbieder_agb = $van AND CAST(ingangsdatum AS DATE) < CAST($datum AS DATE)
            AND (einddatum IS NULL OR CAST(einddatum AS DATE) >= CAST($datum AS DATE))
        """
    con.execute(sql, _gebruikt(p, sql))
    for tabel, begin, eind in (
        ("toewijzingen", "ingangsdatum", "einddatum"),
        ("zorgperiodes", "begindatum", "einddatum"),
    ):
        begin_sql, eind_sql = ident(begin), ident(eind)
        # The part from the day on, as a new row for the new provider.
        sql = f"""
            INSERT INTO {ident(tabel)} BY NAME
            SELECT * REPLACE (
                $naar AS aanbieder_agb, toewijzingnummer || 'F' AS toewijzingnummer,
                CAST(CAST($datum AS DATE) AS VARCHAR) AS {begin_sql})
            FROM {ident(tabel)}
            WHERE aanbieder_agb = $van AND toewijzingnummer IN (SELECT * FROM gesplitst)
                AND CAST({begin_sql} AS DATE) < CAST($datum AS DATE)
                AND ({eind_sql} IS NULL OR CAST({eind_sql} AS DATE) >= CAST($datum AS DATE))
            """
        con.execute(sql, _gebruikt(p, sql))
        sql = f"""
            UPDATE {ident(tabel)} SET {eind_sql} = CAST(CAST($datum AS DATE) - 1 AS VARCHAR)
            WHERE aanbieder_agb = $van AND CAST({begin_sql} AS DATE) < CAST($datum AS DATE)
                AND ({eind_sql} IS NULL OR CAST({eind_sql} AS DATE) >= CAST($datum AS DATE))
            """
        con.execute(sql, _gebruikt(p, sql))
        # Rows starting on or after the day move whole (on a split allocation: its new number).
        sql = f"""
            UPDATE {ident(tabel)} SET aanbieder_agb = $naar,
                toewijzingnummer = CASE WHEN toewijzingnummer IN (SELECT * FROM gesplitst)
                    THEN toewijzingnummer || 'F' ELSE toewijzingnummer END
            WHERE aanbieder_agb = $van AND CAST({begin_sql} AS DATE) >= CAST($datum AS DATE)
            """
        con.execute(sql, _gebruikt(p, sql))
    sql = """
        UPDATE declaraties SET aanbieder_agb = $naar,
            referentienummer = 'F' || referentienummer,
            vorig_referentienummer = 'F' || vorig_referentienummer,
            toewijzingnummer = CASE WHEN toewijzingnummer IN (SELECT * FROM gesplitst)
                THEN toewijzingnummer || 'F' ELSE toewijzingnummer END
        WHERE aanbieder_agb = $van AND CAST(begindatum AS DATE) >= CAST($datum AS DATE)
        """
    con.execute(sql, _gebruikt(p, sql))
    con.execute(
        "UPDATE aanbieders SET naam = naam || $achter, hoofdaannemer_agb = NULL, "
        "contract_tot = CAST(CAST($datum AS DATE) - 1 AS VARCHAR) WHERE aanbieder_agb = $van",
        {"achter": naam_achtervoegsel, "van": van, "datum": datum},
    )
    # The providers' own productieverantwoording follows what each declared after the move.
    sql = """
        DELETE FROM verantwoording WHERE aanbieder_agb IN ($van, $naar)
            AND CAST(jaar AS INTEGER) >= year(CAST($datum AS DATE))
        """
    con.execute(sql, _gebruikt(p, sql))
    sql = """
        INSERT INTO verantwoording BY NAME
        SELECT aanbieder_agb, CAST(year(CAST(begindatum AS DATE)) AS VARCHAR) AS jaar,
            gemeentecode, NULL AS productcode,
            CAST(sum(CASE WHEN debet_credit = 'C' THEN -1 ELSE 1 END
                * CAST(ingediend_bedrag AS DECIMAL(18, 2))) AS VARCHAR) AS bedrag
        FROM declaraties
        WHERE aanbieder_agb IN ($van, $naar)
            AND year(CAST(begindatum AS DATE)) >= year(CAST($datum AS DATE))
        GROUP BY ALL
        """
    con.execute(sql, _gebruikt(p, sql))


def _productgroepen(con: duckdb.DuckDBPyConnection) -> list[tuple[str, list[str]]]:
    """Providers with the same product range, largest range group first; within a group the
    providers by declared euros, largest first. Only plain providers (no onderaannemer)."""
    rijen = con.execute(
        """
        WITH aanbod AS (
            SELECT d.aanbieder_agb, string_agg(DISTINCT d.productcode, ',' ORDER BY d.productcode)
                    AS producten,
                sum(CAST(d.ingediend_bedrag AS DECIMAL(18, 2))) AS euro
            FROM declaraties AS d JOIN aanbieders AS a USING (aanbieder_agb)
            WHERE a.hoofdaannemer_agb IS NULL AND a.contract_tot IS NULL
            GROUP BY d.aanbieder_agb
        )
        SELECT producten, list(aanbieder_agb ORDER BY euro DESC, aanbieder_agb)
        FROM aanbod GROUP BY producten HAVING count(*) >= 3
        ORDER BY count(*) DESC, producten
        """
    ).fetchall()
    return [(r[0], list(r[1])) for r in rijen]


def herschrijf_gevarieerd(bron: Path, doel: Path) -> dict[str, str]:
    """An honest region made varied: two mergers (the smaller provider's clients go to the
    larger one mid-2024, the smaller one is marked "(fusie)"), a provider that loses its contract
    at the end of 2024 to the smallest provider of its kind (which grows strongly in clients),
    and then every unit of EENHEDEN_VARIANT. Returns who merged into whom, for the report."""
    tussen = doel / "_gevarieerd"
    (tussen / "bron").mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    tabellen = {pad.stem: pad for pad in sorted((bron / "bron").glob("*.csv"))}
    for tabel, pad in tabellen.items():
        con.execute(
            f"CREATE TABLE {ident(tabel)} AS SELECT * FROM read_csv($p, all_varchar = true)",
            {"p": str(pad)},
        )
    groepen = _productgroepen(con)
    if len(groepen) < 2:
        raise ValueError("te weinig aanbieders met hetzelfde aanbod voor fusie en nieuw contract")
    gebeurd: dict[str, str] = {}
    # Two mergers in the largest group: the biggest absorbs the second and the third.
    _, grootste = groepen[0]
    for kleiner in grootste[1:3]:
        _draag_over(con, kleiner, grootste[0], FUSIEDATUM, " (fusie)")
        gebeurd[f"fusie {kleiner}"] = grootste[0]
    # A new contract in the next group: its largest loses it to its smallest.
    _, tweede = groepen[1]
    _draag_over(con, tweede[0], tweede[-1], NIEUW_CONTRACT_DATUM, " (contract beëindigd)")
    gebeurd[f"nieuw contract {tweede[0]}"] = tweede[-1]
    for tabel, pad in tabellen.items():
        _kopieer(con, f"SELECT * FROM {ident(tabel)}", tussen / "bron" / pad.name, {})
    con.close()
    for naam in ("grondwaarheid.csv", "lookalikes.csv"):
        if (bron / naam).exists():
            shutil.copy(bron / naam, tussen / naam)
    herschrijf_eenheden(tussen, doel)
    shutil.rmtree(tussen)
    return gebeurd
