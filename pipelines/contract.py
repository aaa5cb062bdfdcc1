"""The data contract (../shared/data-contract.md) as code: tables, columns, types, code lists.

Everything that reads or validates input takes its column lists from here, so the contract
lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Soort = Literal["tekst", "code", "datum", "getal", "geheel_getal", "client"]

# iWmo codelists (Basisschema 3.2, LDT_Eenheid / LDT_Frequentie / LDT_DebetCredit).
EENHEDEN_WJ756: dict[str, str] = {
    "01": "minuut",
    "04": "uur",
    "14": "etmaal",
    "16": "dagdeel (4 uur)",
    "82": "stuks (output)",
    "83": "euro",
    "84": "stuks (inspanning)",
}
FREQUENTIES_WJ757: dict[str, str] = {
    "1": "per dag",
    "2": "per week",
    "4": "per maand",
    "6": "totaal binnen geldigheidsduur toewijzing",
}
DEBET_CREDIT: dict[str, str] = {"D": "debet", "C": "credit"}
SAMENLOOP_REGELS: dict[str, str] = {"uitgesloten": "uitgesloten", "signaal": "signaal"}


@dataclass(frozen=True)
class Kolom:
    naam: str
    soort: Soort
    verplicht: bool = False
    # Codes are text; numeric-looking codes are left-padded with zeros to this width
    # (Excel turns gemeentecode 0405 into 405).
    breedte: int | None = None
    codelijst: dict[str, str] | None = None
    codelijst_naam: str | None = None
    # Full-match regex a filled value must satisfy, with the reason shown when it does not.
    patroon: str | None = None
    patroon_uitleg: str | None = None
    # At most this many leading zeros are restored (an AGB-code loses one in Excel, never four).
    max_opvulling: int | None = None
    # Amounts, tariffs and volumes: the sign of a declaration comes from debet_credit.
    niet_negatief: bool = False


@dataclass(frozen=True)
class Tabel:
    naam: str
    kolommen: tuple[Kolom, ...]
    # (begin, eind) date pairs that must satisfy eind >= begin.
    periodes: tuple[tuple[str, str], ...] = ()
    # Columns that become required once the first one is filled ("if volume").
    voorwaardelijk_verplicht: tuple[tuple[str, tuple[str, ...]], ...] = ()
    heeft_client: bool = False
    omschrijving: str = ""

    @property
    def kolomnamen(self) -> list[str]:
        return [k.naam for k in self.kolommen]

    def kolom(self, naam: str) -> Kolom:
        for k in self.kolommen:
            if k.naam == naam:
                return k
        raise KeyError(naam)


def _code(naam: str, breedte: int | None = None, verplicht: bool = False) -> Kolom:
    return Kolom(naam, "code", verplicht, breedte)


def _gemeentecode(verplicht: bool) -> Kolom:
    return Kolom(
        "gemeentecode",
        "code",
        verplicht,
        4,
        patroon=r"[0-9]{4}",
        patroon_uitleg="gemeentecode moet uit 4 cijfers bestaan (CBS-gemeentecode, bijv. 0405)",
    )


def _agb(naam: str, verplicht: bool) -> Kolom:
    return Kolom(
        naam,
        "code",
        verplicht,
        8,
        max_opvulling=1,
        patroon=r"[0-9]{8}",
        patroon_uitleg=f"{naam} moet uit 8 cijfers bestaan (AGB-code)",
    )


def _niet_negatief_getal(naam: str, verplicht: bool = False) -> Kolom:
    return Kolom(naam, "getal", verplicht, niet_negatief=True)


CLIENT = Kolom("client_id", "client", verplicht=True)

TABELLEN: dict[str, Tabel] = {
    "toewijzingen": Tabel(
        "toewijzingen",
        (
            _code("toewijzingnummer", verplicht=True),
            CLIENT,
            _gemeentecode(verplicht=True),
            _agb("aanbieder_agb", verplicht=True),
            _code("productcategorie", 2, verplicht=True),
            _code("productcode", 5),
            Kolom("ingangsdatum", "datum", verplicht=True),
            Kolom("einddatum", "datum"),
            _niet_negatief_getal("volume"),
            Kolom("eenheid", "code", breedte=2, codelijst=EENHEDEN_WJ756, codelijst_naam="WJ756"),
            Kolom("frequentie", "code", codelijst=FREQUENTIES_WJ757, codelijst_naam="WJ757"),
            _niet_negatief_getal("budget"),
            Kolom("toewijzingsdatum", "datum"),
            Kolom("reden_wijziging", "tekst"),
        ),
        periodes=(("ingangsdatum", "einddatum"),),
        voorwaardelijk_verplicht=(("volume", ("eenheid", "frequentie")),),
        heeft_client=True,
        omschrijving="iWmo 301: één rij per toegewezen product",
    ),
    "zorgperiodes": Tabel(
        "zorgperiodes",
        (
            _code("toewijzingnummer", verplicht=True),
            _gemeentecode(verplicht=True),
            _agb("aanbieder_agb", verplicht=True),
            CLIENT,
            _code("productcategorie", 2),
            _code("productcode", 5),
            Kolom("begindatum", "datum", verplicht=True),
            Kolom("einddatum", "datum"),
            Kolom("reden_beeindiging", "tekst"),
        ),
        periodes=(("begindatum", "einddatum"),),
        heeft_client=True,
        omschrijving="iWmo 305 start zorg / 307 stop zorg",
    ),
    "declaraties": Tabel(
        "declaraties",
        (
            _code("declaratienummer", verplicht=True),
            _code("referentienummer", verplicht=True),
            _code("vorig_referentienummer"),
            _agb("aanbieder_agb", verplicht=True),
            _gemeentecode(verplicht=True),
            CLIENT,
            _code("toewijzingnummer"),
            _code("productcategorie", 2, verplicht=True),
            _code("productcode", 5, verplicht=True),
            Kolom("begindatum", "datum", verplicht=True),
            Kolom("einddatum", "datum", verplicht=True),
            _niet_negatief_getal("geleverd_volume", verplicht=True),
            Kolom(
                "eenheid",
                "code",
                verplicht=True,
                breedte=2,
                codelijst=EENHEDEN_WJ756,
                codelijst_naam="WJ756",
            ),
            _niet_negatief_getal("producttarief", verplicht=True),
            _niet_negatief_getal("ingediend_bedrag", verplicht=True),
            Kolom(
                "debet_credit",
                "code",
                verplicht=True,
                codelijst=DEBET_CREDIT,
                codelijst_naam="debet/credit",
            ),
            Kolom("declaratiedatum", "datum"),
        ),
        periodes=(("begindatum", "einddatum"),),
        heeft_client=True,
        omschrijving="iWmo 323 (3.x) / 303 (2.x): één rij per prestatie",
    ),
    "producten": Tabel(
        "producten",
        (
            _code("productcategorie", 2, verplicht=True),
            _code("productcode", 5, verplicht=True),
            Kolom("omschrijving", "tekst"),
            Kolom("perceel", "tekst", verplicht=True),
            Kolom("intensiteit", "geheel_getal", verplicht=True),
            Kolom("eenheid", "code", breedte=2, codelijst=EENHEDEN_WJ756, codelijst_naam="WJ756"),
        ),
        omschrijving="productcatalogus met perceel en intensiteit",
    ),
    "tarieven": Tabel(
        "tarieven",
        (
            _code("productcode", 5, verplicht=True),
            Kolom("geldig_vanaf", "datum", verplicht=True),
            Kolom("geldig_tot", "datum"),
            _niet_negatief_getal("tarief", verplicht=True),
            _agb("aanbieder_agb", verplicht=False),
        ),
        periodes=(("geldig_vanaf", "geldig_tot"),),
        omschrijving="tarief per eenheid; leeg aanbieder_agb = regionaal tarief",
    ),
    "aanbieders": Tabel(
        "aanbieders",
        (
            _agb("aanbieder_agb", verplicht=True),
            Kolom("naam", "tekst"),
            _agb("hoofdaannemer_agb", verplicht=False),
            Kolom("contract_vanaf", "datum"),
            Kolom("contract_tot", "datum"),
        ),
        periodes=(("contract_vanaf", "contract_tot"),),
        omschrijving="zorgaanbieders (en onderaannemers)",
    ),
    "gemeenten": Tabel(
        "gemeenten",
        (
            _gemeentecode(verplicht=True),
            Kolom("naam", "tekst", verplicht=True),
            Kolom("regio", "tekst"),
        ),
        omschrijving="CBS-gemeenten met regio",
    ),
    "samenloopregels": Tabel(
        "samenloopregels",
        (
            Kolom("a", "tekst", verplicht=True),
            Kolom("b", "tekst", verplicht=True),
            Kolom(
                "regel",
                "code",
                verplicht=True,
                codelijst=SAMENLOOP_REGELS,
                codelijst_naam="samenloopregel",
            ),
            Kolom("toelichting", "tekst"),
        ),
        omschrijving="regels voor stapeling: productcode of perceel a naast b",
    ),
    "meldingen": Tabel(
        "meldingen",
        (
            _agb("aanbieder_agb", verplicht=True),
            Kolom("datum", "datum", verplicht=True),
            Kolom("soort", "tekst", verplicht=True),
            Kolom("waarde", "getal"),
            Kolom("omschrijving", "tekst"),
        ),
        omschrijving="kwaliteitsmeldingen: klachten, calamiteiten, signalen",
    ),
    "verantwoording": Tabel(
        "verantwoording",
        (
            _agb("aanbieder_agb", verplicht=True),
            Kolom("jaar", "geheel_getal", verplicht=True),
            _gemeentecode(verplicht=False),
            _code("productcode", 5),
            Kolom("bedrag", "getal", verplicht=True),
        ),
        omschrijving="productieverantwoording van de aanbieder",
    ),
}

# Longest prefix first, so a future `declaraties_correcties` never matches a shorter name.
TABEL_VOORVOEGSELS: tuple[str, ...] = tuple(sorted(TABELLEN, key=len, reverse=True))


def herken_tabel(bestandsnaam: str) -> str | None:
    """Table fed by a file, from its name prefix (case-insensitive), or None."""
    naam = bestandsnaam.lower()
    for voorvoegsel in TABEL_VOORVOEGSELS:
        if naam.startswith(voorvoegsel):
            return voorvoegsel
    return None
