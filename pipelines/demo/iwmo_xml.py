"""The demo region as iWmo 3.2 messages: WMO301, WMO305, WMO307 and WMO323.

`schrijf_berichten()` turns the contract tables the generator made (toewijzingen,
zorgperiodes, declaraties, with the raw BSN) into the messages a gemeente's archive holds,
one file per message in a subfolder per message type:

| map | bericht | één bericht per |
|---|---|---|
| 301/ | WMO301 toewijzing | cliënt × aanbieder × wijzigingsmoment (momentopname) |
| 305/ | WMO305 start zorg | start van een zorgperiode (StatusAanlevering 1) |
| 307/ | WMO307 stop zorg | einde van een zorgperiode |
| 323/ | WMO323 declaratie | aanbieder × gemeente × declaratienummer, prestaties per cliënt |

A 301 is a snapshot: it carries every toewijzing of that client at that provider that is
current at the moment of the change, so a toewijzing appears in every 301 until it ends.

File names are `WMO<type>_<afzender>_<identificatie>.xml`; BerichtIdentificatie/Identificatie
counts per sender over all its messages, so it is unique per sender. Amounts and tariffs are
eurocent, dates ISO. The messages validate against the official XSDs (reference/iwmo-3/xsd,
tests/demo/test_iwmo_xml_schrijver.py).

The same messages as tables: `BerichtTabellen` holds, per contract table, exactly the rows an
iWmo reader gets from the messages (a toewijzing once per 301 it appears in, a zorgperiode as a
start row and a stop row). Its distinct rows, written as CSV, are the region's CSV twin: the
same content in the other format (ingest keeps one copy of a row whose content is already
loaded, so a toewijzing repeated in later snapshots loads once), so XML and CSV must give the
same staging rows and signals (tests/ingest/test_xml_csv_tweeling.py).

Refused, not repaired: a value that iWmo 3.2 cannot carry (a toewijzingnummer that is no
number of at most 9 digits, a volume with decimals, a declaratienummer of more than 12 letters
and digits, a BSN that is not 9 digits, ...) raises `OnschrijfbaarBericht` naming the table,
column and value. The generator makes only values that fit; anything else is a bug to fix
there, not here. Text is escaped, so a value can never add markup to a message.

The client's name, birth date and sex are required in 301/305/307 but are not in the contract
tables; they are derived from the (synthetic) BSN so every message about a client agrees.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl

BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
BERICHTCODE = {"301": "414", "305": "418", "307": "420", "323": "484"}
BERICHTTYPEN = tuple(BERICHTCODE)
# The contract tables that travel as messages; the others stay CSV next to the messages.
BERICHT_TABELLEN = ("toewijzingen", "zorgperiodes", "declaraties")
RELEASE = "3_2"
XSD_VERSIE = "1.0.0"
# When the gemeente fixed a toewijzing: the demo knows the day only.
TOEWIJZINGSTIJD = "09:00:00"

_ACHTERNAMEN = ("Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer")
_VOORLETTERS = ("A", "B", "C", "E", "H", "J", "M", "P", "R", "W")


class OnschrijfbaarBericht(ValueError):
    """A value that an iWmo 3.2 message cannot carry."""


@dataclass
class BerichtTabellen:
    """The rows an iWmo reader gets from the written messages, per contract table."""

    toewijzingen: list[dict[str, object]] = field(default_factory=list)
    zorgperiodes: list[dict[str, object]] = field(default_factory=list)
    declaraties: list[dict[str, object]] = field(default_factory=list)


@dataclass
class BerichtenSamenvatting:
    """What schrijf_berichten wrote: messages per type, prestaties, the tables of the twin."""

    aantal: dict[str, int]
    prestaties: int
    tabellen: BerichtTabellen
    doelmap: Path

    @property
    def totaal(self) -> int:
        return sum(self.aantal.values())


# What iWmo 3.2 allows (Basisschema 3.2): pattern per kind of value.
_PATRONEN: dict[str, tuple[re.Pattern[str], str]] = {
    "nummer": (re.compile(r"[0-9]{1,9}"), "een getal van hoogstens 9 cijfers (LDT_Nummer)"),
    "bsn": (re.compile(r"[0-9]{9}"), "9 cijfers (LDT_BurgerServicenummer)"),
    "agb": (re.compile(r"[0-9]{8}"), "8 cijfers (LDT_AgbCode)"),
    "gemeente": (re.compile(r"[0-9]{4}"), "4 cijfers (LDT_Gemeente)"),
    "categorie": (re.compile(r"[0-9]{2}"), "2 cijfers (LDT_ProductCategorie)"),
    "productcode": (re.compile(r"[0-9A-Za-z]{5}"), "5 tekens (LDT_ProductCode)"),
    "declaratienummer": (
        re.compile(r"[A-Za-z0-9]{1,12}"),
        "hoogstens 12 letters en cijfers (LDT_IdentificatieDeclaratie)",
    ),
    "referentienummer": (
        re.compile(r"\S(?:.{0,18}\S)?", re.DOTALL),
        "1 tot 20 tekens (LDT_ReferentieNummer)",
    ),
    "eenheid": (re.compile(r"01|04|14|16|82|83|84"), "een code uit WJ756 (LDT_Eenheid)"),
    "frequentie": (re.compile(r"[1246]"), "1, 2, 4 of 6 (LDT_Frequentie)"),
    "reden_wijziging": (re.compile(r"0[1-9]|1[0-4]"), "01 tot 14 (LDT_RedenWijziging)"),
    "reden_beeindiging": (
        re.compile(r"02|19|2[0-3]|3[16789]"),
        "een code uit LDT_RedenBeeindiging",
    ),
    "debet_credit": (re.compile(r"[DC]"), "D of C (LDT_DebetCredit)"),
}
_MAX_BEDRAG = 99_999_999  # LDT_Bedrag, LDT_Volume, LDT_Budget


def _tekst(waarde: object, soort: str, tabel: str, kolom: str) -> str:
    """The value as message text, or OnschrijfbaarBericht when iWmo 3.2 cannot carry it."""
    tekst = "" if waarde is None else str(waarde)
    patroon, uitleg = _PATRONEN[soort]
    if patroon.fullmatch(tekst) is None:
        raise OnschrijfbaarBericht(
            f"{tabel}.{kolom} = {tekst[:40]!r} past niet in een iWmo 3.2-bericht: verwacht "
            f"{uitleg}."
        )
    return escape(tekst)


def _geheel(waarde: object, factor: int, tabel: str, kolom: str) -> int:
    """A volume (factor 1) or euro amount (factor 100) as a whole number for the message."""
    if waarde is None:
        raise OnschrijfbaarBericht(
            f"{tabel}.{kolom} is leeg; een iWmo 3.2-bericht vraagt een getal."
        )
    # Round first: 0.29 euro is 28.999… cent as a float; more than a hair off is a real fraction.
    getal = float(waarde) * factor  # type: ignore[arg-type]
    geheel = round(getal)
    if abs(getal - geheel) > 1e-6 or not 0 <= geheel <= _MAX_BEDRAG:
        eenheid = "eurocent" if factor == 100 else "hele eenheden"
        raise OnschrijfbaarBericht(
            f"{tabel}.{kolom} = {waarde} past niet in een iWmo 3.2-bericht: verwacht een geheel "
            f"aantal {eenheid} van 0 tot en met {_MAX_BEDRAG}."
        )
    return geheel


def _datum(waarde: object, tabel: str, kolom: str) -> str:
    if not isinstance(waarde, dt.date):
        raise OnschrijfbaarBericht(f"{tabel}.{kolom} = {waarde!r} is geen datum.")
    return waarde.isoformat()


def _persoon(bsn: str) -> tuple[str, str, str, str]:
    """(geboortedatum, geslacht, achternaam, voorletter) derived from the synthetic BSN."""
    h = hashlib.sha256(bsn.encode()).digest()
    geboren = dt.date(1935, 1, 1) + dt.timedelta(days=int.from_bytes(h[:4], "big") % 25_000)
    return (
        geboren.isoformat(),
        str(1 + h[4] % 2),
        _ACHTERNAMEN[h[5] % len(_ACHTERNAMEN)],
        _VOORLETTERS[h[6] % len(_VOORLETTERS)],
    )


def _achternaam(naam: str) -> str:
    voorvoegsel, _, achternaam = naam.rpartition(" ")
    deel = f"<iwmo:Achternaam>{escape(achternaam)}</iwmo:Achternaam>"
    if voorvoegsel:
        deel += f"<iwmo:Voorvoegsel>{escape(voorvoegsel)}</iwmo:Voorvoegsel>"
    return f"<iwmo:Geslachtsnaam>{deel}</iwmo:Geslachtsnaam>"


class _Teller:
    """BerichtIdentificatie per sender: a running number, unique per afzender."""

    def __init__(self) -> None:
        self._per_afzender: dict[str, int] = defaultdict(int)

    def volgende(self, afzender: str) -> str:
        self._per_afzender[afzender] += 1
        return f"{self._per_afzender[afzender]:012d}"


def _bericht(
    soort: str, afzender: str, ontvanger: str, identificatie: str, dagtekening: str, inhoud: str
) -> str:
    """The whole message, one element per line as in the official examples.

    Not only for the eye: readers report a row by its line (the iWmo reader on main uses the
    line of a Prestatie as its regelnummer), so a message on one line would give all its
    prestaties the same number. Values never contain "><" (text is escaped).
    """
    p = f"wmo{soort}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{p}:Bericht xmlns:iwmo="{BASIS_NS}" '
        f'xmlns:{p}="http://www.istandaarden.nl/iwmo/{RELEASE}/{p}/schema">'
        f"<{p}:Header><{p}:BerichtCode>{BERICHTCODE[soort]}</{p}:BerichtCode>"
        f"<{p}:BerichtVersie>3</{p}:BerichtVersie><{p}:BerichtSubversie>2</{p}:BerichtSubversie>"
        f"<{p}:Afzender>{afzender}</{p}:Afzender><{p}:Ontvanger>{ontvanger}</{p}:Ontvanger>"
        f"<{p}:BerichtIdentificatie><iwmo:Identificatie>{identificatie}</iwmo:Identificatie>"
        f"<iwmo:Dagtekening>{dagtekening}</iwmo:Dagtekening></{p}:BerichtIdentificatie>"
        f"<{p}:XsdVersie><iwmo:BasisschemaXsdVersie>{XSD_VERSIE}</iwmo:BasisschemaXsdVersie>"
        f"<iwmo:BerichtXsdVersie>{XSD_VERSIE}</iwmo:BerichtXsdVersie></{p}:XsdVersie>"
        f"</{p}:Header>{inhoud}</{p}:Bericht>\n"
    ).replace("><", ">\n<")


def _client_kop(p: str, bsn: str, volledig: bool) -> str:
    """Bsn, Geboortedatum, Geslacht and Naam (CDT_VolledigeNaam in 301, else CDT_VerkorteNaam)."""
    geboren, geslacht, achternaam, voorletter = _persoon(bsn)
    naam = _achternaam(achternaam) + f"<iwmo:Voorletters>{voorletter}</iwmo:Voorletters>"
    if volledig:
        naam += "<iwmo:NaamGebruik>1</iwmo:NaamGebruik>"
    return (
        f"<{p}:Bsn>{bsn}</{p}:Bsn>"
        f"<{p}:Geboortedatum><iwmo:Datum>{geboren}</iwmo:Datum></{p}:Geboortedatum>"
        f"<{p}:Geslacht>{geslacht}</{p}:Geslacht><{p}:Naam>{naam}</{p}:Naam>"
    )


def _product(p: str, categorie: str, code: str | None) -> str:
    code_deel = f"<iwmo:Code>{code}</iwmo:Code>" if code else ""
    return f"<{p}:Product><iwmo:Categorie>{categorie}</iwmo:Categorie>{code_deel}</{p}:Product>"


def _maandeinde(dag: dt.date) -> dt.date:
    volgende = (dag.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return volgende - dt.timedelta(days=1)


class _Schrijver:
    def __init__(self, doelmap: Path, zip_pad: Path | None) -> None:
        self.doelmap = doelmap
        self.teller = _Teller()
        self.aantal = dict.fromkeys(BERICHTTYPEN, 0)
        self.tabellen = BerichtTabellen()
        self.prestaties = 0
        for soort in BERICHTTYPEN:
            (doelmap / soort).mkdir(parents=True, exist_ok=True)
        self.zip = (
            zipfile.ZipFile(zip_pad, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
            if zip_pad is not None
            else None
        )

    def schrijf(
        self, soort: str, afzender: str, ontvanger: str, dagtekening: str, inhoud: str
    ) -> None:
        identificatie = self.teller.volgende(afzender)
        tekst = _bericht(soort, afzender, ontvanger, identificatie, dagtekening, inhoud)
        naam = f"{soort}/WMO{soort}_{afzender}_{identificatie}.xml"
        data = tekst.encode("utf-8")
        (self.doelmap / naam).write_bytes(data)
        if self.zip is not None:
            self.zip.writestr(naam, data)
        self.aantal[soort] += 1

    def sluit(self) -> None:
        if self.zip is not None:
            self.zip.close()

    # WMO301 ---------------------------------------------------------------------------------

    def toewijzingen(self, df: pl.DataFrame) -> None:
        tabel = "toewijzingen"
        groepen: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
        for rij in df.iter_rows(named=True):
            bsn = _tekst(rij["bsn"], "bsn", tabel, "bsn")
            gemeente = _tekst(rij["gemeentecode"], "gemeente", tabel, "gemeentecode")
            agb = _tekst(rij["aanbieder_agb"], "agb", tabel, "aanbieder_agb")
            groepen[(bsn, gemeente, agb)].append(rij)
        for (bsn, gemeente, agb), rijen in sorted(groepen.items()):
            for moment in sorted({r["toewijzingsdatum"] for r in rijen}):  # type: ignore[type-var]
                # A snapshot: every toewijzing already issued and not ended before this moment,
                # and always the ones issued now (also when issued after their end date).
                geldig = [
                    r
                    for r in rijen
                    if r["toewijzingsdatum"] == moment
                    or (
                        r["toewijzingsdatum"] < moment  # type: ignore[operator]
                        and (r["einddatum"] is None or r["einddatum"] >= moment)  # type: ignore[operator]
                    )
                ]
                geldig.sort(key=lambda r: int(str(r["toewijzingnummer"])))
                producten = "".join(self._toegewezen_product(r) for r in geldig)
                inhoud = (
                    f"<wmo301:Client>{_client_kop('wmo301', bsn, volledig=True)}"
                    "<wmo301:Contactgegevens><wmo301:Contact><wmo301:Soort>01</wmo301:Soort>"
                    "</wmo301:Contact></wmo301:Contactgegevens>"
                    f"<wmo301:ToegewezenProducten>{producten}</wmo301:ToegewezenProducten>"
                    "</wmo301:Client>"
                )
                self.schrijf(
                    "301", gemeente, agb, _datum(moment, tabel, "toewijzingsdatum"), inhoud
                )
                self.tabellen.toewijzingen.extend(dict(r) for r in geldig)

    def _toegewezen_product(self, r: dict[str, object]) -> str:
        t, p = "toewijzingen", "wmo301"
        nummer = _tekst(r["toewijzingnummer"], "nummer", t, "toewijzingnummer")
        delen = [
            f"<{p}:ToewijzingNummer>{nummer}</{p}:ToewijzingNummer>",
            _product(
                p,
                _tekst(r["productcategorie"], "categorie", t, "productcategorie"),
                None
                if r["productcode"] is None
                else _tekst(r["productcode"], "productcode", t, "productcode"),
            ),
            f"<{p}:Toewijzingsdatum>{_datum(r['toewijzingsdatum'], t, 'toewijzingsdatum')}"
            f"</{p}:Toewijzingsdatum><{p}:Toewijzingstijd>{TOEWIJZINGSTIJD}</{p}:Toewijzingstijd>",
            f"<{p}:Ingangsdatum>{_datum(r['ingangsdatum'], t, 'ingangsdatum')}</{p}:Ingangsdatum>",
        ]
        if r["einddatum"] is not None:
            delen.append(f"<{p}:Einddatum>{_datum(r['einddatum'], t, 'einddatum')}</{p}:Einddatum>")
        if r["reden_wijziging"] is not None:
            reden = _tekst(r["reden_wijziging"], "reden_wijziging", t, "reden_wijziging")
            delen.append(f"<{p}:RedenWijziging>{reden}</{p}:RedenWijziging>")
        if r["volume"] is not None:
            delen.append(
                f"<{p}:Omvang><iwmo:Volume>{_geheel(r['volume'], 1, t, 'volume')}</iwmo:Volume>"
                f"<iwmo:Eenheid>{_tekst(r['eenheid'], 'eenheid', t, 'eenheid')}</iwmo:Eenheid>"
                f"<iwmo:Frequentie>{_tekst(r['frequentie'], 'frequentie', t, 'frequentie')}"
                f"</iwmo:Frequentie></{p}:Omvang>"
            )
        if r["budget"] is not None:
            delen.append(f"<{p}:Budget>{_geheel(r['budget'], 100, t, 'budget')}</{p}:Budget>")
        return f"<{p}:ToegewezenProduct>{''.join(delen)}</{p}:ToegewezenProduct>"

    # WMO305 / WMO307 ------------------------------------------------------------------------

    def zorgperiodes(self, df: pl.DataFrame, ingang: dict[tuple[str, str], dt.date]) -> None:
        t = "zorgperiodes"
        for r in df.iter_rows(named=True):
            bsn = _tekst(r["bsn"], "bsn", t, "bsn")
            gemeente = _tekst(r["gemeentecode"], "gemeente", t, "gemeentecode")
            agb = _tekst(r["aanbieder_agb"], "agb", t, "aanbieder_agb")
            nummer = _tekst(r["toewijzingnummer"], "nummer", t, "toewijzingnummer")
            categorie = _tekst(r["productcategorie"], "categorie", t, "productcategorie")
            code = (
                None
                if r["productcode"] is None
                else _tekst(r["productcode"], "productcode", t, "productcode")
            )
            begin = _datum(r["begindatum"], t, "begindatum")
            toewijzing_ingang = ingang.get((gemeente, nummer))
            # One message per start and per stop; StatusAanlevering 1: eerste aanlevering.
            for soort, einde in (("305", None), ("307", r["einddatum"])):
                if soort == "307" and einde is None:
                    continue
                p = f"wmo{soort}"
                delen = [
                    f"<{p}:ToewijzingNummer>{nummer}</{p}:ToewijzingNummer>",
                    _product(p, categorie, code),
                ]
                if toewijzing_ingang is not None:
                    delen.append(
                        f"<{p}:ToewijzingIngangsdatum>{toewijzing_ingang.isoformat()}"
                        f"</{p}:ToewijzingIngangsdatum>"
                    )
                delen.append(f"<{p}:Begindatum>{begin}</{p}:Begindatum>")
                if einde is not None:
                    reden = _tekst(
                        r["reden_beeindiging"], "reden_beeindiging", t, "reden_beeindiging"
                    )
                    delen.append(
                        f"<{p}:RedenBeeindiging>{reden}</{p}:RedenBeeindiging>"
                        f"<{p}:Einddatum>{_datum(einde, t, 'einddatum')}</{p}:Einddatum>"
                    )
                delen.append(f"<{p}:StatusAanlevering>1</{p}:StatusAanlevering>")
                lijst = "StartProducten" if soort == "305" else "StopProducten"
                element = "StartProduct" if soort == "305" else "StopProduct"
                inhoud = (
                    f"<{p}:Client>{_client_kop(p, bsn, volledig=False)}<{p}:{lijst}>"
                    f"<{p}:{element}>{''.join(delen)}</{p}:{element}></{p}:{lijst}></{p}:Client>"
                )
                dagtekening = begin if einde is None else _datum(einde, t, "einddatum")
                self.schrijf(soort, agb, gemeente, dagtekening, inhoud)
                self.tabellen.zorgperiodes.append(
                    {
                        **r,
                        "einddatum": einde,
                        "reden_beeindiging": r["reden_beeindiging"] if einde else None,
                        "status_aanlevering": "1",
                    }
                )

    # WMO323 ---------------------------------------------------------------------------------

    def declaraties(self, df: pl.DataFrame) -> None:
        t = "declaraties"
        groepen: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
        for r in df.iter_rows(named=True):
            sleutel = (
                _tekst(r["aanbieder_agb"], "agb", t, "aanbieder_agb"),
                _tekst(r["gemeentecode"], "gemeente", t, "gemeentecode"),
                _tekst(r["declaratienummer"], "declaratienummer", t, "declaratienummer"),
            )
            groepen[sleutel].append(r)
        for (agb, gemeente, nummer), rijen in sorted(groepen.items()):
            dagtekeningen = {r["declaratiedatum"] for r in rijen}
            if len(dagtekeningen) != 1:
                raise OnschrijfbaarBericht(
                    f"declaratie {nummer} van {agb} aan {gemeente} heeft meer dan één "
                    "declaratiedatum; een WMO323 heeft één DeclaratieDagtekening."
                )
            dagtekening = _datum(dagtekeningen.pop(), t, "declaratiedatum")
            begin = min(r["begindatum"] for r in rijen)  # type: ignore[type-var]
            einde = max(r["einddatum"] for r in rijen)  # type: ignore[type-var]
            # The administrative period: the calendar month(s) the prestaties fall in.
            periode_begin = begin.replace(day=1)  # type: ignore[attr-defined]
            periode_einde = _maandeinde(einde)  # type: ignore[arg-type]
            per_client: dict[str, list[str]] = defaultdict(list)
            totaal = 0
            for r in rijen:
                bsn = _tekst(r["bsn"], "bsn", t, "bsn")
                centen = _geheel(r["ingediend_bedrag"], 100, t, "ingediend_bedrag")
                dc = _tekst(r["debet_credit"], "debet_credit", t, "debet_credit")
                totaal += centen if dc == "D" else -centen
                per_client[bsn].append(self._prestatie(r, dc, centen))
            clienten = "".join(
                f"<wmo323:Client><wmo323:Bsn>{bsn}</wmo323:Bsn><wmo323:Prestaties>"
                f"{''.join(prestaties)}</wmo323:Prestaties></wmo323:Client>"
                for bsn, prestaties in per_client.items()
            )
            inhoud = (
                f"<wmo323:Declaratie><wmo323:DeclaratieNummer>{nummer}</wmo323:DeclaratieNummer>"
                f"<wmo323:DeclaratiePeriode><iwmo:Begindatum>{periode_begin.isoformat()}"
                f"</iwmo:Begindatum><iwmo:Einddatum>{periode_einde.isoformat()}</iwmo:Einddatum>"
                f"</wmo323:DeclaratiePeriode>"
                f"<wmo323:DeclaratieDagtekening>{dagtekening}</wmo323:DeclaratieDagtekening>"
                f"<wmo323:TotaalIngediendBedrag><iwmo:TotaalBedrag>{abs(totaal)}</iwmo:TotaalBedrag>"
                f"<iwmo:DebetCredit>{'D' if totaal >= 0 else 'C'}</iwmo:DebetCredit>"
                f"</wmo323:TotaalIngediendBedrag><wmo323:Clienten>{clienten}</wmo323:Clienten>"
                "</wmo323:Declaratie>"
            )
            self.schrijf("323", agb, gemeente, dagtekening, inhoud)
            self.prestaties += len(rijen)
            # The reader returns the prestaties client by client, in message order.
            volgorde = {bsn: i for i, bsn in enumerate(per_client)}
            self.tabellen.declaraties.extend(
                sorted((dict(r) for r in rijen), key=lambda r: volgorde[str(r["bsn"])])
            )

    def _prestatie(self, r: dict[str, object], dc: str, centen: int) -> str:
        t, p = "declaraties", "wmo323"
        referentie = _tekst(r["referentienummer"], "referentienummer", t, "referentienummer")
        vorig = ""
        if r["vorig_referentienummer"] is not None:
            vorig_nummer = _tekst(
                r["vorig_referentienummer"], "referentienummer", t, "vorig_referentienummer"
            )
            vorig = f"<iwmo:VorigReferentieNummer>{vorig_nummer}</iwmo:VorigReferentieNummer>"
        tarief = ""
        if r["producttarief"] is not None:
            tarief = (
                f"<{p}:ProductTarief>{_geheel(r['producttarief'], 100, t, 'producttarief')}"
                f"</{p}:ProductTarief>"
            )
        eenheid = _tekst(r["eenheid"], "eenheid", t, "eenheid")
        nummer = _tekst(r["toewijzingnummer"], "nummer", t, "toewijzingnummer")
        categorie = _tekst(r["productcategorie"], "categorie", t, "productcategorie")
        code = _tekst(r["productcode"], "productcode", t, "productcode")
        # Eenheid 83 (euro) counts the volume in eurocent as well.
        volume = _geheel(r["geleverd_volume"], 100 if eenheid == "83" else 1, t, "geleverd_volume")
        return (
            f"<{p}:Prestatie><{p}:ProductReferentie><iwmo:ReferentieNummer>{referentie}"
            f"</iwmo:ReferentieNummer>{vorig}</{p}:ProductReferentie>"
            f"<{p}:ToewijzingNummer>{nummer}</{p}:ToewijzingNummer>"
            f"<{p}:ProductCategorie>{categorie}</{p}:ProductCategorie>"
            f"<{p}:ProductCode>{code}</{p}:ProductCode>"
            f"<{p}:ProductPeriode><iwmo:Begindatum>{_datum(r['begindatum'], t, 'begindatum')}"
            f"</iwmo:Begindatum><iwmo:Einddatum>{_datum(r['einddatum'], t, 'einddatum')}"
            f"</iwmo:Einddatum></{p}:ProductPeriode>"
            f"<{p}:GeleverdVolume>{volume}</{p}:GeleverdVolume><{p}:Eenheid>{eenheid}</{p}:Eenheid>"
            f"{tarief}<{p}:IngediendBedrag><iwmo:Bedrag>{centen}</iwmo:Bedrag>"
            f"<iwmo:DebetCredit>{dc}</iwmo:DebetCredit></{p}:IngediendBedrag></{p}:Prestatie>"
        )


def schrijf_berichten(
    tabellen: dict[str, pl.DataFrame], doelmap: Path, *, zip_pad: Path | None = None
) -> BerichtenSamenvatting:
    """Write toewijzingen, zorgperiodes and declaraties as iWmo 3.2 messages under `doelmap`
    (301/, 305/, 307/, 323/), and with `zip_pad` also as one zip with the same folders."""
    schrijver = _Schrijver(doelmap, zip_pad)
    try:
        toewijzingen = tabellen["toewijzingen"]
        schrijver.toewijzingen(toewijzingen)
        ingang = {
            (str(g), str(n)): d
            for g, n, d in toewijzingen.select(
                "gemeentecode", "toewijzingnummer", "ingangsdatum"
            ).iter_rows()
        }
        schrijver.zorgperiodes(tabellen["zorgperiodes"], ingang)
        schrijver.declaraties(tabellen["declaraties"])
    finally:
        schrijver.sluit()
    return BerichtenSamenvatting(
        aantal=schrijver.aantal,
        prestaties=schrijver.prestaties,
        tabellen=schrijver.tabellen,
        doelmap=doelmap,
    )


def als_tabellen(
    berichten: BerichtTabellen, schemas: dict[str, pl.Schema]
) -> Iterator[tuple[str, pl.DataFrame]]:
    """The rows of the messages as data frames with the generator's column types."""
    for naam in BERICHT_TABELLEN:
        rijen: Iterable[dict[str, object]] = getattr(berichten, naam)
        yield naam, pl.DataFrame(list(rijen), schema=schemas[naam], orient="row")


def schrijf_xml_en_tweeling(
    tabellen: dict[str, pl.DataFrame],
    bron: Path,
    tweeling: Path,
    *,
    zip_pad: Path | None = None,
) -> tuple[BerichtenSamenvatting, dict[str, int]]:
    """The region as messages in `bron` (plus its other tables as CSV there) and as its CSV
    twin in `tweeling`; returns the messages written and the rows per table of the twin."""
    from pipelines.demo.uitvoer import schrijf

    geschreven = schrijf_berichten(tabellen, bron, zip_pad=zip_pad)
    tweeling.mkdir(parents=True, exist_ok=True)
    rijen: dict[str, int] = {}
    schemas = {naam: tabellen[naam].schema for naam in BERICHT_TABELLEN}
    for naam, tabel in als_tabellen(geschreven.tabellen, schemas):
        # A 301 repeats every unchanged toewijzing; ingest keeps one copy of a row that is
        # already in staging (same content), so the twin lists each distinct row once.
        tabel = tabel.unique(maintain_order=True)
        schrijf(tabel, tweeling / f"{naam}.csv")
        rijen[naam] = tabel.height
    for naam, tabel in tabellen.items():
        if naam not in BERICHT_TABELLEN:
            # No iWmo message for these (aanbieders, meldingen, verantwoording): CSV in both.
            schrijf(tabel, bron / f"{naam}.csv")
            schrijf(tabel, tweeling / f"{naam}.csv")
            rijen[naam] = tabel.height
    return geschreven, rijen
