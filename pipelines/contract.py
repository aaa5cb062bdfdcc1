"""The data contract (../shared/data-contract.md) as code: tables, columns, types, code lists.

Everything that reads or validates input takes its column lists from here, so the contract
lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Soort = Literal["tekst", "code", "datum", "getal", "geheel_getal", "client"]


@dataclass(frozen=True)
class Code:
    """One code of a code list, with what the SQL models look up about it.

    pipelines/reference.py publishes every list as `referentie.codelijsten`; the models read
    it there (sql/macros.sql), so a code and its meaning are written down only here.
    """

    omschrijving: str
    # How a toelichting names the code in a sentence ("3 uur per week").
    in_zin: str | None = None
    # WJ756: which units convert into each other (TR341), the factor to the dimension's base
    # unit (time: minutes), and whether the unit measures effort, so that realisation against
    # the allocated volume means something.
    dimensie: str | None = None
    factor_naar_basis: Decimal | None = None
    is_inspanningsgericht: bool | None = None


def _eenheid(omschrijving: str, in_zin: str, dimensie: str, factor: str, inspanning: bool) -> Code:
    return Code(omschrijving, in_zin, dimensie, Decimal(factor), inspanning)


# iWmo codelists (Basisschema 3.2, LDT_Eenheid / LDT_Frequentie / LDT_DebetCredit), the
# samenloopregels' own list and the signal categories of the data contract.
CODELIJSTEN: dict[str, dict[str, Code]] = {
    "WJ756": {
        "01": _eenheid("minuut", "minuten", "tijd", "1.0", True),
        "04": _eenheid("uur", "uur", "tijd", "60.0", True),
        "14": _eenheid("etmaal", "etmalen", "etmaal", "1.0", True),
        "16": _eenheid("dagdeel (4 uur)", "dagdelen", "tijd", "240.0", True),
        "82": _eenheid("stuks (output)", "stuks", "stuks (output)", "1.0", False),
        "83": _eenheid("euro", "euro", "euro", "1.0", False),
        "84": _eenheid("stuks (inspanning)", "stuks", "stuks (inspanning)", "1.0", True),
    },
    "WJ757": {
        "1": Code("per dag", "per dag"),
        "2": Code("per week", "per week"),
        "4": Code("per maand", "per maand"),
        "6": Code("totaal binnen geldigheidsduur toewijzing", "in totaal over de toewijzing"),
    },
    "debet/credit": {"D": Code("debet"), "C": Code("credit")},
    # iWmo LDT_StatusAanlevering (WMO305/307): 1 eerste aanlevering, 2 gewijzigde aanlevering,
    # 3 verwijderen aanlevering (trekt een eerdere start of stop met dezelfde sleutel in).
    "status aanlevering": {
        "1": Code("eerste aanlevering"),
        "2": Code("gewijzigde aanlevering"),
        "3": Code("verwijderen aanlevering"),
    },
    # Which request a row of `verzoeken` comes from, and what the gemeente decided.
    "soort verzoek": {
        "315": Code("verzoek om toewijzing (WMO315)"),
        "317": Code("verzoek om wijziging (WMO317)"),
    },
    "uitkomst verzoek": {
        "toegekend": Code("toegekend: de gemeente heeft het verzoek gevolgd"),
        "afgewezen": Code("afgewezen: de gemeente heeft het verzoek niet gevolgd"),
    },
    "toegekend": {
        "ja": Code("ja: de gemeente heeft de prestatie toegekend"),
        "nee": Code("nee: de gemeente heeft de prestatie afgewezen"),
    },
    "samenloopregel": {
        "uitgesloten": Code("uitgesloten: de combinatie mag niet"),
        "signaal": Code("signaal: de combinatie valt op"),
    },
    "signaalcategorie": {
        "spookzorg": Code("gedeclareerde zorg zonder passende toewijzing of levering"),
        "upcoding": Code("zwaardere of duurdere zorg gedeclareerd dan passend"),
        "stapeling": Code("zorg bovenop zorg die samen niet mag of te veel is"),
        "volume": Code("ongewone groei van de zorg bij een aanbieder"),
        "kwaliteit": Code("aanwijzingen over de kwaliteit van de zorg"),
    },
    # The three steps of a productieverantwoording (Lekstroom): voorlopige inschatting, concept,
    # definitief met verklaring. A file without the column is one definitive total.
    "stap verantwoording": {
        "voorlopig": Code("voorlopige inschatting"),
        "concept": Code("concept"),
        "definitief": Code("definitief, met verklaring"),
    },
}


def _omschrijvingen(codelijst: str) -> dict[str, str]:
    return {code: c.omschrijving for code, c in CODELIJSTEN[codelijst].items()}


# What ingest validates against (the keys are the allowed codes).
EENHEDEN_WJ756 = _omschrijvingen("WJ756")
FREQUENTIES_WJ757 = _omschrijvingen("WJ757")
DEBET_CREDIT = _omschrijvingen("debet/credit")
SAMENLOOP_REGELS = _omschrijvingen("samenloopregel")
STAPPEN_VERANTWOORDING = _omschrijvingen("stap verantwoording")
STATUS_AANLEVERING = _omschrijvingen("status aanlevering")
SOORT_VERZOEK = _omschrijvingen("soort verzoek")
UITKOMST_VERZOEK = _omschrijvingen("uitkomst verzoek")
TOEGEKEND = _omschrijvingen("toegekend")


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
    # Longest value in characters, and where the limit comes from, for the quarantine reason:
    # the iWmo datatype of the element the column maps to (Basisschema 3.2) or why a column
    # without one got this limit. Columns bounded by `patroon` or `codelijst` need none.
    max_lengte: int | None = None
    lengte_bron: str | None = None
    # Inclusive range of a number, with its source for the reason. Every number has one, and
    # none admits a 9-digit integer: a BSN typed into a number column must never load.
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    bereik_bron: str | None = None


@dataclass(frozen=True)
class Tabel:
    naam: str
    kolommen: tuple[Kolom, ...]
    # (begin, eind) date pairs that must satisfy eind >= begin.
    periodes: tuple[tuple[str, str], ...] = ()
    # Columns that become required once the first one is filled ("if volume").
    voorwaardelijk_verplicht: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (column, other column, values): the column is required unless the other column holds
    # one of the values (producttarief may be absent for eenheid 82/83, as in WMO323).
    verplicht_tenzij: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # A column whose filling makes the client optional: a WMO319 answer row names the request
    # (verzoeknummer) and the outcome, not the client.
    client_optioneel_als: str | None = None
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


# Limits of the columns that map to an iWmo element (Basisschema 3.2, WMO301/305/307/323).
_PRODUCTCATEGORIE = (2, "iWmo LDT_ProductCategorie")
_PRODUCTCODE = (5, "iWmo LDT_ProductCode")
_REFERENTIENUMMER = (20, "iWmo LDT_ReferentieNummer")
# iWmo's ToewijzingNummer is LDT_Nummer (at most 9 digits), but the contract types it as
# text: case systems and portals export their own numbers ("TW-2024-0001", a GUID), and
# declaraties carry them as they are. 36 = the longest iWmo identifier (LDT_Referentie), which
# fits a GUID.
_TOEWIJZINGNUMMER = (
    36,
    "iWmo LDT_Nummer telt 9 cijfers; ruimte voor een nummer uit een regiesysteem",
)
# DeclaratieNummer is LDT_IdentificatieDeclaratie (12 letters/digits) in 3.x; a tabular export
# carries the provider's own factuurnummer, often composed ("AGB-JJJJMM-NN": 18 characters,
# as the demo region writes it), so the limit is that of the identifiers above.
_DECLARATIENUMMER = (
    36,
    "iWmo LDT_IdentificatieDeclaratie telt 12 tekens; ruimte voor een samengesteld factuurnummer",
)
# Names and labels: LDT_Naam, the longest name type of the Basisschema.
_NAAM = (200, "zoals iWmo LDT_Naam")
# Free text without an iWmo type (descriptions, notes, complaints): about an A4 page, the
# nvarchar(4000) that case-system databases commonly export; finite, so one cell cannot
# carry megabytes into every layer and screen.
_VRIJE_TEKST = (4000, "ruime grens voor vrije tekst")

# Number ranges. iWmo amounts are eurocent up to 99 999 999 (LDT_Bedrag, LDT_Budget), i.e.
# 999 999.99 euro; volumes up to 99 999 999 units (LDT_Volume).
_BEDRAG = (Decimal("999999.99"), "iWmo LDT_Bedrag: max. 99.999.999 eurocent")
_BUDGET = (Decimal("999999.99"), "iWmo LDT_Budget: max. 99.999.999 eurocent")
_VOLUME = (Decimal("99999999"), "iWmo LDT_Volume")
# Without an iWmo type: the widest range in which a 9-digit integer cannot hide.
_ACHT_CIJFERS = "ruime grens; een getal van 9 cijfers kan een BSN zijn"


def _code(
    naam: str,
    breedte: int | None = None,
    verplicht: bool = False,
    *,
    lengte: tuple[int, str],
) -> Kolom:
    return Kolom(naam, "code", verplicht, breedte, max_lengte=lengte[0], lengte_bron=lengte[1])


def _tekst(naam: str, lengte: tuple[int, str], verplicht: bool = False) -> Kolom:
    return Kolom(naam, "tekst", verplicht, max_lengte=lengte[0], lengte_bron=lengte[1])


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


def _uit_codelijst(
    naam: str,
    codelijst: dict[str, str],
    codelijst_naam: str,
    verplicht: bool = False,
    breedte: int | None = None,
) -> Kolom:
    return Kolom(
        naam, "code", verplicht, breedte, codelijst=codelijst, codelijst_naam=codelijst_naam
    )


def _eenheid_kolom(verplicht: bool = False) -> Kolom:
    return _uit_codelijst("eenheid", EENHEDEN_WJ756, "WJ756", verplicht, breedte=2)


def _in_bereik(
    naam: str,
    soort: Soort,
    bereik: tuple[Decimal, Decimal, str],
    verplicht: bool = False,
) -> Kolom:
    """A number column bounded by (minimum, maximum, where the bounds come from)."""
    minimum, maximum, bron = bereik
    return Kolom(naam, soort, verplicht, minimum=minimum, maximum=maximum, bereik_bron=bron)


def _niet_negatief_getal(naam: str, maximum: tuple[Decimal, str], verplicht: bool = False) -> Kolom:
    return Kolom(
        naam, "getal", verplicht, niet_negatief=True, maximum=maximum[0], bereik_bron=maximum[1]
    )


# A client_id is a pseudonym made upstream (a hash, a GUID, a case number); 100 leaves room
# for any of them with a prefix.
CLIENT = Kolom(
    "client_id",
    "client",
    verplicht=True,
    max_lengte=100,
    lengte_bron="ruime grens voor een pseudoniem",
)

TABELLEN: dict[str, Tabel] = {
    "toewijzingen": Tabel(
        "toewijzingen",
        (
            _code("toewijzingnummer", verplicht=True, lengte=_TOEWIJZINGNUMMER),
            CLIENT,
            _gemeentecode(verplicht=True),
            _agb("aanbieder_agb", verplicht=True),
            _code("productcategorie", 2, verplicht=True, lengte=_PRODUCTCATEGORIE),
            _code("productcode", 5, lengte=_PRODUCTCODE),
            Kolom("ingangsdatum", "datum", verplicht=True),
            Kolom("einddatum", "datum"),
            _niet_negatief_getal("volume", _VOLUME),
            _eenheid_kolom(),
            _uit_codelijst("frequentie", FREQUENTIES_WJ757, "WJ757"),
            _niet_negatief_getal("budget", _BUDGET),
            Kolom("toewijzingsdatum", "datum"),
            # iWmo sends a 2-character code (LDT_RedenWijziging); the contract types the column
            # as text because exports often add the code's description. A long reason is no
            # reason to lose the allocation, so the limit is that of a name.
            _tekst(
                "reden_wijziging",
                (200, "iWmo LDT_RedenWijziging is een code; ruimte voor een omschrijving"),
            ),
        ),
        periodes=(("ingangsdatum", "einddatum"),),
        voorwaardelijk_verplicht=(("volume", ("eenheid", "frequentie")),),
        heeft_client=True,
        omschrijving="iWmo 301: één rij per toegewezen product",
    ),
    "zorgperiodes": Tabel(
        "zorgperiodes",
        (
            _code("toewijzingnummer", verplicht=True, lengte=_TOEWIJZINGNUMMER),
            _gemeentecode(verplicht=True),
            _agb("aanbieder_agb", verplicht=True),
            CLIENT,
            _code("productcategorie", 2, lengte=_PRODUCTCATEGORIE),
            _code("productcode", 5, lengte=_PRODUCTCODE),
            Kolom("begindatum", "datum", verplicht=True),
            Kolom("einddatum", "datum"),
            # As reden_wijziging: an iWmo code (LDT_RedenBeeindiging), often with a description.
            _tekst(
                "reden_beeindiging",
                (200, "iWmo LDT_RedenBeeindiging is een code; ruimte voor een omschrijving"),
            ),
            # WMO305/307 StatusAanlevering; empty in a tabular export = 1 (eerste aanlevering).
            _uit_codelijst("status_aanlevering", STATUS_AANLEVERING, "LDT_StatusAanlevering"),
        ),
        periodes=(("begindatum", "einddatum"),),
        heeft_client=True,
        omschrijving="iWmo 305 start zorg / 307 stop zorg",
    ),
    "declaraties": Tabel(
        "declaraties",
        (
            _code("declaratienummer", verplicht=True, lengte=_DECLARATIENUMMER),
            _code("referentienummer", verplicht=True, lengte=_REFERENTIENUMMER),
            _code("vorig_referentienummer", lengte=_REFERENTIENUMMER),
            _agb("aanbieder_agb", verplicht=True),
            _gemeentecode(verplicht=True),
            CLIENT,
            _code("toewijzingnummer", lengte=_TOEWIJZINGNUMMER),
            _code("productcategorie", 2, verplicht=True, lengte=_PRODUCTCATEGORIE),
            _code("productcode", 5, verplicht=True, lengte=_PRODUCTCODE),
            Kolom("begindatum", "datum", verplicht=True),
            Kolom("einddatum", "datum", verplicht=True),
            _niet_negatief_getal("geleverd_volume", _VOLUME, verplicht=True),
            _eenheid_kolom(verplicht=True),
            # WMO323 ProductTarief is optional (minOccurs 0): a prestatie in euro (eenheid 83)
            # or per stuk output (82) may carry only its amount.
            _niet_negatief_getal("producttarief", _BEDRAG),
            _niet_negatief_getal("ingediend_bedrag", _BEDRAG, verplicht=True),
            _uit_codelijst("debet_credit", DEBET_CREDIT, "debet/credit", verplicht=True),
            Kolom("declaratiedatum", "datum"),
        ),
        periodes=(("begindatum", "einddatum"),),
        verplicht_tenzij=(("producttarief", "eenheid", ("82", "83")),),
        heeft_client=True,
        omschrijving="iWmo 323 (3.x) / 303 (2.x): één rij per prestatie",
    ),
    "verzoeken": Tabel(
        "verzoeken",
        (
            # ReferentieAanbieder of the request.
            _code("verzoeknummer", verplicht=True, lengte=(36, "iWmo LDT_Referentie")),
            _uit_codelijst("soort", SOORT_VERZOEK, "soort verzoek", verplicht=True),
            _agb("aanbieder_agb", verplicht=True),
            _gemeentecode(verplicht=True),
            CLIENT,
            # 317: the toewijzing the request changes; empty for a new product.
            _code("toewijzingnummer", lengte=_TOEWIJZINGNUMMER),
            _code("productcategorie", 2, lengte=_PRODUCTCATEGORIE),
            _code("productcode", 5, lengte=_PRODUCTCODE),
            _niet_negatief_getal("volume", _VOLUME),
            _eenheid_kolom(),
            _uit_codelijst("frequentie", FREQUENTIES_WJ757, "WJ757"),
            Kolom("ingangsdatum", "datum"),
            Kolom("einddatum", "datum"),
            _tekst("reden", (200, "iWmo RedenVerzoek is een code; ruimte voor een omschrijving")),
            Kolom("verzoekdatum", "datum"),
            _uit_codelijst("uitkomst", UITKOMST_VERZOEK, "uitkomst verzoek"),
        ),
        periodes=(("ingangsdatum", "einddatum"),),
        voorwaardelijk_verplicht=(("volume", ("eenheid", "frequentie")),),
        heeft_client=True,
        client_optioneel_als="uitkomst",
        omschrijving="iWmo 315 verzoek om toewijzing / 317 verzoek om wijziging (319: uitkomst)",
    ),
    "declaratie_antwoorden": Tabel(
        "declaratie_antwoorden",
        (
            _code("referentienummer", verplicht=True, lengte=_REFERENTIENUMMER),
            _agb("aanbieder_agb", verplicht=True),
            _gemeentecode(verplicht=True),
            _uit_codelijst("toegekend", TOEGEKEND, "toegekend", verplicht=True),
            # WJ001 codes of one prestatie, comma-separated when there are several.
            _tekst("retourcode", (200, "WJ001-retourcodes (4 cijfers), kommagescheiden")),
            Kolom("antwoorddatum", "datum"),
            # Not in the contract's minimum: the declaration the answer is about (WMO325).
            _code("declaratienummer", lengte=_DECLARATIENUMMER),
        ),
        omschrijving="iWmo 325: antwoord van de gemeente per prestatie",
    ),
    "producten": Tabel(
        "producten",
        (
            _code("productcategorie", 2, verplicht=True, lengte=_PRODUCTCATEGORIE),
            _code("productcode", 5, verplicht=True, lengte=_PRODUCTCODE),
            _tekst("omschrijving", _VRIJE_TEKST),
            _tekst("perceel", _NAAM, verplicht=True),
            # 1 = lightest; catalogues use a handful of steps per perceel.
            _in_bereik(
                "intensiteit",
                "geheel_getal",
                (
                    Decimal(1),
                    Decimal(99),
                    "1 is de lichtste; een catalogus telt een handvol treden",
                ),
                verplicht=True,
            ),
            _eenheid_kolom(),
        ),
        omschrijving="productcatalogus met perceel en intensiteit",
    ),
    "tarieven": Tabel(
        "tarieven",
        (
            _code("productcode", 5, verplicht=True, lengte=_PRODUCTCODE),
            Kolom("geldig_vanaf", "datum", verplicht=True),
            Kolom("geldig_tot", "datum"),
            _niet_negatief_getal("tarief", _BEDRAG, verplicht=True),
            _agb("aanbieder_agb", verplicht=False),
        ),
        periodes=(("geldig_vanaf", "geldig_tot"),),
        omschrijving="tarief per eenheid; leeg aanbieder_agb = regionaal tarief",
    ),
    "aanbieders": Tabel(
        "aanbieders",
        (
            _agb("aanbieder_agb", verplicht=True),
            _tekst("naam", _NAAM),
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
            _tekst("naam", _NAAM, verplicht=True),
            _tekst("regio", _NAAM),
            # Optional: inhabitants (one number per gemeente), for clients per 1.000 inwoners
            # on the map. Amsterdam has under a million; a larger number is a typo.
            _in_bereik(
                "inwoners",
                "geheel_getal",
                # At least 1: the map divides by it (clients per 1.000 inwoners).
                (Decimal(1), Decimal(9_999_999), "meer inwoners dan een gemeente heeft"),
            ),
        ),
        omschrijving="CBS-gemeenten met regio (en desgewenst inwoners)",
    ),
    "samenloopregels": Tabel(
        "samenloopregels",
        (
            # a productcode or a perceel name
            _tekst("a", _NAAM, verplicht=True),
            _tekst("b", _NAAM, verplicht=True),
            _uit_codelijst("regel", SAMENLOOP_REGELS, "samenloopregel", verplicht=True),
            _tekst("toelichting", _VRIJE_TEKST),
        ),
        omschrijving="regels voor stapeling: productcode of perceel a naast b",
    ),
    "meldingen": Tabel(
        "meldingen",
        (
            _agb("aanbieder_agb", verplicht=True),
            Kolom("datum", "datum", verplicht=True),
            _tekst("soort", _NAAM, verplicht=True),
            # A count, a score or an amount: signed, without an iWmo type.
            _in_bereik(
                "waarde", "getal", (Decimal("-99999999"), Decimal("99999999"), _ACHT_CIJFERS)
            ),
            _tekst("omschrijving", _VRIJE_TEKST),
        ),
        omschrijving="kwaliteitsmeldingen: klachten, calamiteiten, signalen",
    ),
    "verantwoording": Tabel(
        "verantwoording",
        (
            _agb("aanbieder_agb", verplicht=True),
            _in_bereik(
                "jaar",
                "geheel_getal",
                (Decimal(1900), Decimal(2100), "waarschijnlijk een tikfout"),
                verplicht=True,
            ),
            _gemeentecode(verplicht=False),
            _code("productcode", 5, lengte=_PRODUCTCODE),
            # A provider's yearly total per gemeente and product (corrections may be negative):
            # wider than an iWmo line amount, still short of 9 integer digits.
            _in_bereik(
                "bedrag",
                "getal",
                (Decimal("-99999999.99"), Decimal("99999999.99"), _ACHT_CIJFERS),
                verplicht=True,
            ),
            # Optional (#13): which of the three steps this row is and when it arrived; without
            # them a row is a definitive total with an unknown date, as before.
            _uit_codelijst("stap", STAPPEN_VERANTWOORDING, "stap verantwoording"),
            Kolom("ontvangen_datum", "datum"),
        ),
        omschrijving="productieverantwoording van de aanbieder",
    ),
    "begroting": Tabel(
        "begroting",
        (
            _gemeentecode(verplicht=True),
            _tekst("perceel", _NAAM, verplicht=True),
            _in_bereik(
                "jaar",
                "geheel_getal",
                (Decimal(1900), Decimal(2100), "waarschijnlijk een tikfout"),
                verplicht=True,
            ),
            # A gemeente's budget for one perceel and year: never negative, and short of 9
            # integer digits like the other amounts without an iWmo type.
            _niet_negatief_getal("bedrag", (Decimal("99999999.99"), _ACHT_CIJFERS), verplicht=True),
        ),
        omschrijving="begroting per gemeente, perceel en jaar",
    ),
    # Issue 13: onderaanneming with akkoord and period (aanbieders.hoofdaannemer_agb stays
    # valid and names the relation without dates), and AGB codes of one organisation (KvK).
    "onderaannemers": Tabel(
        "onderaannemers",
        (
            _agb("hoofdaannemer_agb", verplicht=True),
            _agb("onderaannemer_agb", verplicht=True),
            # Empty = the gemeente gave no akkoord (yet); the relation is still known.
            Kolom("akkoord_datum", "datum"),
            Kolom("geldig_vanaf", "datum"),
            Kolom("geldig_tot", "datum"),
        ),
        periodes=(("geldig_vanaf", "geldig_tot"),),
        omschrijving="hoofd- en onderaannemers met de datum van het akkoord en de looptijd",
    ),
    "organisaties": Tabel(
        "organisaties",
        (
            _agb("aanbieder_agb", verplicht=True),
            Kolom(
                "kvk_nummer",
                "code",
                True,
                8,
                max_opvulling=1,
                patroon=r"[0-9]{8}",
                patroon_uitleg="kvk_nummer moet uit 8 cijfers bestaan (KvK-nummer)",
            ),
            _tekst("organisatienaam", _NAAM),
        ),
        omschrijving="AGB-codes die bij één organisatie (hetzelfde KvK-nummer) horen",
    ),
    # #13 cmgesprek: what a provider reports itself (Westfriesland: twice a year) for the
    # CM-gesprek, shown next to our figure for the same kenmerk (mart_cm_managementinformatie).
    "managementinformatie": Tabel(
        "managementinformatie",
        (
            _agb("aanbieder_agb", verplicht=True),
            Kolom(
                "periode",
                "code",
                verplicht=True,
                patroon=r"[0-9]{4}(-H[12])?",
                patroon_uitleg="periode moet een jaar (2025) of halfjaar (2025-H1, 2025-H2) zijn",
            ),
            _tekst("kenmerk", _NAAM, verplicht=True),
            # A number, a percentage or a word: kept as text, compared where it is a number.
            _tekst("waarde", _NAAM, verplicht=True),
            _tekst("toelichting", _VRIJE_TEKST),
        ),
        omschrijving="managementinformatie die de aanbieder zelf aanlevert",
    ),
    # #13 cmgesprek: waiting lists per provider, gemeente and perceel on a peildatum.
    "wachttijden": Tabel(
        "wachttijden",
        (
            _agb("aanbieder_agb", verplicht=True),
            _gemeentecode(verplicht=False),
            _tekst("perceel", _NAAM),
            Kolom("peildatum", "datum", verplicht=True),
            Kolom(
                "aantal_wachtenden",
                "geheel_getal",
                verplicht=True,
                niet_negatief=True,
                maximum=Decimal(99999),
                bereik_bron="ruime grens voor een wachtlijst",
            ),
            _niet_negatief_getal(
                "gemiddelde_wachttijd_dagen", (Decimal(3660), "hoogstens tien jaar")
            ),
        ),
        omschrijving="wachttijden per aanbieder, gemeente en perceel",
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
