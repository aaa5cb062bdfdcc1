"""The CM-gesprek as one printable A4 page: self-contained HTML that prints cleanly to PDF.

Same figures as the workbook (`excel_cm_profiel.py`), aggregate level only. No scripts or
external resources besides an optional print button; the monthly chart is inline SVG, so the
file opens offline and prints identically in any browser. Long lists are cut to what fits on
one page (the workbook has them in full) and the page says so.
"""

from __future__ import annotations

from html import escape

from pipelines import opmaak
from pipelines.exports.excel_cm_profiel import CmProfiel, Getal, Kerncijfer, SignaalRegel

MAX_SIGNALEN = 5  # one A4 page: more signals go to the Excel export
MAX_MIX = 12
MAX_TOELICHTING = 180


def _geld(s: SignaalRegel) -> str:
    """The signal's euros, saying which kind: hard onrechtmatig, or an estimate (never added)."""
    if s.onrechtmatig_eur:
        return f"{opmaak.euro(s.onrechtmatig_eur)} onrechtmatig"
    if s.geschat_belang_eur:
        return f"≈ {opmaak.euro(s.geschat_belang_eur)} geschat"
    return opmaak.euro(s.financieel_belang)


def _cijfer(k: Kerncijfer, waarde: Getal | None) -> str:
    if k.soort == "eur":
        return opmaak.euro(waarde)
    if k.soort == "aandeel":
        return opmaak.procent(waarde)
    if k.soort == "groei":
        return opmaak.procent(waarde, teken=True)
    if k.soort == "decimaal":
        return opmaak.getal(waarde, 1)
    return opmaak.getal(waarde)


def _kerncijfer(k: Kerncijfer) -> str:
    """The provider's figure, or "<5"/"—" when the view shielded it."""
    if opmaak.is_leeg(k.waarde) and k.weergave:
        return escape(k.weergave)
    return _cijfer(k, k.waarde)


def _kort(tekst: str | None, maximum: int = MAX_TOELICHTING) -> str:
    if not tekst:
        return ""
    return tekst if len(tekst) <= maximum else tekst[: maximum - 1].rstrip() + "…"


def _svg_maanden(profiel: CmProfiel) -> str:
    """A bar chart of monthly euros, 12 bars, drawn as plain SVG."""
    maanden = profiel.per_maand
    if not maanden:
        return '<p class="leeg">Geen declaraties in dit jaar.</p>'
    breedte, hoogte, links, onder = 330.0, 120.0, 44.0, 16.0
    # A shielded month (fewer than 5 clients) gets no bar: its euros are not in the profile.
    waarden = [None if m.gedeclareerd_eur is None else float(m.gedeclareerd_eur) for m in maanden]
    getoond = [w for w in waarden if w is not None]
    if not getoond:
        return '<p class="leeg">Minder dan 5 cliënten: de maanden zijn afgeschermd.</p>'
    hoogste = max(getoond) or 1.0
    stap = (breedte - links) / len(waarden)
    delen = []
    for i, (m, w) in enumerate(zip(maanden, waarden, strict=True)):
        if w is None:
            continue
        h = (hoogte - onder - 6) * w / hoogste
        x = links + i * stap + stap * 0.15
        y = hoogte - onder - h
        delen.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{stap * 0.7:.1f}" height="{h:.1f}" '
            f'fill="#1f5fa8"><title>{escape(opmaak.maand(m.maand))}: '
            f"{opmaak.euro(w)}</title></rect>"
            f'<text x="{x + stap * 0.35:.1f}" y="{hoogte - 4:.1f}" text-anchor="middle" '
            f'font-size="7">{escape(opmaak.maand(m.maand)[:3])}</text>'
        )
    for fractie in (0.0, 0.5, 1.0):
        y = hoogte - onder - (hoogte - onder - 6) * fractie
        delen.append(
            f'<line x1="{links - 3}" x2="{breedte}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#ccc" stroke-width="0.5"/>'
            f'<text x="{links - 5}" y="{y + 2.5:.1f}" text-anchor="end" font-size="7">'
            f"{escape(opmaak.euro(hoogste * fractie))}</text>"
        )
    return (
        f'<svg viewBox="0 0 {breedte:.0f} {hoogte:.0f}" width="100%" role="img" '
        f'aria-label="Gedeclareerd per maand">{"".join(delen)}</svg>'
    )


_CSS = """
@page { size: A4 portrait; margin: 11mm 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 8.6pt;
       color: #1b1b1b; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.pagina { width: 186mm; margin: 0 auto; }
h1 { font-size: 14pt; margin: 0 0 1mm 0; color: #123e6b; }
h2 { font-size: 10pt; margin: 3mm 0 1.2mm 0; color: #123e6b;
     border-bottom: 0.4mm solid #123e6b; padding-bottom: 0.6mm; }
.sub { color: #555; margin: 0 0 1mm 0; }
.kolommen { display: flex; gap: 6mm; }
.kolommen > div { flex: 1 1 0; min-width: 0; }
table { width: 100%; border-collapse: collapse; break-inside: avoid; }
th, td { padding: 0.7mm 1.2mm; border-bottom: 0.2mm solid #d9d9d9; vertical-align: top;
         text-align: left; }
th { background: #e8eef5; font-weight: 600; }
td.getal, th.getal { text-align: right; white-space: nowrap; }
.rood { color: #a61b1b; font-weight: 600; }
.leeg, .voet { color: #666; font-style: italic; }
.voet { margin-top: 3mm; font-size: 7.4pt; border-top: 0.2mm solid #999; padding-top: 1mm; }
.knop { margin: 4mm 0; padding: 2mm 4mm; font-size: 10pt; }
@media print { .geen-print { display: none !important; } }
@media screen { body { background: #f3f3f3; } .pagina { background: #fff; padding: 10mm;
                margin: 5mm auto; box-shadow: 0 0 3mm #bbb; width: 210mm; } }
"""


def _agenda_html(profiel: CmProfiel) -> str:
    """The period's agenda (#13): figures next to the peers, production per gemeente and
    perceel, verantwoording and the provider's own management information; empty without."""
    if not profiel.agenda:
        return ""
    kern = "".join(
        f"<tr><td>{escape(k.label)}</td><td class='getal'>{_kerncijfer(k)}</td>"
        f"<td class='getal'>{_cijfer(k, k.peers)}</td></tr>"
        for k in profiel.agenda
    )
    productie = "".join(
        f"<tr><td>{escape(r.indeling)}</td><td>{escape(r.omschrijving)}</td>"
        f"<td class='getal'>{opmaak.euro(r.gedeclareerd_eur)}</td>"
        f"<td class='getal'>{escape(r.clienten_weergave or opmaak.getal(r.aantal_clienten))}</td>"
        f"<td class='getal'>{opmaak.procent(r.groei, teken=True)}</td></tr>"
        for r in profiel.productie[:MAX_MIX]
    )
    eigen = "".join(
        f"<tr><td>{escape(m.kenmerk)}</td><td>{escape(m.waarde_aanbieder)}</td>"
        f"<td>{escape(m.onze_waarde or opmaak.LEEG)}</td>"
        f"<td>{escape(_kort(m.toelichting, 80))}</td></tr>"
        for m in profiel.managementinformatie
    )
    return (
        f"<h2>Agenda {escape(profiel.periode or '')}</h2><table><thead><tr><th>Kerncijfer</th>"
        "<th class='getal'>Aanbieder</th><th class='getal'>Mediaan peers</th></tr></thead>"
        f"<tbody>{kern}</tbody></table>"
        + (f"<p>{escape(profiel.verantwoording)}</p>" if profiel.verantwoording else "")
        + (
            "<h2>Productie per gemeente en perceel</h2><table><thead><tr><th>Indeling</th>"
            "<th>Gemeente of perceel</th><th class='getal'>Gedeclareerd</th>"
            "<th class='getal'>Cliënten</th><th class='getal'>Groei</th></tr></thead>"
            f"<tbody>{productie}</tbody></table>"
            if productie
            else ""
        )
        + (
            "<h2>Managementinformatie van de aanbieder</h2><table><thead><tr><th>Kenmerk</th>"
            "<th>Aanbieder</th><th>Onze waarde</th><th>Toelichting</th></tr></thead>"
            f"<tbody>{eigen}</tbody></table>"
            if eigen
            else ""
        )
    )


def cm_rapport_html(profiel: CmProfiel, *, met_printknop: bool = True) -> str:
    """The one-page report as a complete HTML document."""
    kern = "".join(
        f"<tr><td>{escape(k.label)}</td><td class='getal'>{_kerncijfer(k)}</td>"
        f"<td class='getal'>{_cijfer(k, k.peers)}</td></tr>"
        for k in profiel.kerncijfers
    )
    mix_regels = profiel.mix[:MAX_MIX]
    mix = "".join(
        f"<tr><td>{escape(r.perceel)}</td><td class='getal'>{opmaak.getal(r.intensiteit)}</td>"
        f"<td class='getal'>{opmaak.procent(r.aandeel)}</td>"
        f"<td class='getal'>{opmaak.procent(r.peer_aandeel)}</td></tr>"
        for r in mix_regels
    )
    if len(profiel.mix) > MAX_MIX:
        meer = len(profiel.mix) - MAX_MIX
        mix += f"<tr><td colspan='4' class='leeg'>en {meer} regels meer (zie Excel)</td></tr>"
    maanden = "".join(
        f"<tr><td>{escape(opmaak.maand(m.maand))}</td>"
        f"<td class='getal'>{opmaak.euro(m.gedeclareerd_eur)}</td>"
        f"<td class='getal'>{escape(m.clienten_weergave or opmaak.getal(m.aantal_clienten))}</td>"
        f"<td class='getal'>{opmaak.getal(m.uren)}</td></tr>"
        for m in profiel.per_maand
    )
    gesorteerd = sorted(
        profiel.signalen, key=lambda s: (not s.gemarkeerd, -(s.financieel_belang or 0))
    )
    signalen = "".join(
        f"<tr><td>{escape(s.indicator)}</td><td>{escape(s.naam)}"
        f"{' <span class=rood>(gemarkeerd)</span>' if s.gemarkeerd else ''}</td>"
        f"<td class='getal'>{_geld(s)}</td>"
        f"<td>{escape(_kort(s.toelichting))}</td></tr>"
        for s in gesorteerd[:MAX_SIGNALEN]
    )
    if not profiel.signalen:
        signalen = (
            "<tr><td colspan='4' class='leeg'>Geen signalen voor deze aanbieder in dit jaar."
            "</td></tr>"
        )
    elif len(gesorteerd) > MAX_SIGNALEN:
        signalen += (
            f"<tr><td colspan='4' class='leeg'>en {len(gesorteerd) - MAX_SIGNALEN} signalen meer "
            "(zie Excel)</td></tr>"
        )
    if profiel.onderaannemers:
        onder = ", ".join(
            f"{escape(o.naam)} ({escape(o.aanbieder_agb)}, {opmaak.euro(o.gedeclareerd_eur)})"
            for o in profiel.onderaannemers[:8]
        )
        if len(profiel.onderaannemers) > 8:
            onder += f" en {len(profiel.onderaannemers) - 8} meer"
    else:
        onder = "Geen onderaannemers bekend."
    hoofd = (
        f"<p class='sub'>Onderaannemer van {escape(profiel.hoofdaannemer)}.</p>"
        if profiel.hoofdaannemer
        else ""
    )
    geladen = (
        f", gegevens geladen t/m {opmaak.datum(profiel.gegevens_tot)}"
        if profiel.gegevens_tot
        else ""
    )
    agenda = _agenda_html(profiel)
    gemaakt = opmaak.datum_tijd(profiel.gegenereerd_op)
    afscherming = f" {escape(profiel.afscherming)}" if profiel.afscherming else ""
    knop = (
        "<button class='knop geen-print' onclick='window.print()'>Afdrukken of opslaan als "
        "PDF</button>"
        if met_printknop
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>CM-gesprek {escape(profiel.naam)} {profiel.jaar}</title>
<style>{_CSS}</style></head>
<body><div class="pagina">
{knop}
<h1>CM-gesprek — {escape(profiel.naam)}</h1>
<p class="sub">AGB {escape(profiel.aanbieder_agb)} · jaar {profiel.jaar} · percelen:
{escape(profiel.percelen)} · vergeleken met {escape(profiel.peergroep)}</p>
{hoofd}
<div class="kolommen">
  <div>
    <h2>Kerncijfers</h2>
    <table><thead><tr><th>Kerncijfer</th><th class="getal">Aanbieder</th>
    <th class="getal">Mediaan peers</th></tr></thead><tbody>{kern}</tbody></table>
    <h2>Product- en intensiteitsmix</h2>
    <table><thead><tr><th>Perceel</th><th class="getal">Intensiteit</th>
    <th class="getal">Aanbieder</th><th class="getal">Peers</th></tr></thead>
    <tbody>{mix or "<tr><td colspan='4' class='leeg'>Geen declaraties.</td></tr>"}</tbody></table>
  </div>
  <div>
    <h2>Gedeclareerd per maand</h2>
    {_svg_maanden(profiel)}
    <table><thead><tr><th>Maand</th><th class="getal">Gedeclareerd</th>
    <th class="getal">Cliënten</th><th class="getal">Uren</th></tr></thead>
    <tbody>{maanden}</tbody></table>
  </div>
</div>
{agenda}
<h2>Signalen</h2>
<table><thead><tr><th>Code</th><th>Signaal</th><th class="getal">Financieel belang</th>
<th>Toelichting</th></tr></thead><tbody>{signalen}</tbody></table>
<h2>Onderaannemers</h2>
<p>{onder}</p>
<p class="voet">Signaalmonitor Wmo · gemaakt op {gemaakt}{geladen}.
Alleen geaggregeerde cijfers, geen gegevens op cliëntniveau. Een signaal is een aanleiding voor
het gesprek, geen vaststelling.{afscherming}</p>
</div></body></html>
"""
