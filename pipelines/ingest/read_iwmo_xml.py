"""Read iWmo XML messages (2.x and 3.x) into rows of the contract tables.

Message type and release come from the namespace of the root element, never from the file
name: `http://www.istandaarden.nl/iwmo/3_2/wmo323/schema` is WMO323 release 3.2 and
`http://www.istandaarden.nl/iwmo/2_1/wmo301/schema/2_1` is WMO301 release 2.1. Below the root,
elements are matched on their local name only, so one mapping serves 2.0, 2.1 and 3.x (the
release-specific element names are listed as alternatives).

| bericht | tabel | één rij per |
|---|---|---|
| WMO301 (2.x, 3.x) | toewijzingen | ToegewezenProduct |
| WMO305 / WMO307 (2.x, 3.x) | zorgperiodes | StartProduct / StopProduct |
| WMO323 (3.x) | declaraties | Prestatie |
| WMO303 (2.x, best effort) | declaraties | Prestatie |

Values are returned as text in the contract's tabular form: dates `YYYY-MM-DD`, codes
unchanged, and every amount converted from eurocent (the iWmo unit) to euro with a decimal
point (`1250` → `"12.50"`): ProductTarief, IngediendBedrag/Bedrag, Budget, and a volume whose
Eenheid is 83 (euro). The raw BSN is returned under `bsn`; pseudonymising it is the caller's
job. Validation (required columns, code lists, elfproef) is also the caller's job: this
module reports what the message says and does not drop or repair rows, with one exception:
StartProduct/StopProduct with StatusAanlevering 3 ("verwijderen aanlevering") withdraw an
earlier message instead of describing care, so they go to `IwmoBericht.verwijderingen`.

Hostile input. A value is read whole or the file is refused: an iWmo value is a simple type
(text only), so an element we read that holds anything but text (a comment, an element, an
entity) is refused rather than read in part (`.text` stops at the first child:
`<Bedrag>50<!-- x -->00</Bedrag>` would be 50 cent) or glued together into something no iWmo
system reads. CDATA sections and character references are plain text and read as such.
Refused whole, before anything is read, as well: a DOCTYPE (iWmo messages have none; it
carries entity declarations and references to other files), processing instructions anywhere
(also `<?xml-stylesheet?>` before the root: iWmo messages have none, and one rule is simpler to
trust than a list of harmless places), and the XInclude namespaces. Comments between elements
are allowed (hand-made messages use them). The parser never resolves entities, loads a DTD,
touches the network or lifts libxml2's size and entity-amplification limits, and a resolver
answers any request for another file with nothing.

Verified against the official material in reference/ (iWmo 3.2 XSDs and WMO323 example,
iWmo 2.1 XSDs for 301/305/307, Ketenbureau 2.0 example messages). Known gaps:

- iWmo 2.0 messages have no ToewijzingNummer (the element arrived in 2.1); `toewijzingnummer`
  is then None and the contract validation will quarantine the row.
- iWmo 2.0 has RedenIntrekking (codelist COD172, one digit: 1 overleden, 3 herindicatie, ...)
  instead of RedenWijziging (two digits); it is passed on unchanged in `reden_wijziging`.
- In 2.x a ToegewezenProduct/StartProduct/StopProduct names its own Aanbieder (and in 2.0 a
  ToegewezenProduct its Gemeentecode). Those product-level values win over the header, because
  they say for whom the product is; they equal the header in every example seen.
- WMO303 (2.x) is UNVERIFIED: no XSD or example was available. Officially the 2.x
  declaratie/factuur (berichtcode 416/448) was exchanged as a Vektis EI fixed-width file, which
  this module does not read. For an XML rendering with a `iwmo/2_x/wmo303` namespace we assume
  the 3.x shape with 2.x names as fallbacks: DeclaratieNummer / DeclaratieFactuurNummer /
  FactuurNummer anywhere outside a Prestatie (Header included); DeclaratieDagtekening /
  DeclaratieFactuurDagtekening / DeclaratieFactuurDatum / Factuurdatum, else the Dagtekening of
  the BerichtIdentificatie; per Prestatie ReferentieNummer and VorigReferentieNummer either
  inside ProductReferentie or directly; ProductCategorie/ProductCode or Product/Categorie and
  Product/Code; ProductPeriode/Begindatum+Einddatum or Begindatum/Einddatum directly;
  GeleverdVolume or Volume; ProductTarief or Tarief; IngediendBedrag/Bedrag or
  DeclaratieFactuurBedrag/Bedrag or a plain Bedrag, with DebetCredit next to it; the BSN from
  the enclosing Client or from the Prestatie itself.
"""

from __future__ import annotations

import functools
import pathlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

from lxml import etree

from pipelines.contract import TABELLEN
from pipelines.ingest.errors import OnleesbaarBestand

Rij = dict[str, str | None]

# A hostile or broken file must not reach the network, expand entities (billion laughs, XXE)
# or make libxml2 lift its size limits.
_VEILIG: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
}

# Both XInclude namespaces libxml2 acts on (the 2001 one and the older 2003 draft).
_XINCLUDE = frozenset({"http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"})


class _Geweigerd(Exception):
    """The message holds something that could hide, change or fetch a value: refused whole."""


class _GeenExterneBronnen(etree.Resolver):
    """Belt and braces: whatever libxml2 would load (a DTD, an entity) it gets empty text."""

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        return self.resolve_string("", context)


def _iterparse(bestand: BinaryIO, **opties: object) -> etree.iterparse:
    lezer = etree.iterparse(bestand, **opties, **_VEILIG)  # type: ignore[call-overload]
    lezer.resolvers.add(_GeenExterneBronnen())
    return lezer


# iwmo/<major>_<minor>/<bericht>/schema, with the /<major>_<minor> suffix of the 2.x releases.
_NAMESPACE = re.compile(
    r"^https?://www\.istandaarden\.nl/(?P<standaard>[a-z]+)/(?P<major>\d+)_(?P<minor>\d+)"
    r"/(?P<bericht>[a-z]+\d{3})/schema(?:/\d+_\d+)?/?$"
)
_DATUM = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_GETAL = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_CENT = Decimal("0.01")

# Supported message per (bericht, major release) → (table, element that makes one row).
_BERICHTEN: dict[tuple[str, int], tuple[str, str]] = {
    ("wmo301", 2): ("toewijzingen", "ToegewezenProduct"),
    ("wmo301", 3): ("toewijzingen", "ToegewezenProduct"),
    ("wmo305", 2): ("zorgperiodes", "StartProduct"),
    ("wmo305", 3): ("zorgperiodes", "StartProduct"),
    ("wmo307", 2): ("zorgperiodes", "StopProduct"),
    ("wmo307", 3): ("zorgperiodes", "StopProduct"),
    ("wmo303", 2): ("declaraties", "Prestatie"),
    ("wmo323", 3): ("declaraties", "Prestatie"),
}
_ONDERSTEUND = "WMO301, WMO305 en WMO307 (iWmo 2.x en 3.x), WMO323 (3.x) en WMO303 (2.x)"

# Message-level declaration fields; the 2.x names are guesses (see the module docstring).
_DECLARATIENUMMER = ("DeclaratieNummer", "DeclaratieFactuurNummer", "FactuurNummer")
_DECLARATIEDATUM = (
    "DeclaratieDagtekening",
    "DeclaratieFactuurDagtekening",
    "DeclaratieFactuurDatum",
    "Factuurdatum",
)
_STATUS_VERWIJDEREN = "3"


@dataclass
class IwmoBericht:
    tabel: str  # "toewijzingen" | "zorgperiodes" | "declaraties"
    berichttype: str  # e.g. "WMO301", "WMO323", "WMO303"
    release: str  # e.g. "3.2", "2.1", "2.0" — from the namespace
    rijen: list[Rij]  # one dict per contract row
    # StartProduct/StopProduct rows with StatusAanlevering 3: they cancel an earlier start or
    # stop with the same key, so they are no care period; kept for the caller to act on.
    verwijderingen: list[Rij] = field(default_factory=list)


def lees_iwmo_bericht(inhoud: bytes, naam: str) -> IwmoBericht:
    """One message from bytes (a zip member); the same rules as `lees_iwmo_xml`."""
    import io
    import tempfile

    # Interim: the reader works on files; a faster in-memory path replaces this.
    with tempfile.TemporaryDirectory() as map_:
        pad = pathlib.Path(map_) / pathlib.Path(naam).name
        pad.write_bytes(inhoud)
        del io
        return lees_iwmo_xml(pad)


def lees_iwmo_xml(pad: pathlib.Path) -> IwmoBericht:
    """Read one iWmo message; raises OnleesbaarBestand when it is no supported iWmo message."""
    pad = pathlib.Path(pad)
    berichttype, major, minor = _herken_bericht(pad)
    tabel, rij_element = _BERICHTEN[(berichttype, major)]
    bericht = IwmoBericht(
        tabel=tabel, berichttype=berichttype.upper(), release=f"{major}.{minor}", rijen=[]
    )
    # Only the unverified 2.x WMO303 falls back to the message date for declaratiedatum.
    lezer = _Lezer(tabel, rij_element, datum_uit_header=berichttype == "wmo303")
    try:
        with pad.open("rb") as bestand:
            for rij, verwijderd in lezer.lees(bestand):
                (bericht.verwijderingen if verwijderd else bericht.rijen).append(rij)
    except etree.XMLSyntaxError as fout:
        raise OnleesbaarBestand(
            f"Het iWmo-bericht {pad.name} is beschadigd en wordt niet ingelezen "
            f"(regel {fout.lineno}): {fout.msg}"
        ) from fout
    except _Geweigerd as fout:
        raise OnleesbaarBestand(
            f"Het iWmo-bericht {pad.name} wordt niet ingelezen: {fout}"
        ) from fout
    except OSError as fout:
        raise OnleesbaarBestand(f"Het bestand {pad.name} kan niet worden gelezen: {fout}") from fout
    return bericht


def _herken_bericht(pad: pathlib.Path) -> tuple[str, int, int]:
    """(bericht, major, minor) from the root element, reading only the start of the file."""
    try:
        with pad.open("rb") as bestand:
            wortel = next(iter(_iterparse(bestand, events=("start",))))[1]
    except (etree.XMLSyntaxError, StopIteration) as fout:
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {pad.name} is geen leesbaar XML-bestand."
        ) from fout
    except OSError as fout:
        raise OnleesbaarBestand(f"Het bestand {pad.name} kan niet worden gelezen: {fout}") from fout

    # The DTD (internal subset included) is parsed before the root starts, so this is known
    # before a single element is read.
    docinfo = wortel.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OnleesbaarBestand(
            f"Het XML-bestand {pad.name} wordt niet ingelezen: het bevat een DOCTYPE-declaratie. "
            "Een iWmo-bericht heeft die nooit, en een DOCTYPE kan entiteiten en verwijzingen "
            "naar andere bestanden bevatten."
        )

    naam = etree.QName(wortel)
    gevonden = _NAMESPACE.match(naam.namespace or "")
    if gevonden is None or naam.localname != "Bericht":
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {pad.name} heeft hoofdelement <{naam.localname}> "
            f"met namespace {naam.namespace or '(geen)'}; verwacht wordt <Bericht> met een "
            "namespace als http://www.istandaarden.nl/iwmo/3_2/wmo323/schema."
        )
    standaard, bericht = gevonden["standaard"], gevonden["bericht"]
    major, minor = int(gevonden["major"]), int(gevonden["minor"])
    if standaard != "iwmo":
        soort = "een iJw-bericht (Jeugdwet)" if standaard == "ijw" else f"een {standaard}-bericht"
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {pad.name} is {soort} ({bericht.upper()} "
            f"release {major}.{minor}); de monitor leest alleen iWmo-berichten."
        )
    if (bericht, major) not in _BERICHTEN:
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend dat de monitor kan inlezen: {pad.name} is "
            f"{bericht.upper()} release {major}.{minor}. Ingelezen worden {_ONDERSTEUND}."
        )
    return bericht, major, minor


def _naam(element: etree._Element) -> str:
    # Local name without namespace; comments and processing instructions have no str tag.
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _kinderen(element: etree._Element) -> dict[str, etree._Element]:
    """Children by local name (first wins): one pass instead of a search per field."""
    kinderen: dict[str, etree._Element] = {}
    for kind in element:
        kinderen.setdefault(_naam(kind), kind)
    return kinderen


def _waarde(element: etree._Element) -> str | None:
    """The element's whole value, stripped; None if empty. Refuses anything but text in it.

    Without children `.text` is the whole character data (CDATA and character references
    included). With a child it is only the part before it, and every way of joining the parts
    reads something an iWmo system would not (see the module docstring).
    """
    if len(element):
        kind = element[0]
        soort = {
            etree.Comment: "een commentaar",
            etree.ProcessingInstruction: "een verwerkingsinstructie",
            etree.Entity: "een entiteit",
        }.get(kind.tag, "een element")
        raise _Geweigerd(
            f"<{_naam(element)}> op regel {_regelnummer(element)} bevat {soort} binnen de "
            "waarde. Een iWmo-waarde is alleen tekst; zo zou de waarde maar half gelezen worden."
        )
    return (element.text or "").strip() or None


def _tekst(kinderen: dict[str, etree._Element], *pad: str) -> str | None:
    """Stripped text at a local-name path below the indexed element; None if absent or empty."""
    element = kinderen.get(pad[0])
    for naam in pad[1:]:
        if element is None:
            return None
        element = next((kind for kind in element if _naam(kind) == naam), None)
    return None if element is None else _waarde(element)


def _eerste(kinderen: dict[str, etree._Element], *paden: tuple[str, ...]) -> str | None:
    """Value of the first path that is filled (release-specific element names)."""
    for pad in paden:
        waarde = _tekst(kinderen, *pad)
        if waarde is not None:
            return waarde
    return None


def _datum(waarde: str | None) -> str | None:
    # LDT_Datum forbids a time zone, but xs:date allows one; drop it rather than refuse the
    # row. Anything else stays as it is so the validation quarantines it with the raw value.
    if waarde is None:
        return None
    gevonden = _DATUM.match(waarde)
    return gevonden.group(1) if gevonden else waarde


def _eurocent_naar_euro(waarde: str | None) -> str | None:
    """`1250` → `12.50`, exact (Decimal, no float)."""
    if waarde is None:
        return None
    if _GETAL.match(waarde) is None:
        # Passing e.g. "12,50" on unchanged would be read later as 12.50 euro, a factor 100
        # off; a text that is clearly no number makes the validation quarantine the row.
        return f"ongeldig bedrag in eurocent: {waarde}"
    euro = Decimal(waarde).scaleb(-2)
    exponent = euro.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        euro = euro.quantize(_CENT)
    # `+ 0` turns a negative zero into 0 so "-0" does not become "-0.00".
    return f"{euro + 0:f}" if euro == 0 else f"{euro:f}"


def _volume(waarde: str | None, eenheid: str | None) -> str | None:
    # Eenheid 83 (euro) counts the volume in eurocent as well.
    return _eurocent_naar_euro(waarde) if eenheid == "83" else waarde


@functools.cache
def _regels_na_65535_via_tekst() -> bool:
    """Does this libxml2 report an element past line 65535 at the end of its first text?

    libxml2 stores element line numbers in 16 bits; beyond 65535 lxml's sourceline falls back
    to the line on which the element's first text child ends (only text nodes keep big line
    numbers). A tiny probe tells whether the correction in `_regelnummer` is needed, so a
    libxml2 that one day stores big element lines is not "corrected" into an error.
    """
    proef = b"<r>" + b"\n" * 65540 + b"<a>\n<b/></a></r>"
    return etree.fromstring(proef, etree.XMLParser(**_VEILIG))[0].sourceline == 65542


def _regelnummer(element: etree._Element) -> int:
    """Line of the element's start tag, also past line 65535 (see above)."""
    regel = element.sourceline or 0
    if regel < 65535 or not _regels_na_65535_via_tekst():
        return regel
    # Follow the first-child chain libxml2 follows (depth 5) to the text whose end it reported;
    # every element on that chain starts on the same line, as no text lies between them.
    knoop = element
    for _ in range(5):
        if knoop.text is not None:
            return regel - knoop.text.count("\n")
        if len(knoop) == 0 or not isinstance(knoop[0].tag, str):
            break
        knoop = knoop[0]
    return regel


class _Lezer:
    """One streaming pass: remembers header, client and declaration context, yields rows."""

    def __init__(self, tabel: str, rij_element: str, datum_uit_header: bool = False) -> None:
        self.tabel = tabel
        self.datum_uit_header = datum_uit_header
        self.rij_element = rij_element
        self.kolommen = ["bsn" if k.soort == "client" else k.naam for k in TABELLEN[tabel].kolommen]
        self.afzender: str | None = None
        self.ontvanger: str | None = None
        self.berichtdatum: str | None = None
        self.bsn: str | None = None
        self.declaratienummer: str | None = None
        self.declaratiedatum: str | None = None
        self.maak_rij: Callable[[dict[str, etree._Element]], Rij] = {
            "toewijzingen": self._toewijzing,
            "zorgperiodes": self._zorgperiode,
            "declaraties": self._prestatie,
        }[tabel]

    def lees(self, bestand: BinaryIO) -> Iterator[tuple[Rij, bool]]:
        context = {"Header", "Client", "Bsn"}
        if self.tabel == "declaraties":
            context |= {*_DECLARATIENUMMER, *_DECLARATIEDATUM}
        # The tag filter keeps Python out of the loop for the many elements we do not need.
        tags = [f"{{*}}{naam}" for naam in sorted({*context, self.rij_element})]
        # "pi" and "start-ns" events are not filtered by tag: every one of them is seen.
        gebeurtenissen = ("end", "pi", "start-ns")
        for gebeurtenis, element in _iterparse(bestand, events=gebeurtenissen, tag=tags):
            if gebeurtenis == "start-ns":
                _voorvoegsel, uri = element
                if uri in _XINCLUDE:
                    raise _Geweigerd(
                        f"het gebruikt XInclude (namespace {uri}) om andere bestanden in te "
                        "voegen; dat hoort niet in een iWmo-bericht."
                    )
                continue
            if gebeurtenis == "pi":
                raise _Geweigerd(
                    f"het bevat een verwerkingsinstructie (<?…?>) op regel {element.sourceline}; "
                    "die hoort niet in een iWmo-bericht."
                )
            naam = _naam(element)
            if naam == self.rij_element:
                kinderen = _kinderen(element)
                rij = self.maak_rij(kinderen)
                rij["regelnummer"] = str(_regelnummer(element))
                status = _tekst(kinderen, "StatusAanlevering")
                yield rij, self.rij_element != "Prestatie" and status == _STATUS_VERWIJDEREN
                self._vergeet(element)
            elif naam == "Header":
                self._lees_header(_kinderen(element))
            elif naam == "Bsn":
                self.bsn = _waarde(element)
            elif naam == "Client":
                self.bsn = None
                self._vergeet(element)
            elif _naam(element.getparent()) != "Prestatie":
                waarde = _waarde(element)
                if naam in _DECLARATIENUMMER:
                    self.declaratienummer = self.declaratienummer or waarde
                else:
                    self.declaratiedatum = self.declaratiedatum or waarde

    @staticmethod
    def _vergeet(element: etree._Element) -> None:
        # Drop what has been read so a 50 MB message does not end up whole in memory.
        element.clear(keep_tail=True)
        ouder = element.getparent()
        if ouder is not None:
            while element.getprevious() is not None:
                del ouder[0]

    def _lees_header(self, kop: dict[str, etree._Element]) -> None:
        self.afzender = _tekst(kop, "Afzender")
        self.ontvanger = _tekst(kop, "Ontvanger")
        # 3.x and 2.1 spell BerichtIdentificatie, 2.0 Berichtidentificatie.
        self.berichtdatum = _eerste(
            kop, ("BerichtIdentificatie", "Dagtekening"), ("Berichtidentificatie", "Dagtekening")
        )

    def _rij(self, waarden: Rij) -> Rij:
        # Exactly the contract columns, in contract order; unknown keys are a programming error.
        onbekend = set(waarden) - set(self.kolommen)
        if onbekend:
            raise KeyError(f"geen kolommen van {self.tabel}: {sorted(onbekend)}")
        return {kolom: waarden.get(kolom) for kolom in self.kolommen}

    def _toewijzing(self, p: dict[str, etree._Element]) -> Rij:
        eenheid = _tekst(p, "Omvang", "Eenheid")
        return self._rij(
            {
                "toewijzingnummer": _eerste(p, ("ToewijzingNummer",), ("Toewijzingnummer",)),
                "bsn": self.bsn,
                "gemeentecode": _tekst(p, "Gemeentecode") or self.afzender,
                "aanbieder_agb": _tekst(p, "Aanbieder") or self.ontvanger,
                "productcategorie": _tekst(p, "Product", "Categorie"),
                "productcode": _tekst(p, "Product", "Code"),
                "ingangsdatum": _datum(_eerste(p, ("Ingangsdatum",), ("ToewijzingIngangsdatum",))),
                "einddatum": _datum(_tekst(p, "Einddatum")),
                "volume": _volume(_tekst(p, "Omvang", "Volume"), eenheid),
                "eenheid": eenheid,
                "frequentie": _tekst(p, "Omvang", "Frequentie"),
                "budget": _eurocent_naar_euro(_tekst(p, "Budget")),
                "toewijzingsdatum": _datum(_tekst(p, "Toewijzingsdatum")),
                # 2.0 names the withdrawal reason RedenIntrekking.
                "reden_wijziging": _eerste(p, ("RedenWijziging",), ("RedenIntrekking",)),
            }
        )

    def _zorgperiode(self, p: dict[str, etree._Element]) -> Rij:
        return self._rij(
            {
                "toewijzingnummer": _eerste(p, ("ToewijzingNummer",), ("Toewijzingnummer",)),
                "gemeentecode": self.ontvanger,
                "aanbieder_agb": _tekst(p, "Aanbieder") or self.afzender,
                "bsn": self.bsn,
                "productcategorie": _tekst(p, "Product", "Categorie"),
                "productcode": _tekst(p, "Product", "Code"),
                "begindatum": _datum(_tekst(p, "Begindatum")),
                # Only a StopProduct has these two; for a StartProduct they stay None.
                "einddatum": _datum(_tekst(p, "Einddatum")),
                "reden_beeindiging": _tekst(p, "RedenBeeindiging"),
                "status_aanlevering": _tekst(p, "StatusAanlevering"),
            }
        )

    def _prestatie(self, p: dict[str, etree._Element]) -> Rij:
        eenheid = _tekst(p, "Eenheid")
        # 3.x: IngediendBedrag/Bedrag + DebetCredit; the other spellings are 2.x guesses.
        bedrag = ("IngediendBedrag", "Bedrag"), ("DeclaratieFactuurBedrag", "Bedrag"), ("Bedrag",)
        debet_credit = (
            ("IngediendBedrag", "DebetCredit"),
            ("DeclaratieFactuurBedrag", "DebetCredit"),
            ("DebetCredit",),
        )
        return self._rij(
            {
                "declaratienummer": self.declaratienummer,
                "referentienummer": _eerste(
                    p, ("ProductReferentie", "ReferentieNummer"), ("ReferentieNummer",)
                ),
                "vorig_referentienummer": _eerste(
                    p, ("ProductReferentie", "VorigReferentieNummer"), ("VorigReferentieNummer",)
                ),
                "aanbieder_agb": self.afzender,
                "gemeentecode": self.ontvanger,
                "bsn": _tekst(p, "Bsn") or self.bsn,
                "toewijzingnummer": _eerste(p, ("ToewijzingNummer",), ("Toewijzingnummer",)),
                "productcategorie": _eerste(p, ("ProductCategorie",), ("Product", "Categorie")),
                "productcode": _eerste(p, ("ProductCode",), ("Product", "Code")),
                "begindatum": _datum(_eerste(p, ("ProductPeriode", "Begindatum"), ("Begindatum",))),
                "einddatum": _datum(_eerste(p, ("ProductPeriode", "Einddatum"), ("Einddatum",))),
                "geleverd_volume": _volume(_eerste(p, ("GeleverdVolume",), ("Volume",)), eenheid),
                "eenheid": eenheid,
                "producttarief": _eurocent_naar_euro(_eerste(p, ("ProductTarief",), ("Tarief",))),
                "ingediend_bedrag": _eurocent_naar_euro(_eerste(p, *bedrag)),
                "debet_credit": _eerste(p, *debet_credit),
                "declaratiedatum": _datum(
                    self.declaratiedatum or (self.berichtdatum if self.datum_uit_header else None)
                ),
            }
        )
