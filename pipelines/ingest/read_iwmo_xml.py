"""Read iWmo and iJw XML messages into rows of the contract tables.

Message type, release and domain come from the namespace of the root element, never from the
file name: `http://www.istandaarden.nl/iwmo/3_2/wmo323/schema` is WMO323 release 3.2 (domein
wmo), `http://www.istandaarden.nl/ijw/3_2/jw301/schema` is JW301 release 3.2 (domein jeugd) and
`http://www.istandaarden.nl/iwmo/2_1/wmo301/schema/2_1` is WMO301 release 2.1. Below the root,
elements are matched on their local name only, so one mapping serves iWmo 2.0, 2.1, 3.x and
iJw 3.x (the release-specific element names are listed as alternatives).

| bericht (iWmo / iJw) | release | tabel | één rij per |
|---|---|---|---|
| WMO301 / JW301 | 2.x, 3.x | toewijzingen | ToegewezenProduct |
| WMO305 / JW305 | 2.x, 3.x | zorgperiodes | StartProduct |
| WMO307 / JW307 | 2.x, 3.x | zorgperiodes | StopProduct |
| WMO315 / JW315 | 3.x | verzoeken (soort 315) | AangevraagdProduct |
| WMO315 | 2.x | verzoeken (soort 315) | Product (in Producten) |
| WMO317 / JW317 | 3.x | verzoeken (soort 317) | TeWijzigenProduct, NieuwProduct |
| WMO319 / JW319 | 3.x | verzoeken (soort 317, alleen uitkomst) | Antwoord |
| WMO323 / JW323 | 3.x | declaraties | Prestatie |
| WMO325 / JW325 | 3.x | declaratie_antwoorden | Prestatie |
| WMO303 | 2.x, onbevestigd | declaraties | Prestatie |

iJw is read for release 3.x only (no 2.x iJw material was available). Retour messages
(302/306/308/316/318/320 and the 2.x 304) are the receiver's technical acknowledgement of a
message, not care; they and any other message are refused with their reason.

Values are returned as text in the contract's tabular form: dates `YYYY-MM-DD`, codes
unchanged, and every amount converted from eurocent (the iWmo unit) to euro with a decimal
point (`1250` → `"12.50"`, exact string arithmetic): ProductTarief, IngediendBedrag/Bedrag,
Budget, and a volume whose Eenheid is 83 (euro). The raw BSN is returned under `bsn`;
pseudonymising it is the caller's job. Validation (required columns, code lists, elfproef,
impossible dates such as 2027-06-31) is also the caller's job: this module reports what the
message says and does not drop or repair rows. StartProduct/StopProduct rows with
StatusAanlevering 2 (gewijzigd) or 3 (verwijderen) are ordinary rows with
`status_aanlevering` filled; the SQL downstream applies them.

Mapping decisions, per message:

- 301/305/307 in iWmo 2.0 carry no ToewijzingNummer (it arrived in 2.1). In 2.0 a toegewezen
  product is identified by its Beschikkingnummer and its product (the 305/307 repeat both to
  say which toewijzing they start or stop), so where ToewijzingNummer is absent the reader
  builds `toewijzingnummer = f"{Beschikkingnummer}-{Categorie}{Code or ''}"`: in a 301 from the
  enclosing Beschikking, in a 305/307 from the product itself, so the same toewijzing gets the
  same key in all three and zorgperiodes match toewijzingen. Beschikkingnummer is at most 9
  digits (LDT_Nummer), so the key is at most 17 characters (the contract allows 36). Two
  toewijzingen of one product within one beschikking (different Ingangsdatum) share this key.
- 2.0 has RedenIntrekking (COD172, one digit) instead of RedenWijziging (two digits); it is
  passed on unchanged in `reden_wijziging`.
- In 2.x a ToegewezenProduct/StartProduct/StopProduct names its own Aanbieder (and in 2.0 a
  ToegewezenProduct its Gemeentecode). Those product-level values win over the header.
- 323: a Prestatie without ProductTarief (Eenheid 83 euro, or 82 per stuk output) gets
  `producttarief` None and its volume as given (Eenheid 83: eurocent → euro).
- 315: verzoeknummer = ReferentieAanbieder (2.0 has none: then the 2.0 key above, which is also
  the key of the 301 that answers it), aanbieder_agb = Header/Afzender (2.x: the product's
  Aanbieder), gemeentecode = Header/Ontvanger, ingangsdatum/einddatum = ToewijzingIngangsdatum/
  ToewijzingEinddatum (2.0: Ingangsdatum/Einddatum), verzoekdatum = the header Dagtekening,
  reden and uitkomst None (a 315 has no reason code; its Commentaar is free text and not read).
- 317: one row per TeWijzigenProduct (toewijzingnummer, GewensteIngangsdatum, Einddatum, the
  new Omvang) and per NieuwProduct (Product, dates, Omvang); OngewijzigdProduct gives no row.
  verzoeknummer = Verzoek/ReferentieAanbieder, reden = RedenVerzoek. A changed Budget is not
  read (the contract's verzoeken has no budget column).
- 319 answers a 315 or 317 (it does not say which; soort is '317' by convention, match on
  verzoeknummer): one row with verzoeknummer = ReferentieAanbieder, aanbieder_agb = Ontvanger,
  gemeentecode = Afzender, uitkomst from VerzoekAntwoord (LDT_VerzoekAntwoord: 1 verzoek
  afgewezen → 'afgewezen'; 2 aanvraag in onderzoek → None, no decision yet; anything else is
  passed on unchanged so the validation quarantines it). A granted request is answered with a
  301, not a 319, so a 319 never says 'toegekend'. A 319 has no Bsn: `bsn` is None.
  RedenAfwijzingVerzoek (another code list than RedenVerzoek) is not read.
- 325: one row per Prestatie: referentienummer, aanbieder_agb = Ontvanger, gemeentecode =
  Afzender, retourcode = the prestatie's own RetourCodes joined with "," (in message order),
  toegekend 'ja' when every one of them is an acceptance code, else 'nee' (None without codes).
  Acceptance codes (WJ001): 0200 "geen opmerking over deze berichtklasse" and 8001 "declaratie
  is volledig toegewezen"; every other code names a rule the prestatie broke (0611, 93xx, ...)
  or says it was not judged (0233) — neither is a payment. Codes on Client, Declaratie or
  Header level are not applied to the prestaties. antwoorddatum = header Dagtekening,
  declaratienummer = DeclaratieAntwoord/DeclaratieNummer. The Bsn is not read.

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

Two paths, one set of rules. A message up to STROOMLEZEN_VANAF bytes is parsed whole from
bytes by one reused parser per thread and then walked with `etree.iterwalk`; a bigger one is
streamed with `etree.iterparse` and every row is dropped once read, so memory stays bounded.
Both feed the same event loop (`_Lezer.lees`) with the same events ("end" of the elements we
read, every "pi", every "start-ns"), so every refusal above holds on both paths.

Verified against the official material in reference/ (iWmo 3.2 XSDs and examples, iJw 3.2
XSDs and examples, iWmo 2.1 XSDs, Ketenbureau 2.0 examples). Known gaps:

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
- No 325 XSD for iWmo was available; the iWmo example and the iJw JW325.xsd share one shape.
- 319: no Bsn, see above; the contract's verzoeken requires a client, so the loader has to
  decide what an answer-only row needs.
"""

from __future__ import annotations

import functools
import io
import pathlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from lxml import etree

from pipelines.ingest.errors import OnleesbaarBestand

Rij = dict[str, str | None]
# A row element's fields by local name: "Naam" for a child, "Ouder/Naam" for a grandchild. A
# leaf holds its stripped text (None when empty); an element with children is kept as element,
# so reading it as a value refuses the file (see `_waarde`). First occurrence wins.
Velden = dict[str, Any]

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

# Up to this size a message is parsed whole (one C call: fastest); above it it is streamed and
# rows are dropped once read, so memory stays bounded. A parsed tree takes some 6× the
# message in memory, so the whole-message path stays under ~100 MB.
STROOMLEZEN_VANAF = 16 * 1024 * 1024


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


# An lxml parser keeps state while it parses and is not thread-safe: one per thread, reused
# for every message (making a parser costs more than parsing a 2 KB message).
_PER_DRAAD = threading.local()


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_PER_DRAAD, "parser", None)
    if parser is None:
        parser = etree.XMLParser(**_VEILIG)
        parser.resolvers.add(_GeenExterneBronnen())
        _PER_DRAAD.parser = parser
    return parser


# <standaard>/<major>_<minor>/<bericht>/schema, with the /<major>_<minor> suffix of the 2.x
# releases; <bericht> is wmo301 (iWmo) or jw301 (iJw).
_NAMESPACE = re.compile(
    r"^https?://www\.istandaarden\.nl/(?P<standaard>[a-z]+)/(?P<major>\d+)_(?P<minor>\d+)"
    r"/(?P<bericht>(?P<voorvoegsel>[a-z]+)(?P<nummer>\d{3}))/schema(?:/\d+_\d+)?/?$"
)
_DATUM = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_GETAL = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_CENT = Decimal("0.01")

# (standaard, voorvoegsel) → domein; the two standards share one structure.
_STANDAARDEN = {("iwmo", "wmo"): "wmo", ("ijw", "jw"): "jeugd"}
_RETOURBERICHTEN = frozenset({"302", "304", "306", "308", "316", "318", "320"})

# Message-level declaration fields; the 2.x names are guesses (see the module docstring).
_DECLARATIENUMMER = ("DeclaratieNummer", "DeclaratieFactuurNummer", "FactuurNummer")
_DECLARATIEDATUM = (
    "DeclaratieDagtekening",
    "DeclaratieFactuurDagtekening",
    "DeclaratieFactuurDatum",
    "Factuurdatum",
)
# 2.0 spells Beschikkingnummer, the 2.1 XSD BeschikkingNummer.
_BESCHIKKINGNUMMER = ("Beschikkingnummer", "BeschikkingNummer")
# WJ001 codes that accept a prestatie in a 325 (see the module docstring).
_ACCEPTATIECODES = frozenset({"0200", "8001"})
# LDT_VerzoekAntwoord → uitkomst; 2 (aanvraag in onderzoek) is no decision yet.
_VERZOEKANTWOORD: dict[str, str | None] = {"1": "afgewezen", "2": None}


@dataclass(frozen=True)
class _Soort:
    tabel: str
    rij_elementen: frozenset[str]
    # Elements outside a row whose value the rows need (declaration number, 317 request, ...).
    context: frozenset[str] = frozenset()
    # The row element only counts when its parent has this name (2.x 315: Product in Producten
    # is a row, the Product inside it is not).
    ouder: str | None = None


def _soort(tabel: str, *rij: str, context: Iterable[str] = (), ouder: str | None = None) -> _Soort:
    return _Soort(tabel, frozenset(rij), frozenset(context), ouder)


# Supported message per (berichtnummer, major release).
_BERICHTEN: dict[tuple[str, int], _Soort] = {
    ("301", 2): _soort("toewijzingen", "ToegewezenProduct", context=_BESCHIKKINGNUMMER),
    ("301", 3): _soort("toewijzingen", "ToegewezenProduct"),
    ("305", 2): _soort("zorgperiodes", "StartProduct"),
    ("305", 3): _soort("zorgperiodes", "StartProduct"),
    ("307", 2): _soort("zorgperiodes", "StopProduct"),
    ("307", 3): _soort("zorgperiodes", "StopProduct"),
    ("303", 2): _soort("declaraties", "Prestatie", context=(*_DECLARATIENUMMER, *_DECLARATIEDATUM)),
    ("323", 3): _soort("declaraties", "Prestatie", context=(*_DECLARATIENUMMER, *_DECLARATIEDATUM)),
    ("315", 2): _soort("verzoeken", "Product", ouder="Producten"),
    ("315", 3): _soort("verzoeken", "AangevraagdProduct"),
    ("317", 3): _soort(
        "verzoeken",
        "TeWijzigenProduct",
        "NieuwProduct",
        context=("ReferentieAanbieder", "RedenVerzoek"),
    ),
    ("319", 3): _soort("verzoeken", "Antwoord"),
    ("325", 3): _soort("declaratie_antwoorden", "Prestatie", context=("DeclaratieNummer",)),
}
_ONDERSTEUND = (
    "301, 305, 307 en 315 (iWmo 2.x en 3.x), 317, 319, 323 en 325 (iWmo en iJw 3.x), "
    "301/305/307/315 ook van iJw 3.x, en WMO303 (iWmo 2.x)"
)


@dataclass
class IwmoBericht:
    tabel: str  # toewijzingen | zorgperiodes | declaraties | verzoeken | declaratie_antwoorden
    berichttype: str  # e.g. "WMO301", "WMO323", "JW301"
    release: str  # e.g. "3.2", "2.1", "2.0" — from the namespace
    domein: str  # "wmo" (iWmo) | "jeugd" (iJw)
    berichtidentificatie: str | None  # Header/BerichtIdentificatie/Identificatie
    berichtdatum: str | None  # its Dagtekening, YYYY-MM-DD
    afzender: str | None
    ontvanger: str | None
    # One dict per row: exactly the contract columns of `tabel` ("bsn" instead of "client_id")
    # and "regelnummer" (the line of the row element).
    rijen: list[Rij]


@dataclass(frozen=True)
class _Herkend:
    standaard: str
    voorvoegsel: str
    nummer: str
    major: int
    minor: int

    @property
    def berichttype(self) -> str:
        return f"{self.voorvoegsel.upper()}{self.nummer}"


def lees_iwmo_bericht(inhoud: bytes, naam: str) -> IwmoBericht:
    """Read one iWmo/iJw message from bytes (e.g. a zip member); `naam` is used in messages.

    Raises OnleesbaarBestand when it is no message this module reads.
    """
    if len(inhoud) > STROOMLEZEN_VANAF:
        return _lees_stromend(lambda: io.BytesIO(inhoud), naam)
    try:
        boom = etree.fromstring(inhoud, _parser()).getroottree()
    except etree.XMLSyntaxError as fout:
        # Say what a user needs: no XML, no iWmo message, or a message broken half-way.
        _herken_bericht(lambda: io.BytesIO(inhoud), naam)
        raise _beschadigd(naam, fout) from fout
    except ValueError as fout:  # e.g. a str instead of bytes; no XML we can read
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {naam} is geen leesbaar XML-bestand."
        ) from fout
    herkend = _herken_wortel(boom.getroot(), naam)
    bericht, lezer = _begin(herkend)
    gebeurtenissen = etree.iterwalk(boom, events=("end", "pi", "start-ns"), tag=lezer.tags)
    return _lees_met(bericht, lezer, gebeurtenissen, naam, opruimen=False)


def lees_iwmo_xml(pad: pathlib.Path) -> IwmoBericht:
    """Read one iWmo/iJw message file; a big one is streamed so memory stays bounded."""
    pad = pathlib.Path(pad)
    try:
        groot = pad.stat().st_size > STROOMLEZEN_VANAF
        if not groot:
            inhoud = pad.read_bytes()
    except OSError as fout:
        raise OnleesbaarBestand(f"Het bestand {pad.name} kan niet worden gelezen: {fout}") from fout
    if groot:
        return _lees_stromend(lambda: pad.open("rb"), pad.name)
    return lees_iwmo_bericht(inhoud, pad.name)


def _lees_stromend(open_: Callable[[], BinaryIO], naam: str) -> IwmoBericht:
    herkend = _herken_bericht(open_, naam)
    bericht, lezer = _begin(herkend)
    try:
        with open_() as bestand:
            gebeurtenissen = _iterparse(bestand, events=("end", "pi", "start-ns"), tag=lezer.tags)
            return _lees_met(bericht, lezer, gebeurtenissen, naam, opruimen=True)
    except OSError as fout:
        raise OnleesbaarBestand(f"Het bestand {naam} kan niet worden gelezen: {fout}") from fout


def _begin(herkend: _Herkend) -> tuple[IwmoBericht, _Lezer]:
    soort = _BERICHTEN[(herkend.nummer, herkend.major)]
    bericht = IwmoBericht(
        tabel=soort.tabel,
        berichttype=herkend.berichttype,
        release=f"{herkend.major}.{herkend.minor}",
        domein=_STANDAARDEN[(herkend.standaard, herkend.voorvoegsel)],
        berichtidentificatie=None,
        berichtdatum=None,
        afzender=None,
        ontvanger=None,
        rijen=[],
    )
    return bericht, _Lezer(herkend.nummer, soort)


def _lees_met(
    bericht: IwmoBericht,
    lezer: _Lezer,
    gebeurtenissen: Iterable[tuple[str, object]],
    naam: str,
    *,
    opruimen: bool,
) -> IwmoBericht:
    try:
        bericht.rijen = list(lezer.lees(gebeurtenissen, opruimen=opruimen))
    except etree.XMLSyntaxError as fout:
        raise _beschadigd(naam, fout) from fout
    except _Geweigerd as fout:
        raise OnleesbaarBestand(f"Het iWmo-bericht {naam} wordt niet ingelezen: {fout}") from fout
    _unieke_regelnummers(bericht.rijen)
    bericht.berichtidentificatie = lezer.berichtidentificatie
    bericht.berichtdatum = _datum(lezer.berichtdatum)
    bericht.afzender = lezer.afzender
    bericht.ontvanger = lezer.ontvanger
    return bericht


def _unieke_regelnummers(rijen: list[Rij]) -> None:
    """Every row of a message needs its own number: it names the row in quarantine and
    evidence, and (bestand_id, regelnummer) identifies a declaration line downstream.

    Pretty-printed messages put each row element on its own line, and the line is the most
    useful number for a reader of the file. A message written on one line (or with two row
    elements on a line) has no such number; then every row gets its position in the message
    instead (1, 2, 3, …).
    """
    regels = [rij["regelnummer"] for rij in rijen]
    if len(set(regels)) != len(regels):
        for positie, rij in enumerate(rijen, start=1):
            rij["regelnummer"] = str(positie)


def _beschadigd(naam: str, fout: etree.XMLSyntaxError) -> OnleesbaarBestand:
    return OnleesbaarBestand(
        f"Het iWmo-bericht {naam} is beschadigd en wordt niet ingelezen "
        f"(regel {fout.lineno}): {fout.msg}"
    )


def _herken_bericht(open_: Callable[[], BinaryIO], naam: str) -> _Herkend:
    """The message from its root element, reading only the start of the input."""
    try:
        with open_() as bestand:
            wortel = next(iter(_iterparse(bestand, events=("start",))))[1]
    except (etree.XMLSyntaxError, StopIteration) as fout:
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {naam} is geen leesbaar XML-bestand."
        ) from fout
    except OSError as fout:
        raise OnleesbaarBestand(f"Het bestand {naam} kan niet worden gelezen: {fout}") from fout
    return _herken_wortel(wortel, naam)


def _herken_wortel(wortel: etree._Element, naam: str) -> _Herkend:
    # The DTD (internal subset included) is parsed before the root starts, so this is known
    # before a single element is read.
    docinfo = wortel.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OnleesbaarBestand(
            f"Het XML-bestand {naam} wordt niet ingelezen: het bevat een DOCTYPE-declaratie. "
            "Een iWmo-bericht heeft die nooit, en een DOCTYPE kan entiteiten en verwijzingen "
            "naar andere bestanden bevatten."
        )
    # The root's namespace says it all, and an archive repeats a few of them thousands of
    # times: what is recognised is kept (bounded), a refusal is worked out each time.
    herkend = _HERKEND_PER_WORTEL.get(wortel.tag)
    if herkend is None:
        herkend = _herken_naamruimte(wortel, naam)
        if len(_HERKEND_PER_WORTEL) < 256:
            _HERKEND_PER_WORTEL[wortel.tag] = herkend
    return herkend


_HERKEND_PER_WORTEL: dict[str, _Herkend] = {}


def _herken_naamruimte(wortel: etree._Element, naam: str) -> _Herkend:
    qnaam = etree.QName(wortel)
    gevonden = _NAMESPACE.match(qnaam.namespace or "")
    if gevonden is None or qnaam.localname != "Bericht":
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {naam} heeft hoofdelement <{qnaam.localname}> "
            f"met namespace {qnaam.namespace or '(geen)'}; verwacht wordt <Bericht> met een "
            "namespace als http://www.istandaarden.nl/iwmo/3_2/wmo323/schema."
        )
    herkend = _Herkend(
        standaard=gevonden["standaard"],
        voorvoegsel=gevonden["voorvoegsel"],
        nummer=gevonden["nummer"],
        major=int(gevonden["major"]),
        minor=int(gevonden["minor"]),
    )
    omschrijving = f"{herkend.berichttype} release {herkend.major}.{herkend.minor}"
    if (herkend.standaard, herkend.voorvoegsel) not in _STANDAARDEN:
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend: {naam} is een {herkend.standaard}-bericht "
            f"({omschrijving}); de monitor leest iWmo- en iJw-berichten."
        )
    if herkend.nummer in _RETOURBERICHTEN:
        raise OnleesbaarBestand(
            f"{naam} is een retourbericht ({omschrijving}): de technische ontvangstbevestiging "
            "van een ander bericht, geen zorg of declaratie; niet ingelezen."
        )
    if (herkend.nummer, herkend.major) not in _BERICHTEN or (
        herkend.standaard == "ijw" and herkend.major != 3
    ):
        raise OnleesbaarBestand(
            f"Geen iWmo-bericht herkend dat de monitor kan inlezen: {naam} is {omschrijving}. "
            f"Ingelezen worden {_ONDERSTEUND}."
        )
    return herkend


# Local name per namespaced tag; a message has a few dozen distinct tags. Bounded, so a
# hostile message with millions of distinct tags cannot grow it without end.
_LOKALE_NAMEN: dict[str, str] = {}


def _lokaal(tag: str) -> str:
    naam = _LOKALE_NAMEN.get(tag)
    if naam is None:
        naam = tag.rpartition("}")[2]
        if len(_LOKALE_NAMEN) < 4096:
            _LOKALE_NAMEN[tag] = naam
    return naam


def _naam(element: etree._Element) -> str:
    # Local name without namespace; comments and processing instructions have no str tag.
    tag = element.tag
    return _lokaal(tag) if isinstance(tag, str) else ""


def _velden(element: etree._Element, waardesleutels: frozenset[str]) -> Velden:
    """Children and grandchildren by local name, in one pass (see `Velden`).

    A key in `waardesleutels` is read as a value: an element there that holds anything but
    text (a child element, comment, PI or entity) refuses the message, as `_waarde` does.
    This runs for every row of an archive (hundreds of thousands): names are looked up in
    caches keyed by the namespaced tag, and a comment's tag (not a str) simply misses them.
    """
    velden: Velden = {}
    namen = _LOKALE_NAMEN
    for kind in element:
        tag = kind.tag
        naam = namen.get(tag)
        if naam is None:
            if tag.__class__ is not str:
                continue  # a comment between elements; a PI is refused by the event loop
            naam = _lokaal(tag)
        if len(kind):
            if naam in waardesleutels:
                _waarde(kind)  # raises
            if naam not in velden:
                velden[naam] = kind
            paden = _PADEN.get(naam)
            if paden is None:
                paden = {}
                if len(_PADEN) < 4096:
                    _PADEN[naam] = paden
            for klein in kind:
                tag = klein.tag
                sleutel = paden.get(tag)
                if sleutel is None:
                    if tag.__class__ is not str:
                        continue
                    sleutel = naam + "/" + _lokaal(tag)
                    if len(paden) < 4096:
                        paden[tag] = sleutel
                if sleutel not in velden:
                    if len(klein):
                        if sleutel in waardesleutels:
                            _waarde(klein)  # raises
                        velden[sleutel] = klein
                    else:
                        tekst = klein.text
                        velden[sleutel] = (tekst.strip() or None) if tekst else None
        elif naam not in velden:
            tekst = kind.text
            velden[naam] = (tekst.strip() or None) if tekst else None
    return velden


# Per local name of a container, its children's namespaced tags → "container/child" key.
# Bounded like _LOKALE_NAMEN (a hostile message could bring endless distinct names).
_PADEN: dict[str, dict[str, str]] = {}


class _Opnemer(dict):  # type: ignore[type-arg]
    """An empty field dict that notes every key a row builder asks for: its value keys."""

    def __init__(self) -> None:
        super().__init__()
        self.gevraagd: set[str] = set()

    def get(self, sleutel, standaard=None):  # type: ignore[no-untyped-def,override]
        self.gevraagd.add(sleutel)
        return standaard


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


def _datum(waarde: str | None) -> str | None:
    # LDT_Datum forbids a time zone, but xs:date allows one; drop it rather than refuse the
    # row. Anything else stays as it is so the validation quarantines it with the raw value.
    # Up to 10 characters the pattern either matches the whole text or not at all: unchanged.
    if waarde is None or len(waarde) <= 10:
        return waarde
    gevonden = _DATUM.match(waarde)
    return gevonden.group(1) if gevonden else waarde


def _eurocent_naar_euro(waarde: str | None) -> str | None:
    """`1250` → `12.50`, exact: string arithmetic for whole cents, Decimal for the rest."""
    if waarde is None:
        return None
    cijfers = waarde[1:] if waarde[:1] in "+-" else waarde
    if cijfers.isascii() and cijfers.isdigit():
        cijfers = cijfers.lstrip("0").rjust(3, "0")
        negatief = waarde[0] == "-" and cijfers != "000"
        return ("-" if negatief else "") + cijfers[:-2] + "." + cijfers[-2:]
    return _eurocent_naar_euro_decimaal(waarde)


def _eurocent_naar_euro_decimaal(waarde: str) -> str:
    """The general case (a fraction of a cent, other digits): exact with Decimal."""
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


def _sleutel_2_0(beschikkingnummer: str | None, p: Velden) -> str | None:
    """The iWmo 2.0 key of a toegewezen product (see the module docstring); None without one."""
    categorie = p.get("Product/Categorie")
    if beschikkingnummer is None or categorie is None:
        return None
    return f"{beschikkingnummer}-{categorie}{p.get('Product/Code') or ''}"


# (berichtnummer, kind) → (tag filter, value keys of a row, value keys of the header); see
# _Lezer. A handful of kinds exist, so it stays small.
_VORM_PER_SOORT: dict[tuple[str, _Soort], tuple[list[str], frozenset[str], frozenset[str]]] = {}
# The row builder of _Lezer per berichtnummer.
_BOUWERS = {
    "301": "_toewijzing",
    "305": "_zorgperiode",
    "307": "_zorgperiode",
    "303": "_prestatie",
    "323": "_prestatie",
    "315": "_verzoek_toewijzing",
    "317": "_verzoek_wijziging",
    "319": "_antwoord_verzoek",
    "325": "_declaratie_antwoord",
}


class _Lezer:
    """One pass over the events: remembers header, client and context, yields rows."""

    def __init__(self, nummer: str, soort: _Soort) -> None:
        self.nummer = nummer
        self.soort = soort
        # Only the unverified 2.x WMO303 falls back to the message date for declaratiedatum.
        self.datum_uit_header = nummer == "303"
        self.afzender: str | None = None
        self.ontvanger: str | None = None
        self.berichtidentificatie: str | None = None
        self.berichtdatum: str | None = None
        self.bsn: str | None = None
        self.context: dict[str, str | None] = {}
        self.maak_rij: Callable[[etree._Element, Velden], Rij] = getattr(self, _BOUWERS[nummer])
        # What does not differ between messages of one kind is worked out once per kind (an
        # archive has tens of thousands of messages): the tag filter and the value keys.
        vorm = _VORM_PER_SOORT.get((nummer, soort))
        if vorm is None:
            vorm = _VORM_PER_SOORT[(nummer, soort)] = self._vorm()
        self.tags, self.waardesleutels, self.kopsleutels = vorm

    def _vorm(self) -> tuple[list[str], frozenset[str], frozenset[str]]:
        context = {"Header", "Client", "Bsn", *self.soort.context}
        if "Beschikkingnummer" in self.soort.context:
            context.add("Beschikking")
        # The tag filter keeps Python out of the loop for the many elements we do not need.
        tags = [f"{{*}}{naam}" for naam in sorted({*context, *self.soort.rij_elementen})]
        # The keys the builders read as values: an element there with children is refused.
        opnemer = _Opnemer()
        self.maak_rij(etree.Element("leeg"), opnemer)
        waarde = frozenset(opnemer.gevraagd)
        opnemer = _Opnemer()
        self._lees_header(opnemer)
        # The builders only read; recording them must not leave state behind.
        self.afzender = self.ontvanger = self.berichtidentificatie = self.berichtdatum = None
        self.bsn = None
        self.context = {}
        return tags, waarde, frozenset(opnemer.gevraagd)

    def lees(
        self, gebeurtenissen: Iterable[tuple[str, object]], *, opruimen: bool
    ) -> Iterator[Rij]:
        rij_elementen = self.soort.rij_elementen
        ouder_nodig = self.soort.ouder
        for gebeurtenis, element in gebeurtenissen:
            if gebeurtenis == "start-ns":
                uri = str(element[1])  # type: ignore[index]
                if uri in _XINCLUDE:
                    raise _Geweigerd(
                        f"het gebruikt XInclude (namespace {uri}) om andere bestanden in te "
                        "voegen; dat hoort niet in een iWmo-bericht."
                    )
                continue
            if gebeurtenis == "pi":
                raise _Geweigerd(
                    "het bevat een verwerkingsinstructie (<?…?>) op regel "
                    f"{element.sourceline}; die hoort niet in een iWmo-bericht."  # type: ignore[attr-defined]
                )
            assert isinstance(element, etree._Element)
            naam = _naam(element)
            if naam in rij_elementen:
                if ouder_nodig is not None and _naam(element.getparent()) != ouder_nodig:
                    continue  # e.g. the Product inside a 2.x 315 Product
                rij = self.maak_rij(element, _velden(element, self.waardesleutels))
                regel = element.sourceline or 0
                rij["regelnummer"] = str(regel if regel < 65535 else _regelnummer(element))
                yield rij
                if opruimen:
                    self._vergeet(element)
            elif naam == "Header":
                self._lees_header(_velden(element, self.kopsleutels))
            elif naam == "Bsn":
                self.bsn = _waarde(element)
            elif naam == "Client":
                self.bsn = None
                if opruimen:
                    self._vergeet(element)
            elif naam == "Beschikking":
                self.context.pop("Beschikkingnummer", None)
            elif _naam(element.getparent()) not in rij_elementen:
                # Context outside a row (a declaration number, the request of a 317, ...);
                # the first one counts, as for the fields of a row.
                self.context.setdefault(
                    "Beschikkingnummer" if naam in _BESCHIKKINGNUMMER else naam, _waarde(element)
                )

    @staticmethod
    def _vergeet(element: etree._Element) -> None:
        # Drop what has been read so a 50 MB message does not end up whole in memory.
        element.clear(keep_tail=True)
        ouder = element.getparent()
        if ouder is not None:
            while element.getprevious() is not None:
                del ouder[0]

    def _lees_header(self, kop: Velden) -> None:
        self.afzender = kop.get("Afzender")
        self.ontvanger = kop.get("Ontvanger")
        # 3.x and 2.1 spell BerichtIdentificatie, 2.0 Berichtidentificatie.
        self.berichtidentificatie = kop.get("BerichtIdentificatie/Identificatie") or kop.get(
            "Berichtidentificatie/Identificatie"
        )
        self.berichtdatum = kop.get("BerichtIdentificatie/Dagtekening") or kop.get(
            "Berichtidentificatie/Dagtekening"
        )

    def _declaratie(self, namen: tuple[str, ...]) -> str | None:
        context = self.context
        for naam in namen:
            waarde = context.get(naam)
            if waarde is not None:
                return waarde
        return None

    def _toewijzing(self, _element: etree._Element, p: Velden) -> Rij:
        eenheid = p.get("Omvang/Eenheid")
        return {
            "toewijzingnummer": (p.get("ToewijzingNummer") or p.get("Toewijzingnummer"))
            or _sleutel_2_0(self.context.get("Beschikkingnummer"), p),
            "bsn": self.bsn,
            "gemeentecode": p.get("Gemeentecode") or self.afzender,
            "aanbieder_agb": p.get("Aanbieder") or self.ontvanger,
            "productcategorie": p.get("Product/Categorie"),
            "productcode": p.get("Product/Code"),
            "ingangsdatum": _datum(p.get("Ingangsdatum") or p.get("ToewijzingIngangsdatum")),
            "einddatum": _datum(p.get("Einddatum")),
            "volume": _volume(p.get("Omvang/Volume"), eenheid),
            "eenheid": eenheid,
            "frequentie": p.get("Omvang/Frequentie"),
            "budget": _eurocent_naar_euro(p.get("Budget")),
            "toewijzingsdatum": _datum(p.get("Toewijzingsdatum")),
            # 2.0 names the withdrawal reason RedenIntrekking.
            "reden_wijziging": (p.get("RedenWijziging") or p.get("RedenIntrekking")),
        }

    def _zorgperiode(self, _element: etree._Element, p: Velden) -> Rij:
        return {
            "toewijzingnummer": (p.get("ToewijzingNummer") or p.get("Toewijzingnummer"))
            or _sleutel_2_0((p.get("Beschikkingnummer") or p.get("BeschikkingNummer")), p),
            "gemeentecode": self.ontvanger,
            "aanbieder_agb": p.get("Aanbieder") or self.afzender,
            "bsn": self.bsn,
            "productcategorie": p.get("Product/Categorie"),
            "productcode": p.get("Product/Code"),
            "begindatum": _datum(p.get("Begindatum")),
            # Only a StopProduct has these two; for a StartProduct they stay None.
            "einddatum": _datum(p.get("Einddatum")),
            "reden_beeindiging": p.get("RedenBeeindiging"),
            "status_aanlevering": p.get("StatusAanlevering"),
        }

    def _prestatie(self, _element: etree._Element, p: Velden) -> Rij:
        eenheid = p.get("Eenheid")
        return {
            "declaratienummer": self._declaratie(_DECLARATIENUMMER),
            "referentienummer": (
                p.get("ProductReferentie/ReferentieNummer") or p.get("ReferentieNummer")
            ),
            "vorig_referentienummer": (
                p.get("ProductReferentie/VorigReferentieNummer") or p.get("VorigReferentieNummer")
            ),
            "aanbieder_agb": self.afzender,
            "gemeentecode": self.ontvanger,
            "bsn": p.get("Bsn") or self.bsn,
            "toewijzingnummer": (p.get("ToewijzingNummer") or p.get("Toewijzingnummer")),
            "productcategorie": (p.get("ProductCategorie") or p.get("Product/Categorie")),
            "productcode": (p.get("ProductCode") or p.get("Product/Code")),
            "begindatum": _datum(p.get("ProductPeriode/Begindatum") or p.get("Begindatum")),
            "einddatum": _datum(p.get("ProductPeriode/Einddatum") or p.get("Einddatum")),
            "geleverd_volume": _volume((p.get("GeleverdVolume") or p.get("Volume")), eenheid),
            "eenheid": eenheid,
            "producttarief": _eurocent_naar_euro(p.get("ProductTarief") or p.get("Tarief")),
            # 3.x: IngediendBedrag/Bedrag + DebetCredit; the other spellings are 2.x guesses.
            "ingediend_bedrag": _eurocent_naar_euro(
                p.get("IngediendBedrag/Bedrag")
                or p.get("DeclaratieFactuurBedrag/Bedrag")
                or p.get("Bedrag")
            ),
            "debet_credit": (
                p.get("IngediendBedrag/DebetCredit")
                or p.get("DeclaratieFactuurBedrag/DebetCredit")
                or p.get("DebetCredit")
            ),
            "declaratiedatum": _datum(
                self._declaratie(_DECLARATIEDATUM)
                or (self.berichtdatum if self.datum_uit_header else None)
            ),
        }

    def _verzoek(
        self,
        p: Velden,
        *,
        soort: str,
        verzoeknummer: str | None,
        toewijzingnummer: str | None,
        ingangsdatum: str | None,
        einddatum: str | None,
        aanbieder_agb: str | None,
        reden: str | None,
    ) -> Rij:
        eenheid = p.get("Omvang/Eenheid")
        return {
            "verzoeknummer": verzoeknummer,
            "soort": soort,
            "aanbieder_agb": aanbieder_agb,
            "gemeentecode": self.ontvanger,
            "bsn": self.bsn,
            "toewijzingnummer": toewijzingnummer,
            "productcategorie": p.get("Product/Categorie"),
            "productcode": p.get("Product/Code"),
            "volume": _volume(p.get("Omvang/Volume"), eenheid),
            "eenheid": eenheid,
            "frequentie": p.get("Omvang/Frequentie"),
            "ingangsdatum": _datum(ingangsdatum),
            "einddatum": _datum(einddatum),
            "reden": reden,
            "verzoekdatum": _datum(self.berichtdatum),
            "uitkomst": None,
        }

    def _verzoek_toewijzing(self, _element: etree._Element, p: Velden) -> Rij:
        return self._verzoek(
            p,
            soort="315",
            verzoeknummer=p.get("ReferentieAanbieder")
            or _sleutel_2_0((p.get("Beschikkingnummer") or p.get("BeschikkingNummer")), p),
            toewijzingnummer=None,
            ingangsdatum=(p.get("ToewijzingIngangsdatum") or p.get("Ingangsdatum")),
            einddatum=(p.get("ToewijzingEinddatum") or p.get("Einddatum")),
            aanbieder_agb=p.get("Aanbieder") or self.afzender,
            reden=None,
        )

    def _verzoek_wijziging(self, element: etree._Element, p: Velden) -> Rij:
        return self._verzoek(
            p,
            soort="317",
            verzoeknummer=self.context.get("ReferentieAanbieder"),
            # Only a TeWijzigenProduct names the toewijzing it changes.
            toewijzingnummer=p.get("ToewijzingNummer"),
            ingangsdatum=p.get("GewensteIngangsdatum"),
            einddatum=p.get("Einddatum"),
            aanbieder_agb=self.afzender,
            reden=self.context.get("RedenVerzoek"),
        )

    def _antwoord_verzoek(self, _element: etree._Element, p: Velden) -> Rij:
        antwoord: str | None = p.get("VerzoekAntwoord")
        uitkomst = antwoord if antwoord is None else _VERZOEKANTWOORD.get(antwoord, antwoord)
        return {
            "verzoeknummer": p.get("ReferentieAanbieder"),
            "soort": "317",
            "aanbieder_agb": self.ontvanger,
            "gemeentecode": self.afzender,
            "bsn": None,
            "toewijzingnummer": None,
            "productcategorie": None,
            "productcode": None,
            "volume": None,
            "eenheid": None,
            "frequentie": None,
            "ingangsdatum": None,
            "einddatum": None,
            "reden": None,
            "verzoekdatum": None,
            "uitkomst": uitkomst,
        }

    def _declaratie_antwoord(self, _element: etree._Element, p: Velden) -> Rij:
        # A container, not a value: read past the value-key bookkeeping of `_Opnemer`.
        codes = dict.get(p, "RetourCodes")
        retourcodes: list[str] = []
        if codes is not None and codes.__class__ is not str:
            for code in codes:  # type: ignore[union-attr]
                if isinstance(code.tag, str):
                    waarde = _waarde(code)
                    if waarde is not None:
                        retourcodes.append(waarde)
        toegekend = None
        if retourcodes:
            toegekend = "ja" if _ACCEPTATIECODES.issuperset(retourcodes) else "nee"
        return {
            "referentienummer": (
                p.get("ProductReferentie/ReferentieNummer") or p.get("ReferentieNummer")
            ),
            "aanbieder_agb": self.ontvanger,
            "gemeentecode": self.afzender,
            "toegekend": toegekend,
            "retourcode": ",".join(retourcodes) or None,
            "antwoorddatum": _datum(self.berichtdatum),
            "declaratienummer": self.context.get("DeclaratieNummer"),
        }
