"""The CM-gesprek as a PDF of at most two A4 pages (fpdf2, core fonts, pure Python).

Same figures as the workbook; what does not fit on two pages stays in the workbook and the PDF
says so. Text from data (provider names, explanations) is written as plain text cells: fpdf2
does not interpret markup unless asked (markdown=False), so nothing in it becomes a link, a
format or a command. Core fonts know Latin-1 only: € becomes EUR, other characters are replaced.
"""

from __future__ import annotations

from fpdf import FPDF

from pipelines import opmaak
from pipelines.exports.cm_gesprek import periode_tekst
from pipelines.exports.excel_cm_profiel import CmProfiel, Kerncijfer
from pipelines.exports.printable_report import _cijfer, _geld, _kerncijfer, _kort

MAX_PAGINAS = 2
_VERVANG = str.maketrans(
    {
        "−": "-",
        "≈": "~",
        "€": "EUR",
        "—": "-",
        "–": "-",
        "…": "...",
        "\u00a0": " ",
        "\t": " ",
        "\r": " ",
    }
)


def _tekst(waarde: object) -> str:
    tekst = str(waarde).translate(_VERVANG).replace("\n", " ")
    return tekst.encode("latin-1", errors="replace").decode("latin-1")


class _Rapport(FPDF):
    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("helvetica", "I", 7)
        self.cell(0, 4, _tekst(f"Signaalmonitor Wmo - pagina {self.page_no()}"), align="C")


def _kop(pdf: FPDF, titel: str) -> None:
    pdf.ln(1.5)
    pdf.set_font("helvetica", "B", 10)
    pdf.set_text_color(18, 62, 107)
    pdf.cell(0, 5.5, _tekst(titel), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "", 8)


def _tabel(pdf: FPDF, koppen: list[str], rijen: list[list[str]], breedtes: list[float]) -> None:
    pdf.set_font("helvetica", "B", 7.5)
    pdf.set_fill_color(232, 238, 245)
    for kop, breedte in zip(koppen, breedtes, strict=True):
        pdf.cell(breedte, 4.6, _tekst(kop), border="B", fill=True)
    pdf.ln()
    pdf.set_font("helvetica", "", 7.5)
    for rij in rijen:
        for waarde, breedte in zip(rij, breedtes, strict=True):
            pdf.cell(breedte, 4.2, _tekst(waarde)[: int(breedte * 0.62)], border="B")
        pdf.ln()


def kerncijfer_tekst(k: Kerncijfer) -> str:
    """The provider's figure as shown on the page and in the report ("<5" when shielded)."""
    return _kerncijfer(k)


def peer_tekst(k: Kerncijfer) -> str:
    return _cijfer(k, k.peers)


def _kerntabel(pdf: FPDF, cijfers: list[Kerncijfer]) -> None:
    _tabel(
        pdf,
        ["Kerncijfer", "Aanbieder", "Mediaan peers"],
        [[k.label, _kerncijfer(k), _cijfer(k, k.peers)] for k in cijfers],
        [80, 40, 40],
    )


def _maak(profiel: CmProfiel, max_productie: int, max_signalen: int) -> FPDF:
    pdf = _Rapport(format="A4", unit="mm")
    pdf.set_margins(12, 11, 12)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    periode = profiel.periode or str(profiel.jaar)
    pdf.set_font("helvetica", "B", 14)
    pdf.set_text_color(18, 62, 107)
    pdf.multi_cell(0, 7, _tekst(f"CM-gesprek - {profiel.naam}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(80, 80, 80)
    pdf.set_font("helvetica", "", 8)
    pdf.multi_cell(
        0,
        4,
        _tekst(
            f"AGB {profiel.aanbieder_agb} - {periode_tekst(periode)} - percelen: "
            f"{profiel.percelen} - vergeleken met {profiel.peergroep}"
            + (f" - onderaannemer van {profiel.hoofdaannemer}" if profiel.hoofdaannemer else "")
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    _kop(pdf, f"Agenda: {periode_tekst(periode)}")
    _kerntabel(pdf, profiel.agenda or profiel.kerncijfers)
    if profiel.verantwoording:
        pdf.ln(1)
        pdf.cell(0, 4, _tekst(profiel.verantwoording), new_x="LMARGIN", new_y="NEXT")

    for indeling, titel, kolom in (
        ("gemeente", "Productie per gemeente", "Gemeente"),
        ("perceel", "Productie per perceel", "Perceel"),
    ):
        regels = [r for r in profiel.productie if r.indeling == indeling]
        if not regels:
            continue
        _kop(pdf, titel)
        _tabel(
            pdf,
            [
                kolom,
                "Gedeclareerd",
                "Cliënten",
                "Vorig jaar",
                "Groei",
            ],
            [
                [
                    r.omschrijving,
                    opmaak.euro(r.gedeclareerd_eur),
                    r.clienten_weergave or opmaak.getal(r.aantal_clienten),
                    opmaak.euro(r.vorig_jaar_eur),
                    opmaak.procent(r.groei, teken=True),
                ]
                for r in regels[:max_productie]
            ],
            [62, 32, 24, 32, 22],
        )
        if len(regels) > max_productie:
            pdf.cell(
                0,
                4,
                _tekst(f"en {len(regels) - max_productie} meer (zie Excel)"),
                new_x="LMARGIN",
                new_y="NEXT",
            )

    _kop(pdf, "Gemarkeerde signalen")
    if not profiel.signalen:
        pdf.cell(
            0,
            4,
            _tekst("Geen gemarkeerde signalen voor deze aanbieder in deze periode."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    for s in profiel.signalen[:max_signalen]:
        pdf.set_font("helvetica", "B", 7.5)
        pdf.multi_cell(
            0, 3.8, _tekst(f"{s.indicator} {s.naam} ({_geld(s)})"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("helvetica", "", 7.5)
        pdf.multi_cell(0, 3.6, _tekst(_kort(s.toelichting, 300)), new_x="LMARGIN", new_y="NEXT")
    if len(profiel.signalen) > max_signalen:
        pdf.cell(
            0,
            4,
            _tekst(f"en {len(profiel.signalen) - max_signalen} signalen meer (zie Excel)"),
            new_x="LMARGIN",
            new_y="NEXT",
        )

    _kop(pdf, "Onderaannemers")
    if not profiel.onderaannemers:
        pdf.cell(0, 4, _tekst("Geen onderaannemers bekend."), new_x="LMARGIN", new_y="NEXT")
    else:
        _tabel(
            pdf,
            ["Onderaannemer", "AGB", "Akkoord", "Gedeclareerd", "Aandeel"],
            [
                [
                    o.naam,
                    o.aanbieder_agb,
                    o.akkoord,
                    opmaak.euro(o.gedeclareerd_eur),
                    opmaak.procent(o.aandeel_productie),
                ]
                for o in profiel.onderaannemers[:max_productie]
            ],
            [70, 24, 28, 30, 20],
        )

    _kop(pdf, "Managementinformatie van de aanbieder")
    if not profiel.managementinformatie:
        pdf.cell(
            0,
            4,
            _tekst("Geen managementinformatie aangeleverd voor deze periode."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    else:
        _tabel(
            pdf,
            ["Kenmerk", "Aanbieder", "Onze waarde", "Toelichting"],
            [
                [
                    m.kenmerk,
                    m.waarde_aanbieder,
                    m.onze_waarde or opmaak.LEEG,
                    _kort(m.toelichting, 60),
                ]
                for m in profiel.managementinformatie[:max_productie]
            ],
            [45, 30, 30, 81],
        )

    pdf.ln(2)
    pdf.set_font("helvetica", "I", 7)
    gemaakt = opmaak.datum_tijd(profiel.gegenereerd_op)
    pdf.multi_cell(
        0,
        3.5,
        _tekst(
            f"Gemaakt op {gemaakt}. Alleen geaggregeerde cijfers, geen gegevens op cliëntniveau; "
            "individuele casussen worden in het CM-gesprek niet besproken. Een signaal is een "
            "aanleiding voor het gesprek, geen vaststelling."
            + (f" {profiel.afscherming}" if profiel.afscherming else "")
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return pdf


def cm_rapport_pdf(profiel: CmProfiel) -> bytes:
    """The report as PDF bytes, at most MAX_PAGINAS pages: lists are cut until it fits."""
    for max_productie, max_signalen in ((12, 6), (8, 4), (5, 3), (3, 2), (0, 1)):
        pdf = _maak(profiel, max_productie, max_signalen)
        if pdf.pages_count <= MAX_PAGINAS:
            return bytes(pdf.output())
    raise ValueError("het CM-gesprek past niet op twee pagina's")
