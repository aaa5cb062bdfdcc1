"""The CM-gesprek workbook: a provider's profile against its peers, as an Excel file.

The figures arrive as a `CmProfiel` (built by the dashboard's query layer from the role's
views); this module only lays them out. A CmProfiel holds aggregates only: it has no field
that could carry a client number, so neither the workbook nor the printable report
(`printable_report.py`) can contain client rows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pipelines import opmaak
from pipelines.exports.neutraliseer import neutraliseer

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

Soort = Literal["eur", "getal", "aandeel", "groei", "decimaal"]
# Money arrives as Decimal (DECIMAL(18,2) columns); counts, shares and rates as int or float.
Getal = Decimal | float


@dataclass(frozen=True)
class Kerncijfer:
    label: str
    waarde: Getal | None
    peers: Getal | None
    soort: Soort
    # What to show when the value is shielded (a cell of fewer than 5 clients, sql/rollen.sql):
    # "<5" or "—"; None for a figure that is simply missing.
    weergave: str | None = None


@dataclass(frozen=True)
class MaandCijfer:
    maand: date
    gedeclareerd_eur: Getal | None
    aantal_clienten: int | None
    uren: float | None
    # "<5" or "—" for a shielded month (contractmanagement); its euros and hours are then empty.
    clienten_weergave: str | None = None


@dataclass(frozen=True)
class MixRegel:
    perceel: str
    intensiteit: int | None
    gedeclareerd_eur: Getal | None
    aandeel: float | None
    peer_aandeel: float | None


@dataclass(frozen=True)
class SignaalRegel:
    indicator: str
    naam: str
    categorie: str
    gemarkeerd: bool
    financieel_belang: Getal | None
    toelichting: str | None
    # Two kinds of money, never added (#10); the headline figure above is one of them.
    onrechtmatig_eur: Getal | None = None
    geschat_belang_eur: Getal | None = None


@dataclass(frozen=True)
class Onderaannemer:
    aanbieder_agb: str
    naam: str
    gedeclareerd_eur: Getal | None
    # Akkoord status and period from the optional contract table `onderaannemers` (groep_leden);
    # "onbekend" when the relation is only in aanbieders.hoofdaannemer_agb.
    akkoord: str = "onbekend"
    periode: str | None = None
    # Share of the hoofdaannemer's production in the period (0–1), None when not known/shielded.
    aandeel_productie: float | None = None


@dataclass(frozen=True)
class ProductieRegel:
    """Production of one gemeente or perceel in the period, with the same period a year ago."""

    indeling: Literal["gemeente", "perceel"]
    omschrijving: str
    gedeclareerd_eur: Getal | None
    aantal_clienten: int | None
    vorig_jaar_eur: Getal | None
    groei: float | None
    # "<5" or "—" for a shielded cell (its euros are then empty).
    clienten_weergave: str | None = None


@dataclass(frozen=True)
class ManagementRegel:
    """A figure the aanbieder reported itself (table managementinformatie) next to ours."""

    kenmerk: str
    waarde_aanbieder: str
    toelichting: str | None
    onze_waarde: str | None


@dataclass(frozen=True)
class CmProfiel:
    aanbieder_agb: str
    naam: str
    jaar: int
    gegenereerd_op: datetime
    gegevens_tot: datetime | None
    peergroep: str
    percelen: str
    hoofdaannemer: str | None
    kerncijfers: list[Kerncijfer] = field(default_factory=list)
    per_maand: list[MaandCijfer] = field(default_factory=list)
    mix: list[MixRegel] = field(default_factory=list)
    signalen: list[SignaalRegel] = field(default_factory=list)
    onderaannemers: list[Onderaannemer] = field(default_factory=list)
    # A Dutch sentence saying which cells are shielded (fewer than 5 clients), None when none.
    afscherming: str | None = None
    # The CM-gesprek's period ('2025', '2025-H1', '2025-H2'; #13): the agenda figures below are
    # of that period; None for an export of the whole year made before #13.
    periode: str | None = None
    agenda: list[Kerncijfer] = field(default_factory=list)
    productie: list[ProductieRegel] = field(default_factory=list)
    verantwoording: str | None = None
    managementinformatie: list[ManagementRegel] = field(default_factory=list)

    @property
    def bestandsnaam(self) -> str:
        veilig = "".join(c if c.isalnum() else "_" for c in self.naam).strip("_")
        return f"cm-gesprek_{self.aanbieder_agb}_{veilig}_{self.jaar}"


def schrijf_cm_werkboek(profiel: CmProfiel) -> bytes:
    """The workbook as bytes: sheets Profiel, Per maand, Mix, Signalen, Onderaannemers."""
    import xlsxwriter

    buffer = io.BytesIO()
    # Text is never turned into a formula, link or number by xlsxwriter; the only formulas in
    # the workbook are the totals written with write_formula below.
    boek = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
        },
    )
    boek.set_properties(
        {
            "title": f"CM-gesprek {profiel.naam} {profiel.jaar}",
            "subject": "Profiel van een zorgaanbieder naast zijn peers (geaggregeerd)",
            "author": "Signaalmonitor Wmo",
        }
    )
    titel = boek.add_format({"bold": True, "font_size": 14})
    kop = boek.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1, "text_wrap": True})
    tekst = boek.add_format({"text_wrap": True, "valign": "top"})
    grijs = boek.add_format({"font_color": "#555555", "italic": True})
    formaten = {
        "eur": boek.add_format({"num_format": "€ #,##0"}),
        "getal": boek.add_format({"num_format": "#,##0"}),
        "aandeel": boek.add_format({"num_format": "0.0%"}),
        "groei": boek.add_format({"num_format": "+0.0%;-0.0%;0.0%"}),
        "decimaal": boek.add_format({"num_format": "#,##0.0"}),
    }
    maand_fmt = boek.add_format({"num_format": "mmm yyyy"})

    def tekstcel(blad, rij: int, kol: int, waarde: str, fmt=None) -> None:  # type: ignore[no-untyped-def]
        # Names, percelen and explanations come from provider files: never a live formula.
        blad.write_string(rij, kol, neutraliseer(waarde), fmt)

    def schrijf(blad, rij: int, kol: int, waarde: object, fmt=None) -> None:  # type: ignore[no-untyped-def]
        if opmaak.is_leeg(waarde):
            blad.write_blank(rij, kol, None, fmt)
        elif isinstance(waarde, bool):
            blad.write_string(rij, kol, "ja" if waarde else "nee", fmt)
        elif isinstance(waarde, int | float | Decimal):
            # An Excel cell holds a double; the money was exact up to here.
            blad.write_number(rij, kol, float(waarde), fmt)
        else:
            tekstcel(blad, rij, kol, str(waarde), fmt)

    def tabelblad(naam: str, *koppen: tuple[str, int]) -> Worksheet:
        """A new sheet with a header row: one (title, column width) per column."""
        blad = boek.add_worksheet(naam)
        for k, (titel, breedte) in enumerate(koppen):
            tekstcel(blad, 0, k, titel, kop)
            blad.set_column(k, k, breedte)
        return blad

    # --- Profiel
    blad = boek.add_worksheet("Profiel")
    blad.set_column(0, 0, 30)
    blad.set_column(1, 3, 18)
    tekstcel(blad, 0, 0, f"CM-gesprek — {profiel.naam} ({profiel.aanbieder_agb})", titel)
    tekstcel(blad, 1, 0, f"Jaar {profiel.jaar}; peers: {profiel.peergroep}", grijs)
    tekstcel(blad, 2, 0, f"Percelen: {profiel.percelen}", grijs)
    if profiel.hoofdaannemer:
        tekstcel(blad, 3, 0, f"Onderaannemer van {profiel.hoofdaannemer}", grijs)
    for k, naam in enumerate(("Kerncijfer", "Aanbieder", "Mediaan peers", "Verschil")):
        tekstcel(blad, 5, k, naam, kop)
    for i, cijfer in enumerate(profiel.kerncijfers, start=6):
        fmt = formaten[cijfer.soort]
        tekstcel(blad, i, 0, cijfer.label)
        if opmaak.is_leeg(cijfer.waarde) and cijfer.weergave:
            tekstcel(blad, i, 1, cijfer.weergave)
        else:
            schrijf(blad, i, 1, cijfer.waarde, fmt)
        schrijf(blad, i, 2, cijfer.peers, fmt)
        if not opmaak.is_leeg(cijfer.waarde) and not opmaak.is_leeg(cijfer.peers):
            verschil_fmt = formaten["groei"] if cijfer.soort in ("aandeel", "groei") else fmt
            schrijf(blad, i, 3, float(cijfer.waarde) - float(cijfer.peers), verschil_fmt)  # type: ignore[arg-type]
    voet = 7 + len(profiel.kerncijfers)
    tekstcel(
        blad,
        voet,
        0,
        "Alleen geaggregeerde cijfers; geen gegevens op cliëntniveau. Gemaakt op "
        f"{opmaak.datum_tijd(profiel.gegenereerd_op)}"
        + (
            f", gegevens geladen t/m {opmaak.datum(profiel.gegevens_tot)}."
            if profiel.gegevens_tot
            else "."
        ),
        grijs,
    )
    if profiel.afscherming:
        tekstcel(blad, voet + 1, 0, profiel.afscherming, grijs)

    # --- Per maand
    blad = tabelblad(
        "Per maand", ("Maand", 12), ("Gedeclareerd", 16), ("Cliënten", 16), ("Uren zorg", 16)
    )
    for i, m in enumerate(profiel.per_maand, start=1):
        blad.write_datetime(i, 0, datetime(m.maand.year, m.maand.month, 1), maand_fmt)
        schrijf(blad, i, 1, m.gedeclareerd_eur, formaten["eur"])
        if m.clienten_weergave:
            tekstcel(blad, i, 2, m.clienten_weergave)
        else:
            schrijf(blad, i, 2, m.aantal_clienten, formaten["getal"])
        schrijf(blad, i, 3, m.uren, formaten["getal"])
    if profiel.per_maand:
        n = len(profiel.per_maand)
        afgeschermd = any(m.clienten_weergave for m in profiel.per_maand)
        # The sum of the shown months only: a shielded month is not in it (and not derivable).
        tekstcel(blad, n + 1, 0, "Totaal getoonde maanden" if afgeschermd else "Totaal", kop)
        blad.write_formula(n + 1, 1, f"=SUM(B2:B{n + 1})", formaten["eur"])
        blad.write_formula(n + 1, 3, f"=SUM(D2:D{n + 1})", formaten["getal"])

    # --- Mix
    blad = tabelblad(
        "Mix",
        ("Perceel", 30),
        ("Intensiteit", 16),
        ("Gedeclareerd", 16),
        ("Aandeel aanbieder", 16),
        ("Aandeel peers", 16),
    )
    for i, r in enumerate(profiel.mix, start=1):
        tekstcel(blad, i, 0, r.perceel)
        schrijf(blad, i, 1, r.intensiteit, formaten["getal"])
        schrijf(blad, i, 2, r.gedeclareerd_eur, formaten["eur"])
        schrijf(blad, i, 3, r.aandeel, formaten["aandeel"])
        schrijf(blad, i, 4, r.peer_aandeel, formaten["aandeel"])

    # --- Signalen
    blad = tabelblad(
        "Signalen",
        ("Indicator", 10),
        ("Signaal", 36),
        ("Categorie", 14),
        ("Gemarkeerd", 14),
        ("Onrechtmatig", 14),
        ("Geschat belang", 14),
        ("Toelichting", 90),
    )
    if not profiel.signalen:
        tekstcel(blad, 1, 0, "Geen signalen voor deze aanbieder in dit jaar.", grijs)
    for i, s in enumerate(profiel.signalen, start=1):
        tekstcel(blad, i, 0, s.indicator)
        tekstcel(blad, i, 1, s.naam, tekst)
        tekstcel(blad, i, 2, s.categorie)
        schrijf(blad, i, 3, s.gemarkeerd)
        schrijf(blad, i, 4, s.onrechtmatig_eur, formaten["eur"])
        schrijf(blad, i, 5, s.geschat_belang_eur, formaten["eur"])
        schrijf(blad, i, 6, s.toelichting, tekst)

    # --- Onderaannemers
    blad = tabelblad(
        "Onderaannemers", ("AGB-code", 12), ("Onderaannemer", 40), ("Gedeclareerd", 16)
    )
    if not profiel.onderaannemers:
        tekstcel(blad, 1, 0, "Geen onderaannemers bekend.", grijs)
    for i, o in enumerate(profiel.onderaannemers, start=1):
        tekstcel(blad, i, 0, o.aanbieder_agb)
        tekstcel(blad, i, 1, o.naam)
        schrijf(blad, i, 2, o.gedeclareerd_eur, formaten["eur"])

    # --- Agenda (#13): the period's figures, production per gemeente/perceel, management info
    if profiel.agenda:
        blad = tabelblad("Agenda", ("Kerncijfer", 42), ("Aanbieder", 16), ("Mediaan peers", 16))
        tekstcel(blad, 0, 4, f"Periode {profiel.periode}", grijs)
        for i, agendacijfer in enumerate(profiel.agenda, start=1):
            fmt = formaten[agendacijfer.soort]
            tekstcel(blad, i, 0, agendacijfer.label)
            if opmaak.is_leeg(agendacijfer.waarde) and agendacijfer.weergave:
                tekstcel(blad, i, 1, agendacijfer.weergave)
            else:
                schrijf(blad, i, 1, agendacijfer.waarde, fmt)
            schrijf(blad, i, 2, agendacijfer.peers, fmt)
        if profiel.verantwoording:
            tekstcel(blad, len(profiel.agenda) + 2, 0, profiel.verantwoording, grijs)
    if profiel.productie:
        blad = tabelblad(
            "Productie",
            ("Indeling", 12),
            ("Gemeente of perceel", 36),
            ("Gedeclareerd", 16),
            ("Cliënten", 12),
            ("Vorig jaar", 16),
            ("Groei", 12),
        )
        for i, cel in enumerate(profiel.productie, start=1):
            tekstcel(blad, i, 0, cel.indeling)
            tekstcel(blad, i, 1, cel.omschrijving)
            schrijf(blad, i, 2, cel.gedeclareerd_eur, formaten["eur"])
            if cel.clienten_weergave:
                tekstcel(blad, i, 3, cel.clienten_weergave)
            else:
                schrijf(blad, i, 3, cel.aantal_clienten, formaten["getal"])
            schrijf(blad, i, 4, cel.vorig_jaar_eur, formaten["eur"])
            schrijf(blad, i, 5, cel.groei, formaten["groei"])
    if profiel.periode is not None:
        blad = tabelblad(
            "Managementinformatie",
            ("Kenmerk", 24),
            ("Aanbieder", 16),
            ("Onze waarde", 16),
            ("Toelichting", 60),
        )
        if not profiel.managementinformatie:
            tekstcel(blad, 1, 0, "Geen managementinformatie aangeleverd voor deze periode.", grijs)
        for i, eigen in enumerate(profiel.managementinformatie, start=1):
            tekstcel(blad, i, 0, eigen.kenmerk)
            tekstcel(blad, i, 1, eigen.waarde_aanbieder)
            schrijf(blad, i, 2, eigen.onze_waarde)
            schrijf(blad, i, 3, eigen.toelichting, tekst)
        # Onderaannemers' akkoord status and share (the sheet above has name and euros).
        blad = boek.get_worksheet_by_name("Onderaannemers")
        if blad is not None and profiel.onderaannemers:
            tekstcel(blad, 0, 3, "Akkoord", kop)
            tekstcel(blad, 0, 4, "Aandeel productie", kop)
            for i, onder in enumerate(profiel.onderaannemers, start=1):
                tekstcel(blad, i, 3, onder.akkoord)
                schrijf(blad, i, 4, onder.aandeel_productie, formaten["aandeel"])

    boek.close()
    return buffer.getvalue()
