"""A national-size data set with the demo region's structure, streamed to disk (issue #14).

`genereer_schaal(doelmap, kopieen)` generates the seeded demo region once (~205k declaration
lines, in memory for a few seconds), then lets DuckDB write it `kopieen` times over with
rewritten keys, one block of copies per file, so memory depends on the block and not on the
size asked for (measured: 5M lines in 8 s and 20M in 34 s, each at ~0,7 GB).

Every copy is a region of its own:
- gemeenten: the region's gemeenten map onto real CBS gemeentecodes (data/reference/
  gemeenten.csv), copy after copy; beyond the 342 gemeenten codes repeat (a bigger gemeente);
- clients: a new BSN per client and copy, valid under the elfproef and distinct over all
  copies (9xxxxxxxx, synthetic like the demo's 99xxxxxxx);
- toewijzingnummers (8 digits, as the demo writes them), referentienummers and
  declaratienummers get the copy's number, so no key of one copy meets another's;
- providers grow less than clients, as nationally: copy k contracts provider set
  k mod `aanbiedersets(kopieen)` (at most ~4·√kopieen sets of the region's 100 providers: a
  few thousand providers for 20-40 million lines), each with its own 8-digit AGB code.

Tables per provider (aanbieders, organisaties, onderaannemers, meldingen,
managementinformatie, wachttijden) are written once per provider set; verantwoording and
begroting are summed over the copies that share a key (a provider accounts for all its
gemeenten' production; a gemeente that recurs budgets for all its copies).

The region's last month of prestaties (declaraties with a begindatum in it, credits and
rebills included) is held back as a separate delivery in `extra_maand/`, for measuring an
incremental load. With `parquet` the same files are also written as Parquet (all columns as
text, as the CSV carries them) in `bron_parquet/` and `extra_maand_parquet/`.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.contract import herken_tabel
from pipelines.demo.generate_region import genereer_regio
from pipelines.demo.uitvoer import getal
from pipelines.settings import DEMO_SEED, reference_dir
from pipelines.sql_quote import ident, sql_tekst

# Tables written per copy (one file per block of copies), with the client in them.
PER_KOPIE = ("toewijzingen", "zorgperiodes", "declaraties")
# Tables of providers, written once per provider set.
PER_AANBIEDERSET = (
    "aanbieders",
    "organisaties",
    "onderaannemers",
    "meldingen",
    "managementinformatie",
    "wachttijden",
)
# Tables summed over the copies that share their key.
OPGETELD = ("verantwoording", "begroting")
ALLE = frozenset((*PER_KOPIE, *PER_AANBIEDERSET, *OPGETELD))

# The demo region writes 100 providers; a set is those 100 with new AGB codes.
MAX_AANBIEDERSETS_PER_WORTEL = 4
# BSNs 9 + six digits + two: nine valid numbers per prefix of seven digits.
_BSN_CAPACITEIT = 1_000_000 * 9
# Toewijzingnummers stay 8 digits (a ninth digit could pass the elfproef and look like a BSN).
_TOEWIJZINGNUMMER_START = 10_000_000
_TOEWIJZINGNUMMER_CAPACITEIT = 90_000_000
# Copy numbers in referentie- and declaratienummers: four digits.
MAX_KOPIEEN = 9_999
# Working memory of the generator's DuckDB: the block at hand, never the whole set.
GEHEUGEN = "1GB"


@dataclass(frozen=True)
class SchaalSamenvatting:
    """What genereer_schaal wrote: rows per table (main delivery), the extra month, files."""

    kopieen: int
    aanbiedersets: int
    rijen: dict[str, int]
    extra_maand: str
    extra_maand_rijen: int
    bron: Path
    extra: Path
    bron_parquet: Path | None = None
    extra_parquet: Path | None = None
    bestanden: list[Path] = field(default_factory=list)

    @property
    def declaratieregels(self) -> int:
        return self.rijen["declaraties"]

    @property
    def aanbieders(self) -> int:
        return self.rijen["aanbieders"]

    def __str__(self) -> str:
        rijen = ", ".join(f"{naam} {getal(aantal)}" for naam, aantal in self.rijen.items())
        return (
            f"{self.kopieen} kopieën van de demoregio, {getal(self.aanbieders)} aanbieders; "
            f"rijen: {rijen}; extra maand {self.extra_maand}: "
            f"{getal(self.extra_maand_rijen)} declaratieregels"
        )


def aanbiedersets(kopieen: int) -> int:
    """How many provider sets `kopieen` copies contract: all while few, then ~4·√kopieen."""
    return max(1, min(kopieen, math.ceil(MAX_AANBIEDERSETS_PER_WORTEL * math.sqrt(kopieen))))


def kopieen_voor(declaratieregels: int, regels_per_kopie: int) -> int:
    """The number of copies closest to `declaratieregels` lines (at least one)."""
    return max(1, round(declaratieregels / regels_per_kopie))


def genereer_schaal(
    doelmap: Path,
    kopieen: int,
    *,
    seed: int = DEMO_SEED,
    parquet: bool = False,
    kopieen_per_bestand: int = 5,
    basis: Path | None = None,
) -> SchaalSamenvatting:
    """Write the demo region `kopieen` times over into doelmap (see the module docstring).

    `basis` is a folder that already holds a generated demo region (its bron/); without it
    the region of `seed` is generated into doelmap/basis first. Files of the copied tables
    hold `kopieen_per_bestand` copies each (the unit of memory and of one ingest transaction).
    """
    if not 1 <= kopieen <= MAX_KOPIEEN:
        raise ValueError(f"het aantal kopieën moet tussen 1 en {MAX_KOPIEEN} liggen")
    if kopieen_per_bestand < 1:
        raise ValueError("kopieen_per_bestand moet minstens 1 zijn")
    if basis is None:
        basis = doelmap / "basis"
        genereer_regio(basis, seed)
    bron, extra = doelmap / "bron", doelmap / "extra_maand"
    mappen = [bron, extra]
    if parquet:
        mappen += [doelmap / "bron_parquet", doelmap / "extra_maand_parquet"]
    for m in mappen:
        _leeg(m)
    tmp = doelmap / "tmp_duckdb"
    tmp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        config={"memory_limit": GEHEUGEN, "temp_directory": str(tmp)},
    )
    try:
        schrijver = _Schrijver(con, basis / "bron", kopieen, parquet, doelmap)
        schrijver.lees_basis()
        for start in range(0, kopieen, kopieen_per_bestand):
            schrijver.schrijf_blok(start, min(kopieen, start + kopieen_per_bestand))
        schrijver.schrijf_per_aanbiederset()
        schrijver.schrijf_opgeteld()
        return SchaalSamenvatting(
            kopieen=kopieen,
            aanbiedersets=schrijver.sets,
            rijen=schrijver.rijen,
            extra_maand=schrijver.extra_maand,
            extra_maand_rijen=schrijver.extra_rijen,
            bron=bron,
            extra=extra,
            bron_parquet=doelmap / "bron_parquet" if parquet else None,
            extra_parquet=doelmap / "extra_maand_parquet" if parquet else None,
            bestanden=schrijver.bestanden,
        )
    finally:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _leeg(map_: Path) -> None:
    """Create map_, or remove the files of the tables written here from it: blocks of an
    earlier, larger run (or the plain demo's declaraties.csv) would otherwise load along.
    Other files are left alone."""
    map_.mkdir(parents=True, exist_ok=True)
    for pad in map_.iterdir():
        if pad.is_file() and pad.suffix in {".csv", ".parquet"} and herken_tabel(pad.name) in ALLE:
            pad.unlink()


# A BSN from a sequence number n: '9', six digits of n // 9, then the (n % 9)-th of the nine
# eighth digits that make the elfproef solvable, then the check digit. The weighted sum of
# the first seven digits is r (mod 11); the eighth digit d8 (weight 2) is invalid exactly when
# r + 2·d8 ≡ 10, i.e. d8 ≡ 6·(10 − r) (mod 11), since 6 is the inverse of 2 modulo 11.
_MACROS = """
CREATE MACRO bsn_voorvoegsel(n) AS '9' || lpad(CAST(n // 9 AS VARCHAR), 6, '0');
CREATE MACRO bsn_som7(p) AS list_sum(
    list_transform(range(7), lambda i: (9 - i) * CAST(substr(p, i + 1, 1) AS INTEGER)));
CREATE MACRO bsn_ongeldig_achtste(s) AS ((10 - s % 11) * 6) % 11;
CREATE MACRO bsn_achtste(n, s) AS
    CASE WHEN n % 9 >= bsn_ongeldig_achtste(s) THEN n % 9 + 1 ELSE n % 9 END;
CREATE MACRO bsn_uit_volgnummer(n) AS
    bsn_voorvoegsel(n) || CAST(bsn_achtste(n, bsn_som7(bsn_voorvoegsel(n))) AS VARCHAR)
    || CAST((bsn_som7(bsn_voorvoegsel(n)) + 2 * bsn_achtste(n, bsn_som7(bsn_voorvoegsel(n))))
        % 11 AS VARCHAR);
CREATE MACRO kopienummer(k) AS lpad(CAST(k AS VARCHAR), 4, '0');
"""


def maak_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The generator's SQL macros (bsn_uit_volgnummer, kopienummer) in `con`."""
    for stmt in _MACROS.split(";"):
        if stmt.strip():
            con.execute(stmt)


class _Schrijver:
    """The generator's DuckDB session: the base region as tables, key maps, and the writers."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, basis: Path, kopieen: int, parquet: bool, doel: Path
    ) -> None:
        self.con = con
        self.basis = basis
        self.kopieen = kopieen
        self.parquet = parquet
        self.doel = doel
        self.sets = aanbiedersets(kopieen)
        self.rijen: dict[str, int] = {}
        self.extra_rijen = 0
        self.extra_maand = ""
        self.bestanden: list[Path] = []
        self.kolommen: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ base region and maps
    def lees_basis(self) -> None:
        con = self.con
        maak_macros(con)
        for tabel in (*PER_KOPIE, *PER_AANBIEDERSET, *OPGETELD):
            pad = self.basis / f"{tabel}.csv"
            # Text as written, so every value leaves as it came (135.00 stays 135.00).
            con.execute(
                f"CREATE TABLE {ident('basis_' + tabel)} AS "
                "SELECT * FROM read_csv($pad, all_varchar = true, header = true)",
                {"pad": str(pad)},
            )
            self.kolommen[tabel] = [
                r[0] for r in con.execute(f"DESCRIBE {ident('basis_' + tabel)}").fetchall()
            ]
        con.execute(
            """
            CREATE TABLE clienten AS
            SELECT bsn, CAST(row_number() OVER (ORDER BY bsn) - 1 AS BIGINT) AS volgnummer
            FROM (SELECT bsn FROM basis_toewijzingen UNION SELECT bsn FROM basis_zorgperiodes
                  UNION SELECT bsn FROM basis_declaraties)
            """
        )
        con.execute(
            """
            CREATE TABLE toewijzingnummers AS
            SELECT toewijzingnummer,
                CAST(row_number() OVER (ORDER BY toewijzingnummer) - 1 AS BIGINT) AS volgnummer
            FROM (SELECT toewijzingnummer FROM basis_toewijzingen
                  UNION SELECT toewijzingnummer FROM basis_zorgperiodes
                  UNION SELECT toewijzingnummer FROM basis_declaraties
                  WHERE toewijzingnummer IS NOT NULL)
            """
        )
        con.execute(
            """
            CREATE TABLE agb AS
            SELECT agb, CAST(row_number() OVER (ORDER BY agb) - 1 AS BIGINT) AS volgnummer
            FROM (SELECT aanbieder_agb AS agb FROM basis_aanbieders
                  UNION SELECT hoofdaannemer_agb FROM basis_aanbieders
                  UNION SELECT hoofdaannemer_agb FROM basis_onderaannemers
                  UNION SELECT onderaannemer_agb FROM basis_onderaannemers
                  UNION SELECT aanbieder_agb FROM basis_organisaties
                  UNION SELECT aanbieder_agb FROM basis_declaraties
                  UNION SELECT aanbieder_agb FROM basis_toewijzingen
                  UNION SELECT aanbieder_agb FROM basis_zorgperiodes
                  UNION SELECT aanbieder_agb FROM basis_meldingen
                  UNION SELECT aanbieder_agb FROM basis_managementinformatie
                  UNION SELECT aanbieder_agb FROM basis_wachttijden
                  UNION SELECT aanbieder_agb FROM basis_verantwoording)
            WHERE agb IS NOT NULL
            """
        )
        con.execute(
            """
            CREATE TABLE kvk AS
            SELECT kvk_nummer, CAST(row_number() OVER (ORDER BY kvk_nummer) - 1 AS BIGINT)
                AS volgnummer
            FROM (SELECT DISTINCT kvk_nummer FROM basis_organisaties WHERE kvk_nummer IS NOT NULL)
            """
        )
        con.execute(
            """
            CREATE TABLE regiogemeenten AS
            SELECT gemeentecode, CAST(row_number() OVER (ORDER BY gemeentecode) - 1 AS BIGINT)
                AS volgnummer
            FROM (SELECT gemeentecode FROM basis_toewijzingen
                  UNION SELECT gemeentecode FROM basis_zorgperiodes
                  UNION SELECT gemeentecode FROM basis_declaraties
                  UNION SELECT gemeentecode FROM basis_wachttijden
                  UNION SELECT gemeentecode FROM basis_verantwoording
                  UNION SELECT gemeentecode FROM basis_begroting)
            WHERE gemeentecode IS NOT NULL
            """
        )
        con.execute(
            "CREATE TABLE landelijk AS SELECT gemeentecode, "
            "CAST(row_number() OVER (ORDER BY gemeentecode) - 1 AS BIGINT) AS volgnummer "
            "FROM read_csv($pad, all_varchar = true, header = true)",
            {"pad": str(reference_dir() / "gemeenten.csv")},
        )
        aantallen = con.execute(
            "SELECT (SELECT count(*) FROM clienten), (SELECT count(*) FROM toewijzingnummers), "
            "(SELECT count(*) FROM agb), (SELECT count(*) FROM kvk), "
            "(SELECT count(*) FROM regiogemeenten), (SELECT count(*) FROM landelijk), "
            "(SELECT strftime(max(CAST(begindatum AS DATE)), '%Y-%m') FROM basis_declaraties)"
        ).fetchone()
        assert aantallen is not None
        self.n_clienten, self.n_toewijzingen, self.n_agb, self.n_kvk = aantallen[:4]
        self.n_regiogemeenten, self.n_landelijk, self.extra_maand = aantallen[4:]
        if self.kopieen * self.n_clienten > _BSN_CAPACITEIT:
            raise ValueError(
                f"te veel kopieën: {self.kopieen} × {self.n_clienten} cliënten past niet in "
                f"{getal(_BSN_CAPACITEIT)} synthetische BSN's"
            )
        if self.kopieen * self.n_toewijzingen > _TOEWIJZINGNUMMER_CAPACITEIT:
            raise ValueError("te veel kopieën voor toewijzingnummers van 8 cijfers")
        if self.sets * self.n_agb >= 1_000_000:
            raise ValueError("te veel aanbiedersets voor AGB-codes van 8 cijfers")
        con.execute(
            "CREATE TABLE parameters AS SELECT $clienten AS clienten, $toewijzingen AS "
            "toewijzingen, $agb AS agb, $kvk AS kvk, $sets AS sets, $regio AS regio, "
            "$landelijk AS landelijk",
            {
                "clienten": self.n_clienten,
                "toewijzingen": self.n_toewijzingen,
                "agb": self.n_agb,
                "kvk": self.n_kvk,
                "sets": self.sets,
                "regio": self.n_regiogemeenten,
                "landelijk": self.n_landelijk,
            },
        )
        # Maps from (copy or set, original) to the new key, as macros over the small tables.
        con.execute(
            "CREATE MACRO nieuwe_agb(s, oud) AS (SELECT '98' || lpad(CAST(s * p.agb + a.volgnummer "
            "AS VARCHAR), 6, '0') FROM agb AS a, parameters AS p WHERE a.agb = oud)"
        )

    # --------------------------------------------------------------- writing per block
    def _kopieer(self, sql: str, pad: Path, params: dict[str, object]) -> int:
        """COPY the query to pad (CSV) and, with parquet, to the Parquet twin; rows written."""
        rijen = self.con.execute(
            f"COPY ({sql}) TO {sql_tekst(str(pad))} (HEADER, DELIMITER ',')", params
        ).fetchone()
        self.bestanden.append(pad)
        if self.parquet:
            twin_map = self.doel / (pad.parent.name + "_parquet")
            twin = twin_map / (pad.stem + ".parquet")
            self.con.execute(
                f"COPY (SELECT * FROM read_csv($pad, all_varchar = true, header = true)) "
                f"TO {sql_tekst(str(twin))} (FORMAT parquet)",
                {"pad": str(pad)},
            )
            self.bestanden.append(twin)
        return int(rijen[0]) if rijen else 0

    def _select_sql(self, tabel: str, vervanging: dict[str, str]) -> str:
        """The table's columns in their own order, replaced by an expression where given."""
        return ", ".join(
            f"{vervanging[k]} AS {ident(k)}" if k in vervanging else f"t.{ident(k)}"
            for k in self.kolommen[tabel]
        )

    def schrijf_blok(self, start: int, eind: int) -> None:
        """Copies start..eind-1 of the per-copy tables: one file per table, plus the extra
        month of declaraties."""
        con = self.con
        # The block's key maps: clients, toewijzingen and gemeenten per copy (small tables).
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE blok_clienten AS
            SELECT k.k, c.bsn, bsn_uit_volgnummer(k.k * p.clienten + c.volgnummer) AS nieuw
            FROM range($start, $eind) AS k(k), clienten AS c, parameters AS p
            """,
            {"start": start, "eind": eind},
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE blok_toewijzingen AS
            SELECT k.k, t.toewijzingnummer, CAST($eerste + k.k * p.toewijzingen + t.volgnummer
                AS VARCHAR) AS nieuw
            FROM range($start, $eind) AS k(k), toewijzingnummers AS t, parameters AS p
            """,
            {"start": start, "eind": eind, "eerste": _TOEWIJZINGNUMMER_START},
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE blok_gemeenten AS
            SELECT k.k, g.gemeentecode, l.gemeentecode AS nieuw
            FROM range($start, $eind) AS k(k), regiogemeenten AS g, parameters AS p,
                landelijk AS l
            WHERE l.volgnummer = (k.k * p.regio + g.volgnummer) % p.landelijk
            """,
            {"start": start, "eind": eind},
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE blok_agb AS
            SELECT k.k, a.agb, '98' || lpad(CAST((k.k % p.sets) * p.agb + a.volgnummer
                AS VARCHAR), 6, '0') AS nieuw
            FROM range($start, $eind) AS k(k), agb AS a, parameters AS p
            """,
            {"start": start, "eind": eind},
        )
        blok = f"blok_{start:04d}_{eind - 1:04d}"
        for tabel in PER_KOPIE:
            vervanging = {
                "bsn": "c.nieuw",
                "gemeentecode": "g.nieuw",
                "aanbieder_agb": "a.nieuw",
                "toewijzingnummer": "tw.nieuw",
            }
            if tabel == "declaraties":
                vervanging |= {
                    "declaratienummer": "t.declaratienummer || kopienummer(k.k)",
                    "referentienummer": "kopienummer(k.k) || t.referentienummer",
                    "vorig_referentienummer": "kopienummer(k.k) || t.vorig_referentienummer",
                }
            select_sql = self._select_sql(tabel, vervanging)
            van_sql = f"""
                FROM {ident("basis_" + tabel)} AS t CROSS JOIN range($start, $eind) AS k(k)
                JOIN blok_clienten AS c ON c.k = k.k AND c.bsn = t.bsn
                JOIN blok_gemeenten AS g ON g.k = k.k AND g.gemeentecode = t.gemeentecode
                JOIN blok_agb AS a ON a.k = k.k AND a.agb = t.aanbieder_agb
                LEFT JOIN blok_toewijzingen AS tw
                    ON tw.k = k.k AND tw.toewijzingnummer = t.toewijzingnummer
            """
            params: dict[str, object] = {"start": start, "eind": eind}
            if tabel != "declaraties":
                self._tel(
                    tabel,
                    self._kopieer(
                        f"SELECT {select_sql} {van_sql}",
                        self.doel / "bron" / f"{tabel}_{blok}.csv",
                        params,
                    ),
                )
                continue
            maand_sql = "strftime(CAST(t.begindatum AS DATE), '%Y-%m')"
            params["maand"] = self.extra_maand
            self._tel(
                tabel,
                self._kopieer(
                    f"SELECT {select_sql} {van_sql} WHERE {maand_sql} < $maand",
                    self.doel / "bron" / f"{tabel}_{blok}.csv",
                    params,
                ),
            )
            self.extra_rijen += self._kopieer(
                f"SELECT {select_sql} {van_sql} WHERE {maand_sql} = $maand",
                self.doel / "extra_maand" / f"{tabel}_{self.extra_maand}_{blok}.csv",
                params,
            )

    def _tel(self, tabel: str, rijen: int) -> None:
        self.rijen[tabel] = self.rijen.get(tabel, 0) + rijen

    # ------------------------------------------------------------ per provider set, summed
    def schrijf_per_aanbiederset(self) -> None:
        """Provider tables once per set: set s keeps the gemeenten of copy s."""
        sets_sql = "range($sets) AS k(k)"
        for tabel in PER_AANBIEDERSET:
            kolommen = self.kolommen[tabel]
            vervanging: dict[str, str] = {
                k: f"nieuwe_agb(k.k, t.{ident(k)})"
                for k in ("aanbieder_agb", "hoofdaannemer_agb", "onderaannemer_agb")
                if k in kolommen
            }
            joins_sql = ""
            if "gemeentecode" in kolommen:
                vervanging["gemeentecode"] = "l.gemeentecode"
                joins_sql = (
                    " JOIN regiogemeenten AS g ON g.gemeentecode = t.gemeentecode"
                    " CROSS JOIN parameters AS p"
                    " JOIN landelijk AS l ON l.volgnummer = (k.k * p.regio + g.volgnummer)"
                    " % p.landelijk"
                )
            if tabel == "organisaties":
                vervanging["kvk_nummer"] = (
                    "CAST(60000000 + k.k * (SELECT kvk FROM parameters) + "
                    "(SELECT volgnummer FROM kvk WHERE kvk.kvk_nummer = t.kvk_nummer) AS VARCHAR)"
                )
            for naam in ("naam", "organisatienaam"):
                if naam in kolommen:
                    # The first set keeps the demo's names; later sets are numbered.
                    vervanging[naam] = (
                        f"CASE WHEN k.k = 0 THEN t.{ident(naam)} "
                        f"ELSE t.{ident(naam)} || ' ' || CAST(k.k + 1 AS VARCHAR) END"
                    )
            sql = (
                f"SELECT {self._select_sql(tabel, vervanging)} "
                f"FROM {ident('basis_' + tabel)} AS t CROSS JOIN {sets_sql}{joins_sql}"
            )
            self._tel(
                tabel, self._kopieer(sql, self.doel / "bron" / f"{tabel}.csv", {"sets": self.sets})
            )

    def schrijf_opgeteld(self) -> None:
        """verantwoording and begroting over all copies, summed where copies share a key."""
        gemeente_sql = (
            "JOIN regiogemeenten AS g ON g.gemeentecode = t.gemeentecode "
            "CROSS JOIN parameters AS p "
            "JOIN landelijk AS l ON l.volgnummer = (k.k * p.regio + g.volgnummer) % p.landelijk"
        )
        self._tel(
            "verantwoording",
            self._kopieer(
                f"""
                SELECT aanbieder_agb, jaar, gemeentecode, productcode,
                    CAST(sum(CAST(bedrag AS DECIMAL(18, 2))) AS VARCHAR) AS bedrag, stap,
                    min(ontvangen_datum) AS ontvangen_datum
                FROM (
                    SELECT nieuwe_agb(k.k % p.sets, t.aanbieder_agb) AS aanbieder_agb, t.jaar,
                        l.gemeentecode, t.productcode, t.bedrag, t.stap, t.ontvangen_datum
                    FROM basis_verantwoording AS t CROSS JOIN range($kopieen) AS k(k)
                    {gemeente_sql}
                )
                GROUP BY ALL
                ORDER BY aanbieder_agb, jaar, gemeentecode, productcode NULLS FIRST, stap
                """,
                self.doel / "bron" / "verantwoording.csv",
                {"kopieen": self.kopieen},
            ),
        )
        self._tel(
            "begroting",
            self._kopieer(
                f"""
                SELECT gemeentecode, perceel, jaar,
                    CAST(sum(CAST(bedrag AS DECIMAL(18, 2))) AS VARCHAR) AS bedrag
                FROM (
                    SELECT l.gemeentecode, t.perceel, t.jaar, t.bedrag
                    FROM basis_begroting AS t CROSS JOIN range($kopieen) AS k(k)
                    {gemeente_sql}
                )
                GROUP BY ALL
                ORDER BY gemeentecode, perceel, jaar
                """,
                self.doel / "bron" / "begroting.csv",
                {"kopieen": self.kopieen},
            ),
        )
