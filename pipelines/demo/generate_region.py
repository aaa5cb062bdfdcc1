"""Deterministic demo region: synthetic iWmo data for one real inkoopregio (Eemland).

`genereer_regio()` writes the contract tables of a synthetic Wmo region into `doelmap/bron/`
(toewijzingen, zorgperiodes, declaraties, aanbieders, meldingen, verantwoording), the ground
truth of injected irregularities into `doelmap/grondwaarheid.csv` and the honest look-alikes
into `doelmap/lookalikes.csv`. The shipped reference defaults in `data/reference/`
(producten, tarieven, gemeenten, samenloopregels) apply to the region and are not copied;
products and tariffs are read from there.

How the honest region is built:
- the seven real gemeenten of jeugdzorgregio Eemland, clients spread by inhabitants;
- providers with a product range (profile) and a heavy-tailed size; a few onderaannemers;
- per client one or two care needs (an "episode" per product: start, end, end reason),
  placed so every client has care in the window; episodes are cut into toewijzingen of
  3–24 months (some open-ended) with re-indications, and start/stop messages (305/307);
- monthly prestaties per toewijzing: period = month ∩ toewijzing ∩ zorgperiode, volume =
  a realised share of the allocated volume (provider level, client level, month noise,
  absence, holidays), regional tariff, a monthly invoice per provider, ~1.5% corrections
  (credit + rebill) — see injected_schemes.py for the schemes and look-alikes on top.

All randomness comes from numpy generators spawned from one seed, and all tables are
sorted before writing, so the same seed gives byte-identical files. Names, AGB codes and
BSNs are synthetic: BSNs are drawn in the 99xxxxxxx block and pass the elfproef.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.contract import TABELLEN
from pipelines.demo import injected_schemes as schemas
from pipelines.settings import bundel_map

REGIO = "Eemland"
# Inhabitants (CBS, 1 January 2024, rounded to 500): clients are spread in proportion.
INWONERS: dict[str, int] = {
    "0307": 160_000,  # Amersfoort
    "0342": 48_000,  # Soest
    "0327": 30_500,  # Leusden
    "0308": 25_500,  # Baarn
    "0313": 22_500,  # Bunschoten
    "0351": 14_000,  # Woudenberg
    "0317": 10_000,  # Eemnes
}
# One gemeente allocates begeleiding and dagbesteding on category level (productcode
# empty): the provider then chooses the code, which is where aspecific upcoding lives.
CATEGORIE_NIVEAU_GEMEENTE = "0327"
CATEGORIE_NIVEAU_PERCELEN = ("Begeleiding", "Dagbesteding")

HO = ("01A04", "01A05", "01A06")
BEG = ("02A03", "02A16", "02A19", "02A17", "02A18")
DB = ("07A03", "07A04", "07A16")
KV = ("04A04", "04A08")
BW = ("15A08", "15A09", "15A10", "15A11", "15A12", "15A34")
# Product range per provider profile.
PROFIELEN: dict[str, tuple[str, ...]] = {
    "HO": HO,
    "BEG": BEG,
    "BEG_DB": (*BEG, "07A03", "07A04"),
    "DB": DB,
    "SPEC": ("02A19",),
    "BW": (*BW, "02A19"),
    "KV_DB": (*KV, *DB),
    "BREED": (*HO, *BEG, "07A03", "07A04"),
}
# Profiles of ordinary providers beyond the guaranteed set, and their chances.
GENERIEKE_PROFIELEN = ("HO", "BEG", "BEG_DB", "DB", "BW", "KV_DB", "BREED")
GENERIEKE_KANSEN = (0.22, 0.22, 0.22, 0.12, 0.08, 0.06, 0.08)
# Every region needs these: peers for the schemes, BW clients for stapeling, a switch pair.
GEGARANDEERD = ("BREED", "HO", "HO", "BEG", "BEG_DB", "DB", "BW", "BW", "KV_DB")
LOOKALIKE_ROLLEN = (
    ("specialist", "SPEC"),
    ("overname_verkoper", "BEG_DB"),
    ("overname_koper", "BEG_DB"),
    ("hoge_realisatie", "BEG"),
)

# Care needs: which percelen a client needs, and how often.
CLIENTTYPEN: tuple[tuple[tuple[str, ...], float], ...] = (
    (("HO",), 0.40),
    (("BEG",), 0.24),
    (("DB",), 0.09),
    (("BEG", "DB"), 0.11),
    (("HO", "BEG"), 0.07),
    (("KV", "DB"), 0.03),
    (("BW",), 0.06),
)
# Product (tier) within a need.
PRODUCTKEUZE: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "HO": (HO, (0.68, 0.27, 0.05)),
    "BEG": (("02A03", "02A16", "02A19", "02A18"), (0.30, 0.48, 0.17, 0.05)),
    "DB": (DB, (0.62, 0.32, 0.06)),
    "KV": (KV, (0.7, 0.3)),
    "BW": (BW, (0.10, 0.28, 0.24, 0.16, 0.07, 0.15)),
}
GROEP_BIJ_BEGELEIDING = 0.05  # clients who also get group begeleiding at the same provider
ZELFDE_AANBIEDER_TWEEDE_BEHOEFTE = 0.6
# Allocated volume per product: uur per week, dagdelen per week, etmalen per maand/week.
VOLUMES: dict[str, tuple[float, ...]] = {
    "01A04": (1.5, 2, 2.5, 3),
    "01A05": (2, 3, 4),
    "01A06": (3, 4, 5),
    "02A03": (1, 1.5, 2, 3),
    "02A16": (2, 3, 4, 5),
    "02A19": (2, 3, 4, 6),
    "02A17": (2, 3, 4, 6),
    "02A18": (1, 2),
    "07A03": (2, 3, 4, 6),
    "07A04": (2, 3, 4, 6, 8),
    "07A16": (4, 6, 8),
    "04A04": (2, 3, 4, 6),
    "04A08": (2, 3, 4),
    **{code: (7,) for code in BW},
}
# Episode length: median months and lognormal sigma, per perceel.
DUUR: dict[str, tuple[float, float]] = {
    "Huishoudelijke ondersteuning": (30, 0.7),
    "Begeleiding": (14, 0.7),
    "Dagbesteding": (20, 0.7),
    "Kortdurend verblijf": (12, 0.6),
    "Beschermd wonen": (40, 0.6),
}
LOOPTIJDEN: dict[str, tuple[int, ...]] = {
    "Huishoudelijke ondersteuning": (12, 24, 24),
    "Begeleiding": (3, 6, 6, 12, 12, 12, 24),
    "Dagbesteding": (6, 12, 12, 24),
    "Kortdurend verblijf": (6, 12, 12),
    "Beschermd wonen": (12, 24, 24),
}
# Frequentie (WJ757): kortdurend verblijf in etmalen per maand, everything else per week.
PER_MAAND = ("Kortdurend verblijf",)
OPEN_EINDE: dict[str, float] = {"Huishoudelijke ondersteuning": 0.35, "Beschermd wonen": 0.25}
# Why care ends (LDT_RedenBeeindiging), per perceel.
EINDREDENEN: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Huishoudelijke ondersteuning": (
        ("19", "02", "39", "31", "21", "22", "23"),
        (0.35, 0.25, 0.15, 0.05, 0.08, 0.04, 0.08),
    ),
    "Begeleiding": (
        ("19", "21", "22", "23", "31", "39", "02"),
        (0.60, 0.12, 0.06, 0.12, 0.05, 0.03, 0.02),
    ),
    "Dagbesteding": (
        ("19", "02", "39", "21", "22", "23", "31"),
        (0.45, 0.10, 0.15, 0.12, 0.05, 0.08, 0.05),
    ),
    "Kortdurend verblijf": (("19", "39", "02", "21"), (0.70, 0.15, 0.10, 0.05)),
    "Beschermd wonen": (
        ("19", "39", "02", "21", "22", "23"),
        (0.50, 0.15, 0.05, 0.10, 0.10, 0.10),
    ),
}
# A stop for these reasons also ends the toewijzing (LDT_RedenWijziging 02/07/06).
WIJZIGING_BIJ_STOP = {"02": "02", "31": "07", "39": "06"}
ESCALATIE = {"02A03": "02A16", "02A16": "02A19"}
DEESCALATIE = {"02A19": "02A16", "02A16": "02A03"}
NIET_GESTART = 0.02  # allocations the client never starts
GEEN_STARTBERICHT = 0.01  # care delivered, but the 305 was never sent
CORRECTIE_AANDEEL = 0.015
OVERNAME_DAG = (7, 1)  # takeover on 1 July of the middle year of the window
OVERSTAP_AANDEEL = 0.06

CREDIT, REBILL, NORMAAL, DUPLICAAT = 1, 2, 0, 3


@dataclass(frozen=True)
class RegioSamenvatting:
    """What genereer_regio wrote: rows per file and the size of the region."""

    rijen: dict[str, int]
    aanbieders: int
    clienten: int
    schemas: int
    lookalikes: int
    doelmap: Path

    def __str__(self) -> str:
        bestanden = ", ".join(f"{naam} {_getal(aantal)}" for naam, aantal in self.rijen.items())
        return (
            f"{self.aanbieders} aanbieders, {_getal(self.clienten)} cliënten, {self.schemas} "
            f"ingebrachte schema's, {self.lookalikes} eerlijke look-alikes; rijen: {bestanden}"
        )


@dataclass
class _Aanbieder:
    agb: str
    naam: str
    profiel: str
    rol: str
    gewicht: float = 0.0
    contract_vanaf: dt.date | None = None
    contract_tot: dt.date | None = None
    hoofdaannemer: str = ""
    # Realisation model: mean share of the cap, month noise, absence chance, holiday dip.
    realisatie: float = 0.85
    ruis: float = 0.07
    afwezigheid: float = 0.07
    seizoen: bool = True
    factuurvertraging: int = 20


@dataclass
class _Episode:
    """One client's care for one product at one provider, before it is cut into toewijzingen."""

    client: int
    code: str
    aanbieder: int
    start: dt.date
    einde: dt.date
    reden: str
    volume: float
    vervolg: bool = False  # continues a takeover/switch: no start delay, always starts
    wijziging_einde: str = ""  # reden_wijziging when cut by a takeover or switch
    schema: str = ""
    # Allocation periods (re-indications); an end of None is an open-ended allocation.
    begins: list[dt.date] = field(default_factory=list)
    eindes: list[dt.date | None] = field(default_factory=list)


@dataclass
class _Toewijzing:
    client: int
    gemeente: str
    aanbieder: int
    code: str  # the product delivered
    toegewezen_code: str  # empty on category level
    ingang: dt.date
    einde: dt.date | None
    volume: float
    toewijzingsdatum: dt.date
    reden_wijziging: str
    zp_begin: dt.date | None
    zp_einde: dt.date | None
    zp_reden: str
    zp_gemeld: bool
    schema: str
    zorg_echt_beeindigd: bool  # last allocation of an episode whose care really ended
    nummer: str = ""


@dataclass(frozen=True)
class _Overstap:
    """The honest provider switches, for lookalikes.csv."""

    aantal: int
    jaren: tuple[int, ...]


@dataclass
class _Context:
    jaren: tuple[int, ...]
    w0: dt.date
    w1: dt.date
    producten: dict[str, dict[str, str]]
    tarief_cent: np.ndarray  # [code index, year index] → cents
    codes: tuple[str, ...]
    gemeenten: tuple[str, ...]
    aanbieders: list[_Aanbieder]
    rollen: dict[str, int]
    met_schemas: bool
    tweede_jaar: dt.date
    overname: dt.date
    bsn: list[str] = field(default_factory=list)
    client_gemeente: list[str] = field(default_factory=list)

    def perceel(self, code: str) -> str:
        return self.producten[code]["perceel"]

    def schema_start(self, schema: str) -> dt.date:
        """First day a scheme acts: the second year, or the whole window."""
        return self.tweede_jaar if schemas.SCHEMA_PER_ID[schema].vanaf_tweede_jaar else self.w0

    def actief(self, schema: str) -> int | None:
        """Provider index of a scheme when schemes are on, else None."""
        return self.rollen[schema] if self.met_schemas else None


def genereer_regio(
    doelmap: Path,
    seed: int = 20261123,
    *,
    met_schemas: bool = True,
    aantal_aanbieders: int = 100,
    aantal_clienten: int = 10_000,
    jaren: tuple[int, ...] = (2023, 2024, 2025),
) -> RegioSamenvatting:
    """Generate the demo region into `doelmap` (see the module docstring)."""
    jaren = _controleer_jaren(jaren)
    if aantal_clienten < 100:
        raise ValueError("aantal_clienten moet minstens 100 zijn")
    rng_aanb, rng_cli, rng_tw, rng_regels, rng_schema, rng_meld = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(6)
    )
    producten = _lees_producten()
    codes = tuple(producten)
    ctx = _Context(
        jaren=jaren,
        w0=dt.date(jaren[0], 1, 1),
        w1=dt.date(jaren[-1], 12, 31),
        producten=producten,
        tarief_cent=_lees_tarieven(codes, jaren),
        codes=codes,
        gemeenten=_regio_gemeenten(),
        aanbieders=[],
        rollen={},
        met_schemas=met_schemas,
        tweede_jaar=dt.date(jaren[1], 1, 1),
        overname=dt.date(jaren[len(jaren) // 2], *OVERNAME_DAG),
    )
    _plan_aanbieders(ctx, aantal_aanbieders, rng_aanb)
    episodes = _maak_episodes(ctx, aantal_clienten, rng_cli)
    _kleine_aanbieders(ctx, episodes, rng_cli)
    if met_schemas:
        _schemas_op_episodes(ctx, episodes, rng_schema)
    overstap = _overname_en_overstap(ctx, episodes, rng_cli)
    toewijzingen = [t for ep in episodes for t in _toewijzingen(ctx, ep, rng_tw)]
    toewijzingen = [
        t for t in toewijzingen if t.ingang <= ctx.w1 and (t.einde is None or t.einde >= ctx.w0)
    ]
    _nummer_toewijzingen(ctx, toewijzingen)
    _contractdata(ctx, toewijzingen, rng_aanb)
    eenheden = _declaratie_eenheden(ctx, toewijzingen, rng_regels, rng_schema)
    regels = _declaratieregels(ctx, eenheden, rng_regels, rng_schema)
    declaraties = _declaraties_tabel(ctx, regels, rng_regels)
    meldingen = _meldingen(ctx, regels, rng_meld)
    verantwoording = _verantwoording(ctx, regels, rng_meld)
    grondwaarheid = _grondwaarheid(ctx, regels)
    lookalikes = _lookalikes(ctx, regels, overstap)

    bron = doelmap / "bron"
    bron.mkdir(parents=True, exist_ok=True)
    tabellen = {
        "toewijzingen": _toewijzingen_tabel(ctx, toewijzingen),
        "zorgperiodes": _zorgperiodes_tabel(ctx, toewijzingen),
        "declaraties": declaraties,
        "aanbieders": _aanbieders_tabel(ctx),
        "meldingen": meldingen,
        "verantwoording": verantwoording,
    }
    rijen: dict[str, int] = {}
    for naam, tabel in tabellen.items():
        _schrijf(tabel, bron / f"{naam}.csv")
        rijen[naam] = tabel.height
    _schrijf(grondwaarheid, doelmap / "grondwaarheid.csv")
    _schrijf(lookalikes, doelmap / "lookalikes.csv")
    rijen["grondwaarheid"] = grondwaarheid.height
    rijen["lookalikes"] = lookalikes.height
    return RegioSamenvatting(
        rijen=rijen,
        aanbieders=len(ctx.aanbieders),
        clienten=len({t.client for t in toewijzingen}),
        schemas=grondwaarheid.select("aanbieder_agb", "schema").unique().height,
        lookalikes=lookalikes.select("aanbieder_agb", "soort").unique().height,
        doelmap=doelmap,
    )


# --- reference data -------------------------------------------------------------------


def _controleer_jaren(jaren: tuple[int, ...]) -> tuple[int, ...]:
    jaren = tuple(int(j) for j in jaren)
    if len(jaren) < 2 or list(jaren) != list(range(jaren[0], jaren[0] + len(jaren))):
        raise ValueError("jaren moet uit minstens twee opeenvolgende jaren bestaan")
    return jaren


def _lees_csv(naam: str) -> pl.DataFrame:
    # Everything as text: codes keep their leading zeros.
    return pl.read_csv(bundel_map("referentie") / naam, infer_schema_length=0)


def _lees_producten() -> dict[str, dict[str, str]]:
    producten = {r["productcode"]: r for r in _lees_csv("producten.csv").iter_rows(named=True)}
    ontbrekend = sorted({c for codes in PROFIELEN.values() for c in codes} - set(producten))
    if ontbrekend:
        raise ValueError(
            f"data/reference/producten.csv mist productcodes die de demo gebruikt: {ontbrekend}"
        )
    return producten


def _lees_tarieven(codes: tuple[str, ...], jaren: tuple[int, ...]) -> np.ndarray:
    """Regional tariff in cents per product and year (tariffs are set per calendar year)."""
    tarieven = _lees_csv("tarieven.csv").filter(
        pl.col("aanbieder_agb").is_null() | (pl.col("aanbieder_agb") == "")
    )
    uitkomst = np.zeros((len(codes), len(jaren)), dtype=np.int64)
    for i, code in enumerate(codes):
        rijen = tarieven.filter(pl.col("productcode") == code).iter_rows(named=True)
        geldig = [
            (dt.date.fromisoformat(r["geldig_vanaf"]), r["geldig_tot"], r["tarief"]) for r in rijen
        ]
        for j, jaar in enumerate(jaren):
            eind = dt.date(jaar, 12, 31)
            passend = [
                t
                for vanaf, tot, t in geldig
                if vanaf <= dt.date(jaar, 1, 1) and (not tot or dt.date.fromisoformat(tot) >= eind)
            ]
            if not passend:
                raise ValueError(
                    f"data/reference/tarieven.csv heeft geen regionaal tarief voor {code} "
                    f"dat heel {jaar} geldt"
                )
            uitkomst[i, j] = round(float(passend[-1]) * 100)
    return uitkomst


def _regio_gemeenten() -> tuple[str, ...]:
    gemeenten = _lees_csv("gemeenten.csv").filter(pl.col("regio") == REGIO)
    gevonden = set(gemeenten["gemeentecode"].to_list())
    if gevonden != set(INWONERS):
        raise ValueError(
            f"data/reference/gemeenten.csv past niet bij de demoregio {REGIO}: "
            f"verwacht {sorted(INWONERS)}, gevonden {sorted(gevonden)}"
        )
    return tuple(INWONERS)


# --- providers ------------------------------------------------------------------------

_NAAMDELEN: dict[str, tuple[str, ...]] = {
    "HO": ("Thuishulp", "Huishoudservice", "Thuisdiensten", "Schoon Thuis"),
    "BEG": ("Begeleiding", "Ambulante Zorg", "Coaching", "Zorgcoaching"),
    "BEG_DB": ("Zorggroep", "Stichting", "Zorgcoöperatie", "Zorgcentrum"),
    "DB": ("Dagbesteding", "Zorgboerderij", "Ontmoetingscentrum", "Werkplaats"),
    "SPEC": ("Specialistische Begeleiding", "GGZ-Begeleiding"),
    "BW": ("Beschermd Wonen", "Woonzorg", "Stichting Wonen"),
    "KV_DB": ("Logeerhuis", "Zorgvilla", "Stichting Logeren"),
    "BREED": ("Zorggroep", "Welzijn en Zorg", "Stichting Zorg"),
}
_NAAMKERNEN = (
    "De Linde",
    "Het Anker",
    "De Eik",
    "Eemzicht",
    "De Horst",
    "Het Baken",
    "De Wingerd",
    "Zonnedauw",
    "De Vlinderhof",
    "Het Veerhuis",
    "De Kastanje",
    "Ons Erf",
    "De Waterlelie",
    "Het Kompas",
    "De Brug",
    "Lindenhof",
    "De Klaproos",
    "De Bron",
    "De Meent",
    "De Hooiberg",
    "De Boomgaard",
    "Het Rozenhof",
    "De Eemhoeve",
    "De Kievit",
    "De Zwaluw",
    "De Steenuil",
    "Het Trefpunt",
    "De Ooievaar",
    "De Regenboog",
    "Het Perron",
    "De Molenwiek",
    "De Uitkijk",
    "Het Klaverblad",
    "De Sleutel",
    "De Vonk",
    "Het Lichtpunt",
    "De Hoeksteen",
    "Het Palet",
    "De Wilg",
    "De Berk",
    "De Hazelaar",
    "De Esdoorn",
    "Het Lindeblad",
    "De Korenbloem",
    "Het Hofje",
    "De Vaart",
    "De Schakel",
    "Het Erf",
    "De Dijk",
    "Amerhoeve",
    "De Eemoever",
    "Zonnewende",
    "De Lichtboei",
    "Het Wiel",
    "De Zandhoeve",
    "De Heideroos",
    "Het Wolkje",
)


def _plan_aanbieders(ctx: _Context, aantal: int, rng: np.random.Generator) -> None:
    """Providers and their roles; roles are fixed by the plan, so the region is the same
    with and without schemes (scheme providers then simply behave honestly)."""
    aantal_onder = max(2, round(aantal / 33))
    aantal_klein = max(3, aantal // 12)
    vast = [(s.id, s.profiel) for s in schemas.SCHEMAS] + list(LOOKALIKE_ROLLEN)
    aantal_generiek = aantal - len(vast) - aantal_onder - aantal_klein
    minimum = len(vast) + aantal_onder + aantal_klein + len(GEGARANDEERD)
    if aantal_generiek < len(GEGARANDEERD):
        raise ValueError(f"aantal_aanbieders moet minstens {minimum} zijn")
    extra = rng.choice(
        len(GENERIEKE_PROFIELEN),
        size=aantal_generiek - len(GEGARANDEERD),
        p=GENERIEKE_KANSEN,
    )
    generiek = list(GEGARANDEERD) + [GENERIEKE_PROFIELEN[i] for i in extra]
    klein = rng.choice(("HO", "BEG", "DB", "BEG_DB"), size=aantal_klein)
    plan: list[tuple[str, str]] = list(vast)
    overstap = [i for i, p in enumerate(generiek) if p == "HO"][:2]
    # New entrants: ordinary providers outside the guaranteed set where possible.
    kandidaten = list(range(len(GEGARANDEERD), len(generiek)))
    if not kandidaten:
        kandidaten = [i for i, p in enumerate(generiek) if p in ("BEG", "DB", "BEG_DB")]
    nieuw = {
        int(i)
        for i in rng.choice(
            kandidaten, size=min(len(kandidaten), max(1, aantal // 30)), replace=False
        )
    }
    for i, profiel in enumerate(generiek):
        rol = "generiek"
        if i in overstap:
            rol = ("overstap_van", "overstap_naar")[overstap.index(i)]
        elif i in nieuw:
            rol = "nieuwe_aanbieder"
        plan.append((rol, profiel))
    plan += [("kleine_aanbieder", str(p)) for p in klein]
    plan += [("onderaannemer", "DB")] * aantal_onder

    agb = rng.choice(1_000_000, size=len(plan), replace=False) + 98_000_000
    generieke_gewichten = rng.lognormal(0.0, 1.0, size=len(plan))
    vast_gewicht = float(np.quantile(generieke_gewichten, 0.75))
    gebruikte_namen: set[str] = set()
    for i, (rol, profiel) in enumerate(plan):
        a = _Aanbieder(
            agb=f"{agb[i]:08d}",
            naam=_naam(profiel, gebruikte_namen, rng),
            profiel=profiel,
            rol=rol,
            realisatie=float(rng.uniform(0.80, 0.93)),
            factuurvertraging=int(rng.integers(7, 36)),
        )
        if rol in ("generiek", "overstap_van", "overstap_naar", "nieuwe_aanbieder"):
            a.gewicht = float(generieke_gewichten[i]) * (3.0 if profiel == "BREED" else 1.0)
        elif rol not in ("kleine_aanbieder", "onderaannemer"):
            a.gewicht = vast_gewicht * float(rng.uniform(0.85, 1.15))
        ctx.aanbieders.append(a)
        if rol not in ("generiek", "nieuwe_aanbieder", "kleine_aanbieder", "onderaannemer"):
            ctx.rollen[rol] = i  # roles held by exactly one provider
    maanden = 12 * len(ctx.jaren) - 12
    for a in ctx.aanbieders:
        if a.rol == "nieuwe_aanbieder":
            a.contract_vanaf = _plus_maanden(ctx.w0, int(rng.integers(3, maanden + 1)))
    verkoper = ctx.aanbieders[ctx.rollen["overname_verkoper"]]
    verkoper.contract_tot = ctx.overname - dt.timedelta(days=1)
    hoge = ctx.aanbieders[ctx.rollen["hoge_realisatie"]]
    hoge.realisatie, hoge.ruis, hoge.afwezigheid, hoge.seizoen = 0.975, 0.015, 0.0, False
    hoofd = [
        i for i, a in enumerate(ctx.aanbieders) if a.profiel == "BREED" and a.rol == "generiek"
    ]
    for a in ctx.aanbieders:
        if a.rol == "onderaannemer":
            a.hoofdaannemer = ctx.aanbieders[int(rng.choice(hoofd))].agb
    # The specialist must be a real player in its niche: a fixed share of 02A19 demand.
    specialist = ctx.aanbieders[ctx.rollen["specialist"]]
    specialist.gewicht = 0.0
    anderen = sum(a.gewicht for a in ctx.aanbieders if "02A19" in PROFIELEN[a.profiel])
    specialist.gewicht = anderen * 0.15 / 0.85
    if ctx.met_schemas:
        onder = ctx.aanbieders[ctx.rollen["onderlevering"]]
        onder.realisatie, onder.ruis = schemas.ONDERLEVERING_REALISATIE, 0.08


def _naam(profiel: str, gebruikt: set[str], rng: np.random.Generator) -> str:
    while True:
        naam = f"{rng.choice(_NAAMDELEN[profiel])} {rng.choice(_NAAMKERNEN)}"
        if naam not in gebruikt:
            gebruikt.add(naam)
            return naam


def _contractdata(ctx: _Context, toewijzingen: list[_Toewijzing], rng: np.random.Generator) -> None:
    """Contract start: a regional tender year, never after the provider's first allocation;
    an onderaannemer's contract runs from its hoofdaannemer's."""
    eerste: dict[int, dt.date] = {}
    for t in toewijzingen:
        eerste[t.aanbieder] = min(eerste.get(t.aanbieder, t.ingang), t.ingang)
    for i, a in enumerate(ctx.aanbieders):
        if a.contract_vanaf is not None:
            continue
        aanbesteding = dt.date(int(rng.choice((2015, 2018, 2021))), 1, 1)
        vroegst = eerste.get(i)
        if vroegst is not None and vroegst < aanbesteding:
            aanbesteding = dt.date(vroegst.year, 1, 1)
        a.contract_vanaf = aanbesteding
    per_agb = {a.agb: a for a in ctx.aanbieders}
    for a in ctx.aanbieders:
        if a.hoofdaannemer:
            a.contract_vanaf = per_agb[a.hoofdaannemer].contract_vanaf


# --- clients and episodes -------------------------------------------------------------


def _bsns(aantal: int, bezet: set[str], rng: np.random.Generator) -> list[str]:
    """Unique synthetic BSNs in the 99xxxxxxx block that pass the elfproef."""
    kandidaten = rng.permutation(1_000_000)[: int(aantal * 1.3) + 50]
    cijfers = np.stack([np.full(len(kandidaten), 9), np.full(len(kandidaten), 9)], axis=1)
    rest = np.stack([(kandidaten // 10**k) % 10 for k in range(5, -1, -1)], axis=1)
    eerste8 = np.concatenate([cijfers, rest], axis=1)
    controle = (eerste8 * np.arange(9, 1, -1)).sum(axis=1) % 11
    uitkomst: list[str] = []
    for rij, c in zip(eerste8, controle, strict=True):
        if c == 10:
            continue
        bsn = "".join(str(d) for d in rij) + str(c)
        if bsn not in bezet:
            bezet.add(bsn)
            uitkomst.append(bsn)
            if len(uitkomst) == aantal:
                return uitkomst
    raise RuntimeError("te weinig BSN-kandidaten")  # pragma: no cover - 1.3× margin suffices


class _Kiezer:
    """Weighted provider choice per product, respecting contract dates."""

    def __init__(self, ctx: _Context) -> None:
        self.per_code: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
        # Weights for episodes starting in the last year, when the jump scheme is on.
        self.groei: dict[str, np.ndarray] = {}
        self.groeijaar = ctx.jaren[-1]
        groeier = ctx.actief("groeisprong")
        for code in ctx.codes:
            idx = np.array(
                [
                    i
                    for i, a in enumerate(ctx.aanbieders)
                    if a.gewicht > 0 and code in PROFIELEN[a.profiel]
                ],
                dtype=np.int64,
            )
            if len(idx) == 0:
                continue
            gewicht = np.array([ctx.aanbieders[i].gewicht for i in idx])
            vanaf = np.array([_dag(ctx.aanbieders[i].contract_vanaf, -(10**6)) for i in idx])
            tot = np.array([_dag(ctx.aanbieders[i].contract_tot, 10**6) for i in idx])
            self.per_code[code] = (idx, gewicht, vanaf, tot)
            if groeier is not None and groeier in idx:
                # Boost the jump provider to a fixed share of the new clients of that year.
                pos = int(np.flatnonzero(idx == groeier)[0])
                geboost = gewicht.copy()
                overig = gewicht.sum() - gewicht[pos]
                aandeel = schemas.GROEI_AANDEEL_INSTROOM
                geboost[pos] = overig * aandeel / (1 - aandeel)
                self.groei[code] = geboost

    def kies(self, code: str, start: dt.date, u: float) -> int:
        idx, gewicht, vanaf, tot = self.per_code[code]
        if start.year == self.groeijaar and code in self.groei:
            gewicht = self.groei[code]
        dag = _dag(start, 0)
        w = np.where((vanaf <= dag) & (dag <= tot), gewicht, 0.0)
        cumulatief = np.cumsum(w)
        if cumulatief[-1] <= 0:
            raise ValueError(f"geen gecontracteerde aanbieder voor {code} op {start}")
        return int(idx[np.searchsorted(cumulatief, u * cumulatief[-1], side="right")])


def _maak_episodes(ctx: _Context, aantal: int, rng: np.random.Generator) -> list[_Episode]:
    ctx.bsn = _bsns(aantal, set(), rng)
    inwoners = np.array([INWONERS[g] for g in ctx.gemeenten], dtype=float)
    gemeente = rng.choice(len(ctx.gemeenten), size=aantal, p=inwoners / inwoners.sum())
    ctx.client_gemeente = [ctx.gemeenten[g] for g in gemeente]
    typen = rng.choice(len(CLIENTTYPEN), size=aantal, p=[p for _, p in CLIENTTYPEN])
    kiezer = _Kiezer(ctx)
    episodes: list[_Episode] = []
    for client in range(aantal):
        vorige: _Episode | None = None
        for behoefte in CLIENTTYPEN[typen[client]][0]:
            codes, kansen = PRODUCTKEUZE[behoefte]
            code = str(rng.choice(codes, p=kansen))
            start = None if vorige is None else vorige.start + _dagen(rng.integers(0, 181))
            ep = _nieuwe_episode(ctx, client, code, start, rng)
            u = float(rng.random())
            if (
                vorige is not None
                and rng.random() < ZELFDE_AANBIEDER_TWEEDE_BEHOEFTE
                and code in PROFIELEN[ctx.aanbieders[vorige.aanbieder].profiel]
                and _dag(ctx.aanbieders[vorige.aanbieder].contract_tot, 10**6) >= _dag(ep.start, 0)
            ):
                ep.aanbieder = vorige.aanbieder
            else:
                ep.aanbieder = kiezer.kies(code, ep.start, u)
            episodes.append(ep)
            if (
                behoefte == "BEG"
                and rng.random() < GROEP_BIJ_BEGELEIDING
                and "02A17" in PROFIELEN[ctx.aanbieders[ep.aanbieder].profiel]
            ):
                groep = _nieuwe_episode(ctx, client, "02A17", ep.start, rng)
                groep.aanbieder = ep.aanbieder
                episodes.append(groep)
            vorige = ep
    return episodes


def _nieuwe_episode(
    ctx: _Context, client: int, code: str, start: dt.date | None, rng: np.random.Generator
) -> _Episode:
    """An episode that overlaps the window: start uniform over the stock and the inflow."""
    perceel = ctx.perceel(code)
    mediaan, sigma = DUUR[perceel]
    redenen, kansen = EINDREDENEN[perceel]
    laatste_start = ctx.w1 - dt.timedelta(days=14)
    while True:
        duur = max(31, int(mediaan * 30.4 * rng.lognormal(0.0, sigma)))
        if start is None:
            # Uniform starts over a span wide enough that the stock of running care at the
            # window start is complete; episodes ending before the window are drawn again.
            vroegst = max(
                ctx.w0 - dt.timedelta(days=duur + 730), ctx.w0 - dt.timedelta(days=6 * 365)
            )
            begin = vroegst + _dagen(rng.integers(0, (laatste_start - vroegst).days + 1))
        else:
            begin = min(start, laatste_start)
        ep = _plan_perioden(
            ctx,
            _Episode(
                client=client,
                code=code,
                aanbieder=-1,
                start=begin,
                einde=begin + dt.timedelta(days=duur),
                reden=str(rng.choice(redenen, p=kansen)),
                volume=float(rng.choice(VOLUMES[code])),
            ),
            rng,
        )
        # A second need may lie wholly before the window; the first need never does.
        if start is not None or ep.einde >= ctx.w0:
            return ep


def _plan_perioden(ctx: _Context, ep: _Episode, rng: np.random.Generator) -> _Episode:
    """Cut an episode into allocation periods of 3–24 months (some open-ended). Care that
    ends as planned (reden 19) ends with the allocation it falls in."""
    perceel = ctx.perceel(ep.code)
    ep.begins, ep.eindes = [ep.start], []
    open_einde = rng.random() < OPEN_EINDE.get(perceel, 0.0)
    while True:
        if open_einde:
            ep.eindes.append(None)
            break
        maanden = int(rng.choice(LOOPTIJDEN[perceel]))
        eind = _plus_maanden(ep.begins[-1], maanden) - dt.timedelta(days=1)
        ep.eindes.append(eind)
        if eind >= ep.einde or eind >= ctx.w1:
            break
        ep.begins.append(eind + dt.timedelta(days=1))
    gepland = ep.eindes[-1]
    if ep.reden == "19" and gepland is not None and gepland >= ep.einde:
        ep.einde = gepland
    return ep


def _knip(ep: _Episode, laatste_dag: dt.date, wijziging: str) -> None:
    """End an episode early because the client moves to another provider (reden 38)."""
    bewaard = [k for k, b in enumerate(ep.begins) if b <= laatste_dag]
    ep.begins = [ep.begins[k] for k in bewaard]
    ep.eindes = [ep.eindes[k] for k in bewaard]
    ep.einde, ep.reden, ep.wijziging_einde = laatste_dag, "38", wijziging


def _kleine_aanbieders(ctx: _Context, episodes: list[_Episode], rng: np.random.Generator) -> None:
    """Tiny providers get 1–5 clients, taken from ordinary providers."""
    bezet: set[int] = set()
    for i, a in enumerate(ctx.aanbieders):
        if a.rol != "kleine_aanbieder":
            continue
        kandidaten = [
            k
            for k, ep in enumerate(episodes)
            if ep.client not in bezet
            and ep.code in PROFIELEN[a.profiel]
            and ctx.aanbieders[ep.aanbieder].rol == "generiek"
        ]
        aantal = min(len(kandidaten), int(rng.integers(1, 6)))
        for k in rng.choice(kandidaten, size=aantal, replace=False) if aantal else []:
            episodes[k].aanbieder = i
            bezet.add(episodes[k].client)


def _schemas_op_episodes(ctx: _Context, episodes: list[_Episode], rng: np.random.Generator) -> None:
    """Schemes that live in the allocations themselves: tier mix, stacking, leavers."""
    zwaar = ctx.rollen["zware_productmix"]
    onder = ctx.rollen["onderlevering"]
    for ep in episodes:
        if (
            ep.aanbieder == zwaar
            and ep.code in ("02A03", "02A16")
            and rng.random() < schemas.ZWARE_MIX_OPWAARDERING
        ):
            ep.code, ep.schema = "02A19", "zware_productmix"
            ep.volume = float(rng.choice(VOLUMES["02A19"]))
        if (
            ep.aanbieder == onder
            and ep.reden != "21"
            and rng.random() < schemas.ONDERLEVERING_EENZIJDIG
        ):
            ep.reden = "21"

    def eigen_clienten(rol: str) -> int:
        return len({ep.client for ep in episodes if ep.aanbieder == ctx.rollen[rol]})

    # Stacking: allocations on top of an existing beschermd-wonen period elsewhere.
    for rol, bw_codes, nieuwe_codes in (
        ("begeleiding_naast_bw", BW, ("02A16", "02A16", "02A19")),
        ("dagbesteding_naast_bw_incl_db", ("15A34",), ("07A03", "07A04")),
    ):
        aanbieder = ctx.rollen[rol]
        bw = [
            ep
            for ep in episodes
            if ep.code in bw_codes
            and ep.aanbieder != aanbieder
            and (min(ep.einde, ctx.w1) - max(ep.start, ctx.w0)).days >= 180
        ]
        aantal = min(len(bw), max(2, round(schemas.STAPELING_EXTRA * eigen_clienten(rol))))
        for k in rng.choice(len(bw), size=aantal, replace=False):
            basis = bw[int(k)]
            start = max(basis.start, ctx.w0) + _dagen(rng.integers(0, 121))
            einde = min(basis.einde, ctx.w1 + dt.timedelta(days=365))
            if (min(einde, ctx.w1) - start).days < 60:
                continue
            code = str(rng.choice(nieuwe_codes))
            volume = float(rng.choice((2, 3, 4) if code.startswith("02") else (3, 4, 6)))
            ep = _Episode(basis.client, code, aanbieder, start, einde, "19", volume, schema=rol)
            episodes.append(_plan_perioden(ctx, ep, rng))


def _overname_en_overstap(
    ctx: _Context, episodes: list[_Episode], rng: np.random.Generator
) -> _Overstap:
    """Honest look-alikes that split episodes: the takeover and the overlapping switches."""
    verkoper, koper = ctx.rollen["overname_verkoper"], ctx.rollen["overname_koper"]
    t = ctx.overname
    for ep in list(episodes):
        if ep.aanbieder == verkoper and ep.start < t <= ep.einde:
            vervolg = _Episode(
                ep.client,
                ep.code,
                koper,
                t,
                ep.einde,
                ep.reden,
                ep.volume,
                vervolg=True,
            )
            _knip(ep, t - dt.timedelta(days=1), "03")
            episodes.append(_plan_perioden(ctx, vervolg, rng))
    van, naar = ctx.rollen["overstap_van"], ctx.rollen["overstap_naar"]
    kandidaten = [
        k
        for k, ep in enumerate(episodes)
        if ep.aanbieder == van
        and (min(ep.einde, ctx.w1) - max(ep.start + dt.timedelta(days=90), ctx.w0)).days > 90
    ]
    aantal = min(len(kandidaten), max(2, round(OVERSTAP_AANDEEL * len(kandidaten))))
    jaren: set[int] = set()
    for k in rng.choice(kandidaten, size=aantal, replace=False):
        ep = episodes[int(k)]
        vroegst = max(ep.start + dt.timedelta(days=90), ctx.w0)
        laatst = min(ep.einde, ctx.w1) - dt.timedelta(days=60)
        dag = vroegst + _dagen(rng.integers(0, (laatst - vroegst).days + 1))
        overlap = int(rng.integers(1, 32))
        vervolg = _Episode(
            ep.client, ep.code, naar, dag, ep.einde, ep.reden, ep.volume, vervolg=True
        )
        episodes.append(_plan_perioden(ctx, vervolg, rng))
        _knip(ep, dag + dt.timedelta(days=overlap - 1), "09")
        jaren.add(dag.year)
    return _Overstap(aantal, tuple(sorted(jaren)))


# --- toewijzingen and zorgperiodes ----------------------------------------------------


def _toewijzingen(ctx: _Context, ep: _Episode, rng: np.random.Generator) -> list[_Toewijzing]:
    """The toewijzingen of an episode, with their start (305) and stop (307)."""
    perceel = ctx.perceel(ep.code)
    begins, eindes = ep.begins, list(ep.eindes)
    # What the gemeente and the provider know about the end by the extraction date.
    zorg_einde: dt.date | None = None
    wijziging = ""
    if ep.einde <= ctx.w1:
        if ep.wijziging_einde:
            eindes[-1], wijziging, zorg_einde = ep.einde, ep.wijziging_einde, ep.einde
        elif ep.reden == "19":
            # Planned end (already the end of the running allocation, unless open-ended).
            if eindes[-1] is None:
                eindes[-1], wijziging = ep.einde, "05"
            zorg_einde = ep.einde
        else:
            zorg_einde = ep.einde
            if ep.reden in WIJZIGING_BIJ_STOP:
                eindes[-1], wijziging = ep.einde, WIJZIGING_BIJ_STOP[ep.reden]
            elif rng.random() < 0.5:
                eindes[-1], wijziging = ep.einde, "05"

    gemeente = ctx.client_gemeente[ep.client]
    categorie_niveau = (
        gemeente == CATEGORIE_NIVEAU_GEMEENTE and perceel in CATEGORIE_NIVEAU_PERCELEN
    )
    code, volume = ep.code, ep.volume
    aanbod = PROFIELEN[ctx.aanbieders[ep.aanbieder].profiel]
    uitkomst: list[_Toewijzing] = []
    for i, (begin_p, eind_p) in enumerate(zip(begins, eindes, strict=True)):
        if begin_p > ctx.w1:
            break
        laatst = i == len(begins) - 1
        if i > 0 and not ep.schema:
            # Re-indication: sometimes a heavier or lighter tier, often a new volume.
            nieuw = _herindicatie_code(code, rng)
            if nieuw in aanbod and (nieuw != code or rng.random() < 0.3):
                code, volume = nieuw, float(rng.choice(VOLUMES[nieuw]))
        zp_begin: dt.date | None = begin_p
        if i == 0 and not ep.vervolg:
            toegekend = begin_p - _dagen(rng.integers(0, 29))
            if rng.random() < 0.05:  # issued with retroactive effect
                toegekend = begin_p + _dagen(rng.integers(1, 21))
            # Only recent allocations can still be "never started" in an extract.
            if begin_p >= ctx.w0 - dt.timedelta(days=90) and rng.random() < NIET_GESTART:
                zp_begin = None
            else:
                wacht = (
                    int(rng.integers(20, 71))
                    if rng.random() < 0.12
                    else min(30, int(rng.exponential(6)))
                )
                zp_begin = begin_p + dt.timedelta(days=wacht)
        else:
            toegekend = begin_p - _dagen(rng.integers(7, 46))
        zp_einde = zorg_einde if laatst else eind_p
        # A re-indication closes the previous period as planned (19).
        zp_reden = "19" if not laatst else (ep.reden if zorg_einde else "")
        if zp_begin is not None and (
            (eind_p is not None and zp_begin > eind_p)
            or (zp_einde is not None and zp_begin > zp_einde)
        ):
            zp_begin = begin_p
        uitkomst.append(
            _Toewijzing(
                client=ep.client,
                gemeente=gemeente,
                aanbieder=ep.aanbieder,
                code=code,
                toegewezen_code="" if categorie_niveau else code,
                ingang=begin_p,
                einde=eind_p,
                volume=volume,
                toewijzingsdatum=min(toegekend, ctx.w1),
                reden_wijziging=wijziging if laatst else "",
                zp_begin=zp_begin,
                zp_einde=zp_einde,
                zp_reden=zp_reden,
                zp_gemeld=rng.random() >= GEEN_STARTBERICHT,
                schema=ep.schema,
                zorg_echt_beeindigd=laatst and zorg_einde is not None and ep.reden != "38",
            )
        )
        if zp_begin is None:
            break  # never started: no re-indication follows
    return uitkomst


def _herindicatie_code(code: str, rng: np.random.Generator) -> str:
    u = rng.random()
    if u < 0.06 and code in ESCALATIE:
        return ESCALATIE[code]
    if u > 0.97 and code in DEESCALATIE:
        return DEESCALATIE[code]
    return code


def _nummer_toewijzingen(ctx: _Context, toewijzingen: list[_Toewijzing]) -> None:
    """ToewijzingNummer: a running number per gemeente, so numbers repeat across gemeenten."""
    volgorde = sorted(
        range(len(toewijzingen)),
        key=lambda k: (
            toewijzingen[k].gemeente,
            toewijzingen[k].toewijzingsdatum,
            toewijzingen[k].ingang,
            ctx.bsn[toewijzingen[k].client],
            toewijzingen[k].code,
            toewijzingen[k].aanbieder,
        ),
    )
    teller: dict[str, int] = {}
    for k in volgorde:
        t = toewijzingen[k]
        teller[t.gemeente] = teller.get(t.gemeente, 100_000_000) + 1
        t.nummer = str(teller[t.gemeente])


# --- declarations ---------------------------------------------------------------------


@dataclass
class _Eenheden:
    """Declaring units: a toewijzing (or an invented one) over a period, as arrays."""

    aanbieder: np.ndarray
    client: np.ndarray
    gemeente: np.ndarray
    code: np.ndarray
    toegewezen_code: np.ndarray  # code index, -1 for category level or no allocation
    volume: np.ndarray
    per_maand: np.ndarray  # frequentie 4 instead of 2
    van: np.ndarray
    tot: np.ndarray
    tot_origineel: np.ndarray
    schema: np.ndarray  # scheme tag for all lines of the unit
    nummer: np.ndarray  # toewijzingnummer as declared (object array of str)
    effect: np.ndarray  # client-level deviation from the provider's realisation


def _declaratie_eenheden(
    ctx: _Context,
    toewijzingen: list[_Toewijzing],
    rng: np.random.Generator,
    rng_schema: np.random.Generator,
) -> _Eenheden:
    code_index = {c: i for i, c in enumerate(ctx.codes)}
    tags = _schema_tags()
    na_einde = ctx.actief("na_einde_zorg")
    rijen: list[tuple[int, int, str, int, int, float, int, int, int, int, str]] = []
    for t in toewijzingen:
        if t.zp_begin is None or t.zp_begin > ctx.w1:
            continue
        van = max(t.zp_begin, ctx.w0)
        tot = min(d for d in (ctx.w1, t.einde, t.zp_einde) if d is not None)
        if van > tot:
            continue
        nieuw_tot = tot
        if (
            na_einde is not None
            and t.aanbieder == na_einde
            and t.zorg_echt_beeindigd
            and ctx.schema_start("na_einde_zorg") - dt.timedelta(days=1)
            <= tot
            <= ctx.w1 - dt.timedelta(days=31)
            and rng_schema.random() < schemas.NA_EINDE_AANDEEL
        ):
            extra = int(
                rng_schema.integers(schemas.NA_EINDE_MAANDEN[0], schemas.NA_EINDE_MAANDEN[1] + 1)
            )
            nieuw_tot = min(ctx.w1, _maandeinde(_plus_maanden(tot, extra)))
        rijen.append(
            (
                t.aanbieder,
                t.client,
                t.gemeente,
                code_index[t.code],
                code_index[t.toegewezen_code] if t.toegewezen_code else -1,
                t.volume,
                _dag(van, 0),
                _dag(nieuw_tot, 0),
                _dag(tot, 0),
                tags[t.schema] if t.schema else 0,
                t.nummer,
            )
        )
    rijen += _eenheden_zonder_toewijzing(ctx, toewijzingen, rng_schema, code_index, tags)
    kolommen = list(zip(*rijen, strict=True))
    gemeente_index = {g: i for i, g in enumerate(ctx.gemeenten)}
    code = np.array(kolommen[3], dtype=np.int64)
    maand_codes = np.array([ctx.perceel(c) in PER_MAAND for c in ctx.codes])
    return _Eenheden(
        aanbieder=np.array(kolommen[0], dtype=np.int64),
        client=np.array(kolommen[1], dtype=np.int64),
        gemeente=np.array([gemeente_index[g] for g in kolommen[2]], dtype=np.int64),
        code=code,
        toegewezen_code=np.array(kolommen[4], dtype=np.int64),
        volume=np.array(kolommen[5], dtype=float),
        per_maand=maand_codes[code],
        van=np.array(kolommen[6], dtype=np.int64),
        tot=np.array(kolommen[7], dtype=np.int64),
        tot_origineel=np.array(kolommen[8], dtype=np.int64),
        schema=np.array(kolommen[9], dtype=np.int64),
        nummer=np.array(kolommen[10], dtype=object),
        effect=rng.normal(0.0, 0.05, size=len(rijen)),
    )


def _eenheden_zonder_toewijzing(
    ctx: _Context,
    toewijzingen: list[_Toewijzing],
    rng: np.random.Generator,
    code_index: dict[str, int],
    tags: dict[str, int],
) -> list[tuple[int, int, str, int, int, float, int, int, int, int, str]]:
    """Scheme zonder_toewijzing: invented declaring units for clients without an allocation
    at this provider (empty number, another provider's number, or an unknown BSN)."""
    aanbieder = ctx.actief("zonder_toewijzing")
    if aanbieder is None:
        return []
    eigen = {t.client for t in toewijzingen if t.aanbieder == aanbieder}
    elders: dict[int, list[_Toewijzing]] = {}
    for t in toewijzingen:
        if t.aanbieder != aanbieder and t.client not in eigen:
            elders.setdefault(t.client, []).append(t)
    clienten = sorted(elders)
    aantal = max(3, round(schemas.ZONDER_TOEWIJZING_AANDEEL * len(eigen)))
    start_maand = _maandnummer(ctx.schema_start("zonder_toewijzing"))
    laatste_maand = _maandnummer(ctx.w1) - 2
    bekend = [int(c) for c in rng.choice(clienten, size=min(aantal, len(clienten)), replace=False)]
    # Unknown BSNs become extra clients that only this provider's declarations mention.
    for bsn in _bsns(max(1, aantal // 3), set(ctx.bsn), rng):
        ctx.bsn.append(bsn)
        ctx.client_gemeente.append(str(rng.choice(ctx.gemeenten)))
    onbekend = list(range(len(ctx.bsn) - max(1, aantal // 3), len(ctx.bsn)))
    rijen = []
    for k, client in enumerate(bekend + onbekend):
        maand = int(rng.integers(start_maand, laatste_maand + 1))
        lengte = int(
            rng.integers(
                schemas.ZONDER_TOEWIJZING_MAANDEN[0], schemas.ZONDER_TOEWIJZING_MAANDEN[1] + 1
            )
        )
        van = _maand_naar_datum(maand)
        tot = min(ctx.w1, _maandeinde(_plus_maanden(van, lengte - 1)))
        code = str(rng.choice(("02A16", "07A03"), p=(0.6, 0.4)))
        nummer, gemeente = "", ctx.client_gemeente[client]
        if client in elders and k % 2 == 1:
            # Every other known client: declared on the number of another provider.
            anders = elders[client][int(rng.integers(0, len(elders[client])))]
            nummer, gemeente = anders.nummer, anders.gemeente
        rijen.append(
            (
                aanbieder,
                client,
                gemeente,
                code_index[code],
                -1,
                float(rng.choice(VOLUMES[code])),
                _dag(van, 0),
                _dag(tot, 0),
                _dag(tot, 0),
                tags["zonder_toewijzing"],
                nummer,
            )
        )
    return rijen


@dataclass
class _Regels:
    """Declaration lines as parallel arrays (one entry per prestatie)."""

    kolommen: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.kolommen["aanbieder"])

    def neem(self, index: np.ndarray) -> _Regels:
        return _Regels({k: v[index] for k, v in self.kolommen.items()})

    def plus(self, ander: _Regels) -> _Regels:
        return _Regels(
            {k: np.concatenate([v, ander.kolommen[k]]) for k, v in self.kolommen.items()}
        )

    def __getitem__(self, naam: str) -> np.ndarray:
        return self.kolommen[naam]


def _declaratieregels(
    ctx: _Context, e: _Eenheden, rng: np.random.Generator, rng_schema: np.random.Generator
) -> _Regels:
    """Monthly prestaties for every declaring unit, with realisation, schemes, tariffs,
    corrections and duplicates, all vectorised."""
    tags = _schema_tags()
    eenheid = np.array([ctx.producten[c]["eenheid"] for c in ctx.codes])
    perceel = np.array([ctx.producten[c]["perceel"] for c in ctx.codes])
    # Months per unit, exploded to one row per unit-month.
    m0, m1 = _maanden(e.van), _maanden(e.tot)
    aantal = m1 - m0 + 1
    eh = np.repeat(np.arange(len(e.van)), aantal)
    maand = m0[eh] + np.arange(aantal.sum()) - np.repeat(np.cumsum(aantal) - aantal, aantal)
    maand_begin = _maand_begin(maand)
    maand_eind = _maand_begin(maand + 1) - 1
    begin = np.maximum(maand_begin, e.van[eh])
    eind = np.minimum(maand_eind, e.tot[eh])
    dagen = eind - begin + 1
    n = len(eh)
    aanbieder = e.aanbieder[eh]
    code = e.code[eh].copy()
    per_maand = e.per_maand[eh]
    volume = e.volume[eh]
    # Cap = allocated volume for this period: per week × days/7, per maand × share of month.
    cap = np.where(per_maand, volume * dagen / (maand_eind - maand_begin + 1), volume * dagen / 7.0)
    tag = e.schema[eh].copy()
    # S2: months after the real end are the scheme's lines.
    tag[(eind > e.tot_origineel[eh]) & (tag == 0)] = tags["na_einde_zorg"]

    # Realisation: provider level, client level, month noise, absence and holidays.
    a_realisatie = np.array([a.realisatie for a in ctx.aanbieders])
    a_ruis = np.array([a.ruis for a in ctx.aanbieders])
    a_afwezig = np.array([a.afwezigheid for a in ctx.aanbieders])
    a_seizoen = np.array([a.seizoen for a in ctx.aanbieders])
    r = a_realisatie[aanbieder] + e.effect[eh] + rng.normal(0.0, 1.0, n) * a_ruis[aanbieder]
    maand_nr = maand % 12 + 1
    seizoen = np.where(np.isin(maand_nr, (7, 8)), 0.88, np.where(maand_nr == 12, 0.93, 1.0))
    r *= np.where(a_seizoen[aanbieder], seizoen, 1.0)
    afwezig = rng.random(n) < a_afwezig[aanbieder]
    r *= np.where(afwezig, rng.uniform(0.1, 0.6, n), 1.0)
    r = np.clip(r, 0.0, 1.0)
    volledig = ctx.actief("altijd_volledig")
    if volledig is not None:
        r[aanbieder == volledig] = 1.0
        tag[aanbieder == volledig] = tags["altijd_volledig"]
    onder = ctx.actief("onderlevering")
    if onder is not None:
        tag[aanbieder == onder] = tags["onderlevering"]

    is_uur = eenheid[code] == "04"
    is_bw = perceel[code] == "Beschermd wonen"
    is_kv = perceel[code] == "Kortdurend verblijf"
    # Hundredths of a unit: hours to the quarter, dagdelen and etmalen whole; at r = 1 the
    # declared volume is the cap itself (hours rounded down to two decimals).
    cap100 = np.where(is_uur, np.floor(cap * 100 + 1e-6), np.floor(cap + 1e-9) * 100)
    v100 = np.where(
        is_uur,
        np.where(r >= 1.0, cap100, np.floor(cap * r * 4 + 1e-9) * 25),
        np.floor(cap * r + 1e-9) * 100,
    )
    # Beschermd wonen: the client lives there; only a few absent days.
    afwezige_dagen = np.where(rng.random(n) < 0.08, rng.integers(1, 11, n), 0)
    v100 = np.where(is_bw, np.maximum(dagen - afwezige_dagen, 0) * 100, v100)
    # Kortdurend verblijf is used irregularly: some months not at all.
    kv_r = np.where(rng.random(n) < 0.35, 0.0, rng.uniform(0.25, 1.0, n))
    v100 = np.where(is_kv, np.floor(cap * kv_r + 1e-9) * 100, v100).astype(np.int64)
    cap100 = cap100.astype(np.int64)

    jaar_index = ((maand // 12) + 1970 - ctx.jaren[0]).astype(np.int64)

    def na_start(schema: str) -> np.ndarray:
        masker: np.ndarray = begin >= _dag(ctx.schema_start(schema), 0)
        return masker

    boven = ctx.actief("boven_toewijzing")
    if boven is not None:
        gekozen_eenheid = rng_schema.random(len(e.van)) < schemas.BOVEN_TOEWIJZING_AANDEEL
        masker = (
            (aanbieder == boven) & na_start("boven_toewijzing") & gekozen_eenheid[eh] & (tag == 0)
        )
        factor = rng_schema.uniform(*schemas.BOVEN_TOEWIJZING_FACTOR, n)
        hoger = np.where(
            is_uur, np.ceil(cap * factor * 4) * 25, np.ceil(cap * factor) * 100
        ).astype(np.int64)
        v100 = np.where(masker, hoger, v100)
        tag[masker] = tags["boven_toewijzing"]
    zwaarder = ctx.actief("zwaarder_dan_toegewezen")
    if zwaarder is not None:
        lichte = np.array([ctx.codes.index(c) for c in ("02A03", "02A16")])
        gekozen_eenheid = rng_schema.random(len(e.van)) < schemas.ZWAARDER_AANDEEL
        masker = (
            (aanbieder == zwaarder)
            & na_start("zwaarder_dan_toegewezen")
            & np.isin(e.toegewezen_code[eh], lichte)
            & gekozen_eenheid[eh]
            & (tag == 0)
        )
        code[masker] = ctx.codes.index("02A19")
        tag[masker] = tags["zwaarder_dan_toegewezen"]

    tarief = ctx.tarief_cent[code, jaar_index]
    opslag = ctx.actief("boven_contracttarief")
    if opslag is not None:
        masker = (aanbieder == opslag) & na_start("boven_contracttarief") & (tag == 0)
        tarief = np.where(masker, np.round(tarief * schemas.TARIEF_OPSLAG), tarief).astype(np.int64)
        tag[masker] = tags["boven_contracttarief"]
    groei = ctx.actief("groeisprong")
    if groei is not None:
        tag[(aanbieder == groei) & (jaar_index == len(ctx.jaren) - 1) & (tag == 0)] = tags[
            "groeisprong"
        ]

    regels = _Regels(
        {
            "aanbieder": aanbieder,
            "client": e.client[eh],
            "gemeente": e.gemeente[eh],
            "eenheid_index": eh,
            "code": code,
            "begin": begin,
            "eind": eind,
            "maand": maand,
            "jaar_index": jaar_index,
            "v100": v100,
            "cap100": cap100,
            "is_uur": is_uur,
            "tarief": tarief.astype(np.int64),
            "tag": tag,
            "soort": np.full(n, NORMAAL),
            "factuur": np.ones(n, dtype=np.int64),
            "vorig": np.full(n, -1),
        }
    )
    regels = regels.neem(np.flatnonzero(v100 > 0))
    regels = _correcties(regels, rng)
    regels = _duplicaten(ctx, regels, rng_schema)
    regels.kolommen["bedrag"] = (regels["v100"] * regels["tarief"] + 50) // 100
    regels.kolommen["nummer"] = e.nummer[regels["eenheid_index"]]
    return regels


def _correcties(regels: _Regels, rng: np.random.Generator) -> _Regels:
    """Honest corrections: a credit for the old prestatie and (mostly) a corrected rebill."""
    n = len(regels)
    kandidaat = np.flatnonzero((regels["tag"] == 0) & (rng.random(n) < CORRECTIE_AANDEEL))
    credit = regels.neem(kandidaat)
    credit.kolommen["soort"] = np.full(len(kandidaat), CREDIT)
    credit.kolommen["vorig"] = kandidaat
    credit.kolommen["factuur"] = np.full(len(kandidaat), 2)
    met_rebill = kandidaat[rng.random(len(kandidaat)) < 0.8]
    rebill = regels.neem(met_rebill)
    eenheid = np.where(rebill["is_uur"], 25, 100)
    nieuw = np.floor(rebill["v100"] * rng.uniform(0.5, 1.15, len(met_rebill)) / eenheid)
    nieuw = np.minimum(np.maximum(nieuw.astype(np.int64) * eenheid, eenheid), rebill["cap100"])
    rebill.kolommen["v100"] = nieuw
    rebill.kolommen["soort"] = np.full(len(met_rebill), REBILL)
    rebill.kolommen["factuur"] = np.full(len(met_rebill), 2)
    regels.kolommen["gecorrigeerd"] = np.isin(np.arange(n), kandidaat)
    credit.kolommen["gecorrigeerd"] = np.zeros(len(kandidaat), dtype=bool)
    rebill.kolommen["gecorrigeerd"] = np.zeros(len(met_rebill), dtype=bool)
    return regels.plus(credit).plus(rebill)


def _duplicaten(ctx: _Context, regels: _Regels, rng: np.random.Generator) -> _Regels:
    """Scheme dubbele_declaratie: standing prestaties declared again, never credited."""
    aanbieder = ctx.actief("dubbele_declaratie")
    if aanbieder is None:
        return regels
    n = len(regels)
    masker = (
        (regels["aanbieder"] == aanbieder)
        & (regels["soort"] == NORMAAL)
        & ~regels["gecorrigeerd"]
        & (regels["begin"] >= _dag(ctx.schema_start("dubbele_declaratie"), 0))
        & (rng.random(n) < schemas.DUBBEL_AANDEEL)
    )
    kopie = regels.neem(np.flatnonzero(masker))
    kopie.kolommen["soort"] = np.full(len(kopie), DUPLICAAT)
    kopie.kolommen["factuur"] = np.full(len(kopie), 2)
    kopie.kolommen["tag"] = np.full(len(kopie), _schema_tags()["dubbele_declaratie"])
    return regels.plus(kopie)


def _declaraties_tabel(ctx: _Context, regels: _Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Invoices, dates and referentienummers; then the contract columns."""
    m_w0 = _maandnummer(ctx.w0)
    maanden = 12 * len(ctx.jaren)
    vertraging = np.array([a.factuurvertraging for a in ctx.aanbieders])[:, None]
    eerste = vertraging + rng.integers(0, 8, size=(len(ctx.aanbieders), maanden))
    tweede = eerste + rng.integers(30, 111, size=(len(ctx.aanbieders), maanden))
    aanbieder, maand = regels["aanbieder"], regels["maand"]
    maand_eind = _maand_begin(maand + 1) - 1
    maand_index = maand - m_w0
    na = np.where(
        regels["factuur"] == 1, eerste[aanbieder, maand_index], tweede[aanbieder, maand_index]
    )
    datum = maand_eind + na
    regels.kolommen["declaratiedatum"] = datum
    # Referentienummers run per provider in sending order; they start at a per-provider offset.
    volgorde = np.lexsort(
        (
            regels["soort"],
            regels["code"],
            regels["client"],
            regels["begin"],
            regels["factuur"],
            datum,
            aanbieder,
        )
    )
    gesorteerd = aanbieder[volgorde]
    eerste_pos = np.searchsorted(gesorteerd, gesorteerd, side="left")
    volgnummer = np.empty(len(regels), dtype=np.int64)
    volgnummer[volgorde] = np.arange(len(regels)) - eerste_pos
    offset = rng.integers(1, 90, size=len(ctx.aanbieders)) * 10_000_000
    referentie = offset[aanbieder] + volgnummer + 1
    vorig = np.where(regels["vorig"] >= 0, referentie[np.maximum(regels["vorig"], 0)], -1)

    agb = np.array([a.agb for a in ctx.aanbieders], dtype=object)
    bsn = np.array(ctx.bsn, dtype=object)
    gemeente = np.array(ctx.gemeenten, dtype=object)
    codes = np.array(ctx.codes, dtype=object)
    categorie = np.array([ctx.producten[c]["productcategorie"] for c in ctx.codes], dtype=object)
    eenheid = np.array([ctx.producten[c]["eenheid"] for c in ctx.codes], dtype=object)
    jaarmaand = (maand // 12 + 1970) * 100 + maand % 12 + 1
    df = pl.DataFrame(
        {
            "agb": agb[aanbieder],
            "jaarmaand": jaarmaand,
            "factuur": regels["factuur"],
            "referentie": referentie,
            "vorig": vorig,
            "gemeentecode": gemeente[regels["gemeente"]],
            "bsn": bsn[regels["client"]],
            "toewijzingnummer": regels["nummer"],
            "productcategorie": categorie[regels["code"]],
            "productcode": codes[regels["code"]],
            "begindatum": _datums(regels["begin"]),
            "einddatum": _datums(regels["eind"]),
            "geleverd_volume": regels["v100"] / 100,
            "eenheid": eenheid[regels["code"]],
            "producttarief": regels["tarief"] / 100,
            "ingediend_bedrag": regels["bedrag"] / 100,
            "debet_credit": np.where(regels["soort"] == CREDIT, "C", "D"),
            "declaratiedatum": _datums(datum),
        },
        schema_overrides={
            "agb": pl.String,
            "gemeentecode": pl.String,
            "bsn": pl.String,
            "toewijzingnummer": pl.String,
            "productcategorie": pl.String,
            "productcode": pl.String,
            "eenheid": pl.String,
        },
    )
    df = df.with_columns(
        declaratienummer=pl.concat_str(
            pl.col("agb"),
            pl.lit("-"),
            pl.col("jaarmaand").cast(pl.String),
            pl.lit("-"),
            pl.col("factuur").cast(pl.String).str.zfill(2),
        ),
        referentienummer=pl.col("referentie").cast(pl.String).str.zfill(10),
        vorig_referentienummer=pl.when(pl.col("vorig") >= 0)
        .then(pl.col("vorig").cast(pl.String).str.zfill(10))
        .otherwise(None),
        aanbieder_agb=pl.col("agb"),
        toewijzingnummer=pl.when(pl.col("toewijzingnummer") == "")
        .then(None)
        .otherwise(pl.col("toewijzingnummer")),
    )
    return df.sort(
        "aanbieder_agb", "declaratiedatum", "declaratienummer", "referentienummer"
    ).select(_kolommen("declaraties"))


# --- quality signals and accountability -----------------------------------------------

_KLACHTEN = (
    "Hulp kwam niet op de afgesproken tijd",
    "Steeds wisselende hulpverleners",
    "Afspraken uit het ondersteuningsplan niet nagekomen",
    "Bejegening door medewerker",
    "Minder uren geleverd dan afgesproken",
    "Slecht bereikbaar bij vragen",
)
_CALAMITEITEN = (
    "Valincident tijdens begeleiding",
    "Medicatiefout",
    "Cliënt vermist tijdens dagbesteding",
    "Agressie-incident",
)
_SIGNALEN = (
    "Cliënt meldt minder uren dan toegewezen",
    "Ondersteuningsplan ontbreekt",
    "Ontevredenheid cliënt gemeld bij het wijkteam",
)


def _meldingen(ctx: _Context, regels: _Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Klachten, calamiteiten, signalen van de toegang and a yearly client-experience score."""
    clienten = _clienten_per_aanbieder_jaar(ctx, regels)
    onder = ctx.actief("onderlevering")
    rijen: list[tuple[str, dt.date, str, float | None, str]] = []
    for i, a in enumerate(ctx.aanbieders):
        slecht = i == onder
        for j, jaar in enumerate(ctx.jaren):
            aantal = int(clienten[i, j])
            if aantal == 0:
                continue
            factor = schemas.ONDERLEVERING_KLACHTEN_FACTOR if slecht else 1.0
            for soort, basis, per_client, teksten in (
                ("klacht", 0.3, 0.012, _KLACHTEN),
                ("calamiteit", 0.05, 0.002, _CALAMITEITEN),
                ("signaal toegang", 0.2, 0.008, _SIGNALEN),
            ):
                verwacht = (basis + per_client * aantal) * factor
                if slecht and soort == "calamiteit":
                    verwacht += 2
                for _ in range(int(rng.poisson(verwacht))):
                    tekst = str(rng.choice(teksten))
                    rijen.append((a.agb, _willekeurige_dag(jaar, rng), soort, None, tekst))
            if aantal >= 10:
                cijfer = schemas.ONDERLEVERING_CEO if slecht else 7.6
                score = round(float(np.clip(rng.normal(cijfer, 0.3), 4.0, 9.5)), 1)
                rijen.append(
                    (
                        a.agb,
                        dt.date(jaar, 11, 30),
                        "cliëntervaring",
                        score,
                        f"Gemiddeld rapportcijfer cliëntervaringsonderzoek {jaar}",
                    )
                )
    df = pl.DataFrame(
        rijen,
        schema={
            "aanbieder_agb": pl.String,
            "datum": pl.Date,
            "soort": pl.String,
            "waarde": pl.Float64,
            "omschrijving": pl.String,
        },
        orient="row",
    )
    return df.sort("aanbieder_agb", "datum", "soort", "omschrijving").select(_kolommen("meldingen"))


def _verantwoording(ctx: _Context, regels: _Regels, rng: np.random.Generator) -> pl.DataFrame:
    """Each provider's own production per year and gemeente: its net declared euros with
    small honest differences; the double-declaring provider leaves its copies out."""
    teken = np.where(regels["soort"] == CREDIT, -1, 1)
    # The provider's own books know each prestatie once: duplicates are not in them.
    eigen = np.where(regels["soort"] == DUPLICAAT, 0, regels["bedrag"] * teken)
    df = (
        pl.DataFrame(
            {
                "aanbieder": regels["aanbieder"],
                "jaar": regels["jaar_index"] + ctx.jaren[0],
                "gemeente": regels["gemeente"],
                "bedrag": eigen,
            }
        )
        .group_by("aanbieder", "jaar", "gemeente")
        .agg(pl.col("bedrag").sum())
        .sort("aanbieder", "jaar", "gemeente")
        .filter(pl.col("bedrag") > 0)
    )
    # Honest differences: rounding, late corrections, a different cut-off date.
    afwijking = np.where(rng.random(df.height) < 0.4, 0.0, rng.normal(0.0, 0.008, df.height))
    centen = np.round(df["bedrag"].to_numpy() * (1 + afwijking)).astype(np.int64)
    agb = np.array([a.agb for a in ctx.aanbieders], dtype=object)
    gemeente = np.array(ctx.gemeenten, dtype=object)
    return pl.DataFrame(
        {
            "aanbieder_agb": agb[df["aanbieder"].to_numpy()],
            "jaar": df["jaar"].to_numpy(),
            "gemeentecode": gemeente[df["gemeente"].to_numpy()],
            "productcode": [None] * df.height,
            "bedrag": centen / 100,
        },
        schema_overrides={
            "aanbieder_agb": pl.String,
            "gemeentecode": pl.String,
            "productcode": pl.String,
        },
    ).select(_kolommen("verantwoording"))


# --- ground truth and look-alikes -----------------------------------------------------


def _grondwaarheid(ctx: _Context, regels: _Regels) -> pl.DataFrame:
    kolommen = ("aanbieder_agb", "jaar", "schema", "categorie", "omschrijving")
    rijen: list[tuple[str, int, str, str, str]] = []
    if ctx.met_schemas:
        df = pl.DataFrame(
            {
                "tag": regels["tag"],
                "aanbieder": regels["aanbieder"],
                "jaar": regels["jaar_index"] + ctx.jaren[0],
                "client": regels["client"],
                "bedrag": regels["bedrag"],
            }
        ).filter(pl.col("tag") > 0)
        samenvatting = (
            df.group_by("tag", "aanbieder", "jaar")
            .agg(
                regels=pl.len(),
                clienten=pl.col("client").n_unique(),
                bedrag=pl.col("bedrag").sum(),
            )
            .sort("aanbieder", "jaar", "tag")
        )
        for r in samenvatting.iter_rows(named=True):
            schema = schemas.SCHEMAS[r["tag"] - 1]
            tekst = schema.omschrijving.format(
                regels=r["regels"], clienten=r["clienten"], bedrag=_euro(r["bedrag"])
            )
            rijen.append(
                (ctx.aanbieders[r["aanbieder"]].agb, r["jaar"], schema.id, schema.categorie, tekst)
            )
    return pl.DataFrame(
        rijen,
        schema={k: (pl.Int64 if k == "jaar" else pl.String) for k in kolommen},
        orient="row",
    ).sort("aanbieder_agb", "jaar", "schema")


def _lookalikes(ctx: _Context, regels: _Regels, overstap: _Overstap) -> pl.DataFrame:
    teksten = schemas.LOOKALIKES
    clienten = _clienten_per_aanbieder_jaar(ctx, regels)
    rijen: list[tuple[str, int, str, str]] = []

    def actief(i: int) -> list[int]:
        return [jaar for j, jaar in enumerate(ctx.jaren) if clienten[i, j] > 0]

    verkoper = ctx.aanbieders[ctx.rollen["overname_verkoper"]]
    koper = ctx.aanbieders[ctx.rollen["overname_koper"]]
    datum = ctx.overname.isoformat()
    van = ctx.aanbieders[ctx.rollen["overstap_van"]]
    naar = ctx.aanbieders[ctx.rollen["overstap_naar"]]
    for i, a in enumerate(ctx.aanbieders):
        if a.rol == "specialist" or a.rol == "hoge_realisatie":
            rijen += [(a.agb, jaar, a.rol, teksten[a.rol]) for jaar in actief(i)]
        elif a.rol == "overname_verkoper":
            tekst = teksten[a.rol].format(datum=datum, ander=f"{koper.naam} ({koper.agb})")
            rijen.append((a.agb, ctx.overname.year, a.rol, tekst))
        elif a.rol == "overname_koper":
            tekst = teksten[a.rol].format(datum=datum, ander=f"{verkoper.naam} ({verkoper.agb})")
            rijen += [
                (a.agb, jaar, a.rol, tekst)
                for jaar in (ctx.overname.year, ctx.overname.year + 1)
                if jaar in ctx.jaren
            ]
        elif a.rol == "kleine_aanbieder":
            for j, jaar in enumerate(ctx.jaren):
                if clienten[i, j] > 0:
                    aantal = int(clienten[i, j])
                    tekst = teksten[a.rol].format(
                        clienten=f"{aantal} cliënt" if aantal == 1 else f"{aantal} cliënten"
                    )
                    rijen.append((a.agb, jaar, a.rol, tekst))
        elif a.rol in ("overstap_van", "overstap_naar"):
            tekst = teksten["overstap_overlap"].format(
                aantal=overstap.aantal,
                van=f"{van.naam} ({van.agb})",
                naar=f"{naar.naam} ({naar.agb})",
            )
            rijen += [(a.agb, jaar, "overstap_overlap", tekst) for jaar in overstap.jaren]
        elif a.rol == "nieuwe_aanbieder" and a.contract_vanaf is not None:
            tekst = teksten[a.rol].format(datum=a.contract_vanaf.isoformat())
            rijen += [(a.agb, jaar, a.rol, tekst) for jaar in actief(i)]
    return pl.DataFrame(
        rijen,
        schema={
            "aanbieder_agb": pl.String,
            "jaar": pl.Int64,
            "soort": pl.String,
            "omschrijving": pl.String,
        },
        orient="row",
    ).sort("aanbieder_agb", "jaar", "soort")


def _clienten_per_aanbieder_jaar(ctx: _Context, regels: _Regels) -> np.ndarray:
    df = (
        pl.DataFrame({"a": regels["aanbieder"], "j": regels["jaar_index"], "c": regels["client"]})
        .group_by("a", "j")
        .agg(pl.col("c").n_unique())
    )
    uitkomst = np.zeros((len(ctx.aanbieders), len(ctx.jaren)), dtype=np.int64)
    uitkomst[df["a"].to_numpy(), df["j"].to_numpy()] = df["c"].to_numpy()
    return uitkomst


# --- tables ---------------------------------------------------------------------------


def _toewijzingen_tabel(ctx: _Context, toewijzingen: list[_Toewijzing]) -> pl.DataFrame:
    rijen = []
    for t in toewijzingen:
        product = ctx.producten[t.code]
        rijen.append(
            {
                "toewijzingnummer": t.nummer,
                "bsn": ctx.bsn[t.client],
                "gemeentecode": t.gemeente,
                "aanbieder_agb": ctx.aanbieders[t.aanbieder].agb,
                "productcategorie": product["productcategorie"],
                "productcode": t.toegewezen_code or None,
                "ingangsdatum": t.ingang,
                "einddatum": t.einde,
                "volume": t.volume,
                "eenheid": product["eenheid"],
                "frequentie": "4" if product["perceel"] in PER_MAAND else "2",
                "budget": None,
                "toewijzingsdatum": t.toewijzingsdatum,
                "reden_wijziging": t.reden_wijziging or None,
            }
        )
    schema = {k: pl.String for k in _kolommen("toewijzingen")} | {
        "ingangsdatum": pl.Date,
        "einddatum": pl.Date,
        "toewijzingsdatum": pl.Date,
        "volume": pl.Float64,
        "budget": pl.Float64,
    }
    return pl.DataFrame(rijen, schema=schema).sort("gemeentecode", "toewijzingnummer")


def _zorgperiodes_tabel(ctx: _Context, toewijzingen: list[_Toewijzing]) -> pl.DataFrame:
    rijen = []
    for t in toewijzingen:
        if t.zp_begin is None or t.zp_begin > ctx.w1 or not t.zp_gemeld:
            continue
        einde = t.zp_einde if t.zp_einde is not None and t.zp_einde <= ctx.w1 else None
        rijen.append(
            {
                "toewijzingnummer": t.nummer,
                "gemeentecode": t.gemeente,
                "aanbieder_agb": ctx.aanbieders[t.aanbieder].agb,
                "bsn": ctx.bsn[t.client],
                "productcategorie": ctx.producten[t.code]["productcategorie"],
                "productcode": t.toegewezen_code or None,
                "begindatum": t.zp_begin,
                "einddatum": einde,
                "reden_beeindiging": t.zp_reden if einde is not None else None,
            }
        )
    schema = {k: pl.String for k in _kolommen("zorgperiodes")} | {
        "begindatum": pl.Date,
        "einddatum": pl.Date,
    }
    return pl.DataFrame(rijen, schema=schema).sort("gemeentecode", "toewijzingnummer")


def _aanbieders_tabel(ctx: _Context) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "aanbieder_agb": a.agb,
                "naam": a.naam,
                "hoofdaannemer_agb": a.hoofdaannemer or None,
                "contract_vanaf": a.contract_vanaf,
                "contract_tot": a.contract_tot,
            }
            for a in ctx.aanbieders
        ],
        schema={
            "aanbieder_agb": pl.String,
            "naam": pl.String,
            "hoofdaannemer_agb": pl.String,
            "contract_vanaf": pl.Date,
            "contract_tot": pl.Date,
        },
    ).sort("aanbieder_agb")


def _kolommen(tabel: str) -> list[str]:
    """Contract column order, with the raw `bsn` in the client column."""
    return ["bsn" if k == "client_id" else k for k in TABELLEN[tabel].kolomnamen]


def _schrijf(df: pl.DataFrame, pad: Path) -> None:
    # Two decimals for every float: euros, tariffs and volumes (hours to the quarter).
    df.write_csv(pad, float_precision=2, date_format="%Y-%m-%d")


# --- small helpers --------------------------------------------------------------------

_EPOCH = dt.date(1970, 1, 1)


def _schema_tags() -> dict[str, int]:
    return {s.id: i + 1 for i, s in enumerate(schemas.SCHEMAS)}


def _dag(datum: dt.date | None, standaard: int) -> int:
    return standaard if datum is None else (datum - _EPOCH).days


def _dagen(aantal: np.integer | int) -> dt.timedelta:
    return dt.timedelta(days=int(aantal))


def _plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    m = datum.month - 1 + maanden
    jaar, maand = datum.year + m // 12, m % 12 + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def _maandeinde(datum: dt.date) -> dt.date:
    return datum.replace(day=calendar.monthrange(datum.year, datum.month)[1])


def _maandnummer(datum: dt.date) -> int:
    return (datum.year - 1970) * 12 + datum.month - 1


def _maand_naar_datum(maand: int) -> dt.date:
    return dt.date(1970 + maand // 12, maand % 12 + 1, 1)


def _maanden(dagen: np.ndarray) -> np.ndarray:
    return dagen.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _maand_begin(maanden: np.ndarray) -> np.ndarray:
    return maanden.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _datums(dagen: np.ndarray) -> pl.Series:
    return pl.Series(dagen.astype(np.int32)).cast(pl.Date)


def _willekeurige_dag(jaar: int, rng: np.random.Generator) -> dt.date:
    return dt.date(jaar, 1, 1) + _dagen(rng.integers(0, 365))


def _getal(aantal: int) -> str:
    """Dutch thousands separator: 12.345."""
    return f"{aantal:,}".replace(",", ".")


def _euro(centen: int) -> str:
    euro, cent = divmod(int(centen), 100)
    return f"€ {_getal(euro)},{cent:02d}"


def main() -> None:
    """`python -m pipelines.demo.generate_region DOELMAP [SEED]` — for a quick look."""
    doelmap = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/demo")
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261123
    begin = time.perf_counter()
    samenvatting = genereer_regio(doelmap, seed)
    duur = time.perf_counter() - begin
    print(f"Demoregio {REGIO} geschreven naar {doelmap} in {duur:.1f} s")
    for naam, aantal in samenvatting.rijen.items():
        print(f"  {naam:16s} {_getal(aantal):>9s} rijen")


if __name__ == "__main__":
    main()
