"""The one schema of the thresholds: per threshold its type, allowed range and unit.

`data/reference/drempels.toml` holds the documented defaults and `run --drempels PAD` a
person's overrides; both are checked against this schema before anything runs (`valideer`),
so `true`, NaN, a negative amount or 10¹² never reach the SQL. Every key in drempels.toml must
be here and every entry here must be in drempels.toml (tests/security/test_drempels.py).

The unit (`eenheid`) is what the dashboard shows next to a threshold; an `aandeel` is a
fraction 0–1 (0,05 = 5%).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipelines import opmaak

EENHEDEN = {
    "eur": "euro",
    "aandeel": "aandeel (0–1)",
    "aantal": "aantal",
    "z": "z-score",
    "dagen": "dagen",
    "uur_per_week": "uur per week",
    "procentpunt": "procentpunt, als fractie (0,10 = 10 procentpunt)",
    "geheel_getal": "geheel getal",
    "maanden": "maanden",
    "factor": "factor (keer de referentie)",
    "procent": "procent (2,58 = 2,58%)",
    "maand": "maand van het jaar (1–12)",
}

# Bounds that no sensible setting exceeds; they catch typos (a missing decimal point, a
# sign), not policy choices.
MAX_EUR = 1_000_000_000.0
MAX_Z = 20.0
MAX_AANTAL = 1_000_000


@dataclass(frozen=True)
class Drempel:
    naam: str
    soort: type[int] | type[float]
    minimum: float
    maximum: float
    eenheid: str
    omschrijving: str
    # True when the minimum itself is not allowed (a z threshold of 0 flags everything).
    minimum_uitgesloten: bool = False

    def fout(self, waarde: object) -> str | None:
        """Why `waarde` is not allowed (Dutch), or None when it is."""
        # bool is a subclass of int in Python: `true` must not pass as 1.
        if isinstance(waarde, bool):
            return f"moet {self._soortnaam()} zijn, niet de waarheidswaarde {str(waarde).lower()}"
        if self.soort is int:
            if not isinstance(waarde, int):
                return f"moet een geheel getal zijn, niet {_beschrijf(waarde)}"
        elif not isinstance(waarde, int | float):
            return f"moet een getal zijn, niet {_beschrijf(waarde)}"
        # Compared as is: float() of a 400-digit TOML integer would overflow.
        if isinstance(waarde, float) and not math.isfinite(waarde):
            return f"moet een eindig getal zijn, niet {waarde}"
        te_klein = waarde <= self.minimum if self.minimum_uitgesloten else waarde < self.minimum
        if te_klein or waarde > self.maximum:
            return f"moet {self.bereik()} zijn, niet {_getal(waarde)}"
        return None

    def normaliseer(self, waarde: int | float) -> int | float:
        """A decimal threshold written as `4` is 4.0, so the SQL always sees one type."""
        return int(waarde) if self.soort is int else float(waarde)

    def bereik(self) -> str:
        onder = "groter dan" if self.minimum_uitgesloten else "minstens"
        return f"{onder} {_getal(self.minimum)} en hoogstens {_getal(self.maximum)}"

    def _soortnaam(self) -> str:
        return "een geheel getal" if self.soort is int else "een getal"


def _getal(waarde: object) -> str:
    if isinstance(waarde, float) and waarde.is_integer() and abs(waarde) < 1e15:
        return str(int(waarde))
    tekst = str(waarde)
    return tekst if len(tekst) <= 30 else f"{tekst[:12]}… ({len(tekst)} cijfers)"


def _beschrijf(waarde: object) -> str:
    if isinstance(waarde, str):
        return f"de tekst {waarde!r}"
    if isinstance(waarde, list):
        return "een lijst"
    if isinstance(waarde, dict):
        return "een tabel"
    if isinstance(waarde, float):
        return f"het getal {waarde}"
    return f"een waarde van het type {type(waarde).__name__}"


def _eur(naam: str, omschrijving: str, maximum: float = MAX_EUR) -> Drempel:
    return Drempel(naam, float, 0.0, maximum, "eur", omschrijving)


def _aandeel(naam: str, omschrijving: str) -> Drempel:
    return Drempel(naam, float, 0.0, 1.0, "aandeel", omschrijving)


def _aantal(naam: str, omschrijving: str) -> Drempel:
    return Drempel(naam, int, 1, MAX_AANTAL, "aantal", omschrijving)


def _z(naam: str, omschrijving: str) -> Drempel:
    return Drempel(naam, float, 0.0, MAX_Z, "z", omschrijving, minimum_uitgesloten=True)


_DREMPELS = (
    # koppeling declaratie ↔ toewijzing
    _aandeel("volume_tolerantie", "marge boven het toegestane volume (afronding)"),
    _eur("tarief_tolerantie_eur", "marge boven het contracttarief per eenheid", maximum=1000.0),
    # regelgebaseerde signalen
    _eur("materieel_min_eur", "minimaal onrechtmatig bedrag per jaar voor een markering"),
    _aandeel("materieel_min_aandeel", "minimaal aandeel van het gedeclareerde bedrag"),
    _eur("materieel_altijd_eur", "bedrag waarboven altijd gemarkeerd wordt"),
    # peergroepen en statistiek
    _aantal("min_peers", "minimaal aantal aanbieders in een peergroep"),
    _aantal("min_clienten", "minimaal aantal cliënten voor een aandeel"),
    _aantal("min_clientmaanden", "minimaal aantal cliëntmaanden"),
    _z("z_drempel", "drempel voor de gecorrigeerde z-score (funnelplot)"),
    _z("robuuste_z_drempel", "drempel voor de robuuste z-score (mediaan/MAD)"),
    _z(
        "groei_z_drempel",
        "drempel voor de robuuste z van het sterkste van vijf groeionderdelen (VOL01)",
    ),
    Drempel(
        "robuuste_z_min_mad",
        float,
        0.0,
        1.0,
        "aandeel",
        "ondergrens van de MAD in de robuuste z",
        minimum_uitgesloten=True,  # 0 would divide by zero for identical peers
    ),
    # altijd vol
    _aandeel("altijd_vol_grens", "aandeel van het maximum vanaf waar een maand volledig telt"),
    Drempel(
        "altijd_vol_min_verschil",
        float,
        0.0,
        1.0,
        "procentpunt",
        "aandeel volledige maanden boven dat van de peers",
    ),
    Drempel(
        "altijd_vol_piek_marge",
        float,
        0.0,
        1.0,
        "procentpunt",
        "realisatie in de overige maanden boven die van de peers",
    ),
    # upcoding
    _aandeel(
        "aanbod_min_aandeel", "aandeel cliënten vanaf waar een intensiteit tot het aanbod hoort"
    ),
    Drempel(
        "verschuiving_min_punten",
        float,
        0.0,
        1.0,
        "procentpunt",
        "verschuiving naar zwaar boven de verwachting",
    ),
    # volume
    _eur("groei_min_eur", "minimale groei in euro's"),
    _eur("groei_min_basis_eur", "minimale basis vorig jaar in euro's"),
    # stapeling
    Drempel("overlap_dagen_overstap", int, 0, 366, "dagen", "overlap bij een overstap"),
    _aantal("stapeling_min_clienten", "minimaal aantal betrokken cliënten"),
    _aandeel("stapeling_min_aandeel", "minimaal aandeel van de cliënten van de aanbieder"),
    Drempel(
        "intensiteit_max_uur_week",
        float,
        0.0,
        168.0,  # hours in a week
        "uur_per_week",
        "toegewezen uren zorg per week waarboven de belasting zeer hoog is",
        minimum_uitgesloten=True,
    ),
    # onderlevering
    _aandeel("onderlevering_max_realisatie", "realisatiegraad waaronder een cliënt opvalt"),
    Drempel(
        "onderlevering_min_verschil",
        float,
        0.0,
        1.0,
        "procentpunt",
        "realisatiegraad onder die van de peers waarvanaf een aanbieder opvalt",
    ),
    # verantwoording
    _eur("verantwoording_drempel_eur", "grens tussen bestuurdersverklaring en controleverklaring"),
    _eur("verantwoording_verschil_min_eur", "minimaal verschil gedeclareerd ↔ verantwoord"),
    _aandeel("verantwoording_verschil_min_aandeel", "minimaal verschil als aandeel"),
    # berichtenverkeer: declaratiegedrag (SPK06) en verzoeken (UPC05)
    Drempel("laat_declareren_dagen", int, 0, 3660, "dagen", "dagen na de periode tot laat"),
    _aantal("min_verzoeken", "minimaal aantal vergelijkbare verzoeken"),
    Drempel(
        "verzoek_gevolgd_dagen", int, 0, 366, "dagen", "dagen na een verzoek tot de toewijzing"
    ),
    # berichtenverkeer: berichten die elkaar tegenspreken (KWA04)
    _aantal("tegenspraak_min_aantal", "minimaal aantal tegenstrijdige berichten per jaar"),
    Drempel(
        "tegenspraak_aanloop_dagen",
        int,
        0,
        3660,
        "dagen",
        "dagen na het eerste geladen bericht voordat een ontbrekend bericht telt",
    ),
    # signalen van de toegang (KWA05)
    _aantal("toegang_min_signalen", "minimaal aantal signalen van de toegang per jaar"),
    _aantal("min_celgrootte", "kleinste telling die contractmanagement te zien krijgt"),
    # nieuwe aanbieder die snel groeit (VOL02)
    Drempel("nieuw_max_maanden", int, 1, 120, "maanden", "maanden sinds de start tot nieuw"),
    Drempel(
        "nieuw_aanloop_maanden",
        int,
        0,
        120,
        "maanden",
        "maanden na het begin van de data voordat een start als nieuw telt",
    ),
    _aantal("nieuw_min_peers", "minimaal aantal andere nieuwe aanbieders"),
    Drempel("nieuw_krimp_maanden", int, 0, 120, "maanden", "krimp naar de referentie"),
    _eur("nieuw_groei_min_eur", "minimaal geschat belang van een snelle nieuwe aanbieder"),
    # aandelen van declaratieregels tegen peers (SPK06, KWA08)
    Drempel(
        "peer_min_factor",
        float,
        1.0,
        100.0,
        "factor",
        "minimaal aandeel opvallende regels als veelvoud van het peeraandeel",
    ),
    # risicorangorde en profielmodel
    Drempel("seed", int, 0, 2**32 - 1, "geheel_getal", "startwaarde van het profielmodel"),
    Drempel("isolation_forest_bomen", int, 1, 10_000, "aantal", "aantal bomen in het profielmodel"),
    # berichtenverkeer: start, wachttijd en slapende toewijzingen (SPK07, KWA06, KWA07)
    Drempel(
        "startbericht_uiterlijk_dagen",
        int,
        0,
        366,
        "dagen",
        "dagen na de eerste prestatie waarbinnen een startbericht de zorg dekt",
    ),
    _aantal("toewijzingen_min_aantal", "minimaal aantal betrokken toewijzingen per jaar"),
    Drempel(
        "wachttijd_norm_dagen",
        int,
        1,
        366,
        "dagen",
        "dagen tot de start waarna een cliënt lang wacht",
    ),
    Drempel(
        "slapend_min_maanden", int, 1, 60, "geheel_getal", "maanden zonder declaratie tot slapend"
    ),
    _aandeel(
        "opschaling_min_aandeel", "meer volume per dag waarboven een herindicatie opwaarts is"
    ),
    Drempel(
        "opschaling_min_verschil",
        float,
        0.0,
        1.0,
        "procentpunt",
        "aandeel opwaartse herindicaties boven de verwachting",
    ),
    # prognose en verantwoording voor control (#13)
    Drempel(
        "prognose_index_procent",
        float,
        -25.0,
        50.0,
        "procent",
        "standaardindex (prijsstijging) voor het volgende jaar",
    ),
    Drempel(
        "verantwoording_voorlopig_voor_maand",
        int,
        1,
        12,
        "maand",
        "voorlopige inschatting ontvangen vóór de 1e van deze maand van het jaar erna",
    ),
    Drempel(
        "verantwoording_concept_voor_maand",
        int,
        1,
        12,
        "maand",
        "concept ontvangen vóór de 1e van deze maand van het jaar erna",
    ),
    Drempel(
        "verantwoording_definitief_voor_maand",
        int,
        1,
        12,
        "maand",
        "definitieve verantwoording ontvangen vóór de 1e van deze maand van het jaar erna",
    ),
)

SCHEMA: dict[str, Drempel] = {d.naam: d for d in _DREMPELS}


def valideer(drempels: Mapping[str, Any], *, volledig: bool) -> tuple[dict[str, Any], list[str]]:
    """Normalised thresholds and the list of problems (Dutch, one per key).

    `volledig`: every threshold in the schema must be present (the defaults file); an override
    file may name any subset.
    """
    fouten: list[str] = []
    goed: dict[str, Any] = {}
    for naam, waarde in drempels.items():
        regel = SCHEMA.get(naam)
        if regel is None:
            lijkt_op = difflib.get_close_matches(str(naam), SCHEMA, n=1)
            hint = f" (bedoelt u {lijkt_op[0]}?)" if lijkt_op else ""
            fouten.append(f"{naam}: onbekende drempel{hint}")
            continue
        reden = regel.fout(waarde)
        if reden:
            fouten.append(f"{naam}: {reden}")
        else:
            goed[naam] = regel.normaliseer(waarde)
    if volledig:
        fouten += [f"{naam}: ontbreekt" for naam in SCHEMA if naam not in drempels]
    return goed, fouten


def waarde_tekst(naam: str, waarde: Any) -> str:
    """A threshold as a reader sees it: € 1.000, 5,0%, 3 dagen, z 3,0, 4,0 uur per week."""
    eenheid = SCHEMA[naam].eenheid
    if eenheid == "eur":
        return opmaak.euro(waarde)
    if eenheid == "aandeel":
        return opmaak.procent(waarde)
    if eenheid == "procentpunt":
        return f"{opmaak.getal(100 * waarde, 1)} procentpunt"
    if eenheid == "z":
        return f"z {opmaak.getal(waarde, 1)}"
    if eenheid == "dagen":
        return "1 dag" if waarde == 1 else f"{opmaak.getal(waarde)} dagen"
    if eenheid == "procent":
        return f"{opmaak.getal(waarde, 2)}%"
    if eenheid == "uur_per_week":
        return f"{opmaak.getal(waarde, 1)} uur per week"
    return opmaak.getal(waarde)


_DREMPELNAAM = re.compile(r"\b[a-z][a-z0-9_]*\b")


def met_waarden(tekst: str | None, drempels: Mapping[str, Any]) -> str | None:
    """`tekst` with every threshold name replaced by its value in the run:
    "minstens materieel_min_eur" → "minstens € 1.000". Names without a value stay."""
    if tekst is None:
        return None

    def vervang(gevonden: re.Match[str]) -> str:
        naam = gevonden.group(0)
        if naam in SCHEMA and naam in drempels and drempels[naam] is not None:
            return waarde_tekst(naam, drempels[naam])
        return naam

    return _DREMPELNAAM.sub(vervang, tekst)
